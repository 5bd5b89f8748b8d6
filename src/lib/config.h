/* Settings of the running program: defaults a school can run with, then the
 * configuration file (config_file.c), then the command line, which wins.
 * Limits are explicit here rather than left to the libraries' defaults. */
#ifndef STAFFROOM_CONFIG_H
#define STAFFROOM_CONFIG_H

#include <stddef.h>

struct config {
	const char *db_path;
	const char *listen;           /* host:port; port 0 picks a free one */
	const char *share_dir;        /* holds templates/, static/, schema.sql */
	const char *key_file;         /* the credential vault's key */
	const char *audit_anchor_file; /* the audit log's heads, appended outside the database */
	int audit_syslog;             /* copy each audit row to syslog as it commits */
	unsigned threads;             /* request threads; 0 until the front end sets its default:
				 * the cores for the embedded server, 4 for FastCGI */
	unsigned max_connections;
	unsigned max_per_address;
	size_t connection_memory;     /* bytes of buffer per connection */
	unsigned connection_timeout;  /* seconds without traffic */
	unsigned header_timeout;      /* seconds for a request's headers to arrive (arrival.h) */
	unsigned body_min_rate;       /* bytes a second a body must average, after header_timeout */
	unsigned max_arriving_per_address; /* connections from one address whose request is not all
					      in */
	size_t form_max;              /* a url-encoded body */
	size_t upload_max;            /* one uploaded file */
	unsigned upload_files;        /* files in one request */
	const char *clamav_db;        /* ClamAV signatures: scan every upload (malware_scan.h) */
	unsigned session_idle;        /* seconds */
	unsigned session_lifetime;    /* seconds */
	int cookie_secure;
	const char *run_as;           /* drop root for this user after start-up */
	int seccomp;                  /* install the system-call filter (default on) */
	int seccomp_selftest;         /* make a forbidden call after the filter (tests) */
	const char *tls_cert;         /* PEM files: serve HTTPS (the cookie is then Secure) */
	const char *tls_key;
	const char *socket_group;     /* FastCGI unix socket: this group may connect */
	const char *base_url; /* how people reach staffroom, for links in e-mail; no final / */
	const char *school_name;      /* when set, overrides the settings table's school_name */
	const char *smtp_url;         /* smtp://host:587 (STARTTLS) or smtps://host:465 */
	const char *smtp_user;
	const char *smtp_password_file;
	const char *mail_from;
	const char *trusted_proxy;    /* addresses whose X-Real-IP / X-Forwarded-For is believed */
	int one_request;              /* CGI: this process answers one request, and keeps
					 nothing (no provider's settings) for the next */
};

extern struct config cfg;

void config_defaults(void);
/* Path of a file in the share directory (templates/x.tpl, static/y, schema.sql). */
char *share_path(const char *rel);

#endif
