/* Training records: one at a time or from a CSV file, each checked the
 * same way and written inside the caller's write transaction. */
#ifndef STAFFROOM_TRAINING_H
#define STAFFROOM_TRAINING_H

#include "http/router.h"

#include <stdint.h>

struct training_input {
	const char *email, *course, *completed_on, *expires_on;   /* expires_on may be NULL */
};

/* Why the record cannot be stored, or NULL (then *user_id is the person).
 * *status is 400 for bad input and 409 for a record already stored;
 * *field names the culprit. */
const char *training_problem(const struct training_input *in, int64_t *user_id, int *status,
			     const char **field);
/* Inserts the record and its audit row; the new id, or -1. */
int64_t training_store(const struct request *rq, const struct training_input *in, int64_t user_id);

handler_fn training_page, training_import, training_untrained_page;
/* How many active teachers and support staff have no current social-media
 * policy training (training_untrained.c). */
int64_t training_untrained_count(void);
/* The day's first request: who has let the training lapse by today, made
 * again (training_lapsed.c); 1 when it wrote, 0 when done already, -1 when
 * busy.  Whether that was made for today. */
int training_lapsed_daily(void);
int training_lapsed_for_today(void);

#endif
