/* The page an e-mailed link opens: choose a password, then be signed in.
 *
 * The token comes in the link's query (GET /password/set?token=...): a
 * path parameter would land in the same logs, and a link in an e-mail
 * cannot POST.  Opening the page changes nothing (mail scanners open links
 * to look at them); the token is spent only by the form's POST, which
 * carries it in its body.  A link works once and expires, so one read from
 * a log or a browser history afterwards opens nothing. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/password_rules.h"
#include "core/throttle.h"
#include "core/twofactor.h"
#include "core/write.h"
#include "db/db.h"
#include "features/signin/login.h"
#include "features/signin/oidc_login.h"
#include "features/signin/password_link.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <string.h>

/* How long after its link was spent a second "Save my password" (a double
 * click, the form sent again) is told that its password was set. */
#define SPENT_MOMENTS 600
#define PASSWORD_WAS_SET "Your password has been set: sign in with it."

#define LINK_UNUSABLE                                                                         \
	"This link cannot be used: it has expired, has been used already, or was replaced by " \
	"a newer one. Ask for a new link with \"Forgot your password?\" on the sign-in page, " \
	"or ask your school's administrator to send a new invitation."

#define PASSWORDS_OFF                                                                        \
	"Signing in with a password is turned off at this school, so this link cannot be used. " \
	"Sign in with the \"Sign in with\" button for your school account on the sign-in page."

/* The live link, or NULL with the answer in rp.  With passwords turned off,
 * a link (sent before, or to someone /login now refuses) must not give a
 * password sign-in /login would refuse: the same rule decides. */
static json_t *usable_link(struct request *rq, struct reply *rp)
{
	json_t *link = password_link_find(arg(rq, "token"));
	if (!link)
		reply_error(rp, 410, "token", LINK_UNUSABLE);
	else if (password_signin_refused(json_str(link, "email"))) {
		reply_error(rp, 403, "token", PASSWORDS_OFF);
		json_decref(link);
		link = NULL;
	}
	return link;
}

static void password_set_page(struct request *rq, struct reply *rp)
{
	json_t *link = usable_link(rq, rp);
	if (!link)
		return;
	json_t *m = json_pack("{s:s, s:s, s:s, s:b, s:i, s:b}", "token", arg(rq, "token"), "name",
			      json_str(link, "name"), "email", json_str(link, "email"),
			      "invitation", strcmp(json_str(link, "purpose"), "invitation") == 0,
			      "password_min",
			      password_min(user_roles_load(json_int(link, "user_id"))),
			      "password_was_set", 0);
	json_decref(link);
	reply_page(rp, "password_set", "Choose your password", m);
}

/* Spends the link and every other one of the person's, sets the password
 * and ends their sessions: a reset after a suspected compromise must shut
 * out whoever else is signed in, as the administrator's password change
 * does.  0 when stored; otherwise rp holds the answer. */
static int store_password(struct request *rq, struct reply *rp, json_t *link, const char *hash)
{
	int64_t uid = json_int(link, "user_id");
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return -1;
	db_exec("UPDATE password_links SET used_at = ? WHERE id = ? AND used_at IS NULL", "tI", at,
		json_int(link, "id"));
	if (db_changes() != 1) {
		db_rollback();
		reply_error(rp, 410, "token", LINK_UNUSABLE);
		return -1;
	}
	auth_spend_password_links(uid);
	db_exec("UPDATE users SET password_hash = ? WHERE id = ?", "tI", hash, uid);
	auth_end_sessions(uid);
	audit(rq, "password.link_used", json_str(link, "email"), "password set with a%s link",
	      strcmp(json_str(link, "purpose"), "invitation") == 0 ? "n invitation" : " reset");
	return reply_commit(rp, BUSY_UNSAVED);
}

/* The rules for the person the link is for: their name, address and roles. */
static const char *link_password_problem(json_t *link, const char *pw)
{
	struct password_owner who = { json_str(link, "name"), json_str(link, "email"),
				      user_roles_load(json_int(link, "user_id")), 1 };
	return password_problem(pw, &who);
}

/* The person whose link this token was, spent within SPENT_MOMENTS: {email,
 * password_hash}, or NULL. */
static json_t *spent_link_owner(const char *token)
{
	if (!token || strlen(token) != 43)
		return NULL;
	char hash[65], since[ISO_LEN];
	sha256_hex(token, strlen(token), hash);
	iso_time(now() - SPENT_MOMENTS, since);
	return db_row("SELECT u.email, u.password_hash FROM password_links l "
		      "JOIN users u ON u.id = l.user_id WHERE l.token_hash = ? "
		      "AND l.used_at > ? AND u.active = 1",
		      "tt", hash, since);
}

/* After a 410: a link spent moments ago, and the password typed is the one
 * it set (the first of two clicks was kept).  The answer says so and shows
 * the way to sign in, where "ask for a new link" would send the person to
 * start again for nothing.  The password is checked as at sign-in, slowed
 * the same way (throttle.h), so a spent link is no way to test guesses;
 * anything else keeps the 410. */
static void password_was_set(struct request *rq, struct reply *rp)
{
	json_t *who = spent_link_owner(arg(rq, "token"));
	const char *email = who ? json_str(who, "email") : NULL;
	const char *stored = who ? json_str(who, "password_hash") : NULL;
	int right = stored && password_attempt(rq, email) == 0 &&
		    password_verify(stored, arg(rq, "password"));
	if (right && db_begin() == 0) {
		password_refund(rq, email);
		db_commit();
	}
	if (right) {
		reply_page(rp, "password_set", "Your password has been set",
			   json_pack("{s:b, s:s, s:s}", "password_was_set", 1, "email", email,
				     "message", PASSWORD_WAS_SET));
		rp->status = 409;
		rp->error_field = NULL;
	}
	json_decref(who);
}

static void password_set(struct request *rq, struct reply *rp)
{
	const char *pw = arg(rq, "password"), *again = arg(rq, "password_again");
	json_t *link = usable_link(rq, rp);
	const char *why = link ? link_password_problem(link, pw) : NULL;
	char hash[crypto_pwhash_STRBYTES];
	if (!link) {
		if (rp->status == 410)
			password_was_set(rq, rp);
		return;
	}
	if (why)
		reply_error(rp, 400, "password", "%s", why);
	else if (strcmp(pw, again) != 0)
		reply_error(rp, 400, "password_again",
			    "The two passwords are not the same: type the same password twice.");
	else if (password_hash(pw, hash) != 0)
		reply_busy(rp, BUSY_UNSAVED);
	else if (store_password(rq, rp, link, hash) == 0) {
		/* Signed in as after a password: a leader with a second factor is
		 * asked for the code, one who must set one up is sent to enrol. */
		int64_t uid = json_int(link, "user_id");
		if (twofactor_enrolled(uid))
			twofactor_start_pending(rq, rp, uid, json_str(link, "email"), "/", NULL);
		else
			login_start_session(rq, rp, uid, "/");
	} else if (rp->status == 410) /* the same form, sent at the same moment, was first */
		password_was_set(rq, rp);
	json_decref(link);
}

static const struct field_spec set_query[] = {
	{ "token", F_TEXT, 100, F_REQUIRED, NULL, NULL },
	{ NULL },
};

static const struct field_spec set_form[] = {
	{ "token", F_TEXT, 100, F_REQUIRED, NULL, "The link from the e-mail" },
	{ "password", F_PASSWORD, 1024, F_REQUIRED, NULL, "New password" },
	{ "password_again", F_PASSWORD, 1024, F_REQUIRED, NULL, "The same password again" },
	{ NULL },
};

const struct route password_link_routes[] = {
	{ "GET", "/password/set", password_set_page, ROUTE_PUBLIC, set_query, NULL, 0 },
	{ "POST", "/password/set", password_set, ROUTE_PUBLIC, set_form, password_set_page,
	  R_NO_CSRF },
	{ NULL },
};
