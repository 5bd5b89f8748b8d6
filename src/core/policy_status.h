/* Where a person stands against the policies: which current versions they
 * have not signed, and whether their training is current.  Shared by "My
 * tasks", compliance and the account-approval checks. */
#ifndef STAFFROOM_POLICY_STATUS_H
#define STAFFROOM_POLICY_STATUS_H

#include <jansson.h>
#include <stdint.h>

/* The current version of each policy that applies to the person's staff
 * type and that they have not signed:
 * [{"policy_id","title","version_id","number","summary","effective"}], then
 * those of yearly policies signed before this year's renewal date, with
 * "renewal": true and "renew_date" (policy_renewal.h).
 * A version is current when it is published (authorised), its effective date
 * has come and no later one's has. */
json_t *policies_unsigned(int64_t user_id);
/* 1 when the person has a completed, unexpired record for the course today. */
int training_current(int64_t user_id, const char *course);
/* The current version of every policy (whoever it applies to):
 * [{"policy_id","title","applies_to","version_id","version","sha256","summary",
 *   "effective","review_due"}]. */
json_t *policy_current_versions(void);
/* 1 when a comma-separated applies_to list names the staff type. */
int policy_applies(const char *applies_to, const char *staff_type);
/* SQL condition: the version whose id is the expression v is published, not
 * a draft still to be authorised (policy_authorisations in schema.sql:
 * wynstones' "Authorised by" footer, slyne's "approved" header). */
#define POLICY_PUBLISHED(v)                                                            \
	"NOT EXISTS (SELECT 1 FROM policy_authorisations pa WHERE pa.version_id = " v \
	" AND pa.authorised_by IS NULL)"
/* SQL: the id of the current version of the policy whose id is the
 * expression p; binds today's date.  Current: published, and the latest
 * effective date that has come. */
#define POLICY_CURRENT_ID(p)                                                                   \
	"(SELECT cv.id FROM policy_versions cv WHERE cv.policy_id = " p " AND cv.effective <= ? " \
	"AND " POLICY_PUBLISHED("cv.id") " ORDER BY cv.effective DESC, cv.id DESC LIMIT 1)"
/* Today's UK date (Europe/London), YYYY-MM-DD, from the test-adjustable clock. */
void today(char out[11]);

#endif
