/* The single sign-on providers of the configuration file: "oidc.NAME.KEY =
 * value" lines, one group of keys a provider.  The client secret is named by
 * a file, never given as a value, so that it is on no command line and in no
 * configuration file shown to anyone (as smtp_password_file). */
#define _GNU_SOURCE
#include "lib/oidc_config.h"
#include "lib/secret_file.h"
#include "lib/util.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct oidc_provider oidc_providers[OIDC_MAX_PROVIDERS];
size_t oidc_provider_count;

int oidc_name_valid(const char *name, size_t len)
{
	if (len == 0 || len > OIDC_NAME_MAX)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!islower((unsigned char)name[i]) && !isdigit((unsigned char)name[i]) &&
		    name[i] != '-')
			return 0;
	return 1;
}

const struct oidc_provider *oidc_provider_named(const char *name)
{
	for (size_t i = 0; i < oidc_provider_count; i++)
		if (strcmp(oidc_providers[i].name, name) == 0)
			return &oidc_providers[i];
	return NULL;
}

static struct oidc_provider *provider_for(const char *name, size_t len)
{
	for (size_t i = 0; i < oidc_provider_count; i++)
		if (strlen(oidc_providers[i].name) == len &&
		    memcmp(oidc_providers[i].name, name, len) == 0)
			return &oidc_providers[i];
	if (oidc_provider_count == OIDC_MAX_PROVIDERS)
		return NULL;
	struct oidc_provider *p = &oidc_providers[oidc_provider_count++];
	memcpy(p->name, name, len);
	p->name[len] = 0;
	return p;
}

/* 1 when host is an IPv4 address in 127.0.0.0/8 (not a name that merely starts with "127."). */
static int loopback_address(const char *host)
{
	struct in_addr a;
	return inet_pton(AF_INET, host, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

/* Only an address on this machine may be reached without TLS: the tests'
 * provider.  Anywhere else the ID token's keys and the client secret travel
 * over the network and must not be readable or replaceable on the way.  The
 * URL is read by libcurl's own parser, the one that will fetch it, so that
 * the host checked is the host reached ("http://127.0.0.1:1@elsewhere" is
 * elsewhere).  A user name or password in it is refused: a provider's URLs
 * never hold one, and it is how such a URL hides its real host. */
int oidc_url_allowed(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *user = NULL, *password = NULL;
	int ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		 curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		 curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && *host &&
		 curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_NO_USER &&
		 curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_NO_PASSWORD &&
		 (strcmp(scheme, "https") == 0 ||
		  (strcmp(scheme, "http") == 0 && loopback_address(host)));
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(password);
	curl_url_cleanup(u);
	return ok;
}

static int plain_value(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return *v && strlen(v) < 1000;
}

static const char *problem(const char *k, const char *v)
{
	if (!plain_value(v))
		return "must be one line of text";
	if (strcmp(k, "issuer") == 0 && (!oidc_url_allowed(v) || strpbrk(v, " \"<>")))
		return "must start with https:// and hold no user name (http:// only to a "
		       "127.x.x.x address, for tests)";
	if (strcmp(k, "claim") == 0 && strcmp(v, "email") != 0 &&
	    strcmp(v, "preferred_username") != 0 && strcmp(v, "upn") != 0)
		return "must be email, preferred_username or upn";
	if (strcmp(k, "client_auth") == 0 && strcmp(v, "client_secret_basic") != 0 &&
	    strcmp(v, "client_secret_post") != 0)
		return "must be client_secret_basic or client_secret_post";
	return NULL;
}

static const char **slot(struct oidc_provider *p, const char *k)
{
	static const char *auth_value;
	if (strcmp(k, "label") == 0)
		return &p->label;
	if (strcmp(k, "issuer") == 0)
		return &p->issuer;
	if (strcmp(k, "client_id") == 0)
		return &p->client_id;
	if (strcmp(k, "client_secret_file") == 0)
		return &p->client_secret_file;
	if (strcmp(k, "domains") == 0)
		return &p->domains;
	if (strcmp(k, "claim") == 0)
		return &p->claim;
	if (strcmp(k, "client_auth") == 0)
		return &auth_value;
	return NULL;
}

int oidc_config_set(const char *key, const char *value, int *rc, char *err, size_t errsize)
{
	if (strncmp(key, "oidc.", 5) != 0)
		return 0;
	const char *name = key + 5, *dot = strchr(name, '.');
	*rc = -1;
	if (!dot || !oidc_name_valid(name, (size_t)(dot - name))) {
		snprintf(err, errsize, "%.60s: write oidc.NAME.KEY, NAME in lower-case letters, "
			 "digits and '-'", key);
		return 1;
	}
	struct oidc_provider *p = provider_for(name, (size_t)(dot - name));
	const char *k = dot + 1, **where = p ? slot(p, k) : NULL, *why = problem(k, value);
	if (!p)
		snprintf(err, errsize, "at most %d single sign-on providers", OIDC_MAX_PROVIDERS);
	else if (!where)
		snprintf(err, errsize, "unknown setting '%.60s'", key);
	else if (*where && strcmp(k, "client_auth") != 0)
		snprintf(err, errsize, "%.60s is already set", key);
	else if (why)
		snprintf(err, errsize, "%.60s %s", key, why);
	else {
		*where = xstrdup(value);
		if (strcmp(k, "client_auth") == 0)
			p->secret_post = strcmp(value, "client_secret_post") == 0;
		if (strcmp(k, "issuer") == 0)
			for (char *w = (char *)*where, *e = w + strlen(w);
			     e > w + 8 && e[-1] == '/';)
				*--e = 0;
		*rc = 0;
	}
	return 1;
}

int oidc_config_check(char *err, size_t errsize)
{
	for (size_t i = 0; i < oidc_provider_count; i++) {
		const struct oidc_provider *p = &oidc_providers[i];
		const char *missing = !p->issuer	       ? "issuer"
				      : !p->client_id	       ? "client_id"
				      : !p->client_secret_file ? "client_secret_file"
				      : !p->domains	       ? "domains"
							       : NULL;
		if (missing) {
			snprintf(err, errsize, "oidc.%s.%s is missing", p->name, missing);
			return -1;
		}
		if (!p->label)
			oidc_providers[i].label = p->name;
		if (!p->claim)
			oidc_providers[i].claim = "email";
	}
	return 0;
}

int oidc_config_read_secrets(void)
{
	for (size_t i = 0; i < oidc_provider_count; i++) {
		struct oidc_provider *p = &oidc_providers[i];
		char *what = xasprintf("oidc.%s.client_secret_file", p->name);
		char *secret = secret_file_first_line(what, p->client_secret_file);
		free(what);
		if (!secret)
			return -1;
		if (p->client_secret)
			sodium_memzero(p->client_secret, strlen(p->client_secret));
		free(p->client_secret);
		p->client_secret = secret;
	}
	return 0;
}

int oidc_domain_listed(const struct oidc_provider *p, const char *domain)
{
	size_t dlen = strlen(domain);
	for (const char *d = p->domains; dlen && *d;) {
		d += strspn(d, " ,");
		size_t n = strcspn(d, " ,");
		if (n && n == dlen && strncasecmp(d, domain, n) == 0)
			return 1;
		d += n;
	}
	return 0;
}

int oidc_domain_allowed(const struct oidc_provider *p, const char *email)
{
	const char *at = strrchr(email, '@');
	return at && oidc_domain_listed(p, at + 1);
}

/* Of the providers staffroom knows (docs/DEPLOY.md), only Google names people
 * by the email claim: Entra's is not verified, so it is named by
 * preferred_username or upn. */
int oidc_is_google(const struct oidc_provider *p)
{
	return strcmp(p->claim, "email") == 0;
}
