/* Subject access requests (sar.c, sar_review.c): private to the records folder. */
#ifndef STAFFROOM_SAR_H
#define STAFFROOM_SAR_H

#include "core/request.h"
#include "http/router.h"

#include "features/concerns/concerns.h"

#include <jansson.h>
#include <stdint.h>

/* Who records and answers requests: the data protection officer and the
 * headteacher (UK GDPR articles 38-39: the DPO is involved in every
 * question of personal data; the headteacher acts for the school). */
#define SAR_HANDLERS (ROLE_DPO | ROLE_HEADTEACHER)

/* May the reader of a request (?1, their role mask ?2) be shown concern c,
 * on the request's page or in the export they download?  Only when they may
 * open it (the rule of GET /concerns/{id}): not one about them, nor one
 * routed to others, such as an allegation about the headteacher that goes
 * to the chair alone (KCSIE part four) or a case the DPO was not sent
 * (docs/RECORDS.md: the DPO opens no other concern).  Recording a request
 * must not open what the case pages refuse.  Reader 0, the command line run
 * on the server itself, is shown everything. */
#define SAR_READER_MAY_OPEN(c) "(?1 = 0 OR " CONCERN_MAY_OPEN_AS(c, "?1", "?2") ")"

/* What the person should consider before disclosing the export: records
 * about the subject written by others, and records the subject wrote that
 * name other people, each in words; never a concern the reader may not
 * open (SAR_READER_MAY_OPEN). */
json_t *sar_third_parties(int64_t subject_id, int64_t reader);

extern const struct route sar_routes[];
void sar_tasks(const struct request *rq, json_t *tasks);

#endif
