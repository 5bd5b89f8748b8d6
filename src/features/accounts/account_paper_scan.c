#define _GNU_SOURCE
/* The optional scan of a contributor's paper signature (ravens-wood §3, a
 * parent or volunteer who signs on paper): one PDF, JPEG or PNG, its type
 * decided from its bytes by the same check as a concern's evidence.  Only
 * the moderator and the account's lead may open it, always as a download,
 * and every opening is audited. */
#include "features/accounts/account_team.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/write.h"
#include "db/db.h"
#include "features/concerns/concerns.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

int paper_scan_ok(const struct request *rq, struct reply *rp)
{
	if (!rq->nfiles)
		return 0;
	const struct upload *u = &rq->files[0];
	if (arg(rq, "email")) {
		reply_error(rp, 400, "scan",
			    "A scan of a paper signature is only for someone who is not staff: "
			    "leave the scan out for a member of staff, who signs in staffroom.");
		return -1;
	}
	if (u->len == 0) {
		reply_error(rp, 400, "scan", "The scan '%s' is empty.", u->filename);
		return -1;
	}
	const char *type = evidence_sniff(u->data, u->len);
	if (!type || strcmp(type, "text/plain") == 0) {
		reply_error(rp, 415, "scan",
			    "The scan '%s' is not a PDF, JPEG or PNG file (its contents were "
			    "checked, not its name). Nothing has been stored.",
			    u->filename);
		return -1;
	}
	return 0;
}

void paper_scan_store(const struct request *rq, int64_t contributor_id)
{
	if (!rq->nfiles)
		return;
	const struct upload *u = &rq->files[0];
	const char *type = evidence_sniff(u->data, u->len);
	const char *ext = strcmp(type, "image/png") == 0    ? "png"
			  : strcmp(type, "image/jpeg") == 0 ? "jpg"
							    : "pdf";
	char sha[65];
	sha256_hex(u->data, u->len, sha);
	/* Named by what it is, not by the uploaded name. */
	char *name = xasprintf("paper-signature-%lld.%s", (long long)contributor_id, ext);
	db_exec("INSERT INTO contributor_paper_scans(contributor_id, filename, type, size, sha256, "
		"bytes) VALUES (?, ?, ?, ?, ?, ?)",
		"IttItb", contributor_id, name, type, (int64_t)u->len, sha, u->data, u->len);
	db_exec("INSERT INTO contributor_paper_scan_original(contributor_id, sha256) "
		"VALUES (?, ?)",
		"It", contributor_id, upload_original_sha256(u, sha));
	free(name);
}

/* The scan's bytes, malloc'd (an empty string when it is gone). */
static char *scan_bytes(int64_t contributor_id, size_t *len)
{
	sqlite3_stmt *st = db_stmt("SELECT bytes FROM contributor_paper_scans WHERE "
				   "contributor_id = ?",
				   "I", contributor_id);
	char *bytes = NULL;
	*len = 0;
	if (st && db_step(st) == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		bytes = xmalloc(*len + 1);
		memcpy(bytes, sqlite3_column_blob(st, 0), *len);
	}
	if (st)
		sqlite3_reset(st);
	return bytes ? bytes : xstrdup("");
}

void paper_scan_download(struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	int may = a && (has_role(rq, ROLE_MODERATOR) || json_int(a, "lead_id") == rq->user.id);
	json_decref(a);
	json_t *s = may ? db_row("SELECT s.filename, s.type FROM contributor_paper_scans s "
				 "CROSS JOIN account_contributors c ON c.id = s.contributor_id "
				 "WHERE s.contributor_id = ? AND c.account_id = ?",
				 "II", rq->ids[1], rq->ids[0])
			: NULL;
	if (!s) {
		reply_not_found(rp);
		return;
	}
	char *object = account_link(rq->ids[0]);
	if (reply_begin(rp, BUSY_UNSAVED) == 0) {
		audit(rq, "account.paper_scan_download", object + 1, "contributor=%lld",
		      (long long)rq->ids[1]);
		if (reply_commit(rp, BUSY_UNSAVED) == 0) {
			size_t len = 0;
			char *bytes = scan_bytes(rq->ids[1], &len);
			/* The reply keeps the type's pointer: one of the fixed strings. */
			const char *type = json_str(s, "type");
			reply_raw(rp,
				  strcmp(type, "image/png") == 0    ? "image/png"
				  : strcmp(type, "image/jpeg") == 0 ? "image/jpeg"
								    : "application/pdf",
				  bytes, len);
			rp->filename = xstrdup(json_str(s, "filename"));
		}
	}
	free(object);
	json_decref(s);
}
