/* The query planner's statistics, gathered again: each thread's connection
 * takes them up at its next page (SQLite itself would keep planning with what
 * it loaded when the connection opened), and with them a join is read in the
 * order that touches a few rows, not every member of staff. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"

/* The receivers of a report (the DSL's bit), joined as SQLite would order
 * them itself. */
#define RECEIVERS                                                                          \
	"EXPLAIN QUERY PLAN SELECT DISTINCT u.id FROM role_bits b "                          \
	"JOIN user_roles r ON r.role = b.role JOIN users u ON u.id = r.user_id "             \
	"WHERE (b.bit & 8) != 0 AND u.active = 1 AND u.id != 3"

/* A staff of 400, two of them safeguarding leads, and no report yet. */
static int setup(void **state)
{
	if (testdb_open(state) != 0 || db_begin() != 0)
		return -1;
	testdb_insert_people(400);
	db_exec("INSERT INTO user_roles(user_id, role) SELECT id, 'staff' FROM users", "");
	db_exec("INSERT INTO user_roles(user_id, role) VALUES (1, 'dsl'), (2, 'dsl')", "");
	return db_commit();
}

/* The plan the thread's connection makes for the join, as text. */
static char *receivers_plan(void)
{
	db_read_begin();
	json_t *plan = db_rows(RECEIVERS, "");
	db_read_end();
	char *text = json_dumps(plan, 0);
	json_decref(plan);
	return text;
}

static void a_refresh_reaches_the_thread_connection(void **state)
{
	(void)state;
	char *guessed = receivers_plan();
	/* No statistics: every active person is read for each role. */
	assert_non_null(strstr(guessed, "users_by_active"));
	assert_int_equal(db_refresh_statistics(), 0);
	assert_true(db_int(0, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'users'", "") > 0);
	/* The same connection would plan as before: SQLite loads statistics
	 * only when it opens or its schema changes, which ANALYZE does not. */
	char *planned = receivers_plan();
	assert_string_not_equal(planned, guessed);
	free(guessed);
	free(planned);
}

static void the_connection_is_kept_while_nothing_changes(void **state)
{
	(void)state;
	sqlite3 *before = db_handle();
	db_read_begin();
	db_read_end();
	assert_ptr_equal(db_handle(), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_refresh_reaches_the_thread_connection),
		cmocka_unit_test(the_connection_is_kept_while_nothing_changes),
	};
	return cmocka_run_group_tests(tests, setup, testdb_close);
}
