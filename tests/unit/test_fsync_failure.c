/* A failed fsync of the WAL: nothing written since can be trusted, so the
 * answer waiting for it says nothing was saved, every later write is
 * refused until restart, and an answer that wrote nothing is not held.
 * The failure is made by a VFS that passes everything to the system's own
 * but can refuse xSync.  Its own program: the refusal lasts for the
 * process. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdatomic.h>

#include "testdb.h"

static sqlite3_vfs failing_vfs;
static sqlite3_vfs *system_vfs;
/* The system's methods for each kind of file (the database, the WAL and
 * journals are given different ones), and each copy with xSync replaced. */
#define KINDS 8
static const sqlite3_io_methods *system_methods[KINDS];
static sqlite3_io_methods failing_methods[KINDS];
static atomic_int refuse_syncs;

static int failing_sync(sqlite3_file *f, int flags)
{
	if (atomic_load(&refuse_syncs))
		return SQLITE_IOERR_FSYNC;
	for (int i = 0; i < KINDS; i++)
		if (f->pMethods == &failing_methods[i])
			return system_methods[i]->xSync(f, flags);
	return SQLITE_IOERR_FSYNC;
}

/* The system's file, with xSync put through failing_sync.  Files are
 * opened one at a time here (the test's threads open theirs in turn). */
static int failing_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
			int *out_flags)
{
	(void)vfs;
	int rc = system_vfs->xOpen(system_vfs, name, f, flags, out_flags);
	if (rc != SQLITE_OK || !f->pMethods)
		return rc;
	int i = 0;
	while (i < KINDS && system_methods[i] && system_methods[i] != f->pMethods)
		i++;
	if (i == KINDS)
		return SQLITE_CANTOPEN;
	if (!system_methods[i]) {
		system_methods[i] = f->pMethods;
		failing_methods[i] = *f->pMethods;
		failing_methods[i].xSync = failing_sync;
	}
	f->pMethods = &failing_methods[i];
	return rc;
}

static void after_a_failed_fsync_nothing_more_is_answered_as_saved(void **state)
{
	(void)state;
	db_defer_sync(1);
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES ('fsync-first', 'x')", "");
	assert_int_equal(db_commit_later(), 0);
	struct db_wait w = db_take_wait();
	atomic_store(&refuse_syncs, 1);
	assert_int_equal(db_wait_through(&w), -1);
	assert_int_equal(db_wait_done(&w), -1);
	/* A request that wrote nothing is answered as it was. */
	struct db_wait nothing = db_take_wait();
	assert_int_equal(db_wait_done(&nothing), 1);
	assert_int_equal(db_wait_through(&nothing), 0);
	/* Every later write is refused, whether its sync would work or not. */
	atomic_store(&refuse_syncs, 0);
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES ('fsync-later', 'x')", "");
	assert_int_equal(db_commit_later(), -1);
	db_defer_sync(0);
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES ('fsync-later', 'x')", "");
	assert_int_equal(db_commit(), -1);
	assert_int_equal(db_int(-1, "SELECT count(*) FROM settings WHERE key = 'fsync-later'", ""),
			 0);
}

int main(void)
{
	system_vfs = sqlite3_vfs_find(NULL);
	failing_vfs = *system_vfs;
	failing_vfs.zName = "staffroom-failing-sync";
	failing_vfs.xOpen = failing_open;
	if (sqlite3_vfs_register(&failing_vfs, 1) != SQLITE_OK)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(after_a_failed_fsync_nothing_more_is_answered_as_saved),
	};
	db_batch_requests(1); /* as the server does */
	return cmocka_run_group_tests(tests, testdb_open, testdb_close);
}
