/* POST /concerns/{id}/events: every change to a case is a new event in its
 * chronology; nothing is edited or deleted.  The case moves new ->
 * acknowledged -> investigating -> escalated -> closed; a closed case takes
 * only a note or a reopening.  Checks run inside the write transaction, so
 * two handlers acting at once cannot both move the same step. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "features/concerns/concern_internal.h"
#include "features/concerns/concern_adult.h"
#include "features/concerns/concern_breach.h"
#include "db/db.h"
#include "core/notify.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rank(const char *status)
{
#define STATUS_CODE_(code, name) code,
	static const char *const order[] = { CONCERN_STATUS_LIST(STATUS_CODE_) };
	for (int i = 0; i < (int)(sizeof order / sizeof order[0]); i++)
		if (strcmp(order[i], status) == 0)
			return i;
	return -1;
}

#define CLOSED_WORDS "This concern is closed: it can only be reopened or have a note added."

const char *concern_status_problem(const char *cur, const char *target)
{
	if (strcmp(cur, "closed") == 0)
		return CLOSED_WORDS;
	if (strcmp(target, cur) == 0)
		return "The concern already has that status.";
	if (strcmp(target, "closed") == 0)
		return "Use Close, which records the outcome, to close a concern.";
	if (rank(target) < rank(cur))
		return "A concern's status only moves forward; add a note to record a correction.";
	if (strcmp(cur, "new") == 0 && strcmp(target, "acknowledged") != 0)
		return "Acknowledge the concern first.";
	return NULL;
}

/* Why this action cannot happen now (409), or NULL. */
static const char *transition_problem(const struct ev *e, const char *target)
{
	const char *a = e->action, *cur = e->status;
	int closed = strcmp(cur, "closed") == 0, is_new = strcmp(cur, "new") == 0;
	if (closed && strcmp(a, "reopen") != 0 && strcmp(a, "note") != 0 &&
	    strcmp(a, "copy_given") != 0)
		return CLOSED_WORDS;
	if (strcmp(a, "acknowledge") == 0 && !is_new)
		return "This concern has already been acknowledged.";
	if (strcmp(a, "reopen") == 0 && !closed)
		return "Only a closed concern can be reopened.";
	if ((strcmp(a, "escalate") == 0 || strcmp(a, "close") == 0) && is_new)
		return "Acknowledge the concern first.";
	if (strcmp(a, "close") == 0) {
		const char *clock = concern_deadline_close_problem(e->id);
		return clock ? clock : concern_step_close_problem(e->id);
	}
	if (strcmp(a, "status") != 0 || !target)
		return NULL;
	return concern_status_problem(cur, target);
}

/* The fields each action needs, and what to say when one is left empty, in
 * the words of the action's form on the case page. */
static const struct {
	const char *action, *field, *say;
} needs[] = {
	{ "note", "text", "Enter the note" },
	{ "reopen", "text", "Say why the concern is reopened" },
	{ "assign", "assignee", "Choose who to assign it to" },
	{ "status", "status", "Choose the new status" },
	{ "escalate", "to", "Choose who it was escalated to" },
	{ "close", "outcome", "Say what was done" },
	{ "threshold", "level",
	  "Choose whether it is a low-level concern or meets the harm threshold" },
	{ "threshold", "text", "Say why you decided this" },
	{ "copy_given", "date", "Enter the date the copy was given" },
	{ "device", "text", "Say what happened to the device" },
	{ "step", "step", "Choose the step" },
	{ "step", "outcome", "Choose whether it was done" },
	{ "step", "text", "Give the details, or the reason it was not done" },
};

/* Every field the action needs and was not given, added to rp: the number. */
static size_t missing_fields(const struct request *rq, struct reply *rp, const char *action)
{
	size_t n = 0;
	for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
		if (strcmp(action, needs[i].action) == 0 && !arg(rq, needs[i].field)) {
			reply_error_add(rp, needs[i].field, "%s.", needs[i].say);
			n++;
		}
	return n;
}

void concern_add_event(const struct request *rq, const struct ev *e, const char *action,
		       json_t *detail, int internal)
{
	char *d = json_dumps(detail, JSON_COMPACT);
	db_exec("INSERT INTO concern_events(concern_id, at, actor_id, action, detail, internal) "
		"VALUES (?, ?, ?, ?, ?, ?)",
		"ItItti", e->id, e->at, rq->user.id, action, d, internal);
	free(d);
	json_decref(detail);
}

static void tell_reporter(const struct request *rq, const struct ev *e, const char *what)
{
	/* The reporter of a self-referral is its subject, who is told nothing. */
	if (e->reporter == rq->user.id ||
	    db_int(0, "SELECT 1 FROM concerns WHERE id = ? AND about_id = ?", "II", e->id,
		   e->reporter) == 1)
		return;
	char *cat = db_text("SELECT category FROM concerns WHERE id = ?", "I", e->id);
	char *msg = xasprintf("Your concern %s (%s) %s.", e->reference,
			      concern_category_label(cat), what);
	free(cat);
	char *link = xasprintf("/concerns/mine/%lld", (long long)e->id);
	notify_user(e->reporter, "concern", msg, link);
	free(msg);
	free(link);
}

static void set_status(const struct request *rq, const struct ev *e, const char *to)
{
	db_exec("UPDATE concerns SET status = ?, acknowledged_at = coalesce(acknowledged_at, ?) "
		"WHERE id = ?",
		"ttI", to, e->at, e->id);
	concern_add_event(rq, e, "status", json_pack("{s:s, s:s}", "from", e->status, "to", to), 0);
	char *what = xasprintf("is now: %s", concern_status_label(to));
	tell_reporter(rq, e, what);
	free(what);
}

/* 0, or a status with the reply filled. */
static int do_assign(const struct request *rq, struct reply *rp, const struct ev *e)
{
	json_t *list = concern_assignable(e->id, arg(rq, "assignee"),
					  (rq->user.roles & ROLE_HEADTEACHER) != 0);
	json_t *who = json_array_size(list) ? json_incref(json_array_get(list, 0)) : NULL;
	json_decref(list);
	if (!who) {
		reply_error(rp, 400, "assignee",
			    "'%s' cannot be assigned this concern: it can go to someone holding a "
			    "role it was sent to%s, never to the person it is about.",
			    arg(rq, "assignee"),
			    (rq->user.roles & ROLE_HEADTEACHER)
				    ? ", a senior leader or a safeguarding lead"
				    : "");
		return 400;
	}
	int64_t uid = json_int(who, "id");
	if (uid == db_int(0, "SELECT assignee_id FROM concerns WHERE id = ?", "I", e->id)) {
		reply_error(rp, 409, "assignee", "This concern is already assigned to %s.",
			    json_str(who, "name"));
		json_decref(who);
		return 409;
	}
	db_exec("UPDATE concerns SET assignee_id = ? WHERE id = ?", "II", uid, e->id);
	concern_add_event(rq, e, "assign",
		  json_pack("{s:O, s:O}", "assignee", json_object_get(who, "email"), "name",
			    json_object_get(who, "name")),
		  1);
	if (uid != rq->user.id) {
		char *cat = db_text("SELECT category FROM concerns WHERE id = ?", "I", e->id);
		char *msg = xasprintf("Concern %s (%s) has been assigned to you.", e->reference,
				      concern_category_label(cat));
		free(cat);
		char *link = xasprintf("/concerns/%lld", (long long)e->id);
		notify_user(uid, "concern", msg, link);
		free(msg);
		free(link);
	}
	json_decref(who);
	return 0;
}

/* Telling the police or the LADO meets the clock a rule started for it
 * (concern_deadline.c). */
static void do_escalate(const struct request *rq, const struct ev *e)
{
	concern_deadline_meet(e->id, arg(rq, "to"), e->at);
	concern_add_event(rq, e, "escalate",
		  json_pack("{s:s, s:s, s:s}", "to", arg(rq, "to"), "reference",
			    arg(rq, "reference") ? arg(rq, "reference") : "", "text",
			    arg(rq, "text") ? arg(rq, "text") : ""),
		  1);
	if (strcmp(e->status, "escalated") != 0)
		set_status(rq, e, "escalated");
}

static void do_close(const struct request *rq, const struct ev *e)
{
	const char *cat = arg(rq, "outcome_category");
	db_exec("UPDATE concerns SET status = 'closed', closed_at = ?, outcome = ?, "
		"outcome_category = ? WHERE id = ?",
		"tttI", e->at, arg(rq, "outcome"), cat, e->id);
	concern_add_event(rq, e, "close",
		  json_pack("{s:s, s:s}", "outcome", arg(rq, "outcome"), "outcome_category",
			    cat ? cat : ""),
		  0);
	tell_reporter(rq, e, "has been closed");
}

static void do_reopen(const struct request *rq, const struct ev *e)
{
	db_exec("UPDATE concerns SET status = 'investigating', closed_at = NULL, outcome = NULL, "
		"outcome_category = NULL "
		"WHERE id = ?",
		"I", e->id);
	concern_add_event(rq, e, "reopen", json_pack("{s:s}", "text", arg(rq, "text")), 0);
	tell_reporter(rq, e, "has been reopened");
}

static int apply(const struct request *rq, struct reply *rp, const struct ev *e)
{
	const char *a = e->action;
	if (strcmp(a, "acknowledge") == 0) {
		db_exec("UPDATE concerns SET status = 'acknowledged', acknowledged_at = ? WHERE id "
			"= ?",
			"tI", e->at, e->id);
		concern_add_event(rq, e, "acknowledge", json_object(), 0);
		tell_reporter(rq, e, "has been acknowledged");
	} else if (strcmp(a, "note") == 0) {
		concern_add_event(rq, e, "note", json_pack("{s:s}", "text", arg(rq, "text")), 1);
	} else if (strcmp(a, "assign") == 0) {
		return do_assign(rq, rp, e);
	} else if (strcmp(a, "status") == 0) {
		set_status(rq, e, arg(rq, "status"));
	} else if (strcmp(a, "escalate") == 0) {
		do_escalate(rq, e);
	} else if (strcmp(a, "close") == 0) {
		int refused = concern_adult_close_check(rq, rp, e);
		if (refused)
			return refused;
		do_close(rq, e);
	} else if (strcmp(a, "threshold") == 0) {
		return concern_threshold(rq, rp, e);
	} else if (strcmp(a, "copy_given") == 0) {
		return concern_copy_given(rq, rp, e);
	} else if (strcmp(a, "device") == 0) {
		return concern_device(rq, rp, e);
	} else if (strcmp(a, "ico_decision") == 0) {
		return breach_decide(rq, rp, e);
	} else if (strcmp(a, "step") == 0) {
		return concern_step_record(rq, rp, e);
	} else {
		do_reopen(rq, e);
	}
	return 0;
}

/* The case's latest chronology entry of this action: id, by whom, when, what. */
static json_t *latest_event(const struct ev *e)
{
	return db_row("SELECT id, actor_id, at, detail FROM concern_events WHERE concern_id = ? "
		      "AND action = ? ORDER BY id DESC LIMIT 1",
		      "It", e->id, e->action);
}

/* An entry's detail without the members that are only its own time (a
 * device's time when the form left it empty is when it was recorded): what
 * the form said.  A new reference. */
static json_t *what_was_sent(const json_t *row)
{
	json_t *d = json_loads(json_str(row, "detail"), 0, NULL);
	const char *at = json_str(row, "at"), *key;
	json_t *v, *tmp;
	json_object_foreach_safe(d, tmp, key, v)
		if (json_is_string(v) && at && strcmp(json_string_value(v), at) == 0)
			json_object_del(d, key);
	return d;
}

static int same_event(const json_t *before, const json_t *added)
{
	json_t *a = what_was_sent(before), *b = what_was_sent(added);
	int same = a && b && json_equal(a, b);
	json_decref(a);
	json_decref(b);
	return same;
}

/* After the action is applied, inside the write: an entry the same as the
 * case's latest of that action (before), by the same person within
 * REPEAT_WINDOW, is the same form sent twice (a double click on "Escalate")
 * and the chronology never loses an entry, so it is refused before it is
 * kept.  -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_event(const struct request *rq, struct reply *rp, const struct ev *e,
			       const json_t *before)
{
	json_t *added = latest_event(e);
	char since[ISO_LEN], when[40] = "";
	repeat_since(since);
	const char *at = json_str(before, "at");
	int same = before && added && json_int(added, "id") != json_int(before, "id") &&
		   json_int(before, "actor_id") == rq->user.id && at && strcmp(at, since) >= 0 &&
		   same_event(before, added);
	json_decref(added);
	if (same)
		uk_time_words(at, when, sizeof when);
	char *repeat = xasprintf("You recorded this already, at %s: it is in the chronology.",
				 when);
	int refused = reply_refuse_repeat(rp, same, repeat);
	free(repeat);
	return refused;
}

static void ev_free(struct ev *e)
{
	free(e->status);
	free(e->reference);
}

void concern_event_post(struct request *rq, struct reply *rp)
{
	struct ev e = { .id = rq->ids[0], .action = arg(rq, "action") };
	if (!concern_handler_ok(e.id, rq->user.id, rq->user.roles)) {
		reply_not_found(rp);
		return;
	}
	if (missing_fields(rq, rp, e.action))
		return;
	iso_now(e.at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	e.status = db_text("SELECT status FROM concerns WHERE id = ?", "I", e.id);
	e.reference = db_text("SELECT reference FROM concerns WHERE id = ?", "I", e.id);
	e.reporter = concern_reporter(e.id);
	const char *why = e.status ? transition_problem(&e, arg(rq, "status"))
				   : "The concern could not be read.";
	if (why) {
		db_rollback();
		reply_error(rp, 409, NULL, "%s", why);
		ev_free(&e);
		return;
	}
	json_t *before = latest_event(&e);
	int refused = apply(rq, rp, &e) != 0;
	if (refused)
		db_rollback();
	else
		refused = refuse_repeat_event(rq, rp, &e, before);
	json_decref(before);
	if (refused) {
		ev_free(&e);
		return;
	}
	char *action = xasprintf("concern.%s", e.action);
	audit(rq, action, e.reference, "%s",
	      arg(rq, "status")                 ? arg(rq, "status")
	      : arg(rq, "to")                   ? arg(rq, "to")
	      : arg(rq, "level")                ? arg(rq, "level")
	      : arg(rq, "decision")             ? arg(rq, "decision")
	      : arg(rq, "step")                 ? arg(rq, "step")
	      : strcmp(e.action, "assign") == 0 ? arg(rq, "assignee")
						: "");
	free(action);
	char *now_status = db_text("SELECT status FROM concerns WHERE id = ?", "I", e.id);
	concern_notes_done(e.id, e.status, now_status);
	if (reply_commit(rp, BUSY_UNSAVED) != 0) {
		free(now_status);
		ev_free(&e);
		return;
	}
	char *loc = xasprintf("/concerns/%lld#chronology", (long long)e.id);
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:s, s:s}, s:s}", "concern", "id", (json_int_t)e.id,
			     "reference", e.reference, "status", now_status ? now_status : "",
			     "action", e.action),
		   loc, "The chronology has been updated.");
	free(loc);
	free(now_status);
	ev_free(&e);
}
