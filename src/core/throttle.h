/* Slowing password and code guessing.  One mechanism for every place a
 * password is typed: signing in, and the screens that ask a signed-in
 * person for their password again (credential reveal, two-factor changes).
 *
 * Failures are counted per account, and per account as seen from one
 * address.  Never per address alone: a school's staff share one public
 * address (and every client is the proxy when the real address is not
 * trusted), so strangers failing from it must not stop anyone else. */
#ifndef STAFFROOM_THROTTLE_H
#define STAFFROOM_THROTTLE_H

#include "core/request.h"

#include <stdint.h>

/* Failures before the wait starts, and the longest wait, in seconds. */
#define ACCOUNT_ADDRESS_FREE 3
#define ACCOUNT_FREE 10
#define ACCOUNT_CAP 60

/* Seconds still to wait before another attempt under this key. */
int64_t throttle_wait(const char *key, int64_t free_tries, int64_t cap);
/* Seconds still to wait when `allowed` uses were counted under this key, each
 * within fifteen minutes of the one before: until fifteen minutes after the
 * last.  For what is not guessing but sends something (an e-mail), so that
 * at most `allowed` go in a quarter of an hour, not one a minute for ever. */
int64_t throttle_window_wait(const char *key, int64_t allowed);
/* Counts a failure under this key; inside a write transaction. */
void throttle_count(const char *key);

/* Passwords for the account with this e-mail address, from rq->address. */
int64_t password_wait(const struct request *rq, const char *email);
/* Before checking a password: the wait, or when there is none this attempt
 * counted as a failure already, in one write transaction, so that attempts
 * arriving together while a slow hash is checked cannot all pass for one.
 * A right password then takes it back (password_refund, or password_cleared
 * on signing in).  -1 when the count could not be written. */
int64_t password_attempt(const struct request *rq, const char *email);
void password_refund(const struct request *rq, const char *email);   /* in a transaction */
void password_failed(const struct request *rq, const char *email);   /* in a transaction */
void password_cleared(const struct request *rq, const char *email);  /* in a transaction */

/* Asks the signed-in person's password again, slowed like signing in.
 * 1 when right; 0 with a 429 (and Retry-After) already in rp while they
 * must wait; -1 when wrong (the failure is counted; the caller answers). */
int password_recheck(struct request *rq, struct reply *rp);
/* The same, the password typed in the form's field `field`. */
int password_recheck_field(struct request *rq, struct reply *rp, const char *field);
/* 1 when the signed-in person has a password, so is asked for it again. */
int password_asked(const struct request *rq);
/* The same, answering every refusal itself (400 none typed, 403 wrong, 429
 * wait): 1 when the person may go on.  Someone who signs in only through
 * the school's provider has no password here and goes on. */
int password_asked_again(struct request *rq, struct reply *rp);
/* The same, from the field `field` (a form whose `password` is another's). */
int password_asked_again_field(struct request *rq, struct reply *rp, const char *field);

#endif
