#define _GNU_SOURCE
/* Departmental social-media accounts (ravens-wood appendix A,
 * sections 2 to 4 and 10): the routes and their declared fields, what the
 * feature adds to "My tasks", and its registry entry.  The demo school's
 * accounts are in demo.c. */
#include "features/accounts/account_team.h"
#include "features/accounts/account_items.h"
#include "features/accounts/account_posts.h"
#include "core/auth.h"
#include "db/db.h"
#include "http/feature.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

/* The accounts someone who is not the moderator leads or helps run: only
 * the lead logs monitoring checks (account_checks.c), so only the lead, not
 * a contributor, is given that task.  The moderator's are every account's
 * (account_moderator_tasks). */
static void own_account_tasks(const struct request *rq, json_t *accounts, struct flag_tasks *ft)
{
	size_t i;
	json_t *a;
	json_array_foreach(accounts, i, a)
		if (strcmp(json_str(a, "lead"), rq->user.email) == 0 &&
		    json_is_true(json_object_get(a, "monitoring_overdue")))
			flag_account(ft, &flag_monitoring_overdue, json_int(a, "id"),
				     json_str(a, "name"), NULL);
}

/* one and many: what follows "1 account application" and "N account applications". */
static void count_task(json_t *tasks, int64_t n, const char *kind, const char *one,
		       const char *many, const char *link)
{
	if (n <= 0)
		return;
	char *msg = xasprintf("%lld account application%s %s.", (long long)n, n == 1 ? "" : "s",
			      n == 1 ? one : many);
	task_add(tasks, kind, msg, link, 0);
	free(msg);
}

/* The roles that may take an application's final decision (application_decider). */
#define DECIDER_ROLES (ROLE_BUSINESS_MANAGER | SENIOR_LEADERS | ROLE_CHAIR)

/* Whether person (a column) applied for application a, leads it or reviewed it. */
#define EXCLUDED_FROM(person)                                                              \
	"(" person " IN (a.applicant_id, a.lead_id) OR EXISTS (SELECT 1 FROM approvals p "   \
	"WHERE p.application_id = a.id AND p.step = 'review' AND p.actor_id = " person "))"

/* How many applications wait at a step (a status), kept by triggers
 * (application_status_counts, schema.sql). */
#define WAITING(status)                                                                    \
	"coalesce((SELECT n FROM application_status_counts WHERE status = " status "), 0)"
/* The ids of the applications person (a parameter) applied for, leads or
 * reviewed, each read through its index: EXCLUDED_FROM's set, from the
 * person's side. */
#define APPLICATIONS_OF(person)                                                            \
	"SELECT id FROM account_applications INDEXED BY applications_by_applicant WHERE "   \
	"applicant_id = " person " UNION SELECT id FROM account_applications INDEXED BY "    \
	"applications_by_lead WHERE lead_id = " person " UNION SELECT application_id FROM "  \
	"approvals INDEXED BY approvals_by_actor WHERE actor_id = " person " AND step = "  \
	"'review'"

/* The applications waiting for review that person (a parameter) did not
 * send: all those waiting (kept) less their own. */
#define SUBMITTED_NOT_BY(person)                                                           \
	WAITING("'submitted'") " - (SELECT count(*) FROM account_applications INDEXED BY "  \
	"applications_by_applicant WHERE applicant_id = " person " AND status = 'submitted')"

/* The applications waiting for review that no active moderator but their
 * applicant may review, but the reader's own (?1): with two moderators or
 * more, none; with one, only their own; with none, every one waiting. */
#define NO_MODERATOR_FREE                                                                   \
	"WITH m AS (SELECT count(*) AS n, min(u.id) AS id FROM user_roles r JOIN users u "  \
	"ON u.id = r.user_id WHERE r.role = 'moderator' AND u.active = 1) SELECT CASE "     \
	"WHEN m.n >= 2 THEN 0 WHEN m.n = 1 THEN (SELECT count(*) FROM account_applications " \
	"INDEXED BY applications_by_applicant WHERE applicant_id = m.id AND status = "      \
	"'submitted' AND applicant_id != ?1) ELSE " SUBMITTED_NOT_BY("?1") " END FROM m"

/* The forwarded applications that the decider role decides and this person,
 * holding it, may: the common case, counted in SQL.  All those waiting
 * (kept) less those the person is out of: a trust's backlog is not read. */
static int64_t decided_by_role(const struct request *rq, const char *role)
{
	if (!has_role(rq, role_bit(role)))
		return 0;
	return db_int(0,
		      "SELECT " WAITING("'forwarded'") " - (SELECT count(*) FROM "
		      "account_applications WHERE status = 'forwarded' AND id IN (" APPLICATIONS_OF(
			      "?1") "))",
		      "I", rq->user.id);
}

/* The forwarded applications nobody of the decider role (?1) may decide.
 * That is so of one only if the role's first holder (h) may not: so only
 * that holder's applications and reviews are read, or, with nobody holding
 * the role, every forwarded one. */
#define NO_FREE_DECIDER                                                                     \
	"WITH h AS (SELECT min(u.id) AS id FROM user_roles r JOIN users u ON u.id = "       \
	"r.user_id WHERE r.role = ?1 AND u.active = 1), cand AS (SELECT a.id FROM h "        \
	"CROSS JOIN account_applications a INDEXED BY applications_by_status WHERE "         \
	"h.id IS NULL AND a.status = 'forwarded' UNION " APPLICATIONS_OF("(SELECT id FROM "  \
	"h)") ") SELECT a.id, a.applicant_id, a.lead_id, a.name FROM cand CROSS JOIN "       \
	"account_applications a ON a.id = cand.id WHERE a.status = 'forwarded' AND NOT "     \
	"EXISTS (SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE "         \
	"r.role = ?1 AND u.active = 1 AND NOT " EXCLUDED_FROM("u.id") ") ORDER BY a.id"

/* The forwarded applications this person decides: counted, for someone who
 * sees the list of every application; each its own task linking to it for
 * anyone else (the chair of governors, when nobody else may decide it).
 * Only those that no free holder of the decider role may decide (rare) go
 * through the fallbacks one by one. */
static void decision_tasks(const struct request *rq, json_t *tasks)
{
	if (!has_role(rq, DECIDER_ROLES))
		return;
	const char *role = decider_role();
	int lists = has_role(rq, ACCOUNT_OVERSEERS);
	int64_t mine = decided_by_role(rq, role);
	json_t *rows = db_rows(NO_FREE_DECIDER, "t", role);
	json_t *holders = json_array_size(rows) ? decider_holders() : NULL;
	size_t i;
	json_t *app;
	json_array_foreach(rows, i, app) {
		json_t *excluded = application_excluded(app, 0);
		int decides = !id_among(excluded, rq->user.id) &&
			      has_role(rq, role_bit(decider_among(role, holders, excluded)));
		json_decref(excluded);
		if (decides && lists) {
			mine++;
		} else if (decides) {
			char *link = application_link(json_int(app, "id"));
			task_addf(tasks, "account_decision", link, 0,
				  "The application for '%s' waits for your decision.",
				  json_str(app, "name"));
			free(link);
		}
	}
	json_decref(holders);
	json_decref(rows);
	count_task(tasks, mine, "account_decision", "waits for your decision",
		   "wait for your decision", "/accounts/applications");
}

static void account_tasks(const struct request *rq, json_t *tasks)
{
	int moderator = has_role(rq, ROLE_MODERATOR);
	if (moderator)
		count_task(tasks, db_int(0, "SELECT " SUBMITTED_NOT_BY("?1"), "I", rq->user.id),
			   "account_review", "waits for your review", "wait for your review",
			   "/accounts/applications");
	/* No active moderator but the applicant: senior leaders review it
	 * (account_decide.c); someone who is also a moderator counted it above.
	 * With two moderators or more, none; with one, only their own; with
	 * none, every one waiting (but the reader's own). */
	if (!moderator && has_role(rq, SENIOR_LEADERS))
		count_task(tasks, db_int(0, NO_MODERATOR_FREE, "I", rq->user.id), "account_review",
			   "waits for your review", "wait for your review",
			   "/accounts/applications");
	decision_tasks(rq, tasks);
	count_task(tasks,
		   db_int(0,
			  "SELECT count(*) FROM account_applications WHERE status = 'returned' AND "
			  "applicant_id = ?",
			  "I", rq->user.id),
		   "account_returned", "of yours came back for changes",
		   "of yours came back for changes", "/accounts/applications");
	struct flag_tasks ft = { 0 };
	if (moderator) {
		account_moderator_tasks(&ft);
	} else {
		json_t *accounts = accounts_query(0, rq->user.id, -1, 0);
		own_account_tasks(rq, accounts, &ft);
		json_decref(accounts);
	}
	flag_tasks_done(&ft, tasks);
}

/* Field declarations ----------------------------------------------------- */

#define PLATFORM_FIELDS                                                                   \
	{ "platform", F_CHOICE, 12, F_REQUIRED, ACCOUNT_PLATFORMS, "Platform" },                \
	{ "platform_other", F_TEXT, 60, 0, NULL, "Which platform" },                            \
	{ "name", F_TEXT, 120, F_REQUIRED, NULL, "Name or handle" },                            \
	{ "department", F_TEXT, 120, F_REQUIRED, NULL, "Department" },                          \
	{ "lead", F_EMAIL, 254, F_REQUIRED, NULL, "E-mail address of the lead" },               \
	{ "visibility", F_CHOICE, 6, F_REQUIRED, "open|closed", "Open or closed" }

static const struct field_spec application_form[] = {
	PLATFORM_FIELDS,
	{ "aim", F_LONGTEXT, 2000, F_REQUIRED, NULL, "The aim of the account" },
	{ "audience", F_LONGTEXT, 1000, F_REQUIRED, NULL, "The intended audience" },
	{ "promotion", F_LONGTEXT, 1000, F_REQUIRED, NULL, "How the account will be promoted" },
	{ "monitoring", F_LONGTEXT, 2000, F_REQUIRED, NULL,
	  "How comments will be watched and answered" },
	{ NULL },
};
static const struct field_spec register_form[] = {
	PLATFORM_FIELDS,
	{ "url", F_TEXT, 300, F_REQUIRED, NULL, "Web address" },
	{ NULL },
};
static const struct field_spec review_form[] = {
	{ "decision", F_CHOICE, 8, F_REQUIRED, "forward|return", "Your review" },
	{ "comment", F_LONGTEXT, 2000, 0, NULL, "Comment" },
	{ "confirm", F_YESNO, 3, 0, NULL, "Forward even though these checks fail" },
	{ NULL },
};
static const struct field_spec decision_form[] = {
	{ "decision", F_CHOICE, 8, F_REQUIRED, "approve|reject", "Your decision" },
	{ "reason", F_LONGTEXT, 2000, 0, NULL, "Reason" },
	{ NULL },
};
static const struct field_spec edit_form[] = {
	{ "name", F_TEXT, 120, F_REQUIRED, NULL, "Name or handle" },
	{ "url", F_TEXT, 300, 0, NULL, "Web address" },
	{ "status", F_CHOICE, 10, F_REQUIRED, "active|suspended", "Status" },
	{ "version", F_TEXT, 16, 0, NULL, "The details as you opened them" },
	{ NULL },
};
static const struct field_spec transfer_form[] = {
	{ "lead", F_EMAIL, 254, F_REQUIRED, NULL, "E-mail address of the new lead" },
	{ NULL },
};
static const struct field_spec close_form[] = {
	{ "reason", F_LONGTEXT, 2000, F_REQUIRED, NULL, "Why it is being closed" },
	{ "password_changed", F_YESNO, 3, 0, NULL, "The password has been changed" },
	{ "recovery_changed", F_YESNO, 3, 0, NULL,
	  "The recovery e-mail and telephone have been changed" },
	{ "two_factor_moved", F_YESNO, 3, 0, NULL, "Two-factor sign-in has been moved" },
	{ "content_archived", F_YESNO, 3, 0, NULL, "The content has been archived" },
	{ NULL },
};
static const struct field_spec check_form[] = {
	{ "checked_at", F_DATETIME, 25, F_REQUIRED, NULL, "When you checked" },
	{ "comments_found", F_YESNO, 3, F_REQUIRED, NULL,
	  "Were there new comments, queries or complaints?" },
	{ "all_answered", F_YESNO, 3, F_REQUIRED, NULL, "Have they all been answered?" },
	{ "notes", F_LONGTEXT, 4000, 0, NULL, "Notes" },
	{ "open_concern", F_YESNO, 3, 0, NULL,
	  "Report an offensive or worrying comment to the moderator as a concern" },
	{ "summary", F_TEXT, 200, 0, NULL, "What was found, in one line" },
	{ NULL },
};
static const struct field_spec item_form[] = {
	{ "received_at", F_DATETIME, 25, F_REQUIRED, NULL, "When it arrived" },
	{ "kind", F_CHOICE, 9, F_REQUIRED, "comment|query|complaint",
	  "Comment, query or complaint" },
	{ "link", F_TEXT, 300, 0, NULL, "Link to it on the platform" },
	{ "summary", F_LONGTEXT, 500, F_REQUIRED, NULL, "What it says, in short" },
	{ NULL },
};
static const struct field_spec answer_form[] = {
	{ "answered_at", F_DATETIME, 25, F_REQUIRED, NULL, "When it was answered" },
	{ "how", F_CHOICE, 15, F_REQUIRED, "reply|acknowledgement", "Replied or acknowledged" },
	{ "notes", F_LONGTEXT, 2000, 0, NULL, "Notes on the answer" },
	{ NULL },
};
static const struct field_spec moderation_form[] = {
	{ "action", F_CHOICE, 8, F_REQUIRED, "hid|deleted|blocked|reported", "What you did" },
	{ "what", F_LONGTEXT, 1000, F_REQUIRED, NULL, "What the comment was and why" },
	{ "link", F_TEXT, 300, 0, NULL, "Link to the comment" },
	{ "names_pupil", F_YESNO, 3, 0, NULL, "The comment names or shows a pupil" },
	{ "open_concern", F_YESNO, 3, 0, NULL, "Raise a concern with the moderator" },
	{ "summary", F_TEXT, 200, 0, NULL, "The concern in one line" },
	{ NULL },
};
static const struct field_spec mistake_form[] = {
	{ "what", F_LONGTEXT, 2000, F_REQUIRED, NULL, "What was posted and what was wrong" },
	{ "link", F_TEXT, 300, 0, NULL, "Link to the post" },
	{ "removed", F_YESNO, 3, 0, NULL, "I have already taken it down" },
	{ NULL },
};
static const struct field_spec resolve_form[] = {
	{ "outcome", F_LONGTEXT, 2000, F_REQUIRED, NULL, "What was done" },
	{ NULL },
};
static const struct field_spec credentials_form[] = {
	{ "login", F_TEXT, 254, F_REQUIRED, NULL, "Sign-in name" },
	{ "password", F_PASSWORD, 1024, F_REQUIRED, NULL, "The account's password" },
	{ "recovery_email", F_EMAIL, 254, 0, NULL, "Recovery e-mail address" },
	{ "two_factor_notes", F_LONGTEXT, 2000, 0, NULL, "Two-factor notes" },
	{ NULL },
};
static const struct field_spec contributor_form[] = {
	{ "email", F_EMAIL, 254, 0, NULL, "E-mail address of a member of staff" },
	/* The form sends contributor_name; name is the API's older spelling. */
	{ "contributor_name", F_TEXT, 120, 0, NULL, "Name of someone who is not staff" },
	{ "name", F_TEXT, 120, 0, NULL, "Name of someone who is not staff" },
	{ "relation", F_TEXT, 60, 0, NULL, "Who they are to the school" },
	{ "paper_version_id", F_ID, 12, 0, NULL, "The policy version they signed on paper" },
	{ "paper_date", F_DATE, 10, 0, NULL, "The date on the signed paper" },
	{ "training_on", F_DATE, 10, 0, NULL, "The date of their social-media training" },
	{ "training_expires", F_DATE, 10, 0, NULL, "When that training expires, if it does" },
	{ "scan", F_FILE, 1, 0, NULL, "A scan of the signed paper" },
	{ NULL },
};
/* Named as the table's columns: the add form on the same page has
 * training_on and training_expires, and a refusal shows beside one form. */
static const struct field_spec contributor_training_form[] = {
	{ "completed_on", F_DATE, 10, F_REQUIRED, NULL, "Date of the training" },
	{ "expires_on", F_DATE, 10, 0, NULL, "When it lapses, if it does" },
	{ NULL },
};
/* Named apart from the add form's paper_version_id and paper_date, on the
 * same page, so that a refusal shows beside one form. */
static const struct field_spec contributor_paper_form[] = {
	{ "version_id", F_ID, 12, F_REQUIRED, NULL, "The version they signed" },
	{ "signed_on", F_DATE, 10, F_REQUIRED, NULL, "The date on the paper" },
	{ NULL },
};
static const struct field_spec account_review_form[] = {
	{ "lead_ok", F_YESNO, 3, F_REQUIRED, NULL, "The lead is right for the account" },
	{ "contributors_ok", F_YESNO, 3, F_REQUIRED, NULL, "The contributors are right" },
	{ "purpose_ok", F_YESNO, 3, F_REQUIRED, NULL, "The account still serves its purpose" },
	{ "monitoring_ok", F_YESNO, 3, F_REQUIRED, NULL, "It is monitored as the policy asks" },
	{ "notes", F_LONGTEXT, 2000, 0, NULL, "Notes" },
	{ "outcome", F_CHOICE, 8, F_REQUIRED, "continue|close", "Outcome" },
	{ "password_changed", F_YESNO, 3, 0, NULL, "The password has been changed" },
	{ "recovery_changed", F_YESNO, 3, 0, NULL,
	  "The recovery e-mail and telephone have been changed" },
	{ "two_factor_moved", F_YESNO, 3, 0, NULL, "Two-factor sign-in has been moved" },
	{ "content_archived", F_YESNO, 3, 0, NULL, "The content has been archived" },
	{ NULL },
};
static const struct field_spec reveal_form[] = {
	{ "password", F_PASSWORD, 1024, F_REQUIRED, NULL,
	  "Your own staffroom password, to confirm it is you" },
	{ NULL },
};

/* Who may use a route is checked here by role; who may see an object (a
 * record you may not see answers 404) in each handler. */
static const struct route account_routes[] = {
	{ "GET", "/accounts", accounts_list, ROLE_STAFF, page_fields, NULL, 0 },
	{ "GET", "/accounts/new", account_new_page, ROLE_MODERATOR, NULL, NULL, 0 },
	{ "POST", "/accounts", account_register, ROLE_MODERATOR, register_form, account_new_page,
	  0 },
	{ "GET", "/accounts/apply", apply_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "GET", "/accounts/applications", applications_list, ROLE_STAFF, page_fields, NULL,
	  0 },
	{ "POST", "/accounts/applications", application_create, ROLE_STAFF, application_form,
	  apply_page, 0 },
	{ "GET", "/accounts/applications/{id}", application_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "GET", "/accounts/applications/{id}/edit", application_edit_page, ROLE_STAFF, NULL, NULL,
	  0 },
	{ "POST", "/accounts/applications/{id}", application_resubmit, ROLE_STAFF, application_form,
	  application_edit_page, 0 },
	{ "POST", "/accounts/applications/{id}/withdraw", application_withdraw, ROLE_STAFF, NULL,
	  application_page, 0 },
	{ "POST", "/accounts/applications/{id}/review", application_review,
	  ROLE_MODERATOR | SENIOR_LEADERS, review_form, application_page, 0 },
	{ "POST", "/accounts/applications/{id}/decision", application_decision, ROLE_STAFF,
	  decision_form, application_page, 0 },
	{ "GET", "/accounts/{id}", account_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/accounts/{id}", account_edit, ROLE_MODERATOR, edit_form, account_page, 0 },
	{ "POST", "/accounts/{id}/transfer", account_transfer, ROLE_MODERATOR, transfer_form,
	  account_page, 0 },
	{ "POST", "/accounts/{id}/close", account_close, ROLE_MODERATOR, close_form, account_page,
	  0 },
	{ "POST", "/accounts/{id}/checks", account_check_add, ROLE_STAFF, check_form, account_page,
	  0 },
	{ "POST", "/accounts/{id}/items", account_item_add, ROLE_STAFF, item_form, account_page,
	  0 },
	{ "POST", "/accounts/{id}/items/{id}/answer", account_item_answer, ROLE_STAFF, answer_form,
	  account_page, 0 },
	{ "POST", "/accounts/{id}/moderation", account_moderation_add, ROLE_STAFF, moderation_form,
	  account_page, 0 },
	{ "POST", "/accounts/{id}/mistakes", account_mistake_add, ROLE_STAFF, mistake_form,
	  account_page, 0 },
	{ "POST", "/accounts/{id}/mistakes/{id}/resolve", account_mistake_resolve, ROLE_MODERATOR,
	  resolve_form, account_page, 0 },
	{ "POST", "/accounts/{id}/credentials", credentials_set, ROLE_STAFF, credentials_form,
	  account_page, 0 },
	{ "POST", "/accounts/{id}/credentials/reveal", credentials_reveal, ROLE_STAFF, reveal_form,
	  account_page, 0 },
	{ "POST", "/accounts/{id}/credentials/changed", credentials_changed, ROLE_MODERATOR, NULL,
	  account_page, 0 },
	{ "POST", "/accounts/{id}/contributors", contributor_add, ROLE_STAFF, contributor_form,
	  account_page, R_UPLOAD },
	{ "POST", "/accounts/{id}/contributors/{id}/remove", contributor_remove, ROLE_STAFF, NULL,
	  account_page, 0 },
	{ "POST", "/accounts/{id}/contributors/{id}/training", contributor_training, ROLE_STAFF,
	  contributor_training_form, account_page, 0 },
	{ "POST", "/accounts/{id}/contributors/{id}/paper", contributor_paper_again, ROLE_STAFF,
	  contributor_paper_form, account_page, 0 },
	{ "GET", "/accounts/{id}/contributors/{id}/scan", paper_scan_download, ROLE_STAFF, NULL,
	  NULL, 0 },
	{ "POST", "/accounts/{id}/review", account_review, ROLE_MODERATOR, account_review_form,
	  account_page, 0 },
	{ NULL },
};

const struct feature accounts_feature = {
	.name = "accounts",
	.routes = (const struct route *const[]){ account_routes, account_post_routes, NULL },
	.tasks = (task_fn *const[]){ account_tasks, account_renewal_tasks, account_reply_tasks,
				     post_tasks, NULL },
	.daily = account_gate_daily,
	.demo = accounts_demo,
	.nav = (const struct nav_link[]){ { 50, "Social accounts", "GET", "/accounts" }, { 0 } },
};
