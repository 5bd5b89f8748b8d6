#define _GNU_SOURCE
/* The reply clock of a school account, ravens-wood §4: "Any comments,
 * queries or complaints made through those accounts must be responded to
 * within 24 hours (or on the next working day if received at a weekend)".
 * A working day is a weekday the school is not closed: the next working day
 * after a weekend skips the closure days (a bank holiday Monday) whatever the
 * setting says.  The policy names only weekends as stopping the 24 hours, so
 * whether an item received on a weekday closure day has 24 hours is the
 * setting account_reply_holidays_count (default yes: it has).
 * Also what is overdue: the register's flag and the tasks of the lead and
 * the moderator. */
#include "features/accounts/account.h"
#include "features/accounts/account_items.h"
#include "core/auth.h"
#include "core/workdays.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

/* An item that arrives on a weekday has 24 hours, even when they end on a
 * Saturday or a closure day; one that arrives on a weekend (or, when holidays
 * do not count, a closure day) has until 23:59:59 UK time of the next
 * working day, closure days skipped. */
time_t item_due(time_t received, int holidays_count)
{
	int weekday = is_working_day(received, NULL, NULL);
	if (weekday && (holidays_count || is_working_day(received, closure_day_db, NULL)))
		return received + DAY;
	return workday_deadline(received, 0, closure_day_db, NULL);
}

int reply_holidays_count(void)
{
	char *v = db_text("SELECT value FROM settings WHERE key = 'account_reply_holidays_count'",
			  "");
	int counts = !(v && strcmp(v, "no") == 0);
	free(v);
	return counts;
}

/* The lead and the moderator: one urgent task an account, closed accounts
 * excepted. */
void account_reply_tasks(const struct request *rq, json_t *tasks)
{
	char at[ISO_LEN];
	iso_now(at);
	/* CROSS JOIN keeps SQLite reading the few open items by their index and
	 * looking up each account, never reading every account; INDEXED BY keeps
	 * it from reading every item in account order instead, to spare the
	 * GROUP BY a sort. */
	json_t *rows = db_rows("SELECT a.id, a.name, count(*) AS n FROM account_items i "
			       "INDEXED BY account_items_open "
			       "CROSS JOIN social_accounts a ON a.id = i.account_id "
			       "WHERE i.answered_at IS NULL AND i.due_at < ? AND a.status != "
			       "'closed' AND (? = 1 OR a.lead_id = ?) "
			       "GROUP BY a.id ORDER BY a.name COLLATE NOCASE, a.id",
			       "tiI", at, has_role(rq, ROLE_MODERATOR), rq->user.id);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		int64_t n = json_int(r, "n");
		char *link = account_link(json_int(r, "id"));
		task_addf(tasks, "account_reply_overdue", link, 1,
			  "%lld comment%s, quer%s or complaint%s on the account '%s' %s not been "
			  "answered in time: reply or acknowledge %s now.",
			  (long long)n, n == 1 ? "" : "s", n == 1 ? "y" : "ies", n == 1 ? "" : "s",
			  json_str(r, "name"), n == 1 ? "has" : "have", n == 1 ? "it" : "them");
		free(link);
	}
	json_decref(rows);
	if (!has_role(rq, ROLE_MODERATOR))
		return;
	/* A reported mistake waits for the moderator to record what was done.
	 * Few are ever open: the index, even where statistics show none yet. */
	rows = db_rows("SELECT a.id, a.name, count(*) AS n FROM account_mistakes m "
		       "INDEXED BY account_mistakes_open CROSS JOIN social_accounts a "
		       "ON a.id = m.account_id WHERE m.outcome IS NULL "
		       "GROUP BY a.id ORDER BY a.name COLLATE NOCASE, a.id",
		       "");
	json_array_foreach(rows, i, r) {
		int64_t n = json_int(r, "n");
		char *link = account_link(json_int(r, "id"));
		task_addf(tasks, "account_mistake", link, 0,
			  "%lld mistake%s reported on the account '%s' wait%s for you to record "
			  "what was done.",
			  (long long)n, n == 1 ? "" : "s", json_str(r, "name"), n == 1 ? "s" : "");
		free(link);
	}
	json_decref(rows);
}
