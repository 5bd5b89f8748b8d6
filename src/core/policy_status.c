#include "core/policy_status.h"
#include "core/policy_renewal.h"
#include "db/db.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <string.h>

/* The school's date, not UTC's: a version effective on 1 July is in force
 * from midnight in the UK, an hour before midnight UTC in summer. */
void today(char out[11])
{
	uk_today(out);
}

/* Current versions of yearly policies the person signed, but before this
 * year's renewal date: to sign again (policy_renewal.h). */
static void renewals_due(int64_t user_id, const char *d, json_t *out)
{
	json_t *rows = db_rows("SELECT p.id AS policy_id, p.title, v.id AS version_id, v.number, "
			       "v.summary, v.effective "
			       "FROM users u JOIN policies p ON instr(',' || p.applies_to || ',', "
			       "',' || u.staff_type || ',') > 0 "
			       "JOIN policy_renewals r ON r.policy_id = p.id "
			       "JOIN policy_versions v ON v.id = " POLICY_CURRENT_ID("p.id") " "
			       "WHERE u.id = ? AND EXISTS (SELECT 1 FROM signatures s WHERE "
			       "s.version_id = v.id AND s.user_id = u.id) ORDER BY p.id",
			       "tI", d, user_id);
	size_t i;
	json_t *p;
	json_array_foreach(rows, i, p)
	{
		char since[24], date[11];
		if (!policy_renewal_since(json_integer_value(json_object_get(p, "policy_id")),
					  since, date) ||
		    policy_signed_since(json_integer_value(json_object_get(p, "version_id")),
					user_id, since, date))
			continue;
		json_object_set_new(p, "renewal", json_true());
		json_object_set_new(p, "renew_date", json_string(date));
		json_array_append(out, p);
	}
	json_decref(rows);
}

json_t *policies_unsigned(int64_t user_id)
{
	char d[11];
	today(d);
	json_t *out = db_rows(
		"SELECT p.id AS policy_id, p.title, v.id AS version_id, v.number, "
		"v.summary, v.effective "
		"FROM users u JOIN policies p ON instr(',' || p.applies_to || ',', ',' "
		"|| u.staff_type || ',') > 0 "
		"JOIN policy_versions v ON v.id = " POLICY_CURRENT_ID(
			"p.id") " "
				"WHERE u.id = ? AND NOT EXISTS (SELECT 1 FROM signatures s WHERE "
				"s.version_id = v.id AND s.user_id = u.id) "
				"ORDER BY p.id",
		"tI", d, user_id);
	renewals_due(user_id, d, out);
	return out;
}

int training_current(int64_t user_id, const char *course)
{
	char d[11];
	today(d);
	return db_int(0,
		      "SELECT 1 FROM training WHERE user_id = ? AND course = ? AND completed_on <= "
		      "? "
		      "AND (expires_on IS NULL OR expires_on >= ?) LIMIT 1",
		      "Ittt", user_id, course, d, d) == 1;
}

json_t *policy_current_versions(void)
{
	char d[11];
	today(d);
	return db_rows(
		"SELECT p.id AS policy_id, p.title, p.applies_to, v.id AS version_id, "
		"v.number AS version, v.sha256, "
		"v.summary, v.effective, v.review_due, (SELECT term FROM policy_review_terms t "
		"WHERE t.version_id = v.id) AS review_term FROM policies p "
		"JOIN policy_versions v ON v.id = " POLICY_CURRENT_ID("p.id") " ORDER BY p.id",
		"t", d);
}

int policy_applies(const char *applies_to, const char *staff_type)
{
	size_t n = strlen(staff_type);
	for (const char *p = applies_to; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, staff_type, n) == 0)
			return 1;
		p += len + (p[len] == ',');
	}
	return 0;
}
