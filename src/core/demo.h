/* The demo school: one person per role, with records in every feature. */
#ifndef STAFFROOM_DEMO_H
#define STAFFROOM_DEMO_H

#include <stdint.h>

#define DEMO_PASSWORD "staffroom-demo"

/* The demo people, then seed(): every feature's records, in the same
 * transaction; core knows no feature, so the caller passes the walk over
 * the registry (features_demo, http/feature.h). */
int demo_create(int scale, int (*seed)(void));
int64_t demo_user(const char *email);   /* the id of a demo person */

/* N synthetic staff with ten years of records, after the demo school (demo_scale.c). */
int demo_scale(int staff);

#endif
