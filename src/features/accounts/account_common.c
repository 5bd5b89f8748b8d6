#define _GNU_SOURCE
/* Shared by the accounts pages: platforms, the lead's policy checks, who
 * decides, and the register's flags (lead has left, monitoring overdue). */
#include "features/accounts/account_team.h"
#include "features/concerns/concerns.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/policy_status.h"
#include "lib/util.h"
#include "core/workdays.h"
#include "core/write.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"

#include <stdlib.h>
#include <string.h>

#define PLATFORM_ROW_(code, label) { code, label },
static const struct {
	const char *code, *label;
} platforms[] = { PLATFORM_LIST(PLATFORM_ROW_) };
#define NPLATFORMS (sizeof platforms / sizeof platforms[0])

const char *platform_label(const char *code)
{
	for (size_t i = 0; code && i < NPLATFORMS; i++)
		if (strcmp(platforms[i].code, code) == 0)
			return platforms[i].label;
	return "Unknown";
}

json_t *platform_options(const char *selected)
{
	json_t *a = json_array();
	for (size_t i = 0; i < NPLATFORMS; i++)
		json_array_append_new(
			a, json_pack("{s:s, s:s, s:b}", "value", platforms[i].code, "label",
				     platforms[i].label, "selected",
				     selected && strcmp(selected, platforms[i].code) == 0));
	return a;
}

/* Badge classes of the style sheet: a submitted application is "pending". */
static const char *status_class(const char *status)
{
	return status && strcmp(status, "submitted") == 0 ? "pending" : status ? status : "pending";
}

void account_row_labels(json_t *row)
{
	const char *p = json_str(row, "platform");
	const char *other = json_str(row, "platform_other");
	if (p && strcmp(p, "other") == 0 && other && *other) {
		char *l = xasprintf("Other: %s", other);
		json_object_set_new(row, "platform_label", json_string(l));
		free(l);
	} else {
		/* Our own words, not the database's: no UTF-8 check needed. */
		json_object_set_new(row, "platform_label", json_string_nocheck(platform_label(p)));
	}
	json_object_set_new(row, "status_class",
			    json_string_nocheck(status_class(json_str(row, "status"))));
}

int platform_other_ok(const struct request *rq, struct reply *rp, const char **other)
{
	const char *p = arg(rq, "platform");
	*other = "";
	if (!p || strcmp(p, "other") != 0)
		return 1;
	*other = arg(rq, "platform_other");
	if (*other)
		return 1;
	reply_error_add(rp, "platform_other",
			"You chose 'Other' as the platform: say which platform it is.");
	return 0;
}

int url_ok(const char *url)
{
	return url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0) &&
	       strlen(url) > 8 && !strpbrk(url, " \"<>");
}

int64_t lead_lookup(const struct request *rq, struct reply *rp, int must_be_active)
{
	const char *email = arg(rq, "lead");
	json_t *u = db_row("SELECT id, name, active FROM users WHERE email = ?", "t",
			   email ? email : "");
	if (!u) {
		reply_error_add(rp, "lead",
				"There is no member of staff with the e-mail address %s.",
				email ? email : "");
		return 0;
	}
	int64_t id = json_int(u, "id");
	int active = (int)json_int(u, "active");
	if (must_be_active && !active) {
		reply_error_add(rp, "lead", "%s has left the school and cannot lead an account.",
				json_str(u, "name"));
		id = 0;
	}
	json_decref(u);
	return id;
}

const char *check_question(const char *name)
{
	static const char *const questions[][2] = {
		{ "lead_active", "Named lead is an active member of staff" },
		{ "lead_signed_aup", "Has signed the current acceptable-use agreement" },
		{ "lead_trained", "Has current social-media training" },
	};
	for (size_t i = 0; name && i < sizeof questions / sizeof questions[0]; i++)
		if (strcmp(questions[i][0], name) == 0)
			return questions[i][1];
	return name ? name : "";
}

/* A check reads as a question answered yes or no ("question"), with the
 * particulars in "detail". */
static void add_check(json_t *checks, const char *name, int ok, const char *detail)
{
	json_array_append_new(checks, json_pack("{s:s, s:s, s:b, s:s}", "name", name, "question",
						check_question(name), "ok", ok, "detail",
						detail));
}

/* The words before the first policy of a group in unsigned_detail. */
static const char *unsigned_heading(int renewal, int after_other)
{
	if (!renewal)
		return "Has not signed the current version of: ";
	return after_other ? ". Due to sign again for the year: "
			   : "Due to sign again for the year: ";
}

/* "Has not signed the current version of: Title (version N). Due to sign
 * again for the year: Title (version M), from 1 Sep 2026."  A yearly
 * renewal (policies_unsigned's "renewal") is said as such: the person did
 * sign, last year. */
static char *unsigned_detail(const json_t *missing)
{
	char *s = xstrdup("");
	for (int renewal = 0; renewal <= 1; renewal++) {
		size_t i, n = 0;
		json_t *v;
		json_array_foreach(missing, i, v) {
			if (json_is_true(json_object_get(v, "renewal")) != renewal)
				continue;
			char from[32] = "";
			if (renewal)
				uk_time_words(json_str(v, "renew_date"), from, sizeof from);
			const char *before = n++ ? ", " : unsigned_heading(renewal, *s != 0);
			long long number = json_int(v, "number");
			char *next = xasprintf("%s%s%s (version %lld)%s%s", s, before,
					       json_str(v, "title"), number,
					       renewal ? ", from " : "", from);
			free(s);
			s = next;
		}
	}
	char *n = xasprintf("%s.", s);
	free(s);
	return n;
}

/* How many policies apply to the person's staff type and have a current
 * version (POLICY_CURRENT_ID): the agreements they must have signed. */
static int64_t agreements_applying(int64_t user_id)
{
	char d[11];
	today(d);
	return db_int(0,
		      "SELECT count(*) FROM users u JOIN policies p ON instr(',' || "
		      "p.applies_to || ',', ',' || u.staff_type || ',') > 0 WHERE u.id = ? AND "
		      POLICY_CURRENT_ID("p.id") " IS NOT NULL",
		      "It", user_id, d);
}

json_t *lead_checks(int64_t lead_id)
{
	json_t *checks = json_array();
	json_t *u = db_row("SELECT name, email, active FROM users WHERE id = ?", "I", lead_id);
	const char *name = u ? json_str(u, "name") : "The lead";
	int active = u && json_int(u, "active") == 1;
	char *d = xasprintf(active ? "%s is an active member of staff."
				   : "%s is no longer an active member of staff.",
			    name);
	add_check(checks, "lead_active", active, d);
	free(d);
	json_t *missing = policies_unsigned(lead_id);
	if (json_array_size(missing) == 0 && !agreements_applying(lead_id)) {
		/* Nothing unsigned is not the same as signed: with no agreement
		 * for their staff type they have read none (ravens-wood §3). */
		add_check(checks, "lead_signed_aup", 0,
			  "No current agreement applies to them, so they have signed none: "
			  "one that applies to their staff type must be published first.");
	} else if (json_array_size(missing) == 0) {
		add_check(checks, "lead_signed_aup", 1,
			  "Has signed the current acceptable-use agreement.");
	} else {
		d = unsigned_detail(missing);
		add_check(checks, "lead_signed_aup", 0, d);
		free(d);
	}
	json_decref(missing);
	int trained = training_current(lead_id, "social_media_policy");
	add_check(checks, "lead_trained", trained,
		  trained ? "Has current social-media policy training."
			  : "Has no completed, unexpired social-media policy training.");
	json_decref(u);
	return checks;
}

int checks_all_pass(const json_t *checks)
{
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c)
		if (!json_is_true(json_object_get(c, "ok")))
			return 0;
	return 1;
}

json_t *checks_failing(const json_t *checks)
{
	json_t *failing = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c)
		if (!json_is_true(json_object_get(c, "ok")))
			json_array_append(failing, c);
	return failing;
}

char *checks_failing_words(const char *what, const json_t *checks)
{
	char *words = xasprintf("%s: the lead does not pass the policy checks.", what);
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c) {
		if (json_is_true(json_object_get(c, "ok")))
			continue;
		char *n = xasprintf("%s %s: no (%s)", words, json_str(c, "question"),
				    json_str(c, "detail"));
		free(words);
		words = n;
	}
	return words;
}

void reply_checks_failed(struct reply *rp, const json_t *checks, const char *what)
{
	char *words = checks_failing_words(what, checks);
	reply_error(rp, 409, "lead", "%s", words);
	json_object_set_new(rp->model, "checks", checks_failing(checks));
	free(words);
}

const char *decider_role(void)
{
	char *v = db_text("SELECT value FROM settings WHERE key = 'account_decider'", "");
	const char *role = v && strcmp(v, "slt") == 0 ? "slt" : "business_manager";
	free(v);
	return role;
}

int id_among(const json_t *ids, int64_t id)
{
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v)
		if (json_integer_value(v) == id)
			return 1;
	return 0;
}

json_t *application_excluded(const json_t *app, int64_t reviewing)
{
	json_t *ids = json_pack("[I, I]", (json_int_t)json_int(app, "applicant_id"),
				(json_int_t)json_int(app, "lead_id"));
	json_t *rows = db_rows("SELECT DISTINCT actor_id FROM approvals WHERE application_id = ? "
			       "AND step = 'review'",
			       "I", (int64_t)json_int(app, "id"));
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_array_append_new(ids, json_integer(json_int(r, "actor_id")));
	json_decref(rows);
	if (reviewing)
		json_array_append_new(ids, json_integer(reviewing));
	return ids;
}

json_t *decider_holders(void)
{
	return db_rows("SELECT r.role, r.user_id FROM user_roles r JOIN users u "
		       "ON u.id = r.user_id "
		       "WHERE r.role IN ('business_manager', 'headteacher', 'slt', 'chair') "
		       "AND u.active = 1",
		       "");
}

/* An active holder of the role who is not excluded. */
static int free_holder(const json_t *holders, const char *role, const json_t *excluded)
{
	size_t i;
	json_t *h;
	json_array_foreach(holders, i, h)
		if (strcmp(json_str(h, "role"), role) == 0 &&
		    !id_among(excluded, json_int(h, "user_id")))
			return 1;
	return 0;
}

const char *decider_among(const char *role, const json_t *holders, const json_t *excluded)
{
	/* ravens-wood §3: "Following consideration by the Moderator/SLT"; the
	 * headteacher leads SLT, and the governing body, through its chair,
	 * stands above the school's leaders when none of them may. */
	static const char *const fallbacks[] = { "headteacher", "slt", "chair" };
	if (free_holder(holders, role, excluded))
		return role;
	for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
		if (strcmp(fallbacks[i], role) != 0 && free_holder(holders, fallbacks[i], excluded))
			return fallbacks[i];
	return "chair"; /* nobody free: it waits for a chair to be appointed */
}

const char *application_decider(const json_t *app, int64_t reviewing)
{
	json_t *holders = decider_holders();
	json_t *excluded = application_excluded(app, reviewing);
	const char *role = decider_among(decider_role(), holders, excluded);
	json_decref(excluded);
	json_decref(holders);
	return role;
}

static int overdue(const json_t *row, time_t t, struct closure_set *closed)
{
	const char *status = json_str(row, "status");
	const char *last = json_str(row, "last_check");
	const char *from = last ? last : json_str(row, "created_at");
	time_t base;
	if (!status || strcmp(status, "active") != 0 || !from || parse_iso_time(from, &base) != 0)
		return 0;
	return t > monitoring_due(base, closure_day_in, closed);
}

/* A register row's state, read by the same statement as the row (one
 * statement a page, not six a row); its one parameter is the time now, for
 * the comments and queries past their 24-hour reply (ravens-wood §4). */
#define ACCOUNT_STATE_COLUMNS                                                                    \
	"(SELECT max(checked_at) FROM account_checks c WHERE c.account_id = a.id) AS last_check, " \
	"(u.active = 0 AND a.status != 'closed') AS lead_left, "                                 \
	"EXISTS (SELECT 1 FROM account_gate_failures g WHERE g.account_id = a.id) "               \
	"AS gate_failing, "                                                                        \
	"(a.status != 'closed' AND EXISTS (SELECT 1 FROM account_items i WHERE "                  \
	"i.account_id = a.id AND i.answered_at IS NULL AND i.due_at < ?)) AS replies_overdue, "   \
	"(SELECT max(reviewed_at) FROM account_reviews r WHERE r.account_id = a.id) "             \
	"AS last_review, "                                                                         \
	"(SELECT last_at FROM account_activity v WHERE v.account_id = a.id) AS activity_at "

static void set_boolean(json_t *row, const char *key)
{
	json_object_set_new(row, key, json_boolean(json_int(row, key)));
}

/* The closure days, the dormancy setting and today are read once for all the rows. */
void account_flags(json_t *rows)
{
	struct closure_set closed;
	closure_set_load(&closed);
	struct review_day day;
	review_day_start(&day, account_dormant_days());
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		set_boolean(r, "lead_left");
		set_boolean(r, "gate_failing");
		set_boolean(r, "replies_overdue");
		json_object_set_new(r, "monitoring_overdue",
				    json_boolean(overdue(r, day.now, &closed)));
		account_row_labels(r);
		account_team_flags(r, &day); /* password, review, dormant */
	}
	review_day_end(&day);
	closure_set_free(&closed);
}

json_t *accounts_query(int all, int64_t lead_id, int64_t limit, int64_t offset)
{
	/* Two statements rather than "? OR lead_id = ?", so each has its index:
	 * the register's order for everyone, the lead's own accounts otherwise. */
	char at[ISO_LEN];
	iso_now(at);
	json_t *rows = all ? db_rows("SELECT a.id, a.platform, a.platform_other, a.name, a.url, "
				     "a.department, u.email AS lead, u.name AS lead_name, "
				     "a.status, a.created_at, " ACCOUNT_STATE_COLUMNS
				     "FROM social_accounts a JOIN users u ON u.id = a.lead_id "
				     "ORDER BY a.status = 'closed', a.name COLLATE NOCASE, a.id "
				     "LIMIT ? OFFSET ?",
				     "tII", at, limit, offset)
			   : db_rows("SELECT a.id, a.platform, a.platform_other, a.name, a.url, "
				     "a.department, u.email AS lead, u.name AS lead_name, "
				     "a.status, a.created_at, " ACCOUNT_STATE_COLUMNS
				     "FROM social_accounts a JOIN users u ON u.id = a.lead_id "
				     "WHERE a.id IN (SELECT id FROM social_accounts WHERE "
				     "lead_id = ? UNION SELECT account_id FROM "
				     "account_contributors WHERE user_id = ? AND removed_at IS "
				     "NULL) "
				     "ORDER BY a.status = 'closed', a.name COLLATE NOCASE, a.id "
				     "LIMIT ? OFFSET ?",
				     "tIIII", at, lead_id, lead_id, limit, offset);
	account_flags(rows);
	return rows;
}

json_t *account_load(int64_t id)
{
	char at[ISO_LEN];
	iso_now(at);
	json_t *rows =
		db_rows("SELECT a.id, a.platform, a.platform_other, a.name, a.url, a.department, "
			"u.email AS lead, u.name AS lead_name, "
			"a.lead_id, a.visibility, a.status, a.created_at, a.closed_at, "
			"a.close_reason, a.cred_updated_at, " ACCOUNT_STATE_COLUMNS
			"FROM social_accounts a JOIN users u ON u.id = a.lead_id WHERE a.id = ?",
			"tI", at, id);
	account_flags(rows);
	json_t *row = json_array_size(rows) ? json_incref(json_array_get(rows, 0)) : NULL;
	json_decref(rows);
	return row;
}

int account_visible(const struct request *rq, const json_t *account)
{
	/* The rule the audit log shares (accounts.h). */
	return db_int(0,
		      "SELECT " ACCOUNT_MAY_OPEN_AS("s", "?2", "?3") " IS 1 FROM social_accounts s "
		      "WHERE s.id = ?1",
		      "III", (int64_t)json_int(account, "id"), rq->user.id,
		      routable_roles(rq)) == 1;
}

json_t *application_load(int64_t id)
{
	json_t *app = db_row(
		"SELECT a.id, a.applicant_id, ap.name AS applicant_name, ap.email AS applicant, "
		"a.platform, a.platform_other, "
		"a.name, a.department, a.aim, a.audience, a.promotion, a.lead_id, l.email AS lead, "
		"l.name AS lead_name, "
		"a.visibility, a.monitoring, a.status, a.created_at, a.updated_at, a.account_id "
		"FROM account_applications a JOIN users ap ON ap.id = a.applicant_id JOIN users l "
		"ON l.id = a.lead_id "
		"WHERE a.id = ?",
		"I", id);
	if (app)
		account_row_labels(app);
	return app;
}

int application_visible(const struct request *rq, const json_t *app)
{
	/* The rule the audit log and the exports share (accounts.h). */
	return db_int(0,
		      "SELECT " APPLICATION_MAY_OPEN_AS("a", "?2", "?3") " IS 1 FROM "
		      "account_applications a WHERE a.id = ?1",
		      "III", (int64_t)json_int(app, "id"), rq->user.id,
		      routable_roles(rq)) == 1;
}

void application_step(int64_t app_id, const char *step, const char *decision, const char *comment,
		      int64_t actor, const json_t *checks)
{
	char at[ISO_LEN];
	iso_now(at);
	char *c = checks ? json_dumps(checks, JSON_COMPACT) : NULL;
	db_exec("INSERT INTO approvals(application_id, step, decision, comment, actor_id, at, "
		"checks) VALUES (?,?,?,?,?,?,?)",
		"ItttItt", app_id, step, decision, comment ? comment : "", actor, at, c ? c : "");
	free(c);
}

char *application_link(int64_t id)
{
	return xasprintf("/accounts/applications/%lld", (long long)id);
}

char *account_link(int64_t id)
{
	return xasprintf("/accounts/%lld", (long long)id);
}

char *account_raised_concern(json_t *parent, int64_t id, const char *ref, int64_t reached,
			     int names_pupil)
{
	/* A concern that reached nobody is still kept, and the person who raised
	 * it is told so plainly, as a report made on its own form is. */
	char *warning = reached ? NULL
				: concern_unreached_words(ref, "account_comment", names_pupil);
	json_t *c = json_pack("{s:I, s:s, s:b}", "id", (json_int_t)id, "reference", ref,
			      "delivered", reached > 0);
	if (warning)
		json_object_set_new(c, "warning", json_string(warning));
	json_object_set_new(parent, "concern", c);
	return warning;
}

int account_refuse_repeat_raising(struct reply *rp, const json_t *kept, const char *done,
				  const char *raised)
{
	const char *ref = json_str(kept, "reference");
	char *repeat = ref ? xasprintf("%s, and concern %s %s.", done, ref, raised)
			   : xasprintf("%s.", done);
	int refused = reply_refuse_repeat(rp, kept != NULL, repeat);
	free(repeat);
	return refused;
}
