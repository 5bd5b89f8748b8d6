#define _GNU_SOURCE
/* The register of school accounts: the list with its flags, one account's
 * page, and the moderator's changes (register an existing account, edit,
 * transfer to a new lead, close with the handover checklist). */
#include "features/accounts/account_team.h"
#include "features/accounts/account_items.h"
#include "features/accounts/account_posts.h"
#include "features/concerns/concerns.h"
#include "core/audit.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/notify.h"
#include "core/write.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

void accounts_list(struct request *rq, struct reply *rp)
{
	int all = has_role(rq, ACCOUNT_OVERSEERS);
	int64_t page = arg_int(rq, "page", 1);
	json_t *rows =
		accounts_query(all, rq->user.id, ACCOUNTS_PAGE + 1, (page - 1) * ACCOUNTS_PAGE);
	json_t *m = json_pack("{s:o, s:b, s:b}", "accounts", rows, "all", all, "moderator",
			      has_role(rq, ROLE_MODERATOR));
	reply_pager(m, rows, page, ACCOUNTS_PAGE);
	reply_page(rp, "accounts", all ? "Social-media accounts" : "Your social-media accounts", m);
}

static const char *posted_or(const struct request *rq, const char *field, const json_t *from,
			     const char *key)
{
	const char *typed = rq->is_post ? arg(rq, field) : NULL;
	const char *stored = from ? json_string_value(json_object_get(from, key)) : NULL;
	return typed ? typed : stored ? stored : "";
}

void account_new_page(struct request *rq, struct reply *rp)
{
	static const char *const fields[] = { "platform_other", "name", "url",
					      "department",     "lead", NULL };
	json_t *v = json_object();
	for (size_t i = 0; fields[i]; i++)
		json_object_set_new(v, fields[i],
				    json_string(posted_or(rq, fields[i], NULL, NULL)));
	const char *vis = posted_or(rq, "visibility", NULL, NULL);
	json_object_set_new(v, "closed", json_boolean(strcmp(vis, "closed") == 0));
	reply_page(rp, "account_new", "Register an existing account",
		   json_pack("{s:o, s:o}", "v", v, "platforms",
			     platform_options(arg(rq, "platform"))));
}

/* Inside the write: an account already in the register, not closed, with
 * the same platform and name (handles are matched as the platforms match
 * them, whatever the case) is the same account, whenever it was added: a
 * form sent twice, or the account registered a second time, would give it
 * two entries and tell its lead twice.  A closed one stays in the
 * register as a record, and the same name registered again is a new entry.
 * -1 with the 409 answered; 0 goes on. */
static int refuse_registered(const struct request *rq, struct reply *rp, const char *other)
{
	json_t *kept = db_row("SELECT a.id, u.name AS lead_name FROM social_accounts a "
			      "INDEXED BY social_accounts_register "
			      "JOIN users u ON u.id = a.lead_id "
			      "WHERE (a.status = 'closed') = 0 AND a.name = ? COLLATE NOCASE "
			      "AND a.platform = ? AND a.platform_other = ? COLLATE NOCASE",
			      "ttt", arg(rq, "name"), arg(rq, "platform"), other);
	if (!kept)
		return 0;
	const char *platform = *other ? other : platform_label(arg(rq, "platform"));
	char *repeat = xasprintf("%s on %s is already in the register, led by %s.",
				 arg(rq, "name"), platform, json_str(kept, "lead_name"));
	int refused = reply_refuse_repeat(rp, json_int(kept, "id"), repeat);
	free(repeat);
	json_decref(kept);
	return refused;
}

/* An account registered here has had no application approved (ravens-wood
 * §3: accounts are set up once the moderator and SLT have considered them),
 * being one that already existed: the senior leaders are told of each, so
 * that none, the moderator's own above all, goes on the register unseen. */
static void tell_leaders_registered(const struct request *rq, const char *name,
				    const char *link)
{
	char *msg = xasprintf("%s added the existing school account '%s' to the register, "
			      "without an application.",
			      rq->user.name, name);
	notify_roles(SENIOR_LEADERS, rq->user.id, "account_registered", msg, link);
	free(msg);
}

void account_register(struct request *rq, struct reply *rp)
{
	const char *other;
	int other_ok = platform_other_ok(rq, rp, &other);
	if (!url_ok(arg(rq, "url")))
		reply_error_add(rp, "url",
				"Give the account's web address, starting with https://.");
	int64_t lead = lead_lookup(rq, rp, 0);
	if (!other_ok || !lead || reply_errors(rp))
		return;
	json_t *checks = lead_checks(lead);
	int pass = checks_all_pass(checks);
	if (!pass)
		reply_checks_failed(rp, checks, "The account cannot be registered");
	json_decref(checks);
	if (!pass)
		return;
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_registered(rq, rp, other) != 0)
		return;
	int64_t id =
		db_insert("INSERT INTO social_accounts(platform, platform_other, name, url, "
			  "department, lead_id, "
			  "visibility, status, created_at) VALUES (?,?,?,?,?,?,?,'active',?)",
			  "tttttItt", arg(rq, "platform"), other, arg(rq, "name"), arg(rq, "url"),
			  arg(rq, "department"), lead, arg(rq, "visibility"), at);
	char *link = account_link(id);
	char *msg = xasprintf("You are now the lead of the school account '%s'.", arg(rq, "name"));
	if (lead != rq->user.id)
		notify_user(lead, "account_lead", msg, link);
	tell_leaders_registered(rq, arg(rq, "name"), link);
	audit(rq, "account.register", link + 1, "existing account: platform=%s name=%s lead=%s",
	      arg(rq, "platform"), arg(rq, "name"), arg(rq, "lead"));
	free(msg);
	if (id < 0 || db_commit() != 0) {
		free(link);
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s}}", "account", "id", (json_int_t)id, "status", "active"),
		   link, "The account has been added to the register.");
	free(link);
}

/* The details form's version: a digest of the name, address and status it
 * showed.  A form opened before another moderator's change (a suspension)
 * carries an older one, so its save cannot silently undo that change. */
static void details_version(const json_t *a, char out[17])
{
	const char *shown[] = { json_str(a, "name"), json_str(a, "url"), json_str(a, "status") };
	fields_digest(shown, sizeof shown / sizeof shown[0], out);
}

/* Values for the page's forms: what was typed into a refused form, else what is stored. */
static json_t *account_form_values(const struct request *rq, const json_t *a)
{
	char at[ISO_LEN], field[17];
	iso_now(at);
	uk_time_for_field(at, field); /* now in UK time, as a datetime-local field wants it */
	const char *status = posted_or(rq, "status", a, "status");
	json_t *v = json_pack("{s:s, s:s, s:s, s:s, s:b}", "name", posted_or(rq, "name", a, "name"),
			      "url", posted_or(rq, "url", a, "url"), "checked_at",
			      rq->is_post && arg(rq, "checked_at") ? arg(rq, "checked_at") : field,
			      "lead", posted_or(rq, "lead", NULL, NULL), "suspended",
			      strcmp(status, "suspended") == 0);
	char version[17];
	details_version(a, version);
	json_object_set_new(v, "version", json_string(posted_or(rq, "version", NULL, NULL)[0]
							      ? arg(rq, "version")
							      : version));
	static const char *const kept[] = { "reason", "login", "recovery_email", "two_factor_notes",
					    NULL };
	for (size_t i = 0; kept[i]; i++)
		json_object_set_new(v, kept[i], json_string(posted_or(rq, kept[i], NULL, NULL)));
	/* Other forms of the page (the review, items, moderation) have a notes
	 * or a summary too: the check's form keeps only its own. */
	int check = reply_form_sent(rq, "/checks");
	for (size_t i = 0; i < 2; i++) {
		const char *shared = i ? "summary" : "notes";
		json_object_set_new(v, shared,
				    json_string(check ? posted_or(rq, shared, NULL, NULL) : ""));
	}
	return v;
}

/* As the moderation log: a check that raised a concern names it only to a
 * reader who may open it (CONCERN_MAY_OPEN); anyone else sees that one was
 * raised, not which. */
static json_t *check_log(const struct request *rq, int64_t id)
{
	int64_t mask = routable_roles(rq);
	json_t *rows = db_rows(
		"SELECT c.id, c.checked_at, c.comments_found, c.all_answered, c.notes, "
		"u.name AS by_name, (c.concern_id IS NOT NULL) AS raised_concern, "
		CONCERN_NAMED_IF_MAY_OPEN("k") " "
		"FROM account_checks c JOIN users u ON u.id = c.by_id "
		"LEFT JOIN concerns k ON k.id = c.concern_id WHERE c.account_id = ? "
		"ORDER BY c.checked_at DESC, c.id DESC LIMIT 50",
		CONCERN_NAMED_BINDS "I", rq->user.id, mask,
		rq->user.id, rq->user.id, mask, rq->user.id, id);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_object_set_new(r, "raised_concern",
				    json_boolean(json_int(r, "raised_concern")));
	return rows;
}

void account_page(struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	if (!a || !account_visible(rq, a)) {
		json_decref(a);
		reply_not_found(rp);
		return;
	}
	int64_t id = rq->ids[0];
	int open = strcmp(json_str(a, "status"), "closed") != 0;
	int lead = json_int(a, "lead_id") == rq->user.id;
	int moderator = has_role(rq, ROLE_MODERATOR);
	json_t *m = json_pack("{s:o, s:o, s:o}", "v", account_form_values(rq, a), "checks_log",
			      check_log(rq, id), "account", a);
	json_object_set_new(m, "can_manage", json_boolean(moderator && open));
	json_object_set_new(m, "can_log_check", json_boolean((moderator || lead) && open));
	json_object_set_new(m, "can_credentials",
			    json_boolean(has_role(rq, ROLE_MODERATOR | ROLE_SLT)));
	json_object_set_new(m, "can_set_credentials",
			    json_boolean(has_role(rq, ROLE_MODERATOR | ROLE_SLT) && open));
	json_object_set_new(
		m, "has_credentials",
		json_boolean(db_int(0,
				    "SELECT cred_box IS NOT NULL FROM social_accounts WHERE id = ?",
				    "I", id)));
	json_object_set_new(
		m, "application_id",
		json_integer(db_int(0, "SELECT id FROM account_applications WHERE account_id = ?",
				    "I", id)));
	account_team_model(rq, m, a);
	account_items_model(rq, a, m);
	account_posts_into(rq, m, id);
	reply_page(rp, "account", json_str(a, "name"), m);
}

#define ACCOUNT_CLOSED "This account has been closed; it can no longer be changed."

/* The account for a moderator's change: NULL with a 404 or 409 reply when it is missing or closed.
 * Read before the write begins, so each update below is guarded again (status != 'closed'): a
 * close committed in between must not be undone nor followed by a change. */
static json_t *open_account(struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	if (!a) {
		reply_not_found(rp);
		return NULL;
	}
	if (strcmp(json_str(a, "status"), "closed") == 0) {
		json_decref(a);
		reply_error(rp, 409, NULL, "%s", ACCOUNT_CLOSED);
		return NULL;
	}
	return a;
}

/* Commits and answers with the account as it now stands.  changed is 0 when
 * the guarded update found the account closed (or changed) by someone else
 * since it was read: nothing is kept and the answer is 409 with conflict. */
static void finish(struct reply *rp, int64_t id, int changed, const char *conflict,
		   const char *flash)
{
	if (reply_commit_changed(rp, changed, NULL, conflict, BUSY_UNSAVED) != 0)
		return;
	json_t *a = account_load(id);
	char *link = account_link(id);
	reply_done(rp, 200, json_pack("{s:o}", "account", a ? a : json_null()), link, flash);
	free(link);
}

void account_edit(struct request *rq, struct reply *rp)
{
	json_t *a = open_account(rq, rp);
	if (!a)
		return;
	const char *url = arg(rq, "url");
	if (url && !url_ok(url)) {
		json_decref(a);
		reply_error(rp, 400, "url",
			    "The web address must start with https:// (or http://) and hold no "
			    "spaces.");
		return;
	}
	char *object = account_link(rq->ids[0]);
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		json_decref(a);
		free(object);
		return;
	}
	/* A form without a version (a JSON client) saves as it always has. */
	json_t *now = db_row("SELECT name, url, status FROM social_accounts WHERE id = ?", "I",
			     rq->ids[0]);
	char version[17];
	details_version(now, version);
	int stale = now && strcmp(json_str(now, "status"), "closed") != 0 && arg(rq, "version") &&
		    strcmp(arg(rq, "version"), version) != 0;
	json_decref(now);
	db_exec("UPDATE social_accounts SET name = ?, url = ?, status = ? WHERE id = ? "
		"AND status != 'closed'",
		"tttI", arg(rq, "name"), url ? url : "", arg(rq, "status"), rq->ids[0]);
	int changed = db_changes() == 1;
	audit(rq, "account.edit", object + 1, "name: %s -> %s; url: %s -> %s; status: %s -> %s",
	      json_str(a, "name"), arg(rq, "name"), json_str(a, "url"),
	      url ? url : "", json_str(a, "status"), arg(rq, "status"));
	json_decref(a);
	free(object);
	finish(rp, rq->ids[0], changed && !stale,
	       stale ? "This account's details were changed by someone else since you opened "
		       "them: reload the page and make your change again."
		     : ACCOUNT_CLOSED,
	       "The account's details have been saved.");
}

void account_transfer(struct request *rq, struct reply *rp)
{
	json_t *a = open_account(rq, rp);
	if (!a)
		return;
	int64_t lead = lead_lookup(rq, rp, 0);
	int64_t old = json_int(a, "lead_id");
	json_t *checks = lead ? lead_checks(lead) : NULL;
	if (lead && lead == old && !json_is_true(json_object_get(a, "lead_left")))
		reply_error(rp, 409, "lead", "%s already leads this account.",
			    json_str(a, "lead_name"));
	else if (lead && !checks_all_pass(checks))
		reply_checks_failed(rp, checks, "The account cannot be transferred");
	else if (lead && reply_begin(rp, BUSY_UNSAVED) == 0) {
		char *link = account_link(rq->ids[0]);
		/* Guarded as read: not closed since, and the lead still the one
		 * read (a transfer sent together with this one moved it first). */
		db_exec("UPDATE social_accounts SET lead_id = ? WHERE id = ? AND lead_id = ? "
			"AND status != 'closed'",
			"III", lead, rq->ids[0], old);
		int changed = db_changes() == 1;
		if (changed) {
			char *msg = xasprintf("You are now the lead of the school account '%s'.",
					      json_str(a, "name"));
			notify_user(lead, "account_lead", msg, link);
			free(msg);
		}
		audit(rq, "account.transfer", link + 1, "lead: %s -> %s", json_str(a, "lead"),
		      arg(rq, "lead"));
		free(link);
		int closed = !changed && db_int(0, "SELECT status = 'closed' FROM social_accounts "
						"WHERE id = ?", "I", rq->ids[0]);
		finish(rp, rq->ids[0], changed,
		       closed ? ACCOUNT_CLOSED
			      : "This account's lead was changed by someone else since you opened "
				"it: reload the page and make your change again.",
		       "The account has been transferred to its new lead.");
	}
	json_decref(checks);
	json_decref(a);
}

static const struct {
	const char *field, *what;
} close_checklist[] = {
	{ "password_changed", "the account's password has been changed" },
	{ "recovery_changed",
	  "the recovery e-mail address and telephone number have been changed" },
	{ "two_factor_moved", "two-factor sign-in has been moved away from the previous lead" },
	{ "content_archived", "the account's content has been archived" },
};

/* Also asked by the yearly review that closes an account (account_review.c).
 * Every unticked box is reported beside itself, in the words of the page, so that
 * the moderator sees all that is left to do at once. */
int close_checklist_ticked(const struct request *rq, struct reply *rp)
{
	for (size_t i = 0; i < sizeof close_checklist / sizeof close_checklist[0]; i++)
		if (!arg_yes(rq, close_checklist[i].field))
			reply_error_add(rp, close_checklist[i].field,
					"Confirm that %s before closing the account.",
					close_checklist[i].what);
	return !reply_errors(rp);
}

void account_close(struct request *rq, struct reply *rp)
{
	json_t *a = open_account(rq, rp);
	if (!a)
		return;
	json_decref(a);
	if (!close_checklist_ticked(rq, rp))
		return;
	char at[ISO_LEN];
	iso_now(at);
	char *object = account_link(rq->ids[0]);
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		free(object);
		return;
	}
	db_exec("UPDATE social_accounts SET status = 'closed', closed_at = ?, close_reason = ? "
		"WHERE id = ? AND status != 'closed'",
		"ttI", at, arg(rq, "reason"), rq->ids[0]);
	int changed = db_changes() == 1;
	/* The reason stays with the account, read by those who may open it: the
	 * audit log is read more widely. */
	audit(rq, "account.close", object + 1,
	      "checklist: password changed, recovery changed, two-factor moved, content "
	      "archived");
	free(object);
	finish(rp, rq->ids[0], changed, ACCOUNT_CLOSED, "The account has been closed.");
}
