/* "My tasks": each feature adds what needs this person now (its providers
 * are in its registry entry, http/feature.h). */
#ifndef STAFFROOM_TASKS_H
#define STAFFROOM_TASKS_H

#include "core/request.h"

#include <jansson.h>

/* Appends {"kind","message","link","urgent"} objects to tasks. */
typedef void task_fn(const struct request *rq, json_t *tasks);

void task_add(json_t *tasks, const char *kind, const char *message, const char *link, int urgent);

#endif
