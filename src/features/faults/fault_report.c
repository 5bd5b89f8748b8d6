/* Reporting a fault, and the page that lists them: a person's own reports
 * with what was done, and, for those who read them all (faults.c), the
 * open ones (those that stop someone working first, then the newest) and
 * the latest dealt with. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/write.h"
#include "db/db.h"
#include "features/faults/faults.h"
#include "features/faults/faults_internal.h"
#include "features/records/records.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many of those dealt with the page shows: the list is for what needs
 * doing; each report stays on its reporter's list and its own page. */
#define DEALT_SHOWN 50
/* Every report, for those who read them all (?1 the person, ?2 their
 * roles): the rows pass the page's own rule too (faults.h), so a list never
 * shows more than a report's page opens. */
#define OPENED_REPORTS FAULT_COLUMNS "WHERE " FAULT_MAY_OPEN_AS("f", "?1", "?2") " IS 1 AND "

static json_t *label_all(json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) fault_label(row);
	return rows;
}

void faults_page(struct request *rq, struct reply *rp)
{
	int may_read = has_role(rq, FAULT_READERS);
	json_t *mine = db_rows(FAULT_COLUMNS "WHERE f.reported_by = ? ORDER BY f.id DESC", "I",
			       rq->user.id);
	json_t *m = json_pack("{s:o, s:b, s:b}", "mine", label_all(mine), "may_read", may_read,
			      "may_deal", has_role(rq, FAULT_DEALERS));
	if (may_read) {
		int64_t roles = rq->user.roles;
		json_object_set_new(
			m, "to_deal",
			label_all(db_rows(OPENED_REPORTS "f.dealt_at IS NULL "
							 "ORDER BY f.stops_work DESC, f.id DESC",
					  "II", rq->user.id, roles)));
		json_object_set_new(
			m, "dealt",
			label_all(db_rows(OPENED_REPORTS "f.dealt_at IS NOT NULL "
							 "ORDER BY f.dealt_at DESC LIMIT ?3",
					  "IIi", rq->user.id, roles, DEALT_SHOWN)));
	}
	reply_page(rp, "faults", "Report a fault", m);
}

/* Inside the write: the same report sent twice by the same person within
 * REPEAT_WINDOW (a double click) is kept once.  -1 with the 409 answered. */
static int refuse_repeat_report(const struct request *rq, struct reply *rp)
{
	char since[ISO_LEN], ref[16], repeat[120];
	repeat_since(since);
	int64_t kept = db_int(0,
			      "SELECT id FROM fault_reports WHERE reported_by = ? AND "
			      "reported_at >= ? AND equipment = ? AND problem = ?",
			      "Ittt", rq->user.id, since, arg(rq, "equipment"), arg(rq, "problem"));
	fault_reference(kept, ref);
	snprintf(repeat, sizeof repeat, "You have reported this fault already, as %s.", ref);
	return reply_refuse_repeat(rp, kept, repeat);
}

/* Inside the write: those who deal with faults told, but not the reporter
 * (a network manager reporting one knows of it). */
static void tell_dealers(const struct request *rq, int64_t id, const char *ref, int stops)
{
	char *link = fault_link(id);
	char *msg = xasprintf("Fault %s reported: %s.%s", ref, arg(rq, "equipment"),
			      stops ? " It stops someone working." : "");
	notify_role("network_manager", rq->user.id, "fault_report", msg, link);
	free(msg);
	/* With nobody to deal with it, the headteacher hears of it, to give the
	 * role to someone: a fault reported must not go nowhere. */
	if (!role_held("network_manager", 0)) {
		msg = xasprintf("Fault %s reported: %s. No network manager is active in "
				"staffroom to deal with it.",
				ref, arg(rq, "equipment"));
		notify_role("headteacher", rq->user.id, "fault_report", msg, link);
		free(msg);
	}
	free(link);
}

void fault_report(struct request *rq, struct reply *rp)
{
	const char *location = arg(rq, "location"), *cause = arg(rq, "cause");
	int stops = strcmp(arg(rq, "stops_work"), "yes") == 0;
	char at[ISO_LEN], ref[16];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	if (refuse_repeat_report(rq, rp) != 0)
		return;
	/* Never the number of a report the retention review deleted: the
	 * disposal register and the audit log name it ("FT-00012"), and a new
	 * report under it would show its reporter the old one's rows. */
	int64_t id = db_insert("INSERT INTO fault_reports(id, equipment, location, problem, "
			       "cause, stops_work, reported_by, reported_at) VALUES ((SELECT "
			       RECORD_NEXT_ID("fault_reports", "'fault'") "), ?, ?, ?, ?, ?, ?, ?)",
			       "ttttiIt", arg(rq, "equipment"), location ? location : "",
			       arg(rq, "problem"), cause ? cause : "", stops, rq->user.id, at);
	fault_reference(id, ref);
	tell_dealers(rq, id, ref, stops);
	/* What is wrong stays in the report, read by those who may: not in the log. */
	audit(rq, "fault.report", ref, "stops_work=%s", stops ? "yes" : "no");
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	char *link = fault_link(id);
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:b}}", "fault", "id", (json_int_t)id, "reference", ref,
			     "stops_work", stops),
		   link,
		   "Thank you. Your report has been sent to the network manager. You will see "
		   "here what is done about it.");
	free(link);
}
