/* The token endpoint and the ID token.  The code is exchanged with the PKCE
 * verifier (RFC 7636 §4.5) and the client's secret; the ID token is a JWS
 * whose signature cjose checks against the provider's published key, and
 * whose claims are then checked one by one as OpenID Connect Core 1.0
 * §3.1.3.7 lists them.  No part of the token is trusted before its
 * signature is verified. */
#define _GNU_SOURCE
#include "core/oidc.h"
#include "lib/util.h"

#include <cjose/cjose.h>
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* §3.1.3.7 item 6-7: asymmetric signatures only.  "none" would accept any
 * token, and HS* would make the client secret a signing key that anyone
 * holding it (every copy of this configuration) could sign with. */
static int alg_allowed(const char *alg)
{
	static const char *const ok[] = { "RS256", "RS384", "RS512", "PS256",
					  "PS384", "PS512", "ES256", "ES384", "ES512" };
	for (size_t i = 0; alg && i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(alg, ok[i]) == 0)
			return 1;
	return 0;
}

static char *form_escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	char *copy = xstrdup(e ? e : "");
	curl_free(e);
	return copy;
}

/* client_secret_basic encodes id and secret as a form would (RFC 6749 §2.3.1). */
json_t *oidc_code_claims(const struct oidc_provider *p, const char *code, const char *verifier,
			 const char *redirect_uri, const char *nonce_hash, char *why,
			 size_t whysize)
{
	json_t *d = oidc_discovery(p, why, whysize);
	if (!d)
		return NULL;
	char *c = form_escape(code), *r = form_escape(redirect_uri), *v = form_escape(verifier),
	     *id = form_escape(p->client_id), *sec = form_escape(p->client_secret);
	char *form = p->secret_post
			     ? xasprintf("grant_type=authorization_code&code=%s&redirect_uri=%s"
					 "&code_verifier=%s&client_id=%s&client_secret=%s",
					 c, r, v, id, sec)
			     : xasprintf("grant_type=authorization_code&code=%s&redirect_uri=%s"
					 "&code_verifier=%s",
					 c, r, v);
	json_t *tokens = oidc_fetch_json(p, json_string_value(json_object_get(d, "token_endpoint")),
					 form, p->secret_post ? NULL : id, sec, why, whysize);
	sodium_memzero(sec, strlen(sec));
	sodium_memzero(form, strlen(form));
	free(c), free(r), free(v), free(id), free(sec), free(form);
	json_decref(d);
	const char *idt = json_string_value(json_object_get(tokens, "id_token"));
	json_t *claims = NULL;
	if (tokens && !idt)
		snprintf(why, whysize, "the token endpoint sent no ID token");
	else if (idt)
		claims = oidc_id_token_claims(p, idt, nonce_hash, why, whysize);
	json_decref(tokens);
	return claims;
}

/* The payload, once the signature is right; NULL with why. */
static json_t *verified_payload(const struct oidc_provider *p, const char *id_token, char *why,
				size_t whysize)
{
	cjose_err err;
	cjose_jws_t *jws = cjose_jws_import(id_token, strlen(id_token), &err);
	if (!jws) {
		snprintf(why, whysize, "the ID token is not a JWS");
		return NULL;
	}
	cjose_header_t *h = cjose_jws_get_protected(jws);
	const char *alg = h ? cjose_header_get(h, CJOSE_HDR_ALG, &err) : NULL;
	const char *kid = h ? cjose_header_get(h, CJOSE_HDR_KID, &err) : NULL;
	json_t *claims = NULL;
	cjose_jwk_t *key = NULL;
	uint8_t *plain = NULL;
	size_t plain_len = 0;
	if (!alg_allowed(alg))
		snprintf(why, whysize, "the ID token's algorithm %.20s is refused",
			 alg ? alg : "(none)");
	else if (!(key = oidc_signing_key(p, kid, alg, why, whysize)))
		;
	else if (!cjose_jws_verify(jws, key, &err))
		snprintf(why, whysize, "the ID token's signature is wrong");
	/* json_is_object evaluates its argument twice: load first, then test. */
	else if (!cjose_jws_get_plaintext(jws, &plain, &plain_len, &err) ||
		 !(claims = json_loadb((const char *)plain, plain_len, 0, NULL)) ||
		 !json_is_object(claims)) {
		json_decref(claims);
		claims = NULL;
		snprintf(why, whysize, "the ID token's claims are not a JSON object");
	}
	if (key)
		cjose_jwk_release(key);
	cjose_jws_release(jws);
	return claims;
}

/* §3.1.3.7 item 3-5: this client must be an audience, and when there are
 * several, the party it was issued to (azp) must be this client. */
static int audience_ok(json_t *claims, const char *client_id)
{
	json_t *aud = json_object_get(claims, "aud"), *a;
	const char *azp = json_string_value(json_object_get(claims, "azp"));
	size_t i, n = json_is_array(aud) ? json_array_size(aud) : 1;
	int found = json_is_string(aud) && strcmp(json_string_value(aud), client_id) == 0;
	json_array_foreach(aud, i, a)
		found |= json_is_string(a) && strcmp(json_string_value(a), client_id) == 0;
	if (json_object_get(claims, "azp") && (!azp || strcmp(azp, client_id) != 0))
		return 0;
	return found && (n == 1 || azp);
}

/* Only the nonce's hash is kept between the two legs of the flow. */
static int nonce_matches(const char *nonce, const char *nonce_hash)
{
	char h[65];
	sha256_hex(nonce, strlen(nonce), h);
	return strlen(nonce_hash) == 64 && sodium_memcmp(h, nonce_hash, 64) == 0;
}

static const char *claims_problem(const struct oidc_provider *p, json_t *c, const char *nonce_hash)
{
	const char *iss = json_string_value(json_object_get(c, "iss"));
	const char *got_nonce = json_string_value(json_object_get(c, "nonce"));
	const char *sub = json_string_value(json_object_get(c, "sub"));
	json_t *exp = json_object_get(c, "exp"), *iat = json_object_get(c, "iat");
	json_t *nbf = json_object_get(c, "nbf");
	int64_t t = (int64_t)now();
	if (!iss || strcmp(iss, p->issuer) != 0)
		return "the ID token's issuer (iss) is not the provider";
	/* OpenID Connect Core 2: sub is required; nbf, when given, is honoured
	 * like exp (RFC 7519 4.1.5). */
	if (!sub || !*sub)
		return "the ID token names no subject (sub)";
	if (nbf && (!json_is_number(nbf) || (int64_t)json_number_value(nbf) > t + OIDC_CLOCK_SKEW))
		return "the ID token is not valid yet (nbf)";
	if (!audience_ok(c, p->client_id))
		return "the ID token is not for this client (aud, azp)";
	if (!json_is_number(exp) || (int64_t)json_number_value(exp) + OIDC_CLOCK_SKEW <= t)
		return "the ID token has expired (exp)";
	if (!json_is_number(iat) || (int64_t)json_number_value(iat) > t + OIDC_CLOCK_SKEW)
		return "the ID token was issued in the future (iat)";
	if (!got_nonce || !nonce_matches(got_nonce, nonce_hash))
		return "the ID token's nonce is not the one sent";
	return NULL;
}

json_t *oidc_id_token_claims(const struct oidc_provider *p, const char *id_token,
			     const char *nonce_hash, char *why, size_t whysize)
{
	json_t *claims = verified_payload(p, id_token, why, whysize);
	const char *bad = claims ? claims_problem(p, claims, nonce_hash) : NULL;
	if (bad) {
		snprintf(why, whysize, "%s", bad);
		json_decref(claims);
		return NULL;
	}
	return claims;
}
