#define _GNU_SOURCE
#include "core/workdays.h"
#include "db/db.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

/* Days are the school's: UK calendar days (lib/uk_time.h), numbered from
 * 1970-01-01, which was a Thursday. */
static int day_open(long day, closed_fn *closed, void *cls)
{
	long wday = ((day % 7) + 7 + 4) % 7;
	if (wday == 0 || wday == 6)
		return 0;
	char date[11];
	iso_date((time_t)day * DAY, date);
	return !(closed && closed(date, cls));
}

int is_working_day(time_t t, closed_fn *closed, void *cls)
{
	return day_open(uk_day_number(t), closed, cls);
}

time_t workday_deadline(time_t t, int n, closed_fn *closed, void *cls)
{
	long d = uk_day_number(t);
	if (n == 0) {
		/* A school year has at most a few hundred closed days in a row. */
		for (int i = 0; i < 400 && !day_open(d, closed, cls); i++)
			d++;
		return uk_day_end(d);
	}
	for (int counted = 0, i = 0; counted < n && i < 400 * n; i++) {
		d++;
		if (day_open(d, closed, cls))
			counted++;
	}
	return uk_day_end(d);
}

time_t monitoring_due(time_t last_check, closed_fn *closed, void *cls)
{
	time_t due = last_check + DAY;
	if (is_working_day(due, closed, cls))
		return due;
	return workday_deadline(due, 0, closed, cls);
}

/* A check c falls due at c + DAY when that is on a working day, else at
 * the end of the next working day.  Let R be the first of the closed days
 * just before today (today itself when yesterday was open; counted from
 * today when today is closed).  A check whose c + DAY is before R's start
 * fell due by the end of R - 1, an open day, so it is overdue; one whose
 * c + DAY is in R's run of closed days is due at the end of today or
 * later, so it is not; one whose c + DAY is today, an open day, before now
 * is overdue. */
void monitoring_overdue_span(time_t now, closed_fn *closed, void *cls, struct overdue_span *s)
{
	long today = uk_day_number(now), r = today;
	for (int i = 0; i < 400 && !day_open(r - 1, closed, cls); i++)
		r--;
	s->before = uk_day_end(r - 1) + 1 - DAY;
	if (day_open(today, closed, cls)) {
		s->from = uk_day_end(today - 1) + 1 - DAY;
		s->until = now - DAY;
	} else {
		s->from = s->until = s->before;
	}
}

int closure_day_db(const char *date, void *cls)
{
	(void)cls;
	return db_int(0, "SELECT 1 FROM closure_days WHERE day = ?", "t", date) == 1;
}

void closure_set_load(struct closure_set *set)
{
	size_t cap = 0;
	set->day = NULL;
	set->n = 0;
	sqlite3_stmt *st = db_stmt("SELECT day FROM closure_days ORDER BY day", "");
	while (st && db_step(st) == SQLITE_ROW) {
		if (set->n == cap)
			set->day =
				xrealloc(set->day, (cap = cap ? 2 * cap : 32) * sizeof *set->day);
		copy_str(set->day[set->n++], sizeof *set->day,
			 (const char *)sqlite3_column_text(st, 0));
	}
	if (st)
		sqlite3_reset(st);
}

void closure_set_free(struct closure_set *set)
{
	free(set->day);
	set->day = NULL;
	set->n = 0;
}

static int day_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

int closure_day_in(const char *date, void *set)
{
	const struct closure_set *s = set;
	return s->n && bsearch(date, s->day, s->n, sizeof *s->day, day_cmp) != NULL;
}
