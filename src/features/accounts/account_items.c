#define _GNU_SOURCE
/* Logging a comment, query or complaint received on a school account, and
 * its reply or acknowledgement (ravens-wood §4: answered "within 24 hours
 * (or on the next working day if received at a weekend) even if the
 * response is only to acknowledge receipt").  Who may: the people who run
 * the account (account_runs) and the moderator. */
#include "features/accounts/account.h"
#include "features/accounts/account_items.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define CLOCK_SKEW 300 /* seconds a typed time may be ahead of the server's clock */

json_t *account_for_runner(struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	if (!a || !account_visible(rq, a)) {
		json_decref(a);
		reply_not_found(rp);
		return NULL;
	}
	if (!account_runs(rq->ids[0], rq->user.id) && !has_role(rq, ROLE_MODERATOR))
		reply_error(rp, 403, NULL,
			    "Only the people who run this account, or the moderator, can do this.");
	else if (strcmp(json_str(a, "status"), "closed") == 0)
		reply_error(rp, 409, NULL,
			    "This account has been closed; nothing more is logged against it.");
	else
		return a;
	json_decref(a);
	return NULL;
}

int typed_time(const struct request *rq, struct reply *rp, const char *field, const char *what,
	       time_t *t)
{
	char utc[ISO_LEN]; /* typed in UK time, like every time a person enters */
	if (uk_time_to_utc(arg(rq, field), utc) != 0 || parse_iso_time(utc, t) != 0) {
		reply_error(rp, 400, field, "Enter %s as a date and time.", what);
		return -1;
	}
	if (*t > now() + CLOCK_SKEW) {
		reply_error(rp, 400, field, "%s cannot be in the future.", what);
		return -1;
	}
	return 0;
}

static int link_ok(const struct request *rq, struct reply *rp)
{
	const char *link = arg(rq, "link");
	if (!link || url_ok(link))
		return 1;
	reply_error(rp, 400, "link",
		    "The link to it on the platform must start with https:// (or http://).");
	return 0;
}

static void item_added(const struct request *rq, struct reply *rp, int64_t id, const char *due)
{
	char *link = account_link(rq->ids[0]);
	char words[96];
	uk_deadline_words(due, now(), words, sizeof words);
	char *flash = xasprintf("It has been logged: answer it by %s.", words);
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s}}", "item", "id", (json_int_t)id, "kind",
			     arg(rq, "kind"), "due_at", due),
		   link, flash);
	free(flash);
	free(link);
}

/* Inside the write: the same comment, query or complaint logged twice by the
 * same person within REPEAT_WINDOW (a double click) is kept once: one
 * deadline, one task.  Read through the account's open items (a double
 * click's first is not answered seconds later).  -1 with the 409 answered;
 * 0 goes on. */
static int refuse_repeat_item(const struct request *rq, struct reply *rp, const char *got)
{
	char since[ISO_LEN], words[96] = "";
	repeat_since(since);
	const char *link = arg(rq, "link");
	char *due = db_text("SELECT due_at FROM account_items INDEXED BY account_items_by_account "
			    "WHERE account_id = ? AND "
			    "answered_at IS NULL AND logged_at >= ? AND logged_by = ? AND kind = ? "
			    "AND received_at = ? AND link = ? AND summary = ?",
			    "ItItttt", rq->ids[0], since, rq->user.id, arg(rq, "kind"), got,
			    link ? link : "", arg(rq, "summary"));
	if (due)
		uk_deadline_words(due, now(), words, sizeof words);
	char *repeat = xasprintf("You logged this %s already: answer it by %s.", arg(rq, "kind"),
				 words);
	int refused = reply_refuse_repeat(rp, due != NULL, repeat);
	free(repeat);
	free(due);
	return refused;
}

void account_item_add(struct request *rq, struct reply *rp)
{
	json_t *a = account_for_runner(rq, rp);
	time_t received;
	int ok = a && typed_time(rq, rp, "received_at", "When it arrived", &received) == 0 &&
		 link_ok(rq, rp);
	json_decref(a);
	if (!ok)
		return;
	char at[ISO_LEN], got[ISO_LEN], due[ISO_LEN];
	iso_now(at);
	iso_time(received, got);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_item(rq, rp, got) != 0)
		return;
	iso_time(item_due(received, reply_holidays_count()), due);
	const char *link = arg(rq, "link");
	int64_t id = db_insert("INSERT INTO account_items(account_id, kind, received_at, link, "
			       "summary, due_at, logged_by, logged_at) VALUES (?,?,?,?,?,?,?,?)",
			       "ItttttIt", rq->ids[0], arg(rq, "kind"), got, link ? link : "",
			       arg(rq, "summary"), due, rq->user.id, at);
	account_touch(rq->ids[0]);
	char *object = account_link(rq->ids[0]);
	audit(rq, "account.item", object + 1, "item=%lld kind=%s received_at=%s due_at=%s",
	      (long long)id, arg(rq, "kind"), got, due);
	free(object);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	item_added(rq, rp, id, due);
}

/* The item on this account, unanswered, answered no earlier than it came. */
static int answer_ok(struct request *rq, struct reply *rp, time_t *answered)
{
	json_t *item = db_row("SELECT received_at, answered_at FROM account_items WHERE id = ? "
			      "AND account_id = ?",
			      "II", rq->ids[1], rq->ids[0]);
	time_t received = 0;
	int ok = 0;
	if (!item)
		reply_not_found(rp);
	else if (json_str(item, "answered_at"))
		reply_error(rp, 409, NULL, "This has already been answered.");
	else if (typed_time(rq, rp, "answered_at", "When it was answered", answered) == 0) {
		parse_iso_time(json_str(item, "received_at"), &received);
		ok = *answered >= received;
		if (!ok)
			reply_error(rp, 400, "answered_at",
				    "When it was answered cannot be before it arrived.");
	}
	json_decref(item);
	return ok;
}

void account_item_answer(struct request *rq, struct reply *rp)
{
	json_t *a = account_for_runner(rq, rp);
	time_t t;
	int ok = a && answer_ok(rq, rp, &t);
	json_decref(a);
	if (!ok || reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	char answered[ISO_LEN];
	iso_time(t, answered);
	const char *notes = arg(rq, "notes");
	db_exec("UPDATE account_items SET answered_at = ?, how = ?, notes = ?, answered_by = ? "
		"WHERE id = ? AND account_id = ? AND answered_at IS NULL",
		"tttIII", answered, arg(rq, "how"), notes ? notes : "", rq->user.id, rq->ids[1],
		rq->ids[0]);
	int changed = db_changes() == 1;
	account_touch(rq->ids[0]);
	char *object = account_link(rq->ids[0]);
	audit(rq, "account.item_answer", object + 1, "item=%lld how=%s answered_at=%s",
	      (long long)rq->ids[1], arg(rq, "how"), answered);
	if (reply_commit_changed(rp, changed, NULL, "This has already been answered.",
				 BUSY_UNSAVED) == 0)
		reply_done(rp, 200,
			   json_pack("{s:{s:I, s:s, s:s}}", "item", "id", (json_int_t)rq->ids[1],
				     "answered_at", answered, "how", arg(rq, "how")),
			   object, "The answer has been logged.");
	free(object);
}
