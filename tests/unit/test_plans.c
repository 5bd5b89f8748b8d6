/* The query-plan check (src/db/plans.c) reports each way SQLite may plan to
 * read every row of a table: a scan of the table, a scan of all of one of
 * its indexes, a Bloom filter filled from it, an automatic index built from
 * it; and stays quiet for a search, a scan stopped by LIMIT, a partial
 * index read whole and a small settings table.  The pages' own statements
 * are checked by tests/http/query_plans.test.mjs; these are the kinds. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "stderr_catch.h"
#include "testdb.h"

/* A connection opened after ANALYZE, so that it plans with the statistics. */
static sqlite3 *planner;

/* A staff of 400 and no case yet; statistics gathered. */
static int setup(void **state)
{
	if (testdb_open(state) != 0 || db_begin() != 0)
		return -1;
	testdb_insert_people(400);
	if (db_commit() != 0 || db_refresh_statistics() != 0)
		return -1;
	return sqlite3_open_v2(testdb_path, &planner, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
		       ? 0
		       : -1;
}

static int teardown(void **state)
{
	sqlite3_close(planner);
	return testdb_close(state);
}

/* What the check writes to stderr about sql. */
static char *reported(const char *sql)
{
	struct stderr_catch c = stderr_catch_begin();
	plan_check(planner, sql);
	char *text = stderr_catch_end(&c);
	assert_non_null(text);
	return text;
}

static void assert_reported(const char *sql, const char *plan)
{
	char *text = reported(sql);
	assert_non_null(strstr(text, "full table scan"));
	assert_non_null(strstr(text, plan));
	free(text);
}

static void assert_quiet(const char *sql)
{
	char *text = reported(sql);
	assert_string_equal(text, "");
	free(text);
}

static void a_scan_of_the_table(void **state)
{
	(void)state;
	assert_reported("SELECT name FROM users WHERE job_title = 'Bursar'", "SCAN users");
}

static void a_scan_of_every_entry_of_an_index(void **state)
{
	(void)state;
	assert_reported("SELECT email FROM users ORDER BY email",
			"SCAN users USING COVERING INDEX sqlite_autoindex_users_1");
	/* An ordered list's page: LIMIT stops it. */
	assert_quiet("SELECT email FROM users ORDER BY email LIMIT 20");
}

/* Without statistics of the deadlines SQLite guesses more of them than
 * there are people, and fills a Bloom filter of every person's id first. */
static void a_bloom_filter_filled_from_the_table(void **state)
{
	(void)state;
	assert_reported("SELECT count(*) FROM concern_deadlines d INDEXED BY concern_deadlines_open "
			"JOIN users u ON u.id = d.concern_id WHERE d.met_at IS NULL AND "
			"d.due_at < '2026-12-01' AND u.active = 1",
			"BLOOM FILTER ON u");
}

static void an_automatic_index_built_from_the_table(void **state)
{
	(void)state;
	assert_reported("SELECT count(*) FROM users a JOIN users b ON b.job_title = a.email",
			"AUTOMATIC COVERING INDEX");
}

static void searches_partial_indexes_and_small_tables_pass(void **state)
{
	(void)state;
	assert_quiet("SELECT name FROM users WHERE id = 3");
	/* A partial index holds only the deadlines not yet met. */
	assert_quiet("SELECT concern_id FROM concern_deadlines INDEXED BY concern_deadlines_open "
		     "WHERE met_at IS NULL");
	assert_quiet("SELECT key, value FROM settings");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_scan_of_the_table),
		cmocka_unit_test(a_scan_of_every_entry_of_an_index),
		cmocka_unit_test(a_bloom_filter_filled_from_the_table),
		cmocka_unit_test(an_automatic_index_built_from_the_table),
		cmocka_unit_test(searches_partial_indexes_and_small_tables_pass),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
