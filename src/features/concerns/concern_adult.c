/* Concerns about adults working in the school: Keeping Children Safe in
 * Education (KCSIE 2024), Part four.  A concern about an adult's conduct
 * may be a self-referral, and its reporter may ask that only the
 * headteacher (or the chair, for a concern about the headteacher) learns
 * who raised it.  The receiver decides whether it is a low-level concern
 * or an allegation that meets the harm threshold; an allegation is
 * reported to the LADO within one working day and ends with one of the
 * five outcomes KCSIE defines.  The rules are in docs/RECORDS.md. */
#define _GNU_SOURCE
#include "features/concerns/concern_adult.h"
#include "core/workdays.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* KCSIE part four, "Definitions for outcomes of allegation investigations":
 * X(code, label, definition).  The codes are in OUTCOME_CATEGORY_LIST. */
#define ALLEGATION_OUTCOME_LIST(X)                                                                 \
	X("substantiated", "Substantiated",                                                        \
	  "There is sufficient evidence to prove the allegation.")                                 \
	X("false", "False", "There is sufficient evidence to disprove the allegation.")            \
	X("malicious", "Malicious",                                                                \
	  "There is sufficient evidence to disprove the allegation and there has been a "          \
	  "deliberate act to deceive. The record leaves the person's file and is kept only for "   \
	  "review for deletion.")                                                                  \
	X("unsubstantiated", "Unsubstantiated",                                                    \
	  "There is insufficient evidence to either prove or disprove the allegation; it does "    \
	  "not imply guilt or innocence.")                                                         \
	X("unfounded", "Unfounded",                                                                \
	  "There is no evidence or proper basis which supports the allegation being made.")

static int is_allegation_outcome(const char *code)
{
#define ALLEGATION_IS_(c, label, def) || strcmp(code, c) == 0
	return code && (0 ALLEGATION_OUTCOME_LIST(ALLEGATION_IS_));
}

static int is_staff_conduct(int64_t id)
{
	return db_int(0, "SELECT 1 FROM concerns WHERE id = ? AND category = 'staff_conduct'", "I",
		      id) == 1;
}

/* The latest threshold decision's level (a correction is a new event and
 * the latest counts), or NULL when none was recorded (a new string). */
static char *threshold_level(int64_t id)
{
	return db_text("SELECT json_extract(detail, '$.level') FROM concern_events WHERE "
		       "concern_id = ? AND action = 'threshold' ORDER BY id DESC LIMIT 1",
		       "I", id);
}

/* Reporting ------------------------------------------------------------------ */

int concern_adult_check(const struct request *rq, struct reply *rp, int *self_referral)
{
	const char *category = arg(rq, "category"), *about = arg(rq, "about");
	int adult = category && strcmp(category, "staff_conduct") == 0;
	size_t before = reply_errors(rp);
	*self_referral = arg_yes(rq, "self");
	static const char *const own[] = { "self", "confidential" };
	for (size_t i = 0; i < 2; i++)
		if (!adult && arg(rq, own[i]))
			reply_error_add(rp, own[i],
					"'About me' and 'keep my name confidential' are only for a "
					"concern about an adult's conduct.");
	if (adult && *self_referral && arg_yes(rq, "confidential"))
		reply_error_add(rp, "confidential",
				"A self-referral is about you, so your name cannot be kept from "
				"the headteacher: leave 'keep my name confidential' unticked.");
	if (adult && *self_referral && about && strcasecmp(about, rq->user.email) != 0)
		reply_error_add(rp, "about",
				"A self-referral is about you: leave the e-mail address of the "
				"adult empty, or untick 'about me'.");
	if (adult && !*self_referral && !about)
		reply_error_add(rp, "about",
				"Give the e-mail address of the adult the concern is about, or "
				"tick 'about me' for a self-referral.");
	return reply_errors(rp) > before ? -1 : 0;
}

void concern_adult_filed(const struct request *rq, int64_t id)
{
	if (!is_staff_conduct(id))
		return;
	int about_head = concern_about_head(id);
	db_exec("INSERT INTO concern_adult(concern_id, self_referral, confidential_to) "
		"VALUES (?, ?, ?)",
		"Iit", id, arg_yes(rq, "self"),
		arg_yes(rq, "confidential") ? (about_head ? "chair" : "headteacher") : NULL);
	/* KCSIE part four: an allegation about the headteacher goes to the
	 * chair; when no chair can act (none, or the chair is the subject),
	 * the LADO is the one to tell, within one working day, from now. */
	if (about_head && concern_reach(id) == 0) {
		char due[ISO_LEN];
		iso_time(workday_deadline(now(), 1, closure_day_db, NULL), due);
		concern_deadline_set(id, "lado", due);
	}
}

/* The person a self-referral is about is its reporter, and the rule that
 * nobody sees a case about themselves (CONCERN_MAY_OPEN) holds for them
 * too: they get the reference, and the headteacher (or chair) speaks to
 * them; the case is not in their reports. */
int concern_adult_answer(const struct request *rq, struct reply *rp, int64_t id, const char *ref,
			 int64_t reached, const char *fallback)
{
	if (!arg_yes(rq, "self"))
		return 0;
	int to_chair = concern_about_head(id);
	char *msg =
		reached ? xasprintf("Thank you. Your self-referral has been sent to the %s; its "
				    "reference is %s. Keep it: the %s will speak to you. As it "
				    "is about you, it is not shown in your reports.",
				    to_chair ? "chair of governors" : "headteacher", ref,
				    to_chair ? "chair" : "headteacher")
			: xasprintf("Your self-referral has been saved with the reference %s, "
				    "but it has NOT reached anyone yet. %s",
				    ref, fallback);
	json_t *m = json_pack("{s:{s:I, s:s, s:s}, s:b, s:b}", "concern", "id", (json_int_t)id,
			      "reference", ref, "status", "new", "delivered", reached > 0,
			      "self_referral", 1);
	json_object_set_new(m, reached ? "message" : "warning", json_string(msg));
	reply_done(rp, reached ? 201 : 202, m, "/concerns/new", msg);
	free(msg);
	return 1;
}

char *concern_adult_fallback(const char *fallback, int about_head, int64_t reached)
{
	char *lado = about_head && !reached
			     ? db_text("SELECT value FROM settings WHERE key = 'lado_contact'", "")
			     : NULL;
	char *s = lado && *lado ? xasprintf("%s The LADO: %s.", fallback, lado)
				: xstrdup(fallback);
	free(lado);
	return s;
}

/* Events --------------------------------------------------------------------- */

/* KCSIE part four: the case manager decides whether a concern is low-level
 * (section two) or an allegation that meets the harm threshold (section
 * one), records why and what was done; an allegation is reported to the
 * LADO within one working day. */
int concern_threshold(const struct request *rq, struct reply *rp, const struct ev *e)
{
	if (!is_staff_conduct(e->id)) {
		reply_error(rp, 409, NULL,
			    "A threshold decision is recorded only for a concern about an adult's "
			    "conduct.");
		return 409;
	}
	const char *level = arg(rq, "level"), *action = arg(rq, "action_taken");
	if (!level) {
		reply_error(rp, 400, "level",
			    "Choose whether it is a low-level concern or meets the harm "
			    "threshold.");
		return 400;
	}
	concern_add_event(rq, e, "threshold",
			  json_pack("{s:s, s:s, s:s}", "level", level, "text", arg(rq, "text"),
				    "action_taken", action ? action : ""),
			  1);
	if (strcmp(level, "harm_threshold") == 0) {
		char due[ISO_LEN];
		iso_time(workday_deadline(now(), 1, closure_day_db, NULL), due);
		concern_deadline_set(e->id, "lado", due);
	}
	return 0;
}

/* KCSIE part four: for an allegation that was not malicious, the person is
 * given a copy of what goes on their file; when is recorded. */
int concern_copy_given(const struct request *rq, struct reply *rp, const struct ev *e)
{
	const char *date = arg(rq, "date");
	char today[11];
	uk_today(today);
	char *outcome =
		db_text("SELECT outcome_category FROM concerns WHERE id = ? AND status = 'closed'",
			"I", e->id);
	int fits = is_allegation_outcome(outcome) && strcmp(outcome, "malicious") != 0;
	free(outcome);
	if (!fits) {
		reply_error(rp, 409, NULL,
			    "A copy is given for a closed allegation whose outcome was "
			    "substantiated, false, unsubstantiated or unfounded.");
		return 409;
	}
	if (!date || strcmp(date, today) > 0) {
		reply_error(rp, 400, "date",
			    "Give the date the copy was given to the person; it cannot be in the "
			    "future.");
		return 400;
	}
	/* The copy is of what was reported, so it cannot be given before the
	 * day it was reported (a UK day: a report at 00:30 in summer is on that
	 * day though UTC still says the day before). */
	char *created = db_text("SELECT created_at FROM concerns WHERE id = ?", "I", e->id);
	char local[17] = "", words[40];
	if (created && uk_time_for_field(created, local) == 0 && strncmp(date, local, 10) < 0) {
		local[10] = '\0';
		uk_time_words(local, words, sizeof words);
		free(created);
		reply_error(rp, 400, "date",
			    "The copy cannot have been given before %s, the day the concern was "
			    "reported.",
			    words);
		return 400;
	}
	free(created);
	const char *text = arg(rq, "text");
	concern_add_event(rq, e, "copy_given",
			  json_pack("{s:s, s:s}", "date", date, "text", text ? text : ""), 1);
	return 0;
}

int concern_adult_close_check(const struct request *rq, struct reply *rp, const struct ev *e)
{
	const char *cat = arg(rq, "outcome_category");
	int adult = is_staff_conduct(e->id);
	char *level = adult ? threshold_level(e->id) : NULL;
	int allegation = level && strcmp(level, "harm_threshold") == 0, status = 0;
	if (adult && !level) {
		reply_error(rp, 409, NULL,
			    "Record the threshold decision (a low-level concern, or meets the harm "
			    "threshold) before closing this concern.");
		status = 409;
	} else if (allegation && !is_allegation_outcome(cat)) {
		reply_error(
			rp, 400, "outcome_category",
			"An allegation that met the harm threshold ends as substantiated, false, "
			"malicious, unsubstantiated or unfounded: choose one as the outcome.");
		status = 400;
	} else if (!allegation && is_allegation_outcome(cat)) {
		reply_error(
			rp, 400, "outcome_category",
			"Substantiated, false, malicious, unsubstantiated and unfounded are the "
			"outcomes of an allegation that met the harm threshold: choose another "
			"outcome.");
		status = 400;
	}
	free(level);
	return status;
}

char *concern_adult_event_text(const char *action, const json_t *d)
{
	const char *level = json_string_value(json_object_get(d, "level"));
	const char *taken = json_string_value(json_object_get(d, "action_taken"));
	if (strcmp(action, "threshold") == 0)
		return xasprintf("Threshold decision: %s%s%s",
				 level && strcmp(level, "harm_threshold") == 0
					 ? "an allegation that meets the harm threshold"
					 : "a low-level concern",
				 taken && *taken ? "; action taken: " : "", taken ? taken : "");
	if (strcmp(action, "copy_given") == 0) {
		char on[32];
		uk_time_words(json_string_value(json_object_get(d, "date")), on, sizeof on);
		return xasprintf("Copy of the outcome given to the person on %s", on);
	}
	return NULL;
}

/* The case page --------------------------------------------------------------- */

/* KCSIE part four, section two: a low-level concern may be raised
 * anonymously; only the headteacher (or the chair, for a concern about the
 * headteacher) learns who raised it, so everyone else sees neither the
 * name nor whose events are the reporter's. */
static void withhold_reporter(const struct request *rq, json_t *c, int64_t id)
{
	int64_t me = rq->user.id, mask = routable_roles(rq);
	int hidden = db_int(0,
			    "SELECT 1 FROM concerns c WHERE c.id = ? AND "
			    CONCERN_REPORTER_HIDDEN_AS("c", "?", "?"),
			    "III", id, me, mask) == 1;
	if (!hidden)
		return;
	const char *email = json_str(c, "reporter_email");
	json_t *events = json_object_get(c, "events"), *ev;
	size_t i;
	json_array_foreach(events, i, ev) {
		const char *actor = json_str(ev, "actor_email");
		if (email && actor && strcmp(actor, email) == 0) {
			json_object_set_new(
				ev, "actor",
				json_string("the person who raised it (name withheld)"));
			json_object_set_new(ev, "actor_email", json_null());
		}
	}
	json_object_set_new(c, "reporter", json_null());
	json_object_set_new(c, "reporter_email", json_null());
	json_object_set_new(c, "reporter_withheld", json_true());
}

/* The outcomes the close form offers: an allegation's five, with their
 * definitions, or every other outcome. */
static json_t *outcomes(int allegation)
{
	json_t *a = json_array();
#define ALLEGATION_ROW_(c, l, def)                                                            \
	if (allegation)                                                                        \
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "code", c, "label", l,   \
						   "definition", def));
	ALLEGATION_OUTCOME_LIST(ALLEGATION_ROW_)
#define OTHER_ROW_(c, l)                                                                       \
	if (!allegation && !is_allegation_outcome(c))                                          \
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", c, "label", l));
	OUTCOME_CATEGORY_LIST(OTHER_ROW_)
	return a;
}

/* The latest threshold decision and the latest "copy given" on c. */
static void add_decisions(json_t *c, int64_t id)
{
	json_t *t = db_row("SELECT e.at, json_extract(e.detail, '$.level') AS level, "
			   "json_extract(e.detail, '$.text') AS text, "
			   "json_extract(e.detail, '$.action_taken') AS action_taken, u.name AS by "
			   "FROM concern_events e LEFT JOIN users u ON u.id = e.actor_id WHERE "
			   "e.concern_id = ? AND e.action = 'threshold' ORDER BY e.id DESC LIMIT 1",
			   "I", id);
	const char *level = t ? json_str(t, "level") : NULL;
	int allegation = level && strcmp(level, "harm_threshold") == 0;
	if (t)
		json_object_set_new(t, "harm_threshold", json_boolean(allegation));
	json_object_set_new(c, "threshold", t ? t : json_null());
	json_object_set_new(c, "allegation", json_boolean(allegation));
	char *copy = db_text("SELECT json_extract(detail, '$.date') FROM concern_events WHERE "
			     "concern_id = ? AND action = 'copy_given' ORDER BY id DESC LIMIT 1",
			     "I", id);
	json_object_set_new(c, "copy_given_on", copy ? json_string(copy) : json_null());
	free(copy);
	const char *oc = json_str(c, "outcome_category");
	json_object_set_new(c, "copy_due", json_boolean(json_object_get(c, "closed_at") &&
							is_allegation_outcome(oc) &&
							strcmp(oc, "malicious") != 0));
	json_object_set_new(c, "malicious", json_boolean(oc && strcmp(oc, "malicious") == 0));
}

void concern_adult_view(const struct request *rq, json_t *m)
{
	json_t *c = json_object_get(m, "concern");
	int64_t id = json_int(c, "id");
	json_object_set_new(c, "allegation", json_false());
	json_object_set_new(c, "reporter_withheld", json_false());
	if (!is_staff_conduct(id))
		return;
	json_object_set_new(c, "adult", json_true());
	json_t *how = db_row("SELECT self_referral, confidential_to IS NOT NULL AS confidential "
			     "FROM concern_adult WHERE concern_id = ?",
			     "I", id);
	json_object_set_new(c, "self_referral",
			    json_boolean(how && json_int(how, "self_referral")));
	json_object_set_new(c, "reporter_confidential",
			    json_boolean(how && json_int(how, "confidential")));
	json_decref(how);
	withhold_reporter(rq, c, id);
	add_decisions(c, id);
	int allegation = json_is_true(json_object_get(c, "allegation"));
	json_object_set_new(m, "outcomes", outcomes(allegation));
	/* The LADO's contact wherever the LADO must be told: an allegation, or
	 * a concern about the headteacher that nobody in school can act on. */
	int conflict = concern_about_head(id) && concern_reach(id) == 0;
	json_object_set_new(c, "conflict_of_interest", json_boolean(conflict));
	int clock = json_object_get(c, "lado_due") != NULL;
	json_object_set_new(c, "has_lado", json_boolean(allegation || conflict || clock));
	if (allegation || conflict || clock) {
		char *lado = db_text("SELECT value FROM settings WHERE key = 'lado_contact'", "");
		json_object_set_new(c, "lado_contact", json_string(lado ? lado : ""));
		free(lado);
	}
}
