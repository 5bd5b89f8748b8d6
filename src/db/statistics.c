/* The query planner's statistics (the sqlite_stat1 table), gathered again
 * once a day and after a bulk change of the staff list.  Without them SQLite
 * guesses every table's size, and for some joins guesses an order that reads
 * every active member of staff: telling the receivers of a new report walked
 * all 20,000 people of a large trust for each receiving role, 12 ms in the
 * write lock against under 1 ms with statistics (sqlite3's .timer, one
 * report's notifications).  A school's database had none before.
 *
 * ANALYZE reads every index whole, in the writer's transaction: 14 to 18 ms on
 * the benchmark's school of 200 (10 MB), 0.78 s on its trust of 20,000 (1 GB),
 * once a day.  Not a sample (analysis_limit): a value many rows share is then
 * undercounted, and a sample of 1,000 put 501 concerns on a status that
 * 39,971 had, which steers the planner to the wrong index.  A connection
 * keeps the statistics it loaded when it opened (SQLite reloads them only
 * with the schema), so every thread's own connection is opened again at its
 * next page once they have changed (db_read_begin). */
#include "db/db.h"
#include "db/internal.h"

#include <stdatomic.h>

atomic_int statistics_epoch;

int db_refresh_statistics(void)
{
	if (db_begin() != 0)
		return -1;
	db_exec("ANALYZE", "");
	if (db_commit() != 0)
		return -1;
	atomic_fetch_add(&statistics_epoch, 1);
	return 0;
}
