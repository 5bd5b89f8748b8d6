/* Shared by the two steps of signing in (password, then a second-factor
 * code): the start of a real session.  The failure throttle is throttle.h. */
#ifndef STAFFROOM_LOGIN_H
#define STAFFROOM_LOGIN_H

#include "http/router.h"

/* Signs the person in: session cookie, audit, and the reply (JSON: user and csrf;
 * HTML: to next when it is a local path).  Clears the person's throttles. */
void login_start_session(struct request *rq, struct reply *rp, int64_t user_id, const char *next);
/* Forgets the wrong codes counted against this person (login_code.c); in a transaction. */
void login_code_cleared(int64_t user_id);

/* The other route tables of signing in, listed by the feature's entry in login.c. */
extern const struct route twofactor_routes[], twofactor_admin_routes[], login_code_routes[];

#endif
