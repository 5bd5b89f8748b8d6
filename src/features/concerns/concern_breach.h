/* Personal data breaches (concern_breach.c): the 72-hour clock from when
 * the school became aware, the decision on reporting to the ICO and the
 * breach log.  Private to the concerns folder. */
#ifndef STAFFROOM_CONCERN_BREACH_H
#define STAFFROOM_CONCERN_BREACH_H

#include "features/concerns/concern_internal.h"

/* The decisions on reporting to the ICO, X(code, label); schema.sql's CHECK
 * on breach_records.decision repeats the codes (tests/unit/test_lists.c). */
#define BREACH_DECISION_LIST(X)                                    \
	X("report", "Reported to the ICO")                         \
	X("no_report", "Not reported to the ICO")
#define BREACH_DECISIONS LIST_CHOICES(BREACH_DECISION_LIST, CONCERN_CODE_CHOICE_)

/* POST /concerns: checks aware_at before anything is written (0, or -1
 * with a 400 naming it), against happened, the report's occurred_at as UTC
 * (NULL when not given or refused); aware is the time the clock runs from,
 * or empty when the category is not a personal data breach. */
int breach_check(const struct request *rq, struct reply *rp, const char *happened,
		 char aware[ISO_LEN]);
/* Inside the filing transaction: the breach's row and its 72-hour clock. */
void breach_start(int64_t concern_id, const char *aware);
/* action=ico_decision on a case (inside the event's transaction): 0, or an
 * HTTP status with the reply filled. */
int breach_decide(const struct request *rq, struct reply *rp, const struct ev *e);
/* The chronology's words for an ico_decision event (a new string). */
char *breach_event_text(const json_t *detail);
/* "breach" on a data-breach case's JSON: aware_at and the decision. */
void breach_add(json_t *c, int64_t concern_id);

handler_fn breach_log;
extern const struct route breach_routes[];

#endif
