/* The feature registry: every page group declares itself once, as a
 * struct feature in its own folder, and src/features/registry.c lists them.
 * The router, the navigation, "My tasks" and the demo school all walk that
 * one list, so adding a page group is one folder and one registry line. */
#ifndef STAFFROOM_FEATURE_H
#define STAFFROOM_FEATURE_H

#include "core/tasks.h"
#include "http/router.h"

/* A link in the navigation bar.  It names the route it points at and is
 * shown to whoever that route admits: the roles are never copied here. */
struct nav_link {
	int order;                     /* place in the bar, smallest first */
	const char *label;
	const char *method, *pattern;  /* the route; the pattern is the link */
};

struct feature {
	const char *name;
	const struct route *const *routes; /* route tables, NULL-terminated */
	task_fn *const *tasks;         /* "My tasks" providers, NULL-terminated; NULL: none */
	int (*demo)(void);             /* the demo school's records, or NULL; 0 on success */
	const struct nav_link *nav;    /* ends with a { 0 } entry; NULL: no links */
	/* Once a day, by the first request of the day (as leaving dates are
	 * applied): 1 when it wrote, 0 when it had nothing to do, -1 when busy
	 * (the next request tries again); NULL: nothing. */
	int (*daily)(void);
	/* Whether a person may still open this link of a notification written
	 * for them: 1 or 0, -1 for a link that is not this feature's; NULL:
	 * none of its links depends on who opens them.  An e-mail queued for
	 * it is not sent when the answer is 0 (core/mailer.h). */
	int (*link_opens)(int64_t user_id, const char *link);
};

/* Every feature, NULL-terminated, in the order their tasks and demo run. */
extern const struct feature *const features[];

/* Every feature's demo records, in registry order (features/registry.c);
 * 0 on success.  Given to demo_create() by main.c. */
int features_demo(void);
/* Every feature's daily pass (features/registry.c): how many wrote. */
int features_daily(void);
/* Whether a person may still open a notification's link: as the feature it
 * belongs to says (its record), or for a link no feature claims, whether
 * their roles still open its page; 1 or 0.  Given to mailer_check_links()
 * by main.c, and used by the home page's list. */
int features_link_opens(int64_t user_id, const char *link);
/* N synthetic staff with ten years of records, after the demo school
 * (features/demo_scale.c, `staffroom demo --scale`). */
int demo_scale(int staff);

/* The route with exactly this method and pattern, or NULL. */
const struct route *feature_route(const char *method, const char *pattern);

#endif
