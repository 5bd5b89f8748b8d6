/* The filtering record: requests to block or unblock a site, the decisions
 * on them, the checks and the yearly review of filtering and monitoring,
 * and the senior leader and governor responsible for them.  The registry
 * names filtering_feature; the concerns ask for a site to be blocked. */
#ifndef STAFFROOM_FILTERING_H
#define STAFFROOM_FILTERING_H

#include "http/feature.h"

#include <stdint.h>

extern const struct feature filtering_feature;

/* Inside the caller's write transaction: a request to block site, asked
 * as the signed-in person's own for a report the deciders do not receive
 * (heatons 6.8 and 7.3: inappropriate content reported "so that the site
 * can be blocked").  reason says no more than blocking needs.  The deciders
 * are told, but never not_told (0: nobody).  Returns the request's id, or
 * that of the person's request for the same site still waiting. */
int64_t filtering_block_ask(const struct request *rq, const char *site, const char *reason,
			    int64_t not_told);

#endif
