/* The second step of signing in: the code from the authenticator app (or a
 * recovery code), throttled like passwords, under the half-signed-in token
 * that the password step gave.  Success swaps it for a real session. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "db/db.h"
#include "features/signin/login.h"
#include "http/router.h"
#include "core/throttle.h"
#include "core/twofactor.h"
#include "core/write.h"
#include "core/auth.h"
#include "lib/oidc_config.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static void code_page(struct request *rq, struct reply *rp)
{
	if (!rq->pending_login) {
		reply_redirect(rp, rq->signed_in ? "/" : "/login");
		return;
	}
	/* Not signed in, so the layout has no token: the page carries its own. */
	reply_page(rp, "login_code", "Enter your code", json_pack("{s:s}", "csrf", rq->csrf));
}

/* Wrong codes are counted per person only: reaching this step took their
 * right password, so nobody else's failures can slow them here. */
static char *code_key(int64_t user_id)
{
	return xasprintf("code:%lld", (long long)user_id);
}

void login_code_cleared(int64_t user_id)
{
	char *key = code_key(user_id);
	db_exec("DELETE FROM throttle WHERE key = ?", "t", key);
	free(key);
}

static void code_refused(struct request *rq, struct reply *rp, const char *key, const char *why)
{
	db_rollback();
	if (db_begin() != 0)
		return;
	throttle_count(key);
	audit_outcome(rq, AUDIT_REFUSED, why, "login.code_failed", rq->user.email, "%s", why);
	db_commit();
	reply_error(
		rp, 401, "code",
		"That code is not right. Check the time on your phone, or use a recovery code.");
}

/* The form's token is checked here, not by the router: once the sign-in
 * has run out there is no token to check, and the answer is that it ran out. */
static void code_submit(struct request *rq, struct reply *rp)
{
	if (!rq->pending_login) {
		/* The cookie of a code step that ran out; never a real session's
		 * (a form sent again from another tab after the sign-in finished). */
		if (!rq->signed_in)
			rp->set_cookie = auth_session_cookie(NULL, 0);
		reply_error(rp, 401, NULL, "Your sign-in has expired. Please sign in again.");
		return;
	}
	if (!csrf_ok(rq)) {
		reply_error(rp, 403, "csrf",
			    "This form has expired or did not come from staffroom. "
			    "Please go back, reload the page and try again.");
		return;
	}
	char *key = code_key(rq->user.id);
	int64_t wait = throttle_wait(key, ACCOUNT_ADDRESS_FREE, ACCOUNT_CAP);
	const char *how = "app";
	char *next = db_text("SELECT next FROM pending_logins WHERE token_hash = ?", "t",
			     rq->session_hash);
	/* After single sign-on the session remembers its provider (sign-out link, audit). */
	char *sso = db_text("SELECT provider FROM pending_sso WHERE token_hash = ?", "t",
			    rq->session_hash);
	const struct oidc_provider *via = sso ? oidc_provider_named(sso) : NULL;
	if (wait > 0) {
		reply_error(rp, 429, "code",
			    "Too many wrong codes. Please wait %lld second%s and try again.",
			    (long long)wait, wait == 1 ? "" : "s");
		rp->retry_after = (int)wait;
	} else if (reply_begin(rp, BUSY_SHORT) == 0) {
		if (!twofactor_check(rq->user.id, arg(rq, "code"), &how)) {
			code_refused(rq, rp, key, "wrong or reused code");
		} else {
			db_exec("DELETE FROM pending_logins WHERE token_hash = ?", "t",
				rq->session_hash);
			audit(rq, "login.second_factor", rq->user.email, "by %s", how);
			if (reply_commit(rp, BUSY_SHORT) == 0)
				login_start_session_via(rq, rp, rq->user.id, next ? next : "/",
							via, 0);
		}
	}
	free(sso);
	free(next);
	free(key);
}

/* Ends the caller's own half-finished sign-in, whatever state it is in, so
 * it needs no form token (the router still refuses another site's form). */
static void code_cancel(struct request *rq, struct reply *rp)
{
	if (rq->pending_login && db_begin() == 0) {
		db_exec("DELETE FROM pending_logins WHERE token_hash = ?", "t", rq->session_hash);
		db_commit();
	}
	if (!rq->signed_in)
		rp->set_cookie = auth_session_cookie(NULL, 0);
	reply_done(rp, 200, json_pack("{s:b}", "cancelled", 1), rq->signed_in ? "/" : "/login",
		   NULL);
}

static const struct field_spec code_form[] = {
	{ "code", F_TEXT, 40, F_REQUIRED, NULL, "Code" },
	{ NULL },
};

const struct route login_code_routes[] = {
	{ "GET", "/login/code", code_page, ROUTE_PUBLIC, NULL, NULL, 0 },
	{ "POST", "/login/code", code_submit, ROUTE_PUBLIC, code_form, code_page, R_NO_CSRF },
	{ "POST", "/login/code/cancel", code_cancel, ROUTE_PUBLIC, NULL, NULL, R_NO_CSRF },
	{ NULL },
};
