/* A member of staff's own checks of their online presence, at induction
 * and then every year: the privacy settings of their personal accounts
 * (wynstones; braunstone: new staff "review their social networking sites
 * when they join") and a search for themselves (heatons 5.12: "regularly
 * check their online presence").  Only the date is recorded, never what
 * was found.  The induction list also shows the agreements to sign and the
 * social-media training (heatons 4.2: training at induction), which their
 * own pages record. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/policy_status.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/conduct/conduct_internal.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <string.h>

static const struct {
	const char *kind, *task, *done;
} SELF_CHECKS[] = {
	{ "privacy",
	  "Review the privacy settings of your personal social-media accounts (once a year).",
	  "Privacy settings of your personal accounts reviewed" },
	{ "search", "Search for yourself online and check what others can see (once a year).",
	  "Searched for yourself online" },
};
#define N_SELF_CHECKS (sizeof SELF_CHECKS / sizeof SELF_CHECKS[0])

/* The date the check was last done by this person, or NULL (malloc'd). */
static char *last_done(int64_t user_id, const char *kind)
{
	return db_text("SELECT max(done_on) FROM self_checks WHERE user_id = ? AND kind = ?", "It",
		       user_id, kind);
}

/* Due when never done, or done more than a year before today. */
static int is_due(const char *last, const char *day)
{
	return !last || db_int(1, "SELECT date(?, '+1 year') <= ?", "tt", last, day) != 0;
}

json_t *self_checks_list(const struct request *rq)
{
	char day[11];
	today(day);
	json_t *rows = json_array();
	for (size_t i = 0; i < N_SELF_CHECKS; i++) {
		char *last = last_done(rq->user.id, SELF_CHECKS[i].kind);
		json_array_append_new(rows,
				      json_pack("{s:s, s:s, s:s?, s:b}", "kind",
						SELF_CHECKS[i].kind, "label", SELF_CHECKS[i].done,
						"last_done", last, "due", is_due(last, day)));
		free(last);
	}
	return rows;
}

/* The induction list's other two lines, from their own records. */
json_t *induction_status(const struct request *rq)
{
	json_t *unsigned_versions = policies_unsigned(rq->user.id);
	json_t *m =
		json_pack("{s:I, s:b}", "to_sign", (json_int_t)json_array_size(unsigned_versions),
			  "trained", training_current(rq->user.id, "social_media_policy"));
	json_decref(unsigned_versions);
	return m;
}

void self_check_add(struct request *rq, struct reply *rp)
{
	const char *kind = arg(rq, "kind");
	char day[11], at[ISO_LEN];
	today(day);
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	/* Once a day is enough: a second press the same day records nothing new. */
	if (!db_int(0,
		    "SELECT count(*) FROM self_checks WHERE user_id = ? AND kind = ? AND "
		    "done_on = ?",
		    "Itt", rq->user.id, kind, day))
		db_exec("INSERT INTO self_checks(user_id, kind, done_on, recorded_at) VALUES (?, "
			"?, "
			"?, ?)",
			"Ittt", rq->user.id, kind, day, at);
	audit(rq, "conduct.self_check", kind, "done_on=%s", day);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:{s:s, s:s}}", "self_check", "kind", kind, "done_on", day),
		   "/conduct#self-checks", "Thank you: recorded as done today.");
}

/* "My tasks": each check never done, or done more than a year ago. */
void self_check_tasks(const struct request *rq, json_t *tasks)
{
	char day[11];
	today(day);
	for (size_t i = 0; i < N_SELF_CHECKS; i++) {
		char *last = last_done(rq->user.id, SELF_CHECKS[i].kind);
		if (is_due(last, day))
			task_add(tasks, "self_check", SELF_CHECKS[i].task, "/conduct#self-checks",
				 0);
		free(last);
	}
}
