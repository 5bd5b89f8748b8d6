/* Regressions found by fuzzing (tests/fuzz/regress/): parse_iso_time read
 * past the end of "YYYY-MM-DDTHH:MM:" when the seconds were missing or not
 * digits.  Each input is copied to a buffer of exactly its length, so the
 * sanitizer build catches any read beyond it. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"

static int parse_exact(const char *text, time_t *t)
{
	char *copy = xstrdup(text);   /* heap, exactly strlen + 1 bytes */
	int rc = parse_iso_time(copy, t);
	free(copy);
	return rc;
}

static void a_seconds_part_cut_short_is_refused_without_overreading(void **state)
{
	(void)state;
	time_t t;
	static const char *const bad[] = { "2029-11-20T10:00:", "2029-11-20T10:kl:", "2029-11-20T10:00:5",
					   "2029-11-20T10:00:x", "2029-11-20T10:00:5Z", "2029-11-20T10:00:60" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(parse_exact(bad[i], &t), -1);
}

static void whole_times_still_parse(void **state)
{
	(void)state;
	time_t t;
	assert_int_equal(parse_exact("2029-11-20T10:00", &t), 0);
	assert_int_equal(parse_exact("2029-11-20T10:00:59Z", &t), 0);
	assert_int_equal((long long)t, 1889863259LL);
}

/* The arithmetic agrees with timegm on every day from 1900 to 2400 (leap
 * centuries included) and at times through the day. */
static void days_and_times_agree_with_timegm(void **state)
{
	(void)state;
	struct tm tm = { .tm_year = 0, .tm_mon = 0, .tm_mday = 1 };
	for (time_t day = timegm(&tm); day < 13569465600; day += 86400) {
		struct tm d;
		gmtime_r(&day, &d);
		assert_int_equal(days_from_civil(d.tm_year + 1900, d.tm_mon + 1, d.tm_mday) * 86400L,
				 (long)day);
		char iso[ISO_LEN];
		time_t at = day + (day / 86400 % 86400 + 86400) % 86400, parsed;
		iso_time(at, iso);
		assert_int_equal(parse_iso_time(iso, &parsed), 0);
		assert_int_equal((long)parsed, (long)at);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_seconds_part_cut_short_is_refused_without_overreading),
		cmocka_unit_test(whole_times_still_parse),
		cmocka_unit_test(days_and_times_agree_with_timegm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
