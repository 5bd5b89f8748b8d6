/* The steps a school's policy asks for on a concern of some categories
 * (CONCERN_STEP_LIST, concern_internal.h), shown on the case as "What the
 * policy asks" and recorded with action=step on POST /concerns/{id}/events:
 * done (when, by whom, the details), refused (a step that may be), or not
 * done with the reason.  The chronology holds every record (an internal
 * event; the latest counts); an escalation to the body a step names meets
 * it too.  A case may close only once every step that applies is recorded.
 *
 * heatons 8.5: cyberbullying of staff is reported to the SLT and the police
 * (the member of staff may report it themselves, or not want it reported).
 * heatons 8.7 and 8.8: a parent or carer who posted is invited to meet the
 * SLT and asked to remove it; if they refuse, the school decides what next,
 * which could be the site's reporting mechanism.  heatons 8.9: for
 * threatening, abusive, sexist or sexual material, or a hate crime, the
 * school considers contacting the police; every such case records whether
 * it did and, if not, why not, as the policy leaves it to the school's
 * judgement.  wynstones: a parent's comment that could bring the school
 * into disrepute is referred to legal experts (an escalation to legal
 * advisers, or why not).  heatons 8.3: cyberbullying of a pupil outside
 * the school day is reported to the parents, who decide whether to go to
 * the site, CEOP or the police.  heatons 9.1: sexting is
 * reported to parents and the Safeguarding Unit; UKCIS 2024: parents are
 * told unless there is good reason to believe that would put the young
 * person at risk, so "not done" always carries its reason.  braunstone and
 * slyne 5: a pupil who tries to contact a member of staff is told, firmly
 * and politely, that it is not acceptable, the request rejected rather than
 * ignored; who told them and when, or why not (the DSL may judge that
 * someone else should, or nobody), is on the case. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct step {
	const char *category, *code, *words, *cite, *cite_words, *body, *after, *refusal;
};

#define STEP_ROW_(cat, code, words, cite, cite_words, body, after, refusal) \
	{ cat, code, words, cite, cite_words, body, after, refusal },
static const struct step steps[] = { CONCERN_STEP_LIST(STEP_ROW_) };
#define NSTEPS (sizeof steps / sizeof steps[0])

static const struct step *find_step(const char *code)
{
	for (size_t i = 0; code && i < NSTEPS; i++)
		if (strcmp(steps[i].code, code) == 0)
			return &steps[i];
	return NULL;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* The latest record of the step: its own event, or an escalation to the
 * body it names (heatons 8.5: "Escalate to the police" reports it).  NULL
 * when there is none. */
static json_t *latest(int64_t concern_id, const struct step *s)
{
	return db_row("SELECT e.action, e.at, e.detail, u.name AS actor FROM concern_events e "
		      "LEFT JOIN users u ON u.id = e.actor_id WHERE e.concern_id = ? AND "
		      "((e.action = 'step' AND json_extract(e.detail, '$.step') = ?) OR "
		      "(e.action = 'escalate' AND json_extract(e.detail, '$.to') = ?)) "
		      "ORDER BY e.id DESC LIMIT 1",
		      "Itt", concern_id, s->code, s->body);
}

/* Where one step stands: "done", "refused", "not_done", "to_record" or
 * "not_needed" (a step that follows a refusal, when there was none). */
static const char *state_of(const json_t *row, const json_t *detail, const char *after_state,
			    const struct step *s)
{
	if (row && strcmp(json_str(row, "action"), "escalate") == 0)
		return "done";
	if (row)
		return json_str(detail, "outcome");
	if (s->after && (!after_state || strcmp(after_state, "refused") != 0))
		return "not_needed";
	return "to_record";
}

static char *state_words(const struct step *s, const char *state, const json_t *row)
{
	if (strcmp(state, "done") == 0 && strcmp(json_str(row, "action"), "escalate") == 0)
		return xasprintf("Done: escalated to %s", concern_body_label(s->body));
	if (strcmp(state, "done") == 0)
		return xstrdup("Done");
	if (strcmp(state, "refused") == 0)
		return xstrdup(or_empty(s->refusal));
	if (strcmp(state, "not_done") == 0)
		return xstrdup("Not done");
	if (strcmp(state, "not_needed") == 0)
		return xasprintf("Only needed if they refuse: %s",
				 find_step(s->after) ? find_step(s->after)->words : "");
	return xstrdup("Still to record");
}

/* The record's members on the step: details or reason, reference, when
 * and by whom it was done, who recorded it and when, in words too. */
static void add_record(json_t *r, const json_t *row, const json_t *d)
{
	int escalated = strcmp(json_str(row, "action"), "escalate") == 0;
	const char *at = json_str(row, "at"), *actor = or_empty(json_str(row, "actor"));
	const char *done_at = escalated ? at : or_empty(json_str(d, "done_at"));
	const char *done_by = escalated ? actor : or_empty(json_str(d, "done_by"));
	char when[64], done_when[64];
	uk_time_words(at, when, sizeof when);
	uk_time_words(done_at, done_when, sizeof done_when);
	json_object_set_new(r, "text", json_string(or_empty(json_str(d, "text"))));
	json_object_set_new(r, "reference", json_string(or_empty(json_str(d, "reference"))));
	json_object_set_new(r, "done_at", json_string(done_at));
	json_object_set_new(r, "done_by", json_string(done_by));
	json_object_set_new(r, "recorded_at", json_string(at));
	json_object_set_new(r, "recorded_by", json_string(actor));
	char *words = xasprintf("Recorded by %s, %s (UK time)", actor, when);
	json_object_set_new(r, "recorded_words", json_string(words));
	free(words);
	words = xasprintf("%s, %s (UK time)", done_by, done_when);
	json_object_set_new(r, "done_words", json_string(words));
	free(words);
}

static json_t *step_row(int64_t concern_id, const struct step *s, const json_t *states)
{
	json_t *row = latest(concern_id, s);
	json_t *d = row ? json_loads(or_empty(json_str(row, "detail")), 0, NULL) : NULL;
	const char *after = s->after ? json_str(states, s->after) : NULL;
	const char *state = state_of(row, d, after, s);
	char *words = state_words(s, state ? state : "to_record", row);
	json_t *r = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "step", s->code, "label",
			      s->words, "cite", s->cite, "cite_words", s->cite_words, "state",
			      state ? state : "to_record", "state_label", words, "recorded",
			      row != NULL, "may_refuse", s->refusal != NULL);
	free(words);
	if (s->refusal)
		json_object_set_new(r, "refusal", json_string(s->refusal));
	if (row)
		add_record(r, row, d);
	json_decref(d);
	json_decref(row);
	return r;
}

/* Every step of the category, in the list's order, each with its state;
 * an empty list for a category the policy asks nothing more of. */
static json_t *case_steps(int64_t concern_id, const char *category)
{
	json_t *rows = json_array(), *states = json_object();
	for (size_t i = 0; category && i < NSTEPS; i++) {
		if (strcmp(steps[i].category, category) != 0)
			continue;
		json_t *r = step_row(concern_id, &steps[i], states);
		json_object_set(states, steps[i].code, json_object_get(r, "state"));
		json_array_append_new(rows, r);
	}
	json_decref(states);
	return rows;
}

/* Each step carries may_record (the case is open): a section of the page
 * opened inside a step's reads only the step and what encloses the list. */
void concern_steps_add(json_t *c, int64_t concern_id, const char *category)
{
	json_t *rows = case_steps(concern_id, category);
	const char *status = json_str(c, "status");
	int open = status && strcmp(status, "closed") != 0;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_object_set_new(r, "may_record", json_boolean(open));
	json_object_set_new(c, "steps", rows);
}

const char *concern_step_close_problem(int64_t concern_id)
{
#define STEP_FIRST_(cat, code, words, ...) \
	{ code, "Record \"" words "\" under What the policy asks first, then close the case." },
	static const struct {
		const char *code, *say;
	} first[] = { CONCERN_STEP_LIST(STEP_FIRST_) };
	char *category = db_text("SELECT category FROM concerns WHERE id = ?", "I", concern_id);
	json_t *rows = case_steps(concern_id, category);
	free(category);
	const char *say = NULL;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		if (strcmp(json_str(r, "state"), "to_record") != 0)
			continue;
		for (size_t k = 0; !say && k < NSTEPS; k++)
			if (strcmp(first[k].code, json_str(r, "step")) == 0)
				say = first[k].say;
		break;
	}
	json_decref(rows);
	return say;
}

/* Why the step cannot be recorded as sent (with the field), or NULL. */
static const char *step_problem(const struct request *rq, const struct step *s,
				const char *category, const char **field)
{
	const char *outcome = arg(rq, "outcome");
	*field = "step";
	if (!s || !category || strcmp(s->category, category) != 0)
		return "That step is not one the policy asks for a concern of this kind.";
	*field = "outcome";
	if (strcmp(outcome, "done") == 0 || strcmp(outcome, "not_done") == 0 ||
	    (s->refusal && strcmp(outcome, "refused") == 0))
		return NULL;
	return s->refusal ? "Choose whether it was done, refused or not done."
			  : "Choose whether it was done or not done.";
}

int concern_step_record(const struct request *rq, struct reply *rp, const struct ev *e)
{
	const struct step *s = find_step(arg(rq, "step"));
	char *category = db_text("SELECT category FROM concerns WHERE id = ?", "I", e->id);
	const char *field, *why = step_problem(rq, s, category, &field);
	free(category);
	if (why) {
		reply_error(rp, 400, field, "%s", why);
		return 400;
	}
	char when[ISO_LEN];
	int st = concern_done_at(rq, rp, e, "When it was done", when);
	if (st)
		return st;
	/* Words, not an account: the meeting's senior leader, or the member
	 * of staff who went to the police themselves. */
	const char *by = arg(rq, "done_by") ? arg(rq, "done_by") : rq->user.name;
	json_t *d = json_pack("{s:s, s:s, s:s, s:s, s:s}", "step", s->code, "outcome",
			      arg(rq, "outcome"), "text", arg(rq, "text"), "done_by", by,
			      "done_at", when);
	if (arg(rq, "reference"))
		json_object_set_new(d, "reference", json_string(arg(rq, "reference")));
	concern_add_event(rq, e, "step", d, 1);
	return 0;
}

char *concern_step_event_text(const json_t *d)
{
	const struct step *s = find_step(json_str(d, "step"));
	const char *outcome = or_empty(json_str(d, "outcome")), *ref = json_str(d, "reference");
	const char *words = !s ? or_empty(json_str(d, "step")) : s->words;
	char when[64];
	uk_time_words(or_empty(json_str(d, "done_at")), when, sizeof when);
	char *head = strcmp(outcome, "done") == 0
			     ? xasprintf("done by %s, %s", or_empty(json_str(d, "done_by")), when)
		     : strcmp(outcome, "refused") == 0 && s && s->refusal
			     ? xstrdup(s->refusal)
			     : xstrdup("not done");
	char *text = xasprintf("Policy step (%s) \"%s\": %s%s%s", s ? s->cite_words : "", words,
			       head, ref ? "; reference: " : "", or_empty(ref));
	free(head);
	return text;
}
