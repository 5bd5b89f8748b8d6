/* Working-day arithmetic against a brute-force count: a start time, a
 * number of days and a closure calendar of 256 days from the start (one
 * bit a day) come from the input. */
#define _GNU_SOURCE
#include "core/workdays.h"
#include "lib/util.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#define DAY 86400
#define SPAN 256

struct cal {
	time_t first;                /* midnight of the start day */
	unsigned char bits[SPAN / 8];
};

static int closed(const char *date, void *cls)
{
	const struct cal *c = cls;
	int y, m, d;
	assert(parse_date(date, &y, &m, &d) == 0);
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d };
	long idx = (long)((timegm(&tm) - c->first) / DAY);
	return idx >= 0 && idx < SPAN && (c->bits[idx / 8] >> (idx % 8)) & 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 5)
		return 0;
	uint32_t raw;
	memcpy(&raw, data, 4);
	time_t t = (time_t)raw;       /* 1970 .. 2106 */
	int n = data[4] % 61;
	struct cal c = { .first = t - t % DAY };
	memcpy(c.bits, data + 5, size - 5 < sizeof c.bits ? size - 5 : sizeof c.bits);

	time_t dl = workday_deadline(t, n, closed, &c);
	assert(dl % DAY == DAY - 1 && dl >= t);
	assert(is_working_day(dl, closed, &c));
	int counted = 0;
	for (time_t d = c.first + (n ? DAY : 0); d <= dl; d += DAY)
		counted += is_working_day(d, closed, &c);
	assert(counted == (n ? n : 1));

	time_t due = monitoring_due(t, closed, &c);
	assert(due >= t + DAY && is_working_day(due, closed, &c));
	if (due != t + DAY)
		assert(due % DAY == DAY - 1 && !is_working_day(t + DAY, closed, &c));
	return 0;
}
