/* Connections, the statement cache, the one-line helpers and read
 * transactions.  Writes are begun and committed in commit.c; see
 * internal.h for what the db files share. */
#define _GNU_SOURCE
#define DB_DEFINES_HELPERS /* the functions db.h wraps in literal checks */
#include "db/db.h"
#include "db/internal.h"
#include "lib/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

char *db_path;
static pthread_key_t conn_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

__thread struct conn *tl_conn;
/* Write transactions all run on one connection, under write_lock.  SQLite
 * empties a connection's page cache whenever another connection has
 * written, so with a writer per thread every transaction started cold and
 * re-read its pages (some sixty reads a report, by strace); the one writer
 * keeps its cache. */
struct conn *writer;
/* The connection of the statement run last, for db_changes(). */
static __thread sqlite3 *tl_last_db;
__thread int tl_failed, tl_code, tl_in_tx, tl_in_read;
/* db_begin() failed (locked, disk full): until the caller's db_commit() or
 * db_rollback(), no statement runs.  Otherwise a handler that went on after
 * a failed BEGIN would write statement by statement in autocommit mode, and
 * a request refused half-way could leave half its rows behind. */
__thread int tl_begin_failed;

void conn_free(void *p)
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
	/* No count of SQLite's memory: it is read nowhere, and keeping it takes
	 * one process-wide mutex on every allocation (some 350 a report), which
	 * every worker thread and the writer would otherwise queue on.  Only
	 * possible before SQLite starts; later it is refused and changes
	 * nothing. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	free(db_path);
	db_path = xstrdup(path);
	const char *cp = getenv("STAFFROOM_CHECK_PLANS");
	check_plans = cp && strcmp(cp, "1") == 0;
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

int db_is_full(int code)
{
	return (code & 0xff) == SQLITE_FULL;
}

void db_note_full(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	long long ms = (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
	long long last = atomic_exchange(&full_last_ms, ms);
	if (!last || ms - last > FULL_QUIET_MS)
		fprintf(stderr, "staffroom: storage is full: the database %s cannot grow, "
			"so changes are refused (reading goes on); free some disk space\n",
			db_path ? db_path : "");
}

void db_fail(int code, const char *what)
{
	tl_failed = 1;
	tl_code = code;
	if (tl_in_tx)
		atomic_store(&writer_code, code);
	if (db_is_full(code)) {
		db_note_full();
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
		ok = rc == SQLITE_ROW &&
		     strcmp((const char *)sqlite3_column_text(st, 0), expect) == 0;
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

/* A command that only reads (db_read_only): what the file was when opened
 * whole, without its locks (immutable); 0 when opened through its WAL. */
static int reading_only, read_whole;
static struct stat read_as;

void db_read_only(void)
{
	reading_only = 1;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Read-only, so that nothing can write to the file (no upgrade, no
 * checkpoint at close) and a backup or a copy in a read-only folder can be
 * read.  With a -wal beside the file (a server has it open, or stopped
 * short), through the WAL, which holds rows not yet in the file: its -wal
 * and -shm are there already.  Without one, the file holds everything, and
 * is opened immutable: a read-only connection to a WAL database would
 * otherwise make -wal and -shm files beside it and leave them there. */
static int open_reading(struct conn *c)
{
	char *real = realpath(db_path, NULL);
	const char *at = real ? real : db_path;
	char *wal = xasprintf("%s-wal", at), *path = percent_encode(at, "/-._~");
	struct stat st;
	read_whole = stat(wal, &st) != 0;
	char *uri = xasprintf("file:%s?%s", path, read_whole ? "immutable=1" : "mode=ro");
	if (read_whole && stat(at, &read_as) != 0)
		memset(&read_as, 0, sizeof read_as);
	int rc = sqlite3_open_v2(uri, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
				 SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	free(path);
	free(wal);
	free(real);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(c->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if (rc == SQLITE_OK)
		rc = sql_words_attach(c->db);
	return rc;
}

int db_read_unchanged(void)
{
	struct stat now;
	char *real = realpath(db_path, NULL);
	int same = !read_whole ||
		   (stat(real ? real : db_path, &now) == 0 && same_file(&now, &read_as));
	free(real);
	return same;
}

struct conn *conn_open(void)
{
	struct conn *c = xcalloc(1, sizeof *c);
	c->statistics = atomic_load(&statistics_epoch);
	if (reading_only) {
		if (open_reading(c) == SQLITE_OK)
			return c;
		fprintf(stderr, "staffroom: cannot open the database %s to read it: %s\n", db_path,
			c->db ? sqlite3_errmsg(c->db) : "out of memory");
		conn_free(c);
		return NULL;
	}
	int rc = sqlite3_open_v2(db_path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		rc = test_page_limit(c->db);
	if (rc == SQLITE_OK)
		rc = sql_words_attach(c->db);
	if (rc != SQLITE_OK || pragma(c->db, "PRAGMA journal_mode=WAL", "wal") ||
	    pragma(c->db, "PRAGMA foreign_keys=ON", NULL) ||
	    pragma(c->db, "PRAGMA synchronous=NORMAL", NULL) ||
	    pragma(c->db, "PRAGMA temp_store=MEMORY", NULL) ||
	    /* A record deleted at the end of its retention period is gone from
	     * the file too, not left in free pages (UK GDPR Art. 5(1)(e)). */
	    pragma(c->db, "PRAGMA secure_delete=ON", "1") ||
	    pragma(c->db, "PRAGMA foreign_keys", "1") ||
	    pragma(c->db, "PRAGMA synchronous", "1")) {
		fprintf(stderr, "staffroom: cannot open database %s: %s\n", db_path,
			c->db ? sqlite3_errmsg(c->db) : "out of memory");
		conn_free(c);
		return NULL;
	}
	/* The WAL is copied back into the database after the writer's commits
	 * only (checkpoint.c): a write a thread makes on its own connection
	 * (outside db_begin) must not make the copy on its request's time. */
	sqlite3_wal_autocheckpoint(c->db, 0);
	sql_trace_attach(c->db);
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

/* Whether this process can open the database to read and write it: the
 * file, and its -wal and -shm, which a read makes in the folder when they
 * are not there.  Only the header is read: the schema (some 5 M
 * instructions, by callgrind) is read by each thread's connection when it
 * is first used.  No copy of the WAL at close: that is the writer's. */
int db_reachable(void)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int ok = db_path &&
		 sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
				 NULL) == SQLITE_OK &&
		 /* Another process may be opening or closing it (a second server
		  * starting, a command): wait for it as every connection does. */
		 sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS) == SQLITE_OK &&
		 sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL) == SQLITE_OK &&
		 sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
		 sqlite3_step(st) == SQLITE_ROW && sqlite3_db_readonly(db, "main") == 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok;
}

/* At exit, or before the server drops root (the files it opens after must
 * be opened as the run-as user); no transaction may be running. */
void db_close_writer(void)
{
	checkpoint_stop();
	pthread_mutex_lock(&write_lock);
	conn_free(writer);
	writer = NULL;
	pthread_mutex_unlock(&write_lock);
}

void db_close_thread(void)
{
	if (!tl_conn)
		return;
	if (tl_last_db == tl_conn->db)
		tl_last_db = NULL;
	pthread_setspecific(conn_key, NULL);
	conn_free(tl_conn);
	tl_conn = NULL;
}

static sqlite3_stmt *prepare_cached(const char *sql)
{
	if (tl_begin_failed)
		return NULL;
	if (!db_handle()) {
		db_fail(SQLITE_CANTOPEN, "open");
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
			int rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
						    &e->st, NULL);
			if (rc == SQLITE_ERROR) {
				/* A statement that does not compile is a bug, never bad input. */
				fprintf(stderr, "staffroom: bad SQL: %s\n  in: %s\n",
					sqlite3_errmsg(c->db), sql);
				abort();
			}
			if (rc != SQLITE_OK) {
				db_fail(rc, "prepare");
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
			rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, i);
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
		db_fail(rc, "bind");
	return rc == SQLITE_OK ? 0 : -1;
}

static sqlite3_stmt *db_vstmt(const char *sql, const char *fmt, va_list ap)
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
		db_fail(rc, sqlite3_sql(st));
	return rc;
}

int db_run(sqlite3_stmt *st)
{
	if (!st)
		return -1;
	/* A write must not join a page's read snapshot: it commits on its own. */
	if (tl_in_read && !sqlite3_stmt_readonly(st))
		db_read_end();
	/* An error (disk full) may have rolled the whole batch back: nothing
	 * more of this request may then run, least of all on its own. */
	if (commit_batch_lost())
		return -1;
	/* A write outside db_begin() commits on its own: it too must reach the disk. */
	int autocommit_write = !tl_in_tx && !sqlite3_stmt_readonly(st);
	tl_last_db = sqlite3_db_handle(st);
	int rc = db_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return -1;
	return autocommit_write ? commit_own_write() : 0;
}

int db_exec(const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	return db_run(st);
}

int64_t db_insert(const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = db_vstmt(sql, fmt, ap);
	va_end(ap);
	return db_run(st) == 0 ? sqlite3_last_insert_rowid(sqlite3_db_handle(st)) : -1;
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

json_t *db_column_json(sqlite3_stmt *st, int i)
{
	json_t *v;
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
	case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st, i)); break;
	case SQLITE_NULL: v = json_null(); break;
	default:
		v = json_stringn((const char *)sqlite3_column_text(st, i),
				 (size_t)sqlite3_column_bytes(st, i));
		if (!v) /* not UTF-8 (a BLOB): never put raw bytes in a model */
			v = json_null();
	}
	return v;
}

static json_t *db_row_json(sqlite3_stmt *st)
{
	json_t *o = json_object();
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++)
		/* column names are the SQL's own identifiers: no need to check them as UTF-8 */
		json_object_set_new_nocheck(o, sqlite3_column_name(st, i), db_column_json(st, i));
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

void db_statistics_reload(void)
{
	if (!tl_in_tx && !tl_in_read && tl_conn &&
	    tl_conn->statistics != atomic_load(&statistics_epoch))
		db_close_thread();
}

/* A page reads in one read transaction: every query sees the same
 * snapshot, and the WAL read lock (fcntl calls on the -shm file) is taken
 * once per page rather than once per statement. */
void db_read_begin(void)
{
	db_statistics_reload();
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

int db_in_transaction(void)
{
	return tl_in_tx;
}

int db_failed(void)
{
	return tl_failed;
}

int db_storage_full(void)
{
	return db_is_full(tl_code);
}

int db_changes(void)
{
	return tl_last_db ? sqlite3_changes(tl_last_db) : 0;
}
