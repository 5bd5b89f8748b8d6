/* Subject access requests (sar.c, sar_review.c): private to the records folder. */
#ifndef STAFFROOM_SAR_H
#define STAFFROOM_SAR_H

#include "core/request.h"
#include "http/router.h"

#include <jansson.h>
#include <stdint.h>

/* Who records and answers requests: the data protection officer and the
 * headteacher (UK GDPR articles 38-39: the DPO is involved in every
 * question of personal data; the headteacher acts for the school). */
#define SAR_HANDLERS (ROLE_DPO | ROLE_HEADTEACHER)

/* What the person should consider before disclosing the export: records
 * about the subject written by others, and records the subject wrote that
 * name other people, each in words; never a concern about the reader. */
json_t *sar_third_parties(int64_t subject_id, int64_t reader);

extern const struct route sar_routes[];
void sar_tasks(const struct request *rq, json_t *tasks);

#endif
