/* The checks of the filtering and monitoring systems and their yearly
 * review.  The DfE's filtering and monitoring standards ask for the
 * provision to be reviewed at least annually and the systems checked, with
 * a record of what was tested, when, by whom and the actions that followed;
 * a review is due a year after the last one. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/filtering/filtering_internal.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *filter_checks_list(void)
{
	json_t *rows = db_rows(WHOLE_TABLE_REPORT
			       "SELECT c.id, c.kind, c.done_on, c.tested, c.actions, "
			       "c.recorded_at, u.name AS recorded_by, CASE c.kind WHEN 'review' "
			       "THEN 'Yearly review' ELSE 'Check' END AS kind_label FROM "
			       "filter_checks c JOIN users u ON u.id = c.recorded_by ORDER BY "
			       "c.done_on DESC, c.id DESC",
			       "");
	return rows;
}

void filter_review_due(char out[11])
{
	char *due = db_text("SELECT date(max(done_on), '+1 year') FROM filter_checks INDEXED BY "
			    "filter_checks_by_kind WHERE kind = 'review'",
			    "");
	copy_str(out, 11, due ? due : "");
	free(due);
}

/* Inside the write: the same check or review recorded twice by the same
 * person within REPEAT_WINDOW (a double click) is kept once.  Read through
 * the kind and day's index.  -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_check(const struct request *rq, struct reply *rp)
{
	char since[ISO_LEN];
	const char *kind = arg(rq, "kind");
	repeat_since(since);
	int64_t kept = db_int(0,
			      "SELECT id FROM filter_checks INDEXED BY filter_checks_by_kind "
			      "WHERE kind = ? AND done_on = ? AND "
			      "recorded_at >= ? AND recorded_by = ? AND tested = ? AND actions = ?",
			      "tttItt", kind, arg(rq, "done_on"), since, rq->user.id,
			      arg(rq, "tested"), arg(rq, "actions") ? arg(rq, "actions") : "");
	char repeat[80];
	snprintf(repeat, sizeof repeat, "You recorded this %s already, as FC-%05lld.",
		 strcmp(kind, "review") == 0 ? "review" : "check", (long long)kept);
	return reply_refuse_repeat(rp, kept, repeat);
}

void filter_check_add(struct request *rq, struct reply *rp)
{
	if (!filtering_may_record(rq)) {
		reply_error(rp, 403, NULL,
			    "Checks and reviews are recorded by the network manager, or the senior "
			    "leader or governor named for filtering.");
		return;
	}
	const char *kind = arg(rq, "kind"), *on = arg(rq, "done_on");
	char today[11], at[ISO_LEN];
	uk_today(today);
	if (strcmp(on, today) > 0) {
		reply_error(rp, 400, "done_on", "The date it was done cannot be in the future.");
		return;
	}
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_check(rq, rp) != 0)
		return;
	int64_t id = db_insert("INSERT INTO filter_checks(kind, done_on, tested, actions, "
			       "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
			       "ttttIt", kind, on, arg(rq, "tested"),
			       arg(rq, "actions") ? arg(rq, "actions") : "", rq->user.id, at);
	char ref[16];
	snprintf(ref, sizeof ref, "FC-%05lld", (long long)id);
	audit(rq, "filtering.check", ref, "kind=%s done_on=%s", kind, on);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s}}", "check", "id", (json_int_t)id, "kind", kind,
			     "done_on", on),
		   "/filtering",
		   strcmp(kind, "review") == 0 ? "The yearly review has been recorded."
					       : "The check has been recorded.");
}

/* "My tasks": for the headteacher, naming who is responsible; for those
 * responsible, the yearly review when it is due or has never been done. */
void filter_review_tasks(const struct request *rq, json_t *tasks)
{
	int64_t leader = filtering_named("filtering_leader");
	int64_t governor = filtering_named("filtering_governor");
	if (has_role(rq, ROLE_HEADTEACHER) && (!leader || !governor))
		task_add(tasks, "filtering_people",
			 "Name the senior leader and the governor responsible for filtering and "
			 "monitoring.",
			 "/filtering#people", 0);
	if (!filtering_may_record(rq))
		return;
	char due[11], today[11];
	filter_review_due(due);
	uk_today(today);
	if (!due[0])
		task_add(tasks, "filtering_review",
			 "Filtering and monitoring have never been reviewed: record the yearly "
			 "review.",
			 "/filtering#record", 1);
	else if (strcmp(due, today) <= 0)
		task_add(tasks, "filtering_review",
			 "The yearly review of filtering and monitoring is due.",
			 "/filtering#record", 1);
}
