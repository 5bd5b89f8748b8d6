/* One-time links to set a password.  The token travels only in the e-mail;
 * the database keeps its SHA-256, as for sessions (core/auth.c), so reading
 * the database or a backup opens nobody's account.  A link works once.  A
 * new invitation spends the person's older links, so only the last one sent
 * by an administrator works; a reset link spends none, so that a stranger
 * typing someone's address on "Forgot your password?" cannot cancel the link
 * they are about to use, or their invitation.  Choosing a password spends
 * them all (core/auth.h). */
#define _GNU_SOURCE
#include "features/signin/password_link.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/mailer.h"
#include "db/db.h"
#include "lib/config.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The link is built from base_url: without it the e-mail could not be opened. */
int password_link_can_mail(void)
{
	return mail_enabled() && cfg.base_url && cfg.base_url[0];
}

int64_t invitation_days(void)
{
	char *v = db_text("SELECT value FROM settings WHERE key = 'invitation_days'", "");
	int64_t days = v ? strtoll(v, NULL, 10) : 7;
	free(v);
	return days >= 1 && days <= INVITATION_DAYS_MAX ? days : 7;
}

/* "9 Dec 2026, 14:05 (UK time)": plain text, for the e-mail, read in the
 * school's own time like every page. */
static char *expiry_words(const char *iso)
{
	char words[40];
	uk_time_words(iso, words, sizeof words);
	return xasprintf("%s (UK time)", words);
}

/* What the e-mail says: what the link is for, who sent it, when it ends. */
static char *mail_body(const struct request *rq, json_t *u, enum link_purpose purpose,
		       const char *url, const char *until, const char *school)
{
	char *why = purpose == LINK_INVITATION
			    ? xasprintf("%s (%s) has invited you to staffroom, the staff portal of "
					"%s. Open this link to choose your password and sign in:",
					rq->user.name, rq->user.email, school)
			    : xasprintf("Someone asked to reset your staffroom password on the "
					"sign-in page of %s's staffroom. If it was you, open this "
					"link to choose a new password:",
					school);
	char *body = xasprintf("Hello %s,\n\n%s\n\n%s\n\nThe link works once and expires on %s. "
			       "Choosing a password with it signs you out everywhere else.\n\n"
			       "If you did not expect this e-mail, ignore it: nothing changes "
			       "until the link is used.\n\n-- \nSent by staffroom for %s%s.\n",
			       json_str(u, "name"), why, url, until, school,
			       purpose == LINK_INVITATION
				       ? " at an administrator's request"
				       : " because this address was typed on its sign-in page");
	free(why);
	return body;
}

static int queue_mail(const struct request *rq, json_t *u, enum link_purpose purpose,
		      const char *token, const char *until_iso)
{
	char *school = db_text("SELECT value FROM settings WHERE key = 'school_name'", "");
	const char *name = cfg.school_name ? cfg.school_name : school ? school : "your school";
	char *url = xasprintf("%s/password/set?token=%s", cfg.base_url, token);
	char *until = expiry_words(until_iso);
	char *body = mail_body(rq, u, purpose, url, until, name);
	char *subject = xasprintf("%s (%s)",
				  purpose == LINK_INVITATION ? "Choose your staffroom password"
							     : "Reset your staffroom password",
				  name);
	char at[ISO_LEN];
	iso_now(at);
	int64_t id = db_insert("INSERT INTO outbox(user_id, to_addr, subject, body, created_at, "
			       "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
			       "Itttti", json_int(u, "id"), json_str(u, "email"), subject, body, at,
			       0);
	int rc = id < 0 ? -1
			: db_exec("INSERT INTO outbox_one_time(outbox_id) VALUES (?)", "I", id);
	sodium_memzero(body, strlen(body));
	sodium_memzero(url, strlen(url));
	free(url);
	free(until);
	free(body);
	free(subject);
	free(school);
	return rc;
}

int password_link_send(struct request *rq, int64_t user_id, enum link_purpose purpose)
{
	json_t *u = db_row("SELECT id, email, name FROM users WHERE id = ? AND active = 1", "I",
			   user_id);
	if (!u)
		return -1;
	char token[44], hash[65], at[ISO_LEN], until[ISO_LEN];
	random_token(token);
	sha256_hex(token, strlen(token), hash);
	iso_now(at);
	time_t life = purpose == LINK_INVITATION ? invitation_days() * 86400 : RESET_LIFETIME;
	iso_time(now() + life, until);
	const char *kind = purpose == LINK_INVITATION ? "invitation" : "reset";
	if (purpose == LINK_INVITATION)
		auth_spend_password_links(user_id);
	int rc = db_exec("INSERT INTO password_links(token_hash, user_id, purpose, sent_by, "
		      "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
		      "tItttt", hash, user_id, kind, rq->signed_in ? rq->user.email : "the person",
		      at, until);
	rc |= queue_mail(rq, u, purpose, token, until);
	audit(rq, purpose == LINK_INVITATION ? "password.invite" : "password.reset_sent",
	      json_str(u, "email"), "link expires %s", until);
	sodium_memzero(token, sizeof token);
	json_decref(u);
	return rc ? -1 : 0;
}

json_t *password_link_find(const char *token)
{
	if (!token || strlen(token) != 43)
		return NULL;
	char hash[65], at[ISO_LEN];
	sha256_hex(token, strlen(token), hash);
	iso_now(at);
	return db_row("SELECT l.id, l.user_id, l.purpose, u.email, u.name FROM password_links l "
		      "JOIN users u ON u.id = l.user_id WHERE l.token_hash = ? "
		      "AND l.used_at IS NULL AND l.expires_at > ? AND u.active = 1",
		      "tt", hash, at);
}
