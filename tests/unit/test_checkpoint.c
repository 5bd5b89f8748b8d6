/* The WAL is copied back into the database by a thread of its own, not by
 * the commit that made it long; under a long run of writes it still stops
 * growing. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "testdb.h"

/* The thresholds of src/db/checkpoint.c, in WAL frames of one page each. */
#define COPY_AT 10000
#define BACKSTOP (2 * COPY_AT)
#define PAGE 4096
#define FRAME (PAGE + 24)

static long long file_size(const char *suffix)
{
	char p[96];
	snprintf(p, sizeof p, "%s%s", testdb_path, suffix);
	struct stat st;
	return stat(p, &st) == 0 ? (long long)st.st_size : 0;
}

/* Some frames' worth of writes: rows of about a page each, 100 to a
 * transaction (each waits for its fsync, as a request's does). */
static void write_pages(int pages, int *next)
{
	char value[PAGE - 200];
	memset(value, 'x', sizeof value - 1);
	value[sizeof value - 1] = 0;
	for (int done = 0; done < pages; done += 100) {
		assert_int_equal(db_begin(), 0);
		for (int i = 0; i < 100; i++) {
			char key[32];
			snprintf(key, sizeof key, "ck-%d", (*next)++);
			db_exec("INSERT INTO settings(key, value) VALUES (?, ?)", "tt", key, value);
		}
		assert_int_equal(db_commit(), 0);
	}
}

/* Waits up to ten seconds for the database file to reach bytes. */
static int file_reaches(long long bytes)
{
	for (int i = 0; i < 200; i++) {
		if (file_size("") >= bytes)
			return 1;
		nanosleep(&(struct timespec){ .tv_nsec = 50 * 1000 * 1000 }, NULL);
	}
	return 0;
}

static void the_wal_is_copied_in_the_background(void **state)
{
	(void)state;
	int next = 0;
	long long before = file_size("");
	/* Past the copy's size, short of the writer's own backstop. */
	write_pages(COPY_AT + COPY_AT / 4, &next);
	assert_true(file_size("-wal") >= (long long)COPY_AT * FRAME);
	assert_true(file_size("-wal") < (long long)BACKSTOP * FRAME);
	/* No write comes after it: only the copying thread can fill the file. */
	assert_true(file_reaches(before + (long long)COPY_AT * PAGE));
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key LIKE 'ck-%'", ""), next);
}

static void a_long_run_of_writes_does_not_grow_the_wal_for_ever(void **state)
{
	(void)state;
	int next = 100000;
	write_pages(3 * BACKSTOP, &next);
	/* Started again from its beginning at least once: some frames past the
	 * backstop at most (those written while the last copy ran). */
	assert_true(file_size("-wal") < (long long)(BACKSTOP + COPY_AT) * FRAME);
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key LIKE 'ck-%'", ""),
			 next - 100000 + COPY_AT + COPY_AT / 4);
	/* Erasure's truncation waits for a copy running meanwhile, then empties the file. */
	assert_int_equal(db_wal_truncate(), 0);
	assert_int_equal(file_size("-wal"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_wal_is_copied_in_the_background),
		cmocka_unit_test(a_long_run_of_writes_does_not_grow_the_wal_for_ever),
	};
	db_batch_requests(1); /* as the server does */
	int rc = cmocka_run_group_tests(tests, testdb_open, testdb_close);
	db_close_writer();
	return rc;
}
