/* "I do not agree": a person declines the current version of a policy
 * with their reason, and the headteacher is told.  The decline is kept as
 * evidence; signing later counts as any signature (the person is no longer
 * outstanding, and the decline is no longer shown against them).  Someone
 * due to sign a yearly policy again may decline it too, once each year.
 * Leaders read the reasons on the compliance page; governors see only a
 * count. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/policy_renewal.h"
#include "core/policy_status.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

json_t *aup_decline_of(int64_t version_id, int64_t user_id, const char *since)
{
	json_t *d = db_row("SELECT reason, declined_at FROM policy_declines "
			   "WHERE version_id = ? AND user_id = ? AND declined_at >= ? "
			   "ORDER BY declined_at DESC, id DESC LIMIT 1",
			   "IIt", version_id, user_id, since ? since : "");
	return d ? d : json_null();
}

/* Declines not followed by a signature: a count for everyone who sees the
 * figures, and the reason beside each outstanding person for leaders. */
void compliance_declines(json_t *cur, int with_names)
{
	int64_t vid = json_int(cur, "version_id");
	json_object_set_new(
		cur, "declined_count",
		json_integer(db_int(0,
				    "SELECT count(DISTINCT d.user_id) FROM policy_declines d JOIN "
				    "awaiting_signature w ON w.version_id = d.version_id "
				    "AND w.user_id = d.user_id WHERE d.version_id = ?",
				    "I", vid)));
	json_t *people = with_names ? json_object_get(cur, "outstanding") : NULL;
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p)
	{
		json_t *d = aup_decline_of(vid, json_int(p, "user_id"), NULL);
		json_object_set_new(p, "declined_at",
				    json_is_null(d) ? json_null()
						    : json_string(json_str(d, "declined_at")));
		json_object_set_new(p, "decline_reason",
				    json_is_null(d) ? json_null()
						    : json_string(json_str(d, "reason")));
		json_decref(d);
	}
}

/* Whether the person's answer to this version is still to give: not
 * signed, or signed before this year's renewal of a yearly policy.  since
 * is from when a decline answers it ("" for any time). */
static int answer_open(const json_t *v, int64_t uid, char since[24])
{
	char date[11];
	int64_t vid = json_int(v, "version_id");
	*since = '\0';
	if (!db_int(0, "SELECT 1 FROM signatures WHERE version_id = ? AND user_id = ?", "II", vid,
		    uid))
		return 1;
	return policy_renewal_due(json_int(v, "policy_id"), vid, uid, since, date);
}

static int declined_since(int64_t vid, int64_t uid, const char *since)
{
	return db_int(0, "SELECT 1 FROM policy_declines WHERE version_id = ? AND user_id = ? "
			 "AND declined_at >= ? LIMIT 1", "IIt", vid, uid, since) == 1;
}

/* Why this person may not decline this version, or NULL. */
static const char *decline_problem(const struct request *rq, const json_t *v, int *status,
				   const char **field)
{
	int64_t vid = json_int(v, "version_id");
	char since[24];
	*status = 409;
	*field = NULL;
	if (!policy_applies(json_str(v, "applies_to"), rq->user.staff_type))
		return "This policy does not apply to your staff type, so there is nothing for you "
		       "to agree to.";
	if (!json_is_true(json_object_get(v, "is_current")))
		return "Only the current version of a policy can be declined.";
	/* slyne: "A person who cannot agree says so with a reason", whether
	 * signing for the first time or again for the year. */
	if (!answer_open(v, rq->user.id, since))
		return "You have already signed this version.";
	if (declined_since(vid, rq->user.id, since))
		return "You have already said that you do not agree to this version.";
	*status = 400;
	*field = "reason";
	if (text_blank(arg(rq, "reason")))
		return "Say why you do not agree: the headteacher reads it.";
	return NULL;
}

/* Asked again in the write: the same answer sent twice at once (a double
 * click) finds the first one kept.  -1 with the 409 answered; 0 goes on. */
static int refuse_answered(struct reply *rp, const json_t *v, int64_t uid)
{
	char since[24];
	int open = answer_open(v, uid, since);
	if (reply_refuse_repeat(rp, !open, "You have already signed this version.") != 0)
		return -1;
	return reply_refuse_repeat(rp, declined_since(json_int(v, "version_id"), uid, since),
				   "You have already said that you do not agree to this version.");
}

/* Who is told: the headteacher, or the chair of governors when the one
 * declining is the only headteacher (or there is none), so that a decline
 * always reaches someone who answers for the school.  The message names the
 * person and the policy, never their reason, which may be personal: it is
 * e-mailed, and leaders read it on the compliance page, which the chair does
 * not open (the chair asks for it).  Returns whom it told, in words, or NULL
 * when nobody holds either role. */
static const char *tell_decline(const struct request *rq, const json_t *v)
{
	const char *told = NULL;
	char *about = xasprintf("%s does not agree to %s (version %lld)", rq->user.name,
				json_str(v, "title"), (long long)json_int(v, "version"));
	if (role_held("headteacher", rq->user.id)) {
		char *msg = xasprintf("%s: their reason is on the compliance page.", about);
		notify_role("headteacher", rq->user.id, "aup_decline", msg, "/aup/compliance");
		free(msg);
		told = "the headteacher";
	} else if (role_held("chair", rq->user.id)) {
		char *msg = xasprintf("%s. No other headteacher is in staffroom to be told, so you "
				      "are, as chair of governors: ask them for their reason.",
				      about);
		notify_role("chair", rq->user.id, "aup_decline", msg, "/");
		free(msg);
		told = "the chair of governors";
	}
	free(about);
	return told;
}

static const char *store_decline(struct request *rq, const json_t *v)
{
	int64_t vid = json_int(v, "version_id");
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO policy_declines(version_id, user_id, reason, declined_at) "
		"VALUES (?,?,?,?)",
		"IItt", vid, rq->user.id, arg(rq, "reason"), at);
	const char *told = tell_decline(rq, v);
	audit(rq, "aup.decline", json_str(v, "title"), "version_id=%lld number=%lld",
	      (long long)vid, (long long)json_int(v, "version"));
	return told;
}

void aup_decline(struct request *rq, struct reply *rp)
{
	int64_t vid = arg_int(rq, "version_id", 0);
	json_t *v = aup_version_load(vid);
	/* Unknown, a draft, or a policy that is not mine and I do not oversee: 404. */
	if (!v || json_is_true(json_object_get(v, "draft")) ||
	    (!policy_applies(json_str(v, "applies_to"), rq->user.staff_type) &&
	     !has_role(rq, ROLE_LEADERS | ROLE_GOVERNOR))) {
		json_decref(v);
		reply_not_found(rp);
		return;
	}
	int status;
	const char *field, *why = decline_problem(rq, v, &status, &field);
	if (why || reply_begin(rp, BUSY_UNSAVED) != 0) {
		if (why)
			reply_error(rp, status, field, "%s", why);
		json_decref(v);
		return;
	}
	if (refuse_answered(rp, v, rq->user.id) != 0) {
		json_decref(v);
		return;
	}
	const char *told = store_decline(rq, v);
	json_decref(v);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	char *loc = xasprintf("/aup/%lld", (long long)vid);
	char *flash =
		told ? xasprintf("Your answer has been recorded and %s has been told.", told)
		     : xstrdup("Your answer has been recorded. Nobody holds the headteacher's "
			       "role in staffroom to be told: please tell the school yourself.");
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s}, s:s?}", "decline", "version_id", (json_int_t)vid,
			     "reason", arg(rq, "reason"), "told", told),
		   loc, flash);
	free(flash);
	free(loc);
}
