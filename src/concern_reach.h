/* Whether a concern reached anyone who may act on it, and what to do when
 * it did not (src/concern_reach.c). */
#ifndef STAFFROOM_CONCERN_REACH_H
#define STAFFROOM_CONCERN_REACH_H

#include "request.h"

#include <jansson.h>
#include <stdint.h>

/* Active people holding one of the case's recipient roles, its subject left out. */
int64_t concern_reach(int64_t concern_id);
/* 1 when the case went to the chair alone because it is about the headteacher. */
int concern_about_head(int64_t concern_id);
/* Whom the reporter should contact instead, in words. */
const char *concern_fallback(const char *category, int about_head);
/* "My tasks" for the administrator and the headteacher: receiving roles nobody holds. */
void concern_gap_tasks(const struct request *rq, json_t *tasks);

#endif
