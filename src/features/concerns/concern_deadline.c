/* The legal clocks on a case (schema.sql, concern_deadlines): set when a
 * rule starts one, met by the event that answers it, shown on the case (as
 * "<kind>_due" in its JSON while it runs), in the queue and, once past, in
 * "My tasks" of everyone who may open the case. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "core/tasks.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* X(kind, its name in a list, what must happen by then, in words, what to
 * do on the case page before it may close). */
#define CONCERN_DEADLINE_LIST(X)                                                             \
	X("police", "Police", "Tell the police (an adult is involved)",                      \
	  "Tell the police first (Escalate to the police), then close the case.")            \
	X("lado", "LADO", "Tell the LADO (the allegation meets the harm threshold)",         \
	  "Tell the LADO first (Escalate to the LADO), then close the case.")                \
	X("ico_decision", "ICO decision", "Decide whether to report the breach to the ICO", \
	  "Decide whether to report the breach to the ICO first (Record the decision on "    \
	  "reporting to the ICO), then close the case.")

const char *concern_deadline_label(const char *kind)
{
#define DEADLINE_LABEL_(k, name, words, first) \
	if (kind && strcmp(kind, k) == 0)      \
		return words;
	CONCERN_DEADLINE_LIST(DEADLINE_LABEL_)
	return kind ? kind : "";
}

const char *concern_deadline_name(const char *kind)
{
#define DEADLINE_NAME_(k, name, words, first)  \
	if (kind && strcmp(kind, k) == 0)      \
		return name;
	CONCERN_DEADLINE_LIST(DEADLINE_NAME_)
	return kind ? kind : "";
}

/* A clock is the law's (KCSIE part four: the LADO within one working day;
 * UK GDPR article 33: the ICO decision within 72 hours): a case closed
 * while one runs could no longer meet it, as a closed case takes no
 * escalation or decision, and it would stay past its deadline for ever.
 * What must be done first, for the earliest clock still running, or NULL. */
const char *concern_deadline_close_problem(int64_t concern_id)
{
	char *kind = db_text("SELECT kind FROM concern_deadlines WHERE concern_id = ? AND "
			     "met_at IS NULL ORDER BY due_at, kind LIMIT 1",
			     "I", concern_id);
	const char *say = NULL;
#define DEADLINE_FIRST_(k, name, words, first) \
	if (kind && strcmp(kind, k) == 0)      \
		say = first;
	CONCERN_DEADLINE_LIST(DEADLINE_FIRST_)
	free(kind);
	return say;
}

/* The body a clock asks for may have been told before the rule started it
 * (KCSIE part four: the LADO consulted first, the harm threshold recorded
 * after): that earlier escalation meets the clock, at its own time. */
static void meet_by_earlier(int64_t concern_id, const char *kind)
{
	char *told = db_text("SELECT min(at) FROM concern_events WHERE concern_id = ? AND "
			     "action = 'escalate' AND json_extract(detail, '$.to') = ?",
			     "It", concern_id, kind);
	if (told)
		concern_deadline_meet(concern_id, kind, told);
	free(told);
}

void concern_deadline_set(int64_t concern_id, const char *kind, const char *due_at)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT OR IGNORE INTO concern_deadlines(concern_id, kind, due_at, set_at) "
		"VALUES (?, ?, ?, ?)",
		"Ittt", concern_id, kind, due_at, at);
	meet_by_earlier(concern_id, kind);
}

void concern_deadline_meet(int64_t concern_id, const char *kind, const char *at)
{
	db_exec("UPDATE concern_deadlines SET met_at = ? WHERE concern_id = ? AND kind = ? "
		"AND met_at IS NULL",
		"tIt", at, concern_id, kind);
}

/* Adds "<kind>_due" for each running clock, and "deadlines": every clock,
 * running or met, in words, for the case page. */
void concern_deadlines_add(json_t *c, int64_t concern_id)
{
	char now_at[ISO_LEN];
	iso_now(now_at);
	json_t *rows =
		db_rows("SELECT kind, due_at, met_at, (met_at IS NULL AND due_at < ?) AS "
			"overdue FROM concern_deadlines WHERE concern_id = ? ORDER BY due_at",
			"tI", now_at, concern_id);
	size_t i;
	json_t *d;
	json_array_foreach(rows, i, d) {
		const char *kind = json_str(d, "kind");
		json_object_set_new(d, "label", json_string(concern_deadline_label(kind)));
		json_object_set_new(d, "overdue", json_boolean(json_int(d, "overdue")));
		if (!json_str(d, "met_at")) {
			char *key = xasprintf("%s_due", kind);
			json_object_set(c, key, json_object_get(d, "due_at"));
			free(key);
		}
	}
	json_object_set_new(c, "deadlines", rows);
}

/* "My tasks": open cases this person may open whose legal clock has run
 * out, the cases /concerns?deadline=overdue lists (open ones, by default),
 * so that the count is the number of rows its link shows. */
void concern_deadline_tasks(const struct request *rq, json_t *tasks)
{
	if (!(rq->user.roles & ROLE_ROUTABLE))
		return;
	char at[ISO_LEN];
	iso_now(at);
	int64_t me = rq->user.id, mask = routable_roles(rq);
	/* Each case looked up by its id in EXISTS rather than joined: where
	 * SQLite has no statistics of the deadlines (a school with none yet) it
	 * guessed more look-ups than there are cases and read every case
	 * first to fill a Bloom filter of their ids. */
	json_t *rows = db_rows("SELECT d.kind, count(*) AS n FROM concern_deadlines d "
			       "INDEXED BY concern_deadlines_open WHERE d.met_at IS NULL AND "
			       "d.due_at < ? AND EXISTS (SELECT 1 FROM concerns c WHERE "
			       "c.id = d.concern_id AND c.status != 'closed' AND "
			       CONCERN_MAY_OPEN("c") ") GROUP BY d.kind ORDER BY d.kind",
			       "t" CONCERN_MAY_OPEN_BINDS, at, me, mask, me);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		int64_t n = json_int(r, "n");
		char *msg =
			xasprintf("%lld case%s past the deadline: %s.", (long long)n,
				  n == 1 ? "" : "s", concern_deadline_label(json_str(r, "kind")));
		task_add(tasks, "concern_deadline", msg, "/concerns?deadline=overdue", 1);
		free(msg);
	}
	json_decref(rows);
}
