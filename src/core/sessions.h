/* A person's sessions as pages show them, and ending them: the person ends
 * their others, an administrator one person's or everyone's (ASVS 5.0
 * 7.4.5, 7.5.2).  Ending is a DELETE of the session rows; what hangs off a
 * session (its public number, its single sign-on provider) goes with it. */
#ifndef STAFFROOM_SESSIONS_H
#define STAFFROOM_SESSIONS_H

#include <jansson.h>
#include <stdint.h>

/* Remembers where a new session came from; in the transaction that made it. */
void session_info_add(const char *token_hash, const char *address, const char *user_agent);
/* The person's live sessions, newest use first: id, started_at, last_seen
 * (ISO UTC), address, browser (a few words), user_agent, current (the one
 * whose token hash is current_hash). */
json_t *sessions_of(int64_t user_id, const char *current_hash);
/* How many live sessions the person has. */
int64_t sessions_count(int64_t user_id);
/* Session id of user_id: 1 when it is theirs, 2 when it is the current
 * one, 0 when it is not theirs or does not exist. */
int session_owned(int64_t user_id, int64_t id, const char *current_hash);

/* In a write transaction; each returns how many sessions ended. */
int session_end(int64_t user_id, int64_t id);
/* Every session of the person but keep_hash (NULL or "": every one), and
 * any sign-in still waiting for its second factor. */
int sessions_end_user(int64_t user_id, const char *keep_hash);
/* Everyone's, but keep_hash's; *people is how many people had one. */
int sessions_end_everyone(const char *keep_hash, int64_t *people);
/* Every session begun with a password (not through a provider), and every
 * sign-in waiting for its code after one, but keep_hash's and those of the
 * person with the address keep_email: passwords have just been turned off. */
int sessions_end_password(const char *keep_hash, const char *keep_email);

#endif
