#define _GNU_SOURCE
/* The gate every runner of a school account passes (ravens-wood §3: "the
 * SLT must be satisfied that anyone running a social media account on behalf
 * of the school has read and understood this policy and received
 * appropriate training.  This also applies to anyone who is not directly
 * employed by the school, including volunteers or parents").  A member of
 * staff (lead or contributor) passes the lead's checks; someone who is not
 * staff passes with a paper signature of the current version of the policy
 * they signed, made this year when that policy is signed again every year. */
#include "features/accounts/account_team.h"
#include "core/policy_renewal.h"
#include "core/policy_status.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define PAPER_QUESTION "Has signed the current version of the agreement on paper"
#define TRAINED_QUESTION "Has current social-media training"
/* Someone not employed by the school is, among the staff types, a volunteer.
 * The agreement they sign is the one the staff who run accounts sign, which
 * binds volunteers too: ravens-wood §3 asks that they have read "this
 * policy", as staff have (wynstones' "Staff and Volunteer Acceptable Use
 * Policy", slyne's "Staff/ Volunteer Name").  A policy for volunteers alone
 * (their car-park rules, say) is not it: paper_policy_fits. */
#define NOT_EMPLOYED "volunteer"

int paper_policy_fits(const char *applies_to)
{
	return applies_to && policy_applies(applies_to, NOT_EMPLOYED) &&
	       (policy_applies(applies_to, "teacher") || policy_applies(applies_to, "support"));
}

/* The fitting policies (paper_policy_fits) with a version in force, each
 * {"policy_id","title",...} as policy_current_versions gives them. */
static json_t *fitting_in_force(void)
{
	json_t *all = policy_current_versions(), *rows = json_array(), *r;
	size_t i;
	json_array_foreach(all, i, r)
		if (paper_policy_fits(json_str(r, "applies_to")))
			json_array_append(rows, r);
	json_decref(all);
	return rows;
}

static int64_t chosen_agreement(void)
{
	return db_int(0,
		      "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'runner_agreement'",
		      "");
}

/* A school may have several policies for staff and volunteers alike (its
 * fire-safety rules, say): only one of them is the agreement ravens-wood
 * §3 asks runners to have read. */
int64_t runner_agreement(char **why)
{
	*why = NULL;
	int64_t chosen = chosen_agreement();
	if (chosen)
		return chosen;
	json_t *rows = fitting_in_force();
	size_t n = json_array_size(rows);
	int64_t only = n == 1 ? json_int(json_array_get(rows, 0), "policy_id") : 0;
	if (n > 1) {
		char *titles = xstrdup("");
		for (size_t i = 0; i < n; i++) {
			const char *sep = i == 0 ? "" : i + 1 < n ? ", " : " and ";
			char *more = xasprintf("%s%s%s", titles, sep,
					       json_str(json_array_get(rows, i), "title"));
			free(titles);
			titles = more;
		}
		*why = xasprintf("More than one agreement is in force for staff and volunteers "
				 "(%s): the administrator must choose in School settings the one "
				 "people who are not staff sign to run a school account.",
				 titles);
		free(titles);
	}
	json_decref(rows);
	return only;
}

json_t *runner_agreement_options(int64_t chosen)
{
	json_t *all = db_rows("SELECT id, title, applies_to FROM policies ORDER BY title, id", "");
	json_t *rows = json_array(), *r;
	size_t i;
	json_array_foreach(all, i, r) {
		if (!paper_policy_fits(json_str(r, "applies_to")))
			continue;
		json_object_del(r, "applies_to");
		json_object_set_new(r, "chosen", json_boolean(json_int(r, "id") == chosen));
		json_array_append(rows, r);
	}
	json_decref(all);
	return rows;
}

int runner_agreement_allowed(int64_t policy_id)
{
	char *applies = db_text("SELECT applies_to FROM policies WHERE id = ?", "I", policy_id);
	int ok = paper_policy_fits(applies);
	free(applies);
	return ok;
}

/* Why the paper is not of the one agreement runners sign, or NULL. */
static char *not_the_agreement(int64_t policy_id, const char *title)
{
	char *why;
	int64_t agreement = runner_agreement(&why);
	if (why || !agreement || agreement == policy_id)
		return why;
	char *name = db_text("SELECT title FROM policies WHERE id = ?", "I", agreement);
	why = xasprintf("%s is not the agreement people who are not staff sign to run a school "
			"account: that is %s%s.",
			title, name ? name : "another policy",
			chosen_agreement() ? ", chosen in School settings" : "");
	free(name);
	return why;
}

/* Why the version V signed on paper (paper_signed_problem's row) is not the one in
 * force, or NULL; *fault says whether the version or the date is wrong. */
static char *version_problem(const json_t *v, const char *paper_date, enum paper_fault *fault)
{
	*fault = PAPER_VERSION;
	if (!json_int(v, "current") && json_int(v, "current_number"))
		return xasprintf("Has not signed %s (version %lld): the paper signature is of "
				 "version %lld.",
				 json_str(v, "title"), (long long)json_int(v, "current_number"),
				 (long long)json_int(v, "number"));
	if (!json_int(v, "current"))
		return xasprintf("The paper signature is of %s (version %lld), which is not in "
				 "force.",
				 json_str(v, "title"), (long long)json_int(v, "number"));
	*fault = PAPER_DATE;
	if (!paper_date || strcmp(paper_date, json_str(v, "effective")) < 0)
		return xasprintf("The date on the paper is before %s (version %lld) took effect "
				 "on %s.",
				 json_str(v, "title"), (long long)json_int(v, "number"),
				 json_str(v, "effective"));
	*fault = PAPER_PASSES;
	return NULL;
}

/* Why the paper, of the version in force, is not this year's signature of a
 * policy signed again every year (policy_renewal.h), or NULL.  A paper dated
 * before this year's renewal date is last year's, as a member of staff's
 * would be (policy_signed_since reads a paper by its date too): ravens-wood
 * §3 asks the same of "volunteers or parents" as of staff. */
static char *renewal_problem(const json_t *v, const char *paper_date)
{
	char since[24], date[11], from[32], dated[32];
	if (!policy_renewal_since(json_int(v, "policy_id"), since, date) ||
	    strcmp(paper_date, date) >= 0)
		return NULL;
	uk_time_words(date, from, sizeof from);
	uk_time_words(paper_date, dated, sizeof dated);
	return xasprintf("Due to sign %s again for the year: it is signed again every year, "
			 "this year from %s, and the paper is dated %s.",
			 json_str(v, "title"), from, dated);
}

/* Why the paper is not a signature of the agreement in force, or NULL when it
 * is: a current version (POLICY_CURRENT_ID: published, in force today) of
 * the agreement runners sign (runner_agreement), dated no earlier than the
 * version took effect (the rule of a member of staff's paper signature,
 * src/features/aup/aup_paper.c), nor before this year's renewal date of a
 * policy signed again every year. */
char *paper_signed_problem(int64_t version_id, const char *paper_date, enum paper_fault *fault)
{
	char d[11];
	today(d);
#define CURRENT_OF_V POLICY_CURRENT_ID("v.policy_id")
	json_t *v = db_row("SELECT p.id AS policy_id, p.title, v.number, v.effective, "
			   "v.id = " CURRENT_OF_V
			   " AS current, (SELECT number FROM policy_versions WHERE id = "
			   CURRENT_OF_V ") AS current_number, "
			   "p.applies_to FROM policy_versions v "
			   "JOIN policies p ON p.id = v.policy_id WHERE v.id = ?",
			   "ttI", d, d, version_id);
#undef CURRENT_OF_V
	char *why = NULL;
	*fault = PAPER_VERSION;
	if (!v)
		why = xstrdup("There is no such policy version.");
	else if (!policy_applies(json_str(v, "applies_to"), NOT_EMPLOYED))
		why = xasprintf("%s is not an agreement for volunteers or others not employed "
				"by the school.",
				json_str(v, "title"));
	else if (!paper_policy_fits(json_str(v, "applies_to")))
		why = xasprintf("%s is not the agreement staff and volunteers sign to run a "
				"school account: it does not apply to teachers or support staff.",
				json_str(v, "title"));
	else
		why = not_the_agreement(json_int(v, "policy_id"), json_str(v, "title"));
	if (!why && v)
		why = version_problem(v, paper_date, fault);
	if (!why && v && (why = renewal_problem(v, paper_date)))
		*fault = PAPER_LAST_YEAR;
	json_decref(v);
	return why;
}

json_t *paper_gate(int64_t version_id, const char *paper_date, const char *trained_on,
		   const char *expires_on)
{
	char d[11];
	today(d);
	enum paper_fault fault;
	char *why = paper_signed_problem(version_id, paper_date, &fault);
	/* Current as staff training is (training_current): completed by today,
	 * not expired before it. */
	int trained = trained_on && strcmp(trained_on, d) <= 0 &&
		      (!expires_on || strcmp(expires_on, d) >= 0);
	json_t *checks = json_pack(
		"[{s:s, s:s, s:b, s:s}, {s:s, s:s, s:b, s:s}]", "name", "paper_signed", "question",
		PAPER_QUESTION, "ok", !why, "detail",
		why ? why : "The paper signature is of the agreement in force.", "name",
		"paper_trained", "question", TRAINED_QUESTION, "ok", trained, "detail",
		trained ? "Has current social-media training."
			: "Has no completed, unexpired social-media training on record.");
	free(why);
	return checks;
}

/* Due to sign again for the year: the paper, of the version in force of a
 * policy signed again every year, is dated before this year's renewal date.
 * Into p, {"renewal_due", "renew_date" (null when not due)}. */
static void paper_renewal(json_t *p)
{
	enum paper_fault fault;
	char since[24], date[11];
	free(paper_signed_problem(json_int(p, "version_id"), json_str(p, "paper_date"), &fault));
	int due = fault == PAPER_LAST_YEAR &&
		  policy_renewal_since(json_int(p, "policy_id"), since, date);
	json_object_set_new(p, "renewal_due", json_boolean(due));
	json_object_set_new(p, "renew_date", due ? json_string(date) : json_null());
}

/* The paper signature that counts: the latest entered after the first
 * (contributor_paper_again: signed again for the year, or a new version),
 * else the first, each read by its key alone (a join of a handful of rows
 * is scanned).  {"version_id","paper_date","recorded_by_id","recorded_at",
 * "again"} or NULL. */
static json_t *paper_latest(int64_t contributor_id)
{
	json_t *p = db_row("SELECT version_id, paper_date, recorded_by AS recorded_by_id, "
			   "recorded_at FROM contributor_paper_again INDEXED BY "
			   "contributor_paper_again_by_contributor WHERE contributor_id = ? "
			   "ORDER BY id DESC LIMIT 1",
			   "I", contributor_id);
	int again = p != NULL;
	if (!p)
		p = db_row("SELECT version_id, paper_date, recorded_by AS recorded_by_id, "
			   "recorded_at FROM contributor_paper WHERE contributor_id = ?",
			   "I", contributor_id);
	if (p)
		json_object_set_new(p, "again", json_boolean(again));
	return p;
}

json_t *paper_signature(int64_t contributor_id)
{
	/* Its version read by its key: with a handful of rows the planner
	 * would rather scan the signatures in a join. */
	json_t *p = paper_latest(contributor_id);
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
		paper_renewal(p);
	}
	free(by);
	json_decref(v);
	return p;
}

json_t *paper_checks(int64_t contributor_id)
{
	/* Each read by its key alone (a join of a handful of rows is scanned). */
	json_t *p = paper_latest(contributor_id);
	json_t *t = db_row("SELECT completed_on, expires_on FROM contributor_training WHERE "
			   "contributor_id = ?",
			   "I", contributor_id);
	json_t *checks = paper_gate(p ? json_int(p, "version_id") : 0,
				    p ? json_str(p, "paper_date") : NULL,
				    t ? json_str(t, "completed_on") : NULL,
				    t ? json_str(t, "expires_on") : NULL);
	json_decref(t);
	if (!p)
		json_object_set_new(json_array_get(checks, 0), "detail",
				    json_string("No paper signature has been recorded."));
	json_decref(p);
	return checks;
}

json_t *runner_checks(const json_t *runner)
{
	int64_t user = json_int(runner, "user_id");
	return user ? lead_checks(user) : paper_checks(json_int(runner, "contributor_id"));
}

int runner_passes(const json_t *runner)
{
	json_t *checks = runner_checks(runner);
	int passes = checks_all_pass(checks);
	json_decref(checks);
	return passes;
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
