/* Shared by the files of this folder (private to it). */
#ifndef STAFFROOM_PERMISSIONS_INTERNAL_H
#define STAFFROOM_PERMISSIONS_INTERNAL_H

#include "features/permissions/permissions.h"
#include "http/router.h"

#include <jansson.h>


/* Exceptions (exceptions.c). */
int exception_may_decide(const struct request *rq);
json_t *exceptions_list(const struct request *rq);
void exception_request(struct request *rq, struct reply *rp);
void exception_decide(struct request *rq, struct reply *rp);
void exception_decider_set(struct request *rq, struct reply *rp);
void exception_tasks(const struct request *rq, json_t *tasks);

/* The approved services register (services.c). */
int service_may_keep(const struct request *rq);
json_t *services_list(void);
void service_add(struct request *rq, struct reply *rp);
void service_update(struct request *rq, struct reply *rp);
void service_tasks(const struct request *rq, json_t *tasks);

/* Lesson access (lessons.c): only a teacher authorises a lesson. */
int lesson_may_authorise(const struct request *rq);
json_t *lessons_list(const struct request *rq);
void lesson_add(struct request *rq, struct reply *rp);
void lesson_tasks(const struct request *rq, json_t *tasks);

void permissions_page(struct request *rq, struct reply *rp);
int permissions_demo(void);

#endif
