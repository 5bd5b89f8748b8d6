/* The commit machinery: write transactions on the one writer connection,
 * requests batched into shared transactions (savepoints), group commit
 * (one fsync of the WAL for everyone waiting), and the hand-off of a held
 * answer's fsync to the front end (db_defer_sync).
 *
 * Lock order: write_lock, then sync_mu.  A thread holding sync_mu never
 * takes write_lock: the fsync leader lets go of sync_mu before it flushes
 * the batch left open meanwhile (flush_batch).  write_lock is held from
 * db_begin() to the end of the request's turn (end_turn), sync_mu only for
 * the sequence numbers and the batch members' states; the fsync itself
 * runs with neither held, and nobody waits for a sync holding write_lock. */
#define _GNU_SOURCE
#include "db/db.h"
#include "db/internal.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
atomic_int writer_code;

/* Group commit.  Connections run with synchronous=NORMAL, so COMMIT writes
 * the transaction to the WAL without waiting for the disk; db_commit() then
 * waits until an fsync of the WAL that started after its COMMIT has
 * finished.  The first thread to wait becomes the leader and syncs for
 * everyone committed so far; those arriving meanwhile wait for the next
 * sync.  One fsync thus makes many requests durable, and no request is
 * answered before its transaction is on disk.  Sequence numbers count
 * commits in the order they were made.  (Requests are also batched into
 * one transaction: see below.) */
static pthread_mutex_t sync_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sync_cv = PTHREAD_COND_INITIALIZER;
static uint64_t committed_seq, synced_seq, sync_calls;
static int syncing, durability_lost;

/* Transaction batching.  Each db_begin()..db_commit() is a SAVEPOINT inside
 * one SQLite transaction on the writer (but the first one's, which is the
 * transaction itself), and that transaction is committed when the writer
 * has nobody queued for it (or the batch is full or old).
 * A report touches some thirty pages (the concern, its indexes, events,
 * recipients, notifications, the audit row and its indexes); most are the
 * same rightmost pages for the next report, so a batch of reports writes
 * them once.  A request's db_commit() still returns only once its batch is
 * committed and on disk, or -1 if the batch was lost, in which case its
 * changes were never visible to anyone. */
#define BATCH_MAX 32
#define BATCH_MAX_MS 5

enum { PENDING, COMMITTED, LOST };
struct member {
	struct member *next;
	int state;          /* under sync_mu */
	uint64_t seq;       /* the physical commit that holds it */
	int full;           /* LOST because storage is full */
};
static __thread struct member tl_member;
/* This request opened its batch's transaction, or found it with nobody in
 * it: it runs without a savepoint (below). */
static __thread int tl_whole;
/* db_commit_later(): the request's place in a batch not yet committed,
 * kept (on the heap) by whoever holds its answer until it is settled. */
struct db_later {
	struct member m;
};
static __thread struct db_later *tl_later;
/* Deferred durability (db_defer_sync): the commit to wait for before this
 * thread's answer may go out. */
static __thread int tl_defer;
static __thread uint64_t tl_pending_seq;

static void hold_answer_until(uint64_t seq)
{
	if (seq > tl_pending_seq)
		tl_pending_seq = seq;
}
static struct member *batch;             /* under write_lock */
static int batch_open, batch_size;       /* under write_lock */
static int64_t batch_started_ms;         /* under write_lock */
static atomic_int lock_queue;            /* threads waiting in db_begin() */
/* Off for the command line (one writer, bulk transactions that savepoints
 * only slow down): then each db_begin()..db_commit() is its own transaction. */
static int batching;

static int64_t monotonic_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Under write_lock and sync_mu: tell the batch's requests how it ended. */
static void settle_batch(int state, uint64_t seq, int full)
{
	for (struct member *m = batch; m; m = m->next) {
		m->state = state;
		m->seq = seq;
		m->full = full;
	}
	batch = NULL;
	batch_open = 0;
	batch_size = 0;
	pthread_cond_broadcast(&sync_cv);
}

static void commit_batch(void)
{
	if (!batch) {
		/* every request in it was refused: nothing to keep */
		sqlite3_exec(writer->db, "ROLLBACK", NULL, NULL, NULL);
		batch_open = 0;
		return;
	}
	int rc = sqlite3_exec(writer->db, "COMMIT", NULL, NULL, NULL);
	if (db_is_full(rc))
		db_note_full();
	else if (rc != SQLITE_OK)
		fprintf(stderr, "staffroom: database: commit: %s\n", sqlite3_errmsg(writer->db));
	if (rc != SQLITE_OK) {
		if (!sqlite3_get_autocommit(writer->db))
			sqlite3_exec(writer->db, "ROLLBACK", NULL, NULL, NULL);
	}
	pthread_mutex_lock(&sync_mu);
	if (rc == SQLITE_OK)
		settle_batch(COMMITTED, ++committed_seq, 0);
	else
		settle_batch(LOST, 0, db_is_full(rc));
	pthread_mutex_unlock(&sync_mu);
}

/* The end of a request's turn on the writer (write_lock held). */
static void end_turn(void)
{
	if (batch_open && sqlite3_get_autocommit(writer->db)) {
		/* An error (disk full, I/O) rolled the whole transaction back. */
		pthread_mutex_lock(&sync_mu);
		settle_batch(LOST, 0, db_is_full(atomic_load(&writer_code)));
		pthread_mutex_unlock(&sync_mu);
	} else if (batch_open) {
		int full = batch_size >= BATCH_MAX ||
			   monotonic_ms() - batch_started_ms >= BATCH_MAX_MS;
		pthread_mutex_lock(&sync_mu);
		int busy = syncing;
		pthread_mutex_unlock(&sync_mu);
		/* While an fsync runs, committing would make nothing durable
		 * sooner: the batch stays open for more requests, and whoever
		 * ends that fsync commits it (flush_batch). */
		if (!batching || full || (atomic_load(&lock_queue) == 0 && !busy))
			commit_batch();
	}
	tl_in_tx = 0;
	pthread_mutex_unlock(&write_lock);
}

/* After an fsync: commit the batch left open meanwhile, if no request is
 * on the writer to do it.  Called without sync_mu (lock order: write_lock,
 * then sync_mu). */
static void flush_batch(void)
{
	pthread_mutex_lock(&write_lock);
	if (batch_open && atomic_load(&lock_queue) == 0)
		commit_batch();
	pthread_mutex_unlock(&write_lock);
}

/* An emptying of the WAL still owed (db.h): set when readers kept an
 * erasure's from finishing, and when the server starts, for a WAL a server
 * that stopped short left behind (not for each CGI process: emptying the
 * WAL after every answer would cost each its own copy and fsyncs). */
static atomic_int truncate_owed;

/* Commit what is batched, copy the whole WAL into the database and empty
 * the file, all on the writer and under its lock, so no write starts a new
 * WAL meanwhile.  Readers still reading older versions from the WAL are
 * waited for up to wait_ms. */
static int truncate_on_writer(int wait_ms)
{
	pthread_mutex_lock(&write_lock);
	if (batch_open)
		commit_batch();
	/* Without a writer there is nothing of this process's to empty (the
	 * command line and CGI empty the WAL as their connections close), but
	 * the debt of the start waits for the server's writer.  Without waiting,
	 * a copy running on its own thread is not waited for either: every
	 * write waits while write_lock is held. */
	int rc = writer || wait_ms ? SQLITE_OK : SQLITE_BUSY;
	if (writer) {
		sqlite3_busy_timeout(writer->db, wait_ms);
		rc = wait_ms ? checkpoint_truncate(writer->db)
			     : checkpoint_truncate_try(writer->db);
		sqlite3_busy_timeout(writer->db, BUSY_TIMEOUT_MS);
	}
	atomic_store(&truncate_owed, rc != SQLITE_OK);
	pthread_mutex_unlock(&write_lock);
	return rc;
}

/* Erasure (db.h): waits for readers up to the writer's busy timeout. */
int db_wal_truncate(void)
{
	int rc = truncate_on_writer(BUSY_TIMEOUT_MS);
	if (rc != SQLITE_OK)
		fprintf(stderr,
			"staffroom: database: emptying the WAL: %s (tried again until it is "
			"done)\n",
			sqlite3_errstr(rc));
	return rc == SQLITE_OK ? 0 : -1;
}

/* Without waiting: every write waits while the writer's lock is held, and
 * this is tried again at every turn of the background work. */
int db_wal_truncate_owed(void)
{
	if (!atomic_load(&truncate_owed))
		return 0;
	return truncate_on_writer(0) == SQLITE_OK ? 0 : -1;
}

static int begin_failed(void)
{
	tl_begin_failed = 1;
	end_turn();
	return -1;
}

int db_begin(void)
{
	db_read_end();
	if (tl_in_tx) {
		fputs("staffroom: nested write transaction\n", stderr);
		abort();
	}
	tl_failed = 0;
	tl_code = 0;
	tl_begin_failed = 0;
	if (!db_handle()) {
		db_fail(SQLITE_CANTOPEN, "open");
		tl_begin_failed = 1;
		return -1;
	}
	atomic_fetch_add(&lock_queue, 1);
	pthread_mutex_lock(&write_lock);
	atomic_fetch_sub(&lock_queue, 1);
	tl_in_tx = 1;
	if (!writer) {
		if (!(writer = conn_open())) {
			db_fail(SQLITE_CANTOPEN, "open");
			return begin_failed();
		}
		/* Every write goes through this connection: room for the index
		 * pages a large school's writes touch (32 MB, taken as it fills). */
		sqlite3_exec(writer->db, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
		/* The WAL is copied back into the database off the write path
		 * (checkpoint.c). */
		checkpoint_attach(writer->db, &batching);
	}
	if (!batch_open) {
		if (db_run(db_stmt("BEGIN IMMEDIATE", "")) != 0)
			return begin_failed();
		batch_open = 1;
		batch_started_ms = monotonic_ms();
	}
	/* A batch's first member needs no savepoint: undoing it is undoing the
	 * whole transaction, which holds nothing else (the others join after
	 * its turn).  A savepoint makes SQLite copy each page before its first
	 * change, some 25 pages a report: alone in its batch, as when requests
	 * come one at a time, a request is spared that. */
	tl_whole = batching && !batch;
	if (batching && !tl_whole && db_run(db_stmt("SAVEPOINT request", "")) != 0)
		return begin_failed();
	return 0;
}

/* Undoes this request's savepoint only; the batch goes on. */
/* Told when this thread's transaction ends (see db.h). */
static void (*on_end)(int committed);

void db_on_end(void (*fn)(int committed))
{
	on_end = fn;
}

static void tell_end(int committed)
{
	if (on_end)
		on_end(committed);
}

void db_rollback(void)
{
	tl_begin_failed = 0;
	tell_end(0);
	if (!tl_in_tx)
		return;
	int failed = tl_failed, code = tl_code;
	if (!sqlite3_get_autocommit(writer->db))
		sqlite3_exec(writer->db,
			     batching && !tl_whole ? "ROLLBACK TO request; RELEASE request"
						   : "ROLLBACK",
			     NULL, NULL, NULL);
	tl_failed = failed;
	tl_code = code;
	end_turn();
}

/* The sequence number of an autocommit write just made on this thread's
 * own connection (a later sync covers it whichever thread makes it). */
uint64_t commit_note(void)
{
	pthread_mutex_lock(&sync_mu);
	uint64_t seq = ++committed_seq;
	pthread_mutex_unlock(&sync_mu);
	return seq;
}

/* fsync of this thread's WAL file: fsync works on the file, so it also
 * covers what other connections wrote to it. */
static sqlite3_file *wal_file(void)
{
	sqlite3_file *f = NULL;
	if (!tl_conn || sqlite3_file_control(tl_conn->db, "main", SQLITE_FCNTL_JOURNAL_POINTER,
					     &f) != SQLITE_OK)
		return NULL;
	return f && f->pMethods ? f : NULL;
}

/* The writes were made on the writer connection; this thread's own
 * connection opens the same WAL file at its first read, and fsync covers
 * the file whichever descriptor asks. */
static int sync_wal(void)
{
	sqlite3_file *f = wal_file();
	if (!f && db_handle() &&
	    sqlite3_exec(tl_conn->db, "SELECT 1 FROM sqlite_schema LIMIT 1",
			 NULL, NULL, NULL) == SQLITE_OK)
		f = wal_file();
	if (!f)
		return -1;
	return f->pMethods->xSync(f, SQLITE_SYNC_NORMAL) == SQLITE_OK ? 0 : -1;
}

/* Under sync_mu: waits until commit SEQ is on disk, syncing as the leader
 * when no sync is running.  After a failed fsync nothing written since can
 * be trusted (the kernel may have dropped the pages), so every later commit
 * fails too until the server is restarted. */
static int wait_synced(uint64_t seq)
{
	while (synced_seq < seq && !durability_lost) {
		if (syncing) {
			pthread_cond_wait(&sync_cv, &sync_mu);
			continue;
		}
		syncing = 1;
		uint64_t target = committed_seq;
		sync_calls++;
		pthread_mutex_unlock(&sync_mu);
		int rc = sync_wal();
		pthread_mutex_lock(&sync_mu);
		syncing = 0;
		if (rc == 0 && target > synced_seq)
			synced_seq = target;
		if (rc != 0) {
			durability_lost = 1;
			fputs("staffroom: database: fsync of the WAL failed; "
			      "refusing writes until restarted\n", stderr);
		}
		pthread_cond_broadcast(&sync_cv);
		pthread_mutex_unlock(&sync_mu);
		flush_batch();
		pthread_mutex_lock(&sync_mu);
	}
	return durability_lost ? -1 : 0;
}

int commit_wait_durable(uint64_t seq)
{
	pthread_mutex_lock(&sync_mu);
	int rc = wait_synced(seq);
	pthread_mutex_unlock(&sync_mu);
	return rc;
}

/* This request's batch: committed by whoever ends it, then synced. */
static int wait_batch(void)
{
	pthread_mutex_lock(&sync_mu);
	while (tl_member.state == PENDING)
		pthread_cond_wait(&sync_cv, &sync_mu);
	int rc;
	if (tl_member.state == LOST) {
		rc = -1;
	} else if (tl_defer) {
		/* committed and visible; the fsync is awaited before the answer goes out */
		hold_answer_until(tl_member.seq);
		rc = durability_lost ? -1 : 0;
	} else {
		rc = wait_synced(tl_member.seq);
	}
	pthread_mutex_unlock(&sync_mu);
	return rc;
}

void db_batch_requests(int on)
{
	pthread_mutex_lock(&write_lock);
	batching = on;
	pthread_mutex_unlock(&write_lock);
	atomic_store(&truncate_owed, on);
}

void db_defer_sync(int on)
{
	tl_defer = on;
}

struct db_wait db_take_wait(void)
{
	struct db_wait w = { .seq = tl_pending_seq, .later = tl_later };
	tl_pending_seq = 0;
	tl_later = NULL;
	return w;
}

/* Under sync_mu: once W's batch is settled, its commit joins W's seq (or
 * W is lost with it) and the place in the batch is freed. */
static void settle_later(struct db_wait *w)
{
	struct db_later *l = w->later;
	if (!l || l->m.state == PENDING)
		return;
	if (l->m.state == LOST)
		w->lost = 1;
	else if (l->m.seq > w->seq)
		w->seq = l->m.seq;
	free(l);
	w->later = NULL;
}

int db_wait_done(struct db_wait *w)
{
	pthread_mutex_lock(&sync_mu);
	settle_later(w);
	/* Never settled while its batch is open: the place is still listed.
	 * An answer that wrote nothing is never held, even after a failed
	 * fsync (a page that only read is still shown). */
	int rc;
	if (w->later)
		rc = 0;
	else if (w->lost)
		rc = -1;
	else if (!w->seq)
		rc = 1;
	else
		rc = durability_lost ? -1 : synced_seq >= w->seq;
	pthread_mutex_unlock(&sync_mu);
	return rc;
}

int db_wait_committed(struct db_wait *w)
{
	pthread_mutex_lock(&sync_mu);
	while (w->later && w->later->m.state == PENDING)
		pthread_cond_wait(&sync_cv, &sync_mu);
	settle_later(w);
	pthread_mutex_unlock(&sync_mu);
	return w->lost ? -1 : 0;
}

int db_wait_through(struct db_wait *w)
{
	if (db_wait_committed(w) != 0)
		return -1;
	return w->seq ? commit_wait_durable(w->seq) : 0;
}

uint64_t db_commit_count(void)
{
	pthread_mutex_lock(&sync_mu);
	uint64_t n = committed_seq;
	pthread_mutex_unlock(&sync_mu);
	return n;
}

uint64_t db_sync_count(void)
{
	pthread_mutex_lock(&sync_mu);
	uint64_t n = sync_calls;
	pthread_mutex_unlock(&sync_mu);
	return n;
}

/* The end of a request's write: its savepoint released into the open
 * batch as member M, and its turn on the writer over.  -1 (rolled back)
 * after an earlier error. */
static int join_batch(struct member *m)
{
	if (!tl_in_tx) {
		tl_begin_failed = 0;
		return -1;
	}
	if (tl_failed || durability_lost ||
	    (batching && !tl_whole && db_run(db_stmt("RELEASE request", "")) != 0)) {
		db_rollback();
		return -1;
	}
	pthread_mutex_lock(&sync_mu);
	m->state = PENDING;
	pthread_mutex_unlock(&sync_mu);
	m->next = batch;
	batch = m;
	batch_size++;
	end_turn();
	return 0;
}

int db_commit(void)
{
	if (join_batch(&tl_member) != 0)
		return -1;
	/* Outside the write lock: the next requests join the batch meanwhile. */
	if (wait_batch() != 0) {
		tell_end(0);
		db_fail(tl_member.full ? SQLITE_FULL : SQLITE_IOERR, "commit");
		return -1;
	}
	tell_end(1);
	return 0;
}

/* A batch member whose thread does not wait: it goes on serving while the
 * batch fills, so batches are no longer bounded by the worker threads.
 * Only where the answer can be held until the batch is settled and on disk
 * (db_defer_sync), where nothing waits on this thread for the commit (the
 * db_on_end hook), and once per request. */
int db_commit_later(void)
{
	if (!tl_defer || on_end || tl_later || !batching)
		return db_commit();
	struct db_later *l = xcalloc(1, sizeof *l);
	if (join_batch(&l->m) != 0) {
		free(l);
		return -1;
	}
	tl_later = l;
	return 0;
}

int commit_batch_lost(void)
{
	if (tl_in_tx && sqlite3_get_autocommit(writer->db) && batch_open) {
		db_fail(db_is_full(atomic_load(&writer_code)) ? SQLITE_FULL : SQLITE_ABORT,
			"the transaction was rolled back");
		return 1;
	}
	return 0;
}

int commit_own_write(void)
{
	if (tl_defer) {
		hold_answer_until(commit_note());
		return 0;
	}
	if (commit_wait_durable(commit_note()) != 0) {
		db_fail(SQLITE_IOERR, "sync");
		return -1;
	}
	return 0;
}
