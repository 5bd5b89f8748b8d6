/* Shared by the two steps of signing in (password, then a second-factor
 * code): the failure throttle and the start of a real session. */
#ifndef STAFFROOM_LOGIN_H
#define STAFFROOM_LOGIN_H

#include "request.h"

#define ACCOUNT_FREE 3
#define ADDRESS_FREE 20
#define ACCOUNT_CAP 60
#define ADDRESS_CAP 900

/* Seconds still to wait before another attempt under this key. */
int64_t throttle_wait(const char *key, int64_t free_tries, int64_t cap);
/* Counts a failure under this key; inside a write transaction. */
void throttle_count(const char *key);
/* Signs the person in: session cookie, audit, and the reply (JSON: user and csrf;
 * HTML: to next when it is a local path).  Clears the throttle under clear_key. */
void login_start_session(struct request *rq, struct reply *rp, int64_t user_id, const char *clear_key,
			 const char *next);

#endif
