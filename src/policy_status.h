/* Where a person stands against the policies: which current versions they
 * have not signed, and whether their training is current.  Shared by "My
 * tasks", compliance and the account-approval checks. */
#ifndef STAFFROOM_POLICY_STATUS_H
#define STAFFROOM_POLICY_STATUS_H

#include <jansson.h>
#include <stdint.h>

/* The current version of each policy that applies to the person's staff
 * type and that they have not signed:
 * [{"policy_id","title","version_id","number","summary","effective"}].
 * A version is current when its effective date has come and no later one's has. */
json_t *policies_unsigned(int64_t user_id);
/* 1 when the person has a completed, unexpired record for the course today. */
int training_current(int64_t user_id, const char *course);
/* Today's date, YYYY-MM-DD (UTC), from the test-adjustable clock. */
void today(char out[11]);

#endif
