/* Exceptions to the policies' rules, asked for in advance (wynstones: "If
 * staff wish to make any exception … permission from the School Business
 * Manager"; braunstone: a personal phone "except when express permission is
 * given or an emergency arises (e.g. school trip)").  The business manager
 * decides, or the headteacher when the school says so, with a reason; the
 * person sees the decision and, once approved, when it ends.  Leaders see
 * them all; anyone else sees only their own (404 for the rest). */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/tasks.h"
#include "core/names.h"
#include "core/write.h"
#include "db/db.h"
#include "features/permissions/permissions_internal.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An exception lasts at most a year: a standing arrangement is a policy change. */
#define EXCEPTION_MAX_DAYS 366

#define EXCEPTION_COLUMNS                                                                          \
	"SELECT e.id, printf('X-%05d', e.id) AS reference, e.user_id, u.name, e.what, e.why, "     \
	"e.from_on, e.until_on, e.requested_at, e.decision, e.decision_reason, e.decided_at, "     \
	"d.name AS decided_by FROM exception_requests e JOIN users u ON u.id = e.user_id "         \
	"LEFT JOIN users d ON d.id = e.decided_by "

/* The role that decides: the business manager unless the school chose the headteacher. */
static unsigned decider_role(void)
{
	char *v = db_text("SELECT value FROM settings WHERE key = 'exception_decider'", "");
	unsigned role =
		v && strcmp(v, "headteacher") == 0 ? ROLE_HEADTEACHER : ROLE_BUSINESS_MANAGER;
	free(v);
	return role;
}

/* The stored code of one of the two deciding roles, and its words. */
static const char *role_code(unsigned role)
{
	return role == ROLE_HEADTEACHER ? "headteacher" : "business_manager";
}

static const char *role_words(unsigned role)
{
	return name_of(NAME_ROLE, role_code(role));
}

/* Who decides a request: the decider role, or the other one when the person
 * asking is the only one holding it (nobody decides their own, and a
 * request nobody may decide would wait for ever). */
static unsigned request_decider(int64_t owner, unsigned role, int64_t sole)
{
	if (!sole || owner != sole)
		return role;
	return role == ROLE_HEADTEACHER ? ROLE_BUSINESS_MANAGER : ROLE_HEADTEACHER;
}

static int64_t sole_decider(unsigned role)
{
	return role_sole_holder(role_code(role));
}

int exception_may_decide(const struct request *rq)
{
	unsigned role = decider_role();
	int64_t sole = sole_decider(role);
	return has_role(rq, role) || (sole && has_role(rq, request_decider(sole, role, sole)));
}

static void describe(json_t *row, const struct request *rq, unsigned role, int64_t sole,
		     const char *today)
{
	int may_decide = has_role(rq, request_decider(json_int(row, "user_id"), role, sole));
	const char *decision = json_str(row, "decision");
	int mine = json_int(row, "user_id") == rq->user.id;
	json_object_set_new(row, "decision_label",
			    json_string(!decision                           ? "Awaiting a decision"
					: strcmp(decision, "approved") == 0 ? "Approved"
									    : "Refused"));
	json_object_set_new(row, "open", json_boolean(!decision));
	json_object_set_new(row, "mine", json_boolean(mine));
	/* Nobody decides their own request. */
	json_object_set_new(row, "may_decide", json_boolean(!decision && may_decide && !mine));
	json_object_set_new(row, "in_force",
			    json_boolean(decision && strcmp(decision, "approved") == 0 &&
					 strcmp(json_str(row, "from_on"), today) <= 0 &&
					 strcmp(json_str(row, "until_on"), today) >= 0));
}

json_t *exceptions_list(const struct request *rq)
{
	int leader = has_role(rq, PERMISSION_LEADERS);
	json_t *rows = leader ? db_rows(WHOLE_TABLE_REPORT EXCEPTION_COLUMNS
					"ORDER BY e.decided_at IS NOT NULL, e.id DESC",
					"")
			      : db_rows(EXCEPTION_COLUMNS "WHERE e.user_id = ? ORDER BY e.id DESC",
					"I", rq->user.id);
	char today[11];
	uk_today(today);
	unsigned role = decider_role();
	int64_t sole = sole_decider(role);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		describe(row, rq, role, sole, today);
	return rows;
}

/* The dates' problems, added to rp: from today or later, until after from, a year at most. */
static void date_problems(const struct request *rq, struct reply *rp)
{
	const char *from = arg(rq, "from_on"), *until = arg(rq, "until_on");
	char today[11];
	uk_today(today);
	if (strcmp(from, today) < 0)
		reply_error_add(rp, "from_on",
				"Ask before the exception starts: the first day cannot be in the "
				"past.");
	if (strcmp(until, from) < 0)
		reply_error_add(rp, "until_on", "The last day cannot be before the first day.");
	else if (db_int(0, "SELECT julianday(?) - julianday(?) > ?", "ttI", until, from,
			(int64_t)EXCEPTION_MAX_DAYS))
		reply_error_add(rp, "until_on",
				"An exception lasts a year at most: ask again for a longer one.");
}

static char *exception_link(int64_t id)
{
	return xasprintf("/permissions#exception-%lld", (long long)id);
}

/* Inside the write: the same request sent twice (a double click) finds the
 * one kept, still undecided: 409 naming it, -1. */
static int refuse_repeat_exception(const struct request *rq, struct reply *rp)
{
	char since[ISO_LEN], repeat[120];
	repeat_since(since);
	int64_t kept = db_int(0,
			      "SELECT id FROM exception_requests INDEXED BY "
			      "exception_requests_by_user WHERE user_id = ? AND requested_at >= ? "
			      "AND decided_at IS NULL AND what = ? AND why = ? AND from_on = ? AND "
			      "until_on = ?",
			      "Ittttt", rq->user.id, since, arg(rq, "what"), arg(rq, "why"),
			      arg(rq, "from_on"), arg(rq, "until_on"));
	snprintf(repeat, sizeof repeat, "You sent this request already, as X-%05lld.",
		 (long long)kept);
	return reply_refuse_repeat(rp, kept, repeat);
}

void exception_request(struct request *rq, struct reply *rp)
{
	date_problems(rq, rp);
	if (reply_errors(rp))
		return;
	char at[ISO_LEN], ref[16];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_exception(rq, rp) != 0)
		return;
	int64_t id = db_insert("INSERT INTO exception_requests(user_id, what, why, from_on, "
			       "until_on, requested_at) VALUES (?, ?, ?, ?, ?, ?)",
			       "Ittttt", rq->user.id, arg(rq, "what"), arg(rq, "why"),
			       arg(rq, "from_on"), arg(rq, "until_on"), at);
	snprintf(ref, sizeof ref, "X-%05lld", (long long)id);
	char *msg = xasprintf("%s asks for an exception (%s): it awaits your decision.",
			      rq->user.name, ref);
	char *link = exception_link(id);
	unsigned role = decider_role();
	unsigned decider = request_decider(rq->user.id, role, sole_decider(role));
	notify_role(role_code(decider), rq->user.id, "exception_request", msg, link);
	free(link);
	free(msg);
	audit(rq, "exception.request", ref, "from_on=%s until_on=%s", arg(rq, "from_on"),
	      arg(rq, "until_on"));
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	char *sent = decider == role ? xstrdup("Your request has been sent. You will see the "
					       "decision here.")
				     : xasprintf("You are the only %s, so your request has been "
						 "sent to the %s. You will see the decision here.",
						 role_words(role), role_words(decider));
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s}}", "exception", "id", (json_int_t)id, "reference",
			     ref, "decided_by", role_code(decider)),
		   "/permissions", sent);
	free(sent);
}

/* The request, when this person may see it: 0; otherwise answered (404 or 403). */
static int decide_allowed(const struct request *rq, struct reply *rp, json_t **row)
{
	/* The rule the audit log and the exports share (permissions.h). */
	*row = db_row(EXCEPTION_COLUMNS
		      "WHERE e.id = ?1 AND " EXCEPTION_MAY_OPEN_AS("e", "?2", "?3"),
		      "III", rq->ids[0], rq->user.id, routable_roles(rq));
	int mine = *row && json_int(*row, "user_id") == rq->user.id;
	if (!*row) {
		reply_not_found(rp);
		return -1;
	}
	if (mine) {
		reply_error(rp, 403, NULL, "Someone else decides your own request.");
		return -1;
	}
	unsigned role = decider_role();
	unsigned decider = request_decider(json_int(*row, "user_id"), role, sole_decider(role));
	if (!has_role(rq, decider)) {
		reply_error(rp, 403, NULL,
			    decider == role ? "Exceptions are decided by the %s."
					    : "This request is decided by the %s.",
			    role_words(decider));
		return -1;
	}
	return 0;
}

void exception_decide(struct request *rq, struct reply *rp)
{
	json_t *row;
	if (decide_allowed(rq, rp, &row) != 0) {
		json_decref(row);
		return;
	}
	const char *decision = arg(rq, "decision");
	int64_t owner = json_int(row, "user_id");
	char at[ISO_LEN], ref[16];
	copy_str(ref, sizeof ref, json_str(row, "reference"));
	json_decref(row);
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE exception_requests SET decision = ?, decision_reason = ?, decided_by = ?, "
		"decided_at = ? WHERE id = ? AND decision IS NULL",
		"ttItI", decision, arg(rq, "decision_reason"), rq->user.id, at, rq->ids[0]);
	int changed = db_changes();
	char *link = exception_link(rq->ids[0]);
	if (changed) {
		notify_done(link);
		char *msg =
			xasprintf("Your request for an exception (%s) has been %s.", ref, decision);
		notify_user(owner, "exception_decision", msg, link);
		free(msg);
	}
	free(link);
	audit(rq, "exception.decide", ref, "decision=%s", decision);
	if (reply_commit_changed(rp, changed, "decision", "This request has already been decided.",
				 BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:s, s:s}}", "exception", "id", (json_int_t)rq->ids[0],
			     "reference", ref, "decision", decision),
		   "/permissions", "The decision has been recorded.");
}

void exception_decider_set(struct request *rq, struct reply *rp)
{
	const char *who = arg(rq, "decider");
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE settings SET value = ? WHERE key = 'exception_decider'", "t", who);
	audit(rq, "exception.decider", "exception_decider", "%s", who);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:s}", "decider", who), "/permissions",
		   "Who decides exceptions has been saved.");
}

/* "My tasks": the requests awaiting the decider. */
void exception_tasks(const struct request *rq, json_t *tasks)
{
	unsigned role = decider_role();
	int64_t sole = sole_decider(role);
	/* The decider's: every other person's; the other role's: the requests
	 * of the only person holding the decider role. */
	int64_t n = has_role(rq, role)
			    ? db_int(0,
				     "SELECT count(*) FROM exception_requests INDEXED BY "
				     "exception_requests_open WHERE decided_at IS NULL AND user_id "
				     "!= ? AND user_id != ?",
				     "II", rq->user.id, sole)
			    : 0;
	if (sole && sole != rq->user.id && has_role(rq, request_decider(sole, role, sole)))
		n += db_int(0,
			    "SELECT count(*) FROM exception_requests INDEXED BY "
			    "exception_requests_open WHERE decided_at IS NULL AND user_id = ?",
			    "I", sole);
	if (!n)
		return;
	task_addf(tasks, "exception_requests", "/permissions", 0,
		  "%lld request%s for an exception await%s your decision.", (long long)n,
		  n == 1 ? "" : "s", n == 1 ? "s" : "");
}
