/* The demo school: one person per role, with records in every feature. */
#ifndef STAFFROOM_DEMO_H
#define STAFFROOM_DEMO_H

#include <stdint.h>

#define DEMO_PASSWORD "staffroom-demo"

/* The demo people, then seed(): every feature's records, in the same
 * transaction; with scale, grow(N) adds N synthetic staff with ten years of
 * records.  Core knows no feature, so the caller passes both (features_demo
 * and demo_scale, http/feature.h). */
int demo_create(int scale, int (*seed)(void), int (*grow)(int staff));
int64_t demo_user(const char *email);   /* the id of a demo person */

#endif
