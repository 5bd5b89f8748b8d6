/* The feature registry (http/feature.h): every page group, once.  Each
 * folder defines NAME_feature; the order here is the order of "My tasks"
 * and of the demo school's records.  Adding a page group is one folder and
 * one line below. */
#include "http/feature.h"

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

int features_daily(void)
{
	int n = 0;
	for (const struct feature *const *f = features; *f; f++)
		if ((*f)->daily)
			n += (*f)->daily();
	return n;
}
