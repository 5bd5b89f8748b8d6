/* Staff types as a school's own files spell them: "Support Staff",
 * "TEACHING", "Supply teacher" all name one of STAFF_TYPES (core/staff.h). */
#ifndef STAFFROOM_STAFF_TYPE_H
#define STAFFROOM_STAFF_TYPE_H

/* The staff type a cell names (case, spaces and the common spellings
 * forgiven), or NULL when it names none. */
const char *staff_type_code(const char *typed);

#endif
