/* The durable-write ceiling: single-row INSERT transactions, one after
 * another, with journal_mode=WAL and synchronous=FULL (an fsync per commit),
 * in a fresh database in DIR (the same disk as the benchmark's database).
 *   commit_ceiling DIR SECONDS
 * Prints "commits=N seconds=S per_second=R p50_ms=A p99_ms=B".
 *   commit_ceiling DIR --commits N
 * makes exactly N commits (for counting instructions per commit). */
#define _GNU_SOURCE
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc != 3 && !(argc == 4 && !strcmp(argv[2], "--commits"))) {
		fputs("usage: commit_ceiling DIR SECONDS | commit_ceiling DIR --commits N\n", stderr);
		return 2;
	}
	long commits = argc == 4 ? atol(argv[3]) : -1;
	char path[4096];
	snprintf(path, sizeof path, "%s/ceiling.db", argv[1]);
	for (const char *suffix = ""; suffix; suffix = *suffix ? NULL : "-wal") {
		char p[4200];
		snprintf(p, sizeof p, "%s%s", path, suffix);
		unlink(p);
	}
	sqlite3 *db;
	sqlite3_stmt *ins;
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* as staffroom does: no memory count */
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
			 "CREATE TABLE t(id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)", NULL, NULL, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO t(at, body) VALUES (datetime('now'), ?)", -1, &ins, NULL)) {
		fprintf(stderr, "commit_ceiling: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	double seconds = commits >= 0 ? 0 : atof(argv[2]);
	double start = clock_ms(), end = start + seconds * 1e3, t;
	size_t n = 0, cap = 1 << 16;
	double *lat = malloc(cap * sizeof *lat);
	while (t = clock_ms(), commits >= 0 ? (long)n < commits : t < end) {
		/* Autocommit: each INSERT is its own transaction and its own fsync. */
		sqlite3_bind_text(ins, 1, "A concern's summary, about this long.", -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			fprintf(stderr, "commit_ceiling: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_reset(ins);
		if (n == cap)
			lat = realloc(lat, (cap *= 2) * sizeof *lat);
		lat[n++] = clock_ms() - t;
	}
	double took = (clock_ms() - start) / 1e3;
	qsort(lat, n, sizeof *lat, cmp);
	printf("commits=%zu seconds=%.2f per_second=%.0f p50_ms=%.2f p99_ms=%.2f\n", n, took, n / took,
	       n ? lat[n / 2] : 0, n ? lat[n * 99 / 100] : 0);
	sqlite3_finalize(ins);
	sqlite3_close(db);
	unlink(path);
	free(lat);
	return 0;
}
