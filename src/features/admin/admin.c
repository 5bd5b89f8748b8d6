/* Administration: the staff list, adding and editing people, leaving
 * dates (the CSV import is admin_sync.c), and the school's settings (name, closure days). */
#define _GNU_SOURCE
#include "core/audit.h"
#include "lib/config.h"
#include "core/auth.h"
#include "core/password_rules.h"
#include "db/db.h"
#include "core/leaving.h"
#include "core/search.h"
#include "core/sessions.h"
#include "http/feature.h"
#include "core/staff.h"
#include "core/tasks.h"
#include "core/throttle.h"
#include "core/write.h"
#include "features/accounts/accounts.h"
#include "features/admin/admin_sync.h"
#include "features/concerns/concerns.h"
#include "lib/util.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 100
/* Roles a school cannot do without: the administrator is told when nobody holds one. */
#define KEY_ROLES (ROLE_HEADTEACHER | ROLE_DSL | ROLE_MODERATOR | ROLE_ADMIN)

/* Every role with a flag saying whether this person holds it: the form's checkboxes. */
static json_t *role_boxes(unsigned held)
{
	json_t *a = json_array();
	for (int i = 1; i < ROLE_COUNT; i++)
		json_array_append_new(
			a, json_pack("{s:s, s:b}", "role", role_name(i), "held", (held >> i) & 1));
	return a;
}

static json_t *staff_types(const char *current)
{
	json_t *a = json_array();
#define STAFF_TYPE_CODE_(code, name) code,
	const char *types[] = { STAFF_TYPE_LIST(STAFF_TYPE_CODE_) };
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		json_array_append_new(a, json_pack("{s:s, s:b}", "type", types[i], "selected",
						   current && strcmp(current, types[i]) == 0));
	return a;
}

static unsigned roles_from_form(const struct request *rq)
{
	const char *vals[ROLE_COUNT * 2];
	unsigned roles = ROLE_STAFF;
	size_t n = arg_all(rq, "role", vals, ROLE_COUNT * 2);
	for (size_t i = 0; i < n; i++) {
		unsigned tmp;
		char bad[64];
		if (roles_parse(vals[i], &tmp, bad, sizeof bad) == 0)
			roles |= tmp;
	}
	return roles;
}

static void staff_list(struct request *rq, struct reply *rp)
{
	json_t *search = search_load(rq, rp, "staff");
	if (!search)
		return;
	const char *q = rq->is_post ? NULL : json_str(search, "q");
	int64_t page = arg_int(rq, "page", 1);
	char *like = xasprintf("%%%s%%", q ? q : "");
	json_t *rows = db_rows(
		"SELECT u.id, u.email, u.name, u.job_title, u.department, u.staff_type, u.active, "
		"u.left_on, "
		"u.password_hash IS NOT NULL AS can_sign_in, "
		"(SELECT group_concat(role, ', ') FROM user_roles r WHERE r.user_id = u.id AND "
		"r.role != 'staff') AS roles "
		"FROM users u WHERE (u.name LIKE ? OR u.email LIKE ? OR u.department LIKE ?) "
		"ORDER BY u.active DESC, u.name LIMIT ? OFFSET ?",
		"tttII", like, like, like, (int64_t)PAGE + 1, (page - 1) * PAGE);
	free(like);
	json_t *m = json_pack("{s:o, s:s, s:I}", "staff", rows, "q", q ? q : "", "search",
			      (json_int_t)json_int(search, "search"));
	json_decref(search);
	reply_pager(m, rows, page, PAGE);
	reply_page(rp, "admin_staff", "Staff", m);
}

/* The search form's POST: the term is kept, the list is /admin/staff?search=ID. */
static void staff_search(struct request *rq, struct reply *rp)
{
	static const char *const fields[] = { "q", NULL };
	search_answer(rq, rp, "staff", "/admin/staff", fields);
}

/* Shown again after a refusal (a POST), the form keeps what was ticked and
 * chosen rather than what is stored. */
static void staff_new_page(struct request *rq, struct reply *rp)
{
	const char *type = rq->is_post ? arg(rq, "staff_type") : "teacher";
	reply_page(rp, "admin_staff_new", "Add a member of staff",
		   json_pack("{s:o, s:o}", "roles",
			     role_boxes(rq->is_post ? roles_from_form(rq) : ROLE_STAFF),
			     "staff_types", staff_types(type)));
}

/* Every problem with a new person's details at once: the password's, then the
 * list's (an address already on it is a conflict, 409, when it is the only one). */
static int staff_new_problems(const struct request *rq, struct reply *rp,
			      const struct staff_input *in)
{
	const char *pw = arg(rq, "password");
	struct password_owner who = { in->name, in->email, in->roles, 0 };
	const char *why = pw ? password_problem(pw, &who) : NULL, *field;
	if (why)
		reply_error_add(rp, "password", "%s", why);
	if ((why = staff_problem(in, &field))) {
		if (!reply_errors(rp) && staff_id(in->email) && field &&
		    strcmp(field, "email") == 0)
			reply_error(rp, 409, field, "%s", why);
		else
			reply_error_add(rp, field, "%s", why);
	}
	return reply_errors(rp) ? -1 : 0;
}

static void staff_create(struct request *rq, struct reply *rp)
{
	const char *pw = arg(rq, "password");
	char hash[crypto_pwhash_STRBYTES];
	struct staff_input in = { arg(rq, "email"),      arg(rq, "name"),
				  arg(rq, "job_title"),  arg(rq, "department"),
				  arg(rq, "staff_type"), roles_from_form(rq),
				  pw ? hash : NULL,      0 };
	if (staff_new_problems(rq, rp, &in) != 0)
		return;
	if (pw && password_hash(pw, hash) != 0) {
		reply_busy(rp, BUSY);
		return;
	}
	if (reply_begin(rp, BUSY) != 0)
		return;
	int64_t id = staff_add(rq, &in);
	if (id < 0) {
		db_rollback();
		reply_busy(rp, BUSY);
		return;
	}
	if (reply_commit(rp, BUSY) != 0)
		return;
	char *loc = xasprintf("/admin/staff/%lld", (long long)id);
	char *msg = xasprintf("%s has been added.", in.name);
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s}}", "user", "id", (json_int_t)id, "email", in.email),
		   loc, msg);
	free(loc);
	free(msg);
}

static json_t *person(int64_t id)
{
	return db_row("SELECT id, email, name, job_title, department, staff_type, active, left_on, "
		      "created_at, "
		      "password_hash IS NOT NULL AS can_sign_in, "
		      "(SELECT left_on FROM leaving_dates WHERE user_id = users.id) AS leaving_on "
		      "FROM users WHERE id = ?",
		      "I", id);
}

#define STAFF_STALE                                                                            \
	"This person's record was changed by someone else since you opened it: reload the page " \
	"and make your change again."

/* The details form's version: a digest of the fields and roles it shows.  A
 * form opened before another administrator's change carries an older one,
 * so its save cannot silently undo that change (a role just given, such as
 * designated safeguarding lead).  Derived, so nothing is stored for it. */
static void record_version(int64_t id, char out[17])
{
	json_t *u = person(id);
	char roles[16];
	snprintf(roles, sizeof roles, "%u", user_roles_load(id));
	const char *shown[] = { json_str(u, "name"), json_str(u, "job_title"),
				json_str(u, "department"), json_str(u, "staff_type"), roles };
	fields_digest(shown, sizeof shown / sizeof shown[0], out);
	json_decref(u);
}

/* KEY_words beside a date: pages show dates in words. */
/* KEY_words: the date in words, or null when KEY is not set, so the key is
 * always there. */
static void add_date_words(json_t *o, const char *key)
{
	const char *iso = json_string_value(json_object_get(o, key));
	char words[40], *name = xasprintf("%s_words", key);
	if (iso)
		date_words(iso, words, sizeof words);
	json_object_set_new(o, name, iso ? json_string(words) : json_null());
	free(name);
}

static void staff_edit_page(struct request *rq, struct reply *rp)
{
	json_t *u = person(rq->ids[0]);
	if (!u) {
		reply_not_found(rp);
		return;
	}
	unsigned roles = user_roles_load(rq->ids[0]);
	json_object_set_new(u, "roles", roles_json(roles));
	json_object_set_new(u, "password_min", json_integer(password_min(roles)));
	if (concern_pattern_may_view(rq->user.id, rq->user.roles, rq->ids[0]))
		json_object_set_new(u, "concerns_link",
				    json_sprintf("/concerns/about/%lld", (long long)rq->ids[0]));
	add_date_words(u, "left_on");
	add_date_words(u, "leaving_on");
	json_object_set_new(u, "handover", admin_handover(rq, rq->ids[0]));
	int64_t sessions = sessions_count(rq->ids[0]);
	json_object_set_new(u, "sessions", json_integer(sessions));
	json_object_set_new(u, "sessions_words", reply_count_words(sessions, "browser or device",
								   "browsers or devices"));
	/* The details form shows what is stored or, shown again after a refused
	 * change to them, what was typed, ticked and chosen. */
	static const char *const typed[] = { "name", "job_title", "department", "staff_type" };
	int again = rq->is_post && !strchr(rq->path + strlen("/admin/staff/"), '/');
	json_t *edit = json_object();
	for (size_t i = 0; i < 4; i++) {
		const char *v = again ? arg(rq, typed[i]) : json_str(u, typed[i]);
		json_object_set_new(edit, typed[i], json_string(v ? v : ""));
	}
	char version[17];
	record_version(rq->ids[0], version);
	/* Shown again, the form keeps the version it was opened with. */
	const char *seen = again ? arg(rq, "version") : NULL;
	json_object_set_new(edit, "version", json_string(seen ? seen : version));
	if (again)
		roles = roles_from_form(rq);
	json_t *m = json_pack("{s:o, s:o, s:o, s:o, s:b}", "user", u, "edit", edit, "role_boxes",
			      role_boxes(roles), "staff_types",
			      staff_types(json_str(edit, "staff_type")), "ask_password",
			      password_asked(rq));
	reply_page(rp, "admin_staff_edit", "Edit a member of staff", m);
}

static void staff_update(struct request *rq, struct reply *rp)
{
	int64_t id = rq->ids[0];
	json_t *u = person(id);
	if (!u) {
		reply_not_found(rp);
		return;
	}
	unsigned roles = roles_from_form(rq);
	if (id == rq->user.id && !(roles & ROLE_ADMIN)) {
		json_decref(u);
		reply_error(rp, 409, "role",
			    "You cannot remove your own administrator role; ask another "
			    "administrator.");
		return;
	}
	const char *why = staff_self_grant_problem(rq, id, roles);
	if (why) {
		json_decref(u);
		reply_error(rp, 403, "role", "%s", why);
		return;
	}
	if (reply_begin(rp, BUSY) != 0) {
		json_decref(u);
		return;
	}
	/* A form without a version (a JSON client) saves as it always has. */
	char now_version[17];
	record_version(id, now_version);
	if (arg(rq, "version") && strcmp(arg(rq, "version"), now_version) != 0) {
		db_rollback();
		json_decref(u);
		reply_error(rp, 409, NULL, STAFF_STALE);
		return;
	}
	/* A role given to someone who has left would tell the headteacher and
	 * chair of a lead who cannot sign in to act; roles they already hold
	 * stay, so their details can still be corrected. */
	if (db_int(0, "SELECT active = 0 FROM users WHERE id = ?", "I", id) &&
	    (roles & ~user_roles_load(id) & ~ROLE_STAFF)) {
		db_rollback();
		reply_error(rp, 409, "role",
			    "%s has left: reactivate them before giving them a role.",
			    json_str(u, "name"));
		json_decref(u);
		return;
	}
	db_exec("UPDATE users SET name = ?, job_title = ?, department = ?, staff_type = ? WHERE id "
		"= ?",
		"ttttI", arg(rq, "name"), arg(rq, "job_title") ? arg(rq, "job_title") : "",
		arg(rq, "department") ? arg(rq, "department") : "", arg(rq, "staff_type"), id);
	audit(rq, "staff.edit", json_str(u, "email"), "name=%s", arg(rq, "name"));
	json_decref(u);
	staff_set_roles(rq, id, roles);
	if (reply_commit(rp, BUSY) != 0)
		return;
	char *loc = xasprintf("/admin/staff/%lld", (long long)id);
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:o}}", "user", "id", (json_int_t)id, "roles",
			     roles_json(roles)),
		   loc, "The changes have been saved.");
	free(loc);
}

static void staff_password(struct request *rq, struct reply *rp)
{
	json_t *u = person(rq->ids[0]);
	if (!u) {
		reply_not_found(rp);
		return;
	}
	struct password_owner who = { json_str(u, "name"), json_str(u, "email"),
				      user_roles_load(rq->ids[0]), 0 };
	const char *why = password_problem(arg(rq, "password"), &who);
	char hash[crypto_pwhash_STRBYTES];
	if (why) {
		json_decref(u);
		reply_error(rp, 400, "password", "%s", why);
		return;
	}
	/* Choosing someone's password opens their account: the administrator
	 * proves it is still them at the keyboard (ASVS 5.0 7.5.1), as for ending
	 * sessions; one who signs in only through the school's provider has no
	 * password here and goes on. */
	if (!password_asked_again_field(rq, rp, "your_password")) {
		json_decref(u);
		return;
	}
	if (password_hash(arg(rq, "password"), hash) != 0) {
		json_decref(u);
		reply_busy(rp, BUSY);
		return;
	}
	if (reply_begin(rp, BUSY) != 0) {
		json_decref(u);
		return;
	}
	db_exec("UPDATE users SET password_hash = ? WHERE id = ?", "tI", hash, rq->ids[0]);
	auth_end_sessions(rq->ids[0]);
	auth_spend_password_links(rq->ids[0]);
	audit(rq, "staff.password", json_str(u, "email"), "password set by an administrator");
	json_decref(u);
	if (reply_commit(rp, BUSY) != 0)
		return;
	char *loc = xasprintf("/admin/staff/%lld", (long long)rq->ids[0]);
	reply_done(rp, 200, json_pack("{s:b}", "password_set", 1), loc,
		   "The password has been set.");
	free(loc);
}

/* A leaving date before the person was added (leaving_before_joining): -1
 * with the 400 answered; 0 goes on. */
static int refuse_before_joining(const struct request *rq, struct reply *rp, const json_t *u)
{
	char joined[11], words[40];
	if (!leaving_before_joining(rq->ids[0], arg(rq, "left_on"), joined))
		return 0;
	uk_time_words(joined, words, sizeof words);
	reply_error(rp, 400, "left_on",
		    "The leaving date cannot be before %s, the day %s was added to staffroom.",
		    words, json_str(u, "name"));
	return -1;
}

static void staff_deactivate_post(struct request *rq, struct reply *rp)
{
	json_t *u = person(rq->ids[0]);
	if (!u) {
		reply_not_found(rp);
		return;
	}
	int active = (int)json_int(u, "active");
	int early = active && refuse_before_joining(rq, rp, u) != 0;
	json_decref(u);
	if (early)
		return;
	if (!active) {
		reply_error(rp, 409, NULL, "This person has already been deactivated.");
		return;
	}
	if (rq->ids[0] == rq->user.id) {
		reply_error(rp, 409, NULL,
			    "You cannot deactivate yourself; ask another administrator.");
		return;
	}
	int later = 0;
	if (reply_begin(rp, BUSY) != 0)
		return;
	/* Asked again in the write: the button pressed twice at once deactivates once. */
	if (reply_refuse_repeat(rp, db_int(0, "SELECT active = 0 FROM users WHERE id = ?", "I",
					   rq->ids[0]),
				"This person has already been deactivated.") != 0)
		return;
	if (leaving_set(rq, rq->ids[0], arg(rq, "left_on"), &later) != 0 || db_commit() != 0) {
		reply_busy(rp, BUSY);
		return;
	}
	char *loc = xasprintf("/admin/staff/%lld", (long long)rq->ids[0]);
	if (later)
		reply_done(
			rp, 200,
			json_pack("{s:b, s:s}", "deactivated", 0, "leaving_on", arg(rq, "left_on")),
			loc,
			"The leaving date has been saved. The person stays active until that day.");
	else
		reply_done(rp, 200, json_pack("{s:b}", "deactivated", 1), loc,
			   "The person has been deactivated and signed out.");
	free(loc);
}

/* A person's page, after a change: JSON gets the model, browsers the page. */
static void back_to_person(struct reply *rp, int64_t id, json_t *model, const char *message)
{
	char *loc = xasprintf("/admin/staff/%lld", (long long)id);
	reply_done(rp, 200, model, loc, message);
	free(loc);
}

static void leaving_cancel_post(struct request *rq, struct reply *rp)
{
	json_t *u = person(rq->ids[0]);
	if (!u) {
		reply_not_found(rp);
		return;
	}
	json_decref(u);
	if (reply_begin(rp, BUSY) != 0)
		return;
	int n = leaving_cancel(rq, rq->ids[0]);
	if (n < 0) {
		db_rollback();
		reply_busy(rp, BUSY);
		return;
	}
	if (reply_commit_changed(rp, n, NULL, "No leaving date is waiting for this person, "
				 "so there is nothing to cancel.", BUSY) != 0)
		return;
	back_to_person(rp, rq->ids[0], json_pack("{s:b}", "leaving_cancelled", 1),
		       "The leaving date has been cancelled. The person stays active.");
}

static void reactivate_post(struct request *rq, struct reply *rp)
{
	json_t *u = person(rq->ids[0]);
	if (!u) {
		reply_not_found(rp);
		return;
	}
	int active = (int)json_int(u, "active");
	json_decref(u);
	if (active) {
		reply_error(rp, 409, NULL, "This person is active already.");
		return;
	}
	if (reply_begin(rp, BUSY) != 0)
		return;
	/* 0 when someone else (or the same button pressed twice at once) was first. */
	int n = leaving_reactivate(rq, rq->ids[0]);
	if (n < 0) {
		db_rollback();
		reply_busy(rp, BUSY);
		return;
	}
	if (reply_commit_changed(rp, n, NULL, "This person is active already.", BUSY) != 0)
		return;
	back_to_person(rp, rq->ids[0], json_pack("{s:b}", "reactivated", 1),
		       "The person is active again and can sign in with their password.");
}

static void settings_page(struct request *rq, struct reply *rp)
{
	json_t *m = json_object();
	json_t *all = db_rows("SELECT key, value FROM settings", "");
	size_t i;
	json_t *row;
	json_array_foreach(all, i, row)
		json_object_set(m, json_str(row, "key"), json_object_get(row, "value"));
	json_decref(all);
	/* Never saved, the agreement is "" (the only such policy in force). */
	if (!json_object_get(m, "runner_agreement"))
		json_object_set_new(m, "runner_agreement", json_string(""));
	/* Shown again after a refused change, the settings show what was typed. */
	static const char *const typed[] = { "school_name",        "lado_contact",
					     "pattern_window_days",  "invitation_days",
					     "account_dormant_days", "runner_agreement" };
	for (size_t k = 0; rq->is_post && k < sizeof typed / sizeof typed[0]; k++)
		if (arg(rq, typed[k]))
			json_object_set_new(m, typed[k], json_string(arg(rq, typed[k])));
	if (cfg.school_name)
		json_object_set_new(m, "school_name", json_string(cfg.school_name));
	json_object_set_new(m, "school_name_fixed", json_boolean(cfg.school_name != NULL));
	/* Shown again after a refused change, the choice made is kept. */
	const char *decider = rq->is_post && arg(rq, "account_decider")
				      ? arg(rq, "account_decider")
				      : json_str(m, "account_decider");
	json_object_set_new(m, "decider_is_slt",
			    json_boolean(decider && strcmp(decider, "slt") == 0));
	const char *holidays = rq->is_post && arg(rq, "account_reply_holidays_count")
				       ? arg(rq, "account_reply_holidays_count")
				       : json_str(m, "account_reply_holidays_count");
	json_object_set_new(m, "reply_holidays_skipped",
			    json_boolean(holidays && strcmp(holidays, "no") == 0));
	const char *agreement = json_str(m, "runner_agreement");
	json_object_set_new(m, "runner_agreements",
			    runner_agreement_options(agreement ? atoll(agreement) : 0));
	json_object_set_new(m, "closures",
			    db_rows("SELECT day, label FROM closure_days ORDER BY day", ""));
	reply_page(rp, "admin_settings", "School settings", m);
}

/* The settings that are numbers of days, each within its range. */
static const struct {
	const char *field;
	int64_t min, max;
	const char *words;
} day_settings[] = {
	{ "pattern_window_days", 1, 3650,
	  "The period for a pattern of concerns must be between 1 and 3650 days." },
	{ "invitation_days", 1, 30,
	  "Days an invitation link stays usable must be between 1 and 30." },
	{ "account_dormant_days", 1, 3650,
	  "Days without activity before an account is dormant must be between 1 and 3650." },
};

/* Every value the settings may not take, each beside its field. */
static void settings_problems(const struct request *rq, struct reply *rp)
{
	for (size_t i = 0; i < sizeof day_settings / sizeof day_settings[0]; i++) {
		int64_t v = arg_int(rq, day_settings[i].field, day_settings[i].min);
		if (v < day_settings[i].min || v > day_settings[i].max)
			reply_error_add(rp, day_settings[i].field, "%s", day_settings[i].words);
	}
	/* ravens-wood §3: which policy is the one runners not on the staff sign
	 * on paper; empty for the only one that may be.  A choice of the list,
	 * so anything but one of its numbers is the same mistake: "1abc" is not
	 * policy 1, and the text is what would be stored. */
	const char *agreement = arg(rq, "runner_agreement");
	if (agreement && (agreement[strspn(agreement, "0123456789")] != 0 ||
			  !runner_agreement_allowed(arg_int(rq, "runner_agreement", 0))))
		reply_error_add(rp, "runner_agreement",
				"Choose an agreement that applies to volunteers and to teachers or "
				"support staff.");
}

static void settings_post(struct request *rq, struct reply *rp)
{
	const char *name = arg(rq, "school_name");
	if (cfg.school_name && name && strcmp(name, cfg.school_name) != 0) {
		reply_error(rp, 409, "school_name",
			    "The school name is set in the server's configuration file "
			    "(school_name); change it there.");
		return;
	}
	settings_problems(rq, rp);
	if (reply_errors(rp))
		return;
	if (reply_begin(rp, BUSY) != 0)
		return;
	/* lado_contact: the local authority designated officer's name, telephone
	 * and e-mail, shown when the LADO must be told (KCSIE part four). */
	const char *keys[] = { "school_name",         "account_decider", "lado_contact",
			       "pattern_window_days", "invitation_days", "account_dormant_days",
			       "account_reply_holidays_count", "runner_agreement" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = arg(rq, keys[i]);
		/* The LADO's details may be emptied (the officer changed, the new
		 * one not yet known); the other settings keep their value. */
		if (!v && strcmp(keys[i], "lado_contact") == 0 && arg_sent(rq, keys[i]))
			v = "";
		if (!v)
			continue;
		db_exec("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
			"SET value = excluded.value",
			"tt", keys[i], v);
		audit(rq, "settings.change", keys[i], "%s", v);
	}
	if (reply_commit(rp, BUSY) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:b}", "saved", 1), "/admin/settings",
		   "The settings have been saved.");
}

static void closure_add(struct request *rq, struct reply *rp)
{
	if (reply_begin(rp, BUSY) != 0)
		return;
	db_exec("INSERT INTO closure_days(day, label) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET "
		"label = excluded.label",
		"tt", arg(rq, "day"), arg(rq, "label") ? arg(rq, "label") : "");
	audit(rq, "settings.closure_add", arg(rq, "day"), "%s",
	      arg(rq, "label") ? arg(rq, "label") : "");
	if (reply_commit(rp, BUSY) != 0)
		return;
	reply_done(rp, 201, json_pack("{s:s}", "day", arg(rq, "day")), "/admin/settings",
		   "The closure day has been added.");
}

static void closure_remove(struct request *rq, struct reply *rp)
{
	if (reply_begin(rp, BUSY) != 0)
		return;
	db_exec("DELETE FROM closure_days WHERE day = ?", "t", arg(rq, "day"));
	int n = db_changes();
	if (n)
		audit(rq, "settings.closure_remove", arg(rq, "day"), "removed");
	if (reply_commit(rp, BUSY) != 0)
		return;
	if (!n) {
		reply_error(rp, 404, "day", "That day is not a closure day.");
		return;
	}
	reply_done(rp, 200, json_pack("{s:b}", "removed", 1), "/admin/settings",
		   "The closure day has been removed.");
}

static void admin_tasks(const struct request *rq, json_t *tasks)
{
	if (!(rq->user.roles & ROLE_ADMIN))
		return;
	/* Through the partial index of those who cannot sign in (a few, in a
	 * school): with statistics SQLite took the index of every active member
	 * of staff instead, and read them all at each administrator's page. */
	int64_t no_login = db_int(0,
				  "SELECT count(*) FROM users INDEXED BY users_without_password "
				  "WHERE active = 1 AND password_hash IS NULL",
				  "");
	if (no_login) {
		char *msg = xasprintf(
			"%lld member%s of staff cannot sign in yet: invite them from the staff "
			"list.",
			(long long)no_login, no_login == 1 ? "" : "s");
		task_add(tasks, "staff_without_sign_in", msg, "/admin/staff", 0);
		free(msg);
	}
	for (int i = 0; i < ROLE_COUNT; i++)
		if ((KEY_ROLES & (1 << i)) && !role_held(role_name(i), 0)) {
			char *msg = xasprintf("No active member of staff holds the %s role.",
					      role_name(i));
			task_add(tasks, "role_unfilled", msg, "/admin/staff", 1);
			free(msg);
		}
}

static const struct field_spec search_form[] = {
	{ "q", F_TEXT, 100, 0, NULL, "Search by name, e-mail or department" },
	{ NULL },
};
static const struct field_spec list_q[] = {
	SEARCH_FIELD,
	PAGE_FIELD,
	{ NULL },
};
static const struct field_spec staff_form[] = {
	{ "email", F_EMAIL, 254, F_REQUIRED, NULL, "E-mail address" },
	{ "name", F_TEXT, 200, F_REQUIRED, NULL, "Full name" },
	{ "job_title", F_TEXT, 200, 0, NULL, "Job title" },
	{ "department", F_TEXT, 120, 0, NULL, "Department" },
	{ "staff_type", F_CHOICE, 12, 0, STAFF_TYPES, "Staff type" },
	{ "role", F_CHOICE, 20, F_MULTI | F_LIST, ROLE_CHOICES, "Roles" },
	{ "password", F_PASSWORD, 1024, 0, NULL, "Password" },
	{ NULL },
};
static const struct field_spec edit_form[] = {
	{ "name", F_TEXT, 200, F_REQUIRED, NULL, "Full name" },
	{ "job_title", F_TEXT, 200, 0, NULL, "Job title" },
	{ "department", F_TEXT, 120, 0, NULL, "Department" },
	{ "staff_type", F_CHOICE, 12, F_REQUIRED, STAFF_TYPES, "Staff type" },
	{ "role", F_CHOICE, 20, F_MULTI | F_LIST, ROLE_CHOICES, "Roles" },
	{ "version", F_TEXT, 16, 0, NULL, "The record as you opened it" },
	{ NULL },
};
static const struct field_spec password_form[] = {
	{ "password", F_PASSWORD, 1024, F_REQUIRED, NULL, "New password" },
	{ "your_password", F_PASSWORD, 1024, 0, NULL, "Your own password" },
	{ NULL },
};
static const struct field_spec deactivate_form[] = {
	{ "left_on", F_DATE, 10, 0, NULL, "Leaving date" },
	{ NULL },
};
static const struct field_spec settings_form[] = {
	{ "school_name", F_TEXT, 120, 0, NULL, "School name" },
	{ "account_decider", F_CHOICE, 20, 0, "business_manager|slt",
	  "Who makes the final decision on social-media account applications" },
	{ "lado_contact", F_LONGTEXT, 1000, 0, NULL,
	  "The LADO (local authority designated officer)" },
	{ "pattern_window_days", F_INT, 4, 0, NULL,
	  "Period for a pattern of concerns about one adult (days)" },
	{ "invitation_days", F_INT, 2, 0, NULL, "Days an invitation link stays usable" },
	{ "account_dormant_days", F_INT, 4, 0, NULL,
	  "Days without activity before a school account is dormant" },
	{ "runner_agreement", F_TEXT, 18, 0, NULL,
	  "The agreement people who are not staff sign on paper to run a school account" },
	{ "account_reply_holidays_count", F_CHOICE, 3, 0, "yes|no",
	  "Do school holidays count as working days for answering comments on school accounts?" },
	{ NULL },
};
static const struct field_spec closure_form[] = {
	{ "day", F_DATE, 10, F_REQUIRED, NULL, "Day" },
	{ "label", F_TEXT, 120, 0, NULL, "Reason" },
	{ NULL },
};
static const struct field_spec closure_remove_form[] = {
	{ "day", F_DATE, 10, F_REQUIRED, NULL, "Day" },
	{ NULL },
};

static const struct route admin_routes[] = {
	{ "GET", "/admin/staff", staff_list, ROLE_ADMIN, list_q, NULL, 0 },
	{ "POST", "/admin/staff/search", staff_search, ROLE_ADMIN, search_form, staff_list, 0 },
	{ "GET", "/admin/staff/new", staff_new_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/staff", staff_create, ROLE_ADMIN, staff_form, staff_new_page, 0 },
	{ "GET", "/admin/staff/{id}", staff_edit_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/staff/{id}", staff_update, ROLE_ADMIN, edit_form, staff_edit_page, 0 },
	{ "POST", "/admin/staff/{id}/password", staff_password, ROLE_ADMIN, password_form,
	  staff_edit_page, 0 },
	{ "POST", "/admin/staff/{id}/deactivate", staff_deactivate_post, ROLE_ADMIN,
	  deactivate_form, staff_edit_page, 0 },
	{ "POST", "/admin/staff/{id}/leaving/cancel", leaving_cancel_post, ROLE_ADMIN, NULL,
	  staff_edit_page, 0 },
	{ "POST", "/admin/staff/{id}/reactivate", reactivate_post, ROLE_ADMIN, NULL,
	  staff_edit_page, 0 },
	{ "GET", "/admin/settings", settings_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/settings", settings_post, ROLE_ADMIN, settings_form, settings_page, 0 },
	{ "POST", "/admin/closures", closure_add, ROLE_ADMIN, closure_form, settings_page, 0 },
	{ "POST", "/admin/closures/remove", closure_remove, ROLE_ADMIN, closure_remove_form,
	  settings_page, 0 },
	{ NULL },
};

const struct feature admin_feature = {
	.name = "admin",
	.routes = (const struct route *const[]){ admin_routes, admin_sync_routes,
						 admin_sessions_routes, admin_mail_routes, NULL },
	.tasks = (task_fn *const[]){ admin_tasks, admin_mail_tasks, NULL },
	.nav = (const struct nav_link[]){ { 100, "Administration", "GET", "/admin/staff" }, { 0 } },
};
