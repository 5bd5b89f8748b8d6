#define _GNU_SOURCE
/* Adding and removing the contributors of a school account (ravens-wood §3:
 * "anyone running a social media account on behalf of the school …
 * including volunteers or parents").  The moderator or the account's lead
 * adds a member of staff by e-mail, or someone who is not staff by name with
 * the paper signature and the date of their social-media training entered
 * on their behalf; whoever fails the gate is refused (409), with no
 * exception. */
#include "features/accounts/account_team.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "core/policy_status.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

json_t *team_account(struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	if (!a || !account_visible(rq, a)) {
		json_decref(a);
		reply_not_found(rp);
		return NULL;
	}
	if (!has_role(rq, ROLE_MODERATOR) && json_int(a, "lead_id") != rq->user.id) {
		reply_error(rp, 403, NULL,
			    "Only the moderator or the account's lead can change who runs it.");
	} else if (strcmp(json_str(a, "status"), "closed") == 0) {
		reply_error(rp, 409, NULL,
			    "This account has been closed; it can no longer be changed.");
	} else {
		return a;
	}
	json_decref(a);
	return NULL;
}

json_t *not_staff_runner(const struct request *rq, struct reply *rp, const char *staff_words)
{
	json_t *c = db_row("SELECT 'c:' || c.id AS runner, 'contributor' AS role, "
			   "coalesce(c.user_id, 0) AS user_id, c.id AS contributor_id, "
			   "coalesce(u.name, c.name) AS name FROM account_contributors c "
			   "LEFT JOIN users u ON u.id = c.user_id "
			   "WHERE c.id = ? AND c.account_id = ? AND c.removed_at IS NULL",
			   "II", rq->ids[1], rq->ids[0]);
	if (!c)
		reply_not_found(rp);
	else if (json_int(c, "user_id"))
		reply_error(rp, 409, NULL, "%s is a member of staff: %s", json_str(c, "name"),
			    staff_words);
	else
		return c;
	json_decref(c);
	return NULL;
}

/* The member of staff named by e-mail, as a runner; NULL with a 400 or 409. */
static json_t *staff_runner(const struct request *rq, struct reply *rp, const json_t *a)
{
	json_t *u = db_row("SELECT id AS user_id, 0 AS contributor_id, name, email, active "
			   "FROM users WHERE email = ?",
			   "t", arg(rq, "email"));
	if (!u)
		reply_error(rp, 400, "email",
			    "There is no member of staff with the e-mail address %s.",
			    arg(rq, "email"));
	else if (!json_int(u, "active"))
		reply_error(rp, 400, "email", "%s has left the school and cannot run an account.",
			    json_str(u, "name"));
	else if (account_runs(json_int(a, "id"), json_int(u, "user_id")))
		reply_error(rp, 409, "email", "%s already runs this account.", json_str(u, "name"));
	else
		return u;
	json_decref(u);
	return NULL;
}

/* The form's name for the name of someone who is not staff is
 * contributor_name: the account's details form, on the same page, has a
 * "name" of its own, and a refusal must show beside one field only.  The
 * API's "name" is still taken; a refusal names whichever was sent. */
static const char *name_field(const struct request *rq)
{
	return arg_sent(rq, "contributor_name") ? "contributor_name" : "name";
}

static const char *contributor_name(const struct request *rq)
{
	return arg(rq, name_field(rq));
}

/* The fields of someone who is not staff; 0 with a 400 naming each problem. */
static int paper_fields_ok(const struct request *rq, struct reply *rp)
{
	const struct {
		const char *field, *words;
	} needed[] = {
		{ name_field(rq),
		  "Give the contributor's name (or a member of staff's e-mail address)." },
		{ "relation", "Say who they are to the school, for example 'Parent (PTA)'." },
		{ "paper_version_id", "Choose the version of the policy they signed on paper." },
		{ "paper_date", "Give the date written on the signed paper." },
	};
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
		if (!arg(rq, needed[i].field))
			reply_error_add(rp, needed[i].field, "%s", needed[i].words);
	if (reply_errors(rp))
		return 0;
	char today[11];
	uk_today(today);
	if (strcmp(arg(rq, "paper_date"), today) > 0)
		reply_error_add(rp, "paper_date", "The date on the paper cannot be in the future.");
	if (!db_int(0, "SELECT count(*) FROM policy_versions WHERE id = ?", "I",
		    arg_int(rq, "paper_version_id", 0)))
		reply_error_add(rp, "paper_version_id", "There is no such policy version.");
	contributor_training_problems(rq, rp, "training_on", "training_expires");
	return reply_errors(rp) == 0;
}

static int64_t insert_contributor(const struct request *rq, const json_t *a, int64_t user)
{
	char at[ISO_LEN];
	iso_now(at);
	int64_t cid =
		db_insert("INSERT INTO account_contributors(account_id, user_id, name, "
			  "relation, added_by, added_at) VALUES (?, nullif(?, 0), ?, ?, ?, ?)",
			  "IIttIt", json_int(a, "id"), user, user ? "" : contributor_name(rq),
			  arg(rq, "relation") ? arg(rq, "relation") : "", rq->user.id, at);
	if (!user)
		db_exec("INSERT INTO contributor_paper(contributor_id, version_id, paper_date, "
			"recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
			"IItIt", cid, arg_int(rq, "paper_version_id", 0), arg(rq, "paper_date"),
			rq->user.id, at);
	if (!user && arg(rq, "training_on"))
		db_exec("INSERT INTO contributor_training(contributor_id, completed_on, "
			"expires_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
			"IttIt", cid, arg(rq, "training_on"), arg(rq, "training_expires"),
			rq->user.id, at);
	if (!user)
		paper_scan_store(rq, cid);
	return cid;
}

/* The checks for the person to be added: from the database for staff; for
 * someone who is not, what was entered for them, judged before it is stored
 * by the gate's own rule (paper_gate). */
static json_t *candidate_checks(const struct request *rq, const json_t *staff)
{
	if (staff)
		return lead_checks(json_int(staff, "user_id"));
	return paper_gate(arg_int(rq, "paper_version_id", 0), arg(rq, "paper_date"),
			  arg(rq, "training_on"), arg(rq, "training_expires"));
}

/* The contributor to add, checked; NULL (with a reply) or the staff row (or
 * json_null() for someone who is not staff). */
static json_t *contributor_candidate(struct request *rq, struct reply *rp, const json_t *a)
{
	if (arg(rq, "contributor_name") && arg(rq, "name")) {
		reply_error(rp, 400, "contributor_name",
			    "Give the name of someone who is not staff once.");
		return NULL;
	}
	if (arg(rq, "email") && contributor_name(rq)) {
		reply_error(rp, 400, "email",
			    "Give either a member of staff's e-mail address or the name of someone "
			    "who is not staff, not both.");
		return NULL;
	}
	json_t *staff = NULL;
	if (paper_scan_ok(rq, rp) != 0)
		return NULL;
	if (arg(rq, "email") ? !(staff = staff_runner(rq, rp, a)) : !paper_fields_ok(rq, rp))
		return NULL;
	json_t *checks = candidate_checks(rq, staff);
	if (!checks_all_pass(checks)) {
		const char *who = staff ? json_str(staff, "name") : contributor_name(rq);
		char *words = gate_refusal_words("They cannot run the account", who, checks);
		reply_error(rp, 409, staff ? "email" : "paper_version_id", "%s", words);
		json_object_set_new(rp->model, "checks", checks_failing(checks));
		free(words);
		json_decref(staff);
		staff = NULL;
	}
	json_decref(checks);
	return staff ? staff : rp->status ? NULL : json_null();
}

/* Inside the write: someone already running the account is not added
 * again, whenever they were added.  A member of staff is known by their
 * account (asked before the gate too, staff_runner: here again for a form
 * sent twice at once); someone who is not staff only by their name, so the
 * same name still running it (whatever the case) is the same person, and a
 * second parent of that name is told apart on the form ("Pat Parent (Year
 * 3)").  -1 with the 409 answered; 0 goes on. */
static int refuse_runner_again(const struct request *rq, struct reply *rp, int64_t user,
			       const char *name)
{
	int64_t kept = user ? account_runs(rq->ids[0], user)
			    : db_int(0,
				     "SELECT id FROM account_contributors INDEXED BY "
				     "account_contributors_by_account WHERE account_id = ? "
				     "AND removed_at IS NULL AND user_id IS NULL "
				     "AND name = ? COLLATE NOCASE",
				     "It", rq->ids[0], name);
	char *repeat = xasprintf("%s already runs this account.", name);
	int refused = reply_refuse_repeat(rp, kept, repeat);
	free(repeat);
	return refused;
}

void contributor_add(struct request *rq, struct reply *rp)
{
	json_t *a = team_account(rq, rp);
	json_t *who = a ? contributor_candidate(rq, rp, a) : NULL;
	int64_t user = json_is_object(who) ? json_int(who, "user_id") : 0;
	const char *name = user ? json_str(who, "name") : contributor_name(rq);
	if (!who || reply_begin(rp, BUSY_UNSAVED) != 0 ||
	    refuse_runner_again(rq, rp, user, name) != 0) {
		json_decref(who);
		json_decref(a);
		return;
	}
	int64_t cid = insert_contributor(rq, a, user);
	char *link = account_link(rq->ids[0]);
	if (user && user != rq->user.id) {
		char *msg =
			xasprintf("You now help run the school account '%s'.", json_str(a, "name"));
		notify_user(user, "account_contributor", msg, link);
		free(msg);
	}
	if (user)
		audit(rq, "account.contributor_add", link + 1, "staff: %s", json_str(who, "email"));
	else
		audit(rq, "account.contributor_add", link + 1,
		      "not staff: %s (%s); paper signature of version %lld dated %s; "
		      "social-media training %s",
		      name, arg(rq, "relation"), (long long)arg_int(rq, "paper_version_id", 0),
		      arg(rq, "paper_date"), arg(rq, "training_on"));
	if (reply_commit(rp, BUSY_UNSAVED) == 0)
		reply_done(rp, 201,
			   json_pack("{s:{s:I, s:s, s:b}}", "contributor", "id", (json_int_t)cid,
				     "name", name, "staff", user != 0),
			   link, "They have been added to the people who run the account.");
	free(link);
	json_decref(who);
	json_decref(a);
}

void contributor_remove(struct request *rq, struct reply *rp)
{
	json_t *a = team_account(rq, rp);
	if (!a)
		return;
	json_t *c = db_row("SELECT c.id, c.user_id, coalesce(u.name, c.name) AS name FROM "
			   "account_contributors c LEFT JOIN users u ON u.id = c.user_id "
			   "WHERE c.id = ? AND c.account_id = ? AND c.removed_at IS NULL",
			   "II", rq->ids[1], rq->ids[0]);
	json_decref(a);
	if (!c) {
		reply_not_found(rp);
		return;
	}
	char at[ISO_LEN], *link = account_link(rq->ids[0]);
	iso_now(at);
	char *runner = json_int(c, "user_id")
			       ? xasprintf("u:%lld", (long long)json_int(c, "user_id"))
			       : xasprintf("c:%lld", (long long)json_int(c, "id"));
	if (reply_begin(rp, BUSY_UNSAVED) == 0) {
		/* Still running it, asked again in the write: the same removal sent
		 * twice at once is made, and audited, once. */
		db_exec("UPDATE account_contributors SET removed_at = ?, removed_by = ? WHERE id = "
			"? AND removed_at IS NULL",
			"tII", at, rq->user.id, json_int(c, "id"));
		int changed = db_changes() > 0;
		if (changed) {
			db_exec("DELETE FROM account_gate_failures WHERE account_id = ? AND "
				"runner = ?",
				"It", rq->ids[0], runner);
			audit(rq, "account.contributor_remove", link + 1, "%s",
			      json_str(c, "name"));
		}
		if (reply_commit_changed(rp, changed, NULL,
					 "They no longer run the account: they were removed "
					 "meanwhile.",
					 BUSY_UNSAVED) == 0)
			reply_done(rp, 200, json_pack("{s:b}", "removed", 1), link,
				   "They no longer run the account.");
	}
	free(runner);
	free(link);
	json_decref(c);
}
