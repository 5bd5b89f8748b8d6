/* The incident queue and one case, for whoever holds a role the case was
 * routed to (never the person it is about).  Every view of a case by
 * anyone but its reporter is written to the audit log. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/notify.h"
#include "core/write.h"
#include "features/concerns/concern_pattern.h"
#include "features/concerns/concern_internal.h"
#include "features/concerns/concern_adult.h"
#include "features/concerns/concern_breach.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 50

/* An event as the page shows it, read straight from the statement: db_rows'
 * object would have its stored details copied as a string, then replaced by
 * the parsed details, and its internal flag replaced by a boolean.  The
 * members in db_rows' order, then "what" and "text", as the JSON view
 * always gave them. */
static json_t *event_row(sqlite3_stmt *st, int for_reporter)
{
	int64_t id = sqlite3_column_int64(st, 0);
	const char *action = (const char *)sqlite3_column_text(st, 2);
	json_t *d = concern_event_detail(id, (const char *)sqlite3_column_text(st, 3));
	char *what = concern_event_text(action ? action : "", d, for_reporter);
	json_t *ev = json_object();
	if (!for_reporter)
		json_object_set_new_nocheck(ev, "id", db_column_json(st, 0));
	json_object_set_new_nocheck(ev, "at", db_column_json(st, 1));
	json_object_set_new_nocheck(ev, "action", db_column_json(st, 2));
	/* Who handled it and what they wrote stay with the handlers. */
	if (!for_reporter) {
		json_object_set_new_nocheck(ev, "detail", d ? json_incref(d) : json_object());
		json_object_set_new_nocheck(ev, "internal",
					    json_boolean(sqlite3_column_int64(st, 4)));
		json_object_set_new_nocheck(ev, "actor", db_column_json(st, 5));
		json_object_set_new_nocheck(ev, "actor_email", db_column_json(st, 6));
	}
	json_object_set_new_nocheck(ev, "what", json_string(what));
	free(what);
	if (!for_reporter) {
		json_t *text = json_object_get(d, "text") ? json_object_get(d, "text")
							  : json_object_get(d, "outcome");
		json_object_set_new_nocheck(ev, "text", text ? json_incref(text) : json_null());
	}
	json_decref(d);
	return ev;
}

json_t *concern_events(int64_t concern_id, int for_reporter)
{
	sqlite3_stmt *st = db_stmt("SELECT e.id, e.at, e.action, e.detail, e.internal, u.name AS "
				   "actor, u.email AS actor_email "
				   "FROM concern_events e LEFT JOIN users u ON u.id = e.actor_id "
				   "WHERE e.concern_id = ? AND (? = 0 OR e.internal = 0) "
				   "ORDER BY e.id",
				   "Ii", concern_id, for_reporter);
	json_t *rows = json_array();
	while (st && db_step(st) == SQLITE_ROW)
		json_array_append_new(rows, event_row(st, for_reporter));
	if (st)
		sqlite3_reset(st);
	return rows;
}

json_t *concern_events_for_reporter(int64_t concern_id)
{
	return concern_events(concern_id, 1);
}

/* Counts by status as the reader may open them (concern_visible_counts),
 * and how many new ones are overdue: exact, the queue's own figures. */
static json_t *status_counts(unsigned roles, int64_t me, const char *at)
{
	int64_t mask = roles & ROLE_ROUTABLE;
	json_t *counts = concern_visible_counts(mask, me);
	int64_t overdue = concern_new_overdue(counts, concern_new_not_due(mask, me, at));
	json_object_set_new(counts, "overdue", json_integer(overdue));
	return counts;
}

static void queue_flags(json_t *rows, const char *at)
{
	size_t i;
	json_t *row;
	concern_label_rows(rows);
	concern_queue_rows(rows, at);
	json_array_foreach(rows, i, row) {
		const char *due = json_str(row, "deadline_due");
		json_object_set_new(row, "deadline_overdue",
				    json_boolean(due && strcmp(due, at) < 0));
		json_object_set_new(row, "overdue", json_boolean(json_int(row, "overdue")));
		json_object_set_new(row, "urgent", json_boolean(json_int(row, "urgent")));
	}
}

/* The statuses "Change the status" offers a case of status cur: those the
 * action accepts (concern_status_problem), so never one it would refuse;
 * none once the case is escalated or closed, and then no such form. */
static json_t *status_choices(const char *cur)
{
#define STATUS_CODE_(code, name) code,
	static const char *const st[] = { CONCERN_STATUS_LIST(STATUS_CODE_) };
	json_t *a = json_array();
	for (size_t i = 0; cur && i < sizeof st / sizeof st[0]; i++)
		if (!concern_status_problem(cur, st[i]))
			json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", st[i],
							   "label", concern_status_label(st[i]),
							   "selected", 0));
	return a;
}

#define QUEUE_COLUMNS_FROM(hint)                                                                   \
	"SELECT c.id, c.reference, c.category, c.summary, c.created_at, c.status, c.urgent, "      \
	"c.due_by, "                                                                               \
	"u.name AS assignee, u.email AS assignee_email, (c.status = 'new' AND c.due_by < ?) AS "   \
	"overdue, (SELECT min(d.due_at) FROM concern_deadlines d WHERE d.concern_id = c.id AND "   \
	"d.met_at IS NULL) AS deadline_due, (SELECT d.kind FROM concern_deadlines d WHERE "        \
	"d.concern_id = c.id AND d.met_at IS NULL ORDER BY d.due_at LIMIT 1) AS deadline_kind, "   \
	"'/concerns/' || c.id AS url FROM concerns c " hint                                        \
	" LEFT JOIN users u ON u.id = c.assignee_id "
#define QUEUE_FILTERS                                                                              \
	"AND " CONCERN_MAY_OPEN("c") " "                                                           \
				     "AND (? IS NULL OR c.status = ?) AND (? IS NULL OR "          \
				     "c.category = ?) AND (? = 0 OR c.assignee_id = ?) "           \
				     "AND (? = 0 OR (c.status = 'new' AND c.due_by < ?)) "         \
				     "AND (? = 0 OR EXISTS (SELECT 1 FROM concern_deadlines d "    \
				     "WHERE d.concern_id = c.id AND d.met_at IS NULL AND "         \
				     "d.due_at < ?)) AND (? = 0 OR c.status != 'closed') "

/* The queue shows open urgent cases first, then everything else newest
 * first.  Read as two lists: the open urgent cases through the index that
 * holds only them (concerns_urgent_open: its WHERE is these two terms,
 * which must stay the same for SQLite to use it), then the rest in date
 * order, each stopped when the page is full, so a page costs its fifty
 * rows, not a sort of every case ever filed. */
struct queue_filter {
	const char *status, *category;
	int assigned, overdue, deadline;
	int open;       /* only cases not closed: the queue's default */
};

/* The cases after the open urgent ones, newest first, read in date order
 * (hint "") or through the index that hint names, with one more term. */
#define QUEUE_REST(hint, term)                                                                     \
	QUEUE_COLUMNS_FROM(hint)                                                                   \
	"WHERE NOT (c.urgent = 1 AND c.status IN ('new', 'acknowledged', 'investigating', "        \
	"'escalated')) " QUEUE_FILTERS "AND " term " ORDER BY c.created_at DESC, c.id DESC "      \
	"LIMIT ? OFFSET ?"

/* The open urgent cases, newest first, through the index that hint names,
 * with one more term: a page of them (read in the index's order and
 * stopped there), or how many there are. */
#define QUEUE_URGENT_WHERE(term)                                                                   \
	"WHERE c.status IN " CONCERN_OPEN_STATUSES " AND c.urgent = 1 " QUEUE_FILTERS "AND " term
#define QUEUE_URGENT(hint, term)                                                                   \
	QUEUE_COLUMNS_FROM(hint)                                                                   \
	QUEUE_URGENT_WHERE(term) " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?"
#define QUEUE_URGENT_COUNT(hint, term)                                                             \
	"SELECT count(*) FROM concerns c " hint " " QUEUE_URGENT_WHERE(term)

static json_t *queue_page(const struct request *rq, const struct queue_filter *f, int64_t page,
			  const char *at)
{
	int64_t mask = routable_roles(rq), me = rq->user.id;
	/* Someone whose roles receive no case reads both lists through the
	 * index of the cases assigned to them: through the others, every
	 * case would be read to find none. */
	int assigned_only = concern_roles_receive_none(mask);
	/* Both forms of each list take the same binds: QUEUE_COLUMNS_FROM's
	 * (at), then the filters', the last of them the viewer as the assignee
	 * or in a term always true. */
#define FILTER_TYPES CONCERN_MAY_OPEN_BINDS "ttttiIititiI"
#define FILTER_ARGS                                                                                \
	me, mask, me, f->status, f->status, f->category, f->category, f->assigned, me, f->overdue, \
		at, f->deadline, at, f->open, me
	int64_t first = (page - 1) * PAGE, full = PAGE + 1;
	json_t *rows = assigned_only ? db_rows(QUEUE_URGENT("INDEXED BY concerns_by_assignee",
							    "c.assignee_id = ?"),
					       "t" FILTER_TYPES "II", at, FILTER_ARGS, full, first)
				     : db_rows(QUEUE_URGENT("INDEXED BY concerns_urgent_open",
							    "? IS NOT NULL"),
					       "t" FILTER_TYPES "II", at, FILTER_ARGS, full, first);
	int64_t want = full - (int64_t)json_array_size(rows), skip = 0;
	/* A page past the urgent cases skips, in the rest, the rows of the
	 * pages before it that were not urgent: only then are they counted. */
	if (first > 0 && json_array_size(rows) == 0) {
		int64_t nurgent =
			assigned_only
				? db_int(0,
					 QUEUE_URGENT_COUNT("INDEXED BY concerns_by_assignee",
							    "c.assignee_id = ?"),
					 FILTER_TYPES, FILTER_ARGS)
				: db_int(0,
					 QUEUE_URGENT_COUNT("INDEXED BY concerns_urgent_open",
							    "? IS NOT NULL"),
					 FILTER_TYPES, FILTER_ARGS);
		skip = first - nurgent;
	}
	json_t *rest = assigned_only
			       ? db_rows(QUEUE_REST("INDEXED BY concerns_by_assignee",
						    "c.assignee_id = ?"),
					 "t" FILTER_TYPES "II", at, FILTER_ARGS, want, skip)
			       : db_rows(QUEUE_REST("", "? IS NOT NULL"), "t" FILTER_TYPES "II", at,
					 FILTER_ARGS, want, skip);
#undef FILTER_TYPES
#undef FILTER_ARGS
	json_array_extend(rows, rest);
	json_decref(rest);
	return rows;
}

/* "open" (or no status: the default) and "all" choose by whether a case is
 * closed; a status's code chooses that status. */
static void queue_status(struct queue_filter *f, const char *status)
{
	f->open = !status || strcmp(status, "open") == 0;
	f->status = status && strcmp(status, "open") != 0 && strcmp(status, "all") != 0
			    ? status
			    : NULL;
}

void concern_queue(struct request *rq, struct reply *rp)
{
	struct queue_filter f = {
		.category = arg(rq, "category"),
		.assigned = arg_yes(rq, "assigned"),
		.overdue = arg_yes(rq, "overdue"),
		.deadline = arg(rq, "deadline") != NULL,
	};
	queue_status(&f, arg(rq, "status"));
	int64_t page = arg_int(rq, "page", 1);
	char at[ISO_LEN];
	iso_now(at);
	json_t *rows = queue_page(rq, &f, page, at);
	json_t *counts = status_counts(rq->user.roles, rq->user.id, at);
	char *query = concern_queue_query(arg(rq, "status"), f.category, f.assigned, f.overdue,
					  f.deadline);
	json_t *m = json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:b, s:s, s:s}", "concerns",
			      rows, "counts", counts, "count_links", concern_count_links(counts),
			      "statuses", concern_queue_statuses(arg(rq, "status")), "categories",
			      concern_categories(f.category), "assigned", f.assigned, "overdue",
			      f.overdue, "deadline_overdue", f.deadline, "status",
			      f.open ? "open" : f.status ? f.status : "all", "query", query);
	free(query);
	reply_pager(m, rows, page, PAGE);
	queue_flags(rows, at);
	reply_page(rp, "concern_queue", "Incident queue", m);
}

/* The people the case page offers for "assign" (the same list do_assign
 * accepts), as {email, name}. */
static json_t *assignees(int64_t id, unsigned roles)
{
	json_t *rows = concern_assignable(id, NULL, (roles & ROLE_HEADTEACHER) != 0);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_object_del(row, "id");
	return rows;
}

static json_t *choice_list(const char *choices, const char *(*label)(const char *))
{
	json_t *a = json_array();
	char *copy = xstrdup(choices), *save = NULL;
	for (char *c = strtok_r(copy, "|", &save); c; c = strtok_r(NULL, "|", &save))
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", c, "label", label(c)));
	free(copy);
	return a;
}

/* The escalation bodies and outcome categories never change: each list is
 * made once and shared by every case page, read only (jansson counts
 * references atomically), instead of a json_pack per choice per page. */
static json_t *bodies_list, *outcomes_list;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static void fixed_lists(void)
{
	bodies_list = choice_list(ESCALATION_BODIES, concern_body_label);
	outcomes_list = choice_list(OUTCOME_CATEGORIES, concern_outcome_label);
}

static json_t *case_row(int64_t id)
{
	char at[ISO_LEN];
	iso_now(at);
	json_t *c = db_row("SELECT c.id, c.reference, c.category, c.summary, c.details, "
			   "c.occurred_at, c.platform, c.url, c.involved, "
			   "c.urgent, c.status, c.created_at, c.due_by, c.acknowledged_at, "
			   "c.closed_at, c.outcome, c.outcome_category, "
			   "(c.status = 'new' AND c.due_by < ?) AS overdue, r.name AS reporter, "
			   "r.email AS reporter_email, "
			   "a.name AS about, a.email AS about_email, s.name AS assignee, s.email "
			   "AS assignee_email, "
			   "(SELECT group_concat(role, ', ') FROM (SELECT b.role FROM role_bits b "
			   "WHERE (b.bit & c.recipient_mask) != 0 ORDER BY b.role)) AS recipients "
			   "FROM concerns c JOIN users r ON r.id = c.reporter_id LEFT JOIN users a "
			   "ON a.id = c.about_id "
			   "LEFT JOIN users s ON s.id = c.assignee_id WHERE c.id = ?",
			   "tI", at, id);
	const char *st = json_str(c, "status");
	json_object_set_new(c, "label", json_string(concern_category_label(
						 json_str(c, "category"))));
	json_object_set_new(c, "outcome_label", json_string(concern_outcome_label(
							json_str(c, "outcome_category"))));
	json_object_set_new(c, "overdue", json_boolean(json_int(c, "overdue")));
	json_object_set_new(c, "urgent", json_boolean(json_int(c, "urgent")));
	json_object_set_new(c, "is_new", json_boolean(strcmp(st, "new") == 0));
	json_object_set_new(c, "is_closed", json_boolean(strcmp(st, "closed") == 0));
	json_object_set_new(c, "events", concern_events(id, 0));
	json_object_set_new(c, "evidence", evidence_list(id));
	concern_deadlines_add(c, id);
	concern_steps_add(c, id, json_str(c, "category"));
	concern_whistle_add(c);
	concern_image_add(c, id);
	breach_add(c, id);
	return c;
}

/* The step whose form was sent (action=step) keeps what was typed and shows
 * its problems: each step's form on the page has the same fields.  The
 * row's flag has a name of its own, never the page's again_step: a row's
 * false flag would show the page's true one, and every step's form would
 * come back filled in, ready to record the wrong details. */
static void mark_step(const struct request *rq, json_t *rows, json_t *m)
{
	static const char *const fields[] = { "outcome", "text", "done_by", "done_at",
					      "reference" };
	const char *step = strcmp(arg(rq, "action"), "step") == 0 ? arg(rq, "step") : NULL;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		int sent = step && strcmp(step, json_str(r, "step")) == 0;
		json_object_set_new(r, "step_sent", json_boolean(sent));
		/* its fields' ids carry the step's code (f-meeting-text) */
		for (size_t k = 0; sent && k < sizeof fields / sizeof fields[0]; k++)
			reply_field_id(m, fields[k], "f-%s-%s", step, fields[k]);
	}
}

/* The fields of the case page's forms whose ids carry their form's name,
 * the fields of the same name in other forms (the note's text, f-text)
 * keeping the plain id: the summary's link to a problem lands on the field
 * of the form that was sent. */
static const struct {
	const char *action, *field, *id;
} own_ids[] = {
	{ "ico_decision", "text", "f-decision-text" },
	{ "escalate", "text", "f-escalate-text" },
	{ "threshold", "text", "f-threshold-text" },
	{ "device", "text", "f-device-text" },
	{ "copy_given", "date", "f-copy-date" },
	{ "copy_given", "text", "f-copy-text" },
	{ "reopen", "text", "f-reopen-text" },
};

/* Shown again after a refused action, the page keeps what was typed and chosen
 * in that action's form (again_ACTION marks it), and only there: the forms
 * of one page share field names. */
static void keep_action(const struct request *rq, json_t *m)
{
	const char *action = rq->is_post ? arg(rq, "action") : NULL;
	if (!action)
		return;
	json_object_set_new(m, "again", json_pack("{s:b}", action, 1));
	/* the two fixed lists are shared (fixed_lists): marked on copies */
	json_object_set_new(m, "bodies", json_deep_copy(json_object_get(m, "bodies")));
	json_object_set_new(m, "outcomes", json_deep_copy(json_object_get(m, "outcomes")));
	reply_keep_chosen(rq, json_object_get(m, "assignees"), "assignee", "email", "chosen");
	reply_keep_chosen(rq, json_object_get(m, "statuses"), "status", "code", "selected");
	reply_keep_chosen(rq, json_object_get(m, "bodies"), "to", "code", "chosen");
	reply_keep_chosen(rq, json_object_get(m, "outcomes"), "outcome_category", "code",
			  "chosen");
	json_t *breach = json_object_get(json_object_get(m, "concern"), "breach");
	mark_step(rq, json_object_get(json_object_get(m, "concern"), "steps"), m);
	for (size_t i = 0; i < sizeof own_ids / sizeof own_ids[0]; i++)
		if (strcmp(action, own_ids[i].action) == 0)
			reply_field_id(m, own_ids[i].field, "%s", own_ids[i].id);
	reply_keep_chosen(rq, json_object_get(breach, "decisions"), "decision", "code", "chosen");
}

void concern_case(struct request *rq, struct reply *rp)
{
	int64_t id = rq->ids[0];
	if (!concern_handler_ok(id, rq->user.id, rq->user.roles)) {
		reply_not_found(rp);
		return;
	}
	json_t *c = case_row(id);
	concern_pattern_add(c, id, rq);
	if (concern_reporter(id) != rq->user.id) {
		if (reply_begin(rp, BUSY_UNSAVED) != 0) {
			json_decref(c);
			return;
		}
		audit(rq, "concern.view", json_str(c, "reference"), "viewed the case");
		/* Opening the case is reading what told them of it. */
		char link[40];
		snprintf(link, sizeof link, "/concerns/%lld", (long long)id);
		notify_seen(rq->user.id, link);
		if (reply_commit(rp, BUSY_UNSAVED) != 0) {
			json_decref(c);
			return;
		}
	}
	pthread_once(&lists_once, fixed_lists);
	json_t *m = json_pack("{s:o, s:o, s:O, s:O, s:o}", "concern", c, "assignees",
			      assignees(id, rq->user.roles), "bodies", bodies_list, "outcomes",
			      outcomes_list, "statuses",
			      status_choices(json_str(c, "status")));
	concern_adult_view(rq, m);
	keep_action(rq, m);
	reply_page(rp, "concern_case", "Concern", m);
}
