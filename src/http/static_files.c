#define _GNU_SOURCE
#include "http/static_files.h"
#include "lib/config.h"
#include "lib/readfile.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

static const struct { const char *ext, *type; } types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".woff2", "font/woff2" },
};

int static_wanted(const char *path)
{
	return strncmp(path, "/static/", 8) == 0;
}

/* Names are letters, digits, '-', '_' and single dots inside a segment: no
 * "..", no hidden files, no encoded tricks (the path arrives decoded). */
static int safe_name(const char *name)
{
	if (!*name || *name == '.' || *name == '/')
		return 0;
	for (const char *p = name; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' ||
			 *p == '/';
		if (!ok || (*p == '.' && (p[1] == '.' || p[-1] == '/')) ||
		    (*p == '/' && (p[1] == '/' || p[1] == 0)))
			return 0;
	}
	return 1;
}

static const char *type_of(const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t e = strlen(types[i].ext);
		if (n > e && strcmp(name + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return NULL;
}

/* The files are read once at start-up (static_preload), while the install
 * directory is still readable: the server then runs as another user. */
struct static_file {
	char *name;
	const char *type;
	char *data;
	size_t len;
};

static struct static_file *files;
static size_t nfiles;
static int preloaded;

static int load_one(const char *dir, const char *name)
{
	const char *type = type_of(name);
	if (!safe_name(name) || !type)
		return 0;
	char *full = xasprintf("%s/%s", dir, name);
	struct stat st;
	size_t got = 0;
	/* Regular files only: reading a FIFO or a device would never end. */
	char *buf = stat(full, &st) == 0 && S_ISREG(st.st_mode)
			    ? read_whole_file(full, &got, 4 * 1024 * 1024)
			    : NULL;
	free(full);
	if (!buf)
		return 0;
	files = xrealloc(files, (nfiles + 1) * sizeof *files);
	files[nfiles++] = (struct static_file){ xstrdup(name), type, buf, got };
	return 0;
}

int static_preload(void)
{
	char *dir = share_path("static");
	DIR *d = opendir(dir);
	if (!d) {
		free(dir);
		return -1;
	}
	for (struct dirent *e = readdir(d); e; e = readdir(d))
		load_one(dir, e->d_name);
	closedir(d);
	preloaded = 1;
	free(dir);
	return 0;
}

void static_serve(const char *path, struct reply *rp)
{
	const char *name = path + 8;
	if (!safe_name(name) || !type_of(name)) {
		reply_not_found(rp);
		return;
	}
	/* A CGI process reads only the one file it was asked for. */
	if (!preloaded && !strchr(name, '/')) { /* as static_preload: no folders */
		char *dir = share_path("static");
		load_one(dir, name);
		free(dir);
	}
	for (size_t i = 0; i < nfiles; i++)
		if (strcmp(files[i].name, name) == 0) {
			char *copy = xmalloc(files[i].len + 1);
			memcpy(copy, files[i].data, files[i].len);
			reply_raw(rp, files[i].type, copy, files[i].len);
			rp->inline_ok = 1;
			return;
		}
	reply_not_found(rp);
}
