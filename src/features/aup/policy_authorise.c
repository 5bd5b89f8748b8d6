/* Authorising a draft policy version, as the schools do it: wynstones'
 * footer "Authorised by: Name / Sign / Job title / Date", slyne's header
 * "approved: November 2020" (by the governors, at a review meeting).  A
 * version posted by the administrator is a draft until the headteacher, the
 * governing body or one of its committees authorises it; only then is it
 * published: current or upcoming by its date, signable, and announced to
 * everyone it applies to. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/audit.h"
#include "core/notify.h"
#include "core/policy_status.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

json_t *policy_authorisation(int64_t version_id)
{
	json_t *a = db_row("SELECT a.authorised_by, a.authoriser_name, a.job_title, "
			   "a.meeting_date, a.minute_ref, a.authorised_on, a.recorded_at, "
			   "u.name AS recorded_by FROM policy_authorisations a "
			   "LEFT JOIN users u ON u.id = a.recorded_by "
			   "WHERE a.version_id = ? AND a.authorised_by IS NOT NULL",
			   "I", version_id);
	if (!a)
		return json_null();
	const char *by = json_str(a, "authorised_by");
	/* One flag per kind, for the templates' sections. */
	json_object_set_new(a, "by_headteacher", json_boolean(strcmp(by, "headteacher") == 0));
	json_object_set_new(a, "by_meeting", json_boolean(strcmp(by, "headteacher") != 0));
	return a;
}

/* Everyone the policy applies to is told, once, when the version is published. */
static void announce(int64_t vid)
{
	json_t *v = db_row("SELECT p.title, p.applies_to, v.number, v.effective, v.summary "
			   "FROM policy_versions v JOIN policies p ON p.id = v.policy_id "
			   "WHERE v.id = ?",
			   "I", vid);
	if (!v)
		return;
	char on[32];
	uk_time_words(json_str(v, "effective"), on, sizeof on);
	char *msg = xasprintf("Version %lld of %s has been published and takes effect on %s. "
			      "What changed: %s",
			      (long long)json_int(v, "number"), json_str(v, "title"), on,
			      json_str(v, "summary"));
	char *link = xasprintf("/aup/%lld", (long long)vid);
	json_t *ids =
		db_rows(WHOLE_TABLE_REPORT "SELECT id FROM users WHERE active = 1 AND "
					   "instr(',' || ? || ',', ',' || staff_type || ',') > 0",
			"t", json_str(v, "applies_to"));
	size_t i;
	json_t *o;
	json_array_foreach(ids, i, o)
		notify_user(json_int(o, "id"), "aup_new_version", msg, link);
	json_decref(ids);
	json_decref(v);
	free(msg);
	free(link);
}

/* Every reason the form cannot be taken, added to rp at once. */
static void authorise_problems(const struct request *rq, struct reply *rp)
{
	char d[11];
	uk_today(d);
	const char *by = arg(rq, "authorised_by"), *on = arg(rq, "authorised_on");
	const char *meeting = arg(rq, "meeting_date");
	int head = strcmp(by, "headteacher") == 0;
	if (head && !arg(rq, "job_title"))
		reply_error_add(rp, "job_title",
				"Enter the job title of the person who authorised it, as the "
				"policy's footer asks.");
	if (!head && !meeting)
		reply_error_add(rp, "meeting_date",
				"Enter the date of the meeting that agreed this version.");
	else if (meeting && strcmp(meeting, d) > 0)
		reply_error_add(rp, "meeting_date",
				"The date of the meeting cannot be in the future.");
	if (strcmp(on, d) > 0)
		reply_error_add(rp, "authorised_on",
				"The date it was authorised cannot be in the future: record it "
				"once it has been agreed.");
	else if (!head && meeting && strcmp(on, meeting) < 0)
		reply_error_add(rp, "authorised_on",
				"The date it was authorised cannot be before the meeting that "
				"agreed it.");
}

/* A draft whose date has passed is not published backdated: everyone would
 * be late to sign it on the day they are told of it, as publish_problems
 * says when a draft is saved ("people cannot have signed it already").  A
 * saved version never changes, so the date is changed by saving the text
 * again as a new version, which the page's form starts from (a draft whose
 * date has passed does not count as the same text: policy_admin.c).  -1
 * with the 409 answered; 0 goes on. */
static int refuse_past_date(const json_t *v, struct reply *rp)
{
	char d[11], on[32];
	today(d);
	const char *eff = json_str(v, "effective");
	if (!json_int(v, "draft") || strcmp(eff, d) >= 0)
		return 0;
	uk_time_words(eff, on, sizeof on);
	reply_error(rp, 409, "effective",
		    "Version %lld was to take effect on %s, which has passed: people cannot "
		    "have signed it already. Change the date first: save its text again under "
		    "\"Write a new version\" with a \"Takes effect on\" date from today on, and "
		    "authorise that version instead.",
		    (long long)json_int(v, "number"), on);
	return -1;
}

/* Inside the write, before a draft is published: versions are signed in
 * their numbers' order, each replacing the one before (API.md: "the latest
 * effective date that has come").  A draft overtaken by a higher-numbered
 * version already authorised, or taking effect before the latest published
 * one (the rule publish_problems applies when a draft is saved), would
 * later replace a newer text: those who signed it would be asked to sign
 * the older one, their history saying theirs was replaced by a newer
 * version.  -1 with the 409 answered, nothing written; 0 goes on. */
static int refuse_out_of_order(const json_t *v, int64_t pid, struct reply *rp)
{
	/* A version published already is refused below as authorised already. */
	json_t *last = db_row("SELECT max(v.number) AS number, max(v.effective) AS effective, "
			      "(SELECT NOT " POLICY_PUBLISHED("?") ") AS draft "
			      "FROM policy_versions v WHERE v.policy_id = ? AND " POLICY_PUBLISHED(
				      "v.id"),
			      "II", (int64_t)json_int(v, "id"), pid);
	if (!json_int(last, "draft")) {
		json_decref(last);
		return 0;
	}
	long long n = (long long)json_int(v, "number"), newer = (long long)json_int(last, "number");
	const char *eff = json_str(last, "effective") ? json_str(last, "effective") : "";
	int over = newer > n, before = !over && *eff && strcmp(json_str(v, "effective"), eff) < 0;
	char on[32];
	uk_time_words(eff, on, sizeof on);
	if (over || before)
		db_rollback();
	if (over)
		reply_error(rp, 409, NULL,
			    "Version %lld has been overtaken: version %lld of this policy has "
			    "already been authorised, and authorising an older version now would "
			    "replace the newer one. If its text is still wanted, save it again "
			    "under \"Write a new version\" and authorise that version instead.",
			    n, newer);
	else if (before)
		reply_error(rp, 409, "effective",
			    "Version %lld cannot be authorised: the date it takes effect cannot be "
			    "earlier than that of the latest published version, %s. Save its text "
			    "again under \"Write a new version\" with a \"Takes effect on\" date "
			    "from %s on, and authorise that version instead.",
			    n, on, on);
	json_decref(last);
	return over || before ? -1 : 0;
}

static void authorise_done(struct request *rq, struct reply *rp, int64_t vid)
{
	char *loc = xasprintf("/admin/policies/%lld", (long long)rq->ids[0]);
	json_t *a = policy_authorisation(vid);
	reply_done(rp, 200,
		   json_pack("{s:I, s:o}", "version_id", (json_int_t)vid, "authorisation", a), loc,
		   "The version has been authorised and published. Everyone it applies to has "
		   "been told.");
	free(loc);
}

void policy_authorise(struct request *rq, struct reply *rp)
{
	int64_t vid = rq->ids[1];
	/* A draft is a version whose authorisation is still to come; one
	 * published with no authorisation row (POLICY_PUBLISHED) is not. */
	json_t *v = db_row("SELECT v.id, v.number, v.effective, p.title, "
			   "NOT " POLICY_PUBLISHED("v.id") " AS draft "
			   "FROM policy_versions v JOIN policies p ON p.id = v.policy_id "
			   "WHERE v.id = ? AND v.policy_id = ?",
			   "II", vid, rq->ids[0]);
	if (!v) {
		reply_not_found(rp);
		return;
	}
	if (refuse_past_date(v, rp) != 0) {
		json_decref(v);
		return;
	}
	authorise_problems(rq, rp);
	if (reply_errors(rp)) {
		json_decref(v);
		return;
	}
	int head = strcmp(arg(rq, "authorised_by"), "headteacher") == 0;
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_out_of_order(v, rq->ids[0], rp) != 0) {
		json_decref(v);
		return;
	}
	/* Only a draft changes: a version authorised already (or published as
	 * it was stored) is refused, so nobody is told twice. */
	db_exec("UPDATE policy_authorisations SET authorised_by = ?, authoriser_name = ?, "
		"job_title = ?, meeting_date = ?, minute_ref = ?, authorised_on = ?, "
		"recorded_by = ?, recorded_at = ? WHERE version_id = ? AND authorised_by IS NULL",
		"ttttttItI", arg(rq, "authorised_by"), arg(rq, "authoriser_name"),
		arg(rq, "job_title"), head ? NULL : arg(rq, "meeting_date"), arg(rq, "minute_ref"),
		arg(rq, "authorised_on"), rq->user.id, at, vid);
	int changed = db_changes() == 1;
	if (changed) {
		announce(vid);
		audit(rq, "policy.authorise", json_str(v, "title"),
		      "version=%lld by=%s name=%s on=%s meeting=%s minute=%s",
		      (long long)json_int(v, "number"), arg(rq, "authorised_by"),
		      arg(rq, "authoriser_name"), arg(rq, "authorised_on"),
		      head ? "" : arg(rq, "meeting_date"),
		      arg(rq, "minute_ref") ? arg(rq, "minute_ref") : "");
	}
	json_decref(v);
	if (reply_commit_changed(rp, changed, NULL,
				 "This version has already been authorised and published.",
				 BUSY_UNSAVED) != 0)
		return;
	authorise_done(rq, rp, vid);
}
