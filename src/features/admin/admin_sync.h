/* The administration folder's private header: the termly staff sync's
 * routes (admin_sync.c) and the hand-over asked before someone leaves
 * (admin_handover.c). */
#ifndef STAFFROOM_ADMIN_SYNC_H
#define STAFFROOM_ADMIN_SYNC_H

#include "http/router.h"

#include <jansson.h>

extern const struct route admin_sync_routes[];
/* Ending sessions: one person's, everyone's (admin_sessions.c). */
extern const struct route admin_sessions_routes[];

/* What this person leads that the reader may open, with where each is
 * handed over: {"accounts", "applications", "cases", "leads_nothing"}. */
json_t *admin_handover(const struct request *rq, int64_t user_id);

#endif
