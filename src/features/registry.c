/* The feature registry (http/feature.h): every page group, once.  Each
 * folder defines NAME_feature; the order here is the order of "My tasks"
 * and of the demo school's records.  Adding a page group is one folder and
 * one line below. */
#include "http/feature.h"
#include "core/auth.h"
#include "http/router.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/uk_time.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stddef.h>

#define FEATURES(X) \
	X(signin)   \
	X(home)     \
	X(admin)    \
	X(records)  \
	X(aup)      \
	X(training) \
	X(concerns) \
	X(accounts) \
	X(filtering) \
	X(faults)    \
	X(conduct)   \
	X(permissions)

#define DECLARE(name) extern const struct feature name##_feature;
#define ENTRY(name) &name##_feature,

FEATURES(DECLARE)

const struct feature *const features[] = { FEATURES(ENTRY) NULL };

/* Every feature's demo records, in registry order, inside the demo's transaction. */
int features_demo(void)
{
	for (const struct feature *const *f = features; *f; f++)
		if ((*f)->demo && (*f)->demo() != 0)
			return -1;
	return 0;
}

/* Whether the page a link leads to is still one the person's roles open:
 * a notification told to holders of a role (a decline of the agreement to
 * the headteacher, say) is not theirs once the role is taken away, whatever
 * its feature says of the record.  A link to no known page is let be. */
static int page_opens(int64_t user_id, const char *link)
{
	char path[512];
	size_t n = strcspn(link, "?#");
	if (n >= sizeof path)
		return 1;
	memcpy(path, link, n);
	path[n] = 0;
	int64_t ids[3];
	int nids, known;
	const struct route *r = route_match("GET", path, ids, &nids, &known);
	if (!r || r->roles == ROUTE_PUBLIC || (r->roles & ROLE_STAFF))
		return 1;
	return (r->roles & user_roles_load(user_id)) != 0;
}

/* The feature a link belongs to decides on its record (and so its page);
 * a link no feature claims is judged by its page. */
int features_link_opens(int64_t user_id, const char *link)
{
	for (const struct feature *const *f = features; *f; f++) {
		int opens = (*f)->link_opens ? (*f)->link_opens(user_id, link) : -1;
		if (opens >= 0)
			return opens;
	}
	return page_opens(user_id, link);
}

/* The day the passes were all done is kept in the database as well as in
 * each pass: a CGI process lives for one request, and without it every
 * request would run every pass again. */
int features_daily(void)
{
	/* As leaving_apply_daily keeps it: the UK day number, one compare. */
	static atomic_long done_day = -1;
	long key = uk_day_number(now());
	if (atomic_load(&done_day) == key)
		return 0;
	char today[11];
	iso_date((time_t)key * 86400, today);
	char *done = db_text("SELECT value FROM settings WHERE key = 'daily_passes_done'", "");
	int already = done && strcmp(done, today) == 0;
	free(done);
	if (already) {
		atomic_store(&done_day, key);
		return 0;
	}
	int n = 0, busy = 0;
	for (const struct feature *const *f = features; *f; f++)
		if ((*f)->daily) {
			int wrote = (*f)->daily();
			busy |= wrote < 0;
			n += wrote > 0 ? wrote : 0;
		}
	if (busy || db_begin() != 0)
		return n; /* the next request tries again */
	db_exec("INSERT INTO settings(key, value) VALUES ('daily_passes_done', ?) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value", "t", today);
	if (db_commit() != 0)
		return n;
	atomic_store(&done_day, key);
	/* Once the day's passes are done, not at each retry of a busy one: the
	 * planner's statistics follow the records a day behind
	 * (db/statistics.c); a refusal here is only a day's delay. */
	db_refresh_statistics();
	return n;
}
