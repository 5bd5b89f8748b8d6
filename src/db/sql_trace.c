/* The benchmark's record of the SQL a request runs (bench/ceiling.cc runs
 * the same statements on the same rows to price what a page cannot avoid).
 * Off unless STAFFROOM_BENCH_CAPTURE is set when a connection opens: then no
 * trace callback is registered, and SQLite costs nothing extra per step. */
#define _GNU_SOURCE
#include "db/db.h"
#include "db/internal.h"

#include <stdlib.h>
#include <string.h>

static __thread json_t *tl_trace;

/* Statements that change nothing only: the ceiling replays them many times
 * on a copy of the database, and must not change the rows it reads.  Lines
 * starting "--" are triggers' bodies, reported as comments. */
static int on_statement(unsigned type, void *ctx, void *p, void *x)
{
	(void)type, (void)x;
	sqlite3_stmt *st = p;
	/* the writer's transaction control (BEGIN IMMEDIATE, savepoints) counts
	 * as read-only to SQLite, but belongs to a write */
	if (!tl_trace || (writer && writer->db == ctx) || !sqlite3_stmt_readonly(st))
		return 0;
	char *sql = sqlite3_expanded_sql(st);
	if (sql && strncmp(sql, "--", 2) != 0)
		json_array_append_new(tl_trace, json_string(sql));
	sqlite3_free(sql);
	return 0;
}

void sql_trace_attach(sqlite3 *db)
{
	const char *on = getenv("STAFFROOM_BENCH_CAPTURE");
	if (on && *on)
		sqlite3_trace_v2(db, SQLITE_TRACE_STMT, on_statement, db);
}

void db_trace_begin(void)
{
	json_decref(tl_trace);
	tl_trace = json_array();
}

json_t *db_trace_take(void)
{
	json_t *t = tl_trace;
	tl_trace = NULL;
	return t ? t : json_array();
}
