/* The audit log's page (auditlog.c), listed by the records feature's entry
 * in retention.c. */
#ifndef STAFFROOM_AUDITLOG_H
#define STAFFROOM_AUDITLOG_H

#include "http/router.h"

extern const struct route audit_routes[];

#endif
