/* The query planner's statistics (the sqlite_stat1 table), gathered again
 * once a day and after a bulk change of the staff list.  Without them SQLite
 * guesses every table's size, and for some joins guesses an order that reads
 * every active member of staff: telling the receivers of a new report walked
 * all 20,000 people of a large trust for each receiving role, 12 ms in the
 * write lock against under 1 ms with statistics (sqlite3's .timer, one
 * report's notifications).  A school's database had none before.
 *
 * ANALYZE reads a sample of each index (analysis_limit), some 20 to 30 ms on
 * a database of 1 GB, in the writer's transaction.  A connection keeps the
 * statistics it loaded when it opened (SQLite reloads them only with the
 * schema), so every thread's own connection is opened again at its next
 * page once they have changed (db_read_begin). */
#include "db/db.h"
#include "db/internal.h"

#include <stdatomic.h>

/* Rows read from each index: enough to tell a column that picks out a few
 * rows from one that picks out thousands, which is all the planner needs. */
#define SAMPLE_ROWS "1000"

atomic_int statistics_epoch;

int db_refresh_statistics(void)
{
	if (db_begin() != 0)
		return -1;
	db_exec("PRAGMA analysis_limit = " SAMPLE_ROWS, "");
	db_exec("ANALYZE", "");
	if (db_commit() != 0)
		return -1;
	atomic_fetch_add(&statistics_epoch, 1);
	return 0;
}
