/* One fault report's page, and dealing with it: the network manager marks
 * it fixed or not a fault, with a note, and the reporter is told.  A report
 * someone may not open (faults.c) is 404, as one that does not exist. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/faults/faults.h"
#include "features/faults/faults_internal.h"
#include "features/records/records.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

/* The report, when this person may open it; NULL otherwise.  The rule the
 * audit log shares (faults.h). */
static json_t *fault_opened(const struct request *rq, int64_t id)
{
	return db_row(FAULT_COLUMNS
		      "WHERE f.id = ?1 AND " FAULT_MAY_OPEN_AS("f", "?2", "?3") " IS 1",
		      "III", id, rq->user.id, (int64_t)rq->user.roles);
}

/* How long a report dealt with is kept (UK GDPR articles 13(2)(a) and
 * 15(1)(d); the rule is the retention review's, records.h): the day the
 * review lists it, and, for those who read every report, whether a legal
 * hold keeps it longer. */
static void add_kept_until(const struct request *rq, json_t *row, int64_t id)
{
	json_t *k = db_row("SELECT " FAULT_KEPT_UNTIL " AS kept_until, "
			   RETENTION_HELD("'fault'", "f.id") " AS held FROM fault_reports f "
			   "WHERE f.id = ? AND f.dealt_at IS NOT NULL",
			   "I", id);
	if (!k)
		return;
	json_object_set_new(k, "held", json_boolean(has_role(rq, FAULT_READERS) &&
						     json_int(k, "held") == 1));
	json_object_update(row, k);
	json_decref(k);
}

void fault_page(struct request *rq, struct reply *rp)
{
	json_t *row = fault_opened(rq, rq->ids[0]);
	if (!row) {
		reply_not_found(rp);
		return;
	}
	add_kept_until(rq, row, rq->ids[0]);
	int may_deal = has_role(rq, FAULT_DEALERS) && !json_str(row, "outcome");
	json_t *m = json_pack("{s:o, s:b}", "fault", fault_label(row), "may_deal", may_deal);
	reply_page(rp, "fault", "Fault report", m);
}

void fault_decide(struct request *rq, struct reply *rp)
{
	/* The route admits only those who deal with faults, who read every
	 * report: one that does not exist is the only 404 here. */
	json_t *row = fault_opened(rq, rq->ids[0]);
	if (!row) {
		reply_not_found(rp);
		return;
	}
	const char *outcome = arg(rq, "outcome");
	int fixed = strcmp(outcome, "fixed") == 0;
	char at[ISO_LEN], ref[16];
	iso_now(at);
	fault_reference(rq->ids[0], ref);
	int64_t reporter = json_int(row, "reporter_id");
	char *msg = xasprintf("Your fault report %s (%s): %s.", ref, json_str(row, "equipment"),
			      fixed ? "fixed" : "not a fault");
	json_decref(row);
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		free(msg);
		return;
	}
	db_exec("UPDATE fault_reports SET outcome = ?, outcome_note = ?, dealt_by = ?, "
		"dealt_at = ? WHERE id = ? AND outcome IS NULL",
		"ttItI", outcome, arg(rq, "note"), rq->user.id, at, rq->ids[0]);
	int changed = db_changes();
	char *link = fault_link(rq->ids[0]);
	if (changed)
		notify_done(link);
	if (changed && reporter != rq->user.id)
		notify_user(reporter, "fault_dealt", msg, link);
	free(msg);
	audit(rq, "fault.decide", ref, "outcome=%s", outcome);
	if (reply_commit_changed(rp, changed, "outcome", "This fault has already been dealt with.",
				 BUSY_UNSAVED) != 0) {
		free(link);
		return;
	}
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:s, s:s}}", "fault", "id", (json_int_t)rq->ids[0],
			     "reference", ref, "outcome", outcome),
		   link,
		   "The fault has been marked as dealt with, and whoever reported it is told.");
	free(link);
}

/* "My tasks" of the network manager: the open faults.  Urgent when one
 * stops someone working. */
void fault_tasks(const struct request *rq, json_t *tasks)
{
	if (!has_role(rq, FAULT_DEALERS))
		return;
	int64_t n = db_int(0, "SELECT count(*) FROM fault_reports WHERE dealt_at IS NULL", "");
	if (!n)
		return;
	int64_t stopping = db_int(0,
				  "SELECT count(*) FROM fault_reports WHERE dealt_at IS NULL AND "
				  "stops_work = 1",
				  "");
	if (stopping)
		task_addf(tasks, "faults_open", "/faults", 1,
			  "%lld fault%s reported to deal with; %lld stop%s someone working.",
			  (long long)n, n == 1 ? "" : "s", (long long)stopping,
			  stopping == 1 ? "s" : "");
	else
		task_addf(tasks, "faults_open", "/faults", 0, "%lld fault%s reported to deal with.",
			  (long long)n, n == 1 ? "" : "s");
}
