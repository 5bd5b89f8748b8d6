/* Invitations: the administrator e-mails a link to choose a password to one
 * person (their staff page), to everyone matching the staff list's search,
 * or to everyone active who cannot sign in yet, so a school with no single
 * sign-on need not type a password for each member of staff. */
#define _GNU_SOURCE
#include "core/write.h"
#include "db/db.h"
#include "features/signin/oidc_login.h"
#include "features/signin/password_link.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define NO_RELAY                                                                           \
	"staffroom cannot send invitations: no mail relay or web address is set up (smtp_url " \
	"and base_url in the server's configuration). Set a password on the person's page "    \
	"instead."

#define PASSWORDS_OFF                                                                  \
	"Signing in with a password is turned off at this school (Sign-in settings), so " \
	"nobody was invited: staff sign in with the school's account instead."

/* Those of rows {id, email} who may sign in with a password: with passwords
 * turned off, a link to choose one would give a password sign-in /login
 * refuses, so the same rule (password_signin_refused) decides. */
static json_t *may_use_password(json_t *rows)
{
	json_t *keep = json_array(), *row;
	size_t i;
	json_array_foreach(rows, i, row)
		if (!password_signin_refused(json_str(row, "email")))
			json_array_append(keep, row);
	json_decref(rows);
	return keep;
}

/* Sends a link to each person in ids, in one transaction; answers. */
static void send_all(struct request *rq, struct reply *rp, json_t *ids, const char *back)
{
	size_t i, n = json_array_size(ids);
	json_t *row;
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	int rc = 0;
	json_array_foreach(ids, i, row)
		rc |= password_link_send(rq, json_int(row, "id"), LINK_INVITATION);
	if (rc != 0) {
		db_rollback();
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	int64_t days = invitation_days();
	char *msg = xasprintf("%zu invitation%s sent. Each link works once, for %lld day%s.", n,
			      n == 1 ? " has been" : "s have been", (long long)days,
			      days == 1 ? "" : "s");
	reply_done(rp, 200, json_pack("{s:I, s:I}", "invited", (json_int_t)n, "days", days), back,
		   msg);
	free(msg);
}

static void invite_one(struct request *rq, struct reply *rp)
{
	json_t *ids = db_rows("SELECT id, email, active FROM users WHERE id = ?", "I", rq->ids[0]);
	if (json_array_size(ids) == 0) {
		json_decref(ids);
		reply_not_found(rp);
		return;
	}
	char *back = xasprintf("/admin/staff/%lld", (long long)rq->ids[0]);
	if (!json_int(json_array_get(ids, 0), "active"))
		reply_error(rp, 409, NULL,
			    "This person has left, so they cannot be invited. Reactivate them "
			    "first.");
	else if (password_signin_refused(json_str(json_array_get(ids, 0), "email")))
		reply_error(rp, 409, NULL, PASSWORDS_OFF);
	else if (!password_link_can_mail())
		reply_error(rp, 409, NULL, NO_RELAY);
	else
		send_all(rq, rp, ids, back);
	free(back);
	json_decref(ids);
}

static json_t *matching(const char *q)
{
	char *like = xasprintf("%%%s%%", q);
	json_t *ids = db_rows("SELECT id, email FROM users WHERE active = 1 AND (name LIKE ? OR "
			      "email LIKE ? OR department LIKE ?) ORDER BY id",
			      "ttt", like, like, like);
	free(like);
	return ids;
}

static void invite_many(struct request *rq, struct reply *rp)
{
	const char *to = arg(rq, "to"), *q = arg(rq, "q");
	int everyone = strcmp(to, "without_password") == 0;
	if (!everyone && !q) {
		reply_error(rp, 400, "q",
			    "Type a name, e-mail address or department in the search to choose "
			    "whom to invite, or invite everyone who cannot sign in yet.");
		return;
	}
	if (!password_link_can_mail()) {
		reply_error(rp, 409, NULL, NO_RELAY);
		return;
	}
	json_t *ids = everyone ? db_rows("SELECT id, email FROM users WHERE active = 1 AND "
					 "password_hash IS NULL ORDER BY id",
					 "")
			       : matching(q);
	size_t found = json_array_size(ids);
	ids = may_use_password(ids);
	if (found && json_array_size(ids) == 0)
		reply_error(rp, 409, everyone ? "to" : "q", PASSWORDS_OFF);
	else if (json_array_size(ids) == 0)
		reply_error(rp, 409, everyone ? "to" : "q", "%s",
			    everyone ? "Everyone active can sign in already: nobody was invited."
				     : "No active member of staff matches the search: nobody was "
				       "invited.");
	else
		send_all(rq, rp, ids, "/admin/staff");
	json_decref(ids);
}

/* Whom to invite is sent by the button pressed, both of which begin
 * "Invite everyone"; the search comes from the staff list's own. */
static const struct field_spec many_form[] = {
	{ "to", F_CHOICE, 20, F_REQUIRED, "matching|without_password", "Whom to invite" },
	{ "q", F_TEXT, 100, 0, NULL, "Search by name, e-mail or department" },
	{ NULL },
};

const struct route invite_routes[] = {
	{ "POST", "/admin/staff/{id}/invite", invite_one, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/invitations", invite_many, ROLE_ADMIN, many_form, NULL, 0 },
	{ NULL },
};
