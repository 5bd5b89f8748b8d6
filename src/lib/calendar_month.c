/* One calendar month after a date.  The ICO's guidance on the right of
 * access ("Time limits for responding to requests"): the deadline is the
 * corresponding calendar date in the next month; when there is none, the
 * last day of that month; "if the corresponding date falls on a weekend or
 * a public holiday, you have until the next working day to respond".  A
 * weekend is moved past here.  A public holiday is not: staffroom keeps no
 * list of UK bank holidays (they differ between its nations and are moved
 * by proclamation), so a deadline on one stays on it, a day earlier than
 * the law needs and never late.  School closures are not public holidays
 * and do not move it either. */
#include "lib/calendar_month.h"
#include "lib/util.h"

#include <stdio.h>
#include <time.h>

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

int month_after_due(const char *date, char out[11])
{
	char plain[11];
	int y, m, d;
	if (month_after(date, plain) != 0 || parse_date(plain, &y, &m, &d) != 0)
		return -1;
	long day = days_from_civil(y, m, d);
	int weekday = (int)((day % 7 + 11) % 7); /* 1970-01-01 was a Thursday; 0 is Sunday */
	if (weekday == 6)
		day += 2;
	else if (weekday == 0)
		day += 1;
	if (day > days_from_civil(9999, 12, 31))
		return -1;
	iso_date((time_t)day * 86400, out);
	return 0;
}
