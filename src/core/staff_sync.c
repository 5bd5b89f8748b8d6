/* The termly staff sync (staff_sync.h): a file of the whole staff, read
 * against the list, then written in one go. */
#define _GNU_SOURCE
#include "core/staff_sync.h"
#include "core/names.h"
#include "core/audit.h"
#include "core/staff.h"
#include "core/staff_type.h"
#include "db/db.h"
#include "lib/csv.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const csv_columns[] = { "email", "name", "job_title", "department",
					   "staff_type" };

/* The columns a sync may change, with the words the preview shows. */
static const struct {
	const char *field;
	const char *label;
} synced[] = {
	{ "name", "Name" },
	{ "job_title", "Job title" },
	{ "department", "Department" },
	{ "staff_type", "Staff type" },
};

static void row_error(json_t *refused, size_t line, const char *msg)
{
	json_array_append_new(refused,
			      json_pack("{s:I, s:s}", "line", (json_int_t)line, "error", msg));
}

static int header_ok(const struct csv_row *h)
{
	if (h->nfields != 5)
		return 0;
	for (size_t i = 0; i < 5; i++) {
		char *n = normalise_name(h->fields[i]);
		int same = strcmp(n, csv_columns[i]) == 0;
		free(n);
		if (!same)
			return 0;
	}
	return 1;
}

/* The list as the preview saw it, and the file: what a confirmation must
 * still find for the preview to hold.  Every column a sync reads or writes,
 * and leaving dates, which change who is possibly left. */
static void stamp(const char *csv, size_t len, char out[65])
{
	json_t *rows = db_rows(WHOLE_TABLE_REPORT
			       "SELECT u.id, u.email, u.name, u.job_title, u.department, "
			       "u.staff_type, u.active, (SELECT left_on FROM leaving_dates l "
			       "WHERE l.user_id = u.id) AS leaving_on FROM users u ORDER BY u.id",
			       "");
	char *list = json_dumps(rows, JSON_COMPACT);
	unsigned char digest[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof digest);
	crypto_generichash_update(&st, (const unsigned char *)(list ? list : ""),
				  list ? strlen(list) + 1 : 1);
	crypto_generichash_update(&st, (const unsigned char *)csv, len);
	crypto_generichash_final(&st, digest, sizeof digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
	free(list);
	json_decref(rows);
}

static int twice(const struct csv_table *t, size_t r)
{
	for (size_t p = 1; p < r; p++)
		if (t->rows[p].nfields == 5 &&
		    strcasecmp(t->rows[p].fields[0], t->rows[r].fields[0]) == 0)
			return 1;
	return 0;
}

/* The preview shows a staff type by its name ("Support staff"), the other
 * fields as typed: from_shown and to_shown. */
static void shown_as_names(json_t *change, int staff_type)
{
	const char *keys[][2] = { { "from", "from_shown" }, { "to", "to_shown" } };
	for (size_t k = 0; k < 2; k++) {
		char name[128];
		const char *v = json_str(change, keys[k][0]);
		if (staff_type)
			code_name(NAME_STAFF_TYPE, v, name, sizeof name);
		json_object_set_new(change, keys[k][1], json_string(staff_type ? name : v));
	}
}

/* What differs between the person on the list and their row; an empty cell
 * changes nothing (a file without job titles does not wipe them). */
static json_t *changes(const json_t *u, const char *const vals[4])
{
	json_t *c = json_array();
	for (size_t i = 0; i < 4; i++) {
		const char *stored = json_str(u, synced[i].field);
		if (!vals[i] || !vals[i][0] || strcmp(stored ? stored : "", vals[i]) == 0)
			continue;
		json_t *change = json_pack("{s:s, s:s, s:s, s:s}", "field", synced[i].field,
					   "label", synced[i].label, "from", stored ? stored : "",
					   "to", vals[i]);
		shown_as_names(change, strcmp(synced[i].field, "staff_type") == 0);
		json_array_append_new(c, change);
	}
	return c;
}

/* Someone on the list: left (untouched), unchanged, or changed. */
static void existing(struct staff_sync *s, size_t line, json_t *u, const char *const vals[4])
{
	if (!json_int(u, "active")) {
		json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:O}", "line", (json_int_t)line, "id",
				      json_int(u, "id"), "email", json_str(u, "email"), "name",
				      json_str(u, "name"), "left_on",
				      json_object_get(u, "left_on"));
		json_array_append_new(s->left_in_file, o);
		return;
	}
	json_t *c = changes(u, vals);
	if (!json_array_size(c)) {
		json_decref(c);
		s->unchanged++;
		return;
	}
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:o}", "line", (json_int_t)line, "id",
			      json_int(u, "id"), "email", json_str(u, "email"), "name",
			      json_str(u, "name"), "changes", c);
	for (size_t i = 0; i < 4; i++) {
		const char *v = vals[i] && vals[i][0] ? vals[i] : json_str(u, synced[i].field);
		json_object_set_new(o, synced[i].field, json_string(v ? v : ""));
	}
	json_array_append_new(s->changed, o);
}

static void read_row(struct staff_sync *s, const struct csv_table *t, size_t r, json_t *seen)
{
	const struct csv_row *row = &t->rows[r];
	if (row->nfields != 5) {
		row_error(s->refused, row->line, "A line needs 5 columns: " STAFF_CSV_HEADER ".");
		return;
	}
	char **f = row->fields;
	json_array_append_new(seen, json_string(f[0]));
	const char *type = f[4][0] ? staff_type_code(f[4]) : NULL;
	if (f[4][0] && !type) {
		row_error(s->refused, row->line,
			  "The staff type is not one we know: use teacher, support, supply, "
			  "governor, contractor or volunteer.");
		return;
	}
	json_t *u = db_row("SELECT id, email, name, job_title, department, staff_type, active, "
			   "left_on FROM users WHERE email = ?",
			   "t", f[0]);
	/* For someone already listed an empty cell changes nothing (docs/API.md), so an
	 * empty name cell keeps, and is checked as, the name they have. */
	const char *name = u && !f[1][0] ? json_str(u, "name") : f[1];
	struct staff_input in = { f[0], name, f[2], f[3], type, ROLE_STAFF, NULL, 0 };
	const char *field, *why = u ? staff_details_problem(&in, &field)
				    : staff_problem(&in, &field);
	if (!why && twice(t, r))
		why = "This e-mail address appears twice in the file.";
	const char *const vals[4] = { f[1], f[2], f[3], type };
	if (why)
		row_error(s->refused, row->line, why);
	else if (u)
		existing(s, row->line, u, vals);
	else
		json_array_append_new(s->added,
				      json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "line",
						(json_int_t)row->line, "email", f[0], "name", f[1],
						"job_title", f[2], "department", f[3],
						"staff_type", type ? type : "teacher"));
	json_decref(u);
}

/* Active people the file does not name. */
static json_t *missing(json_t *seen)
{
	char *emails = json_dumps(seen, JSON_COMPACT);
	json_t *rows = db_rows("SELECT u.id, u.email, u.name, (SELECT left_on FROM leaving_dates l "
			       "WHERE l.user_id = u.id) AS leaving_on FROM users u "
			       "WHERE u.active = 1 AND u.email NOT IN "
			       "(SELECT value FROM json_each(?)) "
			       "ORDER BY u.name",
			       "t", emails ? emails : "[]");
	free(emails);
	return rows;
}

void staff_sync_read(const char *csv, size_t len, struct staff_sync *s)
{
	memset(s, 0, sizeof *s);
	s->added = json_array(), s->changed = json_array(), s->left_in_file = json_array();
	s->refused = json_array(), s->possibly_left = json_array();
	stamp(csv, len, s->stamp);
	struct csv_table t;
	char err[200];
	if (csv_load(csv, len, &t, err, sizeof err) != 0) {
		row_error(s->refused, t.error_line, err);
		return;
	}
	if (t.nrows == 0 || !header_ok(&t.rows[0])) {
		row_error(s->refused, 1,
			  "The first line must be the header: " STAFF_CSV_HEADER ".");
		csv_table_free(&t);
		return;
	}
	/* A header alone would list every active person as possibly left, as
	 * though the whole staff had gone; the training import refuses it too. */
	if (t.nrows == 1) {
		row_error(s->refused, 1,
			  "The file has no rows of staff: under the header, add a line for each "
			  "member of staff, as in the template.");
		csv_table_free(&t);
		return;
	}
	json_t *seen = json_array();
	for (size_t r = 1; r < t.nrows; r++)
		read_row(s, &t, r, seen);
	json_decref(s->possibly_left);
	s->possibly_left = missing(seen);
	json_decref(seen);
	csv_table_free(&t);
}

/* "Job title: Teacher → Head of maths; Staff type: teacher → support" */
static char *change_words(const json_t *changes)
{
	char *out = xasprintf("%s", "");
	size_t i;
	json_t *c;
	json_array_foreach(changes, i, c) {
		char *next = xasprintf("%s%s%s: %s → %s", out, i ? "; " : "", json_str(c, "label"),
				       json_str(c, "from"), json_str(c, "to"));
		free(out);
		out = next;
	}
	return out;
}

static int apply_changed(const struct request *rq, const json_t *changed)
{
	size_t i;
	json_t *o;
	json_array_foreach(changed, i, o) {
		db_exec("UPDATE users SET name = ?, job_title = ?, department = ?, staff_type = ? "
			"WHERE id = ?",
			"ttttI", json_str(o, "name"), json_str(o, "job_title"),
			json_str(o, "department"), json_str(o, "staff_type"), json_int(o, "id"));
		char *words = change_words(json_object_get(o, "changes"));
		audit(rq, "staff.sync_update", json_str(o, "email"), "%s", words);
		free(words);
	}
	return db_failed() ? -1 : 0;
}

static int apply_added(const struct request *rq, const json_t *added)
{
	size_t i;
	json_t *o;
	json_array_foreach(added, i, o) {
		struct staff_input in = { json_str(o, "email"),	     json_str(o, "name"),
					  json_str(o, "job_title"),  json_str(o, "department"),
					  json_str(o, "staff_type"), ROLE_STAFF,
					  NULL,			     0 };
		if (staff_add(rq, &in) < 0)
			return -1;
	}
	return 0;
}

/* The people missing from this file replace those missing from the last:
 * the import page lists them until each is confirmed as leaving or turns up
 * in a later file. */
static void remember_missing(const json_t *possibly_left)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("DELETE FROM staff_sync_missing", "");
	size_t i;
	json_t *o;
	json_array_foreach(possibly_left, i, o)
		db_exec("INSERT INTO staff_sync_missing(user_id, file_at) VALUES (?, ?)", "It",
			json_int(o, "id"), at);
}

int staff_sync_apply(const struct request *rq, const struct staff_sync *s)
{
	if (json_array_size(s->refused))
		return -1;
	if (apply_changed(rq, s->changed) != 0 || apply_added(rq, s->added) != 0)
		return -1;
	remember_missing(s->possibly_left);
	audit(rq, "staff.sync", "", "added=%zu changed=%zu unchanged=%d possibly_left=%zu",
	      json_array_size(s->added), json_array_size(s->changed), s->unchanged,
	      json_array_size(s->possibly_left));
	return db_failed() ? -1 : 0;
}

json_t *staff_sync_model(const struct staff_sync *s)
{
	return json_pack("{s:O, s:O, s:O, s:O, s:O, s:i, s:s}", "added", s->added, "changed",
			 s->changed, "possibly_left", s->possibly_left, "left_in_file",
			 s->left_in_file, "errors", s->refused, "unchanged", s->unchanged,
			 "stamp", s->stamp);
}

void staff_sync_free(struct staff_sync *s)
{
	json_decref(s->added), json_decref(s->changed), json_decref(s->possibly_left);
	json_decref(s->left_in_file), json_decref(s->refused);
	memset(s, 0, sizeof *s);
}
