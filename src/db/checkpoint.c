/* Copying the WAL back into the database file (checkpoints), off the
 * write path.
 *
 * A report rewrites the same few dozen rightmost pages each time, so a
 * checkpoint copies about as many pages after 10,000 WAL frames as after
 * SQLite's default of 1,000: the WAL is copied once it holds
 * CHECKPOINT_PAGES frames.  Were the copy made by the commit that passes
 * that size (SQLite's own way), every request waiting to write would wait
 * for it and for its two fsyncs: a few milliseconds at the tail of every
 * write's time under a burst, more in a large trust's database, whose pages
 * lie further apart.
 *
 * So, while requests are batched (the server), a thread of its own copies
 * it, on its own connection, in PASSIVE mode: alongside the writer, which
 * goes on appending.  The WAL starts again from its beginning only when a
 * write begins with everything in it copied; under a long burst the copying
 * thread is always a little behind, so once the WAL holds
 * CHECKPOINT_BACKSTOP frames the writer copies what is left itself (little,
 * by then, after waiting for a pass the thread is making) and the file
 * stops growing: some 80 MB at most.  It is kept at
 * that size rather than truncated, since an fsync of a file that grew also
 * writes its metadata.  The command line and CGI, which do not batch, copy
 * on the writer as SQLite does.
 *
 * Lock order: write_lock, then run_mu.  The copying thread takes run_mu
 * only, for as long as it copies: two checkpoints at once would refuse
 * each other, so erasure's truncation and the writer's backstop wait for
 * it. */
#define _GNU_SOURCE
#include "db/db.h"
#include "db/internal.h"
#include "lib/worker_thread.h"

#include <stdio.h>

#define CHECKPOINT_PAGES 10000
#define CHECKPOINT_BACKSTOP (2 * CHECKPOINT_PAGES)

static pthread_mutex_t run_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct worker_thread copying = { .mu = &mu, .cv = &cv };
static int wanted, start_failed; /* under mu */

static void copy_wal(sqlite3 *db, int mode, const char *who)
{
	int rc = sqlite3_wal_checkpoint_v2(db, NULL, mode, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		fprintf(stderr, "staffroom: database: copying the WAL (%s): %s\n", who,
			sqlite3_errstr(rc));
}

static void *copier(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	for (;;) {
		while (!wanted && !copying.stopping)
			pthread_cond_wait(&cv, &mu);
		if (copying.stopping)
			break;
		wanted = 0;
		pthread_mutex_unlock(&mu);
		sqlite3 *db = db_handle();
		pthread_mutex_lock(&run_mu);
		if (db)
			copy_wal(db, SQLITE_CHECKPOINT_PASSIVE, "in the background");
		pthread_mutex_unlock(&run_mu);
		pthread_mutex_lock(&mu);
	}
	pthread_mutex_unlock(&mu);
	db_close_thread();
	return NULL;
}

/* Asks the copying thread for a copy, starting it the first time. */
static void want_copy(void)
{
	pthread_mutex_lock(&mu);
	/* Tried once: without the thread the writer's backstop still copies. */
	if (!start_failed && worker_thread_start(&copying, copier) != 0) {
		start_failed = 1;
		fputs("staffroom: cannot start the WAL copying thread: the writer copies it\n",
		      stderr);
	}
	wanted = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
}

/* SQLite's WAL hook, after each commit on the writer (write_lock held).
 * Without batching the writer copies at CHECKPOINT_PAGES itself. */
static int wal_grew(void *batching, sqlite3 *db, const char *name, int frames)
{
	(void)name;
	int batched = *(const int *)batching;
	if (batched && frames >= CHECKPOINT_PAGES)
		want_copy();
	if (batched && frames >= CHECKPOINT_BACKSTOP) {
		/* The copying thread has fallen this far behind (a busy machine
		 * starves it): the writer waits for its pass to end, then copies
		 * the rest, so that the file stops growing whatever the timing. */
		pthread_mutex_lock(&run_mu);
		copy_wal(db, SQLITE_CHECKPOINT_PASSIVE, "on the writer");
		pthread_mutex_unlock(&run_mu);
	} else if (!batched && frames >= CHECKPOINT_PAGES &&
		   pthread_mutex_trylock(&run_mu) == 0) {
		copy_wal(db, SQLITE_CHECKPOINT_PASSIVE, "on the writer");
		pthread_mutex_unlock(&run_mu);
	}
	return SQLITE_OK;
}

void checkpoint_attach(sqlite3 *db, const int *batching)
{
	sqlite3_wal_hook(db, wal_grew, (void *)batching);
}

int checkpoint_truncate(sqlite3 *db)
{
	pthread_mutex_lock(&run_mu);
	int rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	pthread_mutex_unlock(&run_mu);
	return rc;
}

int checkpoint_truncate_try(sqlite3 *db)
{
	if (pthread_mutex_trylock(&run_mu) != 0)
		return SQLITE_BUSY;
	int rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	pthread_mutex_unlock(&run_mu);
	return rc;
}

void checkpoint_stop(void)
{
	worker_thread_stop(&copying);
	pthread_mutex_lock(&mu);
	wanted = 0;
	pthread_mutex_unlock(&mu);
}
