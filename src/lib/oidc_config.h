/* The single sign-on providers named in the configuration file, as
 * "oidc.NAME.KEY = value" lines (docs/DEPLOY.md, "Single sign-on").  Only
 * the configuration: the protocol is core/oidc.h. */
#ifndef STAFFROOM_OIDC_CONFIG_H
#define STAFFROOM_OIDC_CONFIG_H

#include <stddef.h>

#define OIDC_MAX_PROVIDERS 8
#define OIDC_NAME_MAX 32

struct oidc_provider {
	char name[OIDC_NAME_MAX + 1];   /* in paths: /login/oidc/NAME */
	const char *label;              /* "Microsoft 365" */
	const char *issuer;             /* no final / */
	const char *client_id;
	const char *client_secret_file;
	const char *domains;            /* "school.example, staff.school.example" */
	const char *claim;              /* email, preferred_username or upn */
	int secret_post;                /* client_secret_post, else client_secret_basic */
	char *client_secret;            /* read by oidc_config_read_secrets */
};

extern struct oidc_provider oidc_providers[OIDC_MAX_PROVIDERS];
extern size_t oidc_provider_count;

/* A "oidc.NAME.KEY" setting: 1 when key is one (stored, or err set and -1), 0 when not. */
int oidc_config_set(const char *key, const char *value, int *rc, char *err, size_t errsize);
/* Every provider has what it needs; -1 with err set otherwise. */
int oidc_config_check(char *err, size_t errsize);
/* Reads each client secret from its file (before the sandbox); -1 with a message on stderr. */
int oidc_config_read_secrets(void);
const struct oidc_provider *oidc_provider_named(const char *name);
/* 1 when NAME is a well-formed provider name (lower-case letters, digits, '-'). */
int oidc_name_valid(const char *name, size_t len);
/* 1 when the address's domain is one of the provider's allowed domains. */
int oidc_domain_allowed(const struct oidc_provider *p, const char *email);
/* 1 when the domain (no '@') is one of them, in any case. */
int oidc_domain_listed(const struct oidc_provider *p, const char *domain);
/* 1 for a Google provider (claim = email): its ID tokens say in hd which
 * Workspace hosts the account. */
int oidc_is_google(const struct oidc_provider *p);
/* https://, or http:// to a loopback address (127.x.x.x: the tests' own provider); no
 * user name or password in it.  Read with libcurl's URL parser. */
int oidc_url_allowed(const char *url);

#endif
