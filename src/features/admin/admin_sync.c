/* The termly staff sync's pages: upload the school's staff CSV, see what it
 * would change, confirm, and work through the people possibly left.
 *
 * The preview writes nothing.  Its confirm form carries the file itself (as
 * base64 in a hidden field) and a stamp of the list and the file
 * (core/staff_sync.h), so a browser without JavaScript confirms exactly what
 * it saw, nothing waits on the server for a confirmation that may never
 * come, and nothing needs sweeping up; a confirmation whose stamp no longer
 * matches the list is refused with 409.  A school's staff file is small
 * (SYNC_MAX), well inside the form limit once encoded. */
#define _GNU_SOURCE
#include "features/admin/admin_sync.h"
#include "core/staff_sync.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/csv.h"
#include "lib/util.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define SYNC_MAX (512 * 1024)
#define SYNC_B64_MAX 700000 /* base64 of SYNC_MAX, rounded up */

static const char stale[] =
	"The staff list has changed since this preview was made, so nothing was imported. "
	"Upload the file again to see what it would change now.";

/* The people missing from the last file who are still active. */
static json_t *possibly_left(void)
{
	/* The table holds only the people missing from the last file. */
	return db_rows(WHOLE_TABLE_REPORT
		       "SELECT u.id, u.email, u.name, m.file_at, (SELECT left_on FROM "
		       "leaving_dates l WHERE l.user_id = u.id) AS leaving_on "
		       "FROM staff_sync_missing m JOIN users u ON u.id = m.user_id "
		       "WHERE u.active = 1 ORDER BY u.name",
		       "");
}

static void import_page(struct request *rq, struct reply *rp)
{
	(void)rq;
	reply_page(rp, "admin_import", "Import staff",
		   json_pack("{s:o}", "possibly_left", possibly_left()));
}

static char *encode(const unsigned char *data, size_t len)
{
	size_t cap = sodium_base64_encoded_len(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = xmalloc(cap);
	sodium_bin2base64(out, cap, data, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

/* The file the preview carried, or NULL when it is not base64. */
static char *decode(const char *b64, size_t *len)
{
	size_t cap = strlen(b64) * 3 / 4 + 1;
	unsigned char *out = xmalloc(cap + 1);
	if (sodium_base642bin(out, cap, b64, strlen(b64), NULL, len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
		free(out);
		return NULL;
	}
	out[*len] = '\0';
	return (char *)out;
}

static const char refused_words[] = "Nothing can be imported until these lines are "
				     "corrected. Correct the file and upload it again.";

static json_t *preview_model(const struct staff_sync *s, const unsigned char *csv, size_t len)
{
	json_t *m = staff_sync_model(s);
	int ok = json_array_size(s->refused) == 0;
	json_object_set_new(m, "can_confirm", json_boolean(ok));
	if (ok) {
		char *b64 = encode(csv, len);
		json_object_set_new(m, "csv", json_string(b64));
		free(b64);
	}
	json_object_set_new(m, "nothing_changes",
			    json_boolean(ok && !json_array_size(s->added) &&
					 !json_array_size(s->changed)));
	if (!ok)
		json_object_set_new(m, "error", json_string(refused_words));
	return m;
}

static void import_preview(struct request *rq, struct reply *rp)
{
	if (rq->nfiles != 1) {
		reply_error(rp, 400, "file", "Choose a CSV file to import.");
		return;
	}
	if (rq->files[0].len > SYNC_MAX) {
		reply_error(rp, 400, "file",
			    "The CSV file is too large for one import (at most 512 KB).");
		return;
	}
	const unsigned char *csv = (const unsigned char *)rq->files[0].data;
	size_t len = rq->files[0].len;
	struct staff_sync s;
	staff_sync_read((const char *)csv, len, &s);
	json_t *m = preview_model(&s, csv, len);
	int refused = json_array_size(s.refused) != 0;
	staff_sync_free(&s);
	reply_page(rp, "admin_import_preview", "Check the staff import", m);
	if (refused)
		rp->status = 400;
}

/* Reads the file again inside the transaction: what is written is what the
 * list and the file say now, and the stamp proves it is what was shown. */
static int confirm_write(struct request *rq, struct reply *rp, const char *csv, size_t len,
			 struct staff_sync *s)
{
	if (reply_begin(rp, BUSY) != 0)
		return -1;
	staff_sync_read(csv, len, s);
	if (strcmp(s->stamp, arg(rq, "stamp")) != 0) {
		db_rollback();
		reply_error(rp, 409, "stamp", "%s", stale);
		return -1;
	}
	if (json_array_size(s->refused)) {
		db_rollback();
		reply_error(rp, 400, "csv",
			    "The file has lines that cannot be imported: correct the file and "
			    "upload it again.");
		return -1;
	}
	if (staff_sync_apply(rq, s) != 0) {
		db_rollback();
		reply_busy(rp, BUSY);
		return -1;
	}
	if (reply_commit(rp, BUSY) != 0)
		return -1;
	/* Hundreds of people at once: the planner learns the new sizes now,
	 * not at tomorrow's daily pass. */
	db_refresh_statistics();
	return 0;
}

static void confirmed(struct reply *rp, const struct staff_sync *s)
{
	size_t added = json_array_size(s->added), changed = json_array_size(s->changed);
	size_t left = json_array_size(s->possibly_left);
	char *msg = xasprintf("The staff list has been updated: %zu added, %zu changed. %zu %s "
			      "not in the file: confirm below whether they have left.",
			      added, changed, left,
			      left == 1 ? "person on the list is" : "people on the list are");
	reply_done(rp, 200,
		   json_pack("{s:I, s:I, s:i, s:O}", "added", (json_int_t)added, "changed",
			     (json_int_t)changed, "unchanged", s->unchanged, "possibly_left",
			     s->possibly_left),
		   "/admin/import", msg);
	free(msg);
}

static void import_confirm(struct request *rq, struct reply *rp)
{
	size_t len;
	char *csv = decode(arg(rq, "csv"), &len);
	if (!csv) {
		reply_error(rp, 400, "csv",
			    "The preview's copy of the file is damaged: upload the file again.");
		return;
	}
	struct staff_sync s;
	memset(&s, 0, sizeof s);
	int rc = confirm_write(rq, rp, csv, len, &s);
	free(csv);
	if (rc == 0)
		confirmed(rp, &s);
	staff_sync_free(&s);
}

/* The header and one made-up line, for a school starting its own file;
 * the byte-order mark as every CSV handed out has it (lib/csv.h). */
static void import_template(struct request *rq, struct reply *rp)
{
	(void)rq;
	static const char body[] = CSV_BOM STAFF_CSV_HEADER "\r\n"
				   "j.smith@example.school,Jo Smith,Teacher of maths,Maths,"
				   "Teaching staff\r\n";
	reply_raw(rp, "text/csv; charset=utf-8", xstrdup(body), sizeof body - 1);
	rp->filename = xstrdup("staff-template.csv");
}

static const struct field_spec import_form[] = {
	{ "file", F_FILE, 1, F_REQUIRED, NULL, "CSV file" },
	{ NULL },
};
static const struct field_spec confirm_form[] = {
	{ "csv", F_TEXT, SYNC_B64_MAX, F_REQUIRED, NULL, "The file read" },
	{ "stamp", F_TEXT, 64, F_REQUIRED, NULL, "The list as it was read" },
	{ NULL },
};

const struct route admin_sync_routes[] = {
	{ "GET", "/admin/import", import_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "GET", "/admin/import/template.csv", import_template, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/import", import_preview, ROLE_ADMIN, import_form, import_page, R_UPLOAD },
	{ "POST", "/admin/import/confirm", import_confirm, ROLE_ADMIN, confirm_form, import_page,
	  0 },
	{ NULL },
};
