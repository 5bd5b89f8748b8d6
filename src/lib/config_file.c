#define _GNU_SOURCE
#include "lib/config_file.h"
#include "lib/inet_listen.h"
#include "lib/client_address.h"
#include "lib/config.h"
#include "lib/oidc_config.h"
#include "lib/readfile.h"
#include "lib/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MiB (1024UL * 1024UL)

const struct setting settings_table[] = {
	{ "db", S_PATH, &cfg.db_path, 0, 0, "the database file" },
	{ "key_file", S_PATH, &cfg.key_file, 0, 0,
	  "the credential vault's key (default: the database's name plus .key)" },
	{ "audit_anchor_file", S_PATH, &cfg.audit_anchor_file, 0, 0,
	  "where the audit log's head is appended (default: the database's name plus .anchors)" },
	{ "audit_syslog", S_BOOL, &cfg.audit_syslog, 0, 1,
	  "copy each audit log row to syslog (the journal) as it is committed" },
	{ "listen", S_LISTEN, &cfg.listen, 0, 0,
	  "HOST:PORT; fastcgi also unix:/path or stdin (default 127.0.0.1:8080)" },
	{ "threads", S_UINT, &cfg.threads, 1, 256,
	  "request threads (default: one a core; FastCGI 4)" },
	{ "max_connections", S_UINT, &cfg.max_connections, 1, 100000,
	  "connections in all (default 512)" },
	{ "max_per_address", S_UINT, &cfg.max_per_address, 1, 100000,
	  "connections from one address (default 64)" },
	{ "connection_memory", S_SIZE, &cfg.connection_memory, 16 * 1024, 1 * MiB,
	  "bytes of buffer per connection; a request's headers get at most half (default 32768)" },
	{ "connection_timeout", S_UINT, &cfg.connection_timeout, 1, 3600,
	  "seconds of silence before a connection is dropped (default 30)" },
	{ "header_timeout", S_UINT, &cfg.header_timeout, 1, 600,
	  "serve: seconds a request's headers may take to arrive, also the idle time allowed "
	  "between requests (default 10)" },
	{ "body_min_rate", S_UINT, &cfg.body_min_rate, 1, 100 * 1024 * 1024,
	  "serve: bytes a second a request's body must average once header_timeout has passed "
	  "(default 500)" },
	{ "max_arriving_per_address", S_UINT, &cfg.max_arriving_per_address, 1, 100000,
	  "serve: connections from one address whose request has not all arrived (default 8); all "
	  "addresses together: half of max_connections" },
	{ "form_max", S_SIZE, &cfg.form_max, 1024, 64 * MiB,
	  "bytes of form fields in one request (default 1048576)" },
	{ "upload_max", S_SIZE, &cfg.upload_max, 1024, 1024 * MiB,
	  "bytes in one uploaded file (default 10485760)" },
	{ "upload_files", S_UINT, &cfg.upload_files, 0, 50, "files in one request (default 5)" },
	{ "clamav_db", S_PATH, &cfg.clamav_db, 0, 0,
	  "a folder of ClamAV virus signatures (e.g. /var/lib/clamav): every uploaded file is "
	  "scanned, and serve and fastcgi refuse to start without them (default: no scanning)" },
	{ "session_idle", S_UINT, &cfg.session_idle, 1, 86400UL * 30,
	  "seconds a session may be idle (default 1800)" },
	{ "session_lifetime", S_UINT, &cfg.session_lifetime, 1, 86400UL * 90,
	  "seconds a session lasts at most (default 43200)" },
	{ "secure_cookies", S_BOOL, &cfg.cookie_secure, 0, 1,
	  "mark the session cookie Secure (behind HTTPS; automatic with TLS)" },
	{ "tls_cert", S_PATH, &cfg.tls_cert, 0, 0,
	  "serve: HTTPS with this certificate chain (PEM)" },
	{ "tls_key", S_PATH, &cfg.tls_key, 0, 0, "serve: the certificate's private key (PEM)" },
	{ "user", S_TEXT, &cfg.run_as, 0, 0, "started as root: become this user once listening" },
	{ "socket_group", S_TEXT, &cfg.socket_group, 0, 0,
	  "fastcgi on unix:/path: the group that may connect (the web server's)" },
	{ "share", S_PATH, &cfg.share_dir, 0, 0, "where templates/, static/ and schema.sql are" },
	{ "base_url", S_URL, &cfg.base_url, 0, 0,
	  "the address people use, e.g. https://staff.school.example" },
	{ "school_name", S_TEXT, &cfg.school_name, 0, 0,
	  "the school's name (overrides the name in the settings page)" },
	{ "smtp_url", S_SMTP_URL, &cfg.smtp_url, 0, 0,
	  "mail relay: smtp://host:587 (STARTTLS) or smtps://host:465" },
	{ "smtp_user", S_TEXT, &cfg.smtp_user, 0, 0, "mail relay user name" },
	{ "smtp_password_file", S_PATH, &cfg.smtp_password_file, 0, 0,
	  "file holding the mail relay password" },
	{ "mail_from", S_EMAIL, &cfg.mail_from, 0, 0, "sender address of staffroom's e-mail" },
	{ "trusted_proxy", S_ADDRESSES, &cfg.trusted_proxy, 0, 0,
	  "addresses of reverse proxies whose X-Real-IP / X-Forwarded-For header gives the "
	  "client's address" },
};
const size_t settings_count = sizeof settings_table / sizeof settings_table[0];

/* Strings given by the file or the flags stay reachable until exit. */
static char *owned[64];
static size_t nowned;

static const char *keep(const char *v)
{
	char *copy = xstrdup(v);
	if (nowned < sizeof owned / sizeof owned[0])
		owned[nowned++] = copy;
	return copy;
}

const struct setting *config_find(const char *key)
{
	for (size_t i = 0; i < settings_count; i++)
		if (strcmp(settings_table[i].key, key) == 0)
			return &settings_table[i];
	return NULL;
}

static int one_line_text(const char *v, size_t max)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return utf8_valid(v, strlen(v)) && utf8_chars(v) <= max;
}

static int no_spaces(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static int set_number(const struct setting *s, const char *v, char *err, size_t errsize)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end || errno || n < s->lo || n > s->hi) {
		snprintf(err, errsize, "%s must be a whole number from %lu to %lu", s->key, s->lo,
			 s->hi);
		return -1;
	}
	if (s->type == S_SIZE)
		*(size_t *)s->where = n;
	else
		*(unsigned *)s->where = (unsigned)n;
	return 0;
}

static int set_bool(const struct setting *s, const char *v, char *err, size_t errsize)
{
	static const char *const yes[] = { "yes", "true", "on", "1" }, *const no[] = { "no",
										       "false",
										       "off", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
			*(int *)s->where = strcmp(v, yes[i]) == 0;
			return 0;
		}
	}
	snprintf(err, errsize, "%s must be yes or no", s->key);
	return -1;
}

static int valid_listen(const char *v)
{
	if (strcmp(v, "stdin") == 0)
		return 1;
	if (strncmp(v, "unix:", 5) == 0)
		return v[5] == '/' && strlen(v) < 5 + 108 && no_spaces(v);
	struct sockaddr_storage ss;
	int v6;
	return inet_listen_parse(v, &ss, &v6) == 0;
}

static int valid_email(const char *v)
{
	const char *at = strchr(v, '@');
	return at && at > v && !strchr(at + 1, '@') && strchr(at + 1, '.') && no_spaces(v) &&
	       !strpbrk(v, "<>()[]\\,;:\"");
}

/* Why a string value does not fit, or NULL. */
static const char *string_problem(const struct setting *s, const char *v)
{
	switch (s->type) {
	case S_PATH:
		return *v && one_line_text(v, 4096) ? NULL : "must be a file or directory name";
	case S_TEXT:
		return *v && one_line_text(v, 200)
			       ? NULL
			       : "must be one line of text (at most 200 characters)";
	case S_LISTEN:
		return valid_listen(v) ? NULL
				       : "must be an IP address and a port (e.g. 127.0.0.1:8080, "
					 "[::1]:8080), unix:/absolute/path or stdin";
	case S_URL:
		return (strncmp(v, "https://", 8) == 0 || strncmp(v, "http://", 7) == 0) &&
				       strlen(v) > 8 && no_spaces(v) && strlen(v) < 2000
			       ? NULL
			       : "must start with https:// (or http://) and hold no spaces";
	case S_SMTP_URL:
		return (strncmp(v, "smtp://", 7) == 0 || strncmp(v, "smtps://", 8) == 0) &&
				       strlen(v) > 8 && no_spaces(v) && strlen(v) < 2000
			       ? NULL
			       : "must start with smtp:// or smtps:// and hold no spaces";
	case S_EMAIL:
		return valid_email(v) && strlen(v) < 255 ? NULL : "must be an e-mail address";
	case S_ADDRESSES:
		return strlen(v) < 2000 && address_list_valid(v) ? NULL
			: "must be IP addresses separated by commas, e.g. 127.0.0.1, ::1";
	default:
		return "is not valid";
	}
}

int config_set(const struct setting *s, const char *value, char *err, size_t errsize)
{
	if (s->type == S_UINT || s->type == S_SIZE)
		return set_number(s, value, err, errsize);
	if (s->type == S_BOOL)
		return set_bool(s, value, err, errsize);
	const char *why = string_problem(s, value);
	if (why) {
		snprintf(err, errsize, "%s %s", s->key, why);
		return -1;
	}
	const char *v = keep(value);
	/* One form for the base URL, so that links are built the same way. */
	if (s->type == S_URL) {
		char *w = (char *)v;
		for (size_t n = strlen(w); n > 8 && w[n - 1] == '/'; n--)
			w[n - 1] = 0;
	}
	*(const char **)s->where = v;
	return 0;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

/* One line, already cut out and NUL-terminated.  seen[] holds the line
 * each setting was given on, to refuse a second one. */
static int parse_line(char *line, unsigned lineno, unsigned *seen, char *err, size_t errsize)
{
	char why[200];
	line = trim(line);
	if (!*line || *line == '#')
		return 0;
	char *eq = strchr(line, '=');
	if (!eq) {
		snprintf(err, errsize, "%u: expected 'key = value'", lineno);
		return -1;
	}
	*eq = 0;
	char *key = trim(line), *value = trim(eq + 1);
	int oidc_rc;
	if (oidc_config_set(key, value, &oidc_rc, why, sizeof why)) {
		if (oidc_rc != 0)
			snprintf(err, errsize, "%u: %s", lineno, why);
		return oidc_rc;
	}
	const struct setting *s = config_find(key);
	if (!s) {
		snprintf(err, errsize, "%u: unknown setting '%.60s'", lineno, key);
		return -1;
	}
	size_t idx = (size_t)(s - settings_table);
	if (seen[idx]) {
		snprintf(err, errsize, "%u: %s is already set on line %u", lineno, key, seen[idx]);
		return -1;
	}
	seen[idx] = lineno;
	if (config_set(s, value, why, sizeof why) != 0) {
		snprintf(err, errsize, "%u: %s", lineno, why);
		return -1;
	}
	return 0;
}

#define SETTINGS_N (sizeof settings_table / sizeof settings_table[0])

/* The file read, and the line each setting came from (0: the default or a
 * flag), so that a problem found later, between two settings, names them. */
static char *file_path;
static unsigned file_line[SETTINGS_N];

static int parse_text(const char *text, size_t len, unsigned *seen, char *err, size_t errsize)
{
	unsigned lineno = 0;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		lineno++;
		if (memchr(text + pos, 0, n)) {
			snprintf(err, errsize, "%u: the line holds a NUL byte", lineno);
			return -1;
		}
		char *line = xstrndup(text + pos, n);
		int rc = parse_line(line, lineno, seen, err, errsize);
		free(line);
		if (rc != 0)
			return -1;
		pos += n + 1;
	}
	return 0;
}

int config_parse(const char *text, size_t len, char *err, size_t errsize)
{
	unsigned seen[SETTINGS_N] = { 0 };
	return parse_text(text, len, seen, err, errsize);
}

int config_load(const char *path)
{
	size_t len;
	char err[300];
	char *text = read_whole_file(path, &len, 1 << 20);
	if (!text) {
		fprintf(stderr, "staffroom: cannot read the configuration file %s\n", path);
		return -1;
	}
	int rc = parse_text(text, len, file_line, err, sizeof err);
	free(text);
	if (rc != 0)
		fprintf(stderr, "staffroom: %s:%s\n", path, err);
	free(file_path);
	file_path = xstrdup(path);
	return rc;
}

void config_set_by_flag(const struct setting *s)
{
	file_line[s - settings_table] = 0;
}

/* The later of the two keys' lines in the file, 0 when neither is there. */
static unsigned line_of(const char *a, const char *b)
{
	unsigned la = file_line[config_find(a) - settings_table];
	unsigned lb = file_line[config_find(b) - settings_table];
	return la > lb ? la : lb;
}

/* why, led by the file and line when one of the keys came from the file:
 * CONFIG_IN_FILE then, else -1 (both came from flags). */
static int problem(unsigned line, const char *why, char *err, size_t errsize)
{
	if (!line) {
		snprintf(err, errsize, "%s", why);
		return -1;
	}
	snprintf(err, errsize, "%s:%u: %s", file_path, line, why);
	return CONFIG_IN_FILE;
}

int config_check(char *err, size_t errsize)
{
	char why[200];
	if (!cfg.tls_cert != !cfg.tls_key)
		return problem(line_of("tls_cert", "tls_key"),
			       "tls_cert and tls_key go together: give both or neither", err,
			       errsize);
	if (cfg.session_idle > cfg.session_lifetime) {
		snprintf(why, sizeof why, "session_idle (%u) is longer than session_lifetime (%u)",
			 cfg.session_idle, cfg.session_lifetime);
		return problem(line_of("session_idle", "session_lifetime"), why, err, errsize);
	}
	if (cfg.tls_cert)
		cfg.cookie_secure = 1;
	/* oidc.NAME.* keys are given in the file only (or parsed from text, in tests). */
	if (oidc_config_check(why, sizeof why) == 0)
		return 0;
	if (!file_path)
		return problem(0, why, err, errsize);
	snprintf(err, errsize, "%s: %s", file_path, why);
	return CONFIG_IN_FILE;
}
