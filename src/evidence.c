/* Evidence: files attached to a concern.  The type is decided from the
 * bytes, never from the name or the declared type, and every download by
 * anyone but the reporter is audited.  Served as an attachment with
 * nosniff; only PNG and JPEG may be shown inline (as <img>, which cannot
 * run script). */
#define _GNU_SOURCE
#include "audit.h"
#include "concern_internal.h"
#include "config.h"
#include "db.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
	return len >= n && memcmp(d, magic, n) == 0;
}

/* Markup a browser could render as a page or an image with script in it. */
static int looks_like_markup(const unsigned char *d, size_t len)
{
	size_t i = 0;
	if (starts(d, len, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n' || d[i] == '\f'))
		i++;
	if (i < len && d[i] == '<')
		return 1;
	static const char *const tags[] = { "<html", "<script", "<svg", "<iframe", "<body", "<!doctype", "<?xml" };
	for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
		size_t n = strlen(tags[t]);
		for (size_t k = 0; k + n <= len; k++)
			if (d[k] == '<' && strncasecmp((const char *)d + k, tags[t], n) == 0)
				return 1;
	}
	return 0;
}

static int plain_text(const unsigned char *d, size_t len)
{
	if (memchr(d, 0, len) || !utf8_valid((const char *)d, len))
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' && d[i] != '\f') || d[i] == 0x7f)
			return 0;
	return !looks_like_markup(d, len);
}

const char *evidence_sniff(const unsigned char *data, size_t len)
{
	if (len == 0)
		return NULL;
	if (starts(data, len, "\x89PNG\r\n\x1A\n", 8))
		return "image/png";
	if (starts(data, len, "\xFF\xD8\xFF", 3))
		return "image/jpeg";
	if (starts(data, len, "%PDF-", 5))
		return "application/pdf";
	return plain_text(data, len) ? "text/plain" : NULL;
}

int evidence_check(const struct request *rq, int *status, char *msg, size_t msgsize)
{
	if (rq->nfiles > cfg.upload_files) {
		*status = 413;
		snprintf(msg, msgsize, "Too many files: at most %u can be attached to one report.", cfg.upload_files);
		return -1;
	}
	for (size_t i = 0; i < rq->nfiles; i++) {
		const struct upload *u = &rq->files[i];
		if (u->len == 0) {
			*status = 400;
			snprintf(msg, msgsize, "The file '%s' is empty.", u->filename);
			return -1;
		}
		if (!evidence_sniff(u->data, u->len)) {
			*status = 415;
			snprintf(msg, msgsize, "The file '%s' is not a PNG or JPEG picture, a PDF or plain text "
				 "(its contents were checked, not its name). Nothing has been stored.", u->filename);
			return -1;
		}
	}
	return 0;
}

int evidence_store(const struct request *rq, int64_t concern_id)
{
	char at[ISO_LEN], sha[65];
	iso_now(at);
	for (size_t i = 0; i < rq->nfiles; i++) {
		const struct upload *u = &rq->files[i];
		const char *name = u->filename[0] ? u->filename : "evidence";
		sha256_hex(u->data, u->len, sha);
		db_exec("INSERT INTO evidence(concern_id, filename, type, size, sha256, bytes, added_at, added_by) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "IttItbtI", concern_id, name, evidence_sniff(u->data, u->len),
			(int64_t)u->len, sha, (const void *)u->data, u->len, at, rq->user.id);
		json_t *d = json_pack("{s:s, s:s}", "filename", name, "sha256", sha);
		char *detail = json_dumps(d, JSON_COMPACT);
		db_exec("INSERT INTO concern_events(concern_id, at, actor_id, action, detail, internal) "
			"VALUES (?, ?, ?, 'evidence', ?, 0)", "ItIt", concern_id, at, rq->user.id, detail);
		free(detail);
		json_decref(d);
	}
	return db_failed() ? -1 : 0;
}

json_t *evidence_list(int64_t concern_id)
{
	json_t *rows = db_rows("SELECT id, filename, type, size, sha256, added_at, "
			       "'/evidence/' || id AS url, type IN ('image/png','image/jpeg') AS image "
			       "FROM evidence WHERE concern_id = ? ORDER BY id", "I", concern_id);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "image", json_boolean(json_integer_value(json_object_get(row, "image"))));
	return rows;
}

/* Copies the stored bytes into a buffer the reply owns. */
static char *evidence_bytes(int64_t id, size_t *len)
{
	sqlite3_stmt *st = db_stmt("SELECT bytes FROM evidence WHERE id = ?", "I", id);
	char *buf = NULL;
	*len = 0;
	if (st && db_step(st) == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		buf = xmalloc(*len + 1);
		if (*len)
			memcpy(buf, sqlite3_column_blob(st, 0), *len);
	}
	if (st)
		sqlite3_reset(st);
	return buf;
}

void evidence_download(struct request *rq, struct reply *rp)
{
	json_t *e = db_row("SELECT e.concern_id, e.filename, e.type, c.reference, c.reporter_id, c.about_id "
			   "FROM evidence e JOIN concerns c ON c.id = e.concern_id WHERE e.id = ?", "I", rq->ids[0]);
	if (!e) {
		reply_not_found(rp);
		return;
	}
	int64_t cid = json_integer_value(json_object_get(e, "concern_id"));
	int64_t about = json_integer_value(json_object_get(e, "about_id"));
	int reporter = json_integer_value(json_object_get(e, "reporter_id")) == rq->user.id && about != rq->user.id;
	if (!reporter && !concern_handler_ok(cid, rq->user.id, rq->user.roles)) {
		json_decref(e);
		reply_not_found(rp);
		return;
	}
	const char *type = json_string_value(json_object_get(e, "type"));
	const char *name = json_string_value(json_object_get(e, "filename"));
	if (!reporter) {
		db_begin();
		audit(rq, "evidence.download", json_string_value(json_object_get(e, "reference")), "evidence=%lld file=%s",
		      (long long)rq->ids[0], name);
		if (db_commit() != 0) {
			json_decref(e);
			concern_busy(rp);
			return;
		}
	}
	size_t len;
	char *bytes = evidence_bytes(rq->ids[0], &len);
	int image = strcmp(type, "image/png") == 0 || strcmp(type, "image/jpeg") == 0;
	reply_raw(rp, strcmp(type, "image/png") == 0 ? "image/png" : strcmp(type, "image/jpeg") == 0 ? "image/jpeg"
		      : strcmp(type, "application/pdf") == 0 ? "application/pdf" : "text/plain; charset=utf-8",
		  bytes, len);
	rp->filename = xstrdup(name);
	rp->inline_ok = image && arg_yes(rq, "inline");
	json_decref(e);
}
