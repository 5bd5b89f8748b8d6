/* The breach log (GET /breaches) and a breach's facts on its case page.
 * UK GDPR article 33(5): the controller documents every personal data
 * breach, reported to the ICO or not, so the log lists them all: the
 * facts, the decision and its reasons, the ICO's reference and whether the
 * 72-hour deadline was met.  Only the breaches this person may open are
 * listed (CONCERN_MAY_OPEN): a breach about a colleague is never shown to
 * that colleague, here or anywhere. */
#define _GNU_SOURCE
#include "features/concerns/concern_breach.h"
#include "db/db.h"
#include "lib/csv.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *decision_words(const char *code)
{
#define DECISION_WORDS_(c, words)           \
	if (code && strcmp(code, c) == 0) \
		return words;
	BREACH_DECISION_LIST(DECISION_WORDS_)
	return "Not decided yet";
}

/* The ICO's reference, or why there is none: the log's cell is never empty. */
static const char *reference_words(const char *decision, const char *reference)
{
	if (!decision)
		return "Not decided yet";
	if (strcmp(decision, "report") != 0)
		return "Not reported";
	return reference ? reference : "Not recorded yet";
}

static const char *told_words(const char *told)
{
	return !told ? "Not recorded" : strcmp(told, "yes") == 0 ? "Yes" : "No";
}

/* Whether the decision came within the 72 hours, in words and as a flag. */
static void deadline_words(json_t *row, const char *at_now)
{
	const char *due = json_str(row, "decision_due"), *met = json_str(row, "decision_met");
	int late = due && (met ? strcmp(met, due) > 0 : strcmp(at_now, due) > 0);
	const char *words = met ? (late ? "Decided late" : "Decided in time")
				: (late ? "Not decided: past the deadline" : "Not decided yet");
	json_object_set_new(row, "late", json_boolean(late));
	json_object_set_new(row, "deadline_words", json_string(words));
}

static void label_row(json_t *row, const char *at_now)
{
	json_object_set_new(row, "decision_label",
			    json_string(decision_words(json_str(row, "decision"))));
	json_object_set_new(row, "ico_reference_label",
			    json_string(reference_words(json_str(row, "decision"),
							json_str(row, "ico_reference"))));
	json_object_set_new(row, "subjects_told_label",
			    json_string(told_words(json_str(row, "subjects_told"))));
	deadline_words(row, at_now);
}

void breach_add(json_t *c, int64_t concern_id)
{
	char at_now[ISO_LEN];
	iso_now(at_now);
	json_t *b = db_row("SELECT b.aware_at, b.decision, "
			   "b.reasons, b.ico_reference, b.subjects_told, b.decided_at, u.name AS "
			   "decided_by, d.due_at AS decision_due, d.met_at AS decision_met FROM "
			   "concerns c JOIN breach_records b ON b.concern_id = c.id LEFT JOIN "
			   "users u ON u.id = b.decided_by LEFT JOIN concern_deadlines d ON "
			   "d.concern_id = c.id AND d.kind = 'ico_decision' WHERE c.id = ? AND "
			   "c.category = 'data_breach'",
			   "I", concern_id);
	if (!b)
		return;
	label_row(b, at_now);
	/* A closed case takes no decision (concern_events.c): no form for it. */
	int closed = json_is_true(json_object_get(c, "is_closed"));
	json_object_set_new(b, "can_decide", json_boolean(!closed));
	json_object_set_new(b, "decisions", json_pack("[{s:s, s:s}, {s:s, s:s}]", "code",
						      "report", "label", "Report it to the ICO",
						      "code", "no_report", "label",
						      "Do not report it to the ICO"));
	json_object_set_new(c, "breach", b);
}

#define PAGE 50

/* The log's columns and rows: every breach this person may open, the
 * newest first (each has its breach record: breach_record_for_breach),
 * FROM the tables given. */
#define LOG_SELECT_FROM(tables)                                                              \
	"SELECT c.id, c.reference, c.summary, c.status, b.aware_at, b.decision, b.reasons, "   \
	"b.ico_reference, b.subjects_told, b.decided_at, d.due_at AS decision_due, "           \
	"d.met_at AS decision_met, '/concerns/' || c.id AS url FROM " tables " LEFT JOIN "   \
	"concern_deadlines d ON d.concern_id = c.id AND d.kind = 'ico_decision' WHERE "        \
	"c.category = 'data_breach' AND " CONCERN_MAY_OPEN("c")                                 \
	" ORDER BY b.aware_at DESC, b.concern_id DESC"
#define LOG_SELECT LOG_SELECT_FROM("breach_records b JOIN concerns c ON c.id = b.concern_id")

/* The chair receives only the cases about the headteacher (concern_file.c),
 * a few among a trust's thousands of breaches: a chair's log reads those
 * from the index of the cases sent to the chair, and the cases assigned to
 * them from theirs, then sorts them, where the log read newest first would
 * pass over every other breach ever recorded to find them.  The index names
 * the chair's role bit, as its WHERE must for SQLite to use it. */
#define CHAIR_BIT "256"
_Static_assert(ROLE_CHAIR == 256, "concerns_to_chair (schema.sql) names the chair's role bit");
#define CHAIR_LOG_SELECT                                                                     \
	"WITH v AS (SELECT id FROM concerns WHERE category = 'data_breach' AND "               \
	"(recipient_mask & " CHAIR_BIT ") != 0 UNION SELECT id FROM concerns WHERE "            \
	"assignee_id = ? AND category = 'data_breach') "                                        \
	LOG_SELECT_FROM("v CROSS JOIN concerns c ON c.id = v.id JOIN breach_records b ON "     \
			"b.concern_id = c.id")

static json_t *labelled(json_t *rows, const char *at_now)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		label_row(row, at_now);
	return rows;
}

/* Receiving roles (a ROLE_ROUTABLE mask) that are the chair's alone: a chair
 * who also holds another (a senior leader, say) may open the breaches sent
 * to it, which the chair's index does not hold, and reads the whole log. */
static int chair_only(int64_t mask)
{
	return mask == ROLE_CHAIR;
}

/* One page of the log, read newest first through breach_records_by_aware
 * and stopped by LIMIT (a chair's, from the cases sent to them): a trust's
 * years of breaches are not all read to show fifty. */
static json_t *log_page(const struct request *rq, int64_t page, const char *at_now)
{
	int64_t me = rq->user.id, mask = routable_roles(rq);
	int64_t limit = PAGE + 1, offset = (page - 1) * PAGE;
	json_t *rows;
	if (chair_only(mask))
		rows = db_rows(CHAIR_LOG_SELECT " LIMIT ? OFFSET ?",
			       "I" CONCERN_MAY_OPEN_BINDS "II", me, me, mask, me, limit, offset);
	else
		rows = db_rows(LOG_SELECT " LIMIT ? OFFSET ?", CONCERN_MAY_OPEN_BINDS "II", me,
			       mask, me, limit, offset);
	return labelled(rows, at_now);
}

/* The whole log, for the download: article 33(5)'s documentation, kept
 * for the ICO to read in full. */
static json_t *log_whole(const struct request *rq, const char *at_now)
{
	int64_t me = rq->user.id, mask = routable_roles(rq);
	json_t *rows;
	if (chair_only(mask))
		rows = db_rows(CHAIR_LOG_SELECT, "I" CONCERN_MAY_OPEN_BINDS, me, me, mask, me);
	else
		rows = db_rows(WHOLE_TABLE_REPORT LOG_SELECT, CONCERN_MAY_OPEN_BINDS, me, mask, me);
	return labelled(rows, at_now);
}

/* A time as the page shows it, in UK time, and in the form a spreadsheet
 * reads as a date and time ("2026-07-10 16:00"), not the stored UTC. */
static void time_cell(struct csv_out *o, const char *iso)
{
	char local[17];
	csv_cell(o, uk_time_for_sheet(iso, local) == 0 ? local : iso);
}

static void log_csv(struct reply *rp, json_t *rows)
{
	static const struct {
		const char *name;
		int is_time;
	} cols[] = { { "reference", 0 },      { "aware_at", 1 },      { "summary", 0 },
		     { "status", 0 },         { "decision", 0 },      { "reasons", 0 },
		     { "ico_reference", 0 },  { "subjects_told", 0 }, { "decided_at", 1 },
		     { "decision_due", 1 },   { "decision_met", 1 },  { "deadline_words", 0 } };
	struct csv_out o = { 0 };
	size_t n = sizeof cols / sizeof cols[0], i;
	for (size_t k = 0; k < n; k++)
		csv_cell(&o, cols[k].name);
	csv_end_row(&o);
	json_t *row;
	json_array_foreach(rows, i, row) {
		for (size_t k = 0; k < n; k++) {
			const char *v = json_str(row, cols[k].name);
			if (cols[k].is_time && v)
				time_cell(&o, v);
			else
				csv_cell(&o, v ? v : "");
		}
		csv_end_row(&o);
	}
	reply_raw(rp, "text/csv; charset=utf-8", o.buf, o.len);
	rp->filename = xstrdup("breach-log.csv");
	json_decref(rows);
}

void breach_log(struct request *rq, struct reply *rp)
{
	char at_now[ISO_LEN];
	iso_now(at_now);
	const char *format = arg(rq, "format");
	if (format && strcmp(format, "csv") == 0) {
		log_csv(rp, log_whole(rq, at_now));
		return;
	}
	int64_t page = arg_int(rq, "page", 1);
	json_t *rows = log_page(rq, page, at_now);
	json_t *m = json_pack("{s:o, s:b}", "breaches", rows, "is_dpo", has_role(rq, ROLE_DPO));
	reply_pager(m, rows, page, PAGE);
	reply_page(rp, "breach_log", "Breach log", m);
}

static const struct field_spec log_q[] = {
	{ "format", F_CHOICE, 4, 0, "csv", NULL },
	PAGE_FIELD,
	{ NULL },
};

/* The data protection officer and the headteacher (UK GDPR articles 37-39:
 * the DPO monitors compliance; the headteacher acts for the controller),
 * and the chair of governors, who receives a breach about the headteacher
 * (concern_file.c) and must find it in a log as the head would. */
const struct route breach_routes[] = {
	{ "GET", "/breaches", breach_log, ROLE_DPO | ROLE_HEADTEACHER | ROLE_CHAIR, log_q, NULL,
	  0 },
	{ NULL },
};
