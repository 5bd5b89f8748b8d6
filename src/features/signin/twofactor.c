/* /account/2fa: setting up a second factor (QR code and secret, confirmed
 * by a first code), recovery codes, and removing it when no role needs it. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "db/db.h"
#include "features/signin/login.h"
#include "http/router.h"
#include "lib/totp.h"
#include "core/throttle.h"
#include "core/twofactor.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/vault.h"

#include <stdlib.h>
#include <string.h>

/* A secret waiting to be confirmed is sealed with the session it was shown
 * to as well as the person ("totp:<id>:<session>"), so only that session can
 * open it again: someone who has only the password and reads it before the
 * owner enrols leaves the owner a fresh secret, not the one they copied.
 * Confirming it seals it again as "totp:<id>", for the code step. */
#define ENROL_AD_LEN 112

static void enrol_ad(const struct request *rq, char ad[ENROL_AD_LEN])
{
	snprintf(ad, ENROL_AD_LEN, "totp:%lld:%s", (long long)rq->user.id, rq->session_hash);
}

/* The unconfirmed secret this session was shown, or NULL. */
static char *shown_secret(const struct request *rq)
{
	char ad[ENROL_AD_LEN];
	enrol_ad(rq, ad);
	return twofactor_secret_ad(rq->user.id, ad);
}

/* The secret to show: this session's, or a new one replacing any other
 * unconfirmed one, so that reloading the page shows the same QR code. */
static char *pending_secret(const struct request *rq)
{
	char *secret = shown_secret(rq);
	if (secret)
		return secret;
	char b32[TOTP_B32_LEN + 1], ad[ENROL_AD_LEN], at[ISO_LEN];
	unsigned char nonce[VAULT_NONCE_BYTES], *box = NULL;
	size_t box_len = 0;
	totp_new_secret(b32);
	enrol_ad(rq, ad);
	if (vault_seal_ad(ad, b32, strlen(b32), nonce, &box, &box_len) != 0)
		return NULL;
	iso_now(at);
	int ok = db_begin() == 0;
	if (ok) {
		db_exec("INSERT INTO totp(user_id, nonce, box, created_at) VALUES (?, ?, ?, ?) "
			"ON CONFLICT(user_id) DO UPDATE SET nonce = excluded.nonce, "
			"box = excluded.box, created_at = excluded.created_at "
			"WHERE confirmed_at IS NULL",
			"Ibbt", rq->user.id, nonce, sizeof nonce, box, box_len, at);
		ok = db_commit() == 0;
	}
	free(box);
	sodium_memzero(b32, sizeof b32);
	return ok ? shown_secret(rq) : NULL;
}

static char *issuer(void)
{
	char *school = db_text("SELECT value FROM settings WHERE key = 'school_name'", "");
	char *s = xasprintf("staffroom (%s)", school ? school : "school");
	free(school);
	return s;
}

static void enrol_page(struct request *rq, struct reply *rp)
{
	int enrolled = twofactor_enrolled(rq->user.id);
	/* Both forms ask for the password: a refused "Turn off" shows its
	 * problem in its own form, whose field is f-password-off. */
	int remove_sent = reply_form_sent(rq, "/remove");
	json_t *m = json_pack("{s:b, s:b, s:b, s:b}", "enrolled", enrolled, "required",
			      (rq->user.roles & twofactor_required_roles()) != 0, "ask_password",
			      password_asked(rq), "remove_sent", remove_sent);
	if (remove_sent)
		reply_field_id(m, "password", "f-password-off");
	if (enrolled) {
		json_t *row =
			db_row("SELECT confirmed_at FROM totp WHERE user_id = ?", "I", rq->user.id);
		json_object_set(m, "confirmed_at", json_object_get(row, "confirmed_at"));
		json_decref(row);
		int64_t left = db_int(0,
				      "SELECT count(*) FROM recovery_codes WHERE user_id = ? AND "
				      "used_at IS NULL",
				      "I", rq->user.id);
		json_object_set_new(m, "recovery_left", json_integer(left));
		json_object_set_new(m, "recovery_left_words",
				    reply_count_words(left, "unused recovery code",
						      "unused recovery codes"));
	} else {
		char *secret = pending_secret(rq);
		if (!secret) {
			reply_error(
				rp, 503, NULL,
				"The key file cannot be read, so a second factor cannot be set up. "
				"Ask your IT technician.");
			json_decref(m);
			return;
		}
		char *is = issuer(), *uri = totp_uri(is, rq->user.email, secret);
		json_object_set_new(m, "secret", json_string(secret));
		json_object_set_new(m, "uri", json_string(uri));
		free(is);
		free(uri);
		vault_free(secret);
	}
	reply_page(rp, "twofactor", "Two-factor sign-in", m);
}

static void qr_image(struct request *rq, struct reply *rp)
{
	if (twofactor_enrolled(rq->user.id)) {
		reply_not_found(rp);
		return;
	}
	char *secret = shown_secret(rq);
	if (!secret) {
		reply_not_found(rp);
		return;
	}
	char *is = issuer(), *uri = totp_uri(is, rq->user.email, secret);
	size_t len = 0;
	char *svg = qr_svg(uri, &len);
	sodium_memzero(uri, strlen(uri));
	free(uri);
	free(is);
	vault_free(secret);
	if (!svg) {
		reply_error(
			rp, 500, NULL,
			"The QR code could not be drawn. Type the secret into your app instead.");
		return;
	}
	reply_raw(rp, "image/svg+xml", svg, len);
	rp->inline_ok = 1;
}

static void show_codes(struct reply *rp, int status, json_t *codes, const char *title)
{
	reply_page(rp, "twofactor_codes", title,
		   json_pack("{s:o, s:b}", "recovery_codes", codes, "enrolled", 1));
	rp->status = status;
}

static void enrol_confirm(struct request *rq, struct reply *rp)
{
	if (twofactor_enrolled(rq->user.id)) {
		reply_error(rp, 409, NULL, "Two-factor sign-in is already set up.");
		return;
	}
	char *secret = shown_secret(rq);
	int64_t step = secret ? totp_match(secret, now(), arg(rq, "code")) : -1;
	char ad[TWOFACTOR_AD_LEN];
	unsigned char nonce[VAULT_NONCE_BYTES], *box = NULL;
	size_t box_len = 0;
	twofactor_ad(rq->user.id, ad);
	int sealed = step >= 0 && vault_seal_ad(ad, secret, strlen(secret), nonce, &box,
						&box_len) == 0;
	vault_free(secret);
	if (step < 0) {
		reply_error(
			rp, 400, "code",
			"That code is not right. Check that the app shows staffroom, and the time "
			"on your phone.");
		return;
	}
	if (!sealed) {
		reply_error(rp, 503, NULL,
			    "The key file cannot be read, so a second factor cannot be set up. "
			    "Ask your IT technician.");
		return;
	}
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY) != 0) {
		free(box);
		return;
	}
	db_exec("UPDATE totp SET nonce = ?, box = ?, confirmed_at = ?, last_step = ? "
		"WHERE user_id = ? AND confirmed_at IS NULL",
		"bbtII", nonce, sizeof nonce, box, box_len, at, step, rq->user.id);
	free(box);
	json_t *codes = twofactor_new_recovery_codes(rq->user.id);
	audit(rq, "2fa.enrol", rq->user.email, "second factor set up; %d recovery codes",
	      RECOVERY_CODES);
	if (reply_commit(rp, BUSY) != 0) {
		json_decref(codes);
		return;
	}
	show_codes(rp, 201, codes, "Your recovery codes");
}

static void new_codes(struct request *rq, struct reply *rp)
{
	if (!twofactor_enrolled(rq->user.id)) {
		reply_error(rp, 409, NULL, "Set up two-factor sign-in first.");
		return;
	}
	/* A borrowed, signed-in screen is not enough: the password again, slowed
	 * as at sign-in, of anyone who has one (throttle.c).  Someone who signs in
	 * only through the school's provider has none to give. */
	if (!password_asked_again(rq, rp) || reply_begin(rp, BUSY) != 0)
		return;
	json_t *codes = twofactor_new_recovery_codes(rq->user.id);
	audit(rq, "2fa.recovery_codes", rq->user.email,
	      "new recovery codes; the old ones no longer work");
	if (reply_commit(rp, BUSY) != 0) {
		json_decref(codes);
		return;
	}
	show_codes(rp, 200, codes, "Your new recovery codes");
}

/* Turning off what is not on would write an audit row saying it was. */
#define TWOFACTOR_OFF "Two-factor sign-in is not on, so there is nothing to turn off."

static void remove_own(struct request *rq, struct reply *rp)
{
	if (rq->user.roles & twofactor_required_roles()) {
		reply_error(rp, 409, NULL,
			    "Your role needs two-factor sign-in, so you cannot turn it off. "
			    "If you have lost your phone, use a recovery code or ask an "
			    "administrator to reset it.");
		return;
	}
	if (!twofactor_enrolled(rq->user.id)) {
		reply_error(rp, 409, NULL, "%s", TWOFACTOR_OFF);
		return;
	}
	/* Asked again in the write: the button pressed twice at once turns it
	 * off once, with one audit row. */
	if (!password_asked_again(rq, rp) || reply_begin(rp, BUSY) != 0 ||
	    reply_refuse_repeat(rp, !twofactor_enrolled(rq->user.id), TWOFACTOR_OFF) != 0)
		return;
	twofactor_remove(rq->user.id);
	audit(rq, "2fa.remove", rq->user.email, "turned off by the person");
	if (reply_commit(rp, BUSY) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:b}", "enrolled", 0), "/account/2fa",
		   "Two-factor sign-in is off.");
}

static const struct field_spec code_form[] = {
	{ "code", F_TEXT, 10, F_REQUIRED, NULL, "Code from the app" },
	{ NULL },
};
/* Required of those who have a password (password_asked_again), not by the router. */
static const struct field_spec password_form[] = {
	{ "password", F_PASSWORD, 1024, 0, NULL, "Your password" },
	{ NULL },
};

const struct route twofactor_routes[] = {
	{ "GET", "/account/2fa", enrol_page, ROLE_STAFF, NULL, NULL, R_ENROL },
	{ "GET", "/account/2fa/qr.svg", qr_image, ROLE_STAFF, NULL, NULL, R_ENROL },
	{ "POST", "/account/2fa/confirm", enrol_confirm, ROLE_STAFF, code_form, enrol_page,
	  R_ENROL },
	{ "POST", "/account/2fa/recovery-codes", new_codes, ROLE_STAFF, password_form, enrol_page,
	  0 },
	{ "POST", "/account/2fa/remove", remove_own, ROLE_STAFF, password_form, enrol_page, 0 },
	{ NULL },
};
