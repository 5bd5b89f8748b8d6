/* A person's sessions: listing them with where they came from, and ending
 * them.  Only the live ones are listed (idle and lifetime limits of
 * lib/config.h); an expired row is removed the next time it is presented. */
#define _GNU_SOURCE
#include "core/sessions.h"
#include "db/db.h"
#include "lib/config.h"
#include "lib/json_get.h"
#include "lib/util.h"
#include "lib/user_agent.h"

#include <string.h>

/* Enough to tell browsers apart; a longer header is cut, not refused. */
#define USER_AGENT_KEPT 300

void session_info_add(const char *token_hash, const char *address, const char *user_agent)
{
	char ua[USER_AGENT_KEPT + 1] = "";
	if (user_agent) {
		size_t n = strnlen(user_agent, USER_AGENT_KEPT);
		/* Cut at a character's start, so what is kept is still UTF-8. */
		if (n == USER_AGENT_KEPT)
			while (n > 0 && ((unsigned char)user_agent[n] & 0xC0) == 0x80)
				n--;
		memcpy(ua, user_agent, n);
		ua[n] = '\0';
	}
	db_exec("INSERT INTO session_info(token_hash, address, user_agent) VALUES (?,?,?)", "ttt",
		token_hash, address ? address : "", ua);
}

json_t *sessions_of(int64_t user_id, const char *current_hash)
{
	int64_t t = now();
	json_t *rows = db_rows(
		"SELECT i.id, "
		"strftime('%Y-%m-%dT%H:%M:%SZ', s.created_at, 'unixepoch') AS started_at, "
		"strftime('%Y-%m-%dT%H:%M:%SZ', s.last_seen, 'unixepoch') AS last_seen, i.address, "
		"i.user_agent, s.token_hash = ? AS current FROM sessions s "
		"JOIN session_info i ON i.token_hash = s.token_hash "
		"WHERE s.user_id = ? AND s.last_seen >= ? AND s.created_at >= ? "
		"ORDER BY s.last_seen DESC, i.id DESC",
		"tIII", current_hash ? current_hash : "", user_id, t - (int64_t)cfg.session_idle,
		t - (int64_t)cfg.session_lifetime);
	size_t i;
	json_t *row;
	json_array_foreach (rows, i, row) {
		char words[64];
		user_agent_words(json_str(row, "user_agent"), words, sizeof words);
		json_object_set_new(row, "browser", json_string(words));
		json_object_set_new(row, "current", json_boolean(json_int(row, "current")));
	}
	return rows;
}

int64_t sessions_count(int64_t user_id)
{
	int64_t t = now();
	return db_int(0,
		      "SELECT count(*) FROM sessions WHERE user_id = ? AND last_seen >= ? AND "
		      "created_at >= ?",
		      "III", user_id, t - (int64_t)cfg.session_idle,
		      t - (int64_t)cfg.session_lifetime);
}

int session_owned(int64_t user_id, int64_t id, const char *current_hash)
{
	return (int)db_int(0,
			   "SELECT 1 + (s.token_hash = ?) FROM session_info i JOIN sessions s ON "
			   "s.token_hash = i.token_hash WHERE i.id = ? AND s.user_id = ?",
			   "tII", current_hash ? current_hash : "", id, user_id);
}

int session_end(int64_t user_id, int64_t id)
{
	db_exec("DELETE FROM sessions WHERE user_id = ? AND token_hash = "
		"(SELECT token_hash FROM session_info WHERE id = ?)",
		"II", user_id, id);
	return db_changes();
}

int sessions_end_user(int64_t user_id, const char *keep_hash)
{
	/* A second factor still being set up belongs to the session shown it
	 * (signin/twofactor.c): gone with the sessions, unless that is the one kept. */
	db_exec("DELETE FROM totp WHERE user_id = ? AND confirmed_at IS NULL AND NOT EXISTS "
		"(SELECT 1 FROM sessions WHERE token_hash = ? AND user_id = ?)",
		"ItI", user_id, keep_hash ? keep_hash : "", user_id);
	db_exec("DELETE FROM pending_logins WHERE user_id = ?", "I", user_id);
	db_exec("DELETE FROM sessions WHERE user_id = ? AND token_hash != ?", "It", user_id,
		keep_hash ? keep_hash : "");
	return db_changes();
}

int sessions_end_password(const char *keep_hash, const char *keep_email)
{
	/* Every row, by design, as for a breach: a school turning passwords
	 * off means no password session to go on. */
	db_exec(WHOLE_TABLE_REPORT "DELETE FROM pending_logins WHERE NOT EXISTS (SELECT 1 FROM "
				   "pending_sso p WHERE p.token_hash = pending_logins.token_hash) "
				   "AND user_id NOT IN (SELECT id FROM users WHERE email = ?)",
		"t", keep_email);
	db_exec(WHOLE_TABLE_REPORT "DELETE FROM sessions WHERE token_hash != ? AND NOT EXISTS "
				   "(SELECT 1 FROM oidc_sessions o WHERE o.token_hash = "
				   "sessions.token_hash) AND user_id NOT IN (SELECT id FROM users "
				   "WHERE email = ?)",
		"tt", keep_hash ? keep_hash : "", keep_email);
	return db_changes();
}

int sessions_end_everyone(const char *keep_hash, int64_t *people)
{
	/* Every row, by design: this is the answer to a suspected breach. */
	*people = db_int(0,
			 WHOLE_TABLE_REPORT "SELECT count(DISTINCT user_id) FROM sessions "
					    "WHERE token_hash != ?",
			 "t", keep_hash ? keep_hash : "");
	db_exec(WHOLE_TABLE_REPORT "DELETE FROM pending_logins", "");
	db_exec(WHOLE_TABLE_REPORT "DELETE FROM sessions WHERE token_hash != ?", "t",
		keep_hash ? keep_hash : "");
	return db_changes();
}
