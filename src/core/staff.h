/* The staff list: adding, changing roles and deactivating people (the CSV sync is staff_sync.h).
 * Shared by the command line and the administration pages; every function
 * here runs inside the caller's write transaction and writes its audit row. */
#ifndef STAFFROOM_STAFF_H
#define STAFFROOM_STAFF_H

#include "core/request.h"
#include "lib/lists.h"

#include <jansson.h>
#include <stddef.h>

/* The staff types, declared once: X(code, name).  schema.sql's CHECK on
 * users.staff_type repeats the codes (tests/unit/test_names.c). */
#define STAFF_TYPE_LIST(X)                                                          \
	X("teacher", "Teacher") X("support", "Support staff") X("supply", "Supply staff") \
	X("governor", "Governor") X("contractor", "Contractor") X("volunteer", "Volunteer")
#define STAFF_TYPE_CHOICE_(code, name) "|" code
#define STAFF_TYPES LIST_CHOICES(STAFF_TYPE_LIST, STAFF_TYPE_CHOICE_)

struct staff_input {
	const char *email;
	const char *name;
	const char *job_title;
	const char *department;
	const char *staff_type;       /* NULL: teacher */
	unsigned roles;
	const char *password_hash;    /* NULL: cannot sign in until one is set */
	int demo;                     /* the made-up demo school: nobody real to tell of roles */
};

/* What is wrong with the input, or NULL; field names the culprit. */
const char *staff_problem(const struct staff_input *in, const char **field);
/* The same for someone already on the list: all but the e-mail address. */
const char *staff_details_problem(const struct staff_input *in, const char **field);
int64_t staff_add(const struct request *rq, const struct staff_input *in);  /* id, or -1 */
int staff_set_roles(const struct request *rq, int64_t user_id, unsigned roles);
/* Why the signed-in person may not give these roles to user_id (a
 * safeguarding role to themselves), or NULL.  Adding and changing roles tell
 * the headteacher and the chair of any safeguarding role given. */
const char *staff_self_grant_problem(const struct request *rq, int64_t user_id, unsigned roles);
/* Deactivates at once (a leaving date after today goes through leaving.h). */
int staff_deactivate(const struct request *rq, int64_t user_id, const char *left_on);
/* The change itself, without its audit row (the caller writes that). */
void staff_leave_now(int64_t user_id, const char *left_on);
int64_t staff_id(const char *email);  /* 0 when there is no such person */

#endif
