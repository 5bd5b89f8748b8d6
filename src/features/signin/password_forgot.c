/* "Forgot your password?": an active person gets a one-time link by e-mail.
 *
 * The answer is the same page, status and words whatever was typed, and
 * every request takes the same steps (a throttle count and an audit row in
 * one transaction), so the page tells nobody which addresses belong to
 * staff.  Requests are counted per address typed, known or not, and three
 * in a quarter of an hour are the most (core/throttle.c): nobody can fill a
 * colleague's inbox, and the wait itself reveals nothing. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/throttle.h"
#include "core/write.h"
#include "db/db.h"
#include "features/signin/oidc_login.h"
#include "features/signin/password_link.h"
#include "lib/util.h"

#include <stdlib.h>

#define SENT_WORDS                                                                         \
	"If this address belongs to a member of staff who can use staffroom, an e-mail with " \
	"a link to choose a new password is on its way. The link works once, for an hour."

/* Links asked for one address within fifteen minutes of each other. */
#define RESETS_A_QUARTER 3

/* "sent" is false, not left out: the form is shown under not_sent, which an
 * absent member never shows (the bridge shows not_NAME only for a NAME the
 * model has), and this page is also the one a refused request comes back to. */
static void forgot_page(struct request *rq, struct reply *rp)
{
	(void)rq;
	reply_page(rp, "password_forgot", "Forgot your password?", json_pack("{s:b}", "sent", 0));
}

/* 'reset:<address typed>', in lower case so that case changes share one count. */
static char *throttle_key(const char *email)
{
	char *key = xasprintf("reset:%s", email);
	for (char *p = key; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	return key;
}

static void forgot_submit(struct request *rq, struct reply *rp)
{
	const char *email = arg(rq, "email");
	char *key = throttle_key(email);
	int64_t wait = throttle_window_wait(key, RESETS_A_QUARTER);
	if (wait > 0) {
		free(key);
		if (db_begin() == 0) {
			audit_outcome(rq, AUDIT_REFUSED, "too many recent requests",
				      "password.reset_refused", email, "too many recent requests");
			db_commit();
		}
		int64_t minutes = (wait + 59) / 60;
		reply_error(rp, 429, "email",
			    "Links were asked for this address three times in a quarter of an "
			    "hour. Please wait %lld minute%s and try again.",
			    (long long)minutes, minutes == 1 ? "" : "s");
		rp->retry_after = (int)wait;
		return;
	}
	int64_t uid = db_int(0, "SELECT id FROM users WHERE email = ? AND active = 1", "t", email);
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		free(key);
		return;
	}
	throttle_count(key);
	free(key);
	/* With passwords turned off, a link would sign in with a password
	 * someone /login refuses (the same rule): no link, and the same page.
	 * The setting is read for any address, so that timing tells nothing. */
	int off = password_signin_refused(email) && uid;
	if (uid && !off && password_link_can_mail()) {
		if (password_link_send(rq, uid, LINK_RESET) != 0) {
			db_rollback();
			reply_busy(rp, BUSY_UNSAVED);
			return;
		}
	} else if (off)
		audit_outcome(rq, AUDIT_REFUSED, "password sign-in is turned off",
			      "password.reset_refused", email, "password sign-in is turned off");
	else
		audit_outcome(rq, uid ? AUDIT_FAILED : AUDIT_REFUSED,
			      uid ? "no mail relay or base_url is configured"
				  : "no active member of staff",
			      "password.reset_refused", email, "%s",
			      uid ? "no mail relay or base_url is configured"
				  : "no active member of staff");
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_page(rp, "password_forgot", "Forgot your password?",
		   json_pack("{s:b, s:s}", "sent", 1, "message", SENT_WORDS));
}

static const struct field_spec forgot_form[] = {
	{ "email", F_EMAIL, 254, F_REQUIRED, NULL, "E-mail address" },
	{ NULL },
};

const struct route forgot_routes[] = {
	{ "GET", "/password/forgot", forgot_page, ROUTE_PUBLIC, NULL, NULL, 0 },
	{ "POST", "/password/forgot", forgot_submit, ROUTE_PUBLIC, forgot_form, forgot_page,
	  R_NO_CSRF },
	{ NULL },
};
