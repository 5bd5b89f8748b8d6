/* The termly staff sync: the school's staff CSV read against the staff
 * list.  People in the file are added or brought up to date; people on the
 * list but not in the file are only reported as possibly left (leaving is
 * confirmed person by person, core/leaving.h).  Shared by the import page
 * and `staffroom import-staff`. */
#ifndef STAFFROOM_STAFF_SYNC_H
#define STAFFROOM_STAFF_SYNC_H

#include "core/request.h"

#include <jansson.h>
#include <stddef.h>

#define STAFF_CSV_HEADER "email,name,job_title,department,staff_type"

/* What the file would change.  Each list is a JSON array of objects:
 * added [{line, email, name, job_title, department, staff_type}],
 * changed [{line, id, email, name, changes: [{field, label, from, to}]}],
 * possibly_left [{id, email, name, leaving_on}] (active, not in the file),
 * left_in_file [{line, id, email, name, left_on}] (left, yet in the file:
 * not changed), refused [{line, error}].  stamp is a digest of the staff list
 * and the file: a preview whose stamp no longer matches is stale. */
struct staff_sync {
	json_t *added, *changed, *possibly_left, *left_in_file, *refused;
	int unchanged;
	char stamp[65];
};

/* Reads the file against the list as it is now (inside the caller's write
 * transaction when it is to be applied).  Always fills s; free it. */
void staff_sync_read(const char *csv, size_t len, struct staff_sync *s);
/* Writes a sync without refused lines: additions, changes, the list of
 * people missing from the file, an audit row for each person and one for
 * the whole.  Inside the caller's write transaction; 0 or -1. */
int staff_sync_apply(const struct request *rq, const struct staff_sync *s);
/* The sync as a model (borrowing nothing: s may be freed after). */
json_t *staff_sync_model(const struct staff_sync *s);
void staff_sync_free(struct staff_sync *s);

#endif
