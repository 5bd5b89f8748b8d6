/* Compliance: for the current version of each policy, who must sign, who
 * has, split by department and staff type, and who is outstanding.  Only
 * active people whose staff type the policy applies to are counted.
 * Governors see the figures, never names.
 *
 * Nothing here reads every person: the figures come from the counts kept by
 * triggers (staff_counts: active people by staff type and department;
 * awaiting_counts: those who have not signed, by version), the outstanding
 * list a page at a time from awaiting_signature in its order (schema.sql,
 * schema version 2). */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/audit.h"
#include "lib/csv.h"
#include "db/db.h"
#include "core/notify.h"
#include "core/policy_status.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUTSTANDING_PAGE 50

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
		json_object_set_new(o, "percent", json_integer(percent(json_int(o, "signed"),
								       json_int(o, "required"))));
}

/* The staff types a policy applies to ("teacher,support") as a JSON array
 * ('["teacher","support"]') for json_each(?), so that each type is a key
 * into the kept counts.  Staff types are lower-case words (the CHECK on
 * users.staff_type); anything else could match no one and is left out. */
static char *types_json(const char *applies_to)
{
	char *out = xmalloc(3 * strlen(applies_to) + 4), *w = out;
	*w++ = '[';
	for (const char *p = applies_to; *p;) {
		size_t len = strcspn(p, ",");
		if (len && strspn(p, "abcdefghijklmnopqrstuvwxyz_") == len)
			w += sprintf(w, "%s\"%.*s\"", w[-1] == '[' ? "" : ",", (int)len, p);
		p += len + (p[len] == ',');
	}
	strcpy(w, "]");
	return out;
}

/* Each row: one group's count of people who must sign and who have. */
static json_t *split(int64_t vid, const char *types, int by_department)
{
	json_t *rows =
		by_department ? db_rows("SELECT s.department, sum(s.n) AS required, sum(s.n - "
					"coalesce(a.n, 0)) AS signed "
					"FROM json_each(?) t JOIN staff_counts s ON s.staff_type = "
					"t.value "
					"LEFT JOIN awaiting_counts a ON a.version_id = ? AND "
					"a.staff_type = s.staff_type "
					"AND a.department = s.department "
					"WHERE s.n > 0 GROUP BY s.department ORDER BY s.department",
					"tI", types, vid)
			      : db_rows("SELECT s.staff_type, sum(s.n) AS required, sum(s.n - "
					"coalesce(a.n, 0)) AS signed "
					"FROM json_each(?) t JOIN staff_counts s ON s.staff_type = "
					"t.value "
					"LEFT JOIN awaiting_counts a ON a.version_id = ? AND "
					"a.staff_type = s.staff_type "
					"AND a.department = s.department "
					"WHERE s.n > 0 GROUP BY s.staff_type ORDER BY s.staff_type",
					"tI", types, vid);
	add_percents(rows);
	return rows;
}

/* Longest waiting first, then by name, read in the order of the index
 * awaiting_signature_order; limit -1: everyone.  The subquery finds the
 * page's first entry in that index alone, so the people before the page
 * are skipped without being read and a late page costs what the first
 * does.  Days are counted from the version's effective date, or from the
 * day the person joined when that came later (awaiting_signature.since). */
static json_t *outstanding(int64_t vid, int64_t limit, int64_t offset)
{
	char d[11];
	today(d);
	return db_rows(
		"SELECT u.id AS user_id, u.email, u.name, u.department, u.staff_type, "
		"CAST(julianday(?) - julianday(w.since) AS INTEGER) AS days "
		"FROM awaiting_signature w JOIN users u ON u.id = w.user_id WHERE w.version_id = ? "
		"AND (w.since, w.name, w.user_id) >= (SELECT since, name, user_id FROM "
		"awaiting_signature "
		"WHERE version_id = ? ORDER BY since, name, user_id LIMIT 1 OFFSET ?) "
		"ORDER BY w.since, w.name, w.user_id LIMIT ?",
		"tIIII", d, vid, vid, offset, limit);
}

/* page: of the outstanding list, shown to leaders only. */
static json_t *policy_figures(json_t *cur, int with_names, int64_t page)
{
	int64_t vid = json_int(cur, "version_id");
	char *types = types_json(json_str(cur, "applies_to"));
	char d[11];
	today(d);
	json_t *by_type = split(vid, types, 0);
	json_int_t required = 0, signed_n = 0;
	size_t i;
	json_t *g;
	json_array_foreach(by_type, i, g) {
		required += json_int(g, "required");
		signed_n += json_int(g, "signed");
	}
	json_object_set_new(cur, "required", json_integer(required));
	json_object_set_new(cur, "signed", json_integer(signed_n));
	json_object_set_new(cur, "outstanding_count", json_integer(required - signed_n));
	/* The same, for the page: the template layer gives the outstanding
	 * array's length as outstanding_count, which is one page of it. */
	json_object_set_new(cur, "outstanding_total", json_integer(required - signed_n));
	json_object_set_new(cur, "percent", json_integer(percent(signed_n, required)));
	json_object_set_new(cur, "review_overdue",
			    json_boolean(strcmp(json_str(cur, "review_due"), d) < 0));
	json_object_set_new(cur, "by_department", split(vid, types, 1));
	json_object_set_new(cur, "by_staff_type", by_type);
	if (with_names) {
		json_object_set_new(
			cur, "outstanding",
			outstanding(vid, OUTSTANDING_PAGE, (page - 1) * OUTSTANDING_PAGE));
		reply_pager_total(cur, page, OUTSTANDING_PAGE, required - signed_n);
	}
	compliance_previous(cur);
	compliance_declines(cur, with_names);
	compliance_renewals(cur, with_names);
	if (with_names)
		compliance_paper(cur);
	free(types);
	return cur;
}

/* The paper-signature form's choice of version: each current one. */
static json_t *paper_form_of(const json_t *all)
{
	json_t *versions = json_array();
	size_t i;
	json_t *cur;
	json_array_foreach(all, i, cur)
		json_array_append_new(versions,
				      json_pack("{s:I, s:s, s:I}", "version_id",
						json_int(cur, "version_id"), "title",
						json_str(cur, "title"), "version",
						json_int(cur, "version")));
	return json_pack("{s:o}", "versions", versions);
}

/* Names are for leaders; a governor who is not also a leader sees figures. */
static int sees_names(const struct request *rq)
{
	return has_role(rq, ROLE_LEADERS);
}

void aup_compliance_page(struct request *rq, struct reply *rp)
{
	int64_t page = arg_int(rq, "page", 1);
	json_t *all = policy_current_versions();
	size_t i;
	json_t *cur;
	json_array_foreach(all, i, cur)
		policy_figures(cur, sees_names(rq), page);
	json_t *m = json_pack("{s:o, s:b, s:I, s:i}", "policies", all, "with_names", sees_names(rq),
			      "page", (json_int_t)page, "per_page", OUTSTANDING_PAGE);
	if (sees_names(rq) && json_array_size(all))
		json_object_set_new(m, "paper_form", paper_form_of(all));
	reply_page(rp, "aup_compliance", "Compliance", m);
}

static void csv_person(struct csv_out *o, const json_t *cur, const json_t *p, const char *why)
{
	csv_cell(o, json_str(cur, "title"));
	csv_cell_int(o, json_int(cur, "version"));
	const char *cols[] = { "email", "name", "department", "staff_type" };
	for (size_t c = 0; c < 4; c++)
		csv_cell(o, json_string_value(json_object_get(p, cols[c])));
	csv_cell_int(o, json_int(p, "days"));
	csv_cell(o, why);
	csv_end_row(o);
}

/* The whole outstanding list, every current version: the export is never
 * paged.  A yearly policy's people who signed before this year's renewal
 * date follow its other rows, with why they are due again; days count from
 * that date for them. */
void aup_compliance_csv(struct request *rq, struct reply *rp)
{
	(void)rq;
	struct csv_out o = { 0 };
	const char *head[] = { "policy",     "version",    "email", "name",
			       "department", "staff_type", "days",  "why" };
	for (size_t h = 0; h < 8; h++)
		csv_cell(&o, head[h]);
	csv_end_row(&o);
	json_t *all = policy_current_versions();
	size_t i, j;
	json_t *cur, *p;
	json_array_foreach(all, i, cur) {
		json_t *people = outstanding(json_int(cur, "version_id"), -1, 0);
		json_array_foreach(people, j, p)
			csv_person(&o, cur, p, "Not yet signed");
		json_decref(people);
		char date[11];
		json_t *again = renewal_outstanding(cur, date);
		json_array_foreach(again, j, p)
			csv_person(&o, cur, p, json_str(p, "why"));
		json_decref(again);
	}
	json_decref(all);
	reply_raw(rp, "text/csv; charset=utf-8", o.buf, o.len);
	rp->filename = xstrdup("aup-outstanding.csv");
}

/* Into the people to remind (by_id indexes them by id): those due to sign
 * the yearly policy cur again, each with its title and why. */
static void remind_again(json_t *people, json_t *by_id, const json_t *cur)
{
	char date[11];
	json_t *again = renewal_outstanding(cur, date), *p;
	size_t i;
	json_array_foreach(again, i, p) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)json_int(p, "user_id"));
		json_t *r = json_object_get(by_id, key);
		if (!r) {
			r = json_pack("{s:I, s:s, s:i, s:s}", "id", json_int(p, "user_id"), "email",
				      json_str(p, "email"), "policies", 0, "titles", "");
			json_object_set(by_id, key, r);
			json_array_append_new(people, r);
		}
		const char *was = json_str(r, "titles");
		char *titles = xasprintf("%s%s%s (signed again every year)", was, *was ? "; " : "",
					 json_str(cur, "title"));
		json_object_set_new(r, "titles", json_string(titles));
		json_object_set_new(r, "policies", json_integer(json_int(r, "policies") + 1));
		free(titles);
	}
	json_decref(again);
}

/* The people to remind: [{"id","email","policies","titles"}], those with a
 * current version unsigned first, by id; then those only due to sign a
 * yearly policy again, whose titles say so. */
static json_t *to_remind(void)
{
	char d[11];
	today(d);
	json_t *people = db_rows("SELECT u.id, u.email, count(*) AS policies, "
				 "group_concat(p.title, '; ') AS titles FROM users u "
				 "JOIN policies p ON instr(',' || p.applies_to || ',', ',' || "
				 "u.staff_type || ',') > 0 "
				 "JOIN policy_versions v ON v.id = " POLICY_CURRENT_ID("p.id") " "
				 "WHERE u.active = 1 AND NOT EXISTS (SELECT 1 FROM signatures s "
				 "WHERE s.version_id = v.id AND s.user_id = u.id) "
				 "GROUP BY u.id ORDER BY u.id",
				 "t", d);
	json_t *by_id = json_object(), *all = policy_current_versions(), *cur, *p;
	size_t i;
	json_array_foreach(people, i, p) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)json_int(p, "id"));
		json_object_set(by_id, key, p);
	}
	json_array_foreach(all, i, cur)
		remind_again(people, by_id, cur);
	json_decref(all);
	json_decref(by_id);
	return people;
}

/* How long a reminder stands: someone reminded of the same agreements in
 * the last day is not reminded again.  A second press of the button (a
 * double click, or two leaders the same morning) would only say again what
 * they were told; an agreement outstanding since changes the words, and
 * they are reminded of it. */
#define REMINDED_WITHIN (24 * 60 * 60)

static char *reminder_words(const json_t *p)
{
	json_int_t n = json_int(p, "policies");
	return xasprintf("Reminder: %lld agreement%s still need%s your signature: %s.",
			 (long long)n, n == 1 ? "" : "s", n == 1 ? "s" : "",
			 json_str(p, "titles"));
}

/* Whether the person was sent these words as a reminder since `since`,
 * read or not: two look-ups, so that each reads through the person's index
 * (unread, and read since then), not every notification they ever had. */
static int reminded_already(int64_t user_id, const char *words, const char *since)
{
	return db_int(0,
		      "SELECT EXISTS (SELECT 1 FROM notifications INDEXED BY notifications_by_user "
		      "WHERE user_id = ? AND read_at IS NULL AND kind = 'aup_reminder' "
		      "AND created_at >= ? AND message = ?) OR EXISTS (SELECT 1 FROM "
		      "notifications INDEXED BY notifications_by_user WHERE user_id = ? "
		      "AND read_at >= ? AND kind = 'aup_reminder' AND created_at >= ? "
		      "AND message = ?)",
		      "IttIttt", user_id, since, words, user_id, since, since, words) == 1;
}

/* The answer when the reminder sent nothing: 409, nothing written. */
static void refuse_nothing_new(struct reply *rp, size_t outstanding)
{
	reply_refuse_repeat(rp, 1,
			    outstanding ? "Everyone still to sign has been reminded of the same "
					  "in the last day: nobody has been reminded again."
					: "Everyone has signed: there is nobody to remind.");
}

/* One notification per person, however many policies they have still to
 * sign (a yearly one signed before this year's renewal date among them);
 * each reminder is its own audit row.  Nobody reminded of the same in the
 * last day (REMINDED_WITHIN) is reminded again. */
void aup_remind(struct request *rq, struct reply *rp)
{
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	char since[ISO_LEN];
	iso_time(now() - REMINDED_WITHIN, since);
	json_t *people = to_remind(), *p;
	size_t i, sent = 0, outstanding = json_array_size(people);
	json_array_foreach(people, i, p) {
		char *msg = reminder_words(p);
		if (!reminded_already(json_int(p, "id"), msg, since)) {
			notify_user(json_int(p, "id"), "aup_reminder", msg, "/aup");
			audit(rq, "aup.remind", json_str(p, "email"), "unsigned=%lld",
			      (long long)json_int(p, "policies"));
			sent++;
		}
		free(msg);
	}
	json_decref(people);
	if (!sent) {
		refuse_nothing_new(rp, outstanding);
		return;
	}
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	size_t already = outstanding - sent;
	char *flash = already ? xasprintf("%zu %s been reminded; %zu %s reminded of the same in "
					  "the last day and %s not reminded again.",
					  sent, sent == 1 ? "person has" : "people have",
					  already, already == 1 ? "person was" : "people were",
					  already == 1 ? "was" : "were")
			      : xasprintf("%zu %s been reminded.", sent,
					  sent == 1 ? "person has" : "people have");
	reply_done(rp, 200,
		   json_pack("{s:I, s:I}", "reminded", (json_int_t)sent, "reminded_already",
			     (json_int_t)already),
		   "/aup/compliance", flash);
	free(flash);
}
