/* Filing a concern: shared by the report form and by an account check
 * that finds an offensive comment. */
#ifndef STAFFROOM_CONCERNS_H
#define STAFFROOM_CONCERNS_H

#include "request.h"

#include <stdint.h>

#define CONCERN_CATEGORIES "cyberbullying_staff|cyberbullying_pupil|pupil_contact|parent_post|premises_content|" \
			   "sexting|account_comment|media_contact|staff_conduct|other"

struct concern_input {
	const char *category;
	const char *summary;
	const char *details;
	const char *occurred_at;    /* ISO time or NULL */
	const char *platform;
	const char *url;
	const char *involved;
	int64_t about_id;           /* the member of staff it is about, or 0 */
	int64_t account_id;         /* the school account it concerns, or 0 */
	int urgent;
};

/* Inside the caller's write transaction: the concern, who receives it (from
 * routing, or only the chair when it is about the headteacher), its first
 * chronology event, notifications and the audit row.  Returns the new id
 * (reference such as "C-2026-000042" written to ref), or -1. */
int64_t concern_file(const struct request *rq, const struct concern_input *in, char ref[32]);

#endif
