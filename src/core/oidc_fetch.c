/* Talking to an OpenID provider: one JSON answer for one GET or form POST,
 * with libcurl.  Bounded in size and time, so that a slow or hostile
 * provider can hold a sign-in thread for seconds at most; redirects are not
 * followed and only http(s) is spoken (the URLs come from the provider's
 * discovery document and must pass oidc_url_allowed).
 *
 * A provider that does not answer must not take the whole site with it: the
 * requests waiting on providers never hold every request thread, and once
 * one has failed to answer it is not asked again for DOWN_SECONDS, so that
 * clicks on its button meanwhile are answered at once. */
#define _GNU_SOURCE
#include "core/oidc.h"
#include "lib/config.h"
#include "lib/util.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FETCH_MAX (512 * 1024)
#define FETCH_SECONDS 10L
/* A provider's servers accept a connection in well under a second; a silent
 * firewall drop would otherwise keep a thread for the whole FETCH_SECONDS. */
#define CONNECT_SECONDS 3L
#define DOWN_SECONDS 60

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned waiting;                             /* fetches in progress, all providers */
static int64_t down_until[OIDC_MAX_PROVIDERS];       /* not asked again before this time */
static unsigned limit;                               /* oidc_fetch_limit; 0: the default */

void oidc_fetch_limit(unsigned most)
{
	pthread_mutex_lock(&gate_lock);
	limit = most;
	pthread_mutex_unlock(&gate_lock);
}

/* By default at most all request threads but one wait on providers, so that
 * the rest of the site can always be answered (gate_lock held). */
static unsigned waiting_max(void)
{
	if (limit)
		return limit;
	return cfg.threads > 1 ? cfg.threads - 1 : 1;
}

/* 0 when this fetch may go ahead (and is counted as waiting), else -1 with why. */
static int gate_enter(const struct oidc_provider *p, char *why, size_t whysize)
{
	int64_t t = now(), until;
	int ok = 0;
	pthread_mutex_lock(&gate_lock);
	until = down_until[p - oidc_providers];
	if (until > t)
		snprintf(why, whysize, "%s did not answer; not asked again for %lld seconds",
			 p->name, (long long)(until - t));
	else if (waiting >= waiting_max())
		snprintf(why, whysize, "%u requests are already waiting for single sign-on "
			 "providers", waiting);
	else {
		waiting++;
		ok = 1;
	}
	pthread_mutex_unlock(&gate_lock);
	return ok ? 0 : -1;
}

/* A provider that could not be reached (or answered too slowly) is left alone
 * for a while; an answer of any kind, even a refusal, is not a failure here:
 * a made-up code refused by the token endpoint must not shut everyone out. */
static void gate_leave(const struct oidc_provider *p, int reached)
{
	pthread_mutex_lock(&gate_lock);
	waiting--;
	if (!reached)
		down_until[p - oidc_providers] = now() + DOWN_SECONDS;
	pthread_mutex_unlock(&gate_lock);
}

int oidc_prepare(void)
{
	if (oidc_provider_count == 0)
		return 0;
	if (oidc_config_read_secrets() != 0)
		return 1;
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : 1;
}

struct body {
	char *data;
	size_t len;
	int too_big;
};

static size_t write_cb(char *in, size_t size, size_t n, void *arg)
{
	struct body *b = arg;
	size_t got = size * n;
	if (b->len + got > FETCH_MAX) {
		b->too_big = 1;
		return 0;
	}
	b->data = xrealloc(b->data, b->len + got + 1);
	memcpy(b->data + b->len, in, got);
	b->len += got;
	b->data[b->len] = 0;
	return got;
}

static CURL *easy_for(const char *url, struct body *b)
{
	CURL *c = curl_easy_init();
	if (!c)
		return NULL;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, FETCH_SECONDS);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_SECONDS);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "staffroom");
	return c;
}

static json_t *fetch(const char *url, const char *form, const char *user,
		     const char *password, int *reached, char *why, size_t whysize)
{
	struct body b = { 0 };
	struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
	CURL *c = easy_for(url, &b);
	if (!c || !h) {
		snprintf(why, whysize, "libcurl could not start");
		curl_slist_free_all(h);
		curl_easy_cleanup(c);
		return NULL;
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (form)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	if (user) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, password);
	}
	CURLcode rc = curl_easy_perform(c);
	*reached = rc == CURLE_OK;
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	json_t *j = rc == CURLE_OK && b.data ? json_loadb(b.data, b.len, 0, NULL) : NULL;
	if (rc != CURLE_OK)
		snprintf(why, whysize, "%.100s: %s", url,
			 b.too_big ? "answer too long" : curl_easy_strerror(rc));
	else if (!json_is_object(j))
		snprintf(why, whysize, "%.100s: answered HTTP %ld without a JSON object", url,
			 status);
	else if (status != 200) {
		const char *e = json_string_value(json_object_get(j, "error"));
		snprintf(why, whysize, "%.100s: HTTP %ld %.100s", url, status, e ? e : "");
		json_decref(j);
		j = NULL;
	}
	free(b.data);
	if (!json_is_object(j)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

json_t *oidc_fetch_json(const struct oidc_provider *p, const char *url, const char *form,
			const char *user, const char *password, char *why, size_t whysize)
{
	if (!oidc_url_allowed(url)) {
		snprintf(why, whysize, "refused to fetch %.100s: not https", url);
		return NULL;
	}
	if (gate_enter(p, why, whysize) != 0)
		return NULL;
	int reached = 1;
	json_t *j = fetch(url, form, user, password, &reached, why, whysize);
	gate_leave(p, reached);
	return j;
}
