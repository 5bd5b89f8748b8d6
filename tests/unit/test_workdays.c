/* Working-day deadlines: weekends and closure days are skipped. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/uk_time.h"
#include "lib/util.h"
#include "core/workdays.h"

static int closed_on(const char *date, void *cls)
{
	const char *const *days = cls;
	for (; days && *days; days++)
		if (strcmp(*days, date) == 0)
			return 1;
	return 0;
}

static time_t at(const char *iso)
{
	time_t t;
	assert_int_equal(parse_iso_time(iso, &t), 0);
	return t;
}

static void assert_when(time_t t, const char *expect)
{
	char buf[ISO_LEN];
	iso_time(t, buf);
	assert_string_equal(buf, expect);
}

static void next_working_day_skips_the_weekend(void **state)
{
	(void)state;
	/* 2026-11-20 is a Friday */
	assert_when(workday_deadline(at("2026-11-20T10:00:00Z"), 1, NULL, NULL), "2026-11-23T23:59:59Z");
	assert_when(workday_deadline(at("2026-11-21T10:00:00Z"), 1, NULL, NULL), "2026-11-23T23:59:59Z");
	assert_when(workday_deadline(at("2026-11-23T10:00:00Z"), 1, NULL, NULL), "2026-11-24T23:59:59Z");
}

static void same_day_when_urgent(void **state)
{
	(void)state;
	assert_when(workday_deadline(at("2026-11-20T10:00:00Z"), 0, NULL, NULL), "2026-11-20T23:59:59Z");
	assert_when(workday_deadline(at("2026-11-22T10:00:00Z"), 0, NULL, NULL), "2026-11-23T23:59:59Z");
}

static void closure_days_are_skipped(void **state)
{
	(void)state;
	const char *closed[] = { "2026-11-23", "2026-11-24", NULL };
	assert_when(workday_deadline(at("2026-11-20T10:00:00Z"), 1, closed_on, closed), "2026-11-25T23:59:59Z");
	assert_when(workday_deadline(at("2026-11-23T10:00:00Z"), 0, closed_on, closed), "2026-11-25T23:59:59Z");
	assert_false(is_working_day(at("2026-11-24T12:00:00Z"), closed_on, closed));
	assert_true(is_working_day(at("2026-11-25T12:00:00Z"), closed_on, closed));
}

static void monitoring_is_due_a_day_later_or_next_working_day(void **state)
{
	(void)state;
	/* Wednesday check: due Thursday same time */
	assert_when(monitoring_due(at("2026-11-18T09:00:00Z"), NULL, NULL), "2026-11-19T09:00:00Z");
	/* Friday check: 24 h later is Saturday, so the end of Monday */
	assert_when(monitoring_due(at("2026-11-20T09:00:00Z"), NULL, NULL), "2026-11-23T23:59:59Z");
	const char *closed[] = { "2026-11-23", NULL };
	assert_when(monitoring_due(at("2026-11-20T09:00:00Z"), closed_on, closed), "2026-11-24T23:59:59Z");
}

/* Days are UK days: in summer a deadline ends at 23:59:59 BST, 22:59:59 UTC,
 * and a report at 23:30 BST on a Friday (22:30 UTC) is a Friday report, a
 * report at 00:30 BST on a Saturday (23:30 UTC on Friday) a weekend one. */
static void summer_days_are_uk_days(void **state)
{
	(void)state;
	/* 2026-07-17 is a Friday */
	assert_when(workday_deadline(at("2026-07-17T22:30:00Z"), 1, NULL, NULL),
		    "2026-07-20T22:59:59Z");
	assert_when(workday_deadline(at("2026-07-17T22:30:00Z"), 0, NULL, NULL),
		    "2026-07-17T22:59:59Z");
	assert_when(workday_deadline(at("2026-07-17T23:30:00Z"), 0, NULL, NULL),
		    "2026-07-20T22:59:59Z");
	assert_false(is_working_day(at("2026-07-17T23:30:00Z"), NULL, NULL));
	assert_true(is_working_day(at("2026-07-19T23:30:00Z"), NULL, NULL));
	const char *closed[] = { "2026-07-20", NULL };
	assert_when(workday_deadline(at("2026-07-17T22:30:00Z"), 1, closed_on, closed),
		    "2026-07-21T22:59:59Z");
	/* The Friday before the clocks go back, Monday in winter time. */
	assert_when(workday_deadline(at("2026-10-23T12:00:00Z"), 1, NULL, NULL),
		    "2026-10-26T23:59:59Z");
}

static int in_span(time_t check, const struct overdue_span *s)
{
	return check < s->before || (s->from <= check && check < s->until);
}

/* The span agrees with monitoring_due for every check of the 40 days
 * before each moment: moments every 5 hours over seven weeks around the
 * clocks going back, a half-term week closed and a closed Monday, checks
 * every 20 minutes and on the seconds either side of each moment a day
 * before. */
static void overdue_span_is_the_rule_turned_round(void **state)
{
	(void)state;
	const char *closed[] = { "2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29",
				 "2026-10-30", "2026-11-09", NULL };
	size_t overdue = 0, not_overdue = 0;
	for (time_t now = at("2026-10-12T03:10:00Z"); now < at("2026-11-30T00:00:00Z");
	     now += 5 * 3600) {
		struct overdue_span s;
		monitoring_overdue_span(now, closed_on, closed, &s);
		time_t edges[] = { now - 86400 - 1, now - 86400, now - 86400 + 1 };
		for (size_t i = 0; i < 3; i++)
			assert_int_equal(in_span(edges[i], &s),
					 now > monitoring_due(edges[i], closed_on, closed));
		for (time_t c = now - 40 * 86400; c <= now; c += 1200) {
			int due = now > monitoring_due(c, closed_on, closed);
			if (in_span(c, &s) != due) {
				char a[ISO_LEN], b[ISO_LEN];
				iso_time(now, a);
				iso_time(c, b);
				fail_msg("now %s, check %s: the span says %d, the rule %d", a, b,
					 in_span(c, &s), due);
			}
			due ? overdue++ : not_overdue++;
		}
	}
	/* Both answers were met, many times over. */
	assert_true(overdue > 1000 && not_overdue > 1000);
}

static void dates_parse_strictly(void **state)
{
	(void)state;
	int y, m, d;
	time_t t;
	assert_int_equal(parse_date("2024-02-29", &y, &m, &d), 0);
	assert_int_equal(parse_date("2025-02-29", &y, &m, &d), -1);
	assert_int_equal(parse_date("2025-13-01", &y, &m, &d), -1);
	assert_int_equal(parse_iso_time("2026-11-20T09:30", &t), 0);
	assert_int_equal(parse_iso_time("2026-11-20T09:30:59Z", &t), 0);
	assert_int_equal(parse_iso_time("2026-11-20T24:00", &t), -1);
	assert_int_equal(parse_iso_time("2026-11-20T09:30Zjunk", &t), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(next_working_day_skips_the_weekend),
		cmocka_unit_test(same_day_when_urgent),
		cmocka_unit_test(closure_days_are_skipped),
		cmocka_unit_test(monitoring_is_due_a_day_later_or_next_working_day),
		cmocka_unit_test(summer_days_are_uk_days),
		cmocka_unit_test(dates_parse_strictly),
		cmocka_unit_test(overdue_span_is_the_rule_turned_round),
	};
	uk_time_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
