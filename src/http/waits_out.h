/* Requests that may wait seconds on another server (routes marked
 * R_WAITS_OUT: a sign-in provider's settings, or its token).  Each of
 * libmicrohttpd's threads serves many connections, so such a request
 * answered there would stall every other connection of its thread while it
 * waits.  The embedded server suspends its connection instead and hands it
 * to a few threads of their own, which answer it and resume it; so the
 * request threads need be no more than the cores. */
#ifndef STAFFROOM_WAITS_OUT_H
#define STAFFROOM_WAITS_OUT_H

#include <microhttpd.h>

/* How many such requests are answered at once; more wait their turn. */
#define WAITS_OUT_THREADS 4

int waits_out_start(void); /* 0, or -1 if the threads cannot start */
/* Answers everything handed over, then refuses more; before MHD_stop_daemon(). */
void waits_out_stop(void);
/* From CONN's own request callback: suspends CONN, runs answer(arg) on one of
 * the threads and resumes CONN.  -1 when stopping: the caller answers itself. */
int waits_out_add(struct MHD_Connection *conn, void (*answer)(void *), void *arg);

#endif
