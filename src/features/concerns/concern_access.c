/* Who may see a concern, and the plain words used for its codes.  A case is
 * for the holders of its recipient roles (fixed when it was filed) and the
 * person it is assigned to, never for the person it is about; everyone else
 * is told it does not exist (CONCERN_MAY_OPEN in concerns.h). */
#define _GNU_SOURCE
#include "core/auth.h"
#include "features/concerns/concern_internal.h"
#include "features/concerns/concern_adult.h"
#include "features/concerns/concern_breach.h"
#include "db/db.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int concern_handler_ok(int64_t concern_id, int64_t user_id, unsigned roles)
{
	return db_int(0, "SELECT 1 FROM concerns c WHERE c.id = ? AND " CONCERN_MAY_OPEN("c"),
		      "I" CONCERN_MAY_OPEN_BINDS, concern_id, user_id,
		      (int64_t)(roles & ROLE_ROUTABLE), user_id) == 1;
}

int concern_roles_receive_none(int64_t mask)
{
	return db_int(0,
		      "SELECT NOT EXISTS (SELECT 1 FROM concern_counts WHERE (mask & ?) != 0 "
		      "AND n > 0)",
		      "I", mask) == 1;
}

/* The person's own report, as /concerns/mine/{id} shows it. */
static int reporter_ok(int64_t concern_id, int64_t user_id)
{
	return db_int(0,
		      "SELECT count(*) FROM concerns WHERE id = ? AND " OWN_REPORT,
		      "III", concern_id, user_id, user_id) > 0;
}

/* Asked for a notification's e-mail before it goes: its roles may have been
 * taken away since (a DSL no longer, a case handed on), and a link the
 * person cannot open tells them only that there is a case they may not see. */
int concern_link_opens(int64_t user_id, const char *link)
{
	long long id;
	if (strncmp(link, "/concerns/", 10) != 0)
		return -1; /* not a concern's: asked of every notification on a home page */
	if (sscanf(link, "/concerns/mine/%lld", &id) == 1)
		return reporter_ok(id, user_id);
	unsigned roles = user_roles_load(user_id);
	if (sscanf(link, "/concerns/about/%lld", &id) == 1)
		return concern_pattern_may_view(user_id, roles, id);
	if (sscanf(link, "/concerns/%lld", &id) == 1)
		return concern_handler_ok(id, user_id, roles);
	return -1;
}

/* The acceptable-use agreement has pupil contact told to the DSL, and the
 * headteacher directs the investigation and may hand it on (KCSIE part four):
 * a senior leader or DSL may be given any case the head can see. */
json_t *concern_assignable(int64_t concern_id, const char *email, int by_headteacher)
{
	return db_rows(
		"SELECT u.id, u.email, u.name FROM concerns c CROSS JOIN role_bits b "
		"CROSS JOIN user_roles ur ON ur.role = b.role JOIN users u ON u.id = ur.user_id "
		"WHERE c.id = ?1 AND (b.bit & (c.recipient_mask | ?2)) != 0 "
		"AND u.active = 1 AND (c.about_id IS NULL OR u.id != c.about_id) AND (?3 IS NULL "
		"OR u.email = ?3) "
		"GROUP BY u.id ORDER BY u.name, u.id",
		"IIt", concern_id, (int64_t)(by_headteacher ? ROLE_SLT | ROLE_DSL : 0), email);
}

static void add_counts(json_t *counts, json_t *rows, int sign)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *st = json_str(row, "status");
		json_int_t n = json_integer_value(json_object_get(counts, st)) +
			       sign * json_int(row, "n");
		json_object_set_new(counts, st, json_integer(n));
	}
	json_decref(rows);
}

json_t *concern_visible_counts(int64_t mask, int64_t me)
{
	json_t *counts = json_object();
#define STATUS_ZERO_(code, name) json_object_set_new(counts, code, json_integer(0));
	CONCERN_STATUS_LIST(STATUS_ZERO_)
#undef STATUS_ZERO_
	add_counts(counts,
		   db_rows("SELECT status, sum(n) AS n FROM concern_counts WHERE (mask & ?) != 0 "
			   "GROUP BY status",
			   "I", mask),
		   1);
	add_counts(counts,
		   db_rows("SELECT status, count(*) AS n FROM concerns WHERE about_id = ? "
			   "AND (recipient_mask & ?) != 0 GROUP BY status",
			   "II", me, mask),
		   -1);
	/* The kept counts are by receiving roles: the cases assigned to me
	 * that none of my roles receive are added to them. */
	add_counts(counts,
		   db_rows("SELECT status, count(*) AS n FROM concerns WHERE assignee_id = ? AND "
			   "(recipient_mask & ?) = 0 AND (about_id IS NULL OR about_id != ?) "
			   "GROUP BY status",
			   "III", me, mask, me),
		   1);
	return counts;
}

int64_t concern_new_not_due(int64_t mask, int64_t me, const char *at)
{
	return db_int(0,
		      "SELECT count(*) FROM concerns c INDEXED BY concerns_overdue WHERE "
		      "c.status = 'new' AND c.due_by >= ? AND " CONCERN_MAY_OPEN("c"),
		      "t" CONCERN_MAY_OPEN_BINDS, at, me, mask, me);
}

int64_t concern_new_overdue(const json_t *counts, int64_t not_due)
{
	int64_t overdue = json_int(counts, "new") - not_due;
	return overdue > 0 ? overdue : 0;
}

int64_t concern_reporter(int64_t concern_id)
{
	return db_int(0, "SELECT reporter_id FROM concerns WHERE id = ?", "I", concern_id);
}

struct label {
	const char *code, *label, *explain;
};

#define CATEGORY_ROW_(code, label, explain) { code, label, explain },
static const struct label categories[] = {
	CONCERN_CATEGORY_LIST(CATEGORY_ROW_) { NULL, NULL, NULL },
};

#define LABEL_ROW_(code, label) { code, label, NULL },
static const struct label bodies[] = { ESCALATION_BODY_LIST(LABEL_ROW_) { NULL, NULL, NULL } };
static const struct label outcomes[] = { OUTCOME_CATEGORY_LIST(LABEL_ROW_) { NULL, NULL, NULL } };

static const char *find_label(const struct label *l, const char *code)
{
	for (; code && l->code; l++)
		if (strcmp(l->code, code) == 0)
			return l->label;
	return code ? code : "";
}

const char *concern_category_label(const char *code) { return find_label(categories, code); }
const char *concern_body_label(const char *code) { return find_label(bodies, code); }
const char *concern_outcome_label(const char *code) { return find_label(outcomes, code); }

json_t *concern_categories(const char *selected)
{
	json_t *a = json_array();
	for (const struct label *l = categories; l->code; l++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "code", l->code, "label",
						   l->label, "explain", l->explain, "selected",
						   selected && strcmp(selected, l->code) == 0));
	return a;
}

void concern_label_rows(json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "label", json_string(concern_category_label(
							 json_str(row, "category"))));
}

static const char *member(const json_t *d, const char *key)
{
	const char *v = json_string_value(json_object_get(d, key));
	return v ? v : "";
}

char *concern_event_text(const char *action, const json_t *d, int for_reporter)
{
	char *s;
	if (strcmp(action, "reported") == 0)
		s = xstrdup("Concern reported");
	else if (strcmp(action, "acknowledge") == 0)
		s = xstrdup("Acknowledged");
	else if (strcmp(action, "status") == 0)
		s = xasprintf("Status changed from %s to %s",
			      concern_status_label(member(d, "from")),
			      concern_status_label(member(d, "to")));
	else if (strcmp(action, "close") == 0)
		s = *member(d, "outcome_category")
			    ? xasprintf("Closed (outcome: %s)",
					concern_outcome_label(member(d, "outcome_category")))
			    : xstrdup("Closed");
	else if (strcmp(action, "reopen") == 0)
		s = xstrdup("Reopened");
	else if (strcmp(action, "evidence") == 0)
		s = xasprintf("Evidence added: %s", member(d, "filename"));
	else if (for_reporter)
		s = xstrdup("Updated");
	else if (strcmp(action, "assign") == 0)
		s = xasprintf("Assigned to %s (%s)", member(d, "name"), member(d, "assignee"));
	else if (strcmp(action, "escalate") == 0)
		s = *member(d, "reference")
			    ? xasprintf("Escalated to %s (their reference: %s)",
					concern_body_label(member(d, "to")), member(d, "reference"))
			    : xasprintf("Escalated to %s", concern_body_label(member(d, "to")));
	else if (strcmp(action, "note") == 0)
		s = xstrdup("Note");
	else if (strcmp(action, "device") == 0)
		s = concern_device_text(d);
	else if (strcmp(action, "ico_decision") == 0)
		s = breach_event_text(d);
	else if (strcmp(action, "step") == 0)
		s = concern_step_event_text(d);
	else if (!(s = concern_adult_event_text(action, d)))
		s = xstrdup(action);
	return s;
}

/* The one reading of a typed time that cannot be later than now (when it
 * happened, when the school became aware, when a step was done), shared by
 * every such form: a minute's grace for a clock a little ahead. */
int uk_local_past_to_utc(const char *local, char out[ISO_LEN])
{
	char limit[ISO_LEN];
	iso_time(now() + 60, limit);
	return uk_time_to_utc(local, out) == 0 && strcmp(out, limit) <= 0 ? 0 : -1;
}
