#define _GNU_SOURCE
/* Taking an application to a decision: the application page with its
 * policy checks and history, the moderator's review (forward or return)
 * and the decider's approval or rejection, which creates the register
 * entry.  Whoever reviewed it, the applicant and the lead never decide. */
#include "features/accounts/account.h"
#include "core/audit.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/notify.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

static int is_status(const json_t *app, const char *status)
{
	return strcmp(json_str(app, "status"), status) == 0;
}

static int reviewed_by(int64_t app_id, int64_t user_id)
{
	return db_int(0,
		      "SELECT 1 FROM approvals WHERE application_id = ? AND step = 'review' AND "
		      "actor_id = ? LIMIT 1",
		      "II", app_id, user_id) == 1;
}

/* Why the decider is who it is, to someone else (application_decider). */
static const char *decider_words(const char *role)
{
	/* True whether the role before is held by nobody or by people who may
	 * not decide this one. */
	if (strcmp(role, "headteacher") == 0)
		return "The headteacher takes the final decision on this application: nobody else "
		       "who would decide it is free to (nobody holds that role, or they applied "
		       "for it, lead it or reviewed it).";
	if (strcmp(role, "chair") == 0)
		return "The chair of governors takes the final decision on this application: "
		       "nobody on the senior leadership team is free to (they applied for it, lead "
		       "it or reviewed it, or nobody holds the role).";
	if (strcmp(role, "slt") == 0 && strcmp(decider_role(), "slt") != 0)
		return "A senior leader takes the final decision on this application: neither the "
		       "business manager nor the headteacher is free to (nobody holds the role, or "
		       "they applied for it, lead it or reviewed it).";
	return strcmp(role, "slt") == 0 ? "Only a member of the senior leadership team takes the "
					  "final decision."
					: "Only the business manager takes the final decision.";
}

/* Why this person may not take the final decision, or NULL when they may. */
static const char *decide_refusal(const struct request *rq, const json_t *app)
{
	if (json_int(app, "applicant_id") == rq->user.id)
		return "You applied for this account, so someone else must decide on it.";
	if (json_int(app, "lead_id") == rq->user.id)
		return "You are named as the account's lead, so someone else must decide on it.";
	if (reviewed_by(json_int(app, "id"), rq->user.id))
		return "You reviewed this application, so someone else must take the final "
		       "decision.";
	const char *role = application_decider(app, 0);
	return has_role(rq, role_bit(role)) ? NULL : decider_words(role);
}

/* Who reviews: the moderators; when no active moderator but the applicant
 * is left, the senior leadership team, who receive every completed
 * application (ravens-wood §2) and consider it with the moderator (§3
 * "Following consideration by the Moderator/SLT"). */
static unsigned application_reviewers(const json_t *app)
{
	int other_moderator = role_held("moderator", json_int(app, "applicant_id"));
	return other_moderator ? ROLE_MODERATOR : SENIOR_LEADERS;
}

/* Why this person may not review the application, or NULL when they may. */
static const char *review_refusal(const struct request *rq, const json_t *app)
{
	unsigned reviewers = application_reviewers(app);
	if (json_int(app, "applicant_id") == rq->user.id)
		return reviewers == ROLE_MODERATOR
			       ? "You applied for this account, so another moderator must review "
				 "it."
			       : "You applied for this account, so a senior leader reviews it: "
				 "there is no other moderator.";
	if (!has_role(rq, reviewers))
		return "The moderator reviews this application. A senior leader reviews one only "
		       "when no moderator but the applicant is left.";
	return NULL;
}

static json_t *history(int64_t app_id)
{
	json_t *rows =
		db_rows("SELECT p.step, p.decision, p.comment, p.at, u.name AS actor, p.checks "
			"FROM approvals p JOIN users u ON u.id = p.actor_id WHERE p.application_id "
			"= ? ORDER BY p.id",
			"I", app_id);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		const char *c = json_str(r, "checks");
		json_t *parsed = c && *c ? json_loads(c, 0, NULL) : NULL;
		size_t k;
		json_t *check;
		json_array_foreach(parsed, k, check) { /* recorded before checks had questions */
			const char *q = check_question(json_str(check, "name"));
			if (!json_object_get(check, "question"))
				json_object_set_new(check, "question", json_string(q));
		}
		json_object_set_new(r, "checks_then", parsed ? parsed : json_array());
		json_object_del(r, "checks");
	}
	return rows;
}

void application_page(struct request *rq, struct reply *rp)
{
	json_t *app = application_load(rq->ids[0]);
	if (!app || !application_visible(rq, app)) {
		json_decref(app);
		reply_not_found(rp);
		return;
	}
	int64_t id = rq->ids[0];
	int applicant = json_int(app, "applicant_id") == rq->user.id;
	int pending = is_status(app, "submitted") || is_status(app, "forwarded") ||
		      is_status(app, "returned");
	const char *refusal = decide_refusal(rq, app);
	json_t *checks = lead_checks(json_int(app, "lead_id"));
	json_t *m = json_pack("{s:o, s:o, s:o}", "checks", checks, "history", history(id),
			      "application", app);
	application_warnings(m, app, checks);
	json_object_set_new(m, "can_edit", json_boolean(applicant && is_status(app, "returned")));
	json_object_set_new(m, "can_withdraw", json_boolean(applicant && pending));
	json_object_set_new(m, "can_review", json_boolean(!review_refusal(rq, app) &&
							  is_status(app, "submitted")));
	json_object_set_new(m, "can_decide", json_boolean(!refusal && is_status(app, "forwarded")));
	if (refusal && is_status(app, "forwarded") && has_role(rq, role_bit(decider_role())))
		json_object_set_new(m, "decide_refusal", json_string(refusal));
	json_object_set_new(m, "decider", json_string(application_decider(app, 0)));
	reply_page(rp, "account_application", "Account application", m);
}

/* The application for a step, if it is in the state the step needs; otherwise NULL and a reply.
 * refuse, when given, says why this person may not take the step at all (403, before the state). */
static json_t *application_for_step(struct request *rq, struct reply *rp, const char *needed,
				    const char *why,
				    const char *(*refuse)(const struct request *, const json_t *))
{
	json_t *app = application_load(rq->ids[0]);
	const char *refusal;
	if (!app || !application_visible(rq, app)) {
		json_decref(app);
		reply_not_found(rp);
		return NULL;
	}
	if (refuse && (refusal = refuse(rq, app))) {
		reply_error(rp, 403, NULL, "%s", refusal);
		json_decref(app);
		return NULL;
	}
	if (!is_status(app, needed)) {
		reply_error(rp, 409, "decision", "%s This application is %s.", why,
			    json_str(app, "status"));
		json_decref(app);
		return NULL;
	}
	return app;
}

/* A forwarded application waits for whoever decides it: each active holder
 * of the deciding role who may (application_decider), the reviewer being
 * one who may not. */
static void tell_deciders(const json_t *app, int64_t reviewer, const char *msg, const char *link)
{
	json_t *holders = decider_holders();
	json_t *excluded = application_excluded(app, reviewer);
	const char *role = decider_among(decider_role(), holders, excluded);
	size_t i;
	json_t *h;
	json_array_foreach(holders, i, h)
		if (strcmp(json_str(h, "role"), role) == 0 &&
		    !id_among(excluded, json_int(h, "user_id")))
			notify_user(json_int(h, "user_id"), "account_decision", msg, link);
	json_decref(excluded);
	json_decref(holders);
}

void application_review(struct request *rq, struct reply *rp)
{
	json_t *app = application_for_step(rq, rp, "submitted",
					   "Only a submitted application can be reviewed.",
					   review_refusal);
	if (!app)
		return;
	int64_t id = rq->ids[0], applicant = json_int(app, "applicant_id");
	const char *decision = arg(rq, "decision"), *comment = arg(rq, "comment");
	int forward = strcmp(decision, "forward") == 0;
	json_t *checks = forward ? lead_checks(json_int(app, "lead_id")) : NULL;
	int confirmed = !checks || forward_confirmed(rq, rp, checks);
	json_decref(checks);
	if (!confirmed) {
		json_decref(app);
		return;
	}
	if (!forward && !comment) {
		json_decref(app);
		reply_error(
			rp, 400, "comment",
			"Say what the applicant needs to change before returning the application.");
		return;
	}
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		json_decref(app);
		return;
	}
	const char *status = forward ? "forwarded" : "returned";
	db_exec("UPDATE account_applications SET status = ?, updated_at = ? WHERE id = ? AND "
		"status = 'submitted'",
		"ttI", status, at, id);
	int changed = db_changes();
	application_step(id, "review", decision, comment, rq->user.id, NULL);
	char *link = application_link(id);
	const char *name = json_str(app, "name");
	char *msg =
		forward ? xasprintf("The application for '%s' is ready for your decision.", name)
			: xasprintf("Your application for '%s' was returned for changes.", name);
	notify_done(link); /* the reviewers' part is done */
	if (forward)
		tell_deciders(app, rq->user.id, msg, link);
	else
		notify_user(applicant, "account_returned", msg, link);
	/* The comment stays with the application, read by those who may open it. */
	audit(rq, forward ? "account.forward" : "account.return", link + 1, "%s",
	      comment ? "with a comment" : "");
	free(msg);
	json_decref(app);
	if (reply_commit_changed(rp, changed, "decision",
				 "This application has just been reviewed by someone else.",
				 BUSY_UNSAVED) != 0) {
		free(link);
		return;
	}
	reply_done(
		rp, 200,
		json_pack("{s:{s:I, s:s}}", "application", "id", (json_int_t)id, "status", status),
		link,
		forward ? "The application has been forwarded for the final decision."
			: "The application has been returned to the applicant.");
	free(link);
}

/* The register entry an approval creates: 0 on failure (the transaction is then failed). */
static int64_t create_account(const json_t *app, const char *at)
{
	return db_insert("INSERT INTO social_accounts(platform, platform_other, name, department, "
			 "lead_id, visibility, "
			 "status, created_at) VALUES (?,?,?,?,?,?,'active',?)",
			 "ttttItt", json_str(app, "platform"), json_str(app, "platform_other"),
			 json_str(app, "name"), json_str(app, "department"),
			 (int64_t)json_int(app, "lead_id"), json_str(app, "visibility"), at);
}

/* Each is sent where they may look: the lead runs the new account and opens
 * it; an applicant who does not lead it may not open the account (404), so
 * theirs links to the application, which they may. */
static void tell_applicant_and_lead(const json_t *app, const char *kind, const char *msg,
				    int64_t account)
{
	int64_t applicant = json_int(app, "applicant_id");
	int64_t lead = json_int(app, "lead_id");
	char *application = application_link(json_int(app, "id"));
	char *lead_link = account ? account_link(account) : xstrdup(application);
	if (lead != applicant)
		notify_user(applicant, kind, msg, application);
	notify_user(lead, kind, msg, lead_link);
	free(lead_link);
	free(application);
}

/* Inside the transaction: the decision's rows.  Returns the new account id (approve) or 0; -1 when
 * the application was decided meanwhile. */
static int64_t record_decision(struct request *rq, const json_t *app, int approve,
			       const json_t *checks)
{
	int64_t id = rq->ids[0], account = 0;
	char at[ISO_LEN];
	iso_now(at);
	if (approve)
		account = create_account(app, at);
	db_exec("UPDATE account_applications SET status = ?, updated_at = ?, account_id = "
		"nullif(?, 0) "
		"WHERE id = ? AND status = 'forwarded'",
		"ttII", approve ? "approved" : "rejected", at, account, id);
	if (db_changes() != 1)
		return -1;
	application_step(id, "decision", approve ? "approve" : "reject", arg(rq, "reason"),
			 rq->user.id, checks);
	char *object = application_link(id);
	notify_done(object); /* decided: nothing about it waits for anyone now */
	const char *name = json_str(app, "name");
	char *msg =
		approve ? xasprintf("The account '%s' has been approved and added to the register.",
				    name)
			: xasprintf("The application for '%s' was not approved: %s", name,
				    arg(rq, "reason"));
	tell_applicant_and_lead(app, approve ? "account_approved" : "account_rejected", msg,
				account);
	char *link = approve ? account_link(account) : NULL;
	/* A rejection's reason stays with the application (the applicant reads it). */
	audit(rq, approve ? "account.approve" : "account.reject", object + 1, "%s",
	      approve ? link + 1 : "with the reason given");
	free(object);
	free(msg);
	free(link);
	return account;
}

void application_decision(struct request *rq, struct reply *rp)
{
	json_t *app = application_for_step(
		rq, rp, "forwarded",
		"Only an application forwarded by the moderator can be decided.", decide_refusal);
	if (!app)
		return;
	int approve = strcmp(arg(rq, "decision"), "approve") == 0;
	json_t *checks = approve ? lead_checks(json_int(app, "lead_id")) : NULL;
	if (!approve && !arg(rq, "reason"))
		reply_error(rp, 400, "reason",
			    "Give the reason for rejecting the application; the applicant will see "
			    "it.");
	else if (approve && !checks_all_pass(checks))
		reply_checks_failed(rp, checks, "The account cannot be approved");
	else if (reply_begin(rp, BUSY_UNSAVED) == 0) {
		int64_t account = record_decision(rq, app, approve, checks);
		const char *decided = "This application has just been decided by someone else.";
		if (reply_commit_changed(rp, account >= 0, "decision", decided, BUSY_UNSAVED) ==
		    0) {
			/* The register entry, unless the decider may not open it (the
			 * chair of governors, deciding when nobody else could). */
			char *link = approve && has_role(rq, ACCOUNT_OVERSEERS)
					     ? account_link(account)
					     : application_link(rq->ids[0]);
			json_t *m = json_pack("{s:{s:I, s:s}}", "application", "id",
					      (json_int_t)rq->ids[0], "status",
					      approve ? "approved" : "rejected");
			if (approve)
				json_object_set_new(m, "account",
						    json_pack("{s:I, s:s}", "id",
							      (json_int_t)account, "status",
							      "active"));
			reply_done(rp, 200, m, link,
				   approve ? "Approved: the account is now on the register."
					   : "The application has been rejected.");
			free(link);
		}
	}
	json_decref(checks);
	json_decref(app);
}
