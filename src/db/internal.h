/* What the database layer's files share, and nothing outside src/db/ may
 * include: the connections (db.c), the commit machinery (commit.c), the
 * query-plan check (plans.c) and the schema set-up (schema.c). */
#ifndef STAFFROOM_DB_INTERNAL_H
#define STAFFROOM_DB_INTERNAL_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>

#define STMT_CACHE 1024

struct cached { const char *sql; sqlite3_stmt *st; };

struct conn {
	sqlite3 *db;
	struct cached cache[STMT_CACHE];
	int statistics; /* the statistics_epoch it was opened in */
};

/* statistics.c: counts each refresh of the planner's statistics. */
extern atomic_int statistics_epoch;

/* db.c: the connections and the thread's state. */
extern char *db_path;
extern __thread struct conn *tl_conn;
/* Write transactions all run on this one connection, under write_lock. */
extern struct conn *writer;
extern __thread int tl_failed, tl_code, tl_in_tx, tl_in_read;
/* db_begin() failed: until the caller's db_commit() or db_rollback(), no
 * statement runs. */
extern __thread int tl_begin_failed;

struct conn *conn_open(void);
void conn_free(void *p);
/* Records a failure for the thread (sticky until the next db_begin()). */
void db_fail(int code, const char *what);
int db_is_full(int code);
void db_note_full(void);
/* Runs one cached statement to its first row or end: 0, or -1. */
int db_run(sqlite3_stmt *st);

/* commit.c: the commit machinery. */
extern pthread_mutex_t write_lock;
/* The code of the last failure on the writer: why a batch was lost. */
extern atomic_int writer_code;
/* 1 (and the thread failed) when an error rolled this request's batch back. */
int commit_batch_lost(void);
/* A write made outside db_begin() (autocommit): waits for its fsync, or
 * hands it to the held answer.  0, or -1 when it cannot be made durable. */
int commit_own_write(void);
/* The sequence number of a commit just made outside the batch machinery. */
uint64_t commit_note(void);
/* Waits until commit seq is on disk: 0, or -1 (fsync failed). */
int commit_wait_durable(uint64_t seq);

/* checkpoint.c: copying the WAL back into the database.  Attached to the
 * writer when it opens (batching points to whether requests are batched,
 * read under write_lock); the truncation for erasure (waits for a copy
 * running meanwhile: SQLITE_OK or SQLite's code); and the copying thread
 * stopped, before the writer closes. */
void checkpoint_attach(sqlite3 *db, const int *batching);
int checkpoint_truncate(sqlite3 *db);
/* The same, SQLITE_BUSY at once while the copying thread is copying. */
int checkpoint_truncate_try(sqlite3 *db);
void checkpoint_stop(void);

/* How long a connection waits for another's lock before SQLITE_BUSY. */
#define BUSY_TIMEOUT_MS 5000

/* sql_trace.c: STAFFROOM_BENCH_CAPTURE records each read statement (the benchmark). */
void sql_trace_attach(sqlite3 *db);
/* sql_words.c: the SQL functions of words (uk_time_words); SQLITE_OK or SQLite's code. */
int sql_words_attach(sqlite3 *db);

/* plans.c: STAFFROOM_CHECK_PLANS=1 reports full table scans on stderr. */
extern int check_plans;
void plan_check(sqlite3 *db, const char *sql);

#endif
