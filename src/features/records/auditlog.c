/* The audit log's page: filter by person, action, object and date.
 *
 * A row about a concern (its report, views, events, evidence, disclosure, a
 * legal hold or disposal of it, an account check that filed it) is shown
 * only to someone who may open that concern, by the concern pages' own rule
 * (CONCERN_MAY_OPEN), and so never to the person it is about; the filter is
 * in the query itself, so a hidden row is neither shown, nor counted, nor
 * offered as an action to filter by, nor used to page.  A row about a
 * concern that no longer exists (deleted under its retention rule) is shown
 * to nobody: the disposal register says what went.  Its deletion's own row
 * (retention.delete), which says what the register's entry says, is shown
 * to whoever the register shows that entry to (disposal_visible.h).  A row
 * about a filtering request, an exception to the policies, an application
 * for an account, a school account or a fault report (its reference, or a
 * refusal naming its path) is shown only to someone who may open that
 * record, by its own pages' rule from its feature's header: never to one a filtering request
 * is withheld from (asked to block a site for a report about them, which
 * goes to the chair alone: KCSIE part four), and to the administrator only
 * for their own.  Nor is a row about a subject access request about the
 * reader (sar.c), deleted or not, nor a declaration or an image record they
 * may not see.  The rules are in audit_visible.h, which the subject access
 * export shares. */
#define _GNU_SOURCE
#include "core/search.h"
#include "features/concerns/concerns.h"
#include "features/filtering/filtering.h"
#include "features/records/auditlog.h"
#include "features/records/audit_visible.h"
#include "features/records/audit_words.h"
#include "core/audit.h"
#include "core/write.h"
#include "db/db.h"
#include "http/router.h"
#include "lib/util.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 100
#define ACTION_LOOKBACK 1000

/* A row the reporter of a confidential concern about an adult wrote (its
 * report, their evidence) names them only to those who may know who raised
 * it (CONCERN_REPORTER_HIDDEN_AS): for everyone else the row shows, but not
 * who or from where, and no filter by person finds it. */
#define REPORTER_WITHHELD                                                                          \
	"(" REFERS_TO_CONCERN                                                                      \
	" AND EXISTS (SELECT 1 FROM concerns c WHERE c.id = (" CONCERN_OF_ROW                      \
	") AND a.actor_id = c.reporter_id AND " CONCERN_REPORTER_HIDDEN_AS("c", "?1", "?2") "))"

/* A filter's value: from the kept search when the page names one (then the
 * query's filters are not read), otherwise from the query.  The person
 * filter is only ever kept: it names someone (core/search.h). */
static const char *filter(const struct request *rq, const json_t *search, const char *name)
{
	return json_int(search, "search") || strcmp(name, "actor") == 0 ? json_str(search, name)
									  : arg(rq, name);
}

/* The From and To dates are UK calendar days, as the page shows its times,
 * and the log keeps UTC: a summer day runs from 23:00 UTC the day before to
 * 22:59:59 UTC.  FROM becomes its day's first second and TO its day's last,
 * as UTC times. */
static void uk_day_bounds(const char *from, const char *to, char start[ISO_LEN],
			  char end[ISO_LEN])
{
	char local[24];
	int y, m, d;
	start[0] = end[0] = 0;
	snprintf(local, sizeof local, "%.10sT00:00", from ? from : "");
	if (from && uk_time_to_utc(local, start) != 0)
		copy_str(start, ISO_LEN, from);
	if (to && parse_date(to, &y, &m, &d) == 0)
		iso_time(uk_day_end(days_from_civil(y, m, d)), end);
	else if (to)
		copy_str(end, ISO_LEN, to);
}

/* Each row's Detail as the page reads it out; "detail" stays as written. */
static void add_detail_words(json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach (rows, i, row) {
		char *words = audit_detail_words(json_str(row, "detail"));
		json_object_set_new(row, "detail_words", json_string(words));
		free(words);
	}
}

static void audit_page(struct request *rq, struct reply *rp)
{
	json_t *search = search_load(rq, rp, "audit");
	if (!search)
		return;
	const char *actor = filter(rq, search, "actor"), *action = filter(rq, search, "action"),
		   *object = filter(rq, search, "object");
	const char *from = filter(rq, search, "from"), *to = filter(rq, search, "to");
	int64_t before = arg_int(rq, "before", INT64_MAX);
	int64_t me = rq->user.id, roles = routable_roles(rq);
	char from_start[ISO_LEN], to_end[ISO_LEN];
	uk_day_bounds(from, to, from_start, to_end);
	/* Each filter is "? IS NULL OR column = ?", so one prepared statement serves every
	 * combination. */
	json_t *rows = db_rows(
		"SELECT a.id, a.at, CASE WHEN " REPORTER_WITHHELD
		" THEN 'name withheld (confidential "
		"report)' ELSE a.actor END AS actor, CASE WHEN " REPORTER_WITHHELD " THEN '' ELSE "
		"a.address END AS address, CASE WHEN " REPORTER_WITHHELD " THEN '' ELSE a.roles "
		"END AS roles, a.action, a.object, a.detail, a.outcome, a.reason, "
		"CASE a.outcome WHEN '' THEN 'not recorded' ELSE a.outcome END || "
		"CASE WHEN a.reason != '' THEN ': ' || a.reason ELSE '' END AS outcome_text "
		"FROM audit a "
		"WHERE a.id < ?3 AND (?4 IS NULL OR (a.actor = ?4 AND NOT " REPORTER_WITHHELD
		")) AND (?5 IS NULL OR a.action = "
		"?5) "
		"AND (?6 IS NULL OR a.object = ?6) AND (?7 IS NULL OR a.at >= ?7) AND (?8 IS NULL "
		"OR a.at <= ?8) "
		"AND " VISIBLE_ROW " ORDER BY a.id DESC LIMIT ?9",
		"IIItttttI", me, roles, before, actor, action, object, from ? from_start : NULL,
		to ? to_end : NULL, (int64_t)PAGE + 1);
	int more = json_array_size(rows) > PAGE;
	if (more)
		json_array_remove(rows, PAGE);
	add_detail_words(rows);
	json_t *m = json_pack("{s:o, s:s, s:s, s:s, s:s, s:s, s:I}", "audit", rows, "actor",
			      actor ? actor : "", "action", action ? action : "", "object",
			      object ? object : "", "from", from ? from : "", "to", to ? to : "",
			      "search", (json_int_t)json_int(search, "search"));
	if (more) {
		json_t *last = json_array_get(rows, PAGE - 1);
		json_object_set_new(m, "next_before", json_integer(json_int(last, "id")));
	}
	/* Only actions this reader has a row of: a choice for an action seen only
	 * on hidden rows would say that such rows exist.  Looked for among the
	 * newest ACTION_LOOKBACK rows of each action, so that an action whose
	 * rows are all hidden (a concern's, for the administrator) costs a
	 * bounded search, not a read of every one of its rows.  The actions
	 * themselves are found by seeking from one to the next in the index
	 * (acts): GROUP BY would read the index whole, a tenth of a second in a
	 * trust's log of two million rows. */
	json_object_set_new(
		m, "actions",
		db_rows("WITH RECURSIVE acts(action) AS (SELECT min(action) FROM audit UNION ALL "
			"SELECT (SELECT min(y.action) FROM audit y WHERE y.action > acts.action) "
			"FROM acts WHERE acts.action IS NOT NULL) "
			"SELECT acts.action, acts.action = ?4 AS selected FROM acts "
			"WHERE acts.action IS NOT NULL AND EXISTS "
			"(SELECT 1 FROM audit a WHERE a.action = acts.action AND a.id >= "
			"coalesce((SELECT l.id FROM "
			"audit l WHERE l.action = acts.action ORDER BY l.id DESC LIMIT 1 "
			"OFFSET ?3), 0) AND " VISIBLE_ROW ") ORDER BY acts.action",
			"IIIt", me, roles, (int64_t)ACTION_LOOKBACK - 1, action));
	/* Reading the log is itself audited (ASVS 5.0 16.3.3), after the reads,
	 * so that the page is one snapshot and does not list its own row.  The
	 * object looked for is the row's object, so that a search naming a case
	 * is shown only to those who may open it (VISIBLE_ROW); the other
	 * filters are named without their values, which could say what was
	 * looked for to someone the rows themselves are hidden from. */
	int paged = before != INT64_MAX;
	int rc = reply_begin(rp, BUSY);
	if (rc == 0) {
		audit(rq, "audit.view", object ? object : "", "filters:%s%s%s%s%s%s",
		      actor ? " person" : "", action ? " action" : "", object ? " object" : "",
		      from || to ? " dates" : "", paged ? " page" : "",
		      actor || action || object || from || to || paged ? "" : " none");
		rc = reply_commit(rp, BUSY);
	}
	json_decref(search);
	if (rc != 0) {
		json_decref(m);
		return;
	}
	reply_page(rp, "audit", "Audit log", m);
}

/* The filter form's POST: every filter is kept, the page is /audit?search=ID. */
static void audit_search(struct request *rq, struct reply *rp)
{
	static const char *const fields[] = { "actor", "action", "object", "from", "to", NULL };
	search_answer(rq, rp, "audit", "/audit", fields);
}

static const struct field_spec audit_search_form[] = {
	{ "actor", F_TEXT, 254, 0, NULL, "Person (e-mail)" },
	{ "action", F_TEXT, 64, 0, NULL, "Action" },
	{ "object", F_TEXT, 254, 0, NULL, "Object" },
	{ "from", F_DATE, 10, 0, NULL, "From" },
	{ "to", F_DATE, 10, 0, NULL, "To" },
	{ NULL },
};
static const struct field_spec audit_q[] = {
	SEARCH_FIELD,
	{ "action", F_TEXT, 64, 0, NULL, NULL },
	{ "object", F_TEXT, 254, 0, NULL, NULL },
	{ "from", F_DATE, 10, 0, NULL, NULL },
	{ "to", F_DATE, 10, 0, NULL, NULL },
	{ "before", F_ID, 19, 0, NULL, NULL },
	{ NULL },
};

const struct route audit_routes[] = {
	{ "GET", "/audit", audit_page, ROLE_HEADTEACHER | ROLE_ADMIN, audit_q, NULL, 0 },
	{ "POST", "/audit/search", audit_search, ROLE_HEADTEACHER | ROLE_ADMIN, audit_search_form,
	  audit_page, 0 },
	{ NULL },
};
