/* A copy of the audit stream in syslog, as rows are committed, when the
 * configuration says audit_syslog = yes: a copy outside the database, in
 * the journal (journald reads /dev/log) or wherever the local syslog
 * daemon sends it (ASVS 5.0 16.4.3: logs sent to a separate system;
 * docs/SOURCES.md).  Each line is "audit " and the row as JSON, with its
 * id and hash, so that it can be compared with the database. */
#ifndef STAFFROOM_AUDIT_SYSLOG_H
#define STAFFROOM_AUDIT_SYSLOG_H

#include "core/audit.h"

/* Starts the copy when configured: before threads start. */
void audit_syslog_start(void);
/* The row just inserted in this thread's transaction: sent once it commits,
 * dropped if it is rolled back. */
void audit_syslog_row(int64_t id, const char *at, const struct audit_row *r, const char *hash);

#endif
