#define _GNU_SOURCE
/* Monitoring: the lead or the moderator logs a check of an account's
 * comments; a check that finds something offensive files a concern for the
 * moderator in the same transaction. */
#include "features/accounts/account.h"
#include "core/audit.h"
#include "core/write.h"
#include "features/concerns/concerns.h"
#include "db/db.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

#define CLOCK_SKEW 300 /* seconds a check may be ahead of the server's clock */

/* Refuses what the router cannot see; 0 with a reply when refused. */
static int check_input_ok(const struct request *rq, struct reply *rp, const json_t *a, time_t *at)
{
	int lead = json_int(a, "lead_id") == rq->user.id;
	if (!lead && !has_role(rq, ROLE_MODERATOR)) {
		reply_error(rp, 403, NULL,
			    "Only the account's lead or the moderator logs monitoring checks.");
		return 0;
	}
	if (strcmp(json_str(a, "status"), "closed") == 0) {
		reply_error(rp, 409, NULL,
			    "This account has been closed; it is no longer monitored.");
		return 0;
	}
	char utc[ISO_LEN]; /* typed in UK time, like every time a person enters */
	if (uk_time_to_utc(arg(rq, "checked_at"), utc) != 0 || parse_iso_time(utc, at) != 0 ||
	    *at > now() + CLOCK_SKEW) {
		reply_error(rp, 400, "checked_at",
			    "The time of the check cannot be in the future.");
		return 0;
	}
	if (arg_yes(rq, "open_concern") && !arg(rq, "summary")) {
		reply_error(rp, 400, "summary",
			    "To report a concern with this check, say in a line what was found.");
		return 0;
	}
	return 1;
}

static int64_t file_concern(const struct request *rq, const json_t *a, char ref[32],
			    int64_t *reached)
{
	struct concern_input in = {
		.category = "account_comment",
		.summary = arg(rq, "summary"),
		.details = arg(rq, "notes"),
		.occurred_at = NULL,
		.platform = json_str(a, "platform_label"),
		.url = json_str(a, "url"),
		.involved = "",
		.about_id = 0,
		.account_id = json_int(a, "id"),
		.urgent = 0,
	};
	return concern_file_reaching(rq, &in, ref, reached);
}

/* Inside the write: the same check (the same time, the same answers) logged
 * twice by the same person within REPEAT_WINDOW, a double click, is kept
 * once, and a concern it raises is filed once.  Read through the account's
 * index at the check's time.  -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_check(const struct request *rq, struct reply *rp, const char *checked)
{
	char since[ISO_LEN];
	repeat_since(since);
	json_t *kept = db_row("SELECT c.id, k.reference FROM account_checks c "
			      "INDEXED BY account_checks_by_account "
			      "LEFT JOIN concerns k ON k.id = c.concern_id "
			      "WHERE c.account_id = ? AND c.checked_at = ? AND c.recorded_at >= ? "
			      "AND c.by_id = ? AND c.comments_found = ? AND c.all_answered = ? "
			      "AND c.notes = ? AND (c.concern_id IS NOT NULL) = ? "
			      "AND coalesce(k.summary, '') = ?",
			      "IttIiitit", rq->ids[0], checked, since, rq->user.id,
			      arg_yes(rq, "comments_found"), arg_yes(rq, "all_answered"),
			      arg(rq, "notes") ? arg(rq, "notes") : "", arg_yes(rq, "open_concern"),
			      arg_yes(rq, "open_concern") ? arg(rq, "summary") : "");
	int refused = account_refuse_repeat_raising(rp, kept, "You logged this check already",
						    "was sent to the moderator with it");
	json_decref(kept);
	return refused;
}

void account_check_add(struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	time_t t;
	if (!a || !account_visible(rq, a)) {
		json_decref(a);
		reply_not_found(rp);
		return;
	}
	if (!check_input_ok(rq, rp, a, &t)) {
		json_decref(a);
		return;
	}
	char checked[ISO_LEN], at[ISO_LEN], ref[32] = "";
	iso_time(t, checked);
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_check(rq, rp, checked) != 0) {
		json_decref(a);
		return;
	}
	int64_t reached = 0;
	int64_t concern = arg_yes(rq, "open_concern") ? file_concern(rq, a, ref, &reached) : 0;
	int64_t id =
		db_insert("INSERT INTO account_checks(account_id, checked_at, comments_found, "
			  "all_answered, notes, "
			  "by_id, concern_id, recorded_at) VALUES (?,?,?,?,?,?,nullif(?, 0),?)",
			  "ItiitIIt", rq->ids[0], checked, arg_yes(rq, "comments_found"),
			  arg_yes(rq, "all_answered"), arg(rq, "notes") ? arg(rq, "notes") : "",
			  rq->user.id, concern > 0 ? concern : 0, at);
	int touched = account_touch(rq->ids[0]);
	char *link = account_link(rq->ids[0]);
	audit(rq, "account.check", link + 1, "checked_at=%s comments_found=%s all_answered=%s%s%s",
	      checked, arg(rq, "comments_found"), arg(rq, "all_answered"), *ref ? " concern=" : "",
	      ref);
	json_decref(a);
	if (concern < 0 || id < 0 || touched != 0 || db_commit() != 0) {
		db_rollback();
		free(link);
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	json_t *m =
		json_pack("{s:{s:I, s:s}}", "check", "id", (json_int_t)id, "checked_at", checked);
	char *warning = concern > 0 ? account_raised_concern(json_object_get(m, "check"), concern,
							     ref, reached, 0)
				    : NULL;
	char *flash =
		warning	      ? xasprintf("The check has been logged. %s", warning)
		: concern > 0 ? xasprintf("The check has been logged and concern %s sent to the "
					  "moderator.",
					  ref)
			      : xstrdup("The check has been logged.");
	reply_done(rp, warning ? 202 : 201, m, link, flash);
	free(warning);
	free(flash);
	free(link);
}
