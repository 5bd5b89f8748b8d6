/* The audit chain: written in the caller's transaction, append-only,
 * and any edit to a row is found by verification. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"

static void write_three(void)
{
	db_begin();
	audit_as(0, "x@y.school", "127.0.0.1", "test.one", "obj1", "first");
	audit_as(0, "x@y.school", "127.0.0.1", "test.two", "obj2", "second");
	audit_as(0, "x@y.school", "127.0.0.1", "test.three", "obj3", "third");
	assert_int_equal(db_commit(), 0);
}

static void a_fresh_chain_verifies(void **state)
{
	(void)state;
	write_three();
	assert_int_equal(audit_verify(), 0);
	json_t *rows = db_rows("SELECT prev_hash, hash FROM audit ORDER BY id", "");
	assert_int_equal(json_array_size(rows), 4); /* the start row, then the three */
	/* each row names the one before it */
	assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 1), "prev_hash")),
			    json_string_value(json_object_get(json_array_get(rows, 0), "hash")));
	json_decref(rows);
}

static void rolled_back_work_leaves_no_row(void **state)
{
	(void)state;
	int64_t n = db_int(0, "SELECT count(*) FROM audit", "");
	db_begin();
	audit_as(0, "x@y.school", "", "test.rollback", "o", "d");
	db_rollback();
	assert_int_equal(db_int(0, "SELECT count(*) FROM audit", ""), n);
}

static void updates_and_deletes_are_refused(void **state)
{
	(void)state;
	db_begin();
	assert_int_equal(db_exec("UPDATE audit SET detail = 'changed' WHERE id = 1", ""), -1);
	db_rollback();
	db_begin();
	assert_int_equal(db_exec("DELETE FROM audit WHERE id = 1", ""), -1);
	db_rollback();
	assert_int_equal(audit_verify(), 0);
}

/* A row written before schema version 25 has no roles, outcome or reason
 * and was hashed without them: it still verifies among rows that have them,
 * and the two forms of the same row hash differently. */
static void rows_from_before_the_outcome_still_verify(void **state)
{
	(void)state;
	char *prev = db_text("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", "");
	char at[] = "2026-01-01T00:00:00Z", old_hash[65], new_hash[65];
	struct audit_row r = { 0, "x@y.school", "127.0.0.1", "", "test.old", "o", "before", "", "" };
	audit_chain_hash(prev, at, &r, old_hash);
	db_begin();
	db_exec("INSERT INTO audit(at, actor_id, actor, address, action, object, detail, prev_hash, "
		"hash) VALUES (?,?,?,?,?,?,?,?,?)",
		"tIttttttt", at, (int64_t)0, r.actor, r.address, r.action, r.object, r.detail, prev,
		old_hash);
	audit_as(0, "x@y.school", "127.0.0.1", "test.new", "o", "after");
	assert_int_equal(db_commit(), 0);
	assert_int_equal(audit_verify(), 0);
	char *outcome = db_text("SELECT outcome FROM audit ORDER BY id DESC LIMIT 1", "");
	assert_string_equal(outcome, "allowed");
	r.outcome = "allowed";
	audit_chain_hash(prev, at, &r, new_hash);
	assert_string_not_equal(old_hash, new_hash);
	free(outcome);
	free(prev);
}

static void tampering_is_found_at_the_right_row(void **state)
{
	(void)state;
	sqlite3 *db = db_handle();
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER audit_no_update; "
				      "UPDATE audit SET detail = 'forged' WHERE id = 2;", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(audit_verify(), 2);
}

static void a_plain_chain_without_the_key_is_refused(void **state)
{
	(void)state;
	/* Rows without a keyed start row: what rewriting the log without the key leaves. */
	sqlite3 *db = db_handle();
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER IF EXISTS audit_no_delete; DELETE FROM audit WHERE id = 1;", NULL,
				      NULL, NULL), SQLITE_OK);
	assert_true(audit_verify() != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_fresh_chain_verifies),
		cmocka_unit_test(rolled_back_work_leaves_no_row),
		cmocka_unit_test(updates_and_deletes_are_refused),
		cmocka_unit_test(rows_from_before_the_outcome_still_verify),
		cmocka_unit_test(tampering_is_found_at_the_right_row),
		cmocka_unit_test(a_plain_chain_without_the_key_is_refused),
	};
	return cmocka_run_group_tests(tests, testdb_open_keyed, testdb_close_keyed);
}
