#define _GNU_SOURCE
#include "lib/secret_file.h"
#include "lib/util.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Anyone on the machine could read the secret, or put their own in its place
 * (a relay or provider of theirs): refused rather than used. */
int secret_file_open_to_others(const char *what, const char *path, const struct stat *st)
{
	if (!(st->st_mode & S_IRWXO))
		return 0;
	fprintf(stderr,
		"staffroom: %s %s can be read or changed by other users (mode %03o): "
		"run 'chmod 600 %s' (or 640 for a service group), then start again\n",
		what, path, (unsigned)(st->st_mode & 0777), path);
	return 1;
}

char *secret_file_first_line(const char *what, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "staffroom: cannot read %s %s: %s\n", what, path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || secret_file_open_to_others(what, path, &st)) {
		fclose(f);
		return NULL;
	}
	char buf[1024];
	char *line =
		fgets(buf, sizeof buf, f) ? (buf[strcspn(buf, "\r\n")] = 0, xstrdup(buf)) : NULL;
	sodium_memzero(buf, sizeof buf);
	fclose(f);
	if (line && !line[0]) {
		free(line);
		line = NULL;
	}
	if (!line)
		fprintf(stderr, "staffroom: %s %s is empty: put the secret on its first line\n",
			what, path);
	return line;
}
