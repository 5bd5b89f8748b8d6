/* Compliance: for the current version of each policy, who must sign, who
 * has, split by department and staff type, and who is outstanding.  Only
 * active people whose staff type the policy applies to are counted.
 * Governors see the figures, never names. */
#define _GNU_SOURCE
#include "aup.h"
#include "audit.h"
#include "csv.h"
#include "db.h"
#include "notify.h"
#include "policy_status.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int percent(json_int_t signed_n, json_int_t required)
{
	/* Rounded down, so an incomplete set never shows as 100%. */
	return required ? (int)(signed_n * 100 / required) : 100;
}

static void add_percents(json_t *rows)
{
	size_t i;
	json_t *o;
	json_array_foreach(rows, i, o)
		json_object_set_new(o, "percent", json_integer(percent(json_integer_value(json_object_get(o, "signed")),
								       json_integer_value(json_object_get(o, "required")))));
}

/* Each row: one group's count of people who must sign and who have. */
static json_t *split(int64_t vid, const char *applies_to, int by_department)
{
	json_t *rows = by_department
		? db_rows(WHOLE_TABLE_REPORT "SELECT u.department, count(*) AS required, count(s.id) AS signed FROM users u "
			  "LEFT JOIN signatures s ON s.version_id = ? AND s.user_id = u.id "
			  "WHERE u.active = 1 AND instr(',' || ? || ',', ',' || u.staff_type || ',') > 0 "
			  "GROUP BY u.department ORDER BY u.department", "It", vid, applies_to)
		: db_rows(WHOLE_TABLE_REPORT "SELECT u.staff_type, count(*) AS required, count(s.id) AS signed FROM users u "
			  "LEFT JOIN signatures s ON s.version_id = ? AND s.user_id = u.id "
			  "WHERE u.active = 1 AND instr(',' || ? || ',', ',' || u.staff_type || ',') > 0 "
			  "GROUP BY u.staff_type ORDER BY u.staff_type", "It", vid, applies_to);
	add_percents(rows);
	return rows;
}

/* Days are counted from the version's effective date, or from the day the
 * person joined when that came later. */
static json_t *outstanding(int64_t vid, const char *applies_to, const char *effective)
{
	char d[11];
	today(d);
	return db_rows(WHOLE_TABLE_REPORT "SELECT u.email, u.name, u.department, u.staff_type, "
		       "CAST(julianday(?) - julianday(max(?, substr(u.created_at, 1, 10))) AS INTEGER) AS days "
		       "FROM users u WHERE u.active = 1 AND instr(',' || ? || ',', ',' || u.staff_type || ',') > 0 "
		       "AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = ? AND s.user_id = u.id) "
		       "ORDER BY days DESC, u.name", "tttI", d, effective, applies_to, vid);
}

static json_t *policy_figures(json_t *cur, int with_names)
{
	int64_t vid = json_integer_value(json_object_get(cur, "version_id"));
	const char *applies = json_string_value(json_object_get(cur, "applies_to"));
	const char *eff = json_string_value(json_object_get(cur, "effective"));
	char d[11];
	today(d);
	json_t *people = outstanding(vid, applies, eff);
	json_int_t required = db_int(0, WHOLE_TABLE_REPORT "SELECT count(*) FROM users WHERE active = 1 AND "
					"instr(',' || ? || ',', ',' || staff_type || ',') > 0", "t", applies);
	json_int_t left = (json_int_t)json_array_size(people);
	json_object_set_new(cur, "required", json_integer(required));
	json_object_set_new(cur, "signed", json_integer(required - left));
	json_object_set_new(cur, "outstanding_count", json_integer(left));
	json_object_set_new(cur, "percent", json_integer(percent(required - left, required)));
	json_object_set_new(cur, "review_overdue", json_boolean(strcmp(json_string_value(json_object_get(cur, "review_due")), d) < 0));
	json_object_set_new(cur, "by_department", split(vid, applies, 1));
	json_object_set_new(cur, "by_staff_type", split(vid, applies, 0));
	if (with_names)
		json_object_set_new(cur, "outstanding", people);
	else
		json_decref(people);
	return cur;
}

/* Names are for leaders; a governor who is not also a leader sees figures. */
static int sees_names(const struct request *rq)
{
	return has_role(rq, ROLE_LEADERS);
}

void aup_compliance_page(struct request *rq, struct reply *rp)
{
	json_t *all = policy_current_versions();
	size_t i;
	json_t *cur;
	json_array_foreach(all, i, cur)
		policy_figures(cur, sees_names(rq));
	json_t *m = json_pack("{s:o, s:b}", "policies", all, "with_names", sees_names(rq));
	reply_page(rp, "aup_compliance", "Compliance", m);
}

void aup_compliance_csv(struct request *rq, struct reply *rp)
{
	(void)rq;
	struct csv_out o = { 0 };
	const char *head[] = { "policy", "version", "email", "name", "department", "staff_type", "days" };
	for (size_t h = 0; h < 7; h++)
		csv_cell(&o, head[h]);
	csv_end_row(&o);
	json_t *all = policy_current_versions();
	size_t i, j;
	json_t *cur, *p;
	json_array_foreach(all, i, cur) {
		json_t *people = outstanding(json_integer_value(json_object_get(cur, "version_id")),
					     json_string_value(json_object_get(cur, "applies_to")),
					     json_string_value(json_object_get(cur, "effective")));
		json_array_foreach(people, j, p) {
			csv_cell(&o, json_string_value(json_object_get(cur, "title")));
			csv_cell_int(&o, json_integer_value(json_object_get(cur, "version")));
			const char *cols[] = { "email", "name", "department", "staff_type" };
			for (size_t c = 0; c < 4; c++)
				csv_cell(&o, json_string_value(json_object_get(p, cols[c])));
			csv_cell_int(&o, json_integer_value(json_object_get(p, "days")));
			csv_end_row(&o);
		}
		json_decref(people);
	}
	json_decref(all);
	reply_raw(rp, "text/csv; charset=utf-8", o.buf, o.len);
	rp->filename = xstrdup("aup-outstanding.csv");
}

/* One notification per person, however many policies they have still to
 * sign; each reminder is its own audit row. */
void aup_remind(struct request *rq, struct reply *rp)
{
	char d[11];
	today(d);
	db_begin();
	json_t *people = db_rows(
		"SELECT u.id, u.email, count(*) AS policies FROM users u "
		"JOIN policies p ON instr(',' || p.applies_to || ',', ',' || u.staff_type || ',') > 0 "
		"JOIN policy_versions v ON v.id = (SELECT id FROM policy_versions WHERE policy_id = p.id AND effective <= ? "
		"  ORDER BY effective DESC, id DESC LIMIT 1) "
		"WHERE u.active = 1 AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = v.id AND s.user_id = u.id) "
		"GROUP BY u.id ORDER BY u.id", "t", d);
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p) {
		json_int_t n = json_integer_value(json_object_get(p, "policies"));
		char *msg = xasprintf("Reminder: %lld agreement%s still need%s your signature.", (long long)n,
				      n == 1 ? "" : "s", n == 1 ? "s" : "");
		notify_user(json_integer_value(json_object_get(p, "id")), "aup_reminder", msg, "/aup");
		audit(rq, "aup.remind", json_string_value(json_object_get(p, "email")), "unsigned=%lld", (long long)n);
		free(msg);
	}
	size_t sent = json_array_size(people);
	json_decref(people);
	if (db_commit() != 0) {
		aup_busy(rp);
		return;
	}
	char *flash = xasprintf("%zu %s been reminded.", sent, sent == 1 ? "person has" : "people have");
	reply_done(rp, 200, json_pack("{s:I}", "reminded", (json_int_t)sent), "/aup/compliance", flash);
	free(flash);
}
