/* The audit log: append-only (triggers refuse UPDATE and DELETE) and
 * chained.  Rows are written inside the caller's write transaction, so
 * there is no change without its row and no row without its change.
 *
 * The chain is keyed: each row's hash is a BLAKE2b MAC (libsodium's keyed
 * crypto_generichash) of the previous hash and the row, under a key derived
 * from the key file, which the database does not hold; so someone who can
 * write the database cannot recompute the chain after changing it.  The
 * keyed chain starts at a row with action "audit.keyed", which records the
 * head of the plain SHA-256 chain of an older database (or the genesis
 * value for a new one).  Its head is also anchored outside the database
 * (audit_anchor.c), which is what shows rows removed from the end
 * (UK GDPR Art. 5(1)(f) and 32: integrity of the records; docs/SOURCES.md). */
#ifndef STAFFROOM_AUDIT_H
#define STAFFROOM_AUDIT_H

#include "core/request.h"

#include <stddef.h>

/* Each row says who acted, with the roles they held then, what they did to
 * what, and whether it was allowed, refused or failed, with the reason when
 * one was given (ASVS 5.0 16.2.1, 16.3.1-16.3.3; docs/SOURCES.md). */
enum audit_outcome { AUDIT_ALLOWED, AUDIT_REFUSED, AUDIT_FAILED };

/* One row as written.  outcome "" is a row from before schema version 25,
 * hashed without roles, outcome and reason (audit_chain_hash). */
struct audit_row {
	int64_t actor_id;
	const char *actor, *address, *roles, *action, *object, *detail, *outcome, *reason;
};

/* Who acted is taken from the request (NULL: the command line); allowed. */
void audit(const struct request *rq, const char *action, const char *object, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with the outcome and its reason ("" when none was given). */
void audit_outcome(const struct request *rq, enum audit_outcome outcome, const char *reason,
		   const char *action, const char *object, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* The system acting (no roles), allowed. */
void audit_as(int64_t actor_id, const char *actor, const char *address, const char *action,
	      const char *object, const char *detail);
void audit_write(const struct audit_row *r);
/* Rows this thread has written so far (committed or not). */
unsigned long audit_rows_written(void);

/* The role names of bits, comma-separated, into out. */
void audit_roles_text(unsigned roles, char *out, size_t n);

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
#define AUDIT_START_ACTION "audit.keyed"
/* The schema part that brought the keyed chain (schema.sql): a database
 * below it is carried over when it is upgraded. */
#define AUDIT_KEYED_SCHEMA 3

/* Reads the key file (cfg.key_file) once and keeps the chain's key: before
 * threads start and before root is dropped.  0, -1 when it cannot be read,
 * or AUDIT_KEY_REFUSED (said on stderr) when others may read it or the
 * newest keyed row does not verify with it. */
#define AUDIT_KEY_REFUSED (-2)
int audit_key_load(void);

/* The chain's keyed hash of one row given the previous row's hash: for
 * writers that add many rows at once (demo --scale). */
void audit_chain_hash(const char *prev, const char *at, const struct audit_row *r, char out[65]);

/* Starts the keyed chain when the log has no start row yet (a new
 * database, or one made before the chain was keyed): checks the plain chain
 * so far and writes the start row recording its head, in its own
 * transaction.  0, or -1 with a message on stderr. */
int audit_start_keyed(void);

/* Checks the chain alone: 0 when it holds; otherwise the id of the first
 * bad row (-1: rows but no keyed start).  why (may be NULL) says what. */
int64_t audit_verify_chain(char *why, size_t n);
/* The same, 0 or the first bad row (kept for the unit tests). */
int64_t audit_verify(void);

#endif
