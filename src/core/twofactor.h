/* Second factors: who has one, who must, the half-signed-in state between
 * password and code, and checking a code (TOTP or a one-time recovery code). */
#ifndef STAFFROOM_TWOFACTOR_H
#define STAFFROOM_TWOFACTOR_H

#include "core/request.h"

#include <jansson.h>

#define RECOVERY_CODES 10
#define PENDING_LIFETIME 300  /* seconds to type the code after the password */

int twofactor_enrolled(int64_t user_id);
/* The roles that must have a second factor (setting require_2fa_roles). */
unsigned twofactor_required_roles(void);
/* Fills rq from a live half-signed-in token (auth_load, when no session matched). */
void twofactor_load_pending(struct request *rq, const char hash[65]);
/* The password was right (or single sign-on through `provider`, a name; NULL
 * for a password) and the person has a second factor: a pending token, and
 * the code page. */
void twofactor_start_pending(struct request *rq, struct reply *rp, int64_t user_id,
			     const char *email, const char *next, const char *provider);
/* Inside a write transaction: 1 when code is the current TOTP code (a step
 * never used before) or an unused recovery code, which is then spent.
 * *how says which ("app" or "recovery code"). */
int twofactor_check(int64_t user_id, const char *code, const char **how);
/* Inside a write transaction: replaces the person's recovery codes; returns the new ones in clear.
 */
json_t *twofactor_new_recovery_codes(int64_t user_id);
/* Inside a write transaction: removes the second factor and every pending sign-in. */
void twofactor_remove(int64_t user_id);
/* The associated data a confirmed secret is sealed with: "totp:<id>". */
#define TWOFACTOR_AD_LEN 40
void twofactor_ad(int64_t user_id, char ad[TWOFACTOR_AD_LEN]);
/* The person's secret in clear (base32), or NULL; free with vault_free. */
char *twofactor_secret(int64_t user_id);
/* The same, sealed with other associated data (one still being set up is
 * sealed with its session's too: signin/twofactor.c), or NULL. */
char *twofactor_secret_ad(int64_t user_id, const char *ad);

#endif
