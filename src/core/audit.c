#define _GNU_SOURCE
#include "core/audit.h"
#include "core/audit_anchor.h"
#include "core/audit_syslog.h"
#include "lib/config.h"
#include "db/db.h"
#include "lib/keyfile.h"
#include "lib/util.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GENESIS AUDIT_GENESIS

/* The chain's key: derived from the key file for this one purpose, so that
 * it is never the vault's key itself (libsodium's key derivation). */
static unsigned char chain_key[crypto_generichash_KEYBYTES];
static int have_key;

static void keyed_hash(const unsigned char *key, const char *prev, const char *at,
		       const struct audit_row *r, char out[65]);

static int derive_key(unsigned char key[crypto_generichash_KEYBYTES])
{
	unsigned char file_key[VAULT_KEY_BYTES];
	int rc = cfg.key_file ? keyfile_load(cfg.key_file, file_key) : -1;
	if (rc != 0)
		return rc == KEYFILE_REFUSED ? AUDIT_KEY_REFUSED : -1;
	crypto_kdf_derive_from_key(key, crypto_generichash_KEYBYTES, 1, "sraudit1", file_key);
	sodium_memzero(file_key, sizeof file_key);
	return 0;
}

/* The columns a row's hash covers, after its id, as audit_row_read reads them. */
#define AUDIT_ROW_COLUMNS                                                                   \
	"id, at, actor_id, actor, address, action, object, detail, prev_hash, hash, roles, " \
	"outcome, reason"

/* The row st is on (AUDIT_ROW_COLUMNS): col[1..12] its text, r what its hash
 * covers; 0 when a field is empty, which no row of the chain may be. */
static int audit_row_read(sqlite3_stmt *st, const char *col[13], struct audit_row *r)
{
	for (int i = 1; i < 13; i++)
		if (i != 2 && !(col[i] = (const char *)sqlite3_column_text(st, i)))
			return 0;
	*r = (struct audit_row){ sqlite3_column_int64(st, 2), col[3], col[4], col[10], col[5],
				 col[6], col[7], col[11], col[12] };
	return 1;
}

/* The newest row's MAC, recomputed: a key file that is not the chain's
 * (a copy from another school, a new one made by mistake) would otherwise
 * write rows no key can ever verify.  One row, so start-up stays quick.  A
 * log not keyed yet, or of a schema before outcomes, has nothing to check. */
static int has_outcomes(void)
{
	return db_int(0, "SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'outcome'",
		      "") > 0;
}

/* How the newest keyed rows of the log verify with key. */
enum key_fit { KEY_FITS, KEY_NOT_THIS_LOGS, NEWEST_ROW_CHANGED, KEY_OR_ROW };

/* The rows from the one that started the keyed chain on, newest first, up
 * to three: the newest verifying is the key's proof.  Otherwise a row before it that
 * verifies tells that the key is right and the newest row was changed;
 * none verifying, that the key file is another log's; with no row before it
 * to ask, either may be so. */
static enum key_fit key_fits_chain(const unsigned char *key)
{
	if (!has_outcomes() ||
	    db_int(0, "SELECT count(*) FROM audit WHERE action = ?", "t", AUDIT_START_ACTION) == 0)
		return KEY_FITS;
	sqlite3_stmt *st = db_stmt("SELECT " AUDIT_ROW_COLUMNS " FROM audit WHERE id >= (SELECT "
				   "max(id) FROM audit WHERE action = ?) ORDER BY id DESC LIMIT 3",
				   "t", AUDIT_START_ACTION);
	const char *col[13];
	struct audit_row r;
	int n = 0, newest = 0, older = 0;
	while (st && db_step(st) == SQLITE_ROW && audit_row_read(st, col, &r)) {
		char h[65];
		keyed_hash(key, col[8], col[1], &r, h);
		int fits = strcmp(h, col[9]) == 0;
		if (n++ == 0)
			newest = fits;
		else
			older |= fits;
	}
	if (st)
		sqlite3_reset(st);
	if (n == 0 || newest)
		return KEY_FITS;
	return older ? NEWEST_ROW_CHANGED : n > 1 ? KEY_NOT_THIS_LOGS : KEY_OR_ROW;
}

/* Why the key was refused, in words an IT technician acts on. */
static void say_key_refused(enum key_fit why)
{
	const char *key = cfg.key_file;
	if (why == KEY_NOT_THIS_LOGS)
		fprintf(stderr,
			"staffroom: the audit log does not verify with the key file %s: none of "
			"its newest rows does, so the key file is not the one this log was made "
			"with (put back the right one); nothing was written\n",
			key);
	else if (why == NEWEST_ROW_CHANGED)
		fprintf(stderr,
			"staffroom: the newest row of the audit log does not verify with the key "
			"file %s, though the rows before it do: that row was changed since it was "
			"written (run staffroom audit verify); nothing was written\n",
			key);
	else
		fprintf(stderr,
			"staffroom: the newest row of the audit log does not verify with the key "
			"file %s: either the key file is not the one this log was made with (put "
			"back the right one), or that row was changed since it was written (run "
			"staffroom audit verify); nothing was written\n",
			key);
}

int audit_key_load(void)
{
	if (have_key)
		return 0;
	int rc = derive_key(chain_key);
	if (rc != 0)
		return rc;
	enum key_fit fit = key_fits_chain(chain_key);
	if (fit != KEY_FITS) {
		sodium_memzero(chain_key, sizeof chain_key);
		say_key_refused(fit);
		return AUDIT_KEY_REFUSED;
	}
	have_key = 1;
	audit_syslog_start(); /* here: every writer loads the key before threads start */
	return 0;
}

static const unsigned char *key_or_die(void)
{
	if (audit_key_load() != 0) {
		/* No row may be written outside the chain; a missing key file is
		 * a broken installation, caught at start-up for the server. */
		fprintf(stderr,
			"staffroom: the key file %s cannot be read: the audit log cannot be "
			"written\n",
			cfg.key_file ? cfg.key_file : "(none)");
		abort();
	}
	return chain_key;
}

/* The hashed content: every field, each preceded by its length so that no
 * two different rows can hash the same text.  A row with an outcome (schema
 * version 25 on) also covers its roles, outcome and reason.  Which form a
 * row takes is read from the row, but cannot be changed without the key:
 * emptying a row's outcome to pass it off as an older row changes the text
 * the stored MAC was made over, so the row no longer verifies.  An older
 * staffroom run against an upgraded database writes rows of the older
 * form, which verify as such: that is not a forgery (it holds the key). */
static char *chain_text(const char *prev, const char *at, const struct audit_row *r)
{
	char *old = xasprintf("%s|%zu:%s|%lld|%zu:%s|%zu:%s|%zu:%s|%zu:%s|%zu:%s", prev, strlen(at),
			      at, (long long)r->actor_id, strlen(r->actor), r->actor,
			      strlen(r->address), r->address, strlen(r->action), r->action,
			      strlen(r->object), r->object, strlen(r->detail), r->detail);
	if (!r->outcome[0])
		return old;
	char *text = xasprintf("%s|%zu:%s|%zu:%s|%zu:%s", old, strlen(r->roles), r->roles,
			       strlen(r->outcome), r->outcome, strlen(r->reason), r->reason);
	free(old);
	return text;
}

/* The chain of databases made before the key: SHA-256, checked only. */
static void plain_hash(const char *prev, const char *at, const struct audit_row *r, char out[65])
{
	char *text = chain_text(prev, at, r);
	sha256_hex(text, strlen(text), out);
	free(text);
}

static void keyed_hash(const unsigned char *key, const char *prev, const char *at,
		       const struct audit_row *r, char out[65])
{
	char *text = chain_text(prev, at, r);
	unsigned char mac[32];
	crypto_generichash(mac, sizeof mac, (const unsigned char *)text, strlen(text), key,
			   crypto_generichash_KEYBYTES);
	sodium_bin2hex(out, 65, mac, sizeof mac);
	free(text);
}

void audit_chain_hash(const char *prev, const char *at, const struct audit_row *r, char out[65])
{
	keyed_hash(key_or_die(), prev, at, r, out);
}

static __thread unsigned long rows_written;

unsigned long audit_rows_written(void)
{
	return rows_written;
}

void audit_write(const struct audit_row *r)
{
	rows_written++;
	char at[ISO_LEN], hash[65];
	char *prev = db_text("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", "");
	iso_now(at);
	audit_chain_hash(prev ? prev : GENESIS, at, r, hash);
	int64_t id = db_insert("INSERT INTO audit(at, actor_id, actor, address, action, object, "
			       "detail, prev_hash, hash, roles, outcome, reason) "
			       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
			       "tItttttttttt", at, r->actor_id, r->actor, r->address, r->action,
			       r->object, r->detail, prev ? prev : GENESIS, hash, r->roles,
			       r->outcome, r->reason);
	if (id > 0)
		audit_syslog_row(id, at, r, hash);
	free(prev);
}

void audit_as(int64_t actor_id, const char *actor, const char *address, const char *action,
	      const char *object, const char *detail)
{
	struct audit_row r = {
		actor_id, actor, address, "", action, object, detail, "allowed", ""
	};
	audit_write(&r);
}

void audit_roles_text(unsigned roles, char *out, size_t n)
{
	static const char *const names[] = {
#define ROLE_NAME_(id, name, words, routable) name,
		ROLE_LIST(ROLE_NAME_)
#undef ROLE_NAME_
	};
	size_t at = 0;
	if (n)
		out[0] = 0;
	for (int i = 0; i < ROLE_COUNT && at < n; i++)
		if (roles & (1u << i))
			at += (size_t)snprintf(out + at, n - at, "%s%s", at ? "," : "", names[i]);
}

static const char *const outcome_names[] = { "allowed", "refused", "failed" };

static void audit_va(const struct request *rq, enum audit_outcome outcome, const char *reason,
		     const char *action, const char *object, const char *fmt, va_list ap)
{
	char *detail = NULL, roles[256] = "";
	if (vasprintf(&detail, fmt, ap) < 0)
		detail = NULL;
	struct audit_row r = { 0,
			       rq ? "" : "command line",
			       rq ? rq->address : "",
			       roles,
			       action,
			       object,
			       detail ? detail : "",
			       outcome_names[outcome],
			       reason ? reason : "" };
	if (rq && rq->signed_in) {
		r.actor_id = rq->user.id;
		r.actor = rq->user.email;
		audit_roles_text(rq->user.roles, roles, sizeof roles);
	}
	audit_write(&r);
	free(detail);
}

void audit(const struct request *rq, const char *action, const char *object, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	audit_va(rq, AUDIT_ALLOWED, "", action, object, fmt, ap);
	va_end(ap);
}

void audit_outcome(const struct request *rq, enum audit_outcome outcome, const char *reason,
		   const char *action, const char *object, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	audit_va(rq, outcome, reason, action, object, fmt, ap);
	va_end(ap);
}

static void say(char *why, size_t n, const char *fmt, long long a)
{
	if (why && n)
		snprintf(why, n, fmt, a);
}

/* Walks the log in order: plain SHA-256 rows up to the start row, keyed
 * rows from it on.  The start row must say how many plain rows came before
 * it, so that plain rows cannot be slipped in ahead of it either. */
static int64_t walk_chain(int need_start, char *why, size_t n)
{
	/* A key that does not fit the newest row still checks the rows before
	 * it, so that verify says where the chain and the key part. */
	unsigned char own_key[crypto_generichash_KEYBYTES];
	const unsigned char *key = audit_key_load() == 0	  ? chain_key
				   : derive_key(own_key) == 0 ? own_key
							      : NULL;
	/* A log from before outcomes (schema version 25), checked as it is
	 * (audit verify upgrades nothing): its rows have none to hash. */
	sqlite3_stmt *st;
	if (has_outcomes())
		st = db_stmt("SELECT " AUDIT_ROW_COLUMNS " FROM audit ORDER BY id", "");
	else
		st = db_stmt("SELECT id, at, actor_id, actor, address, action, object, detail, "
			     "prev_hash, hash, '', '', '' FROM audit ORDER BY id",
			     "");
	char expect_prev[65] = GENESIS, h[65];
	int64_t bad = 0, plain_rows = 0;
	int keyed = 0;
	if (why && n)
		why[0] = 0;
	while (st && db_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *col[13];
		struct audit_row r;
		if (!audit_row_read(st, col, &r)) {
			bad = id;
			say(why, n, "row %lld has an empty field", id);
			break;
		}
		if (!keyed && strcmp(col[5], AUDIT_START_ACTION) == 0) {
			char *expect = xasprintf("old_rows=%lld old_head=%s", (long long)plain_rows,
						 expect_prev);
			int same = strncmp(col[7], expect, strlen(expect)) == 0;
			free(expect);
			if (!key || !same) {
				bad = id;
				say(why, n,
				    key ? "row %lld starts the keyed chain but does not match the "
					  "rows before it"
					: "row %lld starts the keyed chain, and the key file "
					  "cannot be read to check it",
				    id);
				break;
			}
			keyed = 1;
		}
		if (keyed)
			keyed_hash(key, col[8], col[1], &r, h);
		else
			plain_hash(col[8], col[1], &r, h);
		if (strcmp(col[8], expect_prev) != 0 || strcmp(h, col[9]) != 0) {
			bad = id;
			say(why, n,
			    "row %lld does not match the chain (changed, removed before it, or "
			    "rewritten without the key)",
			    id);
			break;
		}
		if (!keyed)
			plain_rows++;
		copy_str(expect_prev, sizeof expect_prev, h);
	}
	if (st)
		sqlite3_reset(st);
	sodium_memzero(own_key, sizeof own_key);
	if (!bad && plain_rows && !keyed && need_start) {
		bad = -1;
		say(why, n,
		    "the log has %lld rows but no keyed start row: it was rewritten without the "
		    "key",
		    plain_rows);
	}
	return bad;
}

int64_t audit_verify_chain(char *why, size_t n)
{
	return walk_chain(1, why, n);
}

int64_t audit_verify(void)
{
	return walk_chain(1, NULL, 0);
}

int audit_start_keyed(void)
{
	if (db_int(0, "SELECT count(*) FROM audit WHERE action = ?", "t", AUDIT_START_ACTION) > 0)
		return 0;
	if (audit_key_load() != 0) {
		fprintf(stderr,
			"staffroom: the key file %s cannot be read, so the audit log cannot be "
			"keyed\n",
			cfg.key_file ? cfg.key_file : "(none)");
		return -1;
	}
	/* The plain chain is checked once, here; what it was is kept in the row. */
	char why[200];
	int64_t bad = walk_chain(0, why, sizeof why);
	int64_t rows = db_int(0, "SELECT count(*) FROM audit", "");
	char *head = db_text("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", "");
	char *detail = xasprintf("old_rows=%lld old_head=%s old_chain=%s", (long long)rows,
				 head ? head : GENESIS, bad ? "broken" : "intact");
	if (bad)
		fprintf(stderr,
			"staffroom: the old audit chain is broken (%s); the keyed chain starts "
			"after it\n",
			why);
	int rc = db_begin();
	if (rc == 0) {
		audit_as(0, "command line", "", AUDIT_START_ACTION, "", detail);
		rc = db_commit();
	}
	free(detail);
	free(head);
	if (rc != 0)
		fprintf(stderr, "staffroom: could not start the keyed audit chain\n");
	else
		audit_anchor_may_start(); /* the anchors start with the keyed chain */
	return rc == 0 ? 0 : -1;
}
