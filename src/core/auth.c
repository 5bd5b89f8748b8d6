#define _GNU_SOURCE
#include "core/auth.h"
#include "core/oidc_session.h"
#include "lib/config.h"
#include "db/db.h"
#include "core/twofactor.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROLE_NAME_(id, name, words, routable) name,
static const char *const role_names[ROLE_COUNT] = { ROLE_LIST(ROLE_NAME_) };

unsigned role_bit(const char *name)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (strcmp(role_names[i], name) == 0)
			return 1u << i;
	return 0;
}

const char *role_name(int index)
{
	return index >= 0 && index < ROLE_COUNT ? role_names[index] : "";
}

json_t *roles_json(unsigned roles)
{
	json_t *a = json_array();
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles & (1u << i))
			json_array_append_new(a, json_string(role_names[i]));
	return a;
}

char *roles_text(unsigned roles)
{
	char *out = xstrdup("");
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles & (1u << i)) {
			char *next = xasprintf("%s%s%s", out, out[0] ? ", " : "", role_names[i]);
			free(out);
			out = next;
		}
	return out;
}

unsigned user_roles_load(int64_t user_id)
{
	unsigned roles = 0;
	sqlite3_stmt *st = db_stmt("SELECT role FROM user_roles WHERE user_id = ?", "I", user_id);
	while (st && db_step(st) == SQLITE_ROW)
		roles |= role_bit((const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return roles;
}

int64_t role_sole_holder(const char *role)
{
	return db_int(0,
		      "SELECT CASE WHEN count(*) = 1 THEN max(u.id) ELSE 0 END FROM user_roles r "
		      "JOIN users u ON u.id = r.user_id WHERE r.role = ? AND u.active = 1",
		      "t", role);
}

int role_held(const char *role, int64_t except_id)
{
	/* Ids start at 1, so 0 leaves nobody out. */
	return db_int(0,
		      "SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE "
		      "r.role = ? AND u.active = 1 AND u.id != ? LIMIT 1",
		      "tI", role, except_id) == 1;
}

int roles_parse(const char *list, unsigned *out, char *bad, size_t badsize)
{
	unsigned roles = ROLE_STAFF;
	char *copy = xstrdup(list), *save = NULL;
	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		unsigned bit = role_bit(tok);
		if (!bit) {
			copy_str(bad, badsize, tok);
			free(copy);
			return -1;
		}
		roles |= bit;
	}
	free(copy);
	*out = roles;
	return 0;
}

int roles_store(int64_t user_id, unsigned roles)
{
	int rc = db_exec("DELETE FROM user_roles WHERE user_id = ?", "I", user_id);
	for (int i = 0; i < ROLE_COUNT && rc == 0; i++)
		if (roles & (1u << i))
			rc = db_exec("INSERT INTO user_roles(user_id, role) VALUES (?, ?)", "It",
				     user_id, role_names[i]);
	return rc;
}

int password_hash(const char *password, char out[crypto_pwhash_STRBYTES])
{
	return crypto_pwhash_str_alg(
		out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

int password_hash_public(const char *password, char out[crypto_pwhash_STRBYTES])
{
	return crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_MIN,
				     crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13);
}

int password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int user_password_ok(int64_t user_id, const char *password)
{
	char *hash = db_text("SELECT password_hash FROM users WHERE id = ? AND active = 1", "I",
			     user_id);
	int ok = hash && password_verify(hash, password);
	free(hash);
	return ok;
}

static int token_shape_ok(const char *t)
{
	if (strlen(t) != 43)
		return 0;
	for (; *t; t++)
		if (!((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') ||
		      (*t >= '0' && *t <= '9') || *t == '-' || *t == '_'))
			return 0;
	return 1;
}

static void drop_session(const char *hash)
{
	if (db_begin() == 0) {
		db_exec("DELETE FROM sessions WHERE token_hash = ?", "t", hash);
		db_commit();
	}
}

/* last_seen is written at most every minute (or a quarter of the idle
 * time), so reading pages does not mean a write per request. */
static void touch_session(const char *hash, int64_t last_seen)
{
	int64_t t = now(), step = cfg.session_idle / 4 < 60 ? cfg.session_idle / 4 : 60;
	if (t - last_seen < step)
		return;
	if (db_begin() == 0) {
		db_exec("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", "It", t, hash);
		db_commit();
	}
}

void auth_load(struct request *rq)
{
	if (!rq->cookie || !token_shape_ok(rq->cookie))
		return;
	char hash[65];
	sha256_hex(rq->cookie, strlen(rq->cookie), hash);
	sqlite3_stmt *st =
		db_stmt("SELECT s.user_id, s.csrf, s.created_at, s.last_seen, u.email, u.name, "
			"u.department, u.staff_type, u.active, s.flash IS NOT NULL FROM sessions s "
			"JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
			"t", hash);
	if (!st || db_step(st) != SQLITE_ROW) {
		if (st)
			sqlite3_reset(st);
		twofactor_load_pending(rq, hash);
		return;
	}
	int64_t t = now(), created = sqlite3_column_int64(st, 2),
		seen = sqlite3_column_int64(st, 3);
	int live = sqlite3_column_int(st, 8) == 1 && t - seen <= (int64_t)cfg.session_idle &&
		   t - created <= (int64_t)cfg.session_lifetime;
	if (live) {
		rq->signed_in = 1;
		rq->user.id = sqlite3_column_int64(st, 0);
		copy_str(rq->csrf, sizeof rq->csrf, (const char *)sqlite3_column_text(st, 1));
		copy_str(rq->user.email, sizeof rq->user.email,
			 (const char *)sqlite3_column_text(st, 4));
		copy_str(rq->user.name, sizeof rq->user.name,
			 (const char *)sqlite3_column_text(st, 5));
		copy_str(rq->user.department, sizeof rq->user.department,
			 (const char *)sqlite3_column_text(st, 6));
		copy_str(rq->user.staff_type, sizeof rq->user.staff_type,
			 (const char *)sqlite3_column_text(st, 7));
		copy_str(rq->session_hash, sizeof rq->session_hash, hash);
		rq->flash_waiting = sqlite3_column_int(st, 9);
	}
	sqlite3_reset(st);
	if (!live) {
		drop_session(hash);
		return;
	}
	rq->user.roles = user_roles_load(rq->user.id) | ROLE_STAFF;
	/* A provider's multi-factor sign-in, when the school lets it count,
	 * is the second factor: nothing more to enrol for this session. */
	rq->must_enrol = (rq->user.roles & twofactor_required_roles()) &&
			 !twofactor_enrolled(rq->user.id) && !oidc_session_mfa(hash);
	touch_session(hash, seen);
}

int csrf_ok(const struct request *rq)
{
	const char *sent = arg(rq, "csrf");
	if (!sent)
		sent = rq->csrf_header;
	if (!(rq->signed_in || rq->pending_login) || !sent || strlen(sent) != strlen(rq->csrf) ||
	    !rq->csrf[0])
		return 0;
	return sodium_memcmp(sent, rq->csrf, strlen(rq->csrf)) == 0;
}

void auth_end_sessions(int64_t user_id)
{
	/* A second factor still being set up was shown to one of these sessions
	 * (signin/twofactor.c): after a new password nobody may finish it. */
	db_exec("DELETE FROM totp WHERE user_id = ? AND confirmed_at IS NULL", "I", user_id);
	/* A sign-in waiting for its code began with the old password: it must
	 * not turn into a session after the password was changed. */
	db_exec("DELETE FROM pending_logins WHERE user_id = ?", "I", user_id);
	db_exec("DELETE FROM sessions WHERE user_id = ?", "I", user_id);
}

void auth_spend_password_links(int64_t user_id)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("UPDATE password_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
		"tI", at, user_id);
}

char *auth_session_cookie(const char *token, long max_age)
{
	return xasprintf("sr_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld%s",
			 token ? token : "", max_age, cfg.cookie_secure ? "; Secure" : "");
}

void auth_set_flash(const struct request *rq, const char *message)
{
	if (!rq->session_hash[0] || db_begin() != 0)
		return;
	db_exec("UPDATE sessions SET flash = ? WHERE token_hash = ?", "tt", message,
		rq->session_hash);
	db_commit();
}

char *auth_take_flash(const struct request *rq)
{
	/* Read with the session (auth_load): most pages have no message. */
	if (!rq->session_hash[0] || !rq->flash_waiting)
		return NULL;
	char *flash =
		db_text("SELECT flash FROM sessions WHERE token_hash = ?", "t", rq->session_hash);
	if (flash && db_begin() == 0) {
		db_exec("UPDATE sessions SET flash = NULL WHERE token_hash = ?", "t",
			rq->session_hash);
		db_commit();
	}
	return flash;
}
