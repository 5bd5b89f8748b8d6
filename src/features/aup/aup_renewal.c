/* Yearly re-acknowledgement in compliance and in the policy's settings.
 * A policy the school has people sign again every year (from renew_from,
 * 1 September by default) counts a signature made before this year's
 * renewal date as outstanding, without a new version (policy_renewal.h).
 * The kept counts (awaiting_counts) know nothing of the calendar, so the
 * figures of such a policy are corrected here by the people concerned. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/audit.h"
#include "core/policy_renewal.h"
#include "core/policy_status.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_percent(json_t *o)
{
	json_int_t req = json_int(o, "required"), done = json_int(o, "signed");
	/* Rounded down, as aup_compliance.c does. */
	json_object_set_new(o, "percent", json_integer(req ? done * 100 / req : 100));
}

/* One person fewer signed in their group of a split. */
static void split_less(json_t *groups, const char *key, const char *value)
{
	size_t i;
	json_t *g;
	json_array_foreach(groups, i, g)
		if (strcmp(json_str(g, key), value) == 0) {
			json_object_set_new(g, "signed", json_integer(json_int(g, "signed") - 1));
			set_percent(g);
		}
}

static void add_int(json_t *o, const char *key, json_int_t n)
{
	json_object_set_new(o, key, json_integer(json_int(o, key) + n));
}

/* "1 September" for a renewal date "2026-09-01": the school's words for it. */
static void day_and_month(const char *date, char out[24])
{
	int m = atoi(date + 5), d = atoi(date + 8);
	snprintf(out, 24, "%d %s", d, month_name(m >= 1 && m <= 12 ? m : 1));
}

json_t *renewal_outstanding(const json_t *cur, char date[11])
{
	char since[24], d[11], day[24];
	if (!policy_renewal_since(json_int(cur, "policy_id"), since, date))
		return NULL;
	today(d);
	day_and_month(date, day);
	/* Every row has signed before this year's renewal date: in the school's
	 * year, last year (slyne's agreement, signed again each year).  A paper
	 * signature was made on its paper date, whenever it was typed in. */
	char *why = xasprintf("Signed last year; due again from %s", day);
	/* From the version's signatures to their people (CROSS JOIN keeps that
	 * order): left to choose, SQLite walked every active user of a large
	 * trust to find the few who signed this version.  "Last signed" is the
	 * latest signing: the signature (its paper's date for one entered from
	 * paper) or a signing again since, online or on paper.  A decline made
	 * since the renewal date is this year's answer, shown and counted as the
	 * compliance page does a first one's. */
	json_t *stale = db_rows(
		"SELECT u.id AS user_id, u.email, u.name, u.department, u.staff_type, "
		"max(coalesce((SELECT p.paper_date FROM paper_signatures p WHERE "
		"p.signature_id = s.id), s.signed_at), coalesce((SELECT max(a.acknowledged_at) "
		"FROM policy_acknowledgements a WHERE a.version_id = s.version_id AND "
		"a.user_id = s.user_id), '')) AS signed_at, "
		"max(0, CAST(julianday(?) - julianday(?) AS INTEGER)) AS days, ? AS why, "
		"(SELECT max(d.declined_at) FROM policy_declines d WHERE d.version_id = "
		"s.version_id AND d.user_id = s.user_id AND d.declined_at >= ?) AS declined_at, "
		"(SELECT d.reason FROM policy_declines d WHERE d.version_id = s.version_id AND "
		"d.user_id = s.user_id AND d.declined_at >= ? ORDER BY d.declined_at DESC, d.id "
		"DESC LIMIT 1) AS decline_reason "
		"FROM signatures s CROSS JOIN users u ON u.id = s.user_id WHERE s.version_id = ? "
		"AND u.active = 1 AND instr(',' || ? || ',', ',' || u.staff_type || ',') > 0 "
		"AND coalesce((SELECT p.paper_date < ? FROM paper_signatures p WHERE "
		"p.signature_id = s.id), s.signed_at < ?) AND NOT EXISTS (SELECT 1 FROM "
		"policy_acknowledgements a WHERE a.version_id = s.version_id "
		"AND a.user_id = s.user_id AND a.acknowledged_at >= ?) ORDER BY u.name, u.id",
		"tttttItttt", d, date, why, since, since, (int64_t)json_int(cur, "version_id"),
		json_str(cur, "applies_to"), date, since, since);
	free(why);
	return stale;
}

void compliance_renewals(json_t *cur, int with_names)
{
	char date[11];
	json_t *stale = renewal_outstanding(cur, date);
	json_object_set_new(cur, "renew_yearly", json_boolean(stale != NULL));
	if (!stale)
		return;
	json_object_set_new(cur, "renew_date", json_string(date));
	json_int_t n = (json_int_t)json_array_size(stale), declined = 0;
	size_t i;
	json_t *p;
	json_array_foreach(stale, i, p) {
		declined += !json_is_null(json_object_get(p, "declined_at"));
		split_less(json_object_get(cur, "by_department"), "department",
			   json_str(p, "department"));
		split_less(json_object_get(cur, "by_staff_type"), "staff_type",
			   json_str(p, "staff_type"));
	}
	add_int(cur, "signed", -n);
	add_int(cur, "outstanding_count", n);
	add_int(cur, "outstanding_total", n);
	set_percent(cur);
	json_object_set_new(cur, "renewal_count", json_integer(n));
	add_int(cur, "declined_count", declined);
	if (with_names)
		json_object_set_new(cur, "renewal_outstanding", stale);
	else
		json_decref(stale);
}

/* POST /admin/policies/{id}: whether the policy is signed again every year, and from when. */
void policy_renewal_set(struct request *rq, struct reply *rp)
{
	json_t *p = db_row("SELECT title FROM policies WHERE id = ?", "I", rq->ids[0]);
	if (!p) {
		reply_not_found(rp);
		return;
	}
	int on = strcmp(arg(rq, "renew_yearly"), "yes") == 0;
	char from[6];
	if (on && renewal_from_args(rq, rp, from) != 0) {
		json_decref(p);
		return;
	}
	if (reply_begin(rp, BUSY_UNSAVED) != 0) {
		json_decref(p);
		return;
	}
	if (on)
		db_exec("INSERT INTO policy_renewals(policy_id, renew_from) VALUES (?, ?) "
			"ON CONFLICT(policy_id) DO UPDATE SET renew_from = excluded.renew_from",
			"It", rq->ids[0], from);
	else
		db_exec("DELETE FROM policy_renewals WHERE policy_id = ?", "I", rq->ids[0]);
	audit(rq, "policy.renewal", json_str(p, "title"), "renew_yearly=%s renew_from=%s",
	      on ? "yes" : "no", on ? from : "");
	json_decref(p);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	char *loc = xasprintf("/admin/policies/%lld", (long long)rq->ids[0]);
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:b, s:s?}}", "policy", "id", (json_int_t)rq->ids[0],
			     "renew_yearly", on, "renew_from", on ? from : NULL),
		   loc,
		   on ? "Everyone it applies to will be asked to sign it again every year."
		      : "The policy is no longer signed again every year.");
	free(loc);
}
