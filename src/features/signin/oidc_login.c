/* Signing in with the school's Microsoft 365 or Google account (OpenID
 * Connect's authorization code flow with PKCE).  GET /login/oidc/NAME sends
 * the browser to the provider with a fresh state, nonce and PKCE challenge,
 * kept server side (oidc_starts); GET /login/oidc/NAME/callback takes the
 * answer once, exchanges the code and checks the ID token (core/oidc.h),
 * then signs in the ACTIVE member of staff the verified claim names.  Nobody
 * is created here: the staff list stays the school's.  The session, the
 * second factor and the audit are the password sign-in's; the password
 * throttle is not: the provider has checked who the person is, nothing is
 * guessed here, and strangers' wrong passwords for an address must not stop
 * its owner signing in with the school's account. */
#define _GNU_SOURCE
#include "features/signin/oidc_login.h"
#include "core/audit.h"
#include "core/oidc.h"
#include "core/oidc_session.h"
#include "core/twofactor.h"
#include "core/write.h"
#include "db/db.h"
#include "features/signin/login.h"
#include "lib/config.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <ctype.h>
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A started sign-in must come back within this many seconds. */
#define START_LIFETIME 600

/* The provider named by /login/oidc/NAME[/callback]; NULL when none is. */
static const struct oidc_provider *provider_in_path(const struct request *rq)
{
	const char *name = rq->path + strlen("/login/oidc/");
	char buf[OIDC_NAME_MAX + 1];
	size_t n = strcspn(name, "/");
	if (strncmp(rq->path, "/login/oidc/", 12) != 0 || n > OIDC_NAME_MAX)
		return NULL;
	memcpy(buf, name, n);
	buf[n] = 0;
	return oidc_provider_named(buf);
}

static const char *local_path(const char *next)
{
	return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' ? next : NULL;
}

/* base_url when the configuration gives it (it must, behind a proxy that
 * rewrites the host); else the address the browser used, https when its
 * connection is (HTTPS=on from nginx or a CGI server) or cookies are Secure.  The provider
 * accepts only the redirect URIs registered with it, so a forged Host
 * header leads nowhere. */
static char *redirect_uri(const struct request *rq, const struct oidc_provider *p)
{
	if (cfg.base_url && cfg.base_url[0])
		return xasprintf("%s/login/oidc/%s/callback", cfg.base_url, p->name);
	const char *host = rq->host && rq->host[0] && !strpbrk(rq->host, "/?#@ \"<>\\")
				   ? rq->host
				   : "localhost";
	const char *scheme = rq->https || cfg.cookie_secure ? "https" : "http";
	return xasprintf("%s://%s/login/oidc/%s/callback", scheme, host, p->name);
}

/* RFC 7636 §4.2: the challenge is BASE64URL(SHA256(verifier)), S256. */
static void pkce_challenge(const char *verifier, char out[44])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)verifier, strlen(verifier));
	sodium_bin2base64(out, 44, h, sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The start is tied to the browser that made it (RFC 6749 §10.12, OpenID
 * Connect Core §15.5.2): an answer carried into another browser, as a
 * forged link would carry an attacker's own sign-in, finds no cookie to
 * match and signs nobody in.  The cookie lives as long as a start. */
static char *browser_cookie(const char *value)
{
	return xasprintf("sr_sso=%s; Path=/login/oidc; HttpOnly; SameSite=Lax; Max-Age=%d%s",
			 value, START_LIFETIME, cfg.cookie_secure ? "; Secure" : "");
}

/* The browser's value: the one it holds already, so that a second start in
 * another tab leaves the first able to finish (each start keeps the hash of
 * the same value), or a new one.  Only a value this server could have made
 * is kept. */
static void browser_value(const struct request *rq, char out[44])
{
	const char *c = rq->sso_cookie;
	size_t n = c ? strlen(c) : 0;
	if (n == 43 && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				 "0123456789-_") == n)
		memcpy(out, c, 44);
	else
		random_token(out);
}

static char *authorize_url(json_t *d, const struct oidc_provider *p, const char *redirect,
			   const char *state, const char *nonce, const char *challenge)
{
	const char *end = json_str(d, "authorization_endpoint");
	char *id = curl_easy_escape(NULL, p->client_id, 0),
	     *r = curl_easy_escape(NULL, redirect, 0);
	char *url = xasprintf("%s%cresponse_type=code&scope=openid%%20email%%20profile"
			      "&client_id=%s&redirect_uri=%s&state=%s&nonce=%s"
			      "&code_challenge=%s&code_challenge_method=S256",
			      end, strchr(end, '?') ? '&' : '?', id ? id : "", r ? r : "", state,
			      nonce, challenge);
	curl_free(id);
	curl_free(r);
	return url;
}

static void provider_unreachable(struct reply *rp, const struct oidc_provider *p,
				 const char *why)
{
	fprintf(stderr, "staffroom: single sign-on %s: %s\n", p->name, why);
	reply_error(rp, 502, NULL,
		    "%s cannot be reached just now, so nobody can sign in with it. Please try "
		    "again in a few minutes.",
		    p->label);
}

static void oidc_start(struct request *rq, struct reply *rp)
{
	const struct oidc_provider *p = provider_in_path(rq);
	char why[300], state[44], nonce[44], verifier[44], challenge[44], browser[44], sh[65],
		nh[65], bh[65];
	json_t *d = p ? oidc_discovery(p, why, sizeof why) : NULL;
	if (!p || !d) {
		if (p)
			provider_unreachable(rp, p, why);
		else
			reply_not_found(rp);
		return;
	}
	random_token(state);
	random_token(nonce);
	random_token(verifier);
	pkce_challenge(verifier, challenge);
	browser_value(rq, browser);
	sha256_hex(state, strlen(state), sh);
	sha256_hex(nonce, strlen(nonce), nh);
	sha256_hex(browser, strlen(browser), bh);
	char *redirect = redirect_uri(rq, p), *url = NULL;
	int64_t t = now();
	if (reply_begin(rp, BUSY_SHORT) == 0) {
		db_exec("DELETE FROM oidc_starts WHERE created_at < ?", "I", t - START_LIFETIME);
		db_exec("INSERT INTO oidc_starts(state_hash, provider, nonce_hash, verifier, "
			"browser_hash, redirect_uri, next, created_at) VALUES (?,?,?,?,?,?,?,?)",
			"tttttttI", sh, p->name, nh, verifier, bh, redirect,
			local_path(arg(rq, "next")), t);
		if (reply_commit(rp, BUSY_SHORT) == 0) {
			url = authorize_url(d, p, redirect, state, nonce, challenge);
			reply_done(rp, 200, json_pack("{s:s}", "authorization_url", url), url,
				   NULL);
			rp->set_cookie = browser_cookie(browser);
		}
	}
	sodium_memzero(verifier, sizeof verifier);
	free(url);
	free(redirect);
	json_decref(d);
}

/* Whether the answer comes back to the browser that started it. */
static int same_browser(const struct request *rq, json_t *start)
{
	char bh[65];
	const char *c = rq->sso_cookie;
	sha256_hex(c ? c : "", c ? strlen(c) : 0, bh);
	const char *want = json_str(start, "browser_hash");
	return c && want && sodium_memcmp(bh, want, 64) == 0;
}

/* A refusal with its audit row, in a transaction of its own; nobody is signed in. */
static void refuse(struct request *rq, struct reply *rp, const char *who, int status,
		   const char *detail, const char *message)
{
	if (db_begin() == 0) {
		audit_outcome(rq, AUDIT_REFUSED, detail, "login.failed", who, "%s", detail);
		db_commit();
	}
	reply_error(rp, status, NULL, "%s", message);
}

/* The start this answer belongs to, spent now: an unknown, expired or
 * already used state is refused (a replayed or forged answer). */
static json_t *take_start(struct request *rq, struct reply *rp, const struct oidc_provider *p)
{
	char sh[65], object[64];
	const char *state = arg(rq, "state");
	snprintf(object, sizeof object, "oidc:%s", p->name);
	sha256_hex(state ? state : "", state ? strlen(state) : 0, sh);
	if (reply_begin(rp, BUSY_SHORT) != 0)
		return NULL;
	json_t *s =
		db_row("SELECT provider, nonce_hash, verifier, browser_hash, redirect_uri, next, "
		       "created_at, used_at FROM oidc_starts WHERE state_hash = ? AND "
		       "provider = ?",
		       "tt", sh, p->name);
	db_exec("UPDATE oidc_starts SET used_at = ? WHERE state_hash = ? AND used_at IS NULL",
		"It", (int64_t)now(), sh);
	int spent = s && db_changes() == 1;
	int in_time = s && json_int(s, "created_at") + START_LIFETIME > now();
	int fresh = spent && in_time && same_browser(rq, s);
	if (!fresh)
		audit_outcome(rq, AUDIT_REFUSED, "single sign-on answer not accepted",
			      "login.failed", object, "single sign-on with %s: %s", p->name,
		      !s       ? "unknown state"
		      : !spent ? "state already used (a replay)"
		      : !in_time
			      ? "state expired"
			      : "answer brought to another browser than the one that started it");
	if (reply_commit(rp, BUSY_SHORT) != 0 || !fresh) {
		if (!fresh)
			reply_error(rp, 400, NULL,
				    "This sign-in has already been used or has run out of time. "
				    "Please start again from the sign-in page.");
		json_decref(s);
		return NULL;
	}
	return s;
}

/* The person the claim names, lower-cased; NULL when the token names nobody usable. */
static char *claimed_address(const struct oidc_provider *p, json_t *claims)
{
	const char *v = json_str(claims, p->claim);
	json_t *verified = json_object_get(claims, "email_verified");
	if (!v || !*v || strlen(v) > 254 || !utf8_valid(v, strlen(v)))
		return NULL;
	/* Google says whether it checked the address; an address it does not say
	 * it checked (false, "false", or nothing said) names nobody.  Some of its
	 * tokens give the flag as the string "true". */
	const char *said = json_string_value(verified);
	if (oidc_is_google(p) && !json_is_true(verified) && !(said && strcmp(said, "true") == 0))
		return NULL;
	char *e = xstrdup(v);
	for (char *c = e; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return e;
}

static int amr_has_mfa(json_t *claims)
{
	json_t *amr = json_object_get(claims, "amr"), *a;
	size_t i;
	json_array_foreach(amr, i, a)
		if (json_is_string(a) && strcmp(json_string_value(a), "mfa") == 0)
			return 1;
	return 0;
}

/* The provider's own refusal (the person cancelled, or may not use this
 * application): said in plain words, audited, nobody signed in. */
static int provider_said_no(struct request *rq, struct reply *rp, const struct oidc_provider *p)
{
	const char *error = arg(rq, "error"), *iss = arg(rq, "iss");
	const char *description = arg(rq, "error_description");
	char detail[400], msg[400], object[64];
	snprintf(object, sizeof object, "oidc:%s", p->name);
	/* RFC 9207: an answer naming another issuer is another provider's. */
	if (!error && iss && strcmp(iss, p->issuer) != 0)
		error = "the answer names another issuer";
	if (!error && arg(rq, "code"))
		return 0;
	snprintf(detail, sizeof detail,
		 "single sign-on with %s: the provider answered %.60s %.200s", p->name,
		 error ? error : "without a code", description ? description : "");
	snprintf(msg, sizeof msg,
		 "You were not signed in with %s%s, so nobody has been signed in to staffroom. "
		 "You can try again, or ask the school's staffroom administrator.",
		 p->label,
		 error && strcmp(error, "access_denied") == 0 ? ": the sign-in was cancelled or "
								"refused there"
							      : "");
	refuse(rq, rp, object, 401, detail, msg);
	return 1;
}

/* The hd claim as the audit log may show it (whole, and text). */
static const char *hd_shown(const char *hd)
{
	if (!hd)
		return "absent";
	return strlen(hd) <= 100 && utf8_valid(hd, strlen(hd)) ? hd : "not a domain";
}

/* Google: an account Google hosts for the school's Workspace says so in hd.
 * A personal Google account made with a school address has no hd, and
 * another organisation's Workspace names its own: the address alone does not
 * show that the school vouches for the account.  1 when it may go on, else
 * 0 with the refusal answered. */
static int hosted_by_school(struct request *rq, struct reply *rp, const struct oidc_provider *p,
			    json_t *claims, const char *email)
{
	const char *hd = json_str(claims, "hd");
	char detail[400], msg[400];
	if (!oidc_is_google(p) || (hd && oidc_domain_listed(p, hd)))
		return 1;
	snprintf(detail, sizeof detail,
		 "single sign-on with %s: the Google account is not hosted by the school's "
		 "Workspace (hd %s)",
		 p->name, hd_shown(hd));
	snprintf(msg, sizeof msg,
		 "The Google account %s is not one the school's Google Workspace provides. "
		 "Sign in with your school Google account, or ask the school's staffroom "
		 "administrator.",
		 email);
	refuse(rq, rp, email, 403, detail, msg);
	return 0;
}

/* The active member of staff the claims name, or 0 with the refusal answered. */
static int64_t staff_member(struct request *rq, struct reply *rp, const struct oidc_provider *p,
			    const char *email)
{
	char detail[400], msg[400];
	int64_t uid = oidc_domain_allowed(p, email)
			      ? db_int(0, "SELECT id FROM users WHERE email = ? AND active = 1",
				       "t", email)
			      : 0;
	if (uid)
		return uid;
	snprintf(detail, sizeof detail, "single sign-on with %s: %s", p->name,
		 oidc_domain_allowed(p, email) ? "no active member of staff has this address"
					       : "the address's domain is not allowed");
	snprintf(msg, sizeof msg,
		 "No active member of staff has the address %s. Ask the school's staffroom "
		 "administrator.",
		 email);
	refuse(rq, rp, email, 403, detail, msg);
	return 0;
}

/* Signed in, or sent on to the code step when staffroom's second factor is still owed. */
static void sign_in(struct request *rq, struct reply *rp, const struct oidc_provider *p,
		    int64_t uid, const char *email, json_t *claims, const char *next)
{
	int mfa = oidc_mfa_counts() && amr_has_mfa(claims);
	if (!twofactor_enrolled(uid) || mfa) {
		login_start_session_via(rq, rp, uid, next, p, mfa);
		return;
	}
	if (db_begin() == 0) {
		audit(rq, "login.oidc_ok", email, "identity confirmed by %s (single sign-on %s)",
		      p->label, p->name);
		db_commit();
	}
	twofactor_start_pending(rq, rp, uid, email, next, p->name);
}

static void oidc_callback(struct request *rq, struct reply *rp)
{
	const struct oidc_provider *p = provider_in_path(rq);
	if (!p) {
		reply_not_found(rp);
		return;
	}
	json_t *start = take_start(rq, rp, p), *claims = NULL;
	char why[300], detail[400], object[64], *email = NULL;
	snprintf(object, sizeof object, "oidc:%s", p->name);
	if (!start || provider_said_no(rq, rp, p))
		goto out;
	claims = oidc_code_claims(p, arg(rq, "code"), json_str(start, "verifier"),
				  json_str(start, "redirect_uri"), json_str(start, "nonce_hash"),
				  why, sizeof why);
	email = claims ? claimed_address(p, claims) : NULL;
	if (!email) {
		snprintf(detail, sizeof detail, "single sign-on with %s: %s", p->name,
			 claims ? "the ID token names no usable address" : why);
		refuse(rq, rp, object, 401, detail,
		       "The answer from the sign-in service could not be checked, so nobody has "
		       "been signed in. Please try again; if it happens again, tell the school's "
		       "staffroom administrator.");
		goto out;
	}
	int64_t uid = hosted_by_school(rq, rp, p, claims, email) ? staff_member(rq, rp, p, email)
								  : 0;
	if (uid)
		sign_in(rq, rp, p, uid, email, claims, json_str(start, "next"));
out:
	free(email);
	json_decref(claims);
	json_decref(start);
}

void oidc_login_model(const struct request *rq, json_t *m)
{
	(void)rq;
	json_t *list = json_array();
	for (size_t i = 0; i < oidc_provider_count; i++)
		json_array_append_new(list, json_pack("{s:s, s:s}", "name", oidc_providers[i].name,
						      "label", oidc_providers[i].label));
	json_object_set_new(m, "providers", list);
	char *v = db_text("SELECT value FROM settings WHERE key = 'password_signin'", "");
	json_object_set_new(m, "passwords_off", json_boolean(v && strcmp(v, "breakglass") == 0));
	free(v);
}

/* The provider's end-session endpoint (OpenID Connect RP-Initiated Logout
 * 1.0), offered as a link: staffroom's own session has already ended.  The
 * signed-out page is anyone's to ask for, so it uses only a discovery
 * document already at hand (ask 0) and never waits on the provider, except
 * under CGI, which keeps none (login.c); signing out (a signed-in person's
 * POST) may ask it, through the same bounds as a sign-in. */
void oidc_signed_out_model(const char *provider, int ask, json_t *m)
{
	const struct oidc_provider *p = provider ? oidc_provider_named(provider) : NULL;
	char why[300];
	json_t *d = !p ? NULL : ask ? oidc_discovery(p, why, sizeof why) : oidc_discovery_cached(p);
	const char *end = json_str(d, "end_session_endpoint");
	if (end) {
		char *id = curl_easy_escape(NULL, p->client_id, 0);
		char *url = xasprintf("%s%cclient_id=%s", end, strchr(end, '?') ? '&' : '?',
				      id ? id : "");
		json_object_set_new(m, "provider_signout",
				    json_pack("{s:s, s:s}", "url", url, "label", p->label));
		free(url);
		curl_free(id);
	}
	json_decref(d);
}

/* What a provider may add to its answer besides code and state: every
 * field must be declared, and Entra, Google and RFC 9207 add these. */
static const struct field_spec callback_query[] = {
	{ "state", F_TEXT, 200, 0, NULL, NULL },
	{ "code", F_TEXT, 4000, 0, NULL, NULL },
	{ "error", F_TEXT, 200, 0, NULL, NULL },
	{ "error_description", F_TEXT, 1000, 0, NULL, NULL },
	{ "error_uri", F_TEXT, 1000, 0, NULL, NULL },
	{ "iss", F_TEXT, 1000, 0, NULL, NULL },
	{ "session_state", F_TEXT, 200, 0, NULL, NULL },
	{ "scope", F_TEXT, 1000, 0, NULL, NULL },
	{ "authuser", F_TEXT, 20, 0, NULL, NULL },
	{ "hd", F_TEXT, 254, 0, NULL, NULL },
	{ "prompt", F_TEXT, 100, 0, NULL, NULL },
	{ NULL },
};

static const struct field_spec start_query[] = {
	{ "next", F_TEXT, 500, 0, NULL, NULL },
	{ NULL },
};

const struct route oidc_routes[] = {
	/* Each may ask the provider (its settings, the token): seconds, at worst. */
	{ "GET", "/login/oidc/{name}", oidc_start, ROUTE_PUBLIC, start_query, NULL, R_WAITS_OUT },
	{ "GET", "/login/oidc/{name}/callback", oidc_callback, ROUTE_PUBLIC, callback_query, NULL,
	  R_WAITS_OUT },
	{ NULL },
};
