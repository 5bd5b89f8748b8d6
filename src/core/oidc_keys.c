/* What a provider publishes, kept in memory: its discovery document
 * (ISSUER/.well-known/openid-configuration, OpenID Connect Discovery 1.0
 * §4) and its signing keys (the JWKS at jwks_uri).  The keys are fetched
 * again once when a token names a kid not in the set: providers rotate keys
 * and publish the new one before signing with it.  Fetches happen outside
 * the lock; the lock only guards swapping what is cached, and which
 * provider's discovery document is being fetched (by one request at a time). */
#define _GNU_SOURCE
#include "core/oidc.h"
#include "lib/util.h"

#include <cjose/cjose.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static json_t *discovered[OIDC_MAX_PROVIDERS], *keysets[OIDC_MAX_PROVIDERS];
static int discovering[OIDC_MAX_PROVIDERS];

static size_t slot_of(const struct oidc_provider *p)
{
	return (size_t)(p - oidc_providers);
}

/* Every endpoint must be reachable as the issuer is: https, or loopback. */
static const char *discovery_problem(const struct oidc_provider *p, json_t *d)
{
	static const char *const urls[] = { "authorization_endpoint", "token_endpoint",
					    "jwks_uri" };
	const char *iss = json_string_value(json_object_get(d, "issuer"));
	if (!iss || strcmp(iss, p->issuer) != 0)
		return "its issuer differs from the configured one";
	for (size_t i = 0; i < 3; i++) {
		const char *u = json_string_value(json_object_get(d, urls[i]));
		if (!u || !oidc_url_allowed(u))
			return "an endpoint is missing or not https";
	}
	const char *end = json_string_value(json_object_get(d, "end_session_endpoint"));
	if (end && !oidc_url_allowed(end))
		json_object_del(d, "end_session_endpoint");
	return NULL;
}

json_t *oidc_discovery_cached(const struct oidc_provider *p)
{
	pthread_mutex_lock(&lock);
	json_t *d = json_incref(discovered[slot_of(p)]);
	pthread_mutex_unlock(&lock);
	return d;
}

/* 1 when this request is the one to fetch the document; 0 when another
 * already is: one waiting request is enough, the others answer at once. */
static int claim_discovery(const struct oidc_provider *p, char *why, size_t whysize)
{
	pthread_mutex_lock(&lock);
	int mine = !discovering[slot_of(p)];
	discovering[slot_of(p)] = 1;
	pthread_mutex_unlock(&lock);
	if (!mine)
		snprintf(why, whysize, "%s is already being asked for its discovery document",
			 p->name);
	return mine;
}

static json_t *fetch_discovery(const struct oidc_provider *p, char *why, size_t whysize)
{
	char *url = xasprintf("%s/.well-known/openid-configuration", p->issuer);
	json_t *d = oidc_fetch_json(p, url, NULL, NULL, NULL, why, whysize);
	free(url);
	const char *bad = d ? discovery_problem(p, d) : NULL;
	if (bad) {
		snprintf(why, whysize, "discovery document of %s: %s", p->name, bad);
		json_decref(d);
		return NULL;
	}
	return d;
}

json_t *oidc_discovery(const struct oidc_provider *p, char *why, size_t whysize)
{
	json_t *d = oidc_discovery_cached(p);
	if (d || !claim_discovery(p, why, whysize))
		return d;
	d = fetch_discovery(p, why, whysize);
	pthread_mutex_lock(&lock);
	if (d && !discovered[slot_of(p)])
		discovered[slot_of(p)] = json_incref(d);
	discovering[slot_of(p)] = 0;
	pthread_mutex_unlock(&lock);
	return d;
}

static json_t *fetch_keys(const struct oidc_provider *p, char *why, size_t whysize)
{
	json_t *d = oidc_discovery(p, why, whysize);
	if (!d)
		return NULL;
	json_t *set = oidc_fetch_json(p, json_string_value(json_object_get(d, "jwks_uri")), NULL,
				      NULL, NULL, why, whysize);
	json_decref(d);
	if (set && !json_is_array(json_object_get(set, "keys"))) {
		snprintf(why, whysize, "the provider's key set holds no keys");
		json_decref(set);
		return NULL;
	}
	if (set) {
		pthread_mutex_lock(&lock);
		json_decref(keysets[slot_of(p)]);
		keysets[slot_of(p)] = json_incref(set);
		pthread_mutex_unlock(&lock);
	}
	return set;
}

/* Only public signature keys of the family the algorithm needs: never a
 * shared secret (kty oct), whatever the token's header claims. */
static int key_fits(json_t *k, const char *kid, const char *alg)
{
	const char *kty = json_string_value(json_object_get(k, "kty"));
	const char *use = json_string_value(json_object_get(k, "use"));
	const char *kkid = json_string_value(json_object_get(k, "kid"));
	if (!kty || (use && strcmp(use, "sig") != 0) || (kid && (!kkid || strcmp(kid, kkid))))
		return 0;
	if (alg[0] == 'R' || alg[0] == 'P')
		return strcmp(kty, "RSA") == 0;
	return alg[0] == 'E' && strcmp(kty, "EC") == 0;
}

static cjose_jwk_t *key_in(json_t *set, const char *kid, const char *alg)
{
	json_t *keys = json_object_get(set, "keys"), *k;
	size_t i;
	json_array_foreach(keys, i, k) {
		if (!key_fits(k, kid, alg))
			continue;
		char *text = json_dumps(k, JSON_COMPACT);
		cjose_err err;
		cjose_jwk_t *jwk = text ? cjose_jwk_import(text, strlen(text), &err) : NULL;
		free(text);
		if (jwk)
			return jwk;
	}
	return NULL;
}

void *oidc_signing_key(const struct oidc_provider *p, const char *kid, const char *alg,
		       char *why, size_t whysize)
{
	pthread_mutex_lock(&lock);
	json_t *set = json_incref(keysets[slot_of(p)]);
	pthread_mutex_unlock(&lock);
	cjose_jwk_t *jwk = set ? key_in(set, kid, alg) : NULL;
	json_decref(set);
	if (jwk)
		return jwk;
	set = fetch_keys(p, why, whysize);
	jwk = set ? key_in(set, kid, alg) : NULL;
	json_decref(set);
	if (!jwk && set)
		snprintf(why, whysize, "no published key %.60s for %.10s", kid ? kid : "(no kid)",
			 alg);
	return jwk;
}
