/* Permissions the policies ask staff to get in advance: exceptions to the
 * rules, the register of services approved for use with pupils, and the
 * lessons a teacher authorises a service in.  Nothing here is needed by
 * another feature; the registry names permissions_feature. */
#ifndef STAFFROOM_PERMISSIONS_H
#define STAFFROOM_PERMISSIONS_H

#include "http/feature.h"

extern const struct feature permissions_feature;

/* Leaders read every exception and keep the services register. */
#define PERMISSION_LEADERS (ROLE_HEADTEACHER | ROLE_SLT | ROLE_BUSINESS_MANAGER)
/* May person me, with role bits mask (parameters or columns), open the
 * exception request e (a row of exception_requests)?  Their own, or any for
 * a leader (PERMISSION_LEADERS, named again here for SQL): the rule of its
 * handler (exceptions.c), shared with the views outside this folder that
 * name a request (the audit log, a subject access export), so that it is
 * hidden from the same people there. */
#define EXCEPTION_MAY_OPEN_AS(e, me, mask)                                                         \
	"(" e ".user_id = " me " OR (" mask " & (SELECT sum(bit) FROM role_bits WHERE role IN "    \
	"('headteacher', 'slt', 'business_manager'))) != 0)"
/* Does person me, with role bits mask, see every lesson a teacher has
 * authorised (lessons.c)?  The network manager, who allows the service in
 * the filter, and the leaders (PERMISSION_LEADERS); a teacher sees their
 * own.  For the views outside this folder that name a lesson (the audit
 * log). */
#define LESSONS_SEEN_BY(mask)                                                                      \
	"((" mask " & (SELECT sum(bit) FROM role_bits WHERE role IN ('network_manager', "          \
	"'headteacher', 'slt', 'business_manager'))) != 0)"
/* The request an audit row's object in col names: its reference
 * ("X-00012") or a path the router logged ("/permissions/exceptions/12/
 * decision"); NULL when it names none. */
#define EXCEPTION_OF_OBJECT(col)                                                                   \
	"CASE WHEN " col " GLOB 'X-[0-9]*' THEN CAST(substr(" col ", 3) AS INTEGER) WHEN " col     \
	" GLOB '/permissions/exceptions/[0-9]*' THEN CAST(substr(" col ", 25) AS INTEGER) END"

#endif
