/* Administration of policies: creating a policy (who must sign it) and
 * publishing its versions.  A published version never changes; a new one
 * takes effect on its date and from then on needs everyone's signature. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/audit.h"
#include "db/db.h"
#include "core/notify.h"
#include "core/policy_status.h"
#include "core/policy_renewal.h"
#include "core/staff.h"
#include "core/write.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STAFF_TYPE_CODE_(code, name) code,
static const char *const types[] = { STAFF_TYPE_LIST(STAFF_TYPE_CODE_) };
#define NTYPES (sizeof types / sizeof types[0])

static unsigned type_bit(const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	for (size_t t = 0; t < NTYPES; t++)
		if (strlen(types[t]) == n && strncmp(s, types[t], n) == 0)
			return 1u << t;
	return 0;
}

/* The staff types named in the form's values (repeated or comma-separated). */
static unsigned types_from_form(const struct request *rq)
{
	const char *vals[32];
	size_t n = arg_all(rq, "applies_to", vals, 32);
	unsigned mask = 0;
	for (size_t i = 0; i < n; i++)
		for (const char *p = vals[i]; *p;) {
			size_t len = strcspn(p, ",");
			mask |= type_bit(p, len);
			p += len + (p[len] == ',');
		}
	return mask;
}

static char *types_text(unsigned mask)
{
	char *out = xstrdup("");
	for (size_t t = 0; t < NTYPES; t++)
		if (mask & (1u << t)) {
			char *next = xasprintf("%s%s%s", out, *out ? "," : "", types[t]);
			free(out);
			out = next;
		}
	return out;
}

static json_t *type_boxes(unsigned checked)
{
	json_t *a = json_array();
	for (size_t t = 0; t < NTYPES; t++)
		json_array_append_new(a, json_pack("{s:s, s:b}", "type", types[t], "checked",
						   (checked >> t) & 1));
	return a;
}

void policy_admin_list(struct request *rq, struct reply *rp)
{
	char d[11];
	today(d);
	json_t *rows = db_rows(
		"SELECT p.id, p.title, p.applies_to, (SELECT count(*) FROM policy_versions WHERE "
		"policy_id = p.id) AS versions, "
		"(SELECT count(*) FROM policy_versions dv WHERE dv.policy_id = p.id AND NOT "
		POLICY_PUBLISHED("dv.id") ") AS drafts, "
		"c.id AS current_id, c.number AS current_version, c.effective, c.review_due, "
		"coalesce(c.review_due < ?, 0) AS review_overdue FROM policies p "
		"LEFT JOIN policy_versions c ON c.id = " POLICY_CURRENT_ID(
			"p.id") " ORDER BY p.title, p.id",
		"tt", d, d);
	aup_bool(rows, "review_overdue");
	unsigned checked = rq->is_post ? types_from_form(rq) : (1u << NTYPES) - 1;
	json_t *m = json_pack("{s:o, s:o}", "policies", rows, "staff_types", type_boxes(checked));
	renewal_date_fields(rq, m, "09-01");
	reply_page(rp, "policy_admin_list", "Policies", m);
}

void policy_admin_create(struct request *rq, struct reply *rp)
{
	unsigned mask = types_from_form(rq);
	if (!mask) {
		reply_error(rp, 400, "applies_to",
			    "Choose at least one staff type who must sign this policy.");
		return;
	}
	const char *title = arg(rq, "title");
	int renew = arg(rq, "renew_yearly") && strcmp(arg(rq, "renew_yearly"), "yes") == 0;
	char from[6];
	if (renew && renewal_from_args(rq, rp, from) != 0)
		return;
	if (db_int(0, "SELECT 1 FROM policies WHERE title = ? COLLATE NOCASE", "t", title)) {
		reply_error(rp, 409, "title",
			    "There is already a policy with this title. Publish a new version of "
			    "it instead.");
		return;
	}
	char *applies = types_text(mask), at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		free(applies);
		return;
	}
	int64_t id = db_insert("INSERT INTO policies(title, applies_to, created_at) VALUES (?,?,?)",
			       "ttt", title, applies, at);
	if (renew) /* signed again every year (policy_renewal.h) */
		db_exec("INSERT INTO policy_renewals(policy_id, renew_from) VALUES (?, ?)", "It",
			id, from);
	audit(rq, "policy.create", title, "applies_to=%s renew_from=%s", applies,
	      renew ? from : "");
	if (id < 0 || db_commit() != 0) {
		db_rollback();
		free(applies);
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	char *loc = xasprintf("/admin/policies/%lld", (long long)id);
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s, s:b, s:s?}}", "policy", "id", (json_int_t)id,
			     "title", title, "applies_to", applies, "renew_yearly", renew,
			     "renew_from", renew ? from : NULL),
		   loc, "The policy has been created. Now publish its first version.");
	free(loc);
	free(applies);
}

static json_t *versions_of(int64_t policy_id)
{
	char d[11];
	today(d);
	json_t *rows = db_rows("SELECT v.id AS version_id, v.number AS version, v.summary, "
			       "v.effective, v.review_due, v.published_at, v.sha256, "
			       "(SELECT term FROM policy_review_terms t WHERE t.version_id = v.id) "
			       "AS review_term, "
			       "v.id = " POLICY_CURRENT_ID("v.policy_id") " AS current, "
			       "v.effective > ? AND " POLICY_PUBLISHED("v.id") " AS upcoming, "
			       "NOT " POLICY_PUBLISHED("v.id") " AS draft, "
			       "u.name AS published_by FROM policy_versions v LEFT JOIN users u ON "
			       "u.id = v.published_by "
			       "WHERE v.policy_id = ? ORDER BY v.number DESC",
			       "ttI", d, d, policy_id);
	aup_bool(rows, "current");
	aup_bool(rows, "upcoming");
	aup_bool(rows, "draft");
	size_t i;
	json_t *o;
	json_array_foreach(rows, i, o) json_object_set_new(
		o, "authorisation", policy_authorisation(json_int(o, "version_id")));
	return rows;
}

/* The drafts among the versions, each with its "Authorise" form.  The form
 * of the draft whose authorisation was refused shows the problems, and its
 * fields take the plain ids (f-meeting_date) the summary at the top links to;
 * the other drafts' fields end in their version's id.  A row's flag is set
 * false too: a section a row does not name is looked up on the page. */
static json_t *drafts_of(const struct request *rq, const json_t *versions)
{
	json_t *drafts = json_array();
	int64_t sent = rq->is_post && rq->nids == 2 ? rq->ids[1] : 0;
	size_t i;
	json_t *o;
	json_array_foreach(versions, i, o) {
		if (!json_is_true(json_object_get(o, "draft")))
			continue;
		json_t *d = json_copy(o);
		int64_t id = json_int(d, "version_id");
		char suffix[24] = "";
		if (id != sent)
			snprintf(suffix, sizeof suffix, "-%lld", (long long)id);
		json_object_set_new(d, "authorise_sent", json_boolean(id == sent));
		json_object_set_new(d, "id_suffix", json_string(suffix));
		json_array_append_new(drafts, d);
	}
	return drafts;
}

void policy_admin_page(struct request *rq, struct reply *rp)
{
	json_t *p = db_row("SELECT id, title, applies_to, created_at FROM policies WHERE id = ?",
			   "I", rq->ids[0]);
	if (!p) {
		reply_not_found(rp);
		return;
	}
	/* The publish form starts from the latest text, so a new version is an edit of it;
	 * "Change it" on the preview brings back what was typed. */
	char *latest = db_text(
		"SELECT body FROM policy_versions WHERE policy_id = ? ORDER BY number DESC LIMIT 1",
		"I", rq->ids[0]);
	char d[11];
	today(d);
	/* Only the new version's own form brings its text back: a refused
	 * authorisation or renewal setting leaves it at the latest text. */
	int typed = rq->is_post && arg_sent(rq, "body");
	json_t *form = typed ? json_pack("{s:s?, s:s?, s:s?, s:s?}", "body", arg(rq, "body"),
					       "summary", arg(rq, "summary"), "effective",
					       arg(rq, "effective"), "review_due",
					       arg(rq, "review_due"))
				   : json_pack("{s:s, s:s}", "body", latest ? latest : "",
					       "effective", d);
	json_t *versions = versions_of(rq->ids[0]);
	char *from = db_text("SELECT renew_from FROM policy_renewals WHERE policy_id = ?", "I",
			     rq->ids[0]);
	json_object_set_new(p, "renewal",
			    json_pack("{s:b, s:s}", "renew_yearly", from != NULL, "renew_from",
				      from ? from : "09-01"));
	json_t *m = json_pack("{s:o, s:o, s:o, s:o}", "policy", p, "versions", versions, "drafts",
			      drafts_of(rq, versions), "form", form);
	renewal_date_fields(rq, m, from ? from : "09-01");
	free(from);
	free(latest);
	reply_page(rp, "policy_admin_page", "Policy", m);
}

/* Every reason these dates or this text cannot be published, added to rp
 * so that the form lists them all at once. */
static void publish_problems(const struct request *rq, struct reply *rp)
{
	char d[11];
	today(d);
	const char *eff = arg(rq, "effective"), *due = arg(rq, "review_due");
	if (text_blank(arg(rq, "body")))
		reply_error_add(rp, "body", "The policy text is empty.");
	if (text_blank(arg(rq, "summary")))
		reply_error_add(rp, "summary",
				"Say what changed in this version: it is shown to everyone asked "
				"to sign it.");
	/* Only published versions fix the earliest date (API.md: "before the
	 * latest published version's"): a draft never authorised is in force
	 * for nobody and may be overtaken by a version for sooner. */
	char *last = db_text("SELECT max(v.effective) FROM policy_versions v WHERE v.policy_id = ? "
			     "AND " POLICY_PUBLISHED("v.id"),
			     "I", rq->ids[0]);
	int before = last && strcmp(eff, last) < 0;
	free(last);
	if (strcmp(eff, d) < 0)
		reply_error_add(rp, "effective",
				"The date it takes effect cannot be in the past: people cannot "
				"have signed it already.");
	else if (before)
		reply_error_add(rp, "effective",
				"The date it takes effect cannot be earlier than that of the "
				"latest published version.");
	char due_on[11], term[40];
	if (review_due_parse(due, due_on, term) != 0)
		reply_error_add(rp, "review_due",
				"Enter the review date as a date, like 1 September 2027 or "
				"1/9/2027, or as a term, like Michaelmas Term 2027.");
	else if (strcmp(due_on, eff) <= 0)
		reply_error_add(rp, "review_due",
				"The review date must come after the date the version takes "
				"effect.");
}

/* Inside the write: a text (compared by its hash) that is already the
 * current version, a version still to take effect, or a draft would have
 * everyone sign the same words twice once both are authorised: a form sent
 * twice, or a draft saved again instead of authorised.  A draft whose date
 * has passed can no longer be authorised (policy_authorise.c), so its text
 * may be saved again with a new date.  -1 with the 409 answered; 0 goes on. */
static int refuse_same_text(const struct request *rq, struct reply *rp, const char *sha)
{
	char d[11];
	today(d);
	int64_t current = db_int(0, "SELECT " POLICY_CURRENT_ID("?"), "It", rq->ids[0], d);
	json_t *v = db_row("SELECT v.number, v.effective, v.id = ? AS current, "
			   "NOT " POLICY_PUBLISHED("v.id") " AS draft FROM policy_versions v "
			   "WHERE v.policy_id = ? AND v.sha256 = ? "
			   "AND (v.id = ? OR v.effective > ? OR (v.effective >= ? AND NOT "
			   POLICY_PUBLISHED("v.id") ")) ORDER BY v.number DESC LIMIT 1",
			   "IItItt", current, rq->ids[0], sha, current, d, d);
	if (!v)
		return 0;
	char on[32];
	uk_time_words(json_str(v, "effective"), on, sizeof on);
	long long n = (long long)json_int(v, "number");
	char *repeat = json_int(v, "draft")
			       ? xasprintf("This text is the same as version %lld, a draft waiting "
					   "to be authorised: record who authorised that draft "
					   "instead of saving the text again.",
					   n)
		       : json_int(v, "current")
			       ? xasprintf("This text is the same as version %lld, the current "
					   "version: change the text to save a new version.",
					   n)
			       : xasprintf("This text is the same as version %lld, not yet in "
					   "effect (it takes effect on %s): change the text to "
					   "save a new version.",
					   n, on);
	int refused = reply_refuse_repeat(rp, 1, repeat);
	free(repeat);
	json_decref(v);
	return refused;
}

static int64_t store_version(struct request *rq, const json_t *p, int64_t *number,
			     const char *sha)
{
	const char *body = arg(rq, "body");
	char at[ISO_LEN], due[11], term[40];
	review_due_parse(arg(rq, "review_due"), due, term); /* checked by publish_problems */
	iso_now(at);
	*number = db_int(0, "SELECT max(number) FROM policy_versions WHERE policy_id = ?", "I",
			 rq->ids[0]) +
		  1;
	int64_t vid = db_insert("INSERT INTO policy_versions(policy_id, number, body, sha256, "
				"summary, effective, review_due, "
				"published_at, published_by) VALUES (?,?,?,?,?,?,?,?,?)",
				"IIttttttI", rq->ids[0], *number, body, sha, arg(rq, "summary"),
				arg(rq, "effective"), due, at, rq->user.id);
	/* A term is kept in its words; the date it stands for is review_due. */
	if (*term)
		db_exec("INSERT INTO policy_review_terms(version_id, term) VALUES (?, ?)", "It",
			vid, term);
	/* A draft until it is authorised (policy_authorise.c): nobody is told yet. */
	db_exec("INSERT INTO policy_authorisations(version_id) VALUES (?)", "I", vid);
	audit(rq, "policy.publish", json_str(p, "title"),
	      "draft version=%lld effective=%s review_due=%s sha256=%s", (long long)*number,
	      arg(rq, "effective"), *term ? term : due, sha);
	return vid;
}

void policy_admin_publish(struct request *rq, struct reply *rp)
{
	json_t *p =
		db_row("SELECT id, title, applies_to FROM policies WHERE id = ?", "I", rq->ids[0]);
	if (!p) {
		reply_not_found(rp);
		return;
	}
	publish_problems(rq, rp);
	const char *confirm = arg(rq, "confirm");
	if (reply_errors(rp)) {
		json_decref(p);
		return;
	}
	if (!confirm || strcmp(confirm, "yes") != 0) { /* nothing is written before "yes" */
		if (confirm)
			policy_admin_page(rq, rp);
		else
			policy_preview(rq, rp, p);
		json_decref(p);
		return;
	}
	int64_t number;
	char sha[65];
	sha256_hex(arg(rq, "body"), strlen(arg(rq, "body")), sha);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_same_text(rq, rp, sha) != 0) {
		json_decref(p);
		return;
	}
	int64_t vid = store_version(rq, p, &number, sha);
	json_decref(p);
	if (vid < 0 || db_commit() != 0) {
		db_rollback();
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	char *loc = xasprintf("/admin/policies/%lld", (long long)rq->ids[0]);
	char *flash =
		xasprintf("Version %lld has been saved as a draft. Record who authorised it to "
			  "publish it.",
			  (long long)number);
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:I, s:s, s:s, s:s}}", "version", "id", (json_int_t)vid,
			     "number", (json_int_t)number, "sha256", sha, "effective",
			     arg(rq, "effective"), "status", "draft"),
		   loc, flash);
	free(loc);
	free(flash);
}
