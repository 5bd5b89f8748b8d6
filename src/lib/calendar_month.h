/* One calendar month after a date: the time limit for answering a subject
 * access request (UK GDPR article 12(3)). */
#ifndef STAFFROOM_CALENDAR_MONTH_H
#define STAFFROOM_CALENDAR_MONTH_H

/* The same day of the next month, or that month's last day when it has no
 * such day ("2027-01-31" gives "2027-02-28"); 0, or -1 for a date that is
 * not a valid "YYYY-MM-DD". */
int month_after(const char *date, char out[11]);

/* The day a response to a request received on `date` is due: month_after,
 * moved from a Saturday or Sunday to the Monday after ("2026-09-10" gives
 * "2026-10-12", not Saturday 10 October); 0, or -1 as month_after. */
int month_after_due(const char *date, char out[11]);

#endif
