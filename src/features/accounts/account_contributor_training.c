#define _GNU_SOURCE
/* The social-media training of a contributor who is not staff, recorded or
 * renewed after they were added (ravens-wood §3: anyone running an account,
 * "including volunteers or parents", must have "received appropriate
 * training").  Without it, someone added before the training was asked for,
 * or whose training has lapsed, could only be removed and added again.  Who
 * may add a contributor (the moderator or the account's lead) records it;
 * the runner is then checked again as the nightly pass checks them, so a
 * flag they no longer deserve goes at once. */
#include "features/accounts/account_team.h"
#include "core/audit.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

void contributor_training_problems(const struct request *rq, struct reply *rp,
				   const char *done_field, const char *lapses_field)
{
	char day[11];
	uk_today(day);
	const char *done = arg(rq, done_field), *lapses = arg(rq, lapses_field);
	if (!done)
		return;
	if (strcmp(done, day) > 0)
		reply_error_add(rp, done_field,
				"The date of the training cannot be in the future.");
	if (lapses && strcmp(lapses, done) < 0)
		reply_error_add(rp, lapses_field,
				"The training cannot lapse before the day it was done.");
	else if (lapses && strcmp(lapses, day) < 0)
		reply_error_add(rp, lapses_field,
				"That training has already lapsed: give the dates of training "
				"that is current.");
}

static int training_dates_ok(const struct request *rq, struct reply *rp)
{
	contributor_training_problems(rq, rp, "completed_on", "expires_on");
	return reply_errors(rp) == 0;
}

/* Inside the write: the same dates sent twice for the same contributor by
 * the same person within REPEAT_WINDOW (a double click) are kept once.
 * -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_training(const struct request *rq, struct reply *rp)
{
	char since[ISO_LEN];
	repeat_since(since);
	int64_t kept = db_int(0,
			      "SELECT contributor_id FROM contributor_training "
			      "WHERE contributor_id = ? AND completed_on = ? AND expires_on IS ? "
			      "AND recorded_by = ? AND recorded_at >= ?",
			      "IttIt", rq->ids[1], arg(rq, "completed_on"), arg(rq, "expires_on"),
			      rq->user.id, since);
	return reply_refuse_repeat(rp, kept, "You recorded this training already.");
}

/* One row a contributor: a renewal replaces the training that lapsed. */
static void store_training(const struct request *rq)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO contributor_training(contributor_id, completed_on, expires_on, "
		"recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?) "
		"ON CONFLICT(contributor_id) DO UPDATE SET completed_on = excluded.completed_on, "
		"expires_on = excluded.expires_on, recorded_by = excluded.recorded_by, "
		"recorded_at = excluded.recorded_at",
		"IttIt", rq->ids[1], arg(rq, "completed_on"), arg(rq, "expires_on"), rq->user.id,
		at);
}

static void record(struct request *rq, struct reply *rp, const json_t *a, const json_t *runner)
{
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_training(rq, rp) != 0)
		return;
	int had = db_int(0, "SELECT count(*) FROM contributor_training WHERE contributor_id = ?",
			 "I", rq->ids[1]);
	store_training(rq);
	account_gate_recheck(a, runner);
	char *link = account_link(rq->ids[0]);
	const char *lapses = arg(rq, "expires_on");
	audit(rq, "account.contributor_training", link + 1,
	      "%s: social-media training %s on %s, lapses %s", json_str(runner, "name"),
	      had ? "renewed" : "recorded", arg(rq, "completed_on"), lapses ? lapses : "never");
	int passes = runner_passes(runner);
	if (reply_commit(rp, BUSY_UNSAVED) == 0)
		reply_done(rp, 200,
			   json_pack("{s:{s:I, s:s, s:s?}, s:b}", "training", "contributor_id",
				     (json_int_t)rq->ids[1], "completed_on",
				     arg(rq, "completed_on"), "expires_on", lapses, "passes",
				     passes),
			   link, "Their social-media training has been recorded.");
	free(link);
}

void contributor_training(struct request *rq, struct reply *rp)
{
	json_t *a = team_account(rq, rp);
	json_t *runner = a ? not_staff_runner(rq, rp,
					      "their social-media training is recorded in Training "
					      "records.")
			   : NULL;
	if (runner && training_dates_ok(rq, rp))
		record(rq, rp, a, runner);
	json_decref(runner);
	json_decref(a);
}
