/* The case page's kept parses of event details: handed out again while the
 * stored text is the same, and gone once the concern's chronology is
 * deleted under the retention schedule. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "features/concerns/concern_internal.h"
#include "features/concerns/concerns.h"
#include "testdb.h"

/* Two events of concern 7 and one of concern 8; the concerns themselves
 * are not needed by what is tested, so foreign keys are off here. */
static int setup(void **state)
{
	if (testdb_open(state) != 0)
		return -1;
	return sqlite3_exec(db_handle(),
			    "PRAGMA foreign_keys=OFF;"
			    "INSERT INTO concern_events(id, concern_id, at, action, detail) VALUES "
			    "(11, 7, '2026-12-01T09:00:00Z', 'note', '{\"text\":\"first\"}'),"
			    "(12, 7, '2026-12-01T09:05:00Z', 'note', '{\"text\":\"second\"}'),"
			    "(21, 8, '2026-12-01T09:10:00Z', 'note', '{\"text\":\"other\"}')",
			    NULL, NULL, NULL) == SQLITE_OK
		       ? 0
		       : -1;
}

static void a_parse_is_handed_out_again(void **state)
{
	(void)state;
	json_t *a = concern_event_detail(11, "{\"text\":\"first\"}");
	json_t *b = concern_event_detail(11, "{\"text\":\"first\"}");
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_string_equal(json_string_value(json_object_get(a, "text")), "first");
	json_decref(a);
	json_decref(b);
}

static void other_text_is_parsed_anew(void **state)
{
	(void)state;
	json_t *a = concern_event_detail(12, "{\"text\":\"second\"}");
	json_t *b = concern_event_detail(12, "{\"text\":\"changed\"}");
	assert_ptr_not_equal(a, b);
	assert_string_equal(json_string_value(json_object_get(b, "text")), "changed");
	json_decref(a);
	json_decref(b);
}

/* Held across the forgetting, so that a freed object's address cannot be
 * given to the new parse and make the test pass by chance. */
static void a_deleted_concern_leaves_nothing_kept(void **state)
{
	(void)state;
	json_t *first = concern_event_detail(11, "{\"text\":\"first\"}");
	json_t *second = concern_event_detail(12, "{\"text\":\"second\"}");
	json_t *other = concern_event_detail(21, "{\"text\":\"other\"}");
	concern_details_forget(7);
	json_t *first_again = concern_event_detail(11, "{\"text\":\"first\"}");
	json_t *second_again = concern_event_detail(12, "{\"text\":\"second\"}");
	json_t *other_again = concern_event_detail(21, "{\"text\":\"other\"}");
	assert_ptr_not_equal(first, first_again);
	assert_ptr_not_equal(second, second_again);
	/* another concern's events are kept */
	assert_ptr_equal(other, other_again);
	json_t *all[] = { first, second, other, first_again, second_again, other_again };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		json_decref(all[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_parse_is_handed_out_again),
		cmocka_unit_test(other_text_is_parsed_anew),
		cmocka_unit_test(a_deleted_concern_leaves_nothing_kept),
	};
	return cmocka_run_group_tests(tests, setup, testdb_close);
}
