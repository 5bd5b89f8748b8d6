#define _GNU_SOURCE
#include "lib/config.h"
#include "lib/util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct config cfg;

/* Where templates, static files and schema.sql live: ../share/staffroom
 * after `make install`, or the source tree above build/staffroom. */
static const char *find_share_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX - 64], probe[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;
	if (n <= 0)
		return ".";
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	static const char *const suffix[] = { "/../share/staffroom", "/..", "" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(dir, sizeof dir, "%s%s", exe, suffix[i]);
		snprintf(probe, sizeof probe, "%s/schema.sql", dir);
		if (stat(probe, &st) == 0)
			return dir;
	}
	return ".";
}

void config_defaults(void)
{
	cfg.listen = "127.0.0.1:8080";
	cfg.share_dir = find_share_dir();
	cfg.threads = 0; /* each front end's own default (config.h) */
	cfg.max_connections = 512;
	cfg.max_per_address = 64;
	/* 32 KiB holds any browser's request line and headers (at most half the
	 * buffer) and keeps 1,000 idle keep-alive connections near 32 MB. */
	cfg.connection_memory = 32 * 1024;
	cfg.connection_timeout = 30;
	/* As Apache's mod_reqtimeout (header=20-40,MinRate=500; body=20,MinRate=500),
	 * a little stricter on the headers, which any client sends at once. */
	cfg.header_timeout = 10;
	cfg.body_min_rate = 500;
	cfg.max_arriving_per_address = 8;
	cfg.form_max = 1024 * 1024;
	cfg.upload_max = 10 * 1024 * 1024;
	cfg.upload_files = 5;
	cfg.session_idle = 30 * 60;
	cfg.session_lifetime = 12 * 60 * 60;
	cfg.cookie_secure = 0;
	cfg.seccomp = 1;
}

char *share_path(const char *rel)
{
	return xasprintf("%s/%s", cfg.share_dir, rel);
}
