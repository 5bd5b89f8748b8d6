#define _GNU_SOURCE
/* The gate every runner of a school account passes (ravens-wood §3: "the
 * SLT must be satisfied that anyone running a social media account on behalf
 * of the school has read and understood this policy and received
 * appropriate training.  This also applies to anyone who is not directly
 * employed by the school, including volunteers or parents").  A member of
 * staff (lead or contributor) passes the lead's checks; someone who is not
 * staff passes with a paper signature of the current version of the policy
 * they signed. */
#include "features/accounts/account_team.h"
#include "core/policy_status.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define PAPER_QUESTION "Has signed the current version of the agreement on paper"

/* The current version of a policy, from the one definition of "current". */
static json_t *current_version_of(int64_t policy_id)
{
	json_t *all = policy_current_versions(), *found = NULL, *v;
	size_t i;
	json_array_foreach(all, i, v)
		if (json_int(v, "policy_id") == policy_id)
			found = json_incref(v);
	json_decref(all);
	return found;
}

json_t *paper_signature(int64_t contributor_id)
{
	/* Read by its key alone, then its version: with a handful of rows the
	 * planner would rather scan the signatures in a join. */
	json_t *p = db_row("SELECT version_id, paper_date, recorded_by AS recorded_by_id, "
			   "recorded_at FROM contributor_paper WHERE contributor_id = ?",
			   "I", contributor_id);
	json_t *v = p ? db_row("SELECT v.policy_id, v.number, v.number AS version, pol.title "
			       "FROM policy_versions v JOIN policies pol ON pol.id = v.policy_id "
			       "WHERE v.id = ?",
			       "I", json_int(p, "version_id"))
		      : NULL;
	char *by = p ? db_text("SELECT name FROM users WHERE id = ?", "I",
			       json_int(p, "recorded_by_id"))
		     : NULL;
	if (p && v) {
		json_object_update(p, v);
		json_object_set_new(p, "recorded_by", json_string(by ? by : ""));
	}
	free(by);
	json_decref(v);
	return p;
}

json_t *paper_checks(int64_t contributor_id)
{
	json_t *p = paper_signature(contributor_id);
	json_t *cur = p ? current_version_of(json_int(p, "policy_id")) : NULL;
	int ok = p && cur && json_int(cur, "version_id") == json_int(p, "version_id");
	char *detail =
		!p    ? xstrdup("No paper signature has been recorded.")
		: ok  ? xasprintf("Signed %s (version %lld) on paper on %s.", json_str(p, "title"),
				  (long long)json_int(p, "number"), json_str(p, "paper_date"))
		: cur ? xasprintf("Has not signed %s (version %lld): the paper "
				  "signature is of version %lld.",
				  json_str(p, "title"), (long long)json_int(cur, "version"),
				  (long long)json_int(p, "number"))
		      : xasprintf("The paper signature is of %s (version %lld), which "
				  "is not in force.",
				  json_str(p, "title"), (long long)json_int(p, "number"));
	json_t *checks = json_pack("[{s:s, s:s, s:b, s:s}]", "name", "paper_signed", "question",
				   PAPER_QUESTION, "ok", ok, "detail", detail);
	free(detail);
	json_decref(cur);
	json_decref(p);
	return checks;
}

json_t *runner_checks(const json_t *runner)
{
	int64_t user = json_int(runner, "user_id");
	return user ? lead_checks(user) : paper_checks(json_int(runner, "contributor_id"));
}

json_t *account_runners(int64_t account_id)
{
	json_t *rows = db_rows(
		"SELECT 'u:' || u.id AS runner, 'lead' AS role, u.id AS user_id, "
		"0 AS contributor_id, u.name, u.email, '' AS relation FROM social_accounts a "
		"JOIN users u ON u.id = a.lead_id WHERE a.id = ? "
		"UNION ALL SELECT CASE WHEN c.user_id IS NULL THEN 'c:' || c.id "
		"ELSE 'u:' || c.user_id END, 'contributor', coalesce(c.user_id, 0), c.id, "
		"coalesce(u.name, c.name), coalesce(u.email, ''), c.relation "
		"FROM account_contributors c INDEXED BY account_contributors_by_account "
		"LEFT JOIN users u ON u.id = c.user_id "
		"WHERE c.account_id = ? AND c.removed_at IS NULL",
		"II", account_id, account_id);
	return rows;
}

char *gate_refusal_words(const char *what, const char *who, const json_t *checks)
{
	char *words = xasprintf("%s: %s does not pass the policy checks.", what, who);
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c) {
		if (json_is_true(json_object_get(c, "ok")))
			continue;
		char *n = xasprintf("%s %s: no (%s)", words, json_str(c, "question"),
				    json_str(c, "detail"));
		free(words);
		words = n;
	}
	return words;
}

json_t *account_gate_flags(int64_t account_id)
{
	json_t *rows = db_rows("SELECT runner, who, failure, found_at FROM account_gate_failures "
			       "WHERE account_id = ? ORDER BY who, failure",
			       "I", account_id);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		char *words = xasprintf("%s no longer passes: %s", json_str(r, "who"),
					json_str(r, "failure"));
		json_object_set_new(r, "words", json_string(words));
		free(words);
	}
	return rows;
}
