#define _GNU_SOURCE
/* What the account page, the register and "My tasks" show of the people
 * who run an account: each contributor with the gate's answer, the nightly
 * flags, the password to change after a reveal, the yearly review and
 * dormancy. */
#include "features/accounts/account_team.h"
#include "core/auth.h"
#include "core/policy_status.h"
#include "core/tasks.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

/* The training of someone who is not staff as the table shows it:
 * {"completed_on","expires_on" (null: does not lapse),"recorded_by","recorded_at"}, or NULL. */
static json_t *training_of(int64_t contributor_id)
{
	/* Read by its key alone, then who recorded it (as paper_signature). */
	json_t *t = db_row("SELECT completed_on, expires_on, recorded_by AS recorded_by_id, "
			   "recorded_at FROM contributor_training WHERE contributor_id = ?",
			   "I", contributor_id);
	char *by = t ? db_text("SELECT name FROM users WHERE id = ?", "I",
			       json_int(t, "recorded_by_id"))
		     : NULL;
	if (t)
		json_object_set_new(t, "recorded_by", json_string(by ? by : ""));
	free(by);
	return t;
}

/* What a contributor who is not staff has on record: the paper signature
 * that counts (with has_scan, of the first paper) and the training, each
 * null when there is none. */
static void paper_and_training(json_t *r)
{
	int64_t cid = json_int(r, "contributor_id");
	json_t *paper = paper_signature(cid), *training = training_of(cid);
	int scan = db_int(0,
			  "SELECT count(*) FROM contributor_paper_scans WHERE contributor_id = ?",
			  "I", cid);
	if (paper)
		json_object_set_new(paper, "has_scan", json_boolean(scan));
	json_object_set_new(r, "paper", paper ? paper : json_null());
	json_object_set_new(r, "training", training ? training : json_null());
}

/* The current contributors, each with its checks and the gate's answer. */
/* can_remove: the page's sections do not reach into a row, so each row says. */
static json_t *contributors(const struct request *rq, int64_t account_id, int can_remove)
{
	json_t *runners = account_runners(account_id), *out = json_array(), *r;
	size_t i;
	json_array_foreach(runners, i, r) {
		if (strcmp(json_str(r, "role"), "contributor") != 0)
			continue;
		json_t *checks = runner_checks(r);
		int staff = json_int(r, "user_id") != 0;
		json_object_set_new(r, "id", json_integer(json_int(r, "contributor_id")));
		json_object_set_new(r, "staff", json_boolean(staff));
		json_object_set_new(r, "can_remove", json_boolean(can_remove));
		if (staff) {
			json_object_set_new(r, "paper", json_null());
			json_object_set_new(r, "training", json_null());
		} else {
			paper_and_training(r);
		}
		/* A new paper is entered once the one on record no longer counts
		 * (paper_signed, the first of paper_gate's checks), by whoever may
		 * add a contributor (account_paper_again.c). */
		json_object_set_new(r, "may_record_paper",
				    json_boolean(can_remove && !staff &&
						 !json_is_true(json_object_get(
							 json_array_get(checks, 0), "ok"))));
		json_object_set_new(r, "passes", json_boolean(checks_all_pass(checks)));
		json_object_set_new(r, "failing", checks_failing(checks));
		json_object_set_new(r, "checks", checks);
		json_array_append(out, r);
	}
	json_decref(runners);
	/* The row whose training or paper form a refused POST came from shows
	 * its problems, with the plain ids the error summary links to. */
	int64_t sent = reply_form_sent(rq, "/training") && rq->nids == 2 ? rq->ids[1] : 0;
	int64_t paper = reply_form_sent(rq, "/paper") && rq->nids == 2 ? rq->ids[1] : 0;
	return reply_rows_mark(reply_rows_mark(out, "training_sent", sent), "paper_sent", paper);
}

/* The versions the paper may be of; a refused form keeps the one chosen. */
static json_t *version_options(const struct request *rq)
{
	json_t *all = policy_current_versions(), *rows = json_array(), *r;
	size_t k;
	/* Only the agreement someone not employed signs to run it (paper_gate):
	 * the one chosen or the only one, else every one that may be it. */
	char *why;
	int64_t agreement = runner_agreement(&why);
	free(why);
	json_array_foreach(all, k, r)
		if (agreement ? json_int(r, "policy_id") == agreement
			      : paper_policy_fits(json_str(r, "applies_to")))
			json_array_append(rows, r);
	json_decref(all);
	/* The add form's choice, or a new paper's (account_paper_again.c). */
	int64_t chosen = reply_form_sent(rq, "/contributors") ? arg_int(rq, "paper_version_id", 0)
			 : reply_form_sent(rq, "/paper")      ? arg_int(rq, "version_id", 0)
							      : 0;
	size_t i;
	json_array_foreach(rows, i, r) {
		json_object_set_new(r, "chosen",
				    json_boolean(json_int(r, "version_id") == chosen));
		char *label = xasprintf("%s, version %lld", json_str(r, "title"),
					(long long)json_int(r, "version"));
		json_object_set_new(r, "label", json_string(label));
		free(label);
	}
	return rows;
}

/* Each review's outcome also in the words of the review form's choices. */
static json_t *review_log(int64_t account_id)
{
	return db_rows("SELECT r.reviewed_at, u.name AS by_name, r.lead_ok, r.contributors_ok, "
		       "r.purpose_ok, r.monitoring_ok, r.notes, r.outcome, CASE r.outcome WHEN "
		       "'close' THEN 'Closed' ELSE 'The account continues' END AS outcome_label "
		       "FROM account_reviews r "
		       "JOIN users u ON u.id = r.reviewed_by WHERE r.account_id = ? "
		       "ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 10",
		       "I", account_id);
}

void account_team_model(const struct request *rq, json_t *m, const json_t *account)
{
	int64_t id = json_int(account, "id");
	int open = strcmp(json_str(account, "status"), "closed") != 0;
	int moderator = has_role(rq, ROLE_MODERATOR);
	int manages = moderator || json_int(account, "lead_id") == rq->user.id;
	json_object_set_new(m, "contributors", contributors(rq, id, manages && open));
	/* The scan is opened as paper_scan_download allows: the moderator, the lead. */
	json_object_set_new(m, "former_contributors",
			    reply_rows_flag(former_contributors(id), "scan_link", manages));
	json_object_set_new(m, "gate_flags", account_gate_flags(id));
	json_object_set_new(m, "password_changes", password_to_change(id));
	json_object_set_new(m, "can_team", json_boolean(manages && open));
	json_object_set_new(m, "paper_versions",
			    manages && open ? version_options(rq) : json_array());
	json_object_set_new(m, "can_review", json_boolean(moderator && open));
	/* The review's notes and close checklist share their names with other
	 * forms of the page: a refused review fills in its own form only. */
	json_object_set_new(m, "sent_review", json_boolean(reply_form_sent(rq, "/review")));
	/* Showing the credentials asks for the person's own password, storing
	 * them for the account's: a refusal is told beside the one sent. */
	json_object_set_new(m, "sent_reveal", json_boolean(reply_form_sent(rq, "/reveal")));
	json_object_set_new(m, "can_record_change", json_boolean(moderator));
	json_object_set_new(m, "reviews", review_log(id));
	/* Whoever may reveal sees the credentials' section (account_rotation.c). */
	json_object_set_new(m, "can_credentials", json_boolean(may_reveal(rq, id)));
}

void account_team_flags(json_t *row, const struct review_day *d)
{
	json_t *changes = password_to_change(json_int(row, "id"));
	json_object_set_new(row, "password_change", json_boolean(json_array_size(changes) > 0));
	json_decref(changes);
	account_review_state(row, d);
}

/* The contributors who are not staff of one account the person leads whose
 * paper signature is last year's: each a task, as a member of staff due to
 * sign again is given one (features/aup/aup.c), to the lead, who sees them
 * and may record the new paper (the moderator is told by the nightly flag). */
static void renewal_tasks_of(const json_t *a, json_t *tasks)
{
	json_t *rows = db_rows("SELECT id, name FROM account_contributors INDEXED BY "
			       "account_contributors_by_account WHERE account_id = ? AND "
			       "removed_at IS NULL AND user_id IS NULL ORDER BY name, id",
			       "I", json_int(a, "id"));
	char *link = account_link(json_int(a, "id"));
	size_t i;
	json_t *c;
	json_array_foreach(rows, i, c) {
		json_t *p = paper_signature(json_int(c, "id"));
		if (p && json_is_true(json_object_get(p, "renewal_due")))
			task_addf(tasks, "account_paper_renewal", link, 0,
				  "%s, who helps run the account '%s', is due to sign %s again "
				  "for the year: record their new paper signature.",
				  json_str(c, "name"), json_str(a, "name"), json_str(p, "title"));
		json_decref(p);
	}
	free(link);
	json_decref(rows);
}

void account_renewal_tasks(const struct request *rq, json_t *tasks)
{
	json_t *led = db_rows("SELECT id, name FROM social_accounts INDEXED BY "
			      "social_accounts_by_lead WHERE lead_id = ? AND status != 'closed' "
			      "ORDER BY id",
			      "I", rq->user.id);
	size_t i;
	json_t *a;
	json_array_foreach(led, i, a)
		renewal_tasks_of(a, tasks);
	json_decref(led);
}
