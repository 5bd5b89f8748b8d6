/* Training records from a CSV file (email,course,completed_on,expires_on
 * with a header row): every row is stored, or none is, and each refused
 * row is reported by its line. */
#define _GNU_SOURCE
#include "features/training/training.h"
#include "core/audit.h"
#include "core/write.h"
#include "lib/csv.h"
#include "db/db.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const columns[] = { "email", "course", "completed_on", "expires_on" };
#define NCOLS 4

static void line_error(json_t *errors, size_t line, const char *msg)
{
	json_array_append_new(errors,
			      json_pack("{s:I, s:s}", "line", (json_int_t)line, "error", msg));
}

static int header_ok(const struct csv_row *h)
{
	if (h->nfields != NCOLS)
		return 0;
	for (size_t i = 0; i < NCOLS; i++) {
		char *n = normalise_name(h->fields[i]);
		int same = strcmp(n, columns[i]) == 0;
		free(n);
		if (!same)
			return 0;
	}
	return 1;
}

/* Checks every row and stores each good one, also after a refused row:
 * the duplicate check of a later row reads the rows stored before it, so
 * a file's every problem is listed at once.  The caller rolls back when
 * errors is not empty, so a refused file writes nothing. */
static int import_rows(const struct request *rq, const struct csv_table *t, json_t *errors)
{
	int stored = 0;
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		if (row->nfields != NCOLS) {
			line_error(errors, row->line,
				   "A row needs 4 columns: email,course,completed_on,expires_on.");
			continue;
		}
		struct training_input in = { row->fields[0], row->fields[1], row->fields[2],
					     *row->fields[3] ? row->fields[3] : NULL };
		int64_t uid;
		int status;
		const char *field, *why = training_problem(&in, &uid, &status, &field);
		if (why) {
			char *msg = xasprintf("%s: %s", field, why);
			line_error(errors, row->line, msg);
			free(msg);
		} else if (training_store(rq, &in, uid) < 0) {
			line_error(errors, row->line, "The row could not be stored.");
		} else {
			stored++;
		}
	}
	return stored;
}

static void refused(struct request *rq, struct reply *rp, json_t *errors)
{
	const char *msg = "Nothing was imported. Correct these rows and try again.";
	if (rq->wants_json) {
		reply_error(rp, 400, "file", "%s", msg);
		json_object_set_new(rp->model, "errors", errors);
		return;
	}
	training_page(rq, rp);
	json_object_set_new(rp->model, "error", json_string(msg));
	json_object_set_new(rp->model, "field", json_string("file"));
	json_object_set_new(rp->model, "errors", errors);
	rp->status = 400;
}

void training_import(struct request *rq, struct reply *rp)
{
	struct csv_table t;
	char err[200];
	json_t *errors = json_array();
	const struct upload *f = &rq->files[0];
	if (csv_load((const char *)f->data, f->len, &t, err, sizeof err) != 0) {
		line_error(errors, t.error_line, err);
		refused(rq, rp, errors);
		return;
	}
	if (t.nrows < 2 || !header_ok(&t.rows[0])) {
		line_error(errors, 1,
			   t.nrows < 2 && t.nrows && header_ok(&t.rows[0])
				   ? "The file has a header but no rows."
				   : "The first row must be the header: "
				     "email,course,completed_on,expires_on.");
		csv_table_free(&t);
		refused(rq, rp, errors);
		return;
	}
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		csv_table_free(&t);
		json_decref(errors);
		return;
	}
	int stored = import_rows(rq, &t, errors);
	csv_table_free(&t);
	if (json_array_size(errors) == 0)
		audit(rq, "training.import", f->filename, "rows=%d", stored);
	if (json_array_size(errors) || db_commit() != 0) {
		db_rollback();
		if (json_array_size(errors) == 0)
			line_error(errors, 0, "The import could not be stored.");
		refused(rq, rp, errors);
		return;
	}
	json_decref(errors);
	char *msg = xasprintf("%d training record%s imported.", stored,
			      stored == 1 ? " was" : "s were");
	reply_done(rp, 201, json_pack("{s:i}", "imported", stored), "/training", msg);
	free(msg);
}
