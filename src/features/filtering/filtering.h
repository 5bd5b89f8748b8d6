/* The filtering record: requests to block or unblock a site, the decisions
 * on them, the checks and the yearly review of filtering and monitoring,
 * and the senior leader and governor responsible for them.  The registry
 * names filtering_feature; the concerns ask for a site to be blocked. */
#ifndef STAFFROOM_FILTERING_H
#define STAFFROOM_FILTERING_H

#include "http/feature.h"

#include <stdint.h>

extern const struct feature filtering_feature;

/* For the views outside this folder that name a filtering request (the
 * audit log, a subject access export): is the request whose id is the SQL
 * expression id withheld from me (a parameter or column)?  The id from an
 * audit row's object (its reference "F-00012", or a path the router logged,
 * "/filtering/requests/12/decision") or from a notification's link
 * ("/filtering#request-12"); NULL when it names none. */
#define FILTER_REQUEST_WITHHELD(id, me)                                                            \
	"EXISTS (SELECT 1 FROM filter_requests w WHERE w.id = (" id ") AND w.withheld_from = " me  \
	")"
#define FILTER_REQUEST_OF_OBJECT(col)                                                              \
	"CASE WHEN " col " GLOB 'F-[0-9]*' THEN CAST(substr(" col ", 3) AS INTEGER) WHEN " col     \
	" GLOB '/filtering/requests/[0-9]*' THEN CAST(substr(" col ", 21) AS INTEGER) END"
#define FILTER_REQUEST_OF_LINK(col)                                                                \
	"CASE WHEN " col " GLOB '/filtering#request-[0-9]*' THEN CAST(substr(" col                 \
	", 20) AS INTEGER) END"

/* Inside the caller's write transaction: a request to block site, asked
 * as the signed-in person's own for a report the deciders do not receive
 * (heatons 6.8 and 7.3: inappropriate content reported "so that the site
 * can be blocked").  reason says no more than blocking needs.  The deciders
 * are told, but never not_told (0: nobody), from whom the request is
 * withheld: for them it is not there, in any view, count, export or audit
 * row (KCSIE part four: a report about the headteacher goes to the chair).
 * Returns the request's id, or that of the person's request for the same
 * site still waiting. */
int64_t filtering_block_ask(const struct request *rq, const char *site, const char *reason,
			    int64_t not_told);

#endif
