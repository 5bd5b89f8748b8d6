/* The register of services approved for use with pupils (wynstones §3:
 * "All social media services must be approved by School Management in
 * advance"; heatons §3.1): what each is, what for, who approved it and
 * when, and when it is reviewed.  Everyone reads it; the headteacher and
 * senior leaders keep it.  A review confirms it for another year, or
 * withdraws it. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/permissions/permissions_internal.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int service_may_keep(const struct request *rq)
{
	return has_role(rq, ROLE_HEADTEACHER | ROLE_SLT);
}

json_t *services_list(void)
{
	char today[11];
	uk_today(today);
	return db_rows("SELECT s.id, s.name, s.purpose, s.approved_on, s.review_on, u.name AS "
		       "approved_by, s.review_on <= ? AS review_due FROM approved_services s "
		       "INDEXED BY approved_services_current JOIN users u ON u.id = "
		       "s.approved_by WHERE s.withdrawn_at IS NULL ORDER BY s.name COLLATE NOCASE",
		       "t", today);
}

/* The review date: after today, within three years. */
static int review_problem(const struct request *rq, struct reply *rp)
{
	const char *on = arg(rq, "review_on");
	char today[11];
	uk_today(today);
	if (strcmp(on, today) <= 0 ||
	    db_int(0, "SELECT ? > date(?, '+3 years')", "tt", on, today)) {
		reply_error_add(rp, "review_on",
				"The review date must be after today and within three years.");
		return -1;
	}
	return 0;
}

void service_add(struct request *rq, struct reply *rp)
{
	if (review_problem(rq, rp) != 0)
		return;
	char today[11];
	uk_today(today);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	int64_t listed = db_int(0,
				"SELECT id FROM approved_services WHERE withdrawn_at IS NULL AND "
				"lower(name) = lower(?)",
				"t", arg(rq, "name"));
	if (reply_refuse_repeat(rp, listed,
				"A service of that name is already on the register: review it "
				"there instead.") != 0)
		return;
	int64_t id = db_insert("INSERT INTO approved_services(name, purpose, approved_by, "
			       "approved_on, review_on) VALUES (?, ?, ?, ?, ?)",
			       "ttItt", arg(rq, "name"), arg(rq, "purpose"), rq->user.id, today,
			       arg(rq, "review_on"));
	audit(rq, "service.approve", arg(rq, "name"), "review_on=%s", arg(rq, "review_on"));
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s}}", "service", "id", (json_int_t)id, "name",
			     arg(rq, "name"), "review_on", arg(rq, "review_on")),
		   "/permissions#services", "The service has been added to the register.");
}

/* action=review (approved again until review_on) or action=withdraw. */
void service_update(struct request *rq, struct reply *rp)
{
	char *name = db_text("SELECT name FROM approved_services WHERE id = ? AND withdrawn_at IS "
			     "NULL",
			     "I", rq->ids[0]);
	if (!name) {
		reply_not_found(rp);
		return;
	}
	int withdraw = strcmp(arg(rq, "action"), "withdraw") == 0;
	if (!withdraw && (!arg(rq, "review_on") || review_problem(rq, rp) != 0)) {
		if (!reply_errors(rp))
			reply_error(rp, 400, "review_on", "Give the date of the next review.");
		free(name);
		return;
	}
	char today[11], at[ISO_LEN];
	uk_today(today);
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) == 0) {
		/* Still approved, asked again in the write: the same withdrawal sent
		 * twice at once is made once, and one audit row says so. */
		if (withdraw)
			db_exec("UPDATE approved_services SET withdrawn_at = ? WHERE id = ? AND "
				"withdrawn_at IS NULL",
				"tI", at, rq->ids[0]);
		else
			db_exec("UPDATE approved_services SET approved_by = ?, approved_on = ?, "
				"review_on = ? WHERE id = ? AND withdrawn_at IS NULL",
				"IttI", rq->user.id, today, arg(rq, "review_on"), rq->ids[0]);
		int changed = db_changes() > 0;
		if (changed)
			audit(rq, withdraw ? "service.withdraw" : "service.review", name, "%s",
			      withdraw ? "no longer approved" : arg(rq, "review_on"));
		if (reply_commit_changed(rp, changed, "action",
					 "The service is no longer approved: it was withdrawn "
					 "meanwhile.",
					 BUSY_UNSAVED) == 0)
			reply_done(rp, 200,
				   json_pack("{s:{s:I, s:b}}", "service", "id",
					     (json_int_t)rq->ids[0], "withdrawn", withdraw),
				   "/permissions#services",
				   withdraw ? "The service is no longer approved."
					    : "The service is approved until its next review.");
	}
	free(name);
}

/* "My tasks": services whose review date has come, for those who keep the register. */
void service_tasks(const struct request *rq, json_t *tasks)
{
	if (!service_may_keep(rq))
		return;
	char today[11];
	uk_today(today);
	int64_t n =
		db_int(0,
		       "SELECT count(*) FROM approved_services INDEXED BY "
		       "approved_services_current WHERE withdrawn_at IS NULL AND review_on <= ?",
		       "t", today);
	if (!n)
		return;
	task_addf(tasks, "services_review", "/permissions#services", 0,
		  "%lld approved service%s due for review.", (long long)n,
		  n == 1 ? " is" : "s are");
}
