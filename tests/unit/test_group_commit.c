/* Group commit: many threads committing at once share fsyncs, yet each
 * transaction stays all-or-nothing and every acknowledged one is stored. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>

#include "testdb.h"

#define THREADS 8
#define EACH 40

struct worker { int n, ok, refused; };

/* Every fifth transaction breaks a CHECK after a good insert: the commit
 * must refuse it whole, whatever the other threads commit meanwhile. */
static void *writer(void *p)
{
	struct worker *w = p;
	for (int i = 0; i < EACH; i++) {
		char key[64], day[16];
		snprintf(key, sizeof key, "gc-%d-%d", w->n, i);
		snprintf(day, sizeof day, "%04d-01-%02d", 2100 + w->n * EACH + i, 1 + i % 28);
		if (db_begin() != 0)
			continue;
		db_exec("INSERT INTO settings(key, value) VALUES (?, 'x')", "t", key);
		db_exec("INSERT INTO closure_days(day, label) VALUES (?, ?)", "tt", i % 5 == 4 ? "not a day" : day, key);
		if (db_commit() == 0)
			w->ok++;
		else
			w->refused++;
	}
	db_close_thread();
	return NULL;
}

static void concurrent_commits_are_each_all_or_nothing(void **state)
{
	(void)state;
	pthread_t t[THREADS];
	struct worker w[THREADS];
	uint64_t syncs_before = db_sync_count();
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){ .n = i };
		assert_int_equal(pthread_create(&t[i], NULL, writer, &w[i]), 0);
	}
	int ok = 0, refused = 0;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		ok += w[i].ok;
		refused += w[i].refused;
	}
	assert_int_equal(ok, THREADS * EACH * 4 / 5);
	assert_int_equal(refused, THREADS * EACH / 5);
	/* A fresh connection sees exactly the acknowledged transactions, both halves of each. */
	db_close_thread();
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key LIKE 'gc-%'", ""), ok);
	assert_int_equal(db_int(0, "SELECT count(*) FROM closure_days WHERE label LIKE 'gc-%'", ""), ok);
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings s JOIN closure_days c ON c.label = s.key "
				   "WHERE s.key LIKE 'gc-%'", ""), ok);
	uint64_t syncs = db_sync_count() - syncs_before;
	/* Every acknowledged commit waited for a sync; never more syncs than commits. */
	assert_true(syncs >= 1);
	assert_true(syncs <= (uint64_t)ok);
}

static void a_commit_waits_for_a_sync(void **state)
{
	(void)state;
	uint64_t before = db_sync_count();
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES ('one', 'x')", "");
	assert_int_equal(db_commit(), 0);
	assert_int_equal(db_sync_count(), before + 1);
	/* A write outside a transaction commits on its own and is synced too. */
	assert_int_equal(db_exec("UPDATE settings SET value = 'y' WHERE key = 'one'", ""), 0);
	assert_int_equal(db_sync_count(), before + 2);
	/* Reads never sync. */
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key = 'one'", ""), 1);
	assert_int_equal(db_sync_count(), before + 2);
	/* A refused transaction does not sync either. */
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO closure_days(day) VALUES ('bad')", "");
	assert_int_equal(db_commit(), -1);
	assert_int_equal(db_sync_count(), before + 2);
}

/* Holds the writer until the main thread has queued behind it, then
 * breaks a CHECK: its request is refused, the queued one stored. */
static void *refused_in_batch(void *p)
{
	(void)p;
	if (db_begin() == 0) {
		db_exec("INSERT INTO closure_days(day, label) VALUES ('not a day', 'batch-bad')", "");
		assert_int_equal(db_commit(), -1);
	}
	db_close_thread();
	return NULL;
}

static void a_refused_request_leaves_the_rest_of_its_batch(void **state)
{
	(void)state;
	uint64_t commits = db_commit_count();
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES ('batch-good', 'x')", "");
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, refused_in_batch, NULL), 0);
	usleep(200 * 1000); /* the other thread is now queued for the writer */
	/* Whether the batch stays open for the queued request or (being old by
	 * now) is committed at once, this commit returns once it is on disk,
	 * and the refused request leaves nothing to commit. */
	assert_int_equal(db_commit(), 0);
	pthread_join(t, NULL);
	assert_int_equal(db_commit_count(), commits + 1);
	db_close_thread();
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key = 'batch-good'", ""), 1);
	assert_int_equal(db_int(0, "SELECT count(*) FROM closure_days WHERE label = 'batch-bad'", ""), 0);
}

/* Queued behind the main thread's refused request: a good write. */
static void *stored_after_refused(void *p)
{
	(void)p;
	if (db_begin() == 0) {
		db_exec("INSERT INTO settings(key, value) VALUES ('after-whole', 'x')", "");
		assert_int_equal(db_commit(), 0);
	}
	db_close_thread();
	return NULL;
}

/* The first request of a batch runs without a savepoint of its own: refused,
 * it takes the whole transaction with it, all of it (the good write before
 * the refused one too), and the request queued behind it starts a batch of
 * its own and is stored. */
static void a_refused_first_request_leaves_nothing(void **state)
{
	(void)state;
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES ('whole-good-half', 'x')", "");
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, stored_after_refused, NULL), 0);
	usleep(200 * 1000); /* the other thread is now queued for the writer */
	db_exec("INSERT INTO closure_days(day, label) VALUES ('not a day', 'whole-bad')", "");
	assert_int_equal(db_commit(), -1);
	pthread_join(t, NULL);
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES ('whole-next', 'x')", "");
	assert_int_equal(db_commit(), 0);
	db_close_thread();
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key = 'whole-good-half'", ""),
			 0);
	assert_int_equal(db_int(0, "SELECT count(*) FROM closure_days WHERE label = 'whole-bad'", ""),
			 0);
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key = 'after-whole'", ""), 1);
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key = 'whole-next'", ""), 1);
}

/* A request that commits later (as a report does) goes on at once, and
 * what its answer waits for ends only once the batch is committed and on
 * disk. */
static void a_later_commit_holds_the_answer_until_on_disk(void **state)
{
	(void)state;
	db_defer_sync(1);
	uint64_t syncs = db_sync_count();
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO settings(key, value) VALUES ('later-one', 'x')", "");
	assert_int_equal(db_commit_later(), 0);
	struct db_wait w = db_take_wait();
	assert_non_null(w.later);
	assert_int_equal(db_sync_count(), syncs);
	assert_int_equal(db_wait_done(&w), 0);
	assert_int_equal(db_wait_through(&w), 0);
	assert_null(w.later);
	assert_int_equal(db_wait_done(&w), 1);
	assert_int_equal(db_sync_count(), syncs + 1);
	db_defer_sync(0);
	db_close_thread();
	assert_int_equal(db_int(0, "SELECT count(*) FROM settings WHERE key = 'later-one'", ""), 1);
}

/* A batch whose COMMIT fails (here a deferred foreign key, checked only
 * then) is lost with every request in it: the one that went on before it
 * was committed must never be answered as saved. */
static void a_lost_batch_is_never_answered_as_saved(void **state)
{
	(void)state;
	assert_int_equal(db_exec("CREATE TABLE later_parent(id INTEGER PRIMARY KEY)", ""), 0);
	assert_int_equal(db_exec("CREATE TABLE later_child(p INTEGER REFERENCES later_parent(id) "
				 "DEFERRABLE INITIALLY DEFERRED)", ""), 0);
	db_defer_sync(1);
	assert_int_equal(db_begin(), 0);
	db_exec("INSERT INTO later_child(p) VALUES (999)", "");
	assert_int_equal(db_commit_later(), 0);
	struct db_wait w = db_take_wait();
	assert_int_equal(db_wait_done(&w), -1);
	assert_int_equal(db_wait_through(&w), -1);
	db_defer_sync(0);
	assert_int_equal(db_int(-1, "SELECT count(*) FROM later_child", ""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_later_commit_holds_the_answer_until_on_disk),
		cmocka_unit_test(a_lost_batch_is_never_answered_as_saved),
		cmocka_unit_test(a_refused_request_leaves_the_rest_of_its_batch),
		cmocka_unit_test(a_refused_first_request_leaves_nothing),
		cmocka_unit_test(a_commit_waits_for_a_sync),
		cmocka_unit_test(concurrent_commits_are_each_all_or_nothing),
	};
	db_batch_requests(1); /* as the server does */
	return cmocka_run_group_tests(tests, testdb_open, testdb_close);
}
