/* The stored side of second factors: sealed secrets, hashed recovery
 * codes and pending sign-ins. */
#define _GNU_SOURCE
#include "core/twofactor.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/write.h"
#include "lib/config.h"
#include "db/db.h"
#include "lib/totp.h"
#include "lib/util.h"
#include "lib/vault.h"
#include "lib/json_get.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int twofactor_enrolled(int64_t user_id)
{
	return db_int(0, "SELECT count(*) FROM totp WHERE user_id = ? AND confirmed_at IS NOT NULL",
		      "I", user_id) > 0;
}

unsigned twofactor_required_roles(void)
{
	char *v = db_text("SELECT value FROM settings WHERE key = 'require_2fa_roles'", "");
	unsigned roles = 0;
	char bad[64];
	/* roles_parse always adds staff; staff alone is never a requirement. */
	if (v && v[0] && roles_parse(v, &roles, bad, sizeof bad) == 0)
		roles &= ~(unsigned)ROLE_STAFF;
	else
		roles = 0;
	free(v);
	return roles;
}

void twofactor_load_pending(struct request *rq, const char hash[65])
{
	json_t *p = db_row(
		"SELECT p.user_id, p.csrf, p.created_at, u.email, u.name FROM pending_logins p "
		"JOIN users u ON u.id = p.user_id WHERE p.token_hash = ? AND u.active = 1",
		"t", hash);
	if (!p)
		return;
	if (now() - json_int(p, "created_at") <= PENDING_LIFETIME) {
		rq->pending_login = 1;
		rq->user.id = json_int(p, "user_id");
		copy_str(rq->csrf, sizeof rq->csrf, json_str(p, "csrf"));
		copy_str(rq->user.email, sizeof rq->user.email, json_str(p, "email"));
		copy_str(rq->user.name, sizeof rq->user.name, json_str(p, "name"));
		copy_str(rq->session_hash, sizeof rq->session_hash, hash);
	}
	json_decref(p);
}

void twofactor_start_pending(struct request *rq, struct reply *rp, int64_t user_id,
			     const char *email, const char *next, const char *provider)
{
	char token[44], csrf[44], hash[65];
	random_token(token);
	random_token(csrf);
	sha256_hex(token, strlen(token), hash);
	int local = next && next[0] == '/' && next[1] != '/' && next[1] != '\\';
	int64_t t = now();
	if (reply_begin(rp, BUSY_SHORT) != 0)
		return;
	db_exec("DELETE FROM pending_logins WHERE created_at < ?", "I", t - PENDING_LIFETIME);
	db_exec("INSERT INTO pending_logins(token_hash, user_id, csrf, created_at, next) VALUES "
		"(?,?,?,?,?)",
		"tItIt", hash, user_id, csrf, t, local ? next : "/");
	if (provider)
		db_exec("INSERT INTO pending_sso(token_hash, provider) VALUES (?, ?)", "tt", hash,
			provider);
	else
		audit(rq, "login.password_ok", email, "second factor owed");
	if (reply_commit(rp, BUSY_SHORT) != 0)
		return;
	rp->set_cookie = auth_session_cookie(token, PENDING_LIFETIME);
	reply_done(rp, 200, json_pack("{s:b, s:s}", "second_factor", 1, "csrf", csrf),
		   "/login/code", NULL);
}

void twofactor_ad(int64_t user_id, char ad[TWOFACTOR_AD_LEN])
{
	snprintf(ad, TWOFACTOR_AD_LEN, "totp:%lld", (long long)user_id);
}

char *twofactor_secret(int64_t user_id)
{
	char ad[TWOFACTOR_AD_LEN];
	twofactor_ad(user_id, ad);
	return twofactor_secret_ad(user_id, ad);
}

char *twofactor_secret_ad(int64_t user_id, const char *ad)
{
	sqlite3_stmt *st = db_stmt("SELECT nonce, box FROM totp WHERE user_id = ?", "I", user_id);
	char *plain = NULL;
	if (st && db_step(st) == SQLITE_ROW) {
		plain = vault_open_ad(
			ad, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
			sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1));
	}
	if (st)
		sqlite3_reset(st);
	return plain;
}

/* Recovery codes are typed by hand: case, spaces and dashes do not matter. */
static void recovery_hash(int64_t user_id, const char *code, char out[65])
{
	char norm[64];
	size_t n = 0;
	for (const char *p = code; *p && n < sizeof norm - 1; p++)
		if (isalnum((unsigned char)*p))
			norm[n++] = (char)tolower((unsigned char)*p);
	norm[n] = 0;
	char *salted = xasprintf("%lld:%s", (long long)user_id, norm);
	sha256_hex(salted, strlen(salted), out);
	free(salted);
}

static int check_recovery(int64_t user_id, const char *code)
{
	char hash[65], at[ISO_LEN];
	recovery_hash(user_id, code, hash);
	iso_now(at);
	db_exec("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND "
		"used_at IS NULL",
		"tIt", at, user_id, hash);
	return db_changes() == 1;
}

int twofactor_check(int64_t user_id, const char *code, const char **how)
{
	char *secret = twofactor_secret(user_id);
	int64_t step = secret ? totp_match(secret, now(), code) : -1;
	vault_free(secret);
	*how = "app";
	if (step >= 0) {
		/* A code works once: a step at or before the last one used is refused. */
		db_exec("UPDATE totp SET last_step = ? WHERE user_id = ? AND last_step < ?", "III",
			step, user_id, step);
		return db_changes() == 1;
	}
	*how = "recovery code";
	return strlen(code) > 6 && check_recovery(user_id, code);
}

json_t *twofactor_new_recovery_codes(int64_t user_id)
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789"; /* no 0/o, 1/l/i */
	json_t *codes = json_array();
	db_exec("DELETE FROM recovery_codes WHERE user_id = ?", "I", user_id);
	for (int i = 0; i < RECOVERY_CODES; i++) {
		char code[20], hash[65];
		size_t n = 0;
		/* 16 characters from 31: about 79 bits, beyond searching a SHA-256 back. */
		for (int k = 0; k < 16; k++) {
			if (k && k % 4 == 0)
				code[n++] = '-';
			code[n++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
		}
		code[n] = 0;
		recovery_hash(user_id, code, hash);
		db_exec("INSERT INTO recovery_codes(user_id, code_hash) VALUES (?, ?)", "It",
			user_id, hash);
		json_array_append_new(codes, json_string(code));
	}
	return codes;
}

void twofactor_remove(int64_t user_id)
{
	db_exec("DELETE FROM totp WHERE user_id = ?", "I", user_id);
	db_exec("DELETE FROM recovery_codes WHERE user_id = ?", "I", user_id);
	db_exec("DELETE FROM pending_logins WHERE user_id = ?", "I", user_id);
}
