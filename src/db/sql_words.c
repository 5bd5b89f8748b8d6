/* SQL functions staffroom registers on each of its connections, for what a
 * statement puts in words a person reads: uk_time_words(x) is lib/uk_time.h's
 * uk_time_words ("2026-08-27" as "27 Aug 2026", a UTC time in UK time), so
 * that a label built in SQL (the retention review's, which the disposal
 * register keeps) shows a date as every page does.  NULL stays NULL, for
 * coalesce(); a value that is not a date or time comes back as it is. */
#include "db/internal.h"
#include "lib/uk_time.h"

static void uk_time_words_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *iso = sqlite3_value_text(argv[0]);
	if (!iso) {
		sqlite3_result_null(ctx);
		return;
	}
	char out[64];
	uk_time_words((const char *)iso, out, sizeof out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

int sql_words_attach(sqlite3 *db)
{
	/* The UK zone is loaded once at start-up (uk_time_init) and never
	 * changes, so the words of a value are always the same. */
	return sqlite3_create_function_v2(db, "uk_time_words", 1,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
					  NULL, uk_time_words_fn, NULL, NULL, NULL);
}
