/* The feature registry (http/feature.h): every page group, once.  Each
 * folder defines NAME_feature; the order here is the order of "My tasks"
 * and of the demo school's records.  Adding a page group is one folder and
 * one line below. */
#include "http/feature.h"
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

int features_link_opens(int64_t user_id, const char *link)
{
	for (const struct feature *const *f = features; *f; f++)
		if ((*f)->link_opens && (*f)->link_opens(user_id, link) == 0)
			return 0;
	return 1;
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
	if (db_commit() == 0)
		atomic_store(&done_day, key);
	return n;
}
