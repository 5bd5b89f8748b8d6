/* The administration folder's private header: the termly staff sync's
 * routes (admin_sync.c), the hand-over asked before someone leaves
 * (admin_handover.c) and the e-mail that could not be sent (admin_mail.c). */
#ifndef STAFFROOM_ADMIN_SYNC_H
#define STAFFROOM_ADMIN_SYNC_H

#include "core/tasks.h"
#include "http/router.h"

#include <jansson.h>

extern const struct route admin_sync_routes[];
/* Ending sessions: one person's, everyone's (admin_sessions.c). */
extern const struct route admin_sessions_routes[];
/* E-mail waiting for the relay or refused by it: a page and a task. */
extern const struct route admin_mail_routes[];
void admin_mail_tasks(const struct request *rq, json_t *tasks);

/* What this person leads that the reader may open, with where each is
 * handed over: {"accounts", "applications", "cases", "leads_nothing"}. */
json_t *admin_handover(const struct request *rq, int64_t user_id);

#endif
