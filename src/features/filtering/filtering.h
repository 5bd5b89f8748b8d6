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

/* May person me, with role bits mask (parameters or columns), open the
 * filtering request f (a row of filter_requests)?  The rule of its own
 * handler (decide_allowed, filter_requests.c), of the list and of the count
 * in My tasks, in SQL, so that the views outside this folder that name a
 * request (the audit log, a subject access export) hide it from exactly
 * those the record is hidden from.  Never one withheld from them;
 * otherwise their own request, or any in the whole log they read
 * (filtering_may_read: the network manager, the headteacher, the DSL, the
 * senior leader and the governor named for filtering), or a
 * withheld one they decided or, while it is open, decide as the chair
 * standing in (stand_in_role).  NULL is possible: test it with IS 1. */
#define FILTER_REQUEST_MAY_OPEN_AS(f, me, mask)                                                    \
	"((" f ".withheld_from IS NULL OR " f ".withheld_from != " me ") AND (" f                  \
	".requested_by = " me " OR " FILTERING_MAY_READ_AS(me, mask) " OR (" f                     \
	".withheld_from IS NOT NULL AND (" f ".decided_by = " me " OR (" f ".decided_at IS NULL "  \
	"AND " FILTER_CHAIR_STANDS_IN(f, mask) ")))))"
/* filtering_may_read (filtering.c) in SQL: does person me, with role bits
 * mask, read the whole log, its requests and its checks?  The network
 * manager, the headteacher, the DSL, and the senior leader and the governor
 * named for filtering. */
#define FILTERING_MAY_READ_AS(me, mask)                                                            \
	"((" mask " & (SELECT sum(bit) FROM role_bits WHERE role IN ('network_manager', "          \
	"'headteacher', 'dsl'))) != 0 OR " me " = " FILTERING_NAMED_SQL(                           \
		"filtering_leader", "'slt', 'headteacher'") " OR " me " = "                        \
	FILTERING_NAMED_SQL("filtering_governor", "'governor', 'chair'") ")"
/* filtering_named (filtering.c) in SQL: the person named in setting key
 * while active and holding one of roles (quoted role names), else 0. */
#define FILTERING_NAMED_SQL(key, roles)                                                            \
	"coalesce((SELECT u.id FROM settings s JOIN users u ON u.id = CAST(s.value AS INTEGER) "   \
	"WHERE s.key = '" key "' AND u.active = 1 AND EXISTS (SELECT 1 FROM user_roles r WHERE "   \
	"r.user_id = u.id AND r.role IN (" roles "))), 0)"
/* Does the chair (by role bits mask) stand in for request f, withheld from
 * its headteacher (stand_in_role)?  When the named leader is nobody or the
 * person it is withheld from, and nobody else active is a network manager
 * or a DSL. */
#define FILTER_CHAIR_STANDS_IN(f, mask)                                                            \
	"((" mask " & (SELECT bit FROM role_bits WHERE role = 'chair')) != 0 AND "                 \
	FILTERING_NAMED_SQL("filtering_leader", "'slt', 'headteacher'") " IN (0, " f               \
	".withheld_from) AND NOT EXISTS (SELECT 1 FROM user_roles r JOIN users u ON "              \
	"u.id = r.user_id WHERE r.role IN ('network_manager', 'dsl') AND u.active = 1 AND "        \
	"u.id != " f ".withheld_from))"

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
