#include "http/waits_out.h"
#include "db/db.h"
#include "lib/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
	struct job *next;
	struct MHD_Connection *conn;
	void (*answer)(void *);
	void *arg;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct job *first, **last = &first; /* answered in the order they came */
static pthread_t threads[WAITS_OUT_THREADS];
static unsigned started;
static int stopping;

int waits_out_add(struct MHD_Connection *conn, void (*answer)(void *), void *arg)
{
	struct job *j = xmalloc(sizeof *j);
	*j = (struct job){ NULL, conn, answer, arg };
	pthread_mutex_lock(&mu);
	if (!started || stopping) {
		pthread_mutex_unlock(&mu);
		free(j);
		return -1;
	}
	/* Suspended before a thread can resume it: under the same lock. */
	MHD_suspend_connection(conn);
	*last = j;
	last = &j->next;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return 0;
}

/* The next job (mu held), or NULL once stopping with none left. */
static struct job *take(void)
{
	while (!first && !stopping)
		pthread_cond_wait(&cv, &mu);
	struct job *j = first;
	if (j && !(first = j->next))
		last = &first;
	return j;
}

static void *loop(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	for (struct job *j; (j = take());) {
		pthread_mutex_unlock(&mu);
		j->answer(j->arg);
		MHD_resume_connection(j->conn);
		free(j);
		pthread_mutex_lock(&mu);
	}
	pthread_mutex_unlock(&mu);
	db_close_thread();
	return NULL;
}

int waits_out_start(void)
{
	pthread_mutex_lock(&mu);
	while (started < WAITS_OUT_THREADS &&
	       pthread_create(&threads[started], NULL, loop, NULL) == 0)
		started++;
	int rc = started == WAITS_OUT_THREADS ? 0 : -1;
	pthread_mutex_unlock(&mu);
	if (rc != 0)
		fputs("staffroom: cannot start the threads for sign-in providers\n", stderr);
	return rc;
}

void waits_out_stop(void)
{
	pthread_mutex_lock(&mu);
	stopping = 1;
	pthread_cond_broadcast(&cv);
	unsigned n = started;
	pthread_mutex_unlock(&mu);
	for (unsigned i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_lock(&mu);
	started = 0;
	pthread_mutex_unlock(&mu);
}
