#define _GNU_SOURCE
/* Moderation actions on a school account, braunstone: "The school will ban
 * and report anyone who breaks the terms of service for a social media
 * platform."  A runner or the moderator logs what was hidden, deleted,
 * blocked or reported to the platform; it may raise an account_comment
 * concern in the same transaction, and a comment that names or shows a
 * pupil always does, sent to the DSL too (ravens-wood §7: offensive
 * comments "must be reported to the Moderator"; a pupil's safety is the
 * DSL's). */
#include "features/accounts/account.h"
#include "features/accounts/account_items.h"
#include "core/audit.h"
#include "core/write.h"
#include "db/db.h"
#include "features/concerns/concerns.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const action_names[][2] = {
	{ "hid", "Hid the comment" },
	{ "deleted", "Deleted the comment" },
	{ "blocked", "Blocked its author" },
	{ "reported", "Reported it to the platform" },
};

static const char *action_name(const char *code)
{
	for (size_t i = 0; code && i < sizeof action_names / sizeof action_names[0]; i++)
		if (strcmp(action_names[i][0], code) == 0)
			return action_names[i][1];
	return "";
}

/* The concern's reference only for a reader who may open it (the one rule,
 * CONCERN_MAY_OPEN): anyone else sees that one was raised, not which. */
json_t *moderation_log(const struct request *rq, int64_t account_id)
{
	int64_t mask = routable_roles(rq);
	json_t *rows = db_rows(
		"SELECT m.id, m.action, m.what, m.link, m.names_pupil, m.at, u.name AS by_name, "
		"(m.concern_id IS NOT NULL) AS raised_concern, "
		CONCERN_NAMED_IF_MAY_OPEN("k") " "
		"FROM account_moderation m JOIN users u ON u.id = m.by_id "
		"LEFT JOIN concerns k ON k.id = m.concern_id "
		"WHERE m.account_id = ? ORDER BY m.at DESC, m.id DESC LIMIT 50",
		CONCERN_NAMED_BINDS "I", rq->user.id, mask,
		rq->user.id, rq->user.id, mask, rq->user.id, account_id);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		json_object_set_new(r, "action_label",
				    json_string(action_name(json_str(r, "action"))));
		json_object_set_new(r, "names_pupil", json_boolean(json_int(r, "names_pupil")));
		json_object_set_new(r, "raised_concern",
				    json_boolean(json_int(r, "raised_concern")));
	}
	return rows;
}

static int moderation_input_ok(const struct request *rq, struct reply *rp)
{
	const char *link = arg(rq, "link");
	if (link && !url_ok(link)) {
		reply_error(rp, 400, "link",
			    "The link to the comment must start with https:// (or http://).");
		return 0;
	}
	if (arg_yes(rq, "open_concern") && !arg(rq, "summary")) {
		reply_error(rp, 400, "summary",
			    "To raise a concern, say in a line what the comment was.");
		return 0;
	}
	return 1;
}

/* The summary of the concern this action raises, or NULL when it raises none. */
static const char *concern_summary(const struct request *rq)
{
	if (!arg_yes(rq, "names_pupil") && !arg_yes(rq, "open_concern"))
		return NULL;
	const char *summary = arg(rq, "summary");
	return summary ? summary : "A comment on a school account names or shows a pupil";
}

/* A comment naming or showing a pupil is filed even when no concern was
 * asked for, urgent and to the DSL whatever the routing. */
static int64_t moderation_concern(const struct request *rq, const json_t *a, char ref[32],
				  int64_t *reached)
{
	int pupil = arg_yes(rq, "names_pupil");
	const char *summary = concern_summary(rq);
	if (!summary)
		return 0;
	struct concern_input in = {
		.category = "account_comment",
		.summary = summary,
		.details = arg(rq, "what"),
		.platform = json_str(a, "platform_label"),
		.url = arg(rq, "link") ? arg(rq, "link") : json_str(a, "url"),
		.involved = "",
		.account_id = json_int(a, "id"),
		.urgent = pupil,
		.to_dsl = pupil,
	};
	return concern_file_reaching(rq, &in, ref, reached);
}

static void moderation_done(const struct request *rq, struct reply *rp, int64_t id,
			    int64_t concern, const char *ref, int64_t reached)
{
	char *link = account_link(rq->ids[0]);
	json_t *m = json_pack("{s:{s:I, s:s}}", "moderation", "id", (json_int_t)id, "action",
			      arg(rq, "action"));
	int pupil = arg_yes(rq, "names_pupil");
	char *warning = concern > 0 ? account_raised_concern(json_object_get(m, "moderation"),
							     concern, ref, reached, pupil)
				    : NULL;
	const char *with = pupil ? "the designated safeguarding lead" : "the moderator";
	char *flash =
		warning	      ? xasprintf("The action has been logged. %s", warning)
		: concern > 0 ? xasprintf("The action has been logged and concern %s raised with "
					  "%s.",
					  ref, with)
			      : xstrdup("The action has been logged.");
	reply_done(rp, warning ? 202 : 201, m, link, flash);
	free(warning);
	free(flash);
	free(link);
}

/* Inside the write: the same action logged twice by the same person within
 * REPEAT_WINDOW (a double click on "Log action") is kept once, and a comment
 * naming a pupil is not sent to the safeguarding lead as two urgent
 * concerns.  Read through the account's index from the window's start.
 * -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_action(const struct request *rq, struct reply *rp)
{
	char since[ISO_LEN];
	repeat_since(since);
	const char *link = arg(rq, "link");
	json_t *kept = db_row("SELECT m.id, k.reference FROM account_moderation m "
			      "INDEXED BY account_moderation_by_account "
			      "LEFT JOIN concerns k ON k.id = m.concern_id "
			      "WHERE m.account_id = ? AND m.at >= ? AND m.by_id = ? "
			      "AND m.action = ? AND m.what = ? AND m.link = ? "
			      "AND m.names_pupil = ? AND coalesce(k.summary, '') = ?",
			      "ItItttit", rq->ids[0], since, rq->user.id, arg(rq, "action"),
			      arg(rq, "what"), link ? link : "", arg_yes(rq, "names_pupil"),
			      concern_summary(rq) ? concern_summary(rq) : "");
	int refused = account_refuse_repeat_raising(rp, kept, "You logged this action already",
						    "was raised with it");
	json_decref(kept);
	return refused;
}

void account_moderation_add(struct request *rq, struct reply *rp)
{
	json_t *a = account_for_runner(rq, rp);
	if (!a || !moderation_input_ok(rq, rp) || reply_begin(rp, BUSY_UNSAVED) != 0 ||
	    refuse_repeat_action(rq, rp) != 0) {
		json_decref(a);
		return;
	}
	char at[ISO_LEN], ref[32] = "";
	iso_now(at);
	int64_t reached = 0;
	int64_t concern = moderation_concern(rq, a, ref, &reached);
	const char *link = arg(rq, "link");
	int64_t id = db_insert("INSERT INTO account_moderation(account_id, action, what, link, "
			       "names_pupil, concern_id, by_id, at) "
			       "VALUES (?,?,?,?,?,nullif(?, 0),?,?)",
			       "ItttiIIt", rq->ids[0], arg(rq, "action"), arg(rq, "what"),
			       link ? link : "", arg_yes(rq, "names_pupil"),
			       concern > 0 ? concern : 0, rq->user.id, at);
	account_touch(rq->ids[0]);
	char *object = account_link(rq->ids[0]);
	audit(rq, "account.moderation", object + 1, "action=%s names_pupil=%s%s%s",
	      arg(rq, "action"), arg_yes(rq, "names_pupil") ? "yes" : "no",
	      *ref ? " concern=" : "", ref);
	free(object);
	json_decref(a);
	if (concern < 0 || id < 0) {
		db_rollback();
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	if (reply_commit(rp, BUSY_UNSAVED) == 0)
		moderation_done(rq, rp, id, concern, ref, reached);
}
