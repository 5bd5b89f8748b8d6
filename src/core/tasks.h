/* "My tasks": each feature adds what needs this person now (its providers
 * are in its registry entry, http/feature.h). */
#ifndef STAFFROOM_TASKS_H
#define STAFFROOM_TASKS_H

#include "core/request.h"

#include <jansson.h>

/* Appends {"kind","message","link","urgent"} objects to tasks. */
typedef void task_fn(const struct request *rq, json_t *tasks);

void task_add(json_t *tasks, const char *kind, const char *message, const char *link, int urgent);
/* The same with the message made from a format ("%lld requests await …"). */
void task_addf(json_t *tasks, const char *kind, const char *link, int urgent, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
