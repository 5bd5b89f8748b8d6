/* Slowing password guessing: see throttle.h for why there is no gate per
 * address alone. */
#define _GNU_SOURCE
#include "core/throttle.h"
#include "core/auth.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>

/* After the free tries each further failure doubles the wait: 1 s, 2 s,
 * 4 s ... up to ACCOUNT_CAP, so strangers guessing at an account can slow
 * its owner but never lock them out.  Fifteen quiet minutes forget the
 * failures.  Attempts refused while waiting are not counted. */
#define FORGET_AFTER 900

int64_t throttle_wait(const char *key, int64_t free_tries, int64_t cap)
{
	json_t *row = db_row("SELECT failures, last_at FROM throttle WHERE key = ?", "t", key);
	int64_t wait = 0;
	if (row) {
		int64_t failures = json_int(row, "failures");
		int64_t last = json_int(row, "last_at");
		int64_t since = now_ms() - last;
		if (failures >= free_tries && since < FORGET_AFTER * 1000) {
			int64_t delay = failures - free_tries >= 20
						? cap
						: (int64_t)1 << (failures - free_tries);
			if (delay > cap)
				delay = cap;
			/* Milliseconds, rounded up: Retry-After never says less than the wait. */
			wait = (delay * 1000 - since + 999) / 1000;
		}
		json_decref(row);
	}
	return wait > 0 ? wait : 0;
}

int64_t throttle_window_wait(const char *key, int64_t allowed)
{
	json_t *row = db_row("SELECT failures, last_at FROM throttle WHERE key = ?", "t", key);
	int64_t wait = 0;
	if (row && json_int(row, "failures") >= allowed) {
		int64_t left = FORGET_AFTER * 1000 - (now_ms() - json_int(row, "last_at"));
		wait = (left + 999) / 1000;
	}
	json_decref(row);
	return wait > 0 ? wait : 0;
}

void throttle_count(const char *key)
{
	int64_t t = now_ms();
	db_exec("INSERT INTO throttle(key, failures, last_at) VALUES (?, 1, ?) "
		"ON CONFLICT(key) DO UPDATE SET failures = CASE WHEN ? - last_at >= ? THEN 1 ELSE "
		"failures + 1 END, "
		"last_at = ?",
		"tIIiI", key, t, t, FORGET_AFTER * 1000, t);
	db_exec("DELETE FROM throttle WHERE last_at < ?", "I", t - (int64_t)86400 * 1000);
}

/* 'acct:<email>' (any address) and 'acct:<email> from <address>', the
 * e-mail address in lower case so that case changes do not reset them. */
static void keys(const struct request *rq, const char *email, char **acct, char **pair)
{
	*acct = xasprintf("acct:%s", email ? email : "");
	for (char *p = *acct; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	*pair = xasprintf("%s from %s", *acct, rq->address);
}

int64_t password_wait(const struct request *rq, const char *email)
{
	char *acct, *pair;
	keys(rq, email, &acct, &pair);
	int64_t wait = throttle_wait(pair, ACCOUNT_ADDRESS_FREE, ACCOUNT_CAP);
	int64_t all = throttle_wait(acct, ACCOUNT_FREE, ACCOUNT_CAP);
	free(acct);
	free(pair);
	return all > wait ? all : wait;
}

void password_failed(const struct request *rq, const char *email)
{
	char *acct, *pair;
	keys(rq, email, &acct, &pair);
	throttle_count(acct);
	throttle_count(pair);
	free(acct);
	free(pair);
}

int64_t password_attempt(const struct request *rq, const char *email)
{
	if (db_begin() != 0)
		return -1;
	int64_t wait = password_wait(rq, email);
	if (wait == 0)
		password_failed(rq, email);
	return db_commit() == 0 ? wait : -1;
}

void password_refund(const struct request *rq, const char *email)
{
	char *acct, *pair;
	keys(rq, email, &acct, &pair);
	db_exec("UPDATE throttle SET failures = failures - 1 WHERE key IN (?, ?) AND failures > 0",
		"tt", acct, pair);
	db_exec("DELETE FROM throttle WHERE key IN (?, ?) AND failures = 0", "tt", acct, pair);
	free(acct);
	free(pair);
}

void password_cleared(const struct request *rq, const char *email)
{
	char *acct, *pair;
	keys(rq, email, &acct, &pair);
	db_exec("DELETE FROM throttle WHERE key = ?", "t", acct);
	db_exec("DELETE FROM throttle WHERE key = ?", "t", pair);
	free(acct);
	free(pair);
}

int password_recheck(struct request *rq, struct reply *rp)
{
	return password_recheck_field(rq, rp, "password");
}

int password_recheck_field(struct request *rq, struct reply *rp, const char *field)
{
	/* Counted before the check, as at sign-in (password_attempt). */
	int64_t wait = password_attempt(rq, rq->user.email);
	if (wait < 0) {
		reply_busy(rp, BUSY);
		return 0;
	}
	if (wait > 0) {
		reply_error(rp, 429, field,
			    "Too many wrong passwords. Please wait %lld second%s and try again.",
			    (long long)wait, wait == 1 ? "" : "s");
		rp->retry_after = (int)wait;
		return 0;
	}
	if (!user_password_ok(rq->user.id, arg(rq, field)))
		return -1;
	if (db_begin() == 0) {
		password_refund(rq, rq->user.email);
		db_commit();
	}
	return 1;
}

int password_asked(const struct request *rq)
{
	return (int)db_int(0, "SELECT password_hash IS NOT NULL FROM users WHERE id = ?", "I",
			   rq->user.id);
}

int password_asked_again(struct request *rq, struct reply *rp)
{
	return password_asked_again_field(rq, rp, "password");
}

int password_asked_again_field(struct request *rq, struct reply *rp, const char *field)
{
	if (!password_asked(rq))
		return 1;
	if (!arg(rq, field)) {
		reply_error(rp, 400, field, "Enter your password.");
		return 0;
	}
	int ok = password_recheck_field(rq, rp, field);
	if (ok < 0)
		reply_error(rp, 403, field, "That password is not right.");
	return ok > 0;
}
