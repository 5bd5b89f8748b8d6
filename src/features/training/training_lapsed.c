/* Who has let the social-media policy training lapse, made once a day
 * (schema.sql, version 57): everyone whose training ran to a day before
 * today, read from the index of those days, so that the list of those
 * still to be trained reads them in order of name without passing over the
 * trained (training_untrained.c).  Through the day, the table's triggers
 * keep each person's row as their training or their post changes. */
#define _GNU_SOURCE
#include "features/training/training.h"
#include "core/policy_status.h"
#include "db/db.h"
#include "lib/util.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int training_lapsed_for_today(void)
{
	char d[11];
	today(d);
	char *on = db_text("SELECT day FROM policy_training_lapsed_on WHERE id = 1", "");
	int current = on && strcmp(on, d) == 0;
	free(on);
	return current;
}

/* One write: the whole set again, and the day it is for. */
static int make_lapsed(const char *d)
{
	if (db_begin() != 0)
		return -1;
	db_exec("DELETE FROM policy_training_lapsed", "");
	db_exec("INSERT INTO policy_training_lapsed(user_id, name) SELECT user_id, name FROM "
		"policy_training_until INDEXED BY policy_training_by_until WHERE until < ?",
		"t", d);
	db_exec("INSERT INTO policy_training_lapsed_on(id, day) VALUES (1, ?) "
		"ON CONFLICT(id) DO UPDATE SET day = excluded.day",
		"t", d);
	if (db_failed()) {
		db_rollback();
		return -1;
	}
	return db_commit() == 0 ? 1 : -1;
}

int training_lapsed_daily(void)
{
	/* The day last done in this process, as a number (20261218), as
	 * account_gate_daily keeps it; another process may have done it. */
	static atomic_long done = -1;
	char d[11];
	today(d);
	int y = 0, m = 0, day = 0;
	sscanf(d, "%d-%d-%d", &y, &m, &day);
	long key = y * 10000L + m * 100L + day;
	if (atomic_exchange(&done, key) == key || training_lapsed_for_today())
		return 0;
	int n = make_lapsed(d);
	if (n < 0)
		atomic_store(&done, -1); /* busy: the next request tries again */
	return n;
}
