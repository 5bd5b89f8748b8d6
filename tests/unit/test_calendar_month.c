/* One calendar month after a date (the subject access time limit). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/calendar_month.h"

static void assert_month(const char *from, const char *expect)
{
	char out[11];
	assert_int_equal(month_after(from, out), 0);
	assert_string_equal(out, expect);
}

static void the_same_date_next_month(void **state)
{
	(void)state;
	assert_month("2026-11-20", "2026-12-20");
	assert_month("2026-12-18", "2027-01-18");
	assert_month("2027-01-01", "2027-02-01");
}

static void no_such_date_is_the_last_day(void **state)
{
	(void)state;
	assert_month("2027-01-31", "2027-02-28");
	assert_month("2028-01-31", "2028-02-29");
	assert_month("2028-01-30", "2028-02-29");
	assert_month("2100-01-29", "2100-02-28");
	assert_month("2000-01-30", "2000-02-29");
	assert_month("2026-03-31", "2026-04-30");
	assert_month("2026-08-31", "2026-09-30");
	assert_month("2026-02-28", "2026-03-28");
}

static void bad_dates_are_refused(void **state)
{
	(void)state;
	char out[11];
	assert_int_equal(month_after("2026-02-30", out), -1);
	assert_int_equal(month_after("2026-13-01", out), -1);
	assert_int_equal(month_after("2026-01-01x", out), -1);
	assert_int_equal(month_after("9999-12-01", out), -1);
	assert_int_equal(month_after(NULL, out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_same_date_next_month),
		cmocka_unit_test(no_such_date_is_the_last_day),
		cmocka_unit_test(bad_dates_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
