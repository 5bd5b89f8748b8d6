/* Training records: everyone sees their own; leaders record training for
 * anyone and see everyone's; the administrator keeps the list of courses. */
#define _GNU_SOURCE
#include "features/training/training.h"
#include "http/feature.h"
#include "core/audit.h"
#include "core/search.h"
#include "db/db.h"
#include "core/policy_status.h"
#include "core/staff.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 100

/* Sections do not reach into a row from the page, so each row says itself
 * whether the person's column is shown. */
static void current_flags(json_t *rows, int show_person)
{
	size_t i;
	json_t *o;
	json_array_foreach(rows, i, o) {
		json_object_set_new(o, "current", json_boolean(json_int(o, "current") != 0));
		json_object_set_new(o, "expired", json_boolean(json_int(o, "expired") != 0));
		json_object_set_new(o, "show_person", json_boolean(show_person));
	}
}

static json_t *own_records(int64_t user_id)
{
	char d[11];
	today(d);
	return db_rows(
		"SELECT t.id, u.email, u.name, t.course, c.title AS course_title, t.completed_on, "
		"t.expires_on, "
		"t.completed_on <= ? AND (t.expires_on IS NULL OR t.expires_on >= ?) AS current, "
		"coalesce(t.expires_on < ?, 0) AS expired, t.recorded_at "
		"FROM training t JOIN users u ON u.id = t.user_id JOIN courses c ON c.code = "
		"t.course "
		"WHERE t.user_id = ? ORDER BY t.completed_on DESC, t.id DESC",
		"tttI", d, d, d, user_id);
}

static json_t *all_records(const char *q, int64_t page)
{
	char d[11];
	today(d);
	char *like = xasprintf("%%%s%%", q ? q : "");
	json_t *rows = db_rows(
		"SELECT t.id, u.email, u.name, t.course, c.title AS course_title, t.completed_on, "
		"t.expires_on, "
		"t.completed_on <= ? AND (t.expires_on IS NULL OR t.expires_on >= ?) AS current, "
		"coalesce(t.expires_on < ?, 0) AS expired, t.recorded_at "
		"FROM training t JOIN users u ON u.id = t.user_id JOIN courses c ON c.code = "
		"t.course "
		"WHERE u.name LIKE ? OR u.email LIKE ? OR t.course LIKE ? "
		"ORDER BY t.completed_on DESC, t.id DESC LIMIT ? OFFSET ?",
		"ttttttII", d, d, d, like, like, like, (int64_t)PAGE + 1, (page - 1) * PAGE);
	free(like);
	return rows;
}

void training_page(struct request *rq, struct reply *rp)
{
	int leader = has_role(rq, ROLE_LEADERS);
	json_t *search = search_load(rq, rp, "training");
	if (!search)
		return;
	const char *q = rq->is_post ? NULL : json_str(search, "q");
	int64_t page = rq->is_post ? 1 : arg_int(rq, "page", 1);
	json_t *rows = leader ? all_records(q, page) : own_records(rq->user.id);
	current_flags(rows, leader);
	json_t *m = json_pack("{s:b, s:b, s:s, s:I}", "leader", leader, "is_admin",
			      has_role(rq, ROLE_ADMIN), "q", q ? q : "", "search",
			      (json_int_t)json_int(search, "search"));
	json_decref(search);
	if (leader)
		reply_pager(m, rows, page, PAGE);
	json_object_set_new(m, "training", rows);
	if (leader) {
		int64_t untrained = training_untrained_count();
		json_object_set_new(m, "untrained_count", json_integer(untrained));
		const char *fmt = untrained == 1
					  ? "%lld teacher or member of support staff still needs"
					  : "%lld teachers and support staff still need";
		char *words = xasprintf(fmt, (long long)untrained);
		json_object_set_new(m, "untrained_words", json_string(words));
		free(words);
		json_object_set_new(m, "mine", own_records(rq->user.id));
		current_flags(json_object_get(m, "mine"), 0);
		/* A refused form keeps the course that was chosen. */
		json_object_set_new(m, "courses",
				    db_rows("SELECT code, title, coalesce(code = ?, 0) AS selected "
					    "FROM courses ORDER BY title",
					    "t", rq->is_post ? arg(rq, "course") : NULL));
	}
	reply_page(rp, "training", "Training", m);
}

/* The search form's POST: the term is kept, the list is /training?search=ID. */
static void training_search(struct request *rq, struct reply *rp)
{
	static const char *const fields[] = { "q", NULL };
	search_answer(rq, rp, "training", "/training", fields);
}

static int valid_date(const char *s)
{
	int y, m, d;
	return s && strlen(s) == 10 && parse_date(s, &y, &m, &d) == 0;
}

static const char *dates_problem(const struct training_input *in, const char **field)
{
	char d[11];
	today(d);
	*field = "completed_on";
	if (!valid_date(in->completed_on))
		return "The completion date must be a date (YYYY-MM-DD).";
	if (strcmp(in->completed_on, d) > 0)
		return "The completion date cannot be in the future.";
	*field = "expires_on";
	if (in->expires_on && !valid_date(in->expires_on))
		return "The expiry date must be a date (YYYY-MM-DD), or left empty when the "
		       "training does not expire.";
	if (in->expires_on && strcmp(in->expires_on, in->completed_on) < 0)
		return "The expiry date cannot come before the completion date.";
	return NULL;
}

static const char *person_problem(const struct training_input *in, int64_t *user_id,
				  const char **field)
{
	*field = "email";
	*user_id = in->email ? staff_id(in->email) : 0;
	return *user_id ? NULL : "No one on the staff list has this e-mail address.";
}

static const char *course_problem(const struct training_input *in, const char **field)
{
	*field = "course";
	if (!in->course || !db_int(0, "SELECT 1 FROM courses WHERE code = ?", "t", in->course))
		return "There is no course with this code. The administrator keeps the list of "
		       "courses.";
	return NULL;
}

const char *training_problem(const struct training_input *in, int64_t *user_id, int *status,
			     const char **field)
{
	*status = 400;
	const char *why = person_problem(in, user_id, field);
	if (!why)
		why = course_problem(in, field);
	if (!why)
		why = dates_problem(in, field);
	if (why)
		return why;
	if (db_int(0,
		   "SELECT 1 FROM training WHERE user_id = ? AND course = ? AND completed_on = ?",
		   "Itt", *user_id, in->course, in->completed_on)) {
		*status = 409;
		*field = "completed_on";
		return "This training is already recorded for this person on this date.";
	}
	return NULL;
}

int64_t training_store(const struct request *rq, const struct training_input *in, int64_t user_id)
{
	char at[ISO_LEN];
	iso_now(at);
	int64_t id = db_insert("INSERT INTO training(user_id, course, completed_on, expires_on, "
			       "recorded_by, recorded_at) "
			       "VALUES (?,?,?,?,?,?)",
			       "ItttIt", user_id, in->course, in->completed_on, in->expires_on,
			       rq->user.id, at);
	audit(rq, "training.record", in->email, "course=%s completed_on=%s expires_on=%s",
	      in->course, in->completed_on, in->expires_on ? in->expires_on : "");
	return id;
}

static void training_add(struct request *rq, struct reply *rp)
{
	struct training_input in = { arg(rq, "email"), arg(rq, "course"), arg(rq, "completed_on"),
				     arg(rq, "expires_on") };
	int64_t uid;
	int status;
	/* The person, the course and the dates each checked, so all are listed at once. */
	const char *field, *why;
	if ((why = person_problem(&in, &uid, &field)))
		reply_error_add(rp, field, "%s", why);
	if ((why = course_problem(&in, &field)))
		reply_error_add(rp, field, "%s", why);
	if ((why = dates_problem(&in, &field)))
		reply_error_add(rp, field, "%s", why);
	if (reply_errors(rp))
		return;
	if ((why = training_problem(&in, &uid, &status, &field))) {
		reply_error(rp, status, field, "%s", why);
		return;
	}
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	int64_t id = training_store(rq, &in, uid);
	if (id < 0 || db_commit() != 0) {
		db_rollback();
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	json_t *rec =
		json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)id, "email", in.email,
			  "course", in.course, "completed_on", in.completed_on, "expires_on",
			  in.expires_on ? json_string(in.expires_on) : json_null());
	reply_done(rp, 201, json_pack("{s:o}", "training", rec), "/training",
		   "The training record has been saved.");
}

static void courses_page(struct request *rq, struct reply *rp)
{
	(void)rq;
	/* The counts are kept (course_record_counts, schema.sql), not counted. */
	json_t *rows = db_rows("SELECT c.code, c.title, coalesce(k.n, 0) AS records "
			       "FROM courses c LEFT JOIN course_record_counts k "
			       "ON k.course = c.code ORDER BY c.title",
			       "");
	reply_page(rp, "training_courses", "Training courses", json_pack("{s:o}", "courses", rows));
}

static int valid_code(const char *s)
{
	if (!islower((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

static void course_add(struct request *rq, struct reply *rp)
{
	const char *code = arg(rq, "code"), *title = arg(rq, "title");
	if (!valid_code(code)) {
		reply_error(rp, 400, "code",
			    "The code must start with a lower-case letter and hold only lower-case "
			    "letters, "
			    "digits and underscores, such as first_aid.");
		return;
	}
	if (db_int(0, "SELECT 1 FROM courses WHERE code = ?", "t", code)) {
		reply_error(rp, 409, "code", "There is already a course with this code.");
		return;
	}
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("INSERT INTO courses(code, title) VALUES (?, ?)", "tt", code, title);
	audit(rq, "course.add", code, "%s", title);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201, json_pack("{s:{s:s, s:s}}", "course", "code", code, "title", title),
		   "/admin/courses", "The course has been added.");
}

static const struct field_spec search_form[] = {
	{ "q", F_TEXT, 100, 0, NULL, "Search by name, e-mail or course" },
	{ NULL },
};
static const struct field_spec list_q[] = {
	SEARCH_FIELD,
	PAGE_FIELD,
	{ NULL },
};
static const struct field_spec record_form[] = {
	{ "email", F_EMAIL, 254, F_REQUIRED, NULL, "E-mail address of the person trained" },
	{ "course", F_TEXT, 64, F_REQUIRED, NULL, "Course" },
	{ "completed_on", F_DATE, 10, F_REQUIRED, NULL, "Completed on" },
	{ "expires_on", F_DATE, 10, 0, NULL, "Expires on" },
	{ NULL },
};
static const struct field_spec import_form[] = {
	{ "file", F_FILE, 1, F_REQUIRED, NULL, "CSV file" },
	{ NULL },
};
static const struct field_spec course_form[] = {
	{ "code", F_TEXT, 64, F_REQUIRED, NULL, "Code" },
	{ "title", F_TEXT, 200, F_REQUIRED, NULL, "Title" },
	{ NULL },
};

static const struct route training_routes[] = {
	{ "GET", "/training", training_page, ROLE_STAFF, list_q, NULL, 0 },
	{ "POST", "/training", training_add, ROLE_LEADERS, record_form, training_page, 0 },
	{ "POST", "/training/search", training_search, ROLE_LEADERS, search_form, training_page,
	  0 },
	{ "POST", "/training/import", training_import, ROLE_LEADERS, import_form, NULL, R_UPLOAD },
	{ "GET", "/training/untrained", training_untrained_page, ROLE_LEADERS, page_fields, NULL,
	  0 },
	{ "GET", "/admin/courses", courses_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/courses", course_add, ROLE_ADMIN, course_form, courses_page, 0 },
	{ NULL },
};

const struct feature training_feature = {
	.name = "training",
	.routes = (const struct route *const[]){ training_routes, NULL },
	.nav = (const struct nav_link[]){ { 80, "Training", "GET", "/training" }, { 0 } },
	.daily = training_lapsed_daily,
};
