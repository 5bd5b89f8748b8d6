/* One way for a handler to write: begin, do the statements, commit, and
 * let a refused begin or commit answer by itself.
 *
 *	if (reply_begin(rp, BUSY_UNSAVED) != 0)
 *		return;
 *	db_exec(...);
 *	audit(rq, ...);
 *	if (reply_commit(rp, BUSY_UNSAVED) != 0)
 *		return;
 *	reply_done(rp, ...);
 *
 * The answer is 503 with Retry-After: 2 and the message given; the router
 * turns it into 507 when the disk is full (router.c, storage_full). */
#ifndef STAFFROOM_WRITE_H
#define STAFFROOM_WRITE_H

#include "core/request.h"
#include "lib/util.h"

/* The wordings of a refused write, each page group keeping its own. */
#define BUSY "The service is busy. Please try again in a moment."
#define BUSY_UNSAVED "The service is busy and nothing was saved. Please try again in a moment."
#define BUSY_SHORT "The service is busy. Please try again."

/* 503, Retry-After: 2, with the message. */
void reply_busy(struct reply *rp, const char *message);
/* db_begin(): 0, or -1 with the 503 answered. */
int reply_begin(struct reply *rp, const char *busy);
/* db_commit() (all rolled back if any statement failed): 0, or -1 with the
 * 503 answered. */
int reply_commit(struct reply *rp, const char *busy);
/* The end of a change that may find someone else got there first:
 * nothing changed rolls back and answers 409 (field, conflict); otherwise
 * as reply_commit. */
int reply_commit_changed(struct reply *rp, int changed, const char *field, const char *conflict,
			 const char *busy);
/* Inside a write, before a record is added: the same form sent twice (a
 * double click, a page sent again) finds the one already kept.  existing
 * non-zero rolls back and answers 409 with the message: -1; 0 goes on. */
int reply_refuse_repeat(struct reply *rp, int64_t existing, const char *message);

/* How long a form sent again with the same fields by the same person counts
 * as the same record sent twice: ten minutes.  A double click, a page sent
 * again from the browser's history or a retry after a slow answer comes
 * within seconds or a minute or two; the same words meaning a second,
 * new record (another check of the same account finding the same thing)
 * come later than that. */
#define REPEAT_WINDOW (10 * 60)
/* The time REPEAT_WINDOW ago, ISO-8601 UTC like every stored time: a record
 * stored at or after it (compared as text) is recent enough to be a repeat. */
void repeat_since(char out[ISO_LEN]);

#endif
