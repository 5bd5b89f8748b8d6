/* Deadlines in working days: weekends and the school's closure days are
 * skipped.  Days are UK calendar days (Europe/London); a deadline is the
 * last second of its day in UK time (23:59:59 BST is 22:59:59 UTC). */
#ifndef STAFFROOM_WORKDAYS_H
#define STAFFROOM_WORKDAYS_H

#include <time.h>

typedef int closed_fn(const char *date, void *cls);  /* 1 when the school is closed */

int is_working_day(time_t t, closed_fn *closed, void *cls);
/* End of the n-th working day after t's day; n = 0: t's day if it is a
 * working day, otherwise the next one. */
time_t workday_deadline(time_t t, int n, closed_fn *closed, void *cls);
/* When an account check falls overdue: 24 hours later, or, when that falls
 * on a day the school is closed, the end of the next working day. */
time_t monitoring_due(time_t last_check, closed_fn *closed, void *cls);
/* The same rule turned round, for reading the last checks by range: at
 * `now`, a check is overdue exactly when it was made before `before`, or at
 * or after `from` and before `until` (today's working hours, a day on; an
 * empty span on a closed day). */
struct overdue_span {
	time_t before, from, until;
};
void monitoring_overdue_span(time_t now, closed_fn *closed, void *cls, struct overdue_span *s);

/* The predicate backed by the closure_days table. */
int closure_day_db(const char *date, void *cls);

/* The closure days read once, for many deadlines in one request (a page of
 * the register): closure_day_in(date, &set) answers without a query. */
struct closure_set {
	char (*day)[11];          /* "YYYY-MM-DD", in order */
	size_t n;
};
void closure_set_load(struct closure_set *set);
void closure_set_free(struct closure_set *set);
int closure_day_in(const char *date, void *set);

#endif
