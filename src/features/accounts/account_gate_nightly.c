#define _GNU_SOURCE
/* The nightly pass of the gate (ravens-wood §3): every runner of every open
 * account checked again, as the first request of each day does for leaving
 * dates (core/leaving.c).  A runner who now fails (a new version of the
 * agreement they have not signed, expired training, a leaver) is flagged on
 * the register and the account's page, and the moderator is told once per
 * runner and failure, not every night again; the flag goes once they pass. */
#include "features/accounts/account_team.h"
#include "core/notify.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"
#include "lib/uk_time.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void tell_moderators(const json_t *account, const json_t *runner, const char *failure)
{
	char *link = account_link(json_int(account, "id"));
	char *msg = xasprintf("%s no longer passes the checks to run the account '%s': %s",
			      json_str(runner, "name"), json_str(account, "name"), failure);
	json_t *mods = db_rows("SELECT u.id FROM user_roles r INDEXED BY user_roles_by_role "
			       "JOIN users u ON u.id = r.user_id WHERE r.role = 'moderator' AND "
			       "u.active = 1",
			       "");
	size_t i;
	json_t *m;
	json_array_foreach(mods, i, m)
		notify_user(json_int(m, "id"), "account_gate", msg, link);
	json_decref(mods);
	free(msg);
	free(link);
}

/* One runner's failing checks flagged; what was flagged before and passes
 * now is cleared by the caller.  The failing words go into `now`. */
static void flag_runner(const json_t *account, const json_t *runner, json_t *now, const char *at)
{
	json_t *checks = runner_checks(runner);
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c) {
		if (json_is_true(json_object_get(c, "ok")))
			continue;
		const char *failure = json_str(c, "detail");
		char *key = xasprintf("%s|%s", json_str(runner, "runner"), failure);
		json_object_set_new(now, key, json_true());
		free(key);
		db_exec("INSERT OR IGNORE INTO account_gate_failures(account_id, runner, who, "
			"failure, found_at) VALUES (?, ?, ?, ?, ?)",
			"Itttt", json_int(account, "id"), json_str(runner, "runner"),
			json_str(runner, "name"), failure, at);
		if (db_changes() != 1)
			continue; /* told before */
		tell_moderators(account, runner, failure);
	}
	json_decref(checks);
}

/* What was flagged and passes now is cleared: every runner of the account
 * (runner NULL), or one. */
static void clear_passed(int64_t account_id, const char *runner, const json_t *now)
{
	json_t *old = db_rows("SELECT runner, failure FROM account_gate_failures "
			      "WHERE account_id = ?",
			      "I", account_id);
	size_t i;
	json_t *r;
	json_array_foreach(old, i, r) {
		if (runner && strcmp(runner, json_str(r, "runner")) != 0)
			continue;
		char *key = xasprintf("%s|%s", json_str(r, "runner"), json_str(r, "failure"));
		if (!json_object_get(now, key))
			db_exec("DELETE FROM account_gate_failures WHERE account_id = ? AND "
				"runner = ? AND failure = ?",
				"Itt", account_id, json_str(r, "runner"), json_str(r, "failure"));
		free(key);
	}
	json_decref(old);
}

void account_gate_recheck(const json_t *account, const json_t *runner)
{
	char at[ISO_LEN];
	iso_now(at);
	json_t *now = json_object();
	flag_runner(account, runner, now, at);
	clear_passed(json_int(account, "id"), json_str(runner, "runner"), now);
	json_decref(now);
}

int account_gate_check_all(void)
{
	/* Every open account, by nature of the pass. */
	json_t *accounts = db_rows(WHOLE_TABLE_REPORT "SELECT id, name FROM social_accounts "
						      "WHERE status != 'closed' ORDER BY id",
				   "");
	char at[ISO_LEN];
	iso_now(at);
	size_t i, j;
	json_t *a, *r;
	json_array_foreach(accounts, i, a) {
		json_t *runners = account_runners(json_int(a, "id")), *now = json_object();
		json_array_foreach(runners, j, r)
			flag_runner(a, r, now, at);
		clear_passed(json_int(a, "id"), NULL, now);
		json_decref(now);
		json_decref(runners);
	}
	/* Flags of closed accounts are of no use to anyone. */
	db_exec("DELETE FROM account_gate_failures WHERE account_id IN (SELECT id FROM "
		"social_accounts WHERE status = 'closed')",
		"");
	json_decref(accounts);
	return db_failed() ? -1 : 0;
}

static int gate_pass(void)
{
	if (db_begin() != 0)
		return -1;
	if (account_gate_check_all() != 0) {
		db_rollback();
		return -1;
	}
	return db_commit() == 0 ? 1 : -1;
}

int account_gate_daily(void)
{
	/* The day last done, as a number (20261218), as leaving_apply_daily keeps it. */
	static atomic_int done;
	char day[11];
	uk_today(day);
	int y = 0, m = 0, d = 0;
	sscanf(day, "%d-%d-%d", &y, &m, &d);
	int key = y * 10000 + m * 100 + d;
	if (atomic_exchange(&done, key) == key)
		return 0;
	int n = gate_pass();
	if (n < 0)
		atomic_store(&done, 0); /* busy: the next request tries again */
	return n;
}
