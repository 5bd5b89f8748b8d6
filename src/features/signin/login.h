/* Shared by the two steps of signing in (password, then a second-factor
 * code): the start of a real session.  The failure throttle is throttle.h. */
#ifndef STAFFROOM_LOGIN_H
#define STAFFROOM_LOGIN_H

#include "http/router.h"
#include "lib/oidc_config.h"

/* Signs the person in: session cookie, audit, and the reply (JSON: user and csrf;
 * HTML: to next when it is a local path).  Clears the person's throttles. */
void login_start_session(struct request *rq, struct reply *rp, int64_t user_id, const char *next);
/* The same after single sign-on: the audit row names the provider, and the
 * session remembers it (and whether its MFA stood in for the second factor). */
void login_start_session_via(struct request *rq, struct reply *rp, int64_t user_id,
			     const char *next, const struct oidc_provider *via, int mfa);
/* Forgets the wrong codes counted against this person (login_code.c); in a transaction. */
void login_code_cleared(int64_t user_id);

/* The other route tables of signing in, listed by the feature's entry in login.c. */
extern const struct route twofactor_routes[], twofactor_admin_routes[], login_code_routes[];
extern const struct route sessions_own_routes[];

#endif
