/* Policies signed again every year (policy_renewals in schema.sql): from
 * the latest renewal date, the most recent MM-DD the school set on or
 * before today (UK date), a signature of the current version made earlier
 * no longer counts, without a new version.  Shared by "My tasks", the
 * signing pages and compliance. */
#ifndef STAFFROOM_POLICY_RENEWAL_H
#define STAFFROOM_POLICY_RENEWAL_H

#include <jansson.h>
#include <stdint.h>

/* 1 when the policy renews yearly: since is the moment this year's
 * renewal began (UK midnight of the renewal date, as ISO-8601 UTC) and
 * date that day (YYYY-MM-DD); 0 when it does not renew. */
int policy_renewal_since(int64_t policy_id, char since[24], char date[11]);
/* 1 when the person signed the version (or acknowledged it again) at or
 * after since; a paper signature when its paper date is on or after date. */
int policy_signed_since(int64_t version_id, int64_t user_id, const char *since,
			const char *date);
/* 1 when the person signed the version of a yearly policy before this
 * year's renewal and has not signed it again since, with since and date as
 * policy_renewal_since gives them; 0 otherwise (date "" when the policy does
 * not renew yearly). */
int policy_renewal_due(int64_t policy_id, int64_t version_id, int64_t user_id, char since[24],
		       char date[11]);
/* Records signing again; 0 or -1 (inside the caller's transaction). */
int policy_acknowledge(int64_t version_id, int64_t user_id, const char *typed_name,
		       const char *address, const char *user_agent, const char *sha256);
/* 1 when renew_from is a real day of the year written MM-DD. */
int renew_from_valid(const char *mmdd);

#endif
