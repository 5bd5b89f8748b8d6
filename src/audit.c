#define _GNU_SOURCE
#include "audit.h"
#include "db.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GENESIS AUDIT_GENESIS

/* The hashed content: every field, each preceded by its length so that no
 * two different rows can hash the same text. */
void audit_chain_hash(const char *prev, const char *at, int64_t actor_id, const char *actor,
		     const char *address, const char *action, const char *object, const char *detail,
		     char out[65])
{
	char *text = xasprintf("%s|%zu:%s|%lld|%zu:%s|%zu:%s|%zu:%s|%zu:%s|%zu:%s", prev, strlen(at), at,
			       (long long)actor_id, strlen(actor), actor, strlen(address), address,
			       strlen(action), action, strlen(object), object, strlen(detail), detail);
	sha256_hex(text, strlen(text), out);
	free(text);
}

void audit_as(int64_t actor_id, const char *actor, const char *address, const char *action,
	      const char *object, const char *detail)
{
	char at[ISO_LEN], hash[65];
	char *prev = db_text("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", "");
	iso_now(at);
	audit_chain_hash(prev ? prev : GENESIS, at, actor_id, actor, address, action, object, detail, hash);
	db_exec("INSERT INTO audit(at, actor_id, actor, address, action, object, detail, prev_hash, hash) "
		"VALUES (?,?,?,?,?,?,?,?,?)", "tIttttttt", at, actor_id, actor, address, action, object,
		detail, prev ? prev : GENESIS, hash);
	free(prev);
}

void audit(const struct request *rq, const char *action, const char *object, const char *fmt, ...)
{
	va_list ap;
	char *detail = NULL;
	va_start(ap, fmt);
	if (vasprintf(&detail, fmt, ap) < 0)
		detail = NULL;
	va_end(ap);
	if (rq && rq->signed_in)
		audit_as(rq->user.id, rq->user.email, rq->address, action, object, detail ? detail : "");
	else
		audit_as(0, rq ? "" : "command line", rq ? rq->address : "", action, object, detail ? detail : "");
	free(detail);
}

int64_t audit_verify(void)
{
	sqlite3_stmt *st = db_stmt("SELECT id, at, actor_id, actor, address, action, object, detail, "
				   "prev_hash, hash FROM audit ORDER BY id", "");
	char expect_prev[65] = GENESIS, h[65];
	int64_t bad = 0;
	while (st && db_step(st) == SQLITE_ROW) {
		const char *col[10];
		for (int i = 1; i < 10; i++)
			col[i] = (const char *)sqlite3_column_text(st, i);
		if (!col[1] || !col[3] || !col[4] || !col[5] || !col[6] || !col[7] || !col[8] || !col[9]) {
			bad = sqlite3_column_int64(st, 0);
			break;
		}
		audit_chain_hash(col[8], col[1], sqlite3_column_int64(st, 2), col[3], col[4], col[5], col[6], col[7], h);
		if (strcmp(col[8], expect_prev) != 0 || strcmp(h, col[9]) != 0) {
			bad = sqlite3_column_int64(st, 0);
			break;
		}
		copy_str(expect_prev, sizeof expect_prev, h);
	}
	if (st)
		sqlite3_reset(st);
	return bad;
}
