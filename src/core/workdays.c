#define _GNU_SOURCE
#include "core/workdays.h"
#include "db/db.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

static time_t day_start(time_t t)
{
	return t - ((t % DAY) + DAY) % DAY;
}

int is_working_day(time_t t, closed_fn *closed, void *cls)
{
	struct tm tm;
	char date[11];
	gmtime_r(&t, &tm);
	if (tm.tm_wday == 0 || tm.tm_wday == 6)
		return 0;
	iso_date(t, date);
	return !(closed && closed(date, cls));
}

time_t workday_deadline(time_t t, int n, closed_fn *closed, void *cls)
{
	time_t d = day_start(t);
	if (n == 0) {
		/* A school year has at most a few hundred closed days in a row. */
		for (int i = 0; i < 400 && !is_working_day(d, closed, cls); i++)
			d += DAY;
		return d + DAY - 1;
	}
	for (int counted = 0, i = 0; counted < n && i < 400 * n; i++) {
		d += DAY;
		if (is_working_day(d, closed, cls))
			counted++;
	}
	return d + DAY - 1;
}

time_t monitoring_due(time_t last_check, closed_fn *closed, void *cls)
{
	time_t due = last_check + DAY;
	if (is_working_day(due, closed, cls))
		return due;
	return workday_deadline(due, 0, closed, cls);
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
