#define _GNU_SOURCE
/* Who may see an account's password, and when it must be changed
 * (ravens-wood §10: "Don't share account information (usernames/passwords)
 * with anyone but the school's SLT and Moderator"; the acceptable-use
 * agreement: "Share login details only with the lead, the moderator and
 * senior leaders").  The moderator and senior leaders may reveal any
 * account's credentials, its lead their own account's while it is open;
 * contributors do not: they post through the lead or with their own access.
 * Once someone who revealed it as the lead no longer leads the account,
 * someone who revealed it as SLT or moderator holds none of those roles and
 * does not lead it, or anyone who revealed it leaves the school, the account asks
 * for the password to be changed until the moderator records the change (new
 * credentials stored, or POST .../credentials/changed). */
#include "features/accounts/account_team.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>

/* The lead of the account; open only: a closed account is run by nobody. */
static int leads(int64_t account_id, int64_t user_id, int open_only)
{
	return db_int(0,
		      "SELECT lead_id = ? AND (? = 0 OR status != 'closed') FROM social_accounts "
		      "WHERE id = ?",
		      "IiI", user_id, open_only, account_id) == 1;
}

/* Its former lead sees a closed account's credentials no more (ravens-wood
 * §10), only SLT and the moderator. */
int may_reveal(const struct request *rq, int64_t account_id)
{
	return has_role(rq, CREDENTIAL_READERS) || leads(account_id, rq->user.id, 1);
}

int reveal_record(struct request *rq, struct reply *rp)
{
	char at[ISO_LEN], *object = account_link(rq->ids[0]);
	iso_now(at);
	int as_runner = !has_role(rq, CREDENTIAL_READERS);
	int rc = reply_begin(rp, BUSY_UNSAVED);
	if (rc == 0) {
		db_exec("INSERT INTO account_reveals(account_id, user_id, revealed_at, as_runner, "
			"changes_before) VALUES (?, ?, ?, ?, (SELECT count(*) FROM "
			"account_password_changes WHERE account_id = ?))",
			"IItiI", rq->ids[0], rq->user.id, at, as_runner, rq->ids[0]);
		audit(rq, "account.credentials_reveal", object + 1, "credentials shown%s",
		      as_runner ? " to someone who runs the account" : "");
		rc = reply_commit(rp, BUSY_UNSAVED);
	}
	free(object);
	return rc;
}

json_t *password_to_change(int64_t account_id)
{
	/* The reveals since the password's last change (counted, not timed: a
	 * change in the same second as a reveal is still after it). */
	json_t *rows = db_rows(
		"SELECT r.user_id, u.name, u.active, max(r.as_runner) AS as_runner, "
		"EXISTS (SELECT 1 FROM user_roles o WHERE o.user_id = r.user_id AND o.role IN "
		"('slt', 'headteacher', 'moderator')) AS overseer, "
		"max(r.revealed_at) AS revealed_at FROM account_reveals r INDEXED BY "
		"account_reveals_by_account JOIN users u ON "
		"u.id = r.user_id WHERE r.account_id = ? AND r.changes_before = (SELECT count(*) "
		"FROM account_password_changes WHERE account_id = ?) GROUP BY r.user_id "
		"ORDER BY revealed_at",
		"II", account_id, account_id);
	json_t *out = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		int gone = json_int(r, "active") == 0 ||
			   (!leads(account_id, json_int(r, "user_id"), 0) &&
			    (json_int(r, "as_runner") || !json_int(r, "overseer")));
		if (!gone)
			continue;
		char *words =
			xasprintf("Change the password: revealed by %s on ", json_str(r, "name"));
		json_array_append_new(out, json_pack("{s:I, s:s, s:s, s:s}", "user_id",
						     json_int(r, "user_id"), "name",
						     json_str(r, "name"), "revealed_at",
						     json_str(r, "revealed_at"), "words", words));
		free(words);
	}
	json_decref(rows);
	return out;
}

void password_change_record(const struct request *rq, int64_t account_id, const char *at)
{
	db_exec("INSERT INTO account_password_changes(account_id, changed_at, changed_by) "
		"VALUES (?, ?, ?)",
		"ItI", account_id, at, rq->user.id);
}

void credentials_changed(struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	if (!a) {
		reply_not_found(rp);
		return;
	}
	json_decref(a);
	char at[ISO_LEN], *link = account_link(rq->ids[0]);
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) == 0) {
		password_change_record(rq, rq->ids[0], at);
		audit(rq, "account.password_changed", link + 1,
		      "the password was changed on the platform");
		if (reply_commit(rp, BUSY_UNSAVED) == 0)
			reply_done(rp, 200, json_pack("{s:{s:s}}", "password", "changed_at", at),
				   link, "The change of password has been recorded.");
	}
	free(link);
}
