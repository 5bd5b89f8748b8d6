/* Damage and faults in equipment and software, reported by anyone signed
 * in and dealt with by the network manager.  The registry names
 * faults_feature. */
#ifndef STAFFROOM_FAULTS_H
#define STAFFROOM_FAULTS_H

#include "http/feature.h"

#include <stdint.h>

extern const struct feature faults_feature;

/* "/faults/12": where a notification about a report points (the retention
 * review deletes them with the report).  Freed by the caller. */
char *fault_link(int64_t id);

/* May person me, with role bits mask (parameters or columns), open the
 * fault report f (a row of fault_reports)?  Its reporter, the network
 * manager and the headteacher (FAULT_READERS, named again here for SQL).
 * The one rule of its page, its decision, the lists and its notifications'
 * links, shared with the audit log, whose rows about a report ("FT-00012",
 * or a path the router logged, "/faults/12/decision") are hidden from
 * everyone else.  A report deleted by the retention review is opened by
 * nobody, and its rows in the log are read by those who read every report
 * (the fault's columns NULL: the role bits alone decide). */
#define FAULT_MAY_OPEN_AS(f, me, mask)                                                             \
	"(" f ".reported_by = " me " OR (" mask " & (SELECT sum(bit) FROM role_bits WHERE role "   \
	"IN ('network_manager', 'headteacher'))) != 0)"
/* A report's reference ("FT-00012", as fault_reference writes it) in SQL,
 * from its id column: the pages and the retention review's label. */
#define FAULT_REFERENCE(id) "printf('FT-%05d', " id ")"
/* The report an audit row's object in col names; NULL when it names none. */
#define FAULT_OF_OBJECT(col)                                                                       \
	"CASE WHEN " col " GLOB 'FT-[0-9]*' THEN CAST(substr(" col ", 4) AS INTEGER) WHEN " col    \
	" GLOB '/faults/[0-9]*' THEN CAST(substr(" col ", 9) AS INTEGER) END"

#endif
