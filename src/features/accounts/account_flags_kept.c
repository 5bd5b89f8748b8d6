#define _GNU_SOURCE
/* The moderator's account tasks, from the facts kept of every account
 * (account_state, kept by triggers: schema.sql, version 56).  Each kind is
 * counted by a range of its index, and its accounts are named, in the
 * register's order, only when there are few: a trust's register is not
 * read to tell the moderator that 300 accounts wait for a check.  The
 * rules are the register's (account_common.c, account_review.c,
 * account_rotation.c), turned round into the ranges read here; a test
 * compares the two (account_flags_kept.test.mjs). */
#include "features/accounts/account_team.h"
#include "core/workdays.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>

/* The open accounts, read through the index of each kind (status first). */
#define OPEN "s.status IN ('active', 'suspended')"

#define KEPT_COUNT(where) "SELECT count(*) FROM account_state s WHERE " where
#define KEPT_NAMES(where)                                                                  \
	"SELECT a.id, a.name FROM account_state s CROSS JOIN social_accounts a ON a.id = "  \
	"s.account_id WHERE " where
/* In the register's order (its open accounts by name). */
#define KEPT_ROWS(where) KEPT_NAMES(where) " ORDER BY a.name COLLATE NOCASE, a.id"

static void name_each(struct flag_tasks *ft, const struct flag_kind *k, json_t *rows,
		      const char *more)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		flag_account(ft, k, json_int(r, "id"), json_str(r, "name"), more);
	json_decref(rows);
}

/* The accounts where `where` holds (with its binds), counted; named when
 * there are few. */
#define COUNTED_OR_NAMED(ft, k, more, where, ...)                                          \
	do {                                                                               \
		int64_t n_ = db_int(0, KEPT_COUNT(where), __VA_ARGS__);                     \
		if (n_ > FLAG_TASKS_EACH)                                                  \
			flag_accounts_counted(ft, k, (size_t)n_);                          \
		else if (n_ > 0)                                                           \
			name_each(ft, k, db_rows(KEPT_ROWS(where), __VA_ARGS__), more);     \
	} while (0)

/* The two spans of the last check (or the creation) of an active account
 * whose check is overdue (struct overdue_span). */
#define MONITOR_BEFORE "s.status = 'active' AND s.monitor_from < ?1"
#define MONITOR_TODAY "s.status = 'active' AND s.monitor_from >= ?2 AND s.monitor_from < ?3"

/* ravens-wood §4: monitored "regularly and frequently"; a check is overdue
 * a day after the last, or at the end of the next working day
 * (monitoring_due, turned round by monitoring_overdue_span).  Only an
 * active account is checked, as the register says. */
static void monitoring_tasks(struct flag_tasks *ft, time_t now)
{
	struct closure_set closed;
	closure_set_load(&closed);
	struct overdue_span span;
	monitoring_overdue_span(now, closure_day_in, &closed, &span);
	closure_set_free(&closed);
	char before[ISO_LEN], from[ISO_LEN], until[ISO_LEN];
	iso_time(span.before, before);
	iso_time(span.from, from);
	iso_time(span.until, until);
	/* Two ranges of one index (MONITOR_BEFORE, MONITOR_TODAY), each read by range. */
	int64_t n = db_int(0,
			   "SELECT (" KEPT_COUNT(MONITOR_BEFORE) ") + (" KEPT_COUNT(
				   MONITOR_TODAY) ")",
			   "ttt", before, from, until);
	if (n > FLAG_TASKS_EACH)
		flag_accounts_counted(ft, &flag_monitoring_overdue, (size_t)n);
	else if (n > 0)
		name_each(ft, &flag_monitoring_overdue,
			  db_rows(KEPT_NAMES(MONITOR_BEFORE) " UNION ALL " KEPT_NAMES(
					  MONITOR_TODAY) " ORDER BY name COLLATE NOCASE, id",
				  "ttt", before, from, until),
			  NULL);
}

/* Whose password is to be changed is the credentials' page's question
 * (password_to_change): asked only of the accounts with a reveal since the
 * last change, which its index finds. */
static void password_tasks(struct flag_tasks *ft)
{
	json_t *rows = db_rows(KEPT_ROWS(OPEN " AND s.reveals_unchanged > 0"), "");
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		json_t *changes = password_to_change(json_int(r, "id"));
		if (json_array_size(changes))
			flag_account(ft, &flag_password_change, json_int(r, "id"),
				     json_str(r, "name"), NULL);
		json_decref(changes);
	}
	json_decref(rows);
}

void account_moderator_tasks(struct flag_tasks *ft)
{
	struct review_day day;
	review_day_start(&day, account_dormant_days());
	COUNTED_OR_NAMED(ft, &flag_lead_left, NULL, OPEN " AND s.lead_active = 0", "");
	monitoring_tasks(ft, day.now);
	COUNTED_OR_NAMED(ft, &flag_gate, NULL, OPEN " AND s.gate_failing = 1", "");
	password_tasks(ft);
	char review_before[ISO_LEN], logged_before[ISO_LEN];
	review_due_before(&day, review_before);
	COUNTED_OR_NAMED(ft, &flag_review_due, NULL, OPEN " AND s.review_from < ?", "t",
			 review_before);
	dormant_before(&day, logged_before);
	COUNTED_OR_NAMED(ft, &flag_dormant, json_string_value(day.dormant_days_words),
			 OPEN " AND s.last_logged < ?", "t", logged_before);
	review_day_end(&day);
}
