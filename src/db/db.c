#define _GNU_SOURCE
#define DB_DEFINES_HELPERS /* the functions db.h wraps in literal checks */
#include "db/db.h"
#include "lib/readfile.h"
#include "lib/util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STMT_CACHE 1024

struct cached { const char *sql; sqlite3_stmt *st; };

struct conn {
	sqlite3 *db;
	struct cached cache[STMT_CACHE];
};

static char *db_path;
static int check_plans;         /* STAFFROOM_CHECK_PLANS=1: report full table scans */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t conn_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static __thread struct conn *tl_conn;
/* Write transactions all run on one connection, under write_lock.  SQLite
 * empties a connection's page cache whenever another connection has
 * written, so with a writer per thread every transaction started cold and
 * re-read its pages (some sixty reads a report, by strace); the one writer
 * keeps its cache. */
static struct conn *writer;
/* The connection of the statement run last, for db_changes(). */
static __thread sqlite3 *tl_last_db;
static __thread int tl_failed, tl_code, tl_in_tx, tl_in_read;
/* db_begin() failed (locked, disk full): until the caller's db_commit() or
 * db_rollback(), no statement runs.  Otherwise a handler that went on after
 * a failed BEGIN would write statement by statement in autocommit mode, and
 * a request refused half-way could leave half its rows behind. */
static __thread int tl_begin_failed;

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
 * one SQLite transaction on the writer, and that transaction is committed
 * when the writer has nobody queued for it (or the batch is full or old).
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

static void conn_free(void *p)
{
	struct conn *c = p;
	if (!c)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(c->cache[i].st);
	sqlite3_close(c->db);
	free(c);
}

static void make_key(void)
{
	pthread_key_create(&conn_key, conn_free);
}

void db_configure(const char *path)
{
	free(db_path);
	db_path = xstrdup(path);
	const char *cp = getenv("STAFFROOM_CHECK_PLANS");
	check_plans = cp && strcmp(cp, "1") == 0;
}

/* Tables with a handful of rows that do not grow with the school (set by an
 * administrator, or one row per set of roles): reading them whole is
 * cheaper than any index. */
static const char *const small_tables[] = { "routing", "settings", "courses", "closure_days", "policies",
					    "policy_versions", "concern_counts", "role_bits" };

static int small_table(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof small_tables / sizeof small_tables[0]; i++)
		if (strlen(small_tables[i]) == len && strncmp(small_tables[i], name, len) == 0)
			return 1;
	return 0;
}

/* The plan names a table by its alias ("SCAN p"): find "table alias" in the SQL. */
static int small_alias(const char *sql, const char *alias, size_t len)
{
	for (size_t i = 0; i < sizeof small_tables / sizeof small_tables[0]; i++) {
		const char *t = small_tables[i];
		size_t tl = strlen(t);
		for (const char *p = strstr(sql, t); p; p = strstr(p + 1, t))
			if (p[tl] == ' ' && strncmp(p + tl + 1, alias, len) == 0 &&
			    (p[tl + 1 + len] == ' ' || p[tl + 1 + len] == 0 || p[tl + 1 + len] == ','))
				return 1;
	}
	return 0;
}

/* "SCAN t" without "USING ... INDEX" reads every row of t; virtual tables
 * (json_each), subqueries and constant rows are not stored tables. */
static int full_scan(const char *sql, const char *detail)
{
	if (strncmp(detail, "SCAN ", 5) != 0 || strstr(detail, " USING ") || strstr(detail, "VIRTUAL TABLE") ||
	    strncmp(detail, "SCAN CONSTANT ROW", 17) == 0 || detail[5] == '(')
		return 0;
	const char *name = detail + 5;
	size_t len = strcspn(name, " ");
	return !small_table(name, len) && !small_alias(sql, name, len);
}

/* Every statement is checked once, when first prepared on a connection, so
 * running the pages (tests/http/query_plans.test.mjs) checks every query
 * they make.  The report goes to stderr, where the test looks for it. */
static void plan_check(sqlite3 *db, const char *sql)
{
	/* Declared exceptions: a report that summarises every record says so in its SQL. */
	if (strstr(sql, WHOLE_TABLE_REPORT))
		return;
	/* A scan in rowid or index order with no filter, stopped by LIMIT (no sort),
	 * reads one page, not the table ("the last audit row"). */
	int bounded = strstr(sql, " LIMIT ") != NULL && !strstr(sql, " WHERE ");
	char scans[1024] = "";
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	if (q && sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);
			if (detail && strstr(detail, "USE TEMP B-TREE FOR ORDER BY"))
				bounded = 0;
			if (detail && full_scan(sql, detail) && strlen(scans) + strlen(detail) + 3 < sizeof scans) {
				strcat(scans, scans[0] ? "; " : "");
				strcat(scans, detail);
			}
		}
	sqlite3_finalize(st);
	sqlite3_free(q);
	if (scans[0] && !bounded)
		fprintf(stderr, "staffroom: full table scan (%s) in: %s\n", scans, sql);
}

/* Statements go to the writer inside db_begin()..db_commit(), else to this
 * thread's own connection. */
static struct conn *current(void)
{
	return tl_in_tx ? writer : tl_conn;
}

/* Storage full: said once on stderr, not once a refused request; again
 * only if it comes back after a quiet spell (a new episode). */
#define FULL_QUIET_MS (10 * 60 * 1000)
static atomic_llong full_last_ms;
/* The code of the last failure on the writer: why a batch was lost. */
static atomic_int writer_code;

static int is_full(int code)
{
	return (code & 0xff) == SQLITE_FULL;
}

static void note_full(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	long long ms = (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000, last = atomic_exchange(&full_last_ms, ms);
	if (!last || ms - last > FULL_QUIET_MS)
		fprintf(stderr, "staffroom: storage is full: the database %s cannot grow, so changes are refused "
			"(reading goes on); free some disk space\n", db_path ? db_path : "");
}

static void fail(int code, const char *what)
{
	tl_failed = 1;
	tl_code = code;
	if (tl_in_tx)
		atomic_store(&writer_code, code);
	if (is_full(code)) {
		note_full();
		return;
	}
	fprintf(stderr, "staffroom: database: %s: %s\n", what,
		current() ? sqlite3_errmsg(current()->db) : sqlite3_errstr(code));
}

/* A pragma's answer is checked: WAL in particular can silently stay off. */
static int pragma(sqlite3 *db, const char *sql, const char *expect)
{
	sqlite3_stmt *st;
	int ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK;
	int rc = ok ? sqlite3_step(st) : SQLITE_ERROR;
	if (ok && expect)
		ok = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), expect) == 0;
	else
		ok = ok && (rc == SQLITE_ROW || rc == SQLITE_DONE);
	sqlite3_finalize(st);
	if (!ok)
		fprintf(stderr, "staffroom: database: %s failed\n", sql);
	return ok ? 0 : -1;
}

/* STAFFROOM_TEST_MAX_PAGES=N (tests only): the database cannot grow past
 * N pages, which is how the tests fill the disk without filling one. */
static int test_page_limit(sqlite3 *db)
{
	const char *v = getenv("STAFFROOM_TEST_MAX_PAGES");
	if (!v)
		return SQLITE_OK;
	/* A PRAGMA takes no binds; the value is a number we formatted. */
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", strtoll(v, NULL, 10));
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static struct conn *conn_open(void)
{
	struct conn *c = xcalloc(1, sizeof *c);
	int rc = sqlite3_open_v2(db_path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(c->db, 5000);
	if (rc == SQLITE_OK)
		rc = test_page_limit(c->db);
	if (rc != SQLITE_OK || pragma(c->db, "PRAGMA journal_mode=WAL", "wal") ||
	    pragma(c->db, "PRAGMA foreign_keys=ON", NULL) ||
	    pragma(c->db, "PRAGMA synchronous=NORMAL", NULL) ||
	    pragma(c->db, "PRAGMA temp_store=MEMORY", NULL) ||
	    pragma(c->db, "PRAGMA foreign_keys", "1") ||
	    pragma(c->db, "PRAGMA synchronous", "1")) {
		fprintf(stderr, "staffroom: cannot open database %s: %s\n", db_path,
			c->db ? sqlite3_errmsg(c->db) : "out of memory");
		conn_free(c);
		return NULL;
	}
	return c;
}

sqlite3 *db_handle(void)
{
	if (!tl_conn) {
		pthread_once(&key_once, make_key);
		if (!db_path || !(tl_conn = conn_open()))
			return NULL;
		pthread_setspecific(conn_key, tl_conn);
	}
	return tl_conn->db;
}

/* At exit, or before the server drops root (the files it opens after must
 * be opened as the run-as user); no transaction may be running. */
void db_close_writer(void)
{
	pthread_mutex_lock(&write_lock);
	conn_free(writer);
	writer = NULL;
	pthread_mutex_unlock(&write_lock);
}

void db_close_thread(void)
{
	if (!tl_conn)
		return;
	pthread_setspecific(conn_key, NULL);
	conn_free(tl_conn);
	tl_conn = NULL;
}

static sqlite3_stmt *prepare_cached(const char *sql)
{
	if (tl_begin_failed)
		return NULL;
	if (!db_handle()) {
		fail(SQLITE_CANTOPEN, "open");
		return NULL;
	}
	struct conn *c = current();
	size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
	for (size_t i = 0; i < STMT_CACHE; i++) {
		struct cached *e = &c->cache[(h + i) % STMT_CACHE];
		if (e->sql == sql) {
			sqlite3_reset(e->st);
			sqlite3_clear_bindings(e->st);
			return e->st;
		}
		if (!e->sql) {
			int rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &e->st, NULL);
			if (rc == SQLITE_ERROR) {
				/* A statement that does not compile is a bug, never bad input. */
				fprintf(stderr, "staffroom: bad SQL: %s\n  in: %s\n", sqlite3_errmsg(c->db), sql);
				abort();
			}
			if (rc != SQLITE_OK) {
				fail(rc, "prepare");
				return NULL;
			}
			e->sql = sql;
			if (check_plans)
				plan_check(c->db, sql);
			return e->st;
		}
	}
	fputs("staffroom: statement cache full: raise STMT_CACHE\n", stderr);
	abort();
}

static int bind_args(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int n = (int)strlen(fmt), rc = SQLITE_OK;
	if (n != sqlite3_bind_parameter_count(st)) {
		fprintf(stderr, "staffroom: %d binds for %d parameters in: %s\n", n,
			sqlite3_bind_parameter_count(st), sqlite3_sql(st));
		abort();
	}
	for (int i = 1; i <= n && rc == SQLITE_OK; i++) {
		switch (fmt[i - 1]) {
		case 'i': rc = sqlite3_bind_int(st, i, va_arg(ap, int)); break;
		case 'I': rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t)); break;
		case 't': {
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);
			rc = sqlite3_bind_blob64(st, i, p ? p : "", len, SQLITE_TRANSIENT);
			break;
		}
		case 'n': rc = sqlite3_bind_null(st, i); break;
		default:
			fprintf(stderr, "staffroom: bad bind format '%s'\n", fmt);
			abort();
		}
	}
	if (rc != SQLITE_OK)
		fail(rc, "bind");
	return rc == SQLITE_OK ? 0 : -1;
}

sqlite3_stmt *db_vstmt(const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = prepare_cached(sql);
	if (st && bind_args(st, fmt, ap) != 0)
		return NULL;
	return st;
}

sqlite3_stmt *db_stmt(const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	return st;
}

int db_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fail(rc, sqlite3_sql(st));
	return rc;
}

static uint64_t note_commit(void);
static int wait_durable(uint64_t seq);

static int run(sqlite3_stmt *st)
{
	if (!st)
		return -1;
	/* A write must not join a page's read snapshot: it commits on its own. */
	if (tl_in_read && !sqlite3_stmt_readonly(st))
		db_read_end();
	/* An error (disk full) may have rolled the whole batch back: nothing
	 * more of this request may then run, least of all on its own. */
	if (tl_in_tx && sqlite3_get_autocommit(writer->db) && batch_open) {
		fail(is_full(atomic_load(&writer_code)) ? SQLITE_FULL : SQLITE_ABORT, "the transaction was rolled back");
		return -1;
	}
	/* A write outside db_begin() commits on its own: it too must reach the disk. */
	int autocommit_write = !tl_in_tx && !sqlite3_stmt_readonly(st);
	tl_last_db = sqlite3_db_handle(st);
	int rc = db_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return -1;
	if (autocommit_write && tl_defer) {
		hold_answer_until(note_commit());
	} else if (autocommit_write && wait_durable(note_commit()) != 0) {
		fail(SQLITE_IOERR, "sync");
		return -1;
	}
	return 0;
}

int db_exec(const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	return run(st);
}

int64_t db_insert(const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	return run(st) == 0 ? sqlite3_last_insert_rowid(sqlite3_db_handle(st)) : -1;
}

int64_t db_int(int64_t dflt, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	if (st && db_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		dflt = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return dflt;
}

char *db_text(const char *sql, const char *fmt, ...)
{
	va_list ap;
	char *out = NULL;
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	if (st && db_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return out;
}

json_t *db_row_json(sqlite3_stmt *st)
{
	json_t *o = json_object();
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		json_t *v;
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
		case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st, i)); break;
		case SQLITE_NULL: v = json_null(); break;
		default:
			v = json_stringn((const char *)sqlite3_column_text(st, i), (size_t)sqlite3_column_bytes(st, i));
			if (!v) /* not UTF-8 (a BLOB): never put raw bytes in a model */
				v = json_null();
		}
		/* column names are the SQL's own identifiers: no need to check them as UTF-8 */
		json_object_set_new_nocheck(o, sqlite3_column_name(st, i), v);
	}
	return o;
}

json_t *db_row(const char *sql, const char *fmt, ...)
{
	va_list ap;
	json_t *row = NULL;
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	if (st && db_step(st) == SQLITE_ROW)
		row = db_row_json(st);
	if (st)
		sqlite3_reset(st);
	return row;
}

json_t *db_rows(const char *sql, const char *fmt, ...)
{
	va_list ap;
	json_t *rows = json_array();
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	while (st && db_step(st) == SQLITE_ROW)
		json_array_append_new(rows, db_row_json(st));
	if (st)
		sqlite3_reset(st);
	return rows;
}

/* A page reads in one read transaction: every query sees the same
 * snapshot, and the WAL read lock (fcntl calls on the -shm file) is taken
 * once per page rather than once per statement. */
void db_read_begin(void)
{
	if (tl_in_tx || tl_in_read || !db_handle())
		return;
	sqlite3_stmt *st = prepare_cached("BEGIN DEFERRED");
	if (st && sqlite3_step(st) == SQLITE_DONE)
		tl_in_read = 1;
	if (st)
		sqlite3_reset(st);
}

void db_read_end(void)
{
	if (!tl_in_read)
		return;
	tl_in_read = 0;
	sqlite3_stmt *st = prepare_cached("COMMIT");
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (st)
		sqlite3_reset(st);
	/* Nothing was written, so nothing is lost if it cannot commit. */
	if (rc != SQLITE_DONE && !sqlite3_get_autocommit(tl_conn->db))
		sqlite3_exec(tl_conn->db, "ROLLBACK", NULL, NULL, NULL);
}

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
	if (is_full(rc))
		note_full();
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
		settle_batch(LOST, 0, is_full(rc));
	pthread_mutex_unlock(&sync_mu);
}

/* The end of a request's turn on the writer (write_lock held). */
static void end_turn(void)
{
	if (batch_open && sqlite3_get_autocommit(writer->db)) {
		/* An error (disk full, I/O) rolled the whole transaction back. */
		pthread_mutex_lock(&sync_mu);
		settle_batch(LOST, 0, is_full(atomic_load(&writer_code)));
		pthread_mutex_unlock(&sync_mu);
	} else if (batch_open) {
		int full = batch_size >= BATCH_MAX || monotonic_ms() - batch_started_ms >= BATCH_MAX_MS;
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
		fail(SQLITE_CANTOPEN, "open");
		tl_begin_failed = 1;
		return -1;
	}
	atomic_fetch_add(&lock_queue, 1);
	pthread_mutex_lock(&write_lock);
	atomic_fetch_sub(&lock_queue, 1);
	tl_in_tx = 1;
	if (!writer) {
		if (!(writer = conn_open())) {
			fail(SQLITE_CANTOPEN, "open");
			return begin_failed();
		}
		/* Every write goes through this connection: room for the index
		 * pages a large school's writes touch (32 MB, taken as it fills). */
		sqlite3_exec(writer->db, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
	}
	if (!batch_open) {
		if (run(db_stmt("BEGIN IMMEDIATE", "")) != 0)
			return begin_failed();
		batch_open = 1;
		batch_started_ms = monotonic_ms();
	}
	if (batching && run(db_stmt("SAVEPOINT request", "")) != 0)
		return begin_failed();
	return 0;
}

/* Undoes this request's savepoint only; the batch goes on. */
void db_rollback(void)
{
	tl_begin_failed = 0;
	if (!tl_in_tx)
		return;
	int failed = tl_failed, code = tl_code;
	if (!sqlite3_get_autocommit(writer->db))
		sqlite3_exec(writer->db, batching ? "ROLLBACK TO request; RELEASE request" : "ROLLBACK", NULL, NULL, NULL);
	tl_failed = failed;
	tl_code = code;
	end_turn();
}

/* The sequence number of an autocommit write just made on this thread's
 * own connection (a later sync covers it whichever thread makes it). */
static uint64_t note_commit(void)
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
	if (!tl_conn || sqlite3_file_control(tl_conn->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f) != SQLITE_OK)
		return NULL;
	return f && f->pMethods ? f : NULL;
}

/* The writes were made on the writer connection; this thread's own
 * connection opens the same WAL file at its first read, and fsync covers
 * the file whichever descriptor asks. */
static int sync_wal(void)
{
	sqlite3_file *f = wal_file();
	if (!f && db_handle() && sqlite3_exec(tl_conn->db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL) == SQLITE_OK)
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
			fputs("staffroom: database: fsync of the WAL failed; refusing writes until restarted\n", stderr);
		}
		pthread_cond_broadcast(&sync_cv);
		pthread_mutex_unlock(&sync_mu);
		flush_batch();
		pthread_mutex_lock(&sync_mu);
	}
	return durability_lost ? -1 : 0;
}

static int wait_durable(uint64_t seq)
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
}

void db_defer_sync(int on)
{
	tl_defer = on;
}

uint64_t db_take_pending(void)
{
	uint64_t seq = tl_pending_seq;
	tl_pending_seq = 0;
	return seq;
}

int db_synced(uint64_t seq)
{
	pthread_mutex_lock(&sync_mu);
	int rc = durability_lost ? -1 : synced_seq >= seq;
	pthread_mutex_unlock(&sync_mu);
	return rc;
}

int db_sync_through(uint64_t seq)
{
	return wait_durable(seq);
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

int db_commit(void)
{
	if (!tl_in_tx) {
		tl_begin_failed = 0;
		return -1;
	}
	if (tl_failed || durability_lost || (batching && run(db_stmt("RELEASE request", "")) != 0)) {
		db_rollback();
		return -1;
	}
	pthread_mutex_lock(&sync_mu);
	tl_member.state = PENDING;
	pthread_mutex_unlock(&sync_mu);
	tl_member.next = batch;
	batch = &tl_member;
	batch_size++;
	end_turn();
	/* Outside the write lock: the next requests join the batch meanwhile. */
	if (wait_batch() != 0) {
		fail(tl_member.full ? SQLITE_FULL : SQLITE_IOERR, "commit");
		return -1;
	}
	return 0;
}

int db_failed(void)
{
	return tl_failed;
}

int db_storage_full(void)
{
	return is_full(tl_code);
}

int db_last_error(void)
{
	return tl_code;
}

int db_changes(void)
{
	return tl_last_db ? sqlite3_changes(tl_last_db) : 0;
}

int db_schema_version(void)
{
	return (int)db_int(-1, "PRAGMA user_version", "");
}

/* The schema is applied as one script inside one transaction: either the
 * whole data model exists afterwards, or nothing does. */
int db_init_schema(const char *schema_path)
{
	if (!db_handle())
		return -1;
	int version = db_schema_version();
	if (version >= 1)
		return 0;
	size_t len;
	char *sql = read_whole_file(schema_path, &len, 1 << 22);
	if (!sql) {
		fprintf(stderr, "staffroom: cannot read %s\n", schema_path);
		return -1;
	}
	char *err = NULL;
	pthread_mutex_lock(&write_lock);
	int rc = sqlite3_exec(tl_conn->db, "BEGIN IMMEDIATE", NULL, NULL, &err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(tl_conn->db, sql, NULL, NULL, &err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(tl_conn->db, "PRAGMA user_version = 1; COMMIT", NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "staffroom: schema: %s\n", err ? err : sqlite3_errstr(rc));
		sqlite3_exec(tl_conn->db, "ROLLBACK", NULL, NULL, NULL);
	}
	uint64_t seq = note_commit();
	pthread_mutex_unlock(&write_lock);
	if (rc == SQLITE_OK && wait_durable(seq) != 0)
		rc = SQLITE_IOERR;
	sqlite3_free(err);
	free(sql);
	return rc == SQLITE_OK ? 0 : -1;
}
