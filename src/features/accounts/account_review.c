#define _GNU_SOURCE
/* The yearly review of each school account, and dormancy.  On the
 * anniversary of its creation or of its last review the moderator confirms
 * its lead, contributors, purpose and monitoring (ravens-wood §2: the
 * moderator "control[s] the process for managing an account"; §4: accounts
 * "must be monitored regularly and frequently"), and it continues or is
 * closed, through the same handover checklist as any closing.  An account
 * with nothing logged for account_dormant_days (a setting, default 90) is
 * dormant; a review that keeps it open starts that count again. */
#include "features/accounts/account_team.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

int64_t account_dormant_days(void)
{
	int64_t d = db_int(90,
			   "SELECT CAST(value AS INTEGER) FROM settings WHERE key = "
			   "'account_dormant_days'",
			   "");
	return d > 0 ? d : 90;
}

/* The anniversary of a review or of the account's creation: the same UK
 * date a year on, as the school read the day (a review at 00:30 BST on 18
 * July, 23:30 UTC on the 17th, is next due on 18 July).  From 29 February
 * it is 28 February, the last day of February in a year without the 29th,
 * so that reviews are never more than a year apart. */
static void review_anniversary(const char *base, char due[11])
{
	char local[17];
	int y = 0, m = 0, d = 0;
	if (uk_time_for_field(base, local) != 0)
		copy_str(local, sizeof local, base);
	sscanf(local, "%d-%d-%d", &y, &m, &d);
	y++;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		d = 28;
	snprintf(due, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

void review_day_start(struct review_day *d, int64_t dormant_days)
{
	d->dormant_days = dormant_days;
	d->dormant_days_words = reply_count_words(dormant_days, "day", "days");
	uk_today(d->today);
	d->now = now();
}

void review_day_end(struct review_day *d)
{
	json_decref(d->dormant_days_words);
}

void account_review_state(json_t *account, const struct review_day *d)
{
	const char *created = json_str(account, "created_at");
	const char *last_review = json_str(account, "last_review");
	const char *activity = json_str(account, "activity_at");
	const char *base = last_review ? last_review : created ? created : "";
	char due[11];
	review_anniversary(base, due);
	int open = strcmp(json_str(account, "status") ? json_str(account, "status") : "closed",
			  "closed") != 0;
	/* The latest of its activity, its last monitoring check, its last
	 * review and its creation. */
	const char *last = base, *check = json_str(account, "last_check");
	if (activity && strcmp(activity, last) > 0)
		last = activity;
	if (check && strcmp(check, last) > 0)
		last = check;
	time_t t = 0;
	int dormant = open && parse_iso_time(last, &t) == 0 && d->now - t > d->dormant_days * DAY;
	/* A date written here, and one of the row's own values: no UTF-8 check. */
	json_object_set_new(account, "review_due_on", json_string_nocheck(due));
	json_object_set_new(account, "review_due",
			    json_boolean(open && strcmp(d->today, due) >= 0));
	json_object_set_new(account, "last_activity", json_string_nocheck(last));
	json_object_set_new(account, "dormant", json_boolean(dormant));
	json_object_set_new(account, "dormant_days", json_integer(d->dormant_days));
	json_object_set(account, "dormant_days_words", d->dormant_days_words);
	json_object_del(account, "activity_at");
}

/* review_anniversary turned round: the latest UK date whose anniversary is
 * today or before is today a year back, but for 28 February when a year
 * back had the 29th (its review falls on the 28th), and for 29 February,
 * which a year back had not (the 28th).  Anniversaries never go back as
 * the date goes on, so every date up to that one is due. */
void review_due_before(const struct review_day *d, char out[ISO_LEN])
{
	int y = 0, m = 0, day = 0;
	sscanf(d->today, "%d-%d-%d", &y, &m, &day);
	y--;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && day == 29)
		day = 28;
	else if (m == 2 && day == 28 && leap)
		day = 29;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = day };
	iso_time(uk_day_end((long)(timegm(&tm) / DAY)) + 1, out);
}

/* account_review_state's dormancy turned round: an open account is dormant
 * exactly when the latest thing logged on it was before `out`. */
void dormant_before(const struct review_day *d, char out[ISO_LEN])
{
	iso_time(d->now - (time_t)d->dormant_days * DAY, out);
}

/* The fields the review asks, and what a closing review asks more; 0 with a reply. */
static int review_ok(struct request *rq, struct reply *rp, int *close)
{
	json_t *a = account_load(rq->ids[0]);
	if (!a) {
		reply_not_found(rp);
		return 0;
	}
	int closed = strcmp(json_str(a, "status"), "closed") == 0;
	json_decref(a);
	if (closed) {
		reply_error(rp, 409, NULL,
			    "This account has been closed; it is no longer reviewed.");
		return 0;
	}
	*close = strcmp(arg(rq, "outcome"), "close") == 0;
	if (!*close)
		return 1;
	/* The notes and the checklist are reported together, each beside its field. */
	if (!arg(rq, "notes"))
		reply_error_add(rp, "notes", "Say in the notes why the account is being closed.");
	return close_checklist_ticked(rq, rp);
}

/* Inside the write: the same review (every answer and the notes) recorded
 * by the same person within REPEAT_WINDOW is the form sent twice, and is
 * kept once.  A review that continues the account is the only one that can
 * come twice: a closing one finds the account closed.  -1 with the 409
 * answered; 0 goes on. */
static int refuse_repeat_review(const struct request *rq, struct reply *rp, const char *notes)
{
	char since[ISO_LEN];
	repeat_since(since);
	char *at = db_text("SELECT reviewed_at FROM account_reviews INDEXED BY "
			   "account_reviews_by_account WHERE account_id = ? AND reviewed_at >= ? "
			   "AND reviewed_by = ? AND lead_ok = ? AND contributors_ok = ? "
			   "AND purpose_ok = ? AND monitoring_ok = ? AND notes = ? AND outcome = ? "
			   "ORDER BY reviewed_at DESC LIMIT 1",
			   "ItIiiiitt", rq->ids[0], since, rq->user.id, arg_yes(rq, "lead_ok"),
			   arg_yes(rq, "contributors_ok"), arg_yes(rq, "purpose_ok"),
			   arg_yes(rq, "monitoring_ok"), notes, arg(rq, "outcome"));
	char when[40] = "";
	if (at)
		uk_time_words(at, when, sizeof when);
	char *repeat = xasprintf("You recorded this review already, at %s.", when);
	int refused = reply_refuse_repeat(rp, at != NULL, repeat);
	free(repeat);
	free(at);
	return refused;
}

void account_review(struct request *rq, struct reply *rp)
{
	int close = 0;
	if (!review_ok(rq, rp, &close) || reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	/* Asked again in the write: a close sent together with this review may have come first. */
	int64_t closed = db_int(0, "SELECT status = 'closed' FROM social_accounts WHERE id = ?",
				"I", rq->ids[0]);
	const char *notes = arg(rq, "notes") ? arg(rq, "notes") : "";
	if (reply_refuse_repeat(rp, closed,
				"This account has been closed; it is no longer reviewed.") != 0 ||
	    refuse_repeat_review(rq, rp, notes) != 0)
		return;
	char at[ISO_LEN], *link = account_link(rq->ids[0]);
	iso_now(at);
	db_exec("INSERT INTO account_reviews(account_id, reviewed_at, reviewed_by, lead_ok, "
		"contributors_ok, purpose_ok, monitoring_ok, notes, outcome) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"ItIiiiitt", rq->ids[0], at, rq->user.id, arg_yes(rq, "lead_ok"),
		arg_yes(rq, "contributors_ok"), arg_yes(rq, "purpose_ok"),
		arg_yes(rq, "monitoring_ok"), notes, arg(rq, "outcome"));
	audit(rq, "account.review", link + 1,
	      "lead %s, contributors %s, purpose %s, monitoring %s; outcome: %s",
	      arg(rq, "lead_ok"), arg(rq, "contributors_ok"), arg(rq, "purpose_ok"),
	      arg(rq, "monitoring_ok"), arg(rq, "outcome"));
	if (close) {
		db_exec("UPDATE social_accounts SET status = 'closed', closed_at = ?, "
			"close_reason = ? WHERE id = ?",
			"ttI", at, notes, rq->ids[0]);
		/* The notes stay with the review, not in the more widely read log. */
		audit(rq, "account.close", link + 1,
		      "at its yearly review; checklist: password changed, recovery changed, "
		      "two-factor moved, content archived");
	}
	if (reply_commit(rp, BUSY_UNSAVED) == 0)
		reply_done(rp, 201,
			   json_pack("{s:{s:s, s:s}}", "review", "outcome", arg(rq, "outcome"),
				     "reviewed_at", at),
			   link,
			   close ? "The review is recorded and the account has been closed."
				 : "The review is recorded; the account continues.");
	free(link);
}
