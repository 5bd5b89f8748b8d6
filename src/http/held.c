#include "http/held.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/worker_thread.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct held {
	struct held *next;
	struct MHD_Connection *conn;
	struct db_wait wait;
	int *failed;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct held *list;
static struct worker_thread worker = { .mu = &mu, .cv = &cv };

int held_add(struct MHD_Connection *conn, const struct db_wait *w, int *failed)
{
	struct held *h = xmalloc(sizeof *h);
	pthread_mutex_lock(&mu);
	if (!worker.running || worker.stopping) {
		pthread_mutex_unlock(&mu);
		free(h);
		return -1;
	}
	/* Suspended before anyone can resume it: under the same lock. */
	MHD_suspend_connection(conn);
	*h = (struct held){ list, conn, *w, failed };
	list = h;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return 0;
}

/* Resumes every held answer whose commit is now settled (mu held). */
static void release_settled(void)
{
	struct held **p = &list;
	while (*p) {
		struct held *h = *p;
		int synced = db_wait_done(&h->wait);
		if (synced == 0) {
			p = &h->next;
			continue;
		}
		if (synced < 0)
			*h->failed = 1;
		*p = h->next;
		MHD_resume_connection(h->conn);
		free(h);
	}
}

/* What is left to wait for (mu held, after release_settled): the held
 * answer with the latest commit to sync, or else one whose batch is not
 * yet committed.  Only this thread takes entries off the list, so the one
 * returned stays while mu is let go. */
static struct held *next_to_wait_for(void)
{
	struct held *latest = NULL, *uncommitted = NULL;
	for (struct held *h = list; h; h = h->next) {
		if (h->wait.later)
			uncommitted = h;
		else if (!latest || h->wait.seq > latest->wait.seq)
			latest = h;
	}
	return latest ? latest : uncommitted;
}

static void *loop(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	for (;;) {
		while (!list && !worker.stopping)
			pthread_cond_wait(&cv, &mu);
		if (!list && worker.stopping)
			break;
		struct held *h = next_to_wait_for();
		pthread_mutex_unlock(&mu);
		/* One fsync for everything held so far (or the one a committing
		 * thread is making): its failure is reported by db_wait_done().
		 * A batch still open is committed first, by whoever is on the
		 * writer or just after the fsync running now (commit.c). */
		db_wait_through(&h->wait);
		pthread_mutex_lock(&mu);
		release_settled();
	}
	pthread_mutex_unlock(&mu);
	db_close_thread();
	return NULL;
}

int held_start(void)
{
	pthread_mutex_lock(&mu);
	int rc = worker_thread_start(&worker, loop);
	pthread_mutex_unlock(&mu);
	if (rc != 0)
		fputs("staffroom: cannot start the sync thread\n", stderr);
	return rc;
}

void held_stop(void)
{
	worker_thread_stop(&worker);
}
