/* Compliance after a new version: of the people still to sign it, who had
 * signed the version before (they know the policy and need only read what
 * changed) and who never signed any version of it.  Read for one page of
 * names at a time, each person by the index signatures_by_user. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/policy_status.h"
#include "db/db.h"
#include "lib/json_get.h"

/* The latest earlier version each person signed, or null: "Never signed". */
static void earlier_signatures(json_t *people, int64_t policy_id, int64_t number)
{
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p) {
		json_t *s = db_row("SELECT v.number, s.signed_at FROM signatures s "
				   "JOIN policy_versions v ON v.id = s.version_id "
				   "WHERE s.user_id = ? AND v.policy_id = ? AND v.number < ? "
				   "ORDER BY v.number DESC LIMIT 1",
				   "III", (int64_t)json_int(p, "user_id"), policy_id, number);
		/* The row's own copy: a row's section does not see its policy's. */
		json_object_set_new(p, "has_previous", json_true());
		json_object_set_new(p, "previous_version",
				    s ? json_integer(json_int(s, "number")) : json_null());
		json_object_set_new(p, "previous_signed_at",
				    s ? json_string(json_str(s, "signed_at")) : json_null());
		json_decref(s);
	}
}

void compliance_previous(json_t *cur)
{
	int64_t policy_id = json_int(cur, "policy_id"), number = json_int(cur, "version");
	json_t *prev =
		db_row("SELECT id, number FROM policy_versions WHERE policy_id = ? AND "
		       "number < ? AND " POLICY_PUBLISHED("id") " ORDER BY number DESC LIMIT 1",
		       "II", policy_id, number);
	json_object_set_new(cur, "has_previous", json_boolean(prev != NULL));
	if (!prev)
		return;
	/* Those still to sign this version who had signed the one before. */
	int64_t prev_id = json_int(prev, "id"), vid = json_int(cur, "version_id");
	int64_t n = db_int(0,
			   "SELECT count(*) FROM awaiting_signature w JOIN signatures s ON "
			   "s.version_id = ? AND s.user_id = w.user_id WHERE w.version_id = ?",
			   "II", prev_id, vid);
	json_object_set_new(cur, "previous_number", json_integer(json_int(prev, "number")));
	json_object_set_new(cur, "signed_previous_only", json_integer(n));
	json_t *people = json_object_get(cur, "outstanding");
	if (people)
		earlier_signatures(people, policy_id, number);
	json_decref(prev);
}
