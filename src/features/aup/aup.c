/* The acceptable-use agreement and other signed policies: the route table,
 * the "My tasks" entries and the feature's registry entry.  The pages are in
 * aup_sign.c, aup_compliance.c and policy_admin.c; the demo school's
 * agreement in demo.c. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/policy_status.h"
#include "core/staff.h"
#include "core/tasks.h"
#include "db/db.h"
#include "http/feature.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tasks are computed from the data on every visit, so people added or
 * imported after a version was published are asked to sign it too. */
static void sign_tasks(const struct request *rq, json_t *tasks)
{
	json_t *todo = policies_unsigned(rq->user.id);
	size_t i;
	json_t *p;
	json_array_foreach(todo, i, p) {
		const char *title = json_str(p, "title");
		json_int_t number = json_int(p, "number");
		char *msg = json_is_true(json_object_get(p, "renewal"))
			? xasprintf("%s is signed again every year: please read it and sign it "
				    "again.", title)
			: number > 1 ? xasprintf("A new version of %s (version %lld) needs your "
						   "signature. What changed: %s",
						   title, (long long)number, json_str(p, "summary"))
				       : xasprintf("Please read and sign %s.", title);
		char *link = xasprintf("/aup/%lld", (long long)json_int(p, "version_id"));
		task_add(tasks, "aup_sign", msg, link, 0);
		free(msg);
		free(link);
	}
	json_decref(todo);
}

/* The review coming: from 30 days before its date (a term's first day),
 * so the review can be prepared and authorised in time. */
static void review_soon_task(const struct request *rq, const json_t *p, json_t *tasks)
{
	char on[32];
	uk_time_words(json_str(p, "review_due"), on, sizeof on);
	const char *term = json_string_value(json_object_get(p, "review_term"));
	char *when = term ? xasprintf("%s (%s)", term, on) : xasprintf("%s", on);
	char *msg = xasprintf("%s is due for review on %s: prepare a new version and have it "
			      "authorised.",
			      json_str(p, "title"), when);
	char *link =
		rq->user.roles & ROLE_ADMIN
			? xasprintf("/admin/policies/%lld", (long long)json_int(p, "policy_id"))
			: xasprintf("/aup/%lld", (long long)json_int(p, "version_id"));
	task_add(tasks, "policy_review_soon", msg, link, 0);
	free(when);
	free(msg);
	free(link);
}

static void review_tasks(const struct request *rq, json_t *tasks)
{
	if (!(rq->user.roles & (ROLE_HEADTEACHER | ROLE_ADMIN)))
		return;
	char d[11];
	today(d);
	char *soon = db_text("SELECT date(?, '+30 days')", "t", d);
	json_t *cur = policy_current_versions();
	size_t i;
	json_t *p;
	json_array_foreach(cur, i, p) {
		const char *due = json_str(p, "review_due");
		if (strcmp(due, d) >= 0) {
			if (soon && strcmp(due, soon) <= 0)
				review_soon_task(rq, p, tasks);
			continue;
		}
		char on[32];
		uk_time_words(due, on, sizeof on);
		char *msg = xasprintf(
			"%s was due for review on %s: review it and publish a new version.",
			json_str(p, "title"), on);
		char *link = rq->user.roles & ROLE_ADMIN
			? xasprintf("/admin/policies/%lld", (long long)json_int(p, "policy_id"))
			: xasprintf("/aup/%lld", (long long)json_int(p, "version_id"));
		task_add(tasks, "policy_review_due", msg, link, 1);
		free(msg);
		free(link);
	}
	json_decref(cur);
	free(soon);
}

static void aup_tasks(const struct request *rq, json_t *tasks)
{
	sign_tasks(rq, tasks);
	review_tasks(rq, tasks);
}

/* The route table ----------------------------------------------------- */

static const struct field_spec sign_form[] = {
	{ "version_id", F_ID, 18, F_REQUIRED, NULL, "Version" },
	{ "agree", F_YESNO, 3, 0, NULL, "I have read this agreement and I agree to follow it" },
	{ "typed_name", F_TEXT, 200, F_REQUIRED, NULL, "Type your full name to sign" },
	{ NULL },
};
/* The day each year a yearly policy is signed again from: the forms send a
 * day and a month (policy_renew_date.c), the API renew_from as it is kept,
 * MM-DD. */
#define RENEW_DATE_FIELDS                                                                  \
	{ "renew_from", F_TEXT, 5, 0, NULL, "The day the yearly signing starts" },            \
	{ "renew_day", F_INT, 2, 0, NULL, "Day" },                                             \
	{ "renew_month", F_CHOICE, 2, 0, "01|02|03|04|05|06|07|08|09|10|11|12", "Month" }
static const struct field_spec policy_form[] = {
	{ "title", F_TEXT, 200, F_REQUIRED, NULL, "Title" },
	{ "applies_to", F_CHOICE, 80, F_REQUIRED | F_MULTI | F_LIST, STAFF_TYPES,
	  "Who must sign it" },
	{ "renew_yearly", F_CHOICE, 3, 0, "yes|no", "Signed again every year" },
	RENEW_DATE_FIELDS,
	{ NULL },
};
static const struct field_spec version_form[] = {
	{ "body", F_LONGTEXT, 200000, F_REQUIRED, NULL, "The text" },
	{ "summary", F_LONGTEXT, 2000, F_REQUIRED, NULL, "What changed in this version" },
	{ "effective", F_DATE, 10, F_REQUIRED, NULL, "Takes effect on" },
	{ "review_due", F_TEXT, 40, F_REQUIRED, NULL, "Review due by" },
	{ "confirm", F_CHOICE, 6, 0, "yes|change", "Save as a draft" },
	{ NULL },
};
static const struct field_spec renewal_form[] = {
	{ "renew_yearly", F_CHOICE, 3, F_REQUIRED, "yes|no", "Signed again every year" },
	RENEW_DATE_FIELDS,
	{ NULL },
};
static const struct field_spec paper_form[] = {
	{ "email", F_EMAIL, 254, F_REQUIRED, NULL, "E-mail address of the person who signed" },
	{ "version_id", F_ID, 18, F_REQUIRED, NULL, "Policy" },
	{ "paper_date", F_DATE, 10, F_REQUIRED, NULL, "Date on the paper" },
	{ NULL },
};
static const struct field_spec decline_form[] = {
	{ "version_id", F_ID, 18, F_REQUIRED, NULL, "Version" },
	{ "reason", F_LONGTEXT, 2000, F_REQUIRED, NULL, "Why you do not agree" },
	{ NULL },
};
static const struct field_spec authorise_form[] = {
	{ "authorised_by", F_CHOICE, 14, F_REQUIRED, "headteacher|governing_body|committee",
	  "Authorised by" },
	{ "authoriser_name", F_TEXT, 200, F_REQUIRED, NULL, "Name" },
	{ "job_title", F_TEXT, 200, 0, NULL, "Job title" },
	{ "meeting_date", F_DATE, 10, 0, NULL, "Date of the meeting" },
	{ "minute_ref", F_TEXT, 100, 0, NULL, "Minute reference" },
	{ "authorised_on", F_DATE, 10, F_REQUIRED, NULL, "Date authorised" },
	{ NULL },
};

static const struct route aup_routes[] = {
	{ "GET", "/aup", aup_list, ROLE_STAFF, NULL, NULL, 0 },
	{ "GET", "/aup/history", aup_history, ROLE_STAFF, NULL, NULL, 0 },
	{ "GET", "/aup/{id}", aup_version_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "GET", "/aup/{id}/record", aup_record, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/aup/sign", aup_sign, ROLE_STAFF, sign_form, aup_version_page, 0 },
	{ "GET", "/aup/compliance", aup_compliance_page, ROLE_LEADERS | ROLE_GOVERNOR, page_fields,
	  NULL, 0 },
	{ "GET", "/aup/compliance.csv", aup_compliance_csv, ROLE_LEADERS, NULL, NULL, 0 },
	{ "POST", "/aup/compliance/remind", aup_remind, ROLE_LEADERS, NULL, aup_compliance_page,
	  0 },
	{ "POST", "/aup/compliance/paper", aup_paper, ROLE_LEADERS, paper_form,
	  aup_compliance_page, 0 },
	{ "POST", "/aup/decline", aup_decline, ROLE_STAFF, decline_form, aup_version_page, 0 },
	{ "GET", "/admin/policies", policy_admin_list, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/policies", policy_admin_create, ROLE_ADMIN, policy_form,
	  policy_admin_list, 0 },
	{ "GET", "/admin/policies/{id}", policy_admin_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/policies/{id}", policy_renewal_set, ROLE_ADMIN, renewal_form,
	  policy_admin_page, 0 },
	{ "POST", "/admin/policies/{id}/versions", policy_admin_publish, ROLE_ADMIN, version_form,
	  policy_admin_page, 0 },
	{ "POST", "/admin/policies/{id}/versions/{id}/authorise", policy_authorise, ROLE_ADMIN,
	  authorise_form, policy_admin_page, 0 },
	{ NULL },
};

const struct feature aup_feature = {
	.name = "aup",
	.routes = (const struct route *const[]){ aup_routes, NULL },
	.tasks = (task_fn *const[]){ aup_tasks, NULL },
	.demo = aup_demo,
	.nav = (const struct nav_link[]){
		{ 20, "Agreements", "GET", "/aup" },
		{ 60, "Compliance", "GET", "/aup/compliance" },
		{ 0 },
	},
};
