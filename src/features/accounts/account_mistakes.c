#define _GNU_SOURCE
/* "I posted something I should not have", ravens-wood §10: "Seek advice and
 * report any mistakes using the school's reporting process".  A runner
 * reports it from the account page; the moderator and the senior leadership
 * team are told and see it (and the reporter sees their own); the moderator
 * records what was done, which clears the notifications.  A mistake is not a
 * safeguarding concern: one that involves a pupil is raised by the moderator
 * as a concern in the ordinary way. */
#include "features/accounts/account.h"
#include "features/accounts/account_items.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

/* Who a mistake is routed to (ravens-wood §10 and "the school's SLT and
 * Moderator"), the headteacher being of SLT. */
#define MISTAKE_READERS (ROLE_MODERATOR | SENIOR_LEADERS)

int mistakes_may_see_all(const struct request *rq)
{
	return has_role(rq, MISTAKE_READERS);
}

json_t *mistakes_seen(const struct request *rq, int64_t account_id)
{
	json_t *rows = db_rows("SELECT m.id, m.what, m.link, m.removed, m.reported_at, "
			       "r.name AS reported_by_name, m.outcome, m.resolved_at, "
			       "s.name AS resolved_by_name FROM account_mistakes m "
			       "JOIN users r ON r.id = m.reported_by "
			       "LEFT JOIN users s ON s.id = m.resolved_by "
			       "WHERE m.account_id = ? AND (? = 1 OR m.reported_by = ?) "
			       "ORDER BY m.outcome IS NOT NULL, m.reported_at DESC, m.id DESC "
			       "LIMIT 50",
			       "IiI", account_id, mistakes_may_see_all(rq), rq->user.id);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_object_set_new(r, "removed", json_boolean(json_int(r, "removed")));
	return rows;
}

/* The notifications of one mistake link to its place on the account page,
 * so that they clear when it is dealt with, not when the page is opened. */
static char *mistake_link(int64_t account_id, int64_t id)
{
	return xasprintf("/accounts/%lld#mistake-%lld", (long long)account_id, (long long)id);
}

/* Everyone active holding a reading role, once each, never the reporter;
 * the message names the account only (it is e-mailed). */
static void tell_readers(const struct request *rq, const json_t *a, const char *link)
{
	char *msg = xasprintf("A mistake on the school account '%s' has been reported: record "
			      "what was done.",
			      json_str(a, "name"));
	notify_roles(MISTAKE_READERS, rq->user.id, "account_mistake", msg, link);
	free(msg);
}

/* Inside the write: the same mistake reported twice by the same person
 * within REPEAT_WINDOW (a double click) is kept once, and the moderator and
 * the senior leaders are told once.  -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_mistake(const struct request *rq, struct reply *rp, const char *link)
{
	char since[ISO_LEN];
	repeat_since(since);
	int64_t kept = db_int(0,
			      "SELECT id FROM account_mistakes INDEXED BY "
			      "account_mistakes_by_account WHERE account_id = ? AND "
			      "reported_at >= ? AND reported_by = ? AND what = ? AND link = ? AND "
			      "removed = ?",
			      "ItIttI", rq->ids[0], since, rq->user.id, arg(rq, "what"),
			      link ? link : "", (int64_t)arg_yes(rq, "removed"));
	return reply_refuse_repeat(rp, kept,
				   "You reported this mistake already: the moderator and the "
				   "senior leadership team have been told.");
}

void account_mistake_add(struct request *rq, struct reply *rp)
{
	json_t *a = account_for_runner(rq, rp);
	const char *link = arg(rq, "link");
	if (a && link && !url_ok(link))
		reply_error(rp, 400, "link",
			    "The link to the post must start with https:// (or http://).");
	if (!a || reply_errors(rp) || reply_begin(rp, BUSY_UNSAVED) != 0 ||
	    refuse_repeat_mistake(rq, rp, link) != 0) {
		json_decref(a);
		return;
	}
	char at[ISO_LEN];
	iso_now(at);
	int64_t id = db_insert("INSERT INTO account_mistakes(account_id, what, link, removed, "
			       "reported_by, reported_at) VALUES (?,?,?,?,?,?)",
			       "IttiIt", rq->ids[0], arg(rq, "what"),
			       link ? link : "", arg_yes(rq, "removed"), rq->user.id, at);
	char *notice = mistake_link(rq->ids[0], id);
	tell_readers(rq, a, notice);
	account_touch(rq->ids[0]);
	audit(rq, "account.mistake", notice + 1, "removed=%s",
	      arg_yes(rq, "removed") ? "yes" : "no");
	free(notice);
	json_decref(a);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	char *page = account_link(rq->ids[0]);
	reply_done(rp, 201, json_pack("{s:{s:I}}", "mistake", "id", (json_int_t)id), page,
		   "Thank you: the moderator and the senior leadership team have been told.");
	free(page);
}

/* The moderator records what was done; everyone's notification of the
 * mistake clears and the reporter is told. */
void account_mistake_resolve(struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	json_t *mk = a ? db_row("SELECT reported_by, outcome FROM account_mistakes WHERE id = ? "
				"AND account_id = ?",
				"II", rq->ids[1], rq->ids[0])
		       : NULL;
	if (!a || !mk)
		reply_not_found(rp);
	else if (json_str(mk, "outcome"))
		reply_error(rp, 409, "outcome", "What was done has already been recorded.");
	if (!a || !mk || reply_errors(rp) || reply_begin(rp, BUSY_UNSAVED) != 0) {
		json_decref(a);
		json_decref(mk);
		return;
	}
	char at[ISO_LEN];
	iso_now(at);
	db_exec("UPDATE account_mistakes SET outcome = ?, resolved_by = ?, resolved_at = ? "
		"WHERE id = ? AND outcome IS NULL",
		"tItI", arg(rq, "outcome"), rq->user.id, at, rq->ids[1]);
	int changed = db_changes() == 1;
	char *notice = mistake_link(rq->ids[0], rq->ids[1]);
	notify_done(notice);
	char *msg = xasprintf("The mistake you reported on the school account '%s' has been dealt "
			      "with: see what was done.",
			      json_str(a, "name"));
	int64_t reporter = json_int(mk, "reported_by");
	if (reporter != rq->user.id)
		notify_user(reporter, "account_mistake_resolved", msg, notice);
	audit(rq, "account.mistake_resolve", notice + 1, "outcome recorded");
	free(msg);
	json_decref(a);
	json_decref(mk);
	char *page = account_link(rq->ids[0]);
	if (reply_commit_changed(rp, changed, "outcome", "What was done has already been recorded.",
				 BUSY_UNSAVED) == 0)
		reply_done(rp, 200,
			   json_pack("{s:{s:I, s:s}}", "mistake", "id", (json_int_t)rq->ids[1],
				     "resolved_at", at),
			   page, "What was done has been recorded.");
	free(notice);
	free(page);
}
