/* The demo school: one person per role, with records in every feature. */
#ifndef STAFFROOM_DEMO_H
#define STAFFROOM_DEMO_H

#include <stdint.h>

#define DEMO_PASSWORD "staffroom-demo"

int demo_create(int scale);
int64_t demo_user(const char *email);   /* the id of a demo person */

/* Each feature's demo records, inside demo_create()'s transaction; 0 on success. */
int demo_aup(void);
int demo_concerns(void);
int demo_accounts(void);
/* N synthetic staff with ten years of records, after the demo school (demo_scale.c). */
int demo_scale(int staff);

#endif
