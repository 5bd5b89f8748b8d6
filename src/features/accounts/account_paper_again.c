#define _GNU_SOURCE
/* A new paper signature of a contributor who is not staff, entered after
 * they were added: the agreement signed again for the year (slyne's is
 * signed again every year, and ravens-wood §3 asks of "volunteers or
 * parents" what it asks of staff), or a new version of it.  Without it,
 * someone whose paper no longer counts could only be removed and added
 * again.  Who may enter the first paper (the moderator or the account's
 * lead, account_contributors.c) enters this one, judged by the gate's own
 * rule; the first stays as evidence, as a member of staff's signature does
 * when they sign again (features/aup/aup_paper.c), and the runner is checked
 * again at once, so a flag they no longer deserve goes. */
#include "features/accounts/account_team.h"
#include "core/audit.h"
#include "core/policy_renewal.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

/* The gate's paper_signed check of the runner now; NULL when there is none. */
static const json_t *paper_check(const json_t *checks)
{
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c)
		if (strcmp(json_str(c, "name"), "paper_signed") == 0)
			return c;
	return NULL;
}

/* The paper on record no longer counts: a new one may be entered.  *why is
 * what is wrong with it (to be freed); NULL when it still counts. */
static char *paper_fails(const json_t *runner)
{
	json_t *checks = paper_checks(json_int(runner, "contributor_id"));
	const json_t *c = paper_check(checks);
	char *why = c && !json_is_true(json_object_get(c, "ok")) ? xstrdup(json_str(c, "detail"))
								 : NULL;
	json_decref(checks);
	return why;
}

/* A paper dated before this year's renewal date, in the words of the
 * staff's paper form (aup_paper.c). */
static void last_year_words(struct reply *rp, int64_t version_id)
{
	char since[24], date[11], on[32];
	int64_t policy = db_int(0, "SELECT policy_id FROM policy_versions WHERE id = ?", "I",
				version_id);
	policy_renewal_since(policy, since, date); /* it renews: the fault says so */
	uk_time_words(date, on, sizeof on);
	reply_error_add(rp, "signed_on",
			"The date on the paper is before this year's renewal date, %s, so it does "
			"not count as this year's signature: enter a paper signed on or after that "
			"date.",
			on);
}

/* The fields, and the paper they describe judged by the gate: 1, or 0 with
 * a 400 naming each field's problem, or a 409 when the version is not the
 * agreement in force. */
static int paper_ok(const struct request *rq, struct reply *rp)
{
	char today[11];
	uk_today(today);
	int64_t vid = arg_int(rq, "version_id", 0);
	const char *dated = arg(rq, "signed_on");
	if (strcmp(dated, today) > 0)
		reply_error_add(rp, "signed_on", "The date on the paper cannot be in the future.");
	if (!db_int(0, "SELECT count(*) FROM policy_versions WHERE id = ?", "I", vid))
		reply_error_add(rp, "version_id", "There is no such policy version.");
	if (reply_errors(rp))
		return 0;
	enum paper_fault fault;
	char *why = paper_signed_problem(vid, dated, &fault);
	if (fault == PAPER_LAST_YEAR)
		last_year_words(rp, vid);
	else if (fault == PAPER_DATE)
		reply_error_add(rp, "signed_on", "%s", why);
	else if (why)
		reply_error(rp, 409, "version_id", "%s", why);
	free(why);
	return rp->status == 0;
}

static void store(const struct request *rq, const json_t *runner)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO contributor_paper_again(contributor_id, version_id, paper_date, "
		"recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
		"IItIt", json_int(runner, "contributor_id"), arg_int(rq, "version_id", 0),
		arg(rq, "signed_on"), rq->user.id, at);
}

/* Nothing to enter while the paper on record counts (to be freed). */
static char *still_counts(const json_t *runner)
{
	return xasprintf("The paper signature of %s on record still counts: a new one is entered "
			 "once it no longer does (the agreement is due to be signed again for the "
			 "year, or a new version of it is in force).",
			 json_str(runner, "name"));
}

/* Inside the write: what was on record is asked again, so the same paper
 * sent twice at once (a double click), or entered by the lead and the
 * moderator both, is kept once.  -1 with the 409 answered; 0 goes on, with
 * *was what no longer counted (to be freed). */
static int refuse_counted(struct reply *rp, const json_t *runner, char **was)
{
	*was = paper_fails(runner);
	char *words = *was ? NULL : still_counts(runner);
	int refused = reply_refuse_repeat(rp, *was == NULL, words);
	free(words);
	return refused;
}

static void record(struct request *rq, struct reply *rp, const json_t *a, const json_t *runner)
{
	char *was;
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_counted(rp, runner, &was) != 0)
		return;
	store(rq, runner);
	account_gate_recheck(a, runner);
	char *link = account_link(json_int(a, "id"));
	audit(rq, "account.contributor_paper", link + 1,
	      "%s: paper signature of version %lld dated %s, in place of one that no longer "
	      "counted (%s)",
	      json_str(runner, "name"), (long long)arg_int(rq, "version_id", 0),
	      arg(rq, "signed_on"), was);
	free(was);
	int passes = runner_passes(runner);
	if (reply_commit(rp, BUSY_UNSAVED) == 0)
		reply_done(rp, 201,
			   json_pack("{s:{s:I, s:I, s:s}, s:b}", "paper", "contributor_id",
				     (json_int_t)json_int(runner, "contributor_id"), "version_id",
				     (json_int_t)arg_int(rq, "version_id", 0), "paper_date",
				     arg(rq, "signed_on"), "passes", passes),
			   link, "Their new paper signature has been recorded.");
	free(link);
}

void contributor_paper_again(struct request *rq, struct reply *rp)
{
	json_t *a = team_account(rq, rp);
	json_t *runner = a ? not_staff_runner(rq, rp, "they sign agreements in staffroom.") : NULL;
	char *was = runner ? paper_fails(runner) : NULL;
	char *words = runner && !was ? still_counts(runner) : NULL;
	if (words)
		reply_error(rp, 409, NULL, "%s", words);
	else if (runner && paper_ok(rq, rp))
		record(rq, rp, a, runner);
	free(words);
	free(was);
	json_decref(runner);
	json_decref(a);
}
