/* Who is asking: passwords, sessions, CSRF tokens and roles. */
#ifndef STAFFROOM_AUTH_H
#define STAFFROOM_AUTH_H

#include "core/request.h"

#include <jansson.h>
#include <sodium.h>

#define PASSWORD_MAX 1024

/* Roles that open safeguarding records: every role a concern may be routed
 * to (the headteacher, senior leaders, the DSL and the chair open every
 * concern; the network manager receives reports of indecent images on the
 * school's machines, the moderator comments on the school's accounts, and
 * routing may send any category to any of them), and the data protection
 * officer's record of data breaches and subject access requests.  KCSIE:
 * the governing body appoints the designated safeguarding lead, so nobody
 * gives one of these to themselves, and every grant is told to the
 * headteacher and the chair (staff.c).  The administrator, who gives roles,
 * holds theirs already. */
#define ROLE_SAFEGUARDING ((ROLE_ROUTABLE | ROLE_DPO) & ~ROLE_ADMIN)

unsigned role_bit(const char *name);      /* 0 when unknown */
const char *role_name(int index);         /* index 0..ROLE_COUNT-1 */
json_t *roles_json(unsigned roles);
/* "dsl, chair": the roles in the mask, for messages. */
char *roles_text(unsigned roles);
unsigned user_roles_load(int64_t user_id);
/* The one active person holding the role, or 0 when nobody or several do:
 * their own request then goes to someone else (separation of duties). */
int64_t role_sole_holder(const char *role);
/* 1 when an active person other than except_id (0: anyone) holds the role. */
int role_held(const char *role, int64_t except_id);
/* Parses "a,b,c" into a role mask; staff is always added.  -1 on an unknown role. */
int roles_parse(const char *list, unsigned *out, char *bad, size_t badsize);
int roles_store(int64_t user_id, unsigned roles);   /* inside a write transaction */

/* argon2id at libsodium's interactive cost: every password a person sets. */
int password_hash(const char *password, char out[crypto_pwhash_STRBYTES]);
/* The demo school's password, printed for anyone to use: at the lowest
 * cost, since its hash keeps nothing secret.  Each sign-in to a demo
 * account then takes a millisecond rather than a tenth of a second, the
 * greater part of the test suite's time. */
int password_hash_public(const char *password, char out[crypto_pwhash_STRBYTES]);
/* Against a hash of either cost: the cost is read from the hash. */
int password_verify(const char *hash, const char *password);
/* Does this user's password match?  (Reveal of credentials asks again.) */
int user_password_ok(int64_t user_id, const char *password);

/* Loads the session named by the cookie, if it is live, into rq. */
void auth_load(struct request *rq);
int csrf_ok(const struct request *rq);
/* Ends every session of a user, and their sign-ins waiting for a code
 * (deactivation, role change, a new password); in a transaction. */
void auth_end_sessions(int64_t user_id);
/* Spends every link to set this person's password not used yet (an
 * invitation, a reset): when a password is set by any means, when an
 * administrator answers a suspected compromise (a password set for them, a
 * second factor reset) and when the person leaves, so that no older e-mail
 * can still choose their password, even if they come back; in a transaction. */
void auth_spend_password_links(int64_t user_id);
/* The session cookie (Set-Cookie): token for max_age seconds, or cleared
 * when token is NULL; Secure when configured (over TLS exchange.c adds it
 * in any case). */
char *auth_session_cookie(const char *token, long max_age);
/* Saves a one-shot message for the session's next page. */
void auth_set_flash(const struct request *rq, const char *message);
char *auth_take_flash(const struct request *rq);

#endif
