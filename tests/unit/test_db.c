/* The db layer: binds, rows as JSON, transactions that roll back whole. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "db/schema_upgrade.h"
#include "testdb.h"
#include "lib/util.h"
#include "core/workdays.h"

static void rows_come_back_as_json(void **state)
{
	(void)state;
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES (?, ?)", "tt", "k1", "v1");
	db_exec("INSERT INTO closure_days(day, label) VALUES (?, ?)", "tt", "2026-12-25", "Christmas");
	assert_int_equal(db_commit(), 0);
	json_t *row = db_row("SELECT key, value, 42 AS n, NULL AS z FROM settings WHERE key = ?", "t", "k1");
	assert_non_null(row);
	assert_string_equal(json_string_value(json_object_get(row, "value")), "v1");
	assert_int_equal(json_integer_value(json_object_get(row, "n")), 42);
	assert_true(json_is_null(json_object_get(row, "z")));
	json_decref(row);
	json_t *rows = db_rows("SELECT day FROM closure_days", "");
	assert_int_equal(json_array_size(rows), 1);
	json_decref(rows);
	assert_null(db_row("SELECT key FROM settings WHERE key = ?", "t", "missing"));
}

static void scalars_and_defaults(void **state)
{
	(void)state;
	assert_int_equal(db_int(-7, "SELECT value FROM settings WHERE key = ?", "t", "nope"), -7);
	assert_int_equal(db_int(0, "SELECT ? + ?", "iI", 2, (int64_t)40), 42);
	char *t = db_text("SELECT value FROM settings WHERE key = 'school_name'", "");
	assert_string_equal(t, "Our school");
	free(t);
	assert_null(db_text("SELECT NULL", ""));
}

static void failed_statement_rolls_back_the_whole_transaction(void **state)
{
	(void)state;
	int64_t before = db_int(0, "SELECT count(*) FROM closure_days", "");
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO closure_days(day, label) VALUES ('2027-01-02', 'a')", "");
	/* violates the CHECK on day */
	assert_int_equal(db_exec("INSERT INTO closure_days(day, label) VALUES ('not a day', 'b')", ""), -1);
	assert_true(db_failed());
	assert_int_equal(db_commit(), -1);
	assert_int_equal(db_int(0, "SELECT count(*) FROM closure_days", ""), before);
}

static void foreign_keys_are_enforced(void **state)
{
	(void)state;
	assert_int_equal(db_begin(), 0);
	assert_int_equal(db_exec("INSERT INTO user_roles(user_id, role) VALUES (999, 'staff')", ""), -1);
	db_rollback();
}

static void pragmas_are_set(void **state)
{
	(void)state;
	char *mode = db_text("PRAGMA journal_mode", "");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(db_int(0, "PRAGMA foreign_keys", ""), 1);
	assert_int_equal(db_int(0, "PRAGMA synchronous", ""), 1); /* NORMAL: db_commit() syncs the WAL itself */
	assert_int_equal(db_schema_version(), 1);
}

static void init_twice_changes_nothing(void **state)
{
	(void)state;
	int64_t n = db_int(0, "SELECT count(*) FROM routing", "");
	assert_int_equal(db_init_schema("schema.sql"), 0);
	assert_int_equal(db_int(0, "SELECT count(*) FROM routing", ""), n);
}

static void blobs_round_trip(void **state)
{
	(void)state;
	const unsigned char bytes[] = { 0, 1, 2, 255 };
	json_t *row = db_row("SELECT length(?) AS n", "b", bytes, sizeof bytes);
	assert_int_equal(json_integer_value(json_object_get(row, "n")), 4);
	json_decref(row);
}

/* The closure days read once answer as the table does, and so give the same deadlines. */
static void closure_set_agrees_with_the_table(void **state)
{
	(void)state;
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO closure_days(day, label) VALUES ('2026-11-23', 'INSET'), ('2026-11-24', 'INSET'), "
		"('2027-01-04', 'INSET')", "");
	assert_int_equal(db_commit(), 0);
	struct closure_set set;
	closure_set_load(&set);
	const char *days[] = { "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-12-25", "2027-01-04",
			       "2027-01-05", "2000-01-01" };
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
		assert_int_equal(closure_day_in(days[i], &set), closure_day_db(days[i], NULL));
	time_t fri;
	assert_int_equal(parse_iso_time("2026-11-20T09:00:00Z", &fri), 0);
	assert_int_equal(monitoring_due(fri, closure_day_in, &set), monitoring_due(fri, closure_day_db, NULL));
	char due[ISO_LEN];
	iso_time(monitoring_due(fri, closure_day_in, &set), due);
	assert_string_equal(due, "2026-11-25T23:59:59Z");
	closure_set_free(&set);
	struct closure_set none = { NULL, 0 };
	assert_int_equal(closure_day_in("2026-11-23", &none), 0);
}

/* schema.sql's later parts: applied to a version 1 database, once. */
static void schema_upgrade_applies_each_part_once(void **state)
{
	(void)state;
	assert_int_equal(db_schema_version(), 1);
	assert_int_equal(schema_upgrade("schema.sql"), SCHEMA_VERSION - 1);
	assert_int_equal(db_schema_version(), SCHEMA_VERSION);
	assert_int_equal(schema_upgrade("schema.sql"), 0);
	assert_int_equal(schema_upgrade("/nonexistent/schema.sql"), 0); /* nothing to do: not read */
	assert_int_equal(db_int(0, "SELECT count(*) FROM awaiting_signature", ""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_come_back_as_json),
		cmocka_unit_test(scalars_and_defaults),
		cmocka_unit_test(failed_statement_rolls_back_the_whole_transaction),
		cmocka_unit_test(foreign_keys_are_enforced),
		cmocka_unit_test(pragmas_are_set),
		cmocka_unit_test(init_twice_changes_nothing),
		cmocka_unit_test(blobs_round_trip),
		cmocka_unit_test(closure_set_agrees_with_the_table),
		cmocka_unit_test(schema_upgrade_applies_each_part_once),
	};
	return cmocka_run_group_tests(tests, testdb_open, testdb_close);
}
