/* OpenID Connect, the protocol side: discovery, the provider's keys, the
 * code exchange and the ID token's checks.  Knows nothing of routes or
 * sessions (features/signin/oidc_login.c uses it).  Sources: OpenID Connect
 * Core 1.0 §3.1 (the authorization code flow), RFC 7636 (PKCE). */
#ifndef STAFFROOM_OIDC_H
#define STAFFROOM_OIDC_H

#include "lib/oidc_config.h"

#include <jansson.h>
#include <stddef.h>

/* Seconds a clock may be ahead of another: exp and iat are allowed this much. */
#define OIDC_CLOCK_SKEW 120

/* Before the sandbox: the client secrets, and libcurl.  0, or an exit code. */
int oidc_prepare(void);

/* The provider's discovery document (cached; a new reference), or NULL with why.
 * Fetched by one request at a time: another asking meanwhile gets NULL at once. */
json_t *oidc_discovery(const struct oidc_provider *p, char *why, size_t whysize);
/* The discovery document only when it is already cached; never waits on the network. */
json_t *oidc_discovery_cached(const struct oidc_provider *p);

/* The most requests that may wait on providers at once.  By default all
 * request threads but one, for a front end whose threads each answer one
 * request at a time; the embedded server, which answers sign-ins on threads
 * of their own, sets how many those are. */
void oidc_fetch_limit(unsigned most);

/* A GET or a form POST to provider p answered with a JSON object; NULL with
 * why.  user and password, when given, go as HTTP Basic (client_secret_basic).
 * Answers NULL at once, without asking, while p has failed to answer in the
 * last minute or other requests already wait on it (oidc_fetch.c). */
json_t *oidc_fetch_json(const struct oidc_provider *p, const char *url, const char *form,
			const char *user, const char *password, char *why, size_t whysize);

/* Exchanges the code for tokens and returns the ID token's claims, checked
 * as OpenID Connect Core 1.0 §3.1.3.7 says (signature with a published key,
 * iss, aud, azp, exp, iat, and the nonce whose SHA-256 in hex is nonce_hash);
 * NULL with why (for the audit log). */
json_t *oidc_code_claims(const struct oidc_provider *p, const char *code, const char *verifier,
			 const char *redirect_uri, const char *nonce_hash, char *why,
			 size_t whysize);

/* The ID token's claims when its signature is right and every claim holds; NULL with why. */
json_t *oidc_id_token_claims(const struct oidc_provider *p, const char *id_token,
			     const char *nonce_hash, char *why, size_t whysize);

/* The provider's key for a token's kid and alg: the cached set, fetched again
 * once when the kid is not in it (the provider rotated its keys).  Returns a
 * cjose_jwk_t * (release with cjose_jwk_release), or NULL. */
void *oidc_signing_key(const struct oidc_provider *p, const char *kid, const char *alg,
		       char *why, size_t whysize);

#endif
