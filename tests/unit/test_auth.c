/* Passwords, roles and sessions (idle and absolute expiry, CSRF). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/auth.h"
#include "core/password_rules.h"
#include "lib/config.h"
#include "testdb.h"
#include "lib/util.h"

static int64_t uid;

static int setup(void **state)
{
	if (sodium_init() < 0 || testdb_open(state) != 0)
		return -1;
	config_defaults();
	db_begin();
	uid = db_insert("INSERT INTO users(email, name, created_at) VALUES ('a@b.school', 'A B', '2026-01-01T00:00:00Z')", "");
	db_exec("INSERT INTO user_roles(user_id, role) VALUES (?, 'dsl')", "I", uid);
	return db_commit();
}

static void passwords_hash_with_argon2id_and_verify(void **state)
{
	(void)state;
	char hash[crypto_pwhash_STRBYTES];
	assert_int_equal(password_hash("correct horse battery", hash), 0);
	assert_memory_equal(hash, "$argon2id$", 10);
	assert_true(password_verify(hash, "correct horse battery"));
	assert_false(password_verify(hash, "correct horse batterY"));
	/* A person's password at the interactive cost; only a public one (the
	 * demo's) at the lowest, and both verify the same way. */
	assert_memory_equal(hash, "$argon2id$v=19$m=65536,t=2,p=1$", 31);
	assert_int_equal(password_hash_public("staffroom-demo", hash), 0);
	assert_memory_equal(hash, "$argon2id$v=19$m=8,t=1,p=1$", 27);
	assert_true(password_verify(hash, "staffroom-demo"));
	assert_false(password_verify(hash, "staffroom-dem0"));
}

/* 12 characters, or 10 for a role that must use a second factor (dsl by
 * default); cracklib's dictionary refuses a common one at any length. */
static void passwords_are_long_enough_and_not_common(void **state)
{
	(void)state;
	struct password_owner staff = { "A B", "a@b.school", ROLE_STAFF, 1 };
	struct password_owner dsl = { "A B", "a@b.school", ROLE_STAFF | ROLE_DSL, 1 };
	assert_non_null(password_problem("short", NULL));
	assert_non_null(password_problem("zebra-kite", &staff));
	assert_null(password_problem("zebra-kite", &dsl));
	assert_null(password_problem("zebra-kite-oboe", &staff));
	assert_string_equal(password_problem("password123", &dsl),
			    password_problem("Liverpool1", &dsl));
	assert_true(strstr(password_problem("password123", &dsl), "list of common passwords"));
	assert_int_equal(password_min(ROLE_STAFF), 12);
	assert_int_equal(password_min(ROLE_STAFF | ROLE_DSL), 10);
	assert_int_equal(password_dictionary_check(), 0);
}

static void roles_parse_and_always_include_staff(void **state)
{
	(void)state;
	unsigned r;
	char bad[32];
	assert_int_equal(roles_parse("dsl,slt", &r, bad, sizeof bad), 0);
	assert_int_equal(r, ROLE_STAFF | ROLE_DSL | ROLE_SLT);
	assert_int_equal(roles_parse("dsl,wizard", &r, bad, sizeof bad), -1);
	assert_string_equal(bad, "wizard");
	assert_int_equal(role_bit("chair"), ROLE_CHAIR);
	assert_int_equal(role_bit("nobody"), 0);
}

static void make_session(const char *token, int64_t created, int64_t seen)
{
	char hash[65];
	sha256_hex(token, strlen(token), hash);
	db_begin();
	db_exec("INSERT INTO sessions(token_hash, user_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)", "tItII",
		hash, uid, "csrf-token-value", created, seen);
	db_commit();
}

static const char *TOKEN1 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
static const char *TOKEN2 = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
static const char *TOKEN3 = "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";

static void a_live_session_loads_the_user_and_roles(void **state)
{
	(void)state;
	make_session(TOKEN1, now() - 60, now() - 10);
	struct request rq = { .cookie = TOKEN1 };
	auth_load(&rq);
	assert_true(rq.signed_in);
	assert_string_equal(rq.user.email, "a@b.school");
	assert_int_equal(rq.user.roles, ROLE_STAFF | ROLE_DSL);
	assert_string_equal(rq.csrf, "csrf-token-value");
	/* only the hash is stored */
	assert_int_equal(db_int(0, "SELECT count(*) FROM sessions WHERE token_hash = ?", "t", TOKEN1), 0);
}

static void idle_and_old_sessions_end(void **state)
{
	(void)state;
	make_session(TOKEN2, now() - 100, now() - (int64_t)cfg.session_idle - 5);
	struct request rq = { .cookie = TOKEN2 };
	auth_load(&rq);
	assert_false(rq.signed_in);
	make_session(TOKEN3, now() - (int64_t)cfg.session_lifetime - 5, now() - 1);
	struct request rq3 = { .cookie = TOKEN3 };
	auth_load(&rq3);
	assert_false(rq3.signed_in);
	char hash[65];
	sha256_hex(TOKEN3, strlen(TOKEN3), hash);
	assert_int_equal(db_int(0, "SELECT count(*) FROM sessions WHERE token_hash = ?", "t", hash), 0);
}

static void malformed_cookies_are_ignored(void **state)
{
	(void)state;
	const char *bad[] = { "", "short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!", "' OR 1=1 --" };
	for (size_t i = 0; i < 4; i++) {
		struct request rq = { .cookie = bad[i] };
		auth_load(&rq);
		assert_false(rq.signed_in);
	}
}

static void csrf_must_match_the_session(void **state)
{
	(void)state;
	struct param p = { .name = (char *)"csrf", .value = (char *)"csrf-token-value", .len = 16 };
	struct request rq = { .signed_in = 1, .params = &p, .nparams = 1 };
	copy_str(rq.csrf, sizeof rq.csrf, "csrf-token-value");
	assert_true(csrf_ok(&rq));
	p.value = (char *)"csrf-token-valuX";
	assert_false(csrf_ok(&rq));
	rq.nparams = 0;
	assert_false(csrf_ok(&rq));
	rq.csrf_header = "csrf-token-value";
	assert_true(csrf_ok(&rq));
	rq.signed_in = 0;
	assert_false(csrf_ok(&rq));
}

static void ending_sessions_removes_them_all(void **state)
{
	(void)state;
	make_session("DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD", now(), now());
	assert_true(db_int(0, "SELECT count(*) FROM sessions WHERE user_id = ?", "I", uid) > 0);
	db_begin();
	auth_end_sessions(uid);
	db_commit();
	assert_int_equal(db_int(0, "SELECT count(*) FROM sessions WHERE user_id = ?", "I", uid), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(passwords_hash_with_argon2id_and_verify),
		cmocka_unit_test(passwords_are_long_enough_and_not_common),
		cmocka_unit_test(roles_parse_and_always_include_staff),
		cmocka_unit_test(a_live_session_loads_the_user_and_roles),
		cmocka_unit_test(idle_and_old_sessions_end),
		cmocka_unit_test(malformed_cookies_are_ignored),
		cmocka_unit_test(csrf_must_match_the_session),
		cmocka_unit_test(ending_sessions_removes_them_all),
	};
	return cmocka_run_group_tests(tests, setup, testdb_close);
}
