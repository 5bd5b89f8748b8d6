/* Reporting a concern (any member of staff) and following one's own
 * reports: status and the events meant for the reporter, never the
 * handlers' notes. */
#define _GNU_SOURCE
#include "features/concerns/concern_pattern.h"
#include "features/concerns/concern_internal.h"
#include "features/concerns/concern_adult.h"
#include "features/concerns/concern_breach.h"
#include "core/write.h"
#include "http/upload_check.h"
#include "features/concerns/concerns.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 50

void concern_new_page(struct request *rq, struct reply *rp)
{
	json_t *categories = concern_categories(arg(rq, "category"));
	concern_whistle_categories(categories);
	reply_page(rp, "concern_new", "Report a concern",
		   json_pack("{s:o}", "categories", categories));
}

/* The person a concern is about, named by e-mail or by ticking "about me";
 * every problem with that part of the form is added to rp. */
static void check_about(const struct request *rq, struct reply *rp, int64_t *about_id)
{
	const char *about = arg(rq, "about");
	int self;
	if (concern_adult_check(rq, rp, &self) != 0)
		return;
	if (self) {
		*about_id = rq->user.id;
		return;
	}
	if (!about)
		return;
	*about_id = db_int(0, "SELECT id FROM users WHERE email = ? AND active = 1", "t", about);
	if (!*about_id)
		reply_error_add(rp, "about",
				"'%s' is not the e-mail address of a current member of staff.",
				about);
	else if (*about_id == rq->user.id)
		reply_error_add(rp, "about",
				"You cannot report a concern about yourself here; "
				"please speak to the headteacher or the safeguarding lead.");
}

/* Cyberbullying's evidence includes "the time and date of the incident"
 * (heatons 8.6), so its report needs them; for any other concern they are
 * asked for but may be left out. */
static int needs_when(const char *category)
{
	return category && (strcmp(category, "cyberbullying_staff") == 0 ||
			    strcmp(category, "cyberbullying_pupil") == 0);
}

/* What the form's values mean, checked before anything is written: every
 * problem is added to rp, so the form lists them all at once.  occurred is
 * when it happened as UTC, empty when not given or refused. */
static int check_report(struct request *rq, struct reply *rp, char occurred[ISO_LEN],
			int64_t *about_id)
{
	occurred[0] = 0;
	*about_id = 0;
	const char *when = arg(rq, "occurred_at");
	if (when && uk_local_past_to_utc(when, occurred) != 0) {
		occurred[0] = 0;
		reply_error_add(rp, "occurred_at",
				"The date and time it happened cannot be in the future.");
	} else if (!when && needs_when(arg(rq, "category"))) {
		reply_error_add(rp, "occurred_at",
				"Give the date and time the cyberbullying happened: they are "
				"part of its evidence. Your best estimate will do if you are "
				"not sure.");
	}
	check_about(rq, rp, about_id);
	concern_image_check(rq, rp);
	int status;
	char msg[600];
	if (evidence_check(rq, arg(rq, "category"), &status, msg, sizeof msg) != 0) {
		if (status == 400 || reply_errors(rp))
			reply_error_add(rp, "evidence", "%s", msg);
		else
			reply_error(rp, status, "evidence", "%s", msg);
	}
	/* Only now are the files scanned and their pictures decoded: files sent
	 * with a report of an indecent image were refused above unread (UKCIS:
	 * never view, copy or save the imagery; a scanner may write a copy to
	 * its temporary folder). */
	if (rp->status || reply_errors(rp) || uploads_check(concern_report_form, rq, rp) != 0)
		return -1;
	return 0;
}

/* 201 when the concern reached at least one person who may act on it.
 * Otherwise it is stored all the same (a report is never lost: it waits for
 * whoever is given the role), but the answer is 202, "accepted, not yet
 * acted on", and says plainly that nobody has it and whom to contact now. */
static void answer_filed(struct reply *rp, int64_t id, const char *ref, int64_t reached,
			 const char *fallback)
{
	char *loc = xasprintf("/concerns/mine/%lld", (long long)id);
	char *msg =
		reached ? xasprintf("Thank you. Your concern has been sent; its reference is %s.",
				    ref)
			: xasprintf("Your concern has been saved with the reference %s, but it has "
				    "NOT reached anyone "
				    "yet: nobody who deals with this kind of concern is active in "
				    "staffroom. %s",
				    ref, fallback);
	json_t *m = json_pack("{s:{s:I, s:s, s:s}, s:b}", "concern", "id", (json_int_t)id,
			      "reference", ref, "status", "new", "delivered", reached > 0);
	if (!reached)
		json_object_set_new(m, "warning", json_string(msg));
	reply_done(rp, reached ? 201 : 202, m, loc, msg);
	free(loc);
	free(msg);
}

/* Inside the write: the same report sent twice (a double click on "Send
 * report") finds the case already filed, while it is open and within
 * REPEAT_WINDOW, so the safeguarding leads are not told of two cases.  A
 * double click, a page sent again or a retry repeats the last report the
 * person sent, so only that one is compared: one read through the
 * reporter's index, however many reports anyone has sent.
 * -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_report(const struct request *rq, struct reply *rp,
				const struct concern_input *in)
{
	char since[ISO_LEN];
	repeat_since(since);
	char *kept = db_text("SELECT reference FROM concerns WHERE id = (SELECT max(id) FROM "
			     "concerns WHERE reporter_id = ?) AND created_at >= ? "
			     "AND status != 'closed' "
			     "AND category = ? AND summary = ? AND details = ? "
			     "AND occurred_at IS ? AND platform = ? AND url = ? AND involved = ? "
			     "AND about_id IS nullif(?, 0) AND account_id IS NULL AND urgent = ?",
			     "IttttttttIi", rq->user.id, since, in->category, in->summary,
			     in->details ? in->details : "", in->occurred_at,
			     in->platform ? in->platform : "", in->url ? in->url : "",
			     in->involved ? in->involved : "", in->about_id, in->urgent);
	char *repeat = xasprintf("You sent this report already, as %s.", kept ? kept : "");
	int refused = reply_refuse_repeat(rp, kept != NULL, repeat);
	free(repeat);
	free(kept);
	return refused;
}

void concern_create(struct request *rq, struct reply *rp)
{
	char occurred[ISO_LEN], ref[32], aware[ISO_LEN];
	int64_t about_id;
	int refused = check_report(rq, rp, occurred, &about_id);
	if (breach_check(rq, rp, occurred[0] ? occurred : NULL, aware) != 0 || refused)
		return;
	struct concern_input in = {
		.category = arg(rq, "category"),
		.summary = arg(rq, "summary"),
		.details = arg(rq, "details"),
		.occurred_at = occurred[0] ? occurred : NULL,
		.platform = arg(rq, "platform"),
		.url = arg(rq, "url"),
		.involved = arg(rq, "involved"),
		.about_id = about_id,
		.urgent = arg_yes(rq, "urgent"),
	};
	/* UKCIS (2024): the DSL is told at once, so an image report is always
	 * urgent (acknowledged the same working day) and always reaches the DSL. */
	int image = concern_image_kind(in.category, arg_yes(rq, "indecent_image"));
	if (image)
		in.urgent = in.to_dsl = 1;
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_report(rq, rp, &in) != 0)
		return;
	if (concern_limit_check(rq, rp) != 0) {
		db_rollback();
		return;
	}
	int64_t reached = 0;
	int64_t id = concern_file_reaching(rq, &in, ref, &reached);
	if (id > 0)
		concern_adult_filed(rq, id);
	if (id > 0 && image)
		concern_image_store(rq, id, concern_image_adult(rq, about_id));
	if (id > 0 && aware[0])
		breach_start(id, aware);
	int about_head = id > 0 && concern_about_head(id);
	/* Committed with its batch after this thread has gone on: nothing
	 * below reads the report back, and the answer waits for the batch. */
	if (id < 0 || evidence_store(rq, id) != 0 || db_commit_later() != 0) {
		db_rollback();
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	char *fallback = concern_adult_fallback(concern_fallback(in.category, about_head),
						about_head, reached);
	if (!concern_adult_answer(rq, rp, id, ref, reached, fallback))
		answer_filed(rp, id, ref, reached, fallback);
	free(fallback);
}

void concern_mine(struct request *rq, struct reply *rp)
{
	int64_t page = arg_int(rq, "page", 1);
	json_t *rows = db_rows(
		"SELECT id, reference, category, created_at, status, '/concerns/mine/' || id AS "
		"url "
		"FROM concerns WHERE " OWN_REPORT " ORDER BY id DESC LIMIT ? OFFSET ?",
		"IIII", rq->user.id, rq->user.id, (int64_t)PAGE + 1, (page - 1) * PAGE);
	json_t *m = json_pack("{s:o}", "concerns", rows);
	reply_pager(m, rows, page, PAGE);
	concern_label_rows(rows);
	reply_page(rp, "concern_mine", "My reports", m);
}

/* While nobody may act on the report, its page says so, with whom to contact. */
static void mine_reach(json_t *c, int64_t id)
{
	int assigned = db_int(0,
			      "SELECT 1 FROM concerns c JOIN users u ON u.id = c.assignee_id WHERE "
			      "c.id = ? "
			      "AND u.active = 1",
			      "I", id) == 1;
	int reached = assigned || concern_reach(id) > 0;
	json_object_set_new(c, "delivered", json_boolean(reached));
	if (!reached) {
		int about_head = concern_about_head(id);
		char *fb = concern_adult_fallback(
			concern_fallback(json_str(c, "category"), about_head), about_head, 0);
		json_object_set_new(c, "fallback", json_string(fb));
		free(fb);
	}
}

void concern_mine_case(struct request *rq, struct reply *rp)
{
	json_t *c =
		db_row("SELECT id, reference, category, summary, details, occurred_at, platform, "
		       "url, involved, "
		       "urgent, status, created_at FROM concerns WHERE id = ? AND " OWN_REPORT,
		       "III", rq->ids[0], rq->user.id, rq->user.id);
	if (!c) {
		reply_not_found(rp);
		return;
	}
	json_object_set_new(c, "label", json_string(concern_category_label(
						 json_str(c, "category"))));
	json_object_set_new(c, "urgent", json_boolean(json_int(c, "urgent")));
	json_object_set_new(c, "events", concern_events(rq->ids[0], 1));
	json_object_set_new(c, "evidence", evidence_list(rq->ids[0]));
	concern_image_add(c, rq->ids[0]);
	mine_reach(c, rq->ids[0]);
	concern_whistle_add(c);
	reply_page(rp, "concern_mine_case", "My report", json_pack("{s:o}", "concern", c));
}
