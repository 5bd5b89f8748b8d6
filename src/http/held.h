/* Answers held back until the writes they report are on disk.  A worker
 * thread that has committed (db_defer_sync, see db.h) does not wait for the
 * fsync itself: it suspends the connection and goes on serving others; one
 * thread syncs the WAL for every held answer at once and resumes their
 * connections.  So more requests share each fsync, and a slow disk does
 * not stop the pages that only read. */
#ifndef STAFFROOM_HELD_H
#define STAFFROOM_HELD_H

#include "db/db.h"

#include <microhttpd.h>

int held_start(void);   /* 0, or -1 if the thread cannot start */
/* Syncs and resumes everything held, then refuses new holds; before
 * MHD_stop_daemon(). */
void held_stop(void);
/* Suspends CONN until what W names is committed and on disk (W is taken
 * over); *failed is set first if it never will be.  -1 when stopping: the
 * caller must wait itself, W unchanged. */
int held_add(struct MHD_Connection *conn, const struct db_wait *w, int *failed);

#endif
