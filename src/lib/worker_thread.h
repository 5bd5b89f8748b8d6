/* A thread of its own that sleeps until it is handed work: its start, and
 * its stop, which waits for what it is doing to end.  The owner keeps the
 * lock and the condition the thread waits on, and its own work under them. */
#ifndef STAFFROOM_WORKER_THREAD_H
#define STAFFROOM_WORKER_THREAD_H

#include <pthread.h>

struct worker_thread {
	pthread_mutex_t *mu; /* the owner's lock: also guards running and stopping */
	pthread_cond_t *cv;  /* what the thread waits on: signalled to stop it too */
	pthread_t thread;
	int running, stopping;
};

/* Under *mu: runs fn(NULL) on the thread unless it runs already or is
 * being stopped.  0 while it runs, -1 if it could not be started. */
int worker_thread_start(struct worker_thread *w, void *(*fn)(void *));
/* Not under *mu: tells it to stop (fn sees stopping set), waits for it to
 * return, and leaves it ready to be started again. */
void worker_thread_stop(struct worker_thread *w);

#endif
