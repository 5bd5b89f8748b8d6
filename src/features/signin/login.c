/* Signing in and out, with failed attempts slowed per account (throttle.c). */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "lib/config.h"
#include "db/db.h"
#include "features/signin/login.h"
#include "features/signin/oidc_login.h"
#include "core/oidc_session.h"
#include "core/sessions.h"
#include "features/signin/password_link.h"
#include "http/feature.h"
#include "core/throttle.h"
#include "core/twofactor.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void login_page(struct request *rq, struct reply *rp)
{
	json_t *m = json_object();
	const char *next = arg(rq, "next");
	if (next && next[0] == '/' && next[1] != '/' && next[1] != '\\')
		json_object_set_new(m, "next", json_string(next));
	if (arg_yes(rq, "signed_out")) {
		json_object_set_new(m, "signed_out", json_true());
		/* The provider's end-session link from its settings already at hand,
		 * so that this page, anyone's to ask for, never waits on the provider.
		 * A CGI process has none at hand, so it asks, as its sign-in button
		 * does for anyone who clicks it: without the link, someone signing
		 * out on a shared computer stays signed in to the provider, and the
		 * next person to click its button would be signed in as them. */
		oidc_signed_out_model(arg(rq, "provider"), cfg.one_request, m);
	}
	oidc_login_model(rq, m);
	reply_page(rp, "login", "Sign in", m);
}

/* The refusal's audit row; a wrong password was counted before it was
 * checked (password_attempt). */
static void record_failure(struct request *rq, const char *email, const char *why)
{
	if (db_begin() != 0)
		return;
	audit_outcome(rq, AUDIT_REFUSED, why, "login.failed", email, "%s", why);
	db_commit();
}

void login_start_session(struct request *rq, struct reply *rp, int64_t user_id, const char *next)
{
	login_start_session_via(rq, rp, user_id, next, NULL, 0);
}

void login_start_session_via(struct request *rq, struct reply *rp, int64_t user_id,
			     const char *next, const struct oidc_provider *via, int mfa)
{
	char token[44], csrf[44], hash[65];
	random_token(token);
	random_token(csrf);
	sha256_hex(token, strlen(token), hash);
	int64_t t = now();
	if (reply_begin(rp, BUSY_SHORT) != 0)
		return;
	db_exec("INSERT INTO sessions(token_hash, user_id, csrf, created_at, last_seen) VALUES "
		"(?,?,?,?,?)",
		"tItII", hash, user_id, csrf, t, t);
	session_info_add(hash, rq->address, rq->user_agent);
	db_exec("DELETE FROM sessions WHERE user_id = ? AND created_at < ?", "II", user_id,
		t - (int64_t)cfg.session_lifetime);
	if (via)
		db_exec("INSERT INTO oidc_sessions(token_hash, provider, mfa) VALUES (?,?,?)",
			"tti", hash, via->name, mfa);
	rq->signed_in = 1;
	rq->user.id = user_id;
	/* The audit row below records the roles the person signs in with, as
	 * every row does the actor's roles then (core/audit.c). */
	rq->user.roles = user_roles_load(user_id) | ROLE_STAFF;
	json_t *u = db_row("SELECT email, name FROM users WHERE id = ?", "I", user_id);
	copy_str(rq->user.email, sizeof rq->user.email, json_str(u, "email"));
	/* The owner is in: strangers' failures no longer slow them from here. */
	password_cleared(rq, rq->user.email);
	login_code_cleared(user_id);
	if (via)
		audit(rq, "login", rq->user.email, "signed in with %s (single sign-on %s%s)",
		      via->label, via->name, mfa ? ", its multi-factor sign-in counted" : "");
	else
		audit(rq, "login", rq->user.email, "signed in");
	if (reply_commit(rp, BUSY_SHORT) != 0) {
		json_decref(u);
		return;
	}
	json_object_set_new(u, "roles", roles_json(rq->user.roles));
	rp->set_cookie = auth_session_cookie(token, cfg.session_lifetime);
	int local = next && next[0] == '/' && next[1] != '/' && next[1] != '\\';
	reply_done(rp, 200, json_pack("{s:o, s:s}", "user", u, "csrf", csrf), local ? next : "/",
		   NULL);
}

/* A well-formed hash of a password nobody has, so that an unknown address
 * costs as much time as a wrong password and timing tells nothing. */
static const char *dummy_hash(void)
{
	static char hash[crypto_pwhash_STRBYTES];
	static int ready;
	if (!ready) {
		password_hash("no account has this password", hash);
		ready = 1;
	}
	return hash;
}

static void login_submit(struct request *rq, struct reply *rp)
{
	const char *email = arg(rq, "email"), *password = arg(rq, "password");
	if (password_signin_refused(email)) {
		record_failure(rq, email, "refused: password sign-in is turned off");
		reply_error(rp, 403, "password",
			    "Signing in with a password is turned off at this school. Use the "
			    "\"Sign in with\" button for your school account above.");
		return;
	}
	int64_t wait = password_attempt(rq, email);
	if (wait < 0) {
		reply_busy(rp, BUSY_SHORT);
		return;
	}
	if (wait > 0) {
		record_failure(rq, email, "refused: too many recent failures");
		reply_error(rp, 429, NULL,
			    "Too many failed sign-ins. Please wait %lld second%s and try again.",
			    (long long)wait, wait == 1 ? "" : "s");
		rp->retry_after = (int)wait;
		return;
	}
	json_t *u = db_row("SELECT id, password_hash FROM users WHERE email = ? AND active = 1",
			   "t", email);
	const char *hash = u ? json_str(u, "password_hash") : NULL;
	int ok = password_verify(hash ? hash : dummy_hash(), password) && hash;
	int64_t uid = json_int(u, "id");
	if (ok && twofactor_enrolled(uid)) {
		/* Only this attempt's count is taken back: strangers' failures
		 * stay until the code is given too (login_start_session). */
		if (db_begin() == 0) {
			password_refund(rq, email);
			db_commit();
		}
		twofactor_start_pending(rq, rp, uid, email, arg(rq, "next"), NULL);
	} else if (ok)
		login_start_session(rq, rp, uid, arg(rq, "next"));
	else {
		record_failure(rq, email, u ? "wrong password" : "unknown or inactive account");
		reply_error(rp, 401, "password", "The e-mail address or password is not right.");
	}
	json_decref(u);
}

static void logout(struct request *rq, struct reply *rp)
{
	/* Signed out whatever happens: the cookie goes even if the row stays. */
	char *provider = oidc_session_provider(rq->session_hash);
	char *signed_out = xasprintf("/login?signed_out=yes%s%s", provider ? "&provider=" : "",
				     provider ? provider : "");
	json_t *m = json_pack("{s:b}", "signed_out", 1);
	oidc_signed_out_model(provider, 1, m);
	free(provider);
	if (db_begin() == 0) {
		db_exec("DELETE FROM sessions WHERE token_hash = ?", "t", rq->session_hash);
		audit(rq, "logout", rq->user.email, "signed out");
		db_commit();
	}
	rp->set_cookie = auth_session_cookie(NULL, 0);
	reply_done(rp, 200, m, signed_out, NULL);
	free(signed_out);
}

static const struct field_spec login_query[] = {
	{ "next", F_TEXT, 500, 0, NULL, NULL },
	{ "signed_out", F_YESNO, 3, 0, NULL, NULL },
	{ "provider", F_TEXT, OIDC_NAME_MAX, 0, NULL, NULL },
	{ NULL },
};

static const struct field_spec login_form[] = {
	{ "email", F_TEXT, 254, F_REQUIRED, NULL, "E-mail address" },
	{ "password", F_PASSWORD, 1024, F_REQUIRED, NULL, "Password" },
	{ "next", F_TEXT, 500, 0, NULL, "The page to go to next" },
	{ NULL },
};

static const struct route auth_routes[] = {
	{ "GET", "/login", login_page, ROUTE_PUBLIC, login_query, NULL, 0 },
	{ "POST", "/login", login_submit, ROUTE_PUBLIC, login_form, login_page, R_NO_CSRF },
	{ "POST", "/logout", logout, ROLE_STAFF, NULL, NULL, R_ENROL },
	{ NULL },
};

/* Signing in: the password step, the code step, enrolment and the reset. */
const struct feature signin_feature = {
	.name = "signin",
	.routes = (const struct route *const[]){ auth_routes, twofactor_routes,
						 twofactor_admin_routes, login_code_routes,
						 password_link_routes, forgot_routes, invite_routes,
						 oidc_routes, oidc_settings_routes,
						 sessions_own_routes, NULL },
	.tasks = (task_fn *const[]){ breakglass_tasks, NULL },
	.nav = (const struct nav_link[]){ { 120, "Sign-in security", "GET", "/account/2fa" },
					  { 0 } },
};
