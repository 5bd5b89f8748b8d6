/* Concerns about adults working in the school (KCSIE part four), the
 * rules of concern_adult.c, called from the shared concern files: the
 * report form's self-referral and anonymity, the threshold decision, the
 * LADO clock, the allegation outcomes and the conflict of interest. */
#ifndef STAFFROOM_CONCERN_ADULT_H
#define STAFFROOM_CONCERN_ADULT_H

#include "features/concerns/concern_internal.h"

#include <jansson.h>
#include <stdint.h>

/* POST /concerns: the self and confidential fields against the category
 * and about; sets *self_referral.  0, or -1 with a 400 naming the field. */
int concern_adult_check(const struct request *rq, struct reply *rp, int *self_referral);
/* Inside the filing transaction: how a concern about an adult was raised,
 * and the LADO clock at once when nobody in school can act on it. */
void concern_adult_filed(const struct request *rq, int64_t id);
/* Answers a self-referral (1), or leaves the answer to the caller (0). */
int concern_adult_answer(const struct request *rq, struct reply *rp, int64_t id, const char *ref,
			 int64_t reached, const char *fallback);
/* The reporter's fallback with the school's LADO contact added when the
 * concern about the headteacher reached nobody (a new string). */
char *concern_adult_fallback(const char *fallback, int about_head, int64_t reached);

/* POST /concerns/{id}/events, inside its transaction: 0, or the status of
 * the refusal with the reply filled. */
int concern_threshold(const struct request *rq, struct reply *rp, const struct ev *e);
int concern_copy_given(const struct request *rq, struct reply *rp, const struct ev *e);
int concern_adult_close_check(const struct request *rq, struct reply *rp, const struct ev *e);
/* The words of a threshold or copy_given event, or NULL for other actions. */
char *concern_adult_event_text(const char *action, const json_t *detail);

/* The case page's model m (its "concern" and "outcomes"): the reporter
 * withheld from whoever may not know them, the threshold decision, the
 * allegation's outcomes, the LADO contact. */
void concern_adult_view(const struct request *rq, json_t *m);

#endif
