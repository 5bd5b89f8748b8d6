/* One calendar month after a date (the subject access time limit). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/calendar_month.h"

static void assert_gives(int (*deadline)(const char *, char[11]), const char *from,
			 const char *expect)
{
	char out[11];
	assert_int_equal(deadline(from, out), 0);
	assert_string_equal(out, expect);
}

static void assert_month(const char *from, const char *expect)
{
	assert_gives(month_after, from, expect);
}

static void assert_due(const char *from, const char *expect)
{
	assert_gives(month_after_due, from, expect);
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

/* The ICO: a date on a weekend gives until the next working day. */
static void a_weekend_moves_to_the_monday(void **state)
{
	(void)state;
	assert_due("2026-09-10", "2026-10-12"); /* Saturday 10 October */
	assert_due("2026-11-20", "2026-12-21"); /* Sunday 20 December */
	assert_due("2026-01-31", "2026-03-02"); /* Saturday 28 February, into March */
	assert_due("2026-11-30", "2026-12-30"); /* a Wednesday stays */
	assert_due("2026-12-18", "2027-01-18"); /* a Monday stays, closed or not */
	assert_due("2026-09-09", "2026-10-09"); /* a Friday stays */
	char out[11];
	assert_int_equal(month_after_due("2026-02-30", out), -1);
	assert_int_equal(month_after_due(NULL, out), -1);
}

/* No list of bank holidays is kept: Christmas Day and Easter Monday stay. */
static void a_public_holiday_stays(void **state)
{
	(void)state;
	assert_due("2026-11-25", "2026-12-25"); /* Friday, Christmas Day */
	assert_due("2027-02-28", "2027-03-29"); /* Sunday 28 March to Easter Monday */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_same_date_next_month),
		cmocka_unit_test(no_such_date_is_the_last_day),
		cmocka_unit_test(bad_dates_are_refused),
		cmocka_unit_test(a_weekend_moves_to_the_monday),
		cmocka_unit_test(a_public_holiday_stays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
