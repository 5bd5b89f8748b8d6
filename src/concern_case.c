/* The incident queue and one case, for whoever holds a role the case was
 * routed to (never the person it is about).  Every view of a case by
 * anyone but its reporter is written to the audit log. */
#define _GNU_SOURCE
#include "audit.h"
#include "concern_internal.h"
#include "db.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 50

json_t *concern_events(int64_t concern_id, int for_reporter)
{
	json_t *rows = db_rows("SELECT e.id, e.at, e.action, e.detail, e.internal, u.name AS actor, u.email AS actor_email "
			       "FROM concern_events e LEFT JOIN users u ON u.id = e.actor_id "
			       "WHERE e.concern_id = ? AND (? = 0 OR e.internal = 0) ORDER BY e.id", "Ii", concern_id,
			       for_reporter);
	size_t i;
	json_t *ev;
	json_array_foreach(rows, i, ev) {
		const char *detail = json_string_value(json_object_get(ev, "detail"));
		char *what = concern_event_text(json_string_value(json_object_get(ev, "action")), detail, for_reporter);
		json_object_set_new(ev, "what", json_string(what));
		free(what);
		json_t *d = json_loads(detail ? detail : "{}", 0, NULL);
		if (for_reporter) {
			/* Who handled it and what they wrote stay with the handlers. */
			const char *drop[] = { "id", "detail", "internal", "actor", "actor_email" };
			for (size_t k = 0; k < 5; k++)
				json_object_del(ev, drop[k]);
			json_decref(d);
			continue;
		}
		json_t *text = json_object_get(d, "text") ? json_object_get(d, "text") : json_object_get(d, "outcome");
		json_object_set(ev, "text", text ? text : json_null());
		json_object_set_new(ev, "detail", d ? d : json_object());
		json_object_set_new(ev, "internal", json_boolean(json_integer_value(json_object_get(ev, "internal"))));
	}
	return rows;
}

static json_t *status_counts(const char *mine, int64_t me, const char *at)
{
	json_t *counts = json_pack("{s:i, s:i, s:i, s:i, s:i}", "new", 0, "acknowledged", 0, "investigating", 0,
				   "escalated", 0, "closed", 0);
	json_t *rows = db_rows("SELECT status, count(*) AS n, sum(status = 'new' AND due_by < ?) AS overdue FROM concerns c "
			       "WHERE c.id IN (SELECT concern_id FROM concern_recipients WHERE role IN "
			       "(SELECT value FROM json_each(?))) AND (c.about_id IS NULL OR c.about_id != ?) "
			       "GROUP BY status", "ttI", at, mine, me);
	size_t i;
	json_t *row;
	json_int_t overdue = 0;
	json_array_foreach(rows, i, row) {
		json_object_set(counts, json_string_value(json_object_get(row, "status")), json_object_get(row, "n"));
		overdue += json_integer_value(json_object_get(row, "overdue"));
	}
	json_object_set_new(counts, "overdue", json_integer(overdue));
	json_decref(rows);
	return counts;
}

static void queue_flags(json_t *rows)
{
	size_t i;
	json_t *row;
	concern_label_rows(rows);
	json_array_foreach(rows, i, row) {
		json_object_set_new(row, "overdue", json_boolean(json_integer_value(json_object_get(row, "overdue"))));
		json_object_set_new(row, "urgent", json_boolean(json_integer_value(json_object_get(row, "urgent"))));
	}
}

static json_t *status_options(const char *selected)
{
	static const char *const st[] = { "new", "acknowledged", "investigating", "escalated", "closed" };
	json_t *a = json_array();
	for (size_t i = 0; i < 5; i++)
		json_array_append_new(a, json_pack("{s:s, s:b}", "code", st[i], "selected",
						   selected && strcmp(selected, st[i]) == 0));
	return a;
}

void concern_queue(struct request *rq, struct reply *rp)
{
	const char *status = arg(rq, "status"), *category = arg(rq, "category");
	int assigned = arg_yes(rq, "assigned"), overdue = arg_yes(rq, "overdue");
	int64_t page = arg_int(rq, "page", 1);
	char at[ISO_LEN];
	iso_now(at);
	char *mine = concern_roles_json(rq->user.roles);
	json_t *rows = db_rows(
		"SELECT c.id, c.reference, c.category, c.created_at, c.status, c.urgent, c.due_by, "
		"u.name AS assignee, u.email AS assignee_email, (c.status = 'new' AND c.due_by < ?) AS overdue, "
		"'/concerns/' || c.id AS url FROM concerns c LEFT JOIN users u ON u.id = c.assignee_id "
		"WHERE c.id IN (SELECT concern_id FROM concern_recipients WHERE role IN (SELECT value FROM json_each(?))) "
		"AND (c.about_id IS NULL OR c.about_id != ?) AND (? IS NULL OR c.status = ?) "
		"AND (? IS NULL OR c.category = ?) AND (? = 0 OR c.assignee_id = ?) "
		"AND (? = 0 OR (c.status = 'new' AND c.due_by < ?)) "
		"ORDER BY (c.urgent = 1 AND c.status != 'closed') DESC, c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
		"ttIttttiIitII", at, mine, rq->user.id, status, status, category, category, assigned, rq->user.id, overdue,
		at, (int64_t)PAGE + 1, (page - 1) * PAGE);
	int more = json_array_size(rows) > PAGE;
	if (more)
		json_array_remove(rows, PAGE);
	queue_flags(rows);
	json_t *m = json_pack("{s:o, s:o, s:o, s:o, s:b, s:b, s:I}", "concerns", rows, "counts",
			      status_counts(mine, rq->user.id, at), "statuses", status_options(status), "categories",
			      concern_categories(category), "assigned", assigned, "overdue", overdue, "page",
			      (json_int_t)page);
	free(mine);
	if (more)
		json_object_set_new(m, "next_page", json_integer(page + 1));
	if (page > 1)
		json_object_set_new(m, "prev_page", json_integer(page - 1));
	reply_page(rp, "concern_queue", "Incident queue", m);
}

/* The people a case may be assigned to: active holders of its recipient
 * roles, never the person it is about. */
static json_t *assignees(int64_t id)
{
	return db_rows("SELECT DISTINCT u.email, u.name FROM concern_recipients r JOIN user_roles ur ON ur.role = r.role "
		       "JOIN users u ON u.id = ur.user_id JOIN concerns c ON c.id = r.concern_id "
		       "WHERE r.concern_id = ? AND u.active = 1 AND (c.about_id IS NULL OR u.id != c.about_id) "
		       "ORDER BY u.name", "I", id);
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

static json_t *case_row(int64_t id)
{
	char at[ISO_LEN];
	iso_now(at);
	json_t *c = db_row(
		"SELECT c.id, c.reference, c.category, c.summary, c.details, c.occurred_at, c.platform, c.url, c.involved, "
		"c.urgent, c.status, c.created_at, c.due_by, c.acknowledged_at, c.closed_at, c.outcome, c.outcome_category, "
		"(c.status = 'new' AND c.due_by < ?) AS overdue, r.name AS reporter, r.email AS reporter_email, "
		"a.name AS about, a.email AS about_email, s.name AS assignee, s.email AS assignee_email, "
		"(SELECT group_concat(role, ', ') FROM concern_recipients WHERE concern_id = c.id) AS recipients "
		"FROM concerns c JOIN users r ON r.id = c.reporter_id LEFT JOIN users a ON a.id = c.about_id "
		"LEFT JOIN users s ON s.id = c.assignee_id WHERE c.id = ?", "tI", at, id);
	const char *st = json_string_value(json_object_get(c, "status"));
	json_object_set_new(c, "label", json_string(concern_category_label(
						 json_string_value(json_object_get(c, "category")))));
	json_object_set_new(c, "outcome_label", json_string(concern_outcome_label(
							json_string_value(json_object_get(c, "outcome_category")))));
	json_object_set_new(c, "overdue", json_boolean(json_integer_value(json_object_get(c, "overdue"))));
	json_object_set_new(c, "urgent", json_boolean(json_integer_value(json_object_get(c, "urgent"))));
	json_object_set_new(c, "is_new", json_boolean(strcmp(st, "new") == 0));
	json_object_set_new(c, "is_closed", json_boolean(strcmp(st, "closed") == 0));
	json_object_set_new(c, "events", concern_events(id, 0));
	json_object_set_new(c, "evidence", evidence_list(id));
	return c;
}

void concern_case(struct request *rq, struct reply *rp)
{
	int64_t id = rq->ids[0];
	if (!concern_handler_ok(id, rq->user.id, rq->user.roles)) {
		reply_not_found(rp);
		return;
	}
	json_t *c = case_row(id);
	if (concern_reporter(id) != rq->user.id) {
		db_begin();
		audit(rq, "concern.view", json_string_value(json_object_get(c, "reference")), "viewed the case");
		if (db_commit() != 0) {
			json_decref(c);
			concern_busy(rp);
			return;
		}
	}
	json_t *m = json_pack("{s:o, s:o, s:o, s:o, s:o}", "concern", c, "assignees", assignees(id), "bodies",
			      choice_list(ESCALATION_BODIES, concern_body_label), "outcomes",
			      choice_list(OUTCOME_CATEGORIES, concern_outcome_label), "statuses", status_options(NULL));
	reply_page(rp, "concern_case", "Concern", m);
}
