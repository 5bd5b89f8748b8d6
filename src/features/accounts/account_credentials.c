#define _GNU_SOURCE
/* An account's credentials: only the moderator and the slt role may store
 * them; the moderator, senior leaders and the account's lead may reveal them
 * (ravens-wood §10; everyone else, its contributors too, gets the 404 of a
 * page that does not exist).  Revealing asks for the person's own password
 * again and is audited, whether it succeeds or not. */
#include "features/accounts/account_team.h"
#include "core/audit.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/throttle.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/vault.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

#define KEY_PROBLEM "The credentials cannot be read with this server's key file."

/* reveal: also the headteacher and the account's lead (account_rotation.c). */
static json_t *vault_account(struct request *rq, struct reply *rp, int reveal)
{
	int may = reveal ? may_reveal(rq, rq->ids[0]) : has_role(rq, ROLE_MODERATOR | ROLE_SLT);
	json_t *a = may ? account_load(rq->ids[0]) : NULL;
	if (!a)
		reply_not_found(rp);
	return a;
}

/* A refusal or failure, the detail being its reason. */
static void audit_alone(struct request *rq, struct reply *rp, const char *action,
			const char *detail, enum audit_outcome outcome)
{
	char *object = account_link(rq->ids[0]);
	if (reply_begin(rp, BUSY_UNSAVED) == 0) {
		audit_outcome(rq, outcome, detail, action, object + 1, "%s", detail);
		reply_commit(rp, BUSY_UNSAVED);
	}
	free(object);
}

void credentials_set(struct request *rq, struct reply *rp)
{
	json_t *a = vault_account(rq, rp, 0);
	if (!a)
		return;
	int closed = strcmp(json_str(a, "status"), "closed") == 0;
	json_decref(a);
	if (closed) {
		reply_error(
			rp, 409, NULL,
			"This account has been closed; its credentials can no longer be changed.");
		return;
	}
	json_t *c = json_pack(
		"{s:s, s:s, s:s, s:s}", "login", arg(rq, "login"), "password", arg(rq, "password"),
		"recovery_email", arg(rq, "recovery_email") ? arg(rq, "recovery_email") : "",
		"two_factor_notes", arg(rq, "two_factor_notes") ? arg(rq, "two_factor_notes") : "");
	char *plain = json_dumps(c, JSON_COMPACT);
	json_decref(c);
	unsigned char nonce[VAULT_NONCE_BYTES], *box = NULL;
	size_t box_len = 0;
	int sealed =
		plain && vault_seal(rq->ids[0], plain, strlen(plain), nonce, &box, &box_len) == 0;
	vault_free(plain);
	if (!sealed) {
		reply_error(
			rp, 500, NULL,
			"The credentials cannot be stored: this server's key file cannot be read.");
		return;
	}
	char at[ISO_LEN], *link = account_link(rq->ids[0]);
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) == 0) {
		db_exec("UPDATE social_accounts SET cred_nonce = ?, cred_box = ?, cred_updated_at "
			"= ? WHERE id = ?",
			"bbtI", nonce, sizeof nonce, box, box_len, at, rq->ids[0]);
		password_change_record(rq, rq->ids[0], at);
		audit(rq, "account.credentials_set", link + 1, "credentials stored, encrypted");
		if (reply_commit(rp, BUSY_UNSAVED) == 0)
			reply_done(rp, 200,
				   json_pack("{s:{s:b, s:s}}", "credentials", "stored", 1,
					     "updated_at", at),
				   link, "The credentials have been stored, encrypted.");
	}
	free(box);
	free(link);
}

struct sealed {
	unsigned char *nonce, *box;
	size_t nonce_len, box_len;
};

static int load_sealed(int64_t id, struct sealed *s)
{
	memset(s, 0, sizeof *s);
	sqlite3_stmt *st =
		db_stmt("SELECT cred_nonce, cred_box FROM social_accounts WHERE id = ?", "I", id);
	if (st && db_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_BLOB &&
	    sqlite3_column_type(st, 1) == SQLITE_BLOB) {
		s->nonce_len = (size_t)sqlite3_column_bytes(st, 0);
		s->box_len = (size_t)sqlite3_column_bytes(st, 1);
		s->nonce = xmalloc(s->nonce_len + 1);
		s->box = xmalloc(s->box_len + 1);
		memcpy(s->nonce, sqlite3_column_blob(st, 0), s->nonce_len);
		memcpy(s->box, sqlite3_column_blob(st, 1), s->box_len);
	}
	if (st)
		sqlite3_reset(st);
	return s->box != NULL;
}

/* The revealed credentials as a model, once the reveal is on record; NULL with a reply otherwise.
 */
static json_t *open_and_record(struct request *rq, struct reply *rp, const struct sealed *s)
{
	char *plain = vault_open(rq->ids[0], s->nonce, s->nonce_len, s->box, s->box_len);
	json_t *creds = plain ? json_loads(plain, 0, NULL) : NULL;
	vault_free(plain);
	if (!creds) {
		audit_alone(rq, rp, "account.credentials_reveal_failed",
			    "the key file does not open the credentials", AUDIT_FAILED);
		reply_error(rp, 500, NULL, KEY_PROBLEM);
		return NULL;
	}
	if (reveal_record(rq, rp) != 0) {
		json_decref(creds);
		return NULL;
	}
	return creds;
}

void credentials_reveal(struct request *rq, struct reply *rp)
{
	json_t *a = vault_account(rq, rp, 1);
	if (!a)
		return;
	struct sealed s;
	if (!load_sealed(rq->ids[0], &s)) {
		json_decref(a);
		reply_error(rp, 409, NULL, "No credentials have been stored for this account yet.");
		return;
	}
	json_t *creds = NULL;
	int right = password_recheck(rq, rp);  /* slowed as at sign-in */
	if (right == 0) {
		audit_alone(rq, rp, "account.credentials_reveal_refused",
			    "too many wrong passwords: asked to wait", AUDIT_REFUSED);
	} else if (right < 0) {
		audit_alone(rq, rp, "account.credentials_reveal_refused", "wrong password typed",
			    AUDIT_REFUSED);
		if (!rp->status)
			reply_error(rp, 403, "password",
				    "That is not your sign-in password, so the credentials are not "
				    "shown. "
				    "The attempt has been recorded.");
	} else {
		creds = open_and_record(rq, rp, &s);
	}
	free(s.nonce);
	free(s.box);
	if (!creds) {
		json_decref(a);
		return;
	}
	json_t *m = json_pack("{s:{s:O, s:O, s:O}, s:o}", "account", "id", json_object_get(a, "id"),
			      "name", json_object_get(a, "name"), "platform_label",
			      json_object_get(a, "platform_label"), "credentials", creds);
	json_decref(a);
	reply_page(rp, "account_credentials", "Account credentials", m);
}
