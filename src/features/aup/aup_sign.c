/* Signing the agreements: what applies to me, reading a version, signing
 * it, the printable record of my signature and my own history. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/audit.h"
#include "core/notify.h"
#include "db/db.h"
#include "core/policy_status.h"
#include "core/policy_renewal.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

static void bool_member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (v && json_is_integer(v))
		json_object_set_new(o, key, json_boolean(json_integer_value(v) != 0));
}

void aup_bool(json_t *rows, const char *key)
{
	size_t i;
	json_t *o;
	if (json_is_object(rows)) {
		bool_member(rows, key);
		return;
	}
	json_array_foreach(rows, i, o)
		bool_member(o, key);
}

json_t *aup_version_load(int64_t version_id)
{
	char d[11];
	today(d);
	json_t *v = db_row(
		"SELECT v.id AS version_id, v.policy_id, p.title, p.applies_to, v.number AS "
		"version, v.body, v.sha256, "
		"v.summary, v.effective, v.review_due, v.published_at, "
		"(SELECT term FROM policy_review_terms t WHERE t.version_id = v.id) AS "
		"review_term, " POLICY_CURRENT_ID(
			"v.policy_id") " AS current_id, "
				       "NOT " POLICY_PUBLISHED(
					       "v.id") " AS draft "
						       "FROM policy_versions v JOIN policies p ON "
						       "p.id = v.policy_id WHERE v.id = ?",
		"tI", d, version_id);
	if (!v)
		return NULL;
	int current = json_int(v, "current_id") == version_id;
	int draft = json_int(v, "draft") != 0;
	const char *eff = json_str(v, "effective");
	json_object_del(v, "current_id");
	json_object_set_new(v, "draft", json_boolean(draft));
	json_object_set_new(v, "is_current", json_boolean(current));
	json_object_set_new(v, "status",
			    json_string(draft                ? "draft"
					: current            ? "current"
					: strcmp(eff, d) > 0 ? "upcoming"
							     : "superseded"));
	json_object_set_new(v, "authorisation", policy_authorisation(version_id));
	return v;
}

static const char *member(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static int applies_to_me(const struct request *rq, const json_t *v)
{
	return policy_applies(member(v, "applies_to"), rq->user.staff_type);
}

/* Policies are read by the people they apply to; leaders and governors,
 * who oversee compliance, may read every one. */
static json_t *readable_version(const struct request *rq, int64_t version_id)
{
	json_t *v = aup_version_load(version_id);
	/* A draft is read by the administrator and the leaders who prepare it. */
	int draft = v && strcmp(member(v, "status"), "draft") == 0;
	if (v && ((draft && !has_role(rq, ROLE_LEADERS)) ||
		  (!applies_to_me(rq, v) && !has_role(rq, ROLE_LEADERS | ROLE_GOVERNOR)))) {
		json_decref(v);
		return NULL;
	}
	return v;
}

/* Signatures of yearly policies from before this year's renewal no longer
 * count; one that counts says when it was last signed again, since the
 * signature itself may be years old. */
static void list_renewals(json_t *rows, int64_t uid)
{
	size_t i;
	json_t *p;
	json_array_foreach(rows, i, p) {
		char since[24], date[11];
		int due = json_is_true(json_object_get(p, "signed")) &&
			  policy_renewal_due(json_int(p, "id"), json_int(p, "version_id"), uid,
					     since, date);
		json_object_set_new(p, "renewal_due", json_boolean(due));
		if (due)
			json_object_set_new(p, "signed", json_false());
		char *again = json_is_true(json_object_get(p, "signed"))
			? db_text("SELECT max(acknowledged_at) FROM policy_acknowledgements "
				  "WHERE version_id = ? AND user_id = ?",
				  "II", (int64_t)json_int(p, "version_id"), uid)
			: NULL;
		json_object_set_new(p, "signed_again_at", again ? json_string(again) : json_null());
		free(again);
	}
}

/* Versions saved but not yet authorised, for the leaders who prepare them
 * and take them to the governors: not in force, nobody asked to sign. */
static json_t *drafts(void)
{
	return db_rows("SELECT v.id AS version_id, p.title, v.number AS version, v.summary, "
		       "v.effective, v.published_at AS saved_at FROM policy_versions v "
		       "JOIN policies p ON p.id = v.policy_id WHERE NOT " POLICY_PUBLISHED("v.id")
		       " ORDER BY p.title, v.number",
		       "");
}

void aup_list(struct request *rq, struct reply *rp)
{
	char d[11];
	today(d);
	json_t *rows = db_rows(
		"SELECT p.id, p.title, v.number AS version, v.id AS version_id, v.sha256, "
		"v.effective, v.summary, "
		"s.signed_at, s.signed_at IS NOT NULL AS signed, "
		"EXISTS (SELECT 1 FROM signatures e JOIN policy_versions ev ON ev.id = "
		"e.version_id "
		"        WHERE ev.policy_id = p.id AND e.user_id = ? AND e.version_id != v.id) AS "
		"signed_earlier "
		"FROM policies p JOIN policy_versions v ON v.id = " POLICY_CURRENT_ID("p.id") " "
		"LEFT JOIN signatures s ON s.version_id = v.id AND s.user_id = ? "
		"WHERE instr(',' || p.applies_to || ',', ',' || ? || ',') > 0 ORDER BY p.id",
		"ItIt", rq->user.id, d, rq->user.id, rq->user.staff_type);
	aup_bool(rows, "signed");
	aup_bool(rows, "signed_earlier");
	list_renewals(rows, rq->user.id);
	json_t *upcoming = db_rows(
		"SELECT v.id AS version_id, p.title, v.number AS version, v.effective, v.summary "
		"FROM policy_versions v JOIN policies p ON p.id = v.policy_id "
		"WHERE v.effective > ? AND instr(',' || p.applies_to || ',', ',' || ? || ',') > 0 "
		"AND " POLICY_PUBLISHED("v.id") " ORDER BY v.effective, v.id",
		"tt", d, rq->user.staff_type);
	json_t *m = json_pack("{s:o, s:o, s:b, s:b}", "policies", rows, "upcoming", upcoming,
			      "is_admin", has_role(rq, ROLE_ADMIN), "sees_compliance",
			      has_role(rq, ROLE_LEADERS | ROLE_GOVERNOR));
	if (has_role(rq, ROLE_LEADERS))
		json_object_set_new(m, "drafts", drafts());
	reply_page(rp, "aup_list", "Agreements", m);
}

/* Version pages are also the sign form's page: a refused signature comes
 * back here with the message, so the id may come from the form. */
void aup_version_page(struct request *rq, struct reply *rp)
{
	int64_t vid = rq->nids ? rq->ids[0] : arg_int(rq, "version_id", 0);
	json_t *v = readable_version(rq, vid);
	if (!v) {
		reply_not_found(rp);
		return;
	}
	json_t *sig = db_row("SELECT signed_at, typed_name, body_sha256 FROM signatures WHERE "
			     "version_id = ? AND user_id = ?",
			     "II", vid, rq->user.id);
	int applies = applies_to_me(rq, v);
	char renew[11] = "", since[24] = "";
	int again = sig && policy_renewal_due(json_int(v, "policy_id"), vid, rq->user.id, since,
					      renew);
	int can_sign = applies && (!sig || again) && json_is_true(json_object_get(v, "is_current"));
	/* Due to sign again, the person may say they do not agree, as before they
	 * first signed (slyne: "A person who cannot agree says so with a
	 * reason"); only this year's answer stands against this year's signing. */
	json_t *declined = aup_decline_of(vid, rq->user.id, again ? since : NULL);
	int open = !sig || again;
	if (sig)
		json_object_set_new(sig, "paper", aup_paper_of(vid, rq->user.id));
	json_t *others = db_rows("SELECT id AS version_id, number AS version, effective, summary "
				 "FROM policy_versions "
				 "WHERE policy_id = ? AND id != ? AND (? OR " POLICY_PUBLISHED(
					 "id") ") "
					       "ORDER BY number DESC",
				 "IIi", json_int(v, "policy_id"), vid, has_role(rq, ROLE_LEADERS));
	json_t *m = json_pack("{s:o, s:o, s:b, s:b, s:o, s:s, s:o, s:b}", "policy", v, "signature",
			      sig ? sig : json_object(), "applies", applies, "can_sign", can_sign,
			      "others", others, "account_name", rq->user.name, "declined", declined,
			      "can_decline", can_sign && json_is_null(declined));
	json_object_set_new(m, "decline_stands", json_boolean(open && !json_is_null(declined)));
	json_object_set_new(m, "renewal_due", json_boolean(again));
	json_object_set_new(m, "renew_date", json_string(renew));
	/* The title lives in the model, which the reply owns until it is rendered. */
	reply_page(rp, "aup_version", json_str(v, "title"), m);
}

/* Why this person may not sign this version now, or NULL. */
static const char *sign_problem(const struct request *rq, const json_t *v, int *status,
				const char **field)
{
	*status = 409;
	*field = NULL;
	if (!applies_to_me(rq, v))
		return "This policy does not apply to your staff type, so there is nothing for you "
		       "to sign.";
	if (strcmp(member(v, "status"), "draft") == 0)
		return AUP_DRAFT_UNSIGNED;
	if (!json_is_true(json_object_get(v, "is_current")))
		return strcmp(member(v, "status"), "upcoming") == 0
			       ? "This version has not taken effect yet. You can sign it once it "
				 "is the current version."
			       : "This version has been replaced by a newer one. Please read and "
				 "sign the current version.";
	*status = 400;
	if (!arg_yes(rq, "agree")) {
		*field = "agree";
		return "Tick the box to confirm that you have read the agreement and agree to "
		       "follow it.";
	}
	char *typed = normalise_name(arg(rq, "typed_name"));
	char *mine = normalise_name(rq->user.name);
	int same = strcmp(typed, mine) == 0;
	free(typed);
	free(mine);
	if (!same) {
		*field = "typed_name";
		return "The name you typed does not match the name on your account. Type your full "
		       "name as it appears at the top of the page.";
	}
	return NULL;
}

/* The latest signing again of a yearly policy, or NULL. */
static json_t *signed_again_last(int64_t vid, int64_t uid)
{
	return db_row("SELECT typed_name, acknowledged_at, body_sha256 FROM "
		      "policy_acknowledgements WHERE version_id = ? AND user_id = ? "
		      "ORDER BY acknowledged_at DESC, id DESC LIMIT 1",
		      "II", vid, uid);
}

/* again: this year's signing of a yearly policy, shown beside the first
 * signature it renews. */
static void sign_reply(struct request *rq, struct reply *rp, int64_t vid, int fresh, int again)
{
	json_t *sig =
		db_row("SELECT id, version_id, typed_name, signed_at, body_sha256 FROM signatures "
		       "WHERE version_id = ? AND user_id = ?",
		       "II", vid, rq->user.id);
	if (!sig) {
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	json_t *last = signed_again_last(vid, rq->user.id);
	char *loc = xasprintf("/aup/%lld/record", (long long)vid);
	reply_done(rp, fresh ? 201 : 200,
		   json_pack("{s:o, s:b, s:o}", "signature", sig, "already_signed", !fresh,
			     "signed_again", last ? last : json_null()),
		   loc,
		   again   ? "Thank you: your signature for this year has been recorded."
		   : fresh ? "Thank you: your signature has been recorded."
			   : "You had already signed this version.");
	free(loc);
}

void aup_signed_notices(int64_t user_id, int64_t version_id)
{
	char *link = xasprintf("/aup/%lld", (long long)version_id);
	notify_seen(user_id, link);
	free(link);
	/* A reminder (aup_remind, linking to /aup) names every agreement still to
	 * sign: it is dealt with once the last of them is signed. */
	json_t *left = policies_unsigned(user_id);
	if (json_array_size(left) == 0)
		notify_seen(user_id, "/aup");
	json_decref(left);
}

void aup_sign(struct request *rq, struct reply *rp)
{
	int64_t vid = arg_int(rq, "version_id", 0);
	json_t *v = readable_version(rq, vid);
	if (!v) {
		reply_not_found(rp);
		return;
	}
	int status;
	const char *field, *why = sign_problem(rq, v, &status, &field);
	if (why) {
		json_decref(v);
		reply_error(rp, status, field, "%s", why);
		return;
	}
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		json_decref(v);
		return;
	}
	db_exec("INSERT INTO signatures(version_id, user_id, typed_name, signed_at, address, "
		"user_agent, body_sha256) "
		"VALUES (?,?,?,?,?,?,?) ON CONFLICT(version_id, user_id) DO NOTHING",
		"IIttttt", vid, rq->user.id, arg(rq, "typed_name"), at, rq->address,
		rq->user_agent ? rq->user_agent : "", member(v, "sha256"));
	int fresh = db_changes() == 1, again = 0;
	char renew[11], since[24];
	/* A yearly policy signed before this year's renewal: signed again, the
	 * earlier signature kept as it was. */
	if (!fresh && policy_renewal_due(json_int(v, "policy_id"), vid, rq->user.id, since, renew))
		again = fresh =
			policy_acknowledge(vid, rq->user.id, arg(rq, "typed_name"), rq->address,
					   rq->user_agent ? rq->user_agent : "",
					   member(v, "sha256")) == 0;
	if (fresh)
		audit(rq, "aup.sign", member(v, "title"),
		      "version_id=%lld number=%lld sha256=%s%s", (long long)vid,
		      (long long)json_int(v, "version"), member(v, "sha256"),
		      again ? " again for the year" : "");
	aup_signed_notices(rq->user.id, vid);
	json_decref(v);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	sign_reply(rq, rp, vid, fresh, again);
}

/* Every signing again of a yearly policy, newest first: the record of what
 * was signed each year (slyne: "signed again every year"; earlier ones
 * stay as evidence), with the paper's record for one entered from paper. */
static json_t *signed_again_all(int64_t vid, int64_t uid)
{
	json_t *rows = db_rows("SELECT a.typed_name, a.acknowledged_at, a.address, a.user_agent, "
			       "a.body_sha256, pa.paper_date, pa.recorded_at, "
			       "r.name AS recorded_by FROM policy_acknowledgements a "
			       "LEFT JOIN paper_acknowledgements pa "
			       "ON pa.acknowledgement_id = a.id "
			       "LEFT JOIN users r ON r.id = pa.recorded_by "
			       "WHERE a.version_id = ? AND a.user_id = ? "
			       "ORDER BY a.acknowledged_at DESC, a.id DESC",
			       "II", vid, uid);
	size_t i;
	json_t *o;
	json_array_foreach(rows, i, o)
		json_object_set_new(o, "paper", json_boolean(!json_is_null(
							json_object_get(o, "paper_date"))));
	return rows;
}

void aup_record(struct request *rq, struct reply *rp)
{
	json_t *sig = db_row("SELECT id, typed_name, signed_at, address, user_agent, body_sha256 "
			     "FROM signatures "
			     "WHERE version_id = ? AND user_id = ?",
			     "II", rq->ids[0], rq->user.id);
	json_t *v = sig ? aup_version_load(rq->ids[0]) : NULL;
	if (!v) {
		json_decref(sig);
		reply_not_found(rp);
		return;
	}
	json_object_set_new(sig, "name", json_string(rq->user.name));
	json_object_set_new(sig, "paper", aup_paper_of(rq->ids[0], rq->user.id));
	json_object_set_new(sig, "email", json_string(rq->user.email));
	reply_page(rp, "aup_record", "Record of my signature",
		   json_pack("{s:o, s:o, s:o}", "signature", sig, "version", v, "signed_again",
			     signed_again_all(rq->ids[0], rq->user.id)));
}

void aup_history(struct request *rq, struct reply *rp)
{
	char d[11];
	today(d);
	/* A signing again of a yearly policy is a row of its own, with the
	 * version it renews: each year's signing is the person's to see. */
	json_t *rows = db_rows(
		"SELECT s.version_id, v.policy_id, p.title, v.number AS version, "
		"v.effective, s.signed_at, s.typed_name, s.body_sha256, "
		"v.id = " POLICY_CURRENT_ID("v.policy_id") " AS current, 0 AS again "
		"FROM signatures s JOIN policy_versions v ON v.id = s.version_id "
		"JOIN policies p ON p.id = v.policy_id WHERE s.user_id = ? "
		"UNION ALL SELECT a.version_id, v.policy_id, p.title, v.number, v.effective, "
		"a.acknowledged_at, a.typed_name, a.body_sha256, "
		"v.id = " POLICY_CURRENT_ID("v.policy_id") ", 1 "
		"FROM policy_acknowledgements a JOIN policy_versions v ON v.id = a.version_id "
		"JOIN policies p ON p.id = v.policy_id WHERE a.user_id = ? "
		"ORDER BY 6 DESC, 10 DESC",
		"tItI", d, rq->user.id, d, rq->user.id);
	aup_bool(rows, "current");
	aup_bool(rows, "again");
	reply_page(rp, "aup_history", "My signatures", json_pack("{s:o}", "signatures", rows));
}
