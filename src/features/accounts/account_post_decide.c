/* A post's page, the senior leader's answer and the author's new text
 * (ravens-wood §10).  A senior leader who is not the author approves, asks
 * for changes or refuses, with a reason for the last two; the author is told
 * and, after changes are asked for, sends a new text, which goes back to the
 * senior leaders. */
#define _GNU_SOURCE
#include "features/accounts/account_posts.h"
#include "core/audit.h"
#include "core/notify.h"
#include "core/write.h"
#include "db/db.h"
#include "features/accounts/account.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static json_t *post_steps(int64_t post_id)
{
	return db_rows("SELECT s.action, CASE s.action WHEN 'submit' THEN 'sent it for sign-off' "
		       "WHEN 'resubmit' THEN 'sent a new text' WHEN 'approve' THEN 'approved it' "
		       "WHEN 'changes' THEN 'asked for changes' ELSE 'refused it' END "
		       "AS action_label, s.note, s.at, u.name AS by_name FROM account_post_steps s "
		       "JOIN users u ON u.id = s.actor_id WHERE s.post_id = ? ORDER BY s.id",
		       "I", post_id);
}

/* What the resubmit form starts from: the text as it stands, and who it
 * says is posting it. */
static json_t *form_values(const json_t *p)
{
	char local[17] = "";
	if (json_str(p, "publish_at"))
		uk_time_for_field(json_str(p, "publish_at"), local);
	const char *posted_as = json_str(p, "posted_as");
	return json_pack("{s:s, s:s, s:s, s:s}", "text", json_str(p, "text"), "where",
			 json_str(p, "where"), "publish_at", local, "posted_as",
			 posted_as ? posted_as : "");
}

/* Who answers for the post: its author, or once the author has left the
 * school, the account's lead, who takes it over (the handover of an account
 * carries its posts waiting for changes). */
static int64_t post_owner(const json_t *p)
{
	return json_int(p, "author_active") ? json_int(p, "author_id") : json_int(p, "lead_id");
}

void post_page(struct request *rq, struct reply *rp)
{
	json_t *p = post_load(rq, rp);
	if (!p)
		return;
	int mine = json_int(p, "author_id") == rq->user.id;
	int owner = post_owner(p) == rq->user.id;
	int open = strcmp(json_str(p, "account_status"), "closed") != 0;
	const char *status = json_str(p, "status");
	json_t *m = json_pack("{s:I, s:I, s:o, s:o, s:o}", "account_id", (json_int_t)rq->ids[0],
			      "post_id", (json_int_t)rq->ids[1], "steps", post_steps(rq->ids[1]),
			      "form", form_values(p), "post", p);
	/* Nobody signs off their own post. */
	json_object_set_new(m, "may_decide",
			    json_boolean(!mine && has_role(rq, SENIOR_LEADERS) &&
					 strcmp(status, "submitted") == 0));
	json_object_set_new(m, "may_resubmit",
			    json_boolean(owner && open && strcmp(status, "changes") == 0));
	json_object_set_new(m, "taking_over", json_boolean(owner && !mine));
	json_object_set_new(m, "mine", json_boolean(mine));
	reply_page(rp, "account_post", "A post for sign-off", m);
}

/* The post a senior leader answers: NULL with 404, 403 (their own) or 409
 * (answered already, or its account closed). */
static json_t *post_to_decide(const struct request *rq, struct reply *rp)
{
	json_t *p = post_load(rq, rp);
	if (!p)
		return NULL;
	if (json_int(p, "author_id") == rq->user.id)
		reply_error(rp, 403, NULL,
			    "Another senior leader signs off your own post: a second opinion "
			    "is someone else's.");
	else if (!json_is_true(json_object_get(p, "waiting")))
		reply_error(rp, 409, "decision", "This post has already been answered.");
	else if (strcmp(json_str(p, "account_status"), "closed") == 0)
		reply_error(rp, 409, NULL,
			    "This account has been closed; nothing more goes out "
			    "on it.");
	else
		return p;
	json_decref(p);
	return NULL;
}

static const char *answer_words(const char *decision)
{
	return strcmp(decision, "approve") == 0   ? "approved"
	       : strcmp(decision, "changes") == 0 ? "sent back: changes are asked for"
						  : "refused";
}

void post_decide(struct request *rq, struct reply *rp)
{
	const char *decision = arg(rq, "decision"), *reason = arg(rq, "reason");
	json_t *p = post_to_decide(rq, rp);
	if (!p)
		return;
	if (strcmp(decision, "approve") != 0 && !reason) {
		json_decref(p);
		reply_error(rp, 400, "reason",
			    "Enter the reason, so that the author knows what "
			    "to change or why it cannot go out.");
		return;
	}
	static const char *const stored[][2] = { { "approve", "approved" },
						 { "changes", "changes" },
						 { "refuse", "refused" } };
	const char *status = stored[0][1];
	for (size_t i = 0; i < 3; i++)
		if (strcmp(decision, stored[i][0]) == 0)
			status = stored[i][1];
	char at[ISO_LEN];
	iso_now(at);
	char *link = post_link(rq->ids[0], rq->ids[1]);
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		free(link);
		json_decref(p);
		return;
	}
	db_exec("UPDATE account_posts SET status = ?, decided_by = ?, decided_at = ?, reason = ? "
		"WHERE id = ? AND status = 'submitted'",
		"tIttI", status, rq->user.id, at, reason, rq->ids[1]);
	int changed = db_changes();
	post_step(rq->ids[1], decision, reason, rq->user.id);
	account_touch(rq->ids[0]);
	notify_done(link);
	char *msg = xasprintf("%s post for the account '%s' has been %s.",
			      json_int(p, "author_active") ? "Your" : "A departed colleague's",
			      json_str(p, "account_name"), answer_words(decision));
	notify_user(post_owner(p), "post_answer", msg, link);
	free(msg);
	audit(rq, "account.post_decide", link + 1, "decision=%s", decision);
	if (reply_commit_changed(rp, changed, "decision", "This post has already been answered.",
				 BUSY_UNSAVED) == 0)
		reply_done(rp, 200,
			   json_pack("{s:{s:I, s:s}}", "post", "id", (json_int_t)rq->ids[1],
				     "status", status),
			   link, "Your answer has been recorded and the author told.");
	free(link);
	json_decref(p);
}

/* The post its author sends again: NULL with 404, 403 or 409. */
static json_t *post_to_resubmit(const struct request *rq, struct reply *rp)
{
	json_t *p = post_load(rq, rp);
	if (!p)
		return NULL;
	if (post_owner(p) != rq->user.id || !account_runs(rq->ids[0], rq->user.id))
		reply_error(rp, 403, NULL,
			    "Only its author sends a post again, or the account's lead once its "
			    "author has left.");
	else if (strcmp(json_str(p, "status"), "changes") != 0)
		reply_error(rp, 409, "text",
			    "A new text is sent only after changes are asked for.");
	else if (strcmp(json_str(p, "account_status"), "closed") == 0)
		reply_error(rp, 409, NULL,
			    "This account has been closed; nothing more goes out "
			    "on it.");
	else
		return p;
	json_decref(p);
	return NULL;
}

void post_resubmit(struct request *rq, struct reply *rp)
{
	json_t *p = post_to_resubmit(rq, rp);
	if (!p)
		return;
	char publish_at[24], at[ISO_LEN];
	post_publish_at(rq, rp, publish_at);
	/* A new text is a new answer about who is posting it and about someone
	 * else's material too. */
	post_posted_as_checked(rq, rp);
	post_material_checked(rq, rp);
	if (reply_errors(rp) || reply_begin(rp, BUSY_UNSAVED) != 0) {
		json_decref(p);
		return;
	}
	iso_now(at);
	/* Sent again by the lead taking it over, it is theirs from now on. */
	db_exec("UPDATE account_posts SET body = ?, place = ?, publish_at = ?, "
		"status = 'submitted', submitted_at = ?, decided_by = NULL, decided_at = NULL, "
		"reason = NULL, author_id = ? WHERE id = ? AND status = 'changes'",
		"ttttII", arg(rq, "text"), arg(rq, "where") ? arg(rq, "where") : "",
		publish_at[0] ? publish_at : NULL, at, rq->user.id, rq->ids[1]);
	int changed = db_changes();
	post_material_store(rq, rq->ids[1]);
	post_posted_as_store(rq, rq->ids[1]);
	post_step(rq->ids[1], "resubmit", arg(rq, "text"), rq->user.id);
	account_touch(rq->ids[0]);
	char *link = post_link(rq->ids[0], rq->ids[1]);
	notify_done(link);
	post_notify_leaders(rq->user.id, json_str(p, "account_name"), rq->ids[0], rq->ids[1]);
	audit(rq, "account.post_resubmit", link + 1, "new text others_material=%s",
	      arg_yes(rq, "others_material") ? "yes" : "no");
	json_decref(p);
	if (reply_commit_changed(rp, changed, "text", "This post has already been sent again.",
				 BUSY_UNSAVED) == 0)
		reply_done(rp, 200,
			   json_pack("{s:{s:I, s:s}}", "post", "id", (json_int_t)rq->ids[1],
				     "status", "submitted"),
			   link, "The new text has been sent to the senior leaders.");
	free(link);
}
