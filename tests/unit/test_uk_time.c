/* UK time in words: summer and winter, the two clock-change days, dates
 * alone, deadlines in UK calendar days, typed UK times read back as UTC;
 * and the same from the UK rule when the zone file is missing. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy_status.h"
#include "lib/uk_time.h"
#include "lib/util.h"

static void assert_words(const char *iso, const char *expect)
{
	char out[64];
	assert_int_equal(uk_time_words(iso, out, sizeof out), 0);
	assert_string_equal(out, expect);
}

static time_t at(const char *iso)
{
	time_t t;
	assert_int_equal(parse_iso_time(iso, &t), 0);
	return t;
}

static void assert_due(const char *iso, const char *now_iso, const char *expect)
{
	char out[64];
	assert_int_equal(uk_due_words(iso, at(now_iso), out, sizeof out), 0);
	assert_string_equal(out, expect);
}

static void assert_utc(const char *local, const char *expect)
{
	char out[24];
	assert_int_equal(uk_time_to_utc(local, out), 0);
	assert_string_equal(out, expect);
}

static void summer_and_winter(void **state)
{
	(void)state;
	assert_words("2026-07-01T13:00:00Z", "1 Jul 2026, 14:00");
	assert_words("2026-12-01T20:01:21Z", "1 Dec 2026, 20:01");
	assert_words("2027-01-09T00:05:00Z", "9 Jan 2027, 00:05");
	/* Midnight in summer is still the day before in UTC. */
	assert_words("2026-08-31T23:30:00Z", "1 Sep 2026, 00:30");
}

/* The clocks go forward at 01:00 UTC on the last Sunday of March and back
 * at 01:00 UTC on the last Sunday of October. */
static void clock_change_days(void **state)
{
	(void)state;
	assert_words("2026-03-29T00:30:00Z", "29 Mar 2026, 00:30");
	assert_words("2026-03-29T01:30:00Z", "29 Mar 2026, 02:30");
	assert_words("2026-10-25T00:30:00Z", "25 Oct 2026, 01:30");
	assert_words("2026-10-25T01:30:00Z", "25 Oct 2026, 01:30");
	assert_words("2027-03-28T00:30:00Z", "28 Mar 2027, 00:30");
	assert_words("2027-03-28T01:30:00Z", "28 Mar 2027, 02:30");
	assert_words("2027-10-31T00:30:00Z", "31 Oct 2027, 01:30");
	assert_words("2027-10-31T01:30:00Z", "31 Oct 2027, 01:30");
}

static void dates_alone_and_other_text(void **state)
{
	(void)state;
	char out[64];
	assert_words("2026-12-01", "1 Dec 2026");
	assert_words("2027-06-30", "30 Jun 2027");
	assert_words("2026-12", "December 2026");
	assert_words("2027-01", "January 2027");
	assert_int_equal(uk_time_words("2026-13", out, sizeof out), -1);
	assert_string_equal(out, "2026-13");
	assert_int_equal(uk_time_words("2026-1x", out, sizeof out), -1);
	assert_int_equal(uk_time_words("soon", out, sizeof out), -1);
	assert_string_equal(out, "soon");
	assert_int_equal(uk_time_words("2026-02-30", out, sizeof out), -1);
	assert_int_equal(uk_time_words(NULL, out, sizeof out), -1);
	assert_string_equal(out, "");
	assert_int_equal(uk_due_words("never", at("2026-12-01T10:00:00Z"), out, sizeof out), -1);
	assert_string_equal(out, "");
}

static void deadlines_in_words(void **state)
{
	(void)state;
	const char *now = "2026-12-01T10:00:00Z";
	assert_due("2026-12-01T23:59:59Z", now, "due today");
	assert_due("2026-12-01", now, "due today");
	assert_due("2026-12-02T23:59:59Z", now, "due tomorrow");
	assert_due("2026-12-04", now, "due in 3 days");
	assert_due("2026-12-01T09:00:00Z", now, "overdue");
	assert_due("2026-11-30T23:59:59Z", now, "1 day overdue");
	assert_due("2026-11-29", now, "2 days overdue");
	/* UK calendar days: 00:30 on 2 July in the UK is still 1 July in UTC. */
	assert_due("2026-07-02T12:00:00Z", "2026-07-01T23:30:00Z", "due today");
	assert_due("2026-07-01T12:00:00Z", "2026-07-01T23:30:00Z", "1 day overdue");
	char out[64];
	uk_deadline_words("2026-12-02T23:59:59Z", at(now), out, sizeof out);
	assert_string_equal(out, "2 Dec 2026, 23:59 \xc2\xb7 due tomorrow");
	uk_deadline_words("later", at(now), out, sizeof out);
	assert_string_equal(out, "later");
}

static void typed_times_read_as_uk_time(void **state)
{
	(void)state;
	assert_utc("2026-07-15T14:00", "2026-07-15T13:00:00Z");
	assert_utc("2026-01-15T14:00", "2026-01-15T14:00:00Z");
	assert_utc("2026-07-15T13:00:00Z", "2026-07-15T13:00:00Z");
	/* 01:30 happens twice on 25 October: the first, summer, one is meant. */
	assert_utc("2026-10-25T01:30", "2026-10-25T00:30:00Z");
	assert_utc("2026-10-25T02:30", "2026-10-25T02:30:00Z");
	/* 01:30 never happens on 29 March: read as winter time. */
	assert_utc("2026-03-29T01:30", "2026-03-29T01:30:00Z");
	assert_utc("2026-03-29T02:30", "2026-03-29T01:30:00Z");
	char out[24], field[17];
	assert_int_equal(uk_time_to_utc("yesterday", out), -1);
	assert_int_equal(uk_time_for_field("2026-07-15T13:00:00Z", field), 0);
	assert_string_equal(field, "2026-07-15T14:00");
	assert_int_equal(uk_time_for_field("2026-12-15T13:00:00Z", field), 0);
	assert_string_equal(field, "2026-12-15T13:00");
	assert_int_equal(uk_time_for_sheet("2026-07-10T15:00:00Z", field), 0);
	assert_string_equal(field, "2026-07-10 16:00");
	assert_int_equal(uk_time_for_sheet("not a time", field), -1);
	assert_string_equal(field, "");
}

/* The UK calendar day and its last second, either side of midnight UTC. */
static void uk_days_and_their_ends(void **state)
{
	(void)state;
	char out[ISO_LEN];
	long fri = uk_day_number(at("2026-07-17T12:00:00Z"));
	assert_int_equal(uk_day_number(at("2026-07-17T22:30:00Z")), fri);
	assert_int_equal(uk_day_number(at("2026-07-17T23:30:00Z")), fri + 1);
	assert_int_equal(uk_day_number(at("2026-12-17T23:30:00Z")),
			 uk_day_number(at("2026-12-17T00:00:00Z")));
	iso_time(uk_day_end(fri), out);
	assert_string_equal(out, "2026-07-17T22:59:59Z");
	iso_time(uk_day_end(uk_day_number(at("2026-12-17T12:00:00Z"))), out);
	assert_string_equal(out, "2026-12-17T23:59:59Z");
	/* The days the clocks change: the end is in the new time. */
	iso_time(uk_day_end(uk_day_number(at("2026-03-29T12:00:00Z"))), out);
	assert_string_equal(out, "2026-03-29T22:59:59Z");
	iso_time(uk_day_end(uk_day_number(at("2026-10-25T12:00:00Z"))), out);
	assert_string_equal(out, "2026-10-25T23:59:59Z");
}

/* Today's UK date, with the clock set as the tests set it. */
static void assert_today(const char *utc, const char *expect)
{
	char out[11], policy_day[11];
	setenv("STAFFROOM_TEST_NOW", utc, 1);
	clock_init();
	uk_today(out);
	today(policy_day); /* the date policies, training and checks are dated by */
	assert_string_equal(policy_day, out);
	unsetenv("STAFFROOM_TEST_NOW");
	clock_init();
	assert_string_equal(out, expect);
}

static void today_is_the_uk_date(void **state)
{
	(void)state;
	assert_today("2026-07-17T22:30:00Z", "2026-07-17"); /* 23:30 BST */
	assert_today("2026-07-17T23:30:00Z", "2026-07-18"); /* 00:30 BST the next day */
	assert_today("2026-12-17T23:30:00Z", "2026-12-17"); /* GMT: the same as UTC */
}

/* The words agree with the C library's own conversion at every hour and
 * minute of two years, clock changes included, visited in order and then
 * hopping back and forth between days (the per-day offsets are cached). */
static void words_agree_with_localtime(void **state)
{
	(void)state;
	time_t from = at("2026-01-01T00:00:00Z"), span = 2 * 366 * 86400;
	for (long i = 0; i < 2 * 366 * 86400 / 3541; i++) {
		time_t t = i % 2 ? from + i * 3541 : from + (span - i * 3541 * 37 % span);
		char iso[ISO_LEN], got[64], expect[64];
		struct tm tm;
		iso_time(t, iso);
		assert_non_null(localtime_r(&t, &tm));
		strftime(expect, sizeof expect, "%-d %b %Y, %H:%M", &tm);
		assert_int_equal(uk_time_words(iso, got, sizeof got), 0);
		assert_string_equal(got, expect);
	}
}

/* Without the zone file (TZDIR pointing nowhere) the UK rule is used. */
static int without_zone_file(void **state)
{
	(void)state;
	setenv("TZDIR", "/nonexistent", 1);
	uk_time_init();
	const char *tz = getenv("TZ");
	return tz && strcmp(tz, "GMT0BST,M3.5.0/1,M10.5.0") == 0 ? 0 : -1; /* the rule took over */
}

static int with_zone_file(void **state)
{
	(void)state;
	unsetenv("TZDIR");
	uk_time_init();
	const char *tz = getenv("TZ");
	return tz && strcmp(tz, "Europe/London") == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summer_and_winter),
		cmocka_unit_test(clock_change_days),
		cmocka_unit_test(dates_alone_and_other_text),
		cmocka_unit_test(deadlines_in_words),
		cmocka_unit_test(typed_times_read_as_uk_time),
		cmocka_unit_test(uk_days_and_their_ends),
		cmocka_unit_test(today_is_the_uk_date),
		cmocka_unit_test(words_agree_with_localtime),
	};
	int failed = cmocka_run_group_tests_name("without the zone file", tests, without_zone_file,
						 NULL);
	return failed + cmocka_run_group_tests_name("with the zone file", tests, with_zone_file,
						    NULL);
}
