/* Paper signatures: slyne's agreement ends "Signed: _____", and people
 * without a staffroom habit (a volunteer, a governor who signed at the
 * meeting) sign it on paper.  A leader enters the signature on their
 * behalf: it is stored as any signature (typed name = their name, address
 * "paper"), so it counts in compliance, and beside it who entered it, when,
 * and the date written on the paper. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/audit.h"
#include "core/notify.h"
#include "core/policy_status.h"
#include "core/staff.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

json_t *aup_paper_of(int64_t version_id, int64_t user_id)
{
	json_t *p = db_row("SELECT ps.paper_date, ps.recorded_at, r.name AS recorded_by "
			   "FROM paper_signatures ps LEFT JOIN users r ON r.id = ps.recorded_by "
			   "WHERE ps.signature_id = (SELECT id FROM signatures "
			   "WHERE version_id = ? AND user_id = ?)",
			   "II", version_id, user_id);
	return p ? p : json_null();
}

void compliance_paper(json_t *cur)
{
	json_object_set_new(
		cur, "paper_signatures",
		db_rows("SELECT u.name, u.email, ps.paper_date, ps.recorded_at, "
			"r.name AS recorded_by FROM paper_signatures ps "
			"INDEXED BY paper_signatures_by_version "
			"JOIN signatures s ON s.id = ps.signature_id "
			"JOIN users u ON u.id = s.user_id "
			"LEFT JOIN users r ON r.id = ps.recorded_by WHERE ps.version_id = ? "
			"ORDER BY ps.paper_date DESC, u.name",
			"I", (int64_t)json_int(cur, "version_id")));
}

/* Why this person's paper cannot be entered for this version, or NULL. */
static const char *paper_problem(const struct request *rq, const json_t *v, const json_t *who,
				 int *status, const char **field)
{
	char d[11];
	uk_today(d);
	const char *paper = arg(rq, "paper_date");
	*status = 409;
	*field = NULL;
	if (json_is_true(json_object_get(v, "draft")))
		return AUP_DRAFT_UNSIGNED;
	if (!policy_applies(json_str(v, "applies_to"), json_str(who, "staff_type")))
		return "This policy does not apply to this person's staff type.";
	if (json_int(who, "signed"))
		return "This person has already signed this version.";
	*status = 400;
	*field = "paper_date";
	if (strcmp(paper, d) > 0)
		return "The date on the paper cannot be in the future.";
	if (strcmp(paper, json_str(v, "effective")) < 0)
		return "The date on the paper cannot be before the version took effect: enter the "
		       "date the person signed it.";
	return NULL;
}

static void store_paper(struct request *rq, const json_t *v, const json_t *who)
{
	int64_t vid = json_int(v, "version_id"), uid = json_int(who, "id");
	char at[ISO_LEN];
	iso_now(at);
	int64_t sid =
		db_insert("INSERT INTO signatures(version_id, user_id, typed_name, signed_at, "
			  "address, user_agent, body_sha256) VALUES (?,?,?,?,'paper','',?)",
			  "IIttt", vid, uid, json_str(who, "name"), at, json_str(v, "sha256"));
	db_exec("INSERT INTO paper_signatures(signature_id, version_id, paper_date, recorded_by, "
		"recorded_at) VALUES (?,?,?,?,?)",
		"IItIt", sid, vid, arg(rq, "paper_date"), rq->user.id, at);
	audit(rq, "aup.sign_paper", json_str(v, "title"),
	      "version_id=%lld number=%lld person=%s paper_date=%s", (long long)vid,
	      (long long)json_int(v, "version"), json_str(who, "email"), arg(rq, "paper_date"));
	/* Signed: the notification asking them for it is dealt with. */
	char *link = xasprintf("/aup/%lld", (long long)vid);
	notify_seen(uid, link);
	free(link);
}

void aup_paper(struct request *rq, struct reply *rp)
{
	int64_t vid = arg_int(rq, "version_id", 0);
	json_t *v = aup_version_load(vid);
	if (!v) {
		reply_not_found(rp);
		return;
	}
	json_t *who = db_row("SELECT u.id, u.name, u.email, u.staff_type, EXISTS (SELECT 1 FROM "
			     "signatures s WHERE s.version_id = ? AND s.user_id = u.id) AS signed "
			     "FROM users u WHERE u.email = ? AND u.active = 1",
			     "It", vid, arg(rq, "email"));
	if (!who) {
		json_decref(v);
		reply_error(rp, 400, "email", "No one on the staff list has this e-mail address.");
		return;
	}
	int status;
	const char *field, *why = paper_problem(rq, v, who, &status, &field);
	if (why || reply_begin(rp, BUSY_UNSAVED) != 0) {
		if (why)
			reply_error(rp, status, field, "%s", why);
		json_decref(v);
		json_decref(who);
		return;
	}
	/* Asked again in the write: the same paper entered twice at once (a
	 * double click) finds the first one kept, not the UNIQUE constraint. */
	int64_t signed_it = db_int(0, "SELECT 1 FROM signatures WHERE version_id = ? "
				      "AND user_id = ?", "II", vid, (int64_t)json_int(who, "id"));
	if (reply_refuse_repeat(rp, signed_it,
				"This person has already signed this version.") != 0) {
		json_decref(v);
		json_decref(who);
		return;
	}
	store_paper(rq, v, who);
	char *flash = xasprintf("The paper signature of %s has been recorded.",
				json_str(who, "name"));
	json_t *m = json_pack("{s:{s:I, s:s, s:s}}", "signature", "version_id", (json_int_t)vid,
			      "email", json_str(who, "email"), "paper_date",
			      arg(rq, "paper_date"));
	json_decref(v);
	json_decref(who);
	if (reply_commit(rp, BUSY_UNSAVED) == 0)
		reply_done(rp, 201, m, "/aup/compliance", flash);
	else
		json_decref(m);
	free(flash);
}
