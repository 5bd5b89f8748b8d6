/* Shared by the files of the filtering record (private to this folder). */
#ifndef STAFFROOM_FILTERING_INTERNAL_H
#define STAFFROOM_FILTERING_INTERNAL_H

#include "http/router.h"

#include <jansson.h>
#include <stdint.h>

/* Who the school has named (settings filtering_leader / filtering_governor): a user id,
 * or 0 when nobody is, or the person has left or no longer holds a role that
 * qualifies them (a senior leader or the headteacher; a governor or the chair). */
int64_t filtering_named(const char *setting);

/* What this person may do with the record. */
int filtering_may_decide(const struct request *rq); /* the network manager or the named leader */
int filtering_may_read(const struct request *rq);   /* the whole log */
int filtering_may_record(const struct request *rq); /* checks and the yearly review */

/* The requests this person may see (all of them, or their own), newest first. */
json_t *filter_requests_list(const struct request *rq);
/* The checks and reviews, newest first; the date the next review is due
 * ("" when there has never been one). */
json_t *filter_checks_list(void);
void filter_review_due(char out[11]);

void filter_request_add(struct request *rq, struct reply *rp);
void filter_request_decide(struct request *rq, struct reply *rp);
void filter_check_add(struct request *rq, struct reply *rp);
void filtering_page(struct request *rq, struct reply *rp);

/* "My tasks" */
void filter_request_tasks(const struct request *rq, json_t *tasks);
void filter_review_tasks(const struct request *rq, json_t *tasks);

int filtering_demo(void);

#endif
