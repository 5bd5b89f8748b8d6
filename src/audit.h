/* The audit log: append-only (triggers refuse UPDATE and DELETE) and
 * hash-chained.  Rows are written inside the caller's write transaction, so
 * there is no change without its row and no row without its change. */
#ifndef STAFFROOM_AUDIT_H
#define STAFFROOM_AUDIT_H

#include "request.h"

/* Who acted is taken from the request (NULL: the command line). */
void audit(const struct request *rq, const char *action, const char *object, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void audit_as(int64_t actor_id, const char *actor, const char *address, const char *action,
	      const char *object, const char *detail);

/* The chain's hash of one row given the previous row's hash (GENESIS for the
 * first): for writers that add many rows at once (demo --scale). */
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
void audit_chain_hash(const char *prev, const char *at, int64_t actor_id, const char *actor,
		      const char *address, const char *action, const char *object, const char *detail,
		      char out[65]);

/* 0 when the chain holds; otherwise the id of the first bad row. */
int64_t audit_verify(void);

#endif
