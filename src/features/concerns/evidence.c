/* Evidence: files attached to a concern.  The type is decided from the
 * bytes, never from the name or the declared type, and every download by
 * anyone but the reporter is audited.  Served as an attachment with
 * nosniff; only PNG and JPEG may be shown inline (as <img>, which cannot
 * run script). */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/write.h"
#include "features/concerns/concern_internal.h"
#include "lib/config.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"

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
	while (i < len &&
	       (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n' || d[i] == '\f'))
		i++;
	if (i < len && d[i] == '<')
		return 1;
	static const char *const tags[] = { "<html", "<script",   "<svg", "<iframe",
					    "<body", "<!doctype", "<?xml" };
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
		if ((d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' && d[i] != '\f') ||
		    d[i] == 0x7f)
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

/* UKCIS, "Sharing nudes and semi-nudes: advice for education settings
 * working with children and young people" (2024): staff must "never view,
 * copy, print, share, store or save the imagery".  So a report of a nude or
 * semi-nude image, or of an indecent image on a school device, takes no
 * file at all, whatever its name, declared type or contents: a screenshot
 * of the image would be the image (concern_image.c). */
#define SEXTING_NO_FILES                                                                           \
	"Do not attach any file to a report about a nude or semi-nude image of a young person or " \
	"an indecent image of a child: staff must never view, copy, print, share, store or save "  \
	"such images, not even as a screenshot (UKCIS guidance). Nothing has been stored. "        \
	"Instead, describe where the image is (the device, app, account or chat), who has it "     \
	"and who has seen it, in the part of the form for an image or in 'What happened'; the "    \
	"safeguarding lead will decide what to do. Then send the report without a file."

int evidence_check(const struct request *rq, const char *category, int *status, char *msg,
		   size_t msgsize)
{
	if (rq->nfiles && concern_image_kind(category, arg_yes(rq, "indecent_image"))) {
		*status = 400;
		snprintf(msg, msgsize, "%s", SEXTING_NO_FILES);
		return -1;
	}
	if (rq->nfiles > cfg.upload_files) {
		*status = 413;
		snprintf(msg, msgsize, "Too many files: at most %u can be attached to one report.",
			 cfg.upload_files);
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
			snprintf(msg, msgsize,
				 "The file '%s' is not a PNG or JPEG picture, a PDF or plain text "
				 "(its contents were checked, not its name). Nothing has been "
				 "stored.",
				 u->filename);
			return -1;
		}
	}
	return 0;
}

/* The name a file is stored, listed and served under: the person's name for
 * it, but with the extension of the type found in its bytes, so that a text
 * file called "x.html" (or .js, .hta, .svg) is never saved or opened as one. */
char *evidence_name(const char *filename, const char *type)
{
	const char *ext = strcmp(type, "image/png") == 0         ? ".png"
			  : strcmp(type, "image/jpeg") == 0      ? ".jpg"
			  : strcmp(type, "application/pdf") == 0 ? ".pdf"
								 : ".txt";
	const char *name = filename ? filename : "", *dot = strrchr(name, '.');
	size_t base = dot ? (size_t)(dot - name)
			  : strlen(name); /* ".html" has nothing before its extension */
	return base ? xasprintf("%.*s%s", (int)base, name, ext) : xasprintf("evidence%s", ext);
}

int evidence_store(const struct request *rq, int64_t concern_id)
{
	char at[ISO_LEN], sha[65];
	iso_now(at);
	/* Checked again here, for every way evidence is added, not only the form. */
	if (rq->nfiles && concern_no_files(concern_id))
		return -1;
	for (size_t i = 0; i < rq->nfiles; i++) {
		const struct upload *u = &rq->files[i];
		const char *type = evidence_sniff(u->data, u->len);
		if (!type)
			return -1;
		char *name = evidence_name(u->filename, type);
		sha256_hex(u->data, u->len, sha);
		/* Never the number of a file deleted (EVIDENCE_HIGH_WATER_KEEP). */
		int64_t id = db_insert("INSERT INTO evidence(id, concern_id, filename, type, size, "
				       "sha256, bytes, added_at, added_by) "
				       "VALUES (" EVIDENCE_NEXT_ID ", ?, ?, ?, ?, ?, ?, ?, ?)",
				       "IttItbtI", concern_id, name, type, (int64_t)u->len, sha,
				       (const void *)u->data, u->len, at, rq->user.id);
		const char *original = upload_original_sha256(u, sha);
		db_exec("INSERT INTO evidence_original(evidence_id, sha256) VALUES (?, ?)", "It",
			id, original);
		json_t *d = json_pack("{s:s, s:s}", "filename", name, "sha256", sha);
		if (strcmp(original, sha) != 0) /* a picture stored without its metadata */
			json_object_set_new(d, "original_sha256", json_string(original));
		char *detail = json_dumps(d, JSON_COMPACT);
		db_exec("INSERT INTO concern_events(concern_id, at, actor_id, action, detail, "
			"internal) "
			"VALUES (?, ?, ?, 'evidence', ?, 0)",
			"ItIt", concern_id, at, rq->user.id, detail);
		free(detail);
		json_decref(d);
		free(name);
	}
	return db_failed() ? -1 : 0;
}

/* Rows stored before names were fixed on the way in get the same name on the way out. */
static void fix_name(json_t *row)
{
	char *name = evidence_name(json_str(row, "filename"),
				   json_str(row, "type"));
	json_object_set_new(row, "filename", json_string(name));
	free(name);
}

/* A picture in an image case (stored before such files were refused) is
 * never shown on a page: UKCIS, see SEXTING_NO_FILES. */
json_t *evidence_list(int64_t concern_id)
{
	/* The original's hash by a subquery on its key: a LEFT JOIN lets the
	 * planner scan a small evidence_original whole. */
	json_t *rows = db_rows("SELECT e.id, e.filename, e.type, e.size, e.sha256, (SELECT "
			       "o.sha256 FROM evidence_original o WHERE o.evidence_id = e.id) AS "
			       "original_sha256, e.added_at, "
			       "'/evidence/' || e.id AS url, (e.type IN ('image/png','image/jpeg') "
			       "AND c.category != 'sexting' AND NOT EXISTS (SELECT 1 FROM "
			       "concern_image_reports i WHERE i.concern_id = c.id AND "
			       "i.indecent_image = 1)) "
			       "AS image FROM evidence e JOIN concerns c ON c.id = e.concern_id "
			       "WHERE e.concern_id = ? ORDER BY e.id",
			       "I", concern_id);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		json_object_set_new(row, "image", json_boolean(json_int(row, "image")));
		json_object_set_new(row, "size_words",
				    reply_count_words(json_int(row, "size"), "byte", "bytes"));
		const char *original = json_str(row, "original_sha256");
		json_object_set_new(row, "metadata_removed",
				    json_boolean(original && *original &&
						 strcmp(original, json_str(row, "sha256")) != 0));
		fix_name(row);
	}
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
	json_t *e = db_row("SELECT e.concern_id, e.filename, e.type, c.reference, c.reporter_id, "
			   "c.about_id, c.category "
			   "FROM evidence e JOIN concerns c ON c.id = e.concern_id WHERE e.id = ?",
			   "I", rq->ids[0]);
	if (!e) {
		reply_not_found(rp);
		return;
	}
	int64_t cid = json_int(e, "concern_id");
	int64_t about = json_int(e, "about_id");
	int reporter = json_int(e, "reporter_id") == rq->user.id && about != rq->user.id;
	if (!reporter && !concern_handler_ok(cid, rq->user.id, rq->user.roles)) {
		json_decref(e);
		reply_not_found(rp);
		return;
	}
	fix_name(e);
	const char *type = json_str(e, "type");
	const char *name = json_str(e, "filename");
	int no_pictures = concern_no_files(cid);
	if (!reporter) {
		if (reply_begin(rp, BUSY_UNSAVED) != 0) {
			json_decref(e);
			return;
		}
		/* The number, not the file's name: names often name pupils, and the
		 * log outlives the file (deleted with its concern, UK GDPR article
		 * 5(1)(e)), being kept for the life of the system. */
		audit(rq, "evidence.download", json_str(e, "reference"), "evidence=%lld",
		      (long long)rq->ids[0]);
		if (reply_commit(rp, BUSY_UNSAVED) != 0) {
			json_decref(e);
			return;
		}
	}
	size_t len;
	char *bytes = evidence_bytes(rq->ids[0], &len);
	int image = strcmp(type, "image/png") == 0 || strcmp(type, "image/jpeg") == 0;
	reply_raw(rp,
		  strcmp(type, "image/png") == 0         ? "image/png"
		  : strcmp(type, "image/jpeg") == 0      ? "image/jpeg"
		  : strcmp(type, "application/pdf") == 0 ? "application/pdf"
							 : "text/plain; charset=utf-8",
		  bytes, len);
	rp->filename = xstrdup(name);
	rp->inline_ok = image && !no_pictures && arg_yes(rq, "inline");
	json_decref(e);
}
