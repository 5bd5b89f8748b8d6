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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_seconds_part_cut_short_is_refused_without_overreading),
		cmocka_unit_test(whole_times_still_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
