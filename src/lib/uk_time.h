/* Times as a UK school reads them: Europe/London (GMT in winter, British
 * Summer Time in summer), in words.  The database, JSON and the datetime
 * attribute of <time> keep ISO-8601 UTC; only what a person reads is
 * converted, here and nowhere else. */
#ifndef STAFFROOM_UK_TIME_H
#define STAFFROOM_UK_TIME_H

#include <stddef.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Loads the Europe/London zone into the C library (TZ and tzset).  Called
 * once at start-up, before any thread and before the sandbox: the zone file
 * cannot be read afterwards.  Without the file the UK rule itself is used
 * (last Sunday of March to last Sunday of October, changing at 01:00 UTC). */
void uk_time_init(void);

/* "2026-12-01T20:01:21Z" as "1 Dec 2026, 20:01" (UK time), "2026-12-01" as
 * "1 Dec 2026", a month alone, "2026-12", as "December 2026".  Anything else
 * is copied unchanged and -1 returned. */
int uk_time_words(const char *iso, char *out, size_t size);

/* How far a deadline is from `at`, in UK calendar days: "due today", "due
 * tomorrow", "due in 3 days", "overdue" (earlier today), "1 day overdue",
 * "2 days overdue".  A date alone is due by the end of that day.  Empty
 * and -1 when `iso` is neither a time nor a date. */
int uk_due_words(const char *iso, time_t at, char *out, size_t size);

/* Both: "1 Dec 2026, 23:59 · due tomorrow"; the input unchanged when it is
 * neither a time nor a date. */
void uk_deadline_words(const char *iso, time_t at, char *out, size_t size);

/* A time typed in UK local time ("2026-07-01T14:00", as a datetime-local
 * field sends it) as ISO-8601 UTC; a value ending in Z is taken as UTC.
 * In the hour the clocks go back, the earlier (summer) reading is meant;
 * a time in the hour skipped in spring is read as winter time. */
int uk_time_to_utc(const char *local, char out[24]);

/* A UTC time as a datetime-local field shows it: "2026-07-01T14:00". */
int uk_time_for_field(const char *iso, char out[17]);

/* A UTC time in UK time as a spreadsheet reads a date and time from a CSV
 * cell: "2026-07-01 14:00".  Empty and -1 when `iso` is not a time. */
int uk_time_for_sheet(const char *iso, char out[17]);

/* The UK calendar day t falls on, as days since 1970-01-01 (a report at
 * 23:30 on a summer Friday, 22:30 UTC, is on the Friday). */
long uk_day_number(time_t t);

/* The last second of UK calendar day `day` (a uk_day_number) as a UTC
 * time: 23:59:59 in UK time, which is 22:59:59 UTC in summer. */
time_t uk_day_end(long day);

/* Today's date where the school is, "2026-07-17" (at 23:30 BST on the
 * 17th, UTC is still the 17th at 22:30; at 00:30 BST on the 18th it is the
 * 18th though UTC says the 17th), from the test-adjustable clock. */
void uk_today(char out[11]);

#ifdef __cplusplus
}
#endif

#endif
