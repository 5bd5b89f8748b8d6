#define _GNU_SOURCE
/* What the account page shows of the reply clock, the moderation log and
 * the mistakes reported: open items first, by deadline, then the answered
 * ones; codes shown as words; each list only to those it is for. */
#include "features/accounts/account.h"
#include "features/accounts/account_items.h"
#include "core/auth.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const item_names[][2] = {
	{ "comment", "Comment" },     { "query", "Query" },
	{ "complaint", "Complaint" }, { "reply", "Replied" },
	{ "acknowledgement", "Acknowledged receipt" },
};

static const char *item_name(const char *code)
{
	for (size_t i = 0; code && i < sizeof item_names / sizeof item_names[0]; i++)
		if (strcmp(item_names[i][0], code) == 0)
			return item_names[i][1];
	return "";
}

/* kind_label, how_label, and the 0/1 columns as booleans (JSON and sections). */
static json_t *labelled(json_t *rows, const char *flag)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		json_object_set_new(r, "kind_label", json_string(item_name(json_str(r, "kind"))));
		json_object_set_new(r, "how_label", json_string(item_name(json_str(r, "how"))));
		json_object_set_new(r, flag, json_boolean(json_int(r, flag)));
	}
	return rows;
}

static json_t *items_open(int64_t id, const char *at)
{
	return labelled(db_rows("SELECT i.id, i.kind, i.received_at, i.link, i.summary, "
				"i.due_at, (i.due_at < ?) AS overdue, u.name AS logged_by_name "
				"FROM account_items i JOIN users u ON u.id = i.logged_by "
				"WHERE i.account_id = ? AND i.answered_at IS NULL "
				"ORDER BY i.due_at, i.id",
				"tI", at, id),
			"overdue");
}

static json_t *items_answered(int64_t id)
{
	return labelled(db_rows("SELECT i.id, i.kind, i.received_at, i.link, i.summary, "
				"i.due_at, i.answered_at, i.how, i.notes, "
				"(i.answered_at > i.due_at) AS late, u.name AS answered_by_name "
				"FROM account_items i INDEXED BY account_items_by_account "
				"JOIN users u ON u.id = i.answered_by "
				"WHERE i.account_id = ? AND i.answered_at IS NOT NULL "
				"ORDER BY i.answered_at DESC, i.id DESC LIMIT 50",
				"I", id),
			"late");
}

/* Each row carries the flag of its own form, true or false: a section a row
 * does not name is looked up on the page, where the row's id is not.  A row
 * with an outcome (a mistake dealt with) has no form. */
static json_t *each_flagged(json_t *rows, const char *key, int on)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_object_set_new(r, key, json_boolean(on && !json_str(r, "outcome")));
	return rows;
}

/* Each row says whether a refused POST came from its own form (sent), so
 * that its fields take the plain ids the error summary links to
 * (f-answered_at, f-outcome) and show the problem; the other rows keep
 * ids that end in their own id. */
static json_t *each_sent(json_t *rows, const char *key, const struct request *rq,
			 const char *tail)
{
	int64_t sent = reply_form_sent(rq, tail) && rq->nids == 2 ? rq->ids[1] : 0;
	return reply_rows_mark(rows, key, sent);
}

void account_items_model(const struct request *rq, const json_t *a, json_t *m)
{
	int64_t id = json_int(a, "id");
	char at[ISO_LEN], field[17];
	iso_now(at);
	uk_time_for_field(at, field); /* now, as a datetime-local field wants it */
	int open = strcmp(json_str(a, "status"), "closed") != 0;
	int runs = account_runs(id, rq->user.id) || has_role(rq, ROLE_MODERATOR);
	json_object_set_new(m, "items_open",
			    each_sent(each_flagged(items_open(id, at), "may_answer", runs && open),
				      "answer_sent", rq, "/answer"));
	/* The notes keep their row's id in the sent row too: the plain f-notes
	 * is the check form's. */
	if (reply_form_sent(rq, "/answer") && rq->nids == 2)
		reply_field_id(m, "notes", "f-answer_notes-%lld", (long long)rq->ids[1]);
	json_object_set_new(m, "items_answered", items_answered(id));
	const char *typed = rq->is_post ? arg(rq, "received_at") : NULL;
	json_object_set_new(m, "received_field", json_string(typed ? typed : field));
	/* Which of the page's forms a refused POST came from, to show its typed
	 * text again in that form only (link, what, summary are in several). */
	json_object_set_new(m, "sent_item", json_boolean(reply_form_sent(rq, "/items")));
	json_object_set_new(m, "sent_moderation", json_boolean(reply_form_sent(rq, "/moderation")));
	json_object_set_new(m, "sent_mistake", json_boolean(reply_form_sent(rq, "/mistakes")));
	json_object_set_new(m, "sent_check", json_boolean(reply_form_sent(rq, "/checks")));
	json_object_set_new(m, "can_log_items", json_boolean(runs && open));
	json_object_set_new(m, "moderation_log", moderation_log(rq, id));
	json_t *mistakes = each_sent(each_flagged(mistakes_seen(rq, id), "may_resolve",
						  has_role(rq, ROLE_MODERATOR)),
				     "resolve_sent", rq, "/resolve");
	json_object_set_new(m, "show_mistakes",
			    json_boolean(json_array_size(mistakes) || (runs && open) ||
					 mistakes_may_see_all(rq)));
	json_object_set_new(m, "mistakes", mistakes);
	json_object_set_new(m, "can_report_mistake", json_boolean(runs && open));
	json_object_set_new(m, "can_resolve_mistakes",
			    json_boolean(has_role(rq, ROLE_MODERATOR)));
	json_object_set_new(m, "sees_all_mistakes", json_boolean(mistakes_may_see_all(rq)));
}
