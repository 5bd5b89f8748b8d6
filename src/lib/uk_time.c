/* UK time in words (see uk_time.h).  The C library does the time zone
 * arithmetic from the Europe/London zone, read once at start-up. */
#define _GNU_SOURCE
#include "lib/uk_time.h"
#include "lib/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The UK rule in POSIX form, for a machine without the zone file. */
static const char UK_RULE[] = "GMT0BST,M3.5.0/1,M10.5.0";

/* Raised whenever the zone is loaded: the threads' cached offsets are then
 * stale.  From 1, so that a kept day of generation 0 is an empty slot. */
static _Atomic unsigned zone_generation = 1;

void uk_time_init(void)
{
	setenv("TZ", "Europe/London", 1);
	tzset();
	zone_generation++;
	/* A missing zone file leaves the C library on UTC without a word:
	 * midsummer then shows no hour of summer time. */
	struct tm tm = { .tm_year = 126, .tm_mon = 6, .tm_mday = 1, .tm_hour = 12 };
	time_t summer = timegm(&tm);
	if (!localtime_r(&summer, &tm) || tm.tm_gmtoff != 3600) {
		setenv("TZ", UK_RULE, 1);
		tzset();
		zone_generation++;
	}
}

/* localtime_r takes the C library's zone lock and re-reads TZ on every
 * call, the most of a page that shows a few dates.  The UK offset changes
 * at most once a UTC day (at 01:00), so each thread keeps, for the last
 * days it converted, the offset when it held all day, and converts by
 * gmtime_r.  A page's dates and today's, and the days either side that
 * uk_time_to_utc looks at, fit in the table. */
enum { DAYS_KEPT = 32 };
struct day_offset {
	long day;            /* UTC days since 1970 */
	unsigned generation; /* of the zone it was read from; 0: nothing kept */
	int mixed;           /* the offset changes during the day */
	struct tm start;     /* the day's first second, local */
};

static struct tm *uk_local(const time_t *when, struct tm *tm)
{
	static __thread struct day_offset kept[DAYS_KEPT];
	time_t t = *when;
	if (t < 0)
		return localtime_r(&t, tm);
	long day = (long)(t / 86400);
	struct day_offset *k = &kept[day % DAYS_KEPT];
	if (k->day != day || k->generation != zone_generation) {
		time_t first = (time_t)day * 86400, last = first + 86399;
		struct tm end;
		k->generation = 0;
		if (!localtime_r(&first, &k->start) || !localtime_r(&last, &end))
			return localtime_r(&t, tm);
		k->day = day;
		k->generation = zone_generation;
		k->mixed = end.tm_gmtoff != k->start.tm_gmtoff;
	}
	if (k->mixed)
		return localtime_r(&t, tm);
	time_t shifted = t + k->start.tm_gmtoff;
	if (!gmtime_r(&shifted, tm))
		return NULL;
	tm->tm_isdst = k->start.tm_isdst;
	tm->tm_gmtoff = k->start.tm_gmtoff;
	tm->tm_zone = k->start.tm_zone;
	return tm;
}

static const char *const MONTHS[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* A date alone ("2026-12-01"), or an ISO time as UK local time.  The date is
 * in *day (year, month, day); *timed says whether there is a time too. */
static int read_value(const char *iso, struct tm *day, time_t *t, int *timed)
{
	int y, m, d;
	memset(day, 0, sizeof *day);
	if (!iso)
		return -1;
	if (strlen(iso) == 10 && parse_date(iso, &y, &m, &d) == 0) {
		day->tm_year = y - 1900;
		day->tm_mon = m - 1;
		day->tm_mday = d;
		*timed = 0;
		return 0;
	}
	if (parse_iso_time(iso, t) != 0 || !uk_local(t, day))
		return -1;
	*timed = 1;
	return 0;
}

/* Appends N as decimal digits (at least WIDTH of them) at P. */
static char *put_number(char *p, int n, int width)
{
	char digits[12];
	int len = 0;
	unsigned u = n < 0 ? 0U : (unsigned)n;
	do
		digits[len++] = (char)('0' + u % 10);
	while ((u /= 10) != 0 && len < (int)sizeof digits);
	while (len < width && len < (int)sizeof digits)
		digits[len++] = '0';
	while (len > 0)
		*p++ = digits[--len];
	return p;
}

/* "1 Dec 2026" or "1 Dec 2026, 20:01": written by hand because snprintf
 * was a tenth of a page with a handful of dates. */
static void put_words(const struct tm *tm, int timed, char *out, size_t size)
{
	char text[48], *p = put_number(text, tm->tm_mday, 1);
	*p++ = ' ';
	memcpy(p, MONTHS[tm->tm_mon], 3);
	p += 3;
	*p++ = ' ';
	p = put_number(p, tm->tm_year + 1900, 1);
	if (timed) {
		*p++ = ',';
		*p++ = ' ';
		p = put_number(p, tm->tm_hour, 2);
		*p++ = ':';
		p = put_number(p, tm->tm_min, 2);
	}
	*p = 0;
	copy_str(out, size, text);
}

/* A month alone, "2026-12", as "December 2026": 0, or -1 when iso is not one. */
static int month_words(const char *iso, char *out, size_t size)
{
	if (!iso || strlen(iso) != 7 || iso[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && !isdigit((unsigned char)iso[i]))
			return -1;
	const char *name = month_name((iso[5] - '0') * 10 + (iso[6] - '0'));
	if (!*name)
		return -1;
	snprintf(out, size, "%s %.4s", name, iso);
	return 0;
}

int uk_time_words(const char *iso, char *out, size_t size)
{
	struct tm tm;
	time_t t;
	int timed;
	if (month_words(iso, out, size) == 0)
		return 0;
	if (read_value(iso, &tm, &t, &timed) != 0 || tm.tm_mon < 0 || tm.tm_mon > 11) {
		copy_str(out, size, iso ? iso : "");
		return -1;
	}
	put_words(&tm, timed, out, size);
	return 0;
}

/* Days since 1970-01-01 of a calendar date, for counting calendar days. */
static long day_number(const struct tm *tm)
{
	return days_from_civil(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);
}

int uk_due_words(const char *iso, time_t at, char *out, size_t size)
{
	struct tm due, today;
	time_t t;
	int timed;
	if (read_value(iso, &due, &t, &timed) != 0 || !uk_local(&at, &today)) {
		copy_str(out, size, "");
		return -1;
	}
	long days = day_number(&due) - day_number(&today);
	if (days > 1)
		snprintf(out, size, "due in %ld days", days);
	else if (days == 1)
		copy_str(out, size, "due tomorrow");
	else if (days == 0)
		copy_str(out, size, timed && t < at ? "overdue" : "due today");
	else
		snprintf(out, size, "%ld day%s overdue", -days, days == -1 ? "" : "s");
	return 0;
}

void uk_deadline_words(const char *iso, time_t at, char *out, size_t size)
{
	char when[64], due[32];
	if (uk_time_words(iso, when, sizeof when) != 0 ||
	    uk_due_words(iso, at, due, sizeof due) != 0) {
		copy_str(out, size, iso ? iso : "");
		return;
	}
	snprintf(out, size, "%s \xc2\xb7 %s", when, due);
}

static long offset_at(time_t t)
{
	struct tm tm;
	return uk_local(&t, &tm) ? tm.tm_gmtoff : 0;
}

int uk_time_to_utc(const char *local, char out[24])
{
	time_t t;
	if (!local || parse_iso_time(local, &t) != 0)
		return -1;
	if (local[strlen(local) - 1] != 'Z') {
		/* The offsets in force a day either side; the larger (summer)
		 * one first, kept when the clock really read so then. */
		long a = offset_at(t - 86400), b = offset_at(t + 86400);
		long hi = a > b ? a : b, lo = a > b ? b : a;
		t -= offset_at(t - hi) == hi ? hi : lo;
	}
	iso_time(t, out);
	return 0;
}

static int uk_time_as(const char *iso, const char *format, char out[17])
{
	time_t t;
	struct tm tm;
	if (!iso || parse_iso_time(iso, &t) != 0 || !uk_local(&t, &tm)) {
		out[0] = 0;
		return -1;
	}
	strftime(out, 17, format, &tm);
	return 0;
}

int uk_time_for_field(const char *iso, char out[17])
{
	return uk_time_as(iso, "%Y-%m-%dT%H:%M", out);
}

int uk_time_for_sheet(const char *iso, char out[17])
{
	return uk_time_as(iso, "%Y-%m-%d %H:%M", out);
}

long uk_day_number(time_t t)
{
	struct tm tm;
	if (!uk_local(&t, &tm))
		return (long)(t / 86400);
	return day_number(&tm);
}

void uk_today(char out[11])
{
	time_t t = now();
	struct tm tm;
	if (!uk_local(&t, &tm) || tm.tm_year + 1900 > 9999) {
		iso_date(t, out);
		return;
	}
	char *p = put_number(out, tm.tm_year + 1900, 4);
	*p++ = '-';
	p = put_number(p, tm.tm_mon + 1, 2);
	*p++ = '-';
	p = put_number(p, tm.tm_mday, 2);
	*p = 0;
}

/* mktime reads the fields as UK time; 23:59:59 is never in an hour the
 * clocks skip or repeat (they change at 01:00 UTC), so it is one instant. */
time_t uk_day_end(long day)
{
	time_t noon = (time_t)day * 86400 + 12 * 3600;
	struct tm tm;
	gmtime_r(&noon, &tm);
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	tm.tm_isdst = -1;
	return mktime(&tm);
}
