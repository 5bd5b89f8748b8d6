/* Patterns of concerns about one adult (KCSIE part four: records of
 * low-level concerns are reviewed "so that potential patterns of
 * concerning, problematic or inappropriate behaviour can be identified").
 * The headteacher sees every concern about a member of staff on one page;
 * the chair of governors sees them for the headteacher (KCSIE part four:
 * allegations about the headteacher go to the chair), and for nobody else.
 * A third concern about the same person within the school's window warns
 * them.  The person it is about never sees any of it: their own page is a
 * 404, and every list keeps to CONCERN_MAY_OPEN. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/write.h"
#include "db/db.h"
#include "features/concerns/concern_pattern.h"
#include "features/concerns/concern_internal.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 50
#define WINDOW_DEFAULT 365

/* Only concerns on the person's file are listed or counted
 * (CONCERN_ON_FILE in concerns.h: a malicious allegation is not). */

static int holds_head(int64_t person)
{
	return (user_roles_load(person) & ROLE_HEADTEACHER) != 0;
}

int concern_pattern_may_view(int64_t viewer, unsigned roles, int64_t person)
{
	if (!person || person == viewer ||
	    !db_int(0, "SELECT 1 FROM users WHERE id = ?", "I", person))
		return 0;
	/* The headteacher for anyone but themselves; the chair for the head only. */
	return holds_head(person) ? (roles & ROLE_CHAIR) != 0 : (roles & ROLE_HEADTEACHER) != 0;
}

/* KCSIE sets no period; a year spans a whole school year, so concerns
 * raised in different terms, or by different colleagues, are seen together. */
static int64_t window_days(void)
{
	int64_t d = db_int(WINDOW_DEFAULT,
			   "SELECT CAST(value AS INTEGER) FROM settings WHERE "
			   "key = 'pattern_window_days'",
			   "");
	return d > 0 ? d : WINDOW_DEFAULT;
}

/* Concerns about the person filed since `from` (an ISO time) and no later
 * than concern upto_id, that this viewer may open.  "No later" is by id, the
 * order of filing: several concerns may share a second. */
static int64_t count_between(int64_t person, const char *from, int64_t upto_id, int64_t me,
			     int64_t mask)
{
	return db_int(
		0,
		"SELECT count(*) FROM concerns c WHERE c.about_id = ? AND c.created_at >= ? "
		"AND c.id <= ? AND " CONCERN_ON_FILE("c") " AND " CONCERN_ABOUT_CONDUCT(
			"c") " AND " CONCERN_MAY_OPEN("c"),
		"ItI" CONCERN_MAY_OPEN_BINDS, person, from, upto_id, me, mask, me);
}

/* How many concerns the viewer may open about the person arrived in the
 * window that ends at `at`, counting those filed up to concern upto_id. */
static int64_t count_window(int64_t person, const char *at, int64_t upto_id, int64_t me,
			    int64_t mask)
{
	time_t t;
	char from[ISO_LEN];
	if (parse_iso_time(at, &t) != 0)
		return 0;
	iso_time(t - (time_t)window_days() * 86400, from);
	return count_between(person, from, upto_id, me, mask);
}

static char *pattern_link(int64_t person)
{
	return xasprintf("/concerns/about/%lld", (long long)person);
}

/* The warning's link names the concern it is about (its row on the
 * person's page), so that the warning goes when that concern is deleted. */
static char *warning_link(int64_t person, int64_t concern_id)
{
	return xasprintf("/concerns/about/%lld#concern-%lld", (long long)person,
			 (long long)concern_id);
}

/* The warning's words; they start with WARNING_START, by which a warning
 * written before its link named the concern is still found. */
#define WARNING_START "Concern %s is concern number "
#define WARNING_WORDS                                                                      \
	WARNING_START "%lld about the same member of staff within %lld day%s: look at all the " \
		      "concerns about them."

/* The people who look at patterns about this person: the active
 * headteachers, or the chairs for a headteacher, never the person. */
static json_t *watchers(int64_t person)
{
	return db_rows("SELECT u.id, (SELECT sum(b.bit) FROM user_roles x JOIN role_bits b ON "
		       "b.role = x.role WHERE x.user_id = u.id) AS mask FROM user_roles r "
		       "JOIN users u ON u.id = r.user_id WHERE r.role = ? AND u.active = 1 "
		       "AND u.id != ? ORDER BY u.id",
		       "tI", holds_head(person) ? "chair" : "headteacher", person);
}

void concern_pattern_warn(int64_t concern_id, const char *ref, int64_t about_id)
{
	if (!about_id)
		return;
	/* A concern aimed at them (bullied, posted about) makes no pattern. */
	char *at = db_text("SELECT created_at FROM concerns c WHERE id = ? AND "
			   CONCERN_ABOUT_CONDUCT("c"), "I", concern_id);
	json_t *who = watchers(about_id);
	char *link = warning_link(about_id, concern_id);
	size_t i;
	json_t *w;
	json_array_foreach(who, i, w) {
		int64_t uid = json_int(w, "id"), mask = json_int(w, "mask") & ROLE_ROUTABLE;
		/* Only for a concern they may open: the warning must not reveal one. */
		if (!at || !concern_handler_ok(concern_id, uid, (unsigned)mask))
			continue;
		int64_t n = count_window(about_id, at, concern_id, uid, mask);
		if (n < PATTERN_THRESHOLD)
			continue;
		/* The reference and a count only: notifications are e-mailed. */
		int64_t days = window_days();
		char *msg = xasprintf(WARNING_WORDS, ref, (long long)n, (long long)days,
				      days == 1 ? "" : "s");
		notify_user(uid, "concern", msg, link);
		free(msg);
	}
	free(link);
	json_decref(who);
	free(at);
}

/* A warning names its concern by reference, in a notification and its
 * e-mail: when the concern is deleted at the end of its retention period,
 * so are they (UK GDPR article 5(1)(e)).  A warning whose link is the bare
 * page of the person, written before links named the concern, is known by
 * its words. */
#define WARNING_OF "(link = ? OR (link = ? AND instr(message, ?) = 1))"

void concern_pattern_forget(int64_t concern_id)
{
	json_t *c = db_row("SELECT about_id, reference FROM concerns WHERE id = ?", "I",
			   concern_id);
	int64_t person = c ? json_int(c, "about_id") : 0;
	if (person) {
		char *link = warning_link(person, concern_id), *page = pattern_link(person);
		char *start = xasprintf(WARNING_START, json_str(c, "reference"));
		db_exec("DELETE FROM outbox WHERE notification_id IN (SELECT id FROM "
			"notifications WHERE " WARNING_OF ")",
			"ttt", link, page, start);
		db_exec("DELETE FROM notifications WHERE " WARNING_OF, "ttt", link, page, start);
		free(start);
		free(page);
		free(link);
	}
	json_decref(c);
}

/* The case's "A pattern to look at" box: how many, within what period, and
 * where all the concerns about the person are. */
static json_t *pattern_box(int64_t n, const char *link)
{
	json_int_t days = window_days();
	return json_pack("{s:I, s:I, s:o, s:s}", "count", (json_int_t)n, "window_days", days,
			 "window_words", reply_count_words(days, "day", "days"), "link", link);
}

void concern_pattern_add(json_t *c, int64_t concern_id, const struct request *rq)
{
	json_t *row = db_row("SELECT about_id, created_at FROM concerns c WHERE id = ? AND "
			     CONCERN_ABOUT_CONDUCT("c"), "I", concern_id);
	int64_t person = row ? json_int(row, "about_id") : 0;
	if (person && concern_pattern_may_view(rq->user.id, rq->user.roles, person)) {
		char *link = pattern_link(person);
		int64_t n = count_window(person, json_str(row, "created_at"), concern_id,
					 rq->user.id, routable_roles(rq));
		json_object_set_new(c, "about_link", json_string(link));
		if (n >= PATTERN_THRESHOLD)
			json_object_set_new(c, "pattern", pattern_box(n, link));
		free(link);
	}
	json_decref(row);
}

static const char *threshold_label(const char *level)
{
	if (level && strcmp(level, "low_level") == 0)
		return "Low-level concern";
	if (level && strcmp(level, "harm_threshold") == 0)
		return "Meets the harm threshold";
	return "";
}

/* Newest first; the threshold is the latest decision recorded on the case. */
static json_t *pattern_rows(int64_t person, const struct request *rq, int64_t page)
{
	int64_t me = rq->user.id, mask = routable_roles(rq);
	json_t *rows =
		db_rows("SELECT c.id, c.reference, c.created_at, c.category, c.status, "
			"c.outcome_category, (SELECT json_extract(e.detail, '$.level') FROM "
			"concern_events e WHERE e.concern_id = c.id AND e.action = 'threshold' "
			"ORDER BY e.id DESC LIMIT 1) AS threshold, '/concerns/' || c.id AS url "
			"FROM concerns c WHERE c.about_id = ? AND " CONCERN_ON_FILE(
				"c") " AND " CONCERN_ABOUT_CONDUCT("c") " AND " CONCERN_MAY_OPEN(
				"c") " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
			"I" CONCERN_MAY_OPEN_BINDS "II", person, me, mask, me, (int64_t)PAGE + 1,
			(page - 1) * PAGE);
	size_t i;
	json_t *r;
	concern_label_rows(rows);
	json_array_foreach(rows, i, r)
	{
		json_object_set_new(r, "threshold_label",
				    json_string(threshold_label(json_str(r, "threshold"))));
		json_object_set_new(r, "outcome_label",
				    json_string(json_str(r, "outcome_category")
							? concern_outcome_label(
								  json_str(r, "outcome_category"))
							: ""));
	}
	return rows;
}

/* Each view is in the audit log, as a case view is.  The row names the
 * newest concern listed, so the audit page shows it only to those who may
 * open that concern (never to the person it is about); its detail names the
 * person, and their number, which stays the same if the name changes. */
static int audit_view(struct request *rq, struct reply *rp, const json_t *who, json_t *rows)
{
	const char *ref = json_str(json_array_get(rows, 0), "reference");
	char object[48];
	snprintf(object, sizeof object, "%s", ref ? ref : "concerns about a person");
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return -1;
	audit(rq, "concern.pattern_view", object, "all concerns about %s (user %lld)",
	      json_str(who, "name"), (long long)json_int(who, "id"));
	return reply_commit(rp, BUSY_UNSAVED);
}

void concern_pattern_page(struct request *rq, struct reply *rp)
{
	int64_t person = rq->ids[0], page = arg_int(rq, "page", 1);
	if (!concern_pattern_may_view(rq->user.id, rq->user.roles, person)) {
		reply_not_found(rp);
		return;
	}
	json_t *rows = pattern_rows(person, rq, page);
	json_t *who = db_row("SELECT id, name, email, job_title FROM users WHERE id = ?", "I",
			     person);
	if (audit_view(rq, rp, who, rows) != 0) {
		json_decref(who);
		json_decref(rows);
		return;
	}
	char at[ISO_LEN];
	iso_now(at);
	int64_t recent = count_window(person, at, INT64_MAX, rq->user.id, routable_roles(rq));
	json_int_t days = window_days();
	json_t *m = json_pack("{s:o, s:o, s:I, s:o, s:I, s:b}", "person", who, "concerns", rows,
			      "window_days", days, "window_words",
			      reply_count_words(days, "day", "days"), "recent", (json_int_t)recent,
			      "pattern", recent >= PATTERN_THRESHOLD);
	reply_pager(m, rows, page, PAGE);
	reply_page(rp, "concern_pattern", "All concerns about a member of staff", m);
}
