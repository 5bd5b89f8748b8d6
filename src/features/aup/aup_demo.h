/* What the demo school's policies share (demo.c, demo_code.c). */
#ifndef STAFFROOM_AUP_DEMO_H
#define STAFFROOM_AUP_DEMO_H

#include <stdint.h>
#include <time.h>

/* The text of a policy file shipped with staffroom (src/demo/), without its
 * "# " title line; NULL when it cannot be read. */
char *aup_demo_body(const char *rel);
/* The full governing body's authorisation of a version, agreed at a meeting
 * on the day of meeting_at and recorded by the office the next day. */
void aup_demo_authorised(int64_t vid, const char *title, time_t meeting_at, const char *minute);
/* A demo person's signature of a version, made online or (paper) entered
 * from the paper they signed; the signature's id. */
int64_t aup_demo_sign(int64_t vid, const char *email, time_t when, const char *sha,
		      const char *title, int paper);
/* The staff code of conduct, signed again every September, and the draft
 * of its next version (demo_code.c); 0 on success. */
int aup_demo_code(void);

#endif
