/* The database layer: one SQLite connection per thread, statements prepared
 * once per connection with ? binds, one lock around write transactions.
 *
 * Binding is described by a format string, one letter a parameter:
 *   i int   I int64_t   t const char * (NULL binds NULL)   n NULL
 *   b blob: two arguments, const void * and size_t
 * A format whose length differs from the statement's parameter count is a
 * bug and aborts, so a misspelt or missing parameter fails loudly in tests.
 *
 * Errors are sticky for the thread until the next db_begin(): a handler can
 * write straight-line code and let db_commit() roll back if anything failed.
 *
 * Every connection has the SQL function uk_time_words(x): a date or UTC time
 * in words as lib/uk_time.h gives them ("27 Aug 2026"), NULL for NULL. */
#ifndef STAFFROOM_DB_H
#define STAFFROOM_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>

void db_configure(const char *path);
/* After db_configure, for a command that only reads (backup, audit verify,
 * user list): every connection is read-only, so nothing it does can write
 * to the database or upgrade it, and it leaves no file beside a database
 * that had none (a backup; db.c says how).  db_read_unchanged() is 0 when
 * the file read whole has changed since it was opened (a server started and
 * copied its WAL into it): what was read may mix two states. */
void db_read_only(void);
int db_read_unchanged(void);

/* A running server's hold on its database, against `restore` (in_use.c):
 * a shared lock on DATABASE.lock for a server (restoring 0), the exclusive
 * one for a restore (1), kept until the process ends.  0 when taken;
 * DB_IN_USE_SERVER or DB_IN_USE_RESTORE when another process holds one
 * that stops it; -1 and errno when the lock file cannot be opened. */
enum { DB_IN_USE_SERVER = 1, DB_IN_USE_RESTORE = 2, DB_IN_USE_UPGRADE = 3 };
int db_in_use_lock(const char *db_path, int restoring);
/* With the shared lock held: db_in_use_upgrade(1) makes it exclusive, for a
 * schema upgrade, when no other process holds the database (0), else
 * DB_IN_USE_SERVER (-1 and errno: the call failed); db_in_use_upgrade(0)
 * makes it shared again.  0 at once when this process holds no shared lock. */
int db_in_use_upgrade(int on);
char *db_lock_path(const char *db_path); /* malloc'd */

/* 0 when no other user may read or change the database or a -wal or -shm
 * beside it; -1 having said on stderr which file and the chmod to run
 * (file_modes.c says why). */
int db_files_private(const char *db_path);
/* Why this process (USER, or whoever it is when NULL) could not open the
 * database, on stderr: which file or folder, its owner and mode, and the
 * chown to run. */
void db_say_unreachable(const char *db_path, const char *user);

/* Put in the SQL of a report that must read every row (statistics over all
 * records): the query-plan check (STAFFROOM_CHECK_PLANS=1) then accepts its
 * full table scan.  List pages never use it. */
#define WHOLE_TABLE_REPORT "/* whole-table report */"
sqlite3 *db_handle(void);       /* this thread's connection, opened on first use */
int db_reachable(void);         /* 1 when this process can read and write the database */
void db_close_thread(void);
void db_close_writer(void);     /* the shared write connection (see commit.c) */

sqlite3_stmt *db_stmt(const char *sql, const char *fmt, ...);

int db_exec(const char *sql, const char *fmt, ...);        /* 0, or -1 on error */
int64_t db_insert(const char *sql, const char *fmt, ...);  /* new rowid, or -1 */
int64_t db_int(int64_t dflt, const char *sql, const char *fmt, ...);
char *db_text(const char *sql, const char *fmt, ...);       /* malloc'd, or NULL */
json_t *db_row(const char *sql, const char *fmt, ...);      /* object, or NULL */
json_t *db_rows(const char *sql, const char *fmt, ...);     /* array, maybe empty */
int db_step(sqlite3_stmt *st);                              /* SQLITE_ROW/DONE/error */
/* Column I of the row ST is on as db_row gives it: integer, real, null, or
 * a string (null when it is not UTF-8). */
json_t *db_column_json(sqlite3_stmt *st, int i);

/* Write transactions: BEGIN IMMEDIATE under the process-wide write lock.
 * db_commit() returns only once the transaction is on disk; concurrent
 * commits share one fsync of the WAL (group commit, see commit.c). */
int db_begin(void);
int db_commit(void);            /* 0 committed; -1 rolled back (an earlier error) */
void db_rollback(void);
int db_failed(void);            /* an error since db_begin() */
int db_storage_full(void);      /* that failure was a full disk (the database cannot grow) */
int db_changes(void);
/* fn(1) when this thread's db_commit() has made its transaction durable,
 * fn(0) when it ends otherwise (db_rollback, a lost batch): for what may
 * only leave the process once committed (the audit log's syslog copy).
 * One hook, set before threads start. */
void db_on_end(void (*fn)(int committed));
int db_in_transaction(void); /* 1 between db_begin() and its end */
/* A page's reads in one read transaction; a write ends it first. */
void db_read_begin(void);
void db_read_end(void);
/* The benchmark (STAFFROOM_BENCH_CAPTURE set, else these record nothing): the
 * read statements this thread runs from db_trace_begin() on, bound values
 * written in, as a JSON array of strings (the caller's). */
void db_trace_begin(void);
json_t *db_trace_take(void);
/* fsyncs made by group commit so far: commits / syncs is the group size. */
uint64_t db_sync_count(void);
/* SQLite commits so far (a batch of requests is one). */
uint64_t db_commit_count(void);

/* After an erasure has committed: until the WAL is next reused from its
 * start, its file still holds the pages as they were before (SQLite does not
 * rewrite an earlier commit's frames).  This checkpoints the whole WAL into the
 * database, where secure_delete has cleared the erased bytes, and truncates
 * the file.  0, or -1 (logged) when readers kept it from finishing: it is
 * then owed, and db_wal_truncate_owed() does it once they let go. */
int db_wal_truncate(void);
/* An emptying owed (and, once, at start: a WAL left by a server that stopped
 * short) tried again without waiting for readers; the server's background
 * work calls it at every turn.  0 done or nothing owed, -1 still owed. */
int db_wal_truncate_owed(void);

/* The server's requests share transactions (see commit.c); before threads start. */
void db_batch_requests(int on);

/* Deferred durability, for a front end that can hold an answer back
 * (server.c suspends the connection): with db_defer_sync(1), db_commit()
 * returns once the commit is made and visible, and db_take_wait() then
 * names what the answer must wait for.  db_commit_later() returns sooner
 * still, once the request's changes are in the open batch: the thread must
 * not read them back (its own connection cannot see them until the batch
 * is committed), and the answer waits for the batch too.  Elsewhere it is
 * db_commit().
 * db_wait_done(): 1 once all is on disk, 0 not yet, -1 never (the batch
 * was lost, or an fsync failed: the answer must say nothing was saved).
 * db_wait_committed() blocks until the batch is settled: 0, or -1 lost.
 * db_wait_through() syncs (or waits for a sync) up to it: 0, or -1.
 * Each ends with the wait's batch place freed once settled. */
struct db_later;
struct db_wait {
	uint64_t seq;             /* the commit to be on disk (0: none) */
	struct db_later *later;   /* the batch to be committed first (NULL: none) */
	int lost;
};
void db_defer_sync(int on);
int db_commit_later(void);
struct db_wait db_take_wait(void);
int db_wait_done(struct db_wait *w);
int db_wait_committed(struct db_wait *w);
int db_wait_through(struct db_wait *w);

/* Gathers the query planner's statistics again (statistics.c): once a day
 * and after a bulk change.  0, or -1 when the database was busy. */
int db_refresh_statistics(void);
/* Between requests: the thread's connection, opened before the statistics
 * were last gathered, is opened anew to load them (db_read_begin does it
 * too).  No statement of the thread may be running. */
void db_statistics_reload(void);

/* Schema: apply schema.sql to an empty database; later, migrations. */
int db_init_schema(const char *schema_path);
int db_schema_version(void);

/* Every SQL argument must be a string literal: the statement cache is keyed
 * by the string's address, and `make check` prepares each literal against the
 * schema.  Pasting "" in front of the argument makes anything else fail to
 * compile.  A file that defines these functions defines DB_DEFINES_HELPERS
 * before including this header. */
#ifndef DB_DEFINES_HELPERS
#define db_stmt(sql, ...) db_stmt("" sql, __VA_ARGS__)
#define db_vstmt(sql, fmt, ap) db_vstmt("" sql, fmt, ap)
#define db_exec(sql, ...) db_exec("" sql, __VA_ARGS__)
#define db_insert(sql, ...) db_insert("" sql, __VA_ARGS__)
#define db_int(dflt, sql, ...) db_int(dflt, "" sql, __VA_ARGS__)
#define db_text(sql, ...) db_text("" sql, __VA_ARGS__)
#define db_row(sql, ...) db_row("" sql, __VA_ARGS__)
#define db_rows(sql, ...) db_rows("" sql, __VA_ARGS__)
#endif

#endif
