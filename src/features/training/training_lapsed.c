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

#include <stdlib.h>
#include <string.h>

/* Whether the list was made for day d (one row, read by its key). */
static int made_for(const char *d)
{
	char *on = db_text("SELECT day FROM policy_training_lapsed_on WHERE id = 1", "");
	int made = on && strcmp(on, d) == 0;
	free(on);
	return made;
}

int training_lapsed_for_today(void)
{
	char d[11];
	today(d);
	return made_for(d);
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

/* features_daily calls it once a day in each process, and again after a
 * busy pass; the day it was made for, kept in the database, says whether
 * it is done (by this process or another). */
int training_lapsed_daily(void)
{
	char d[11];
	today(d);
	return made_for(d) ? 0 : make_lapsed(d);
}
