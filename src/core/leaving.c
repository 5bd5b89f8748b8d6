/* Leaving dates set ahead, cancelling them, and reactivation (leaving.h). */
#define _GNU_SOURCE
#include "core/leaving.h"
#include "core/audit.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/staff.h"
#include "lib/util.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *actor(const struct request *rq)
{
	return rq && rq->signed_in ? rq->user.email : "the command line";
}

/* Records are kept for years after a person leaves (docs/RECORDS.md): a
 * leaving date before they were ever on the list (a slip of the year) would
 * put their records before the retention review as long overdue, to be
 * deleted at once.  Their first day here is the earliest they can leave. */
int leaving_before_joining(int64_t user_id, const char *left_on, char joined[11])
{
	joined[0] = 0;
	if (!left_on)
		return 0;
	/* SQLite's 'localtime' is the UK zone (uk_time_init). */
	char *day = db_text("SELECT date(created_at, 'localtime') FROM users WHERE id = ?", "I",
			    user_id);
	if (day)
		copy_str(joined, 11, day);
	free(day);
	return joined[0] && strcmp(left_on, joined) < 0;
}

int leaving_set(const struct request *rq, int64_t user_id, const char *left_on, int *scheduled)
{
	/* The school's calendar day: at 00:30 in summer UTC still says yesterday. */
	char today[11];
	uk_today(today);
	*scheduled = left_on && strcmp(left_on, today) > 0;
	if (!*scheduled) {
		db_exec("DELETE FROM leaving_dates WHERE user_id = ?", "I", user_id);
		return staff_deactivate(rq, user_id, left_on);
	}
	char *email = db_text("SELECT email FROM users WHERE id = ?", "I", user_id);
	if (!email)
		return -1;
	char at[ISO_LEN];
	iso_now(at);
	/* Until the day, nothing about the person changes: they still sign in,
	 * still count in compliance, and accounts they lead are not flagged
	 * (Raven's Wood accounts appendix: the account is closed or transferred
	 * once the lead "has left the organisation", not before). */
	db_exec("INSERT INTO leaving_dates(user_id, left_on, set_by, set_at) VALUES (?, ?, ?, ?) "
		"ON CONFLICT(user_id) DO UPDATE SET left_on = excluded.left_on, set_by = "
		"excluded.set_by, "
		"set_at = excluded.set_at",
		"Ittt", user_id, left_on, actor(rq), at);
	audit(rq, "staff.leaving_date", email, "left_on=%s (applied on that day)", left_on);
	free(email);
	return db_failed() ? -1 : 0;
}

int leaving_cancel(const struct request *rq, int64_t user_id)
{
	char *left_on =
		db_text("SELECT left_on FROM leaving_dates WHERE user_id = ?", "I", user_id);
	if (!left_on)
		return 0;
	char *email = db_text("SELECT email FROM users WHERE id = ?", "I", user_id);
	db_exec("DELETE FROM leaving_dates WHERE user_id = ?", "I", user_id);
	audit(rq, "staff.leaving_cancelled", email ? email : "", "left_on=%s cancelled", left_on);
	free(email);
	free(left_on);
	return db_failed() ? -1 : 1;
}

int leaving_reactivate(const struct request *rq, int64_t user_id)
{
	json_t *u = db_row("SELECT email, left_on FROM users WHERE id = ? AND active = 0", "I",
			   user_id);
	if (!u)
		return db_failed() ? -1 : 0;
	/* The triggers on users.active put them back into the compliance figures. */
	db_exec("UPDATE users SET active = 1, left_on = NULL WHERE id = ?", "I", user_id);
	const char *left = json_str(u, "left_on");
	audit(rq, "staff.reactivate", json_str(u, "email"), "had left on %s",
	      left ? left : "an unknown date");
	json_decref(u);
	return db_failed() ? -1 : 1;
}

/* One person whose day has come: deactivated as at once, audited as the
 * date's own doing, naming who set it. */
static void apply_one(json_t *row)
{
	int64_t id = json_int(row, "user_id");
	const char *left_on = json_str(row, "left_on");
	const char *email = json_str(row, "email");
	staff_leave_now(id, left_on);
	db_exec("DELETE FROM leaving_dates WHERE user_id = ?", "I", id);
	char *detail = xasprintf("left_on=%s (set ahead by %s)", left_on,
				 json_str(row, "set_by"));
	audit_as(0, "leaving date", "", "staff.deactivate", email, detail);
	free(detail);
}

static int apply_due(const char *today)
{
	/* CROSS JOIN: the few dates due, by their index, then each person;
	 * never every member of staff looked up in the dates. */
	json_t *due =
		db_rows("SELECT l.user_id, l.left_on, l.set_by, u.email FROM leaving_dates l "
			"CROSS JOIN users u ON u.id = l.user_id WHERE l.left_on <= ? "
			"ORDER BY l.left_on",
			"t", today);
	size_t n = json_array_size(due), i;
	json_t *row;
	if (n && db_begin() != 0) {
		json_decref(due);
		return -1;
	}
	json_array_foreach(due, i, row)
		apply_one(row);
	json_decref(due);
	if (n && db_commit() != 0)
		return -1;
	return (int)n;
}

int leaving_apply_daily(void)
{
	/* The UK calendar day last done, as a number (days since 1970): the
	 * first request of a day does the pass; the others compare one number,
	 * with no date written out. */
	static atomic_long done = -1;
	long key = uk_day_number(now());
	if (atomic_exchange(&done, key) == key)
		return 0;
	char today[11];
	iso_date((time_t)key * 86400, today);
	int n = apply_due(today);
	if (n < 0)
		atomic_store(&done, -1); /* busy: the next request tries again */
	return n < 0 ? 0 : n;
}
