/* One calendar month after a date.  The ICO's guidance on the right of
 * access ("Time limits for responding to requests"): the deadline is the
 * corresponding calendar date in the next month; when there is none, the
 * last day of that month.  Weekends, bank holidays and school closures do
 * not move it, so no working-day calendar is consulted here. */
#include "lib/calendar_month.h"
#include "lib/util.h"

#include <stdio.h>

static int days_in(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int month_after(const char *date, char out[11])
{
	int y, m, d;
	if (!date || parse_date(date, &y, &m, &d) != 0 || date[10] != 0)
		return -1;
	if (++m > 12) {
		m = 1;
		y++;
	}
	if (y > 9999)
		return -1;
	if (d > days_in(y, m))
		d = days_in(y, m);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return 0;
}
