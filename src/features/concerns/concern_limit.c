/* How many reports one person may send in a while: a limit far above what a
 * person needs (20 in 10 minutes by default, settings concern_report_limit
 * and concern_report_window_minutes), so that a stuck script or a stolen
 * session cannot bury the people who deal with concerns in notifications. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "db/db.h"
#include "lib/util.h"

#include <stdlib.h>
#include <time.h>

static long setting(const char *key, long fallback)
{
	char *v = db_text("SELECT value FROM settings WHERE key = ?", "t", key);
	char *end = NULL;
	long n = v ? strtol(v, &end, 10) : 0;
	int ok = v && end != v && *end == 0 && n > 0 && n <= 1000000;
	free(v);
	return ok ? n : fallback;
}

int concern_limit_check(const struct request *rq, struct reply *rp)
{
	long limit = setting("concern_report_limit", 20);
	long minutes = setting("concern_report_window_minutes", 10);
	/* The limit-th newest report, through the reporter index: if it is inside
	 * the window, this one would be one too many. */
	char *oldest = db_text("SELECT created_at FROM concerns WHERE reporter_id = ? ORDER BY id "
			       "DESC LIMIT 1 OFFSET ?",
			       "II", rq->user.id, (int64_t)(limit - 1));
	time_t at, t = now();
	long wait = oldest && parse_iso_time(oldest, &at) == 0 ? (long)(at + minutes * 60 - t) : 0;
	free(oldest);
	if (wait <= 0)
		return 0;
	long in_minutes = (wait + 59) / 60;
	reply_error(rp, 429, NULL,
		    "You have sent %ld report%s in the last %ld minute%s, the most staffroom "
		    "accepts from one "
		    "person in that time. This report has not been sent and nothing has been "
		    "saved. Please send it again "
		    "in %ld minute%s. If someone may be at risk now, speak to the safeguarding "
		    "lead in person.",
		    limit, limit == 1 ? "" : "s", minutes, minutes == 1 ? "" : "s", in_minutes,
		    in_minutes == 1 ? "" : "s");
	rp->retry_after = (int)wait;
	return -1;
}
