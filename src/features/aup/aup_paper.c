/* Paper signatures: slyne's agreement ends "Signed: _____", and people
 * without a staffroom habit (a volunteer, a governor who signed at the
 * meeting) sign it on paper.  A leader enters the signature on their
 * behalf: it is stored as any signature (typed name = their name, address
 * "paper"), so it counts in compliance, and beside it who entered it, when,
 * and the date written on the paper.  A yearly policy signed before this
 * year's renewal date is signed again on paper the same way: stored as a
 * signing again (policy_acknowledgements), dated by the paper. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/audit.h"
#include "core/policy_renewal.h"
#include "core/policy_status.h"
#include "core/staff.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
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
	int64_t vid = json_int(cur, "version_id");
	json_t *rows = db_rows(
		"SELECT u.name, u.email, ps.paper_date, ps.recorded_at, "
		"r.name AS recorded_by, 0 AS again FROM paper_signatures ps "
		"INDEXED BY paper_signatures_by_version "
		"JOIN signatures s ON s.id = ps.signature_id "
		"JOIN users u ON u.id = s.user_id "
		"LEFT JOIN users r ON r.id = ps.recorded_by WHERE ps.version_id = ? "
		"UNION ALL SELECT u.name, u.email, pa.paper_date, pa.recorded_at, "
		"r.name AS recorded_by, 1 AS again FROM paper_acknowledgements pa "
		"INDEXED BY paper_acknowledgements_by_version "
		"JOIN policy_acknowledgements a ON a.id = pa.acknowledgement_id "
		"JOIN users u ON u.id = a.user_id "
		"LEFT JOIN users r ON r.id = pa.recorded_by WHERE pa.version_id = ? "
		"ORDER BY 3 DESC, 1",
		"II", vid, vid);
	aup_bool(rows, "again");
	json_object_set_new(cur, "paper_signatures", rows);
}

/* The paper of someone due to sign a yearly policy again (slyne: "reviewed
 * on an annual basis", its agreement signed with it) is this year's signing
 * only when it was signed on or after this year's renewal date: an older
 * paper is last year's signature, which no longer counts. */
static const char *renewal_paper_problem(const char *paper, const char *date)
{
	static __thread char why[200];
	char on[32];
	if (strcmp(paper, date) >= 0)
		return NULL;
	uk_time_words(date, on, sizeof on);
	snprintf(why, sizeof why,
		 "The date on the paper is before this year's renewal date, %s, so it does not "
		 "count as this year's signature: enter a paper signed on or after that date.",
		 on);
	return why;
}

/* Why this person's paper cannot be entered for this version, or NULL.
 * *again is set when it is their signing again for the year. */
static const char *paper_problem(const struct request *rq, const json_t *v, const json_t *who,
				 int *status, const char **field, int *again)
{
	char d[11], since[24], date[11];
	uk_today(d);
	const char *paper = arg(rq, "paper_date");
	*status = 409;
	*field = NULL;
	*again = 0;
	if (json_is_true(json_object_get(v, "draft")))
		return AUP_DRAFT_UNSIGNED;
	if (!policy_applies(json_str(v, "applies_to"), json_str(who, "staff_type")))
		return "This policy does not apply to this person's staff type.";
	/* slyne: a paper signature "counts as any other", so it may be the
	 * signing again of a policy signed every year. */
	if (json_int(who, "signed")) {
		*again = policy_renewal_due(json_int(v, "policy_id"), json_int(v, "version_id"),
					    json_int(who, "id"), since, date);
		if (!*again)
			return *date ? "This person has already signed this version this year."
				     : "This person has already signed this version.";
	}
	*status = 400;
	*field = "paper_date";
	if (strcmp(paper, d) > 0)
		return "The date on the paper cannot be in the future.";
	if (*again)
		return renewal_paper_problem(paper, date);
	if (strcmp(paper, json_str(v, "effective")) < 0)
		return "The date on the paper cannot be before the version took effect: enter the "
		       "date the person signed it.";
	return NULL;
}

/* The notifications asking for the signature are dealt with. */
static void paper_signed(struct request *rq, const json_t *v, const json_t *who, int again)
{
	audit(rq, "aup.sign_paper", json_str(v, "title"),
	      "version_id=%lld number=%lld person=%s paper_date=%s%s",
	      (long long)json_int(v, "version_id"), (long long)json_int(v, "version"),
	      json_str(who, "email"), arg(rq, "paper_date"), again ? " again for the year" : "");
	aup_signed_notices(json_int(who, "id"), json_int(v, "version_id"));
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
	paper_signed(rq, v, who, 0);
}

/* This year's signing again, as aup_sign.c stores one made online, dated by
 * the paper (UK midnight of its date, so that it counts from this year's
 * renewal date as policy_signed_since reads it), with the paper's record. */
static void store_paper_again(struct request *rq, const json_t *v, const json_t *who)
{
	int64_t vid = json_int(v, "version_id");
	char at[ISO_LEN], dated[24], local[17];
	iso_now(at);
	snprintf(local, sizeof local, "%sT00:00", arg(rq, "paper_date"));
	if (uk_time_to_utc(local, dated) != 0)
		snprintf(dated, sizeof dated, "%sT00:00:00Z", arg(rq, "paper_date"));
	int64_t aid = db_insert("INSERT INTO policy_acknowledgements(version_id, user_id, "
				"typed_name, acknowledged_at, address, user_agent, body_sha256) "
				"VALUES (?,?,?,?,'paper','',?)",
				"IIttt", vid, (int64_t)json_int(who, "id"), json_str(who, "name"),
				dated, json_str(v, "sha256"));
	db_exec("INSERT INTO paper_acknowledgements(acknowledgement_id, version_id, paper_date, "
		"recorded_by, recorded_at) VALUES (?,?,?,?,?)",
		"IItIt", aid, vid, arg(rq, "paper_date"), rq->user.id, at);
	paper_signed(rq, v, who, 1);
}

/* Asked again in the write: the same paper entered twice at once (a double
 * click) finds the first one kept, not the UNIQUE constraint, nor a second
 * signing again for the year.  -1 with the 409 answered; 0 goes on. */
static int refuse_entered(struct reply *rp, const json_t *v, const json_t *who, int again)
{
	int64_t vid = json_int(v, "version_id"), uid = json_int(who, "id");
	char since[24], date[11];
	if (again) {
		int due = policy_renewal_due(json_int(v, "policy_id"), vid, uid, since, date);
		return reply_refuse_repeat(
			rp, !due, "This person has already signed this version this year.");
	}
	int64_t signed_it = db_int(0, "SELECT 1 FROM signatures WHERE version_id = ? "
				      "AND user_id = ?", "II", vid, uid);
	return reply_refuse_repeat(rp, signed_it, "This person has already signed this version.");
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
	/* Separation of duties, as elsewhere: a paper signature is a leader's
	 * word that someone signed, and no one vouches for themselves. */
	if (json_int(who, "id") == rq->user.id) {
		json_decref(v);
		json_decref(who);
		reply_error(rp, 400, "email",
			    "Your own paper signature is entered by another leader, so that no one "
			    "vouches for themselves.");
		return;
	}
	int status, again;
	const char *field, *why = paper_problem(rq, v, who, &status, &field, &again);
	if (why || reply_begin(rp, BUSY_UNSAVED) != 0) {
		if (why)
			reply_error(rp, status, field, "%s", why);
		json_decref(v);
		json_decref(who);
		return;
	}
	if (refuse_entered(rp, v, who, again) != 0) {
		json_decref(v);
		json_decref(who);
		return;
	}
	if (again)
		store_paper_again(rq, v, who);
	else
		store_paper(rq, v, who);
	char *flash = xasprintf(again ? "The paper signature of %s has been recorded as this "
					"year's signing again."
				      : "The paper signature of %s has been recorded.",
				json_str(who, "name"));
	json_t *m = json_pack("{s:{s:I, s:s, s:s, s:b}}", "signature", "version_id",
			      (json_int_t)vid, "email", json_str(who, "email"), "paper_date",
			      arg(rq, "paper_date"), "again", again);
	json_decref(v);
	json_decref(who);
	if (reply_commit(rp, BUSY_UNSAVED) == 0)
		reply_done(rp, 201, m, "/aup/compliance", flash);
	else
		json_decref(m);
	free(flash);
}
