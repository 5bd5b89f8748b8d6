/* Leaving and coming back: a leaving date after today is kept in
 * leaving_dates and applied on the day; one today or earlier deactivates at
 * once.  An administrator may cancel a date set ahead, and reactivate a
 * person who has left.  Shared by the administration pages and the command
 * line; functions taking rq run inside the caller's write transaction and
 * write their audit row. */
#ifndef STAFFROOM_LEAVING_H
#define STAFFROOM_LEAVING_H

#include "core/request.h"

/* 1 when left_on is before the day the person was added to staffroom
 * (their created_at, as a UK date, into joined), 0 when it may be their
 * leaving date (NULL, today, is). */
int leaving_before_joining(int64_t user_id, const char *left_on, char joined[11]);
/* Sets the person's leaving date (NULL: today).  *scheduled is 1 when the
 * date is after today and was kept for later, 0 when they were deactivated. */
int leaving_set(const struct request *rq, int64_t user_id, const char *left_on, int *scheduled);
/* 1 when a leaving date set ahead was cancelled, 0 when there was none. */
int leaving_cancel(const struct request *rq, int64_t user_id);
/* Makes a person who left active again (they sign in with their old
 * password, or an administrator sets one): 1, or 0 when they are active
 * already (someone else was first), -1 when a statement failed. */
int leaving_reactivate(const struct request *rq, int64_t user_id);
/* Applies the leaving dates that have come, once a day (the first request
 * of each day, in its own transaction).  Returns how many were applied. */
int leaving_apply_daily(void);

#endif
