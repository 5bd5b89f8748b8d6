/* Personal data breaches (category data_breach, routed to the data
 * protection officer and the headteacher).  UK GDPR article 33(1): the
 * controller reports a breach to the ICO "without undue delay and, where
 * feasible, not later than 72 hours after having become aware of it",
 * unless it is unlikely to result in a risk to people; the clock runs in
 * calendar hours, weekends and closures included (ICO guidance, "Personal
 * data breaches: a guide").  Article 33(5): every breach is documented,
 * reported or not, with the facts, effects and remedial action; the ICO
 * expects the reasons for not reporting to be recorded too.  Article 34:
 * whether the people affected were told. */
#define _GNU_SOURCE
#include "features/concerns/concern_breach.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ICO_HOURS 72

int breach_check(const struct request *rq, struct reply *rp, const char *happened,
		 char aware[ISO_LEN])
{
	const char *category = arg(rq, "category"), *when = arg(rq, "aware_at");
	int is_breach = category && strcmp(category, "data_breach") == 0;
	aware[0] = 0;
	if (when && !is_breach) {
		reply_error_add(rp, "aware_at",
				"When the school became aware is asked only for a personal data "
				"breach; leave it empty for this kind of concern.");
		return -1;
	}
	if (!is_breach)
		return 0;
	if (!when) {
		/* Aware when reported: the clock cannot start later than the report. */
		iso_now(aware);
		return 0;
	}
	if (uk_local_past_to_utc(when, aware) != 0) {
		reply_error_add(rp, "aware_at",
				"When the school became aware of the breach cannot be in the "
				"future.");
		aware[0] = 0;
		return -1;
	}
	/* The ICO's 72 hours run from awareness (UK GDPR Art. 33(1)): a school
	 * cannot have known before the breach happened, and an awareness dated
	 * earlier would shorten the time it has. */
	if (happened && strcmp(aware, happened) < 0) {
		reply_error_add(rp, "aware_at",
				"When the school became aware of the breach cannot be before "
				"when it happened.");
		aware[0] = 0;
		return -1;
	}
	return 0;
}

void breach_start(int64_t concern_id, const char *aware)
{
	time_t t;
	char due[ISO_LEN];
	if (parse_iso_time(aware, &t) != 0)
		return;
	/* Calendar hours (article 33(1)): a breach found on Friday at 16:00 is
	 * decided by Monday at 16:00, not three working days later. */
	iso_time(t + ICO_HOURS * 3600, due);
	/* The row is there already (the trigger breach_record_for_breach gives
	 * every breach one, aware when filed); the report may say earlier. */
	db_exec("INSERT INTO breach_records(concern_id, aware_at) VALUES (?, ?) "
		"ON CONFLICT(concern_id) DO UPDATE SET aware_at = excluded.aware_at",
		"It", concern_id, aware);
	concern_deadline_set(concern_id, "ico_decision", due);
}

/* Why the decision cannot be recorded as sent (with the field), or NULL. */
static const char *decision_problem(const struct request *rq, const char **field)
{
	const char *decision = arg(rq, "decision");
	*field = "decision";
	if (!decision)
		return "Choose whether the breach is reported to the ICO.";
	*field = "text";
	if (!arg(rq, "text"))
		return "Give the reasons for the decision: they are recorded for a breach that "
		       "is not reported too.";
	*field = "ico_reference";
	if (arg(rq, "ico_reference") && strcmp(decision, "report") != 0)
		return "An ICO reference is given only when the breach is reported to the ICO.";
	return NULL;
}

int breach_decide(const struct request *rq, struct reply *rp, const struct ev *e)
{
	if (!db_int(0, "SELECT 1 FROM concerns WHERE id = ? AND category = 'data_breach'", "I",
		    e->id)) {
		reply_error(rp, 409, "action",
			    "Only a personal data breach has a decision on reporting to the ICO.");
		return 409;
	}
	const char *field, *why = decision_problem(rq, &field);
	if (why) {
		reply_error(rp, 400, field, "%s", why);
		return 400;
	}
	const char *decision = arg(rq, "decision"), *ref = arg(rq, "ico_reference");
	const char *told = arg(rq, "subjects_told");
	/* A later decision may add the ICO's reference, which can come days
	 * after the report; the chronology keeps every decision. */
	db_exec("UPDATE breach_records SET decision = ?1, reasons = ?2, ico_reference = CASE "
		"WHEN ?1 = 'report' THEN coalesce(?3, ico_reference) END, subjects_told = "
		"coalesce(?4, subjects_told), decided_at = ?5, decided_by = ?6 "
		"WHERE concern_id = ?7",
		"tttttII", decision, arg(rq, "text"), ref, told, e->at, rq->user.id, e->id);
	concern_deadline_meet(e->id, "ico_decision", e->at);
	json_t *d = json_pack("{s:s, s:s}", "decision", decision, "text", arg(rq, "text"));
	if (ref)
		json_object_set_new(d, "ico_reference", json_string(ref));
	if (told)
		json_object_set_new(d, "subjects_told", json_string(told));
	concern_add_event(rq, e, "ico_decision", d, 1);
	return 0;
}

char *breach_event_text(const json_t *d)
{
	const char *decision = json_str(d, "decision"), *ref = json_str(d, "ico_reference");
	const char *told = json_str(d, "subjects_told");
	const char *told_words = !told ? ""
				 : strcmp(told, "yes") == 0
					 ? "; the people affected were told"
					 : "; the people affected were not told";
	if (!decision || strcmp(decision, "report") != 0)
		return xasprintf("Decided not to report the breach to the ICO%s", told_words);
	if (!ref)
		return xasprintf("Breach reported to the ICO%s", told_words);
	return xasprintf("Breach reported to the ICO (ICO reference: %s)%s", ref, told_words);
}
