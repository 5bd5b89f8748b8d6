#define _GNU_SOURCE
/* What is kept after an entry leaves the do-not-publish list or a
 * contributor who is not staff stops running an account, shown until the
 * retention review lists it and it is deleted (docs/RECORDS.md): who, when,
 * by whom, and "kept until", the review's own date for it (records.h).  A
 * school keeps a child's entry 25 years: whoever keeps the list must be
 * able to find it and say how long it is kept, when asked (UK GDPR articles
 * 5(1)(a), 13(2)(a), 15(1)(d)).  Each is shown to whoever sees the list or
 * the account today, no one else. */
#include "features/accounts/account_posts.h"
#include "features/accounts/account_team.h"
#include "features/records/records.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"

#include <stdio.h>
#include <string.h>

/* The row's integer key as a boolean, for JSON and the template alike. */
static void boolean(json_t *row, const char *key)
{
	json_object_set_new(row, key, json_boolean(json_int(row, key) != 0));
}

/* A kept record's "held" as a boolean, and "listed": its kept_until has
 * come, so the retention review lists it now (deleted only by a person
 * there). */
static void kept_flags(json_t *r)
{
	char today[11];
	uk_today(today);
	const char *until = json_str(r, "kept_until");
	boolean(r, "held");
	json_object_set_new(r, "listed", json_boolean(until && strcmp(until, today) <= 0));
}

static json_t *kept_rows(json_t *rows)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		kept_flags(r);
	return rows;
}

json_t *do_not_publish_taken_off(void)
{
	/* Every entry taken off and still kept, read whole, as the list is. */
	json_t *rows = db_rows(
		WHOLE_TABLE_REPORT
		"SELECT p.id, p.pupil_name, p.class_name, p.note, p.added_at, a.name AS added_by, "
		"p.removed_at, r.name AS removed_by, " DO_NOT_PUBLISH_KEPT_UNTIL " AS kept_until, "
		RETENTION_HELD("'do_not_publish'", "p.id") " AS held "
		"FROM do_not_publish p JOIN users a ON a.id = p.added_by "
		"LEFT JOIN users r ON r.id = p.removed_by WHERE p.removed_at IS NOT NULL "
		"ORDER BY p.pupil_name COLLATE NOCASE, p.id",
		"");
	return kept_rows(rows);
}

/* A member of staff's own request is theirs: taken off when they withdrew
 * it, or, still standing, when they left (left_on; removed_at null). */
json_t *do_not_film_taken_off(void)
{
	json_t *rows = db_rows(
		WHOLE_TABLE_REPORT
		"SELECT f.id, CASE WHEN f.user_id IS NULL THEN f.person_name ELSE s.name END "
		"AS name, f.note, f.user_id IS NOT NULL AS own, f.added_at, a.name AS added_by, "
		"f.removed_at, r.name AS removed_by, s.left_on, " DO_NOT_FILM_KEPT_UNTIL
		" AS kept_until, " RETENTION_HELD("'do_not_film'", "f.id") " AS held "
		"FROM do_not_film f JOIN users a ON a.id = f.added_by "
		"LEFT JOIN users s ON s.id = f.user_id LEFT JOIN users r ON r.id = f.removed_by "
		"WHERE " DO_NOT_FILM_KEPT " ORDER BY 2 COLLATE NOCASE, f.id",
		"");
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		boolean(r, "own");
	return kept_rows(rows);
}

/* One kept record of a former contributor, or null when there is none. */
static json_t *kept_item(json_t *row, const char *prefix, int has)
{
	char until[32], held[32];
	snprintf(until, sizeof until, "%s_kept_until", prefix);
	snprintf(held, sizeof held, "%s_held", prefix);
	json_t *item = json_null();
	if (has) {
		item = json_pack("{s:O, s:I}", "kept_until", json_object_get(row, until), "held",
				 json_int(row, held));
		kept_flags(item);
	}
	json_object_del(row, until);
	json_object_del(row, held);
	return item;
}

/* A contributor's row as the page shows it, with "paper" and "training";
 * 0 when neither is kept.  A kept paper always has its date and a kept
 * training its day: either is there when its date is not null. */
static int former_shape(json_t *r)
{
	int paper = json_str(r, "paper_date") || json_int(r, "has_scan");
	int training = json_str(r, "completed_on") != NULL;
	boolean(r, "account_closed");
	boolean(r, "has_scan");
	json_t *p = kept_item(r, "paper", paper), *t = kept_item(r, "training", training);
	if (paper) {
		json_object_set(p, "paper_date", json_object_get(r, "paper_date"));
		json_object_set(p, "has_scan", json_object_get(r, "has_scan"));
	}
	if (training)
		json_object_set(t, "completed_on", json_object_get(r, "completed_on"));
	static const char *const moved[] = { "paper_date", "has_scan", "completed_on" };
	for (size_t k = 0; k < sizeof moved / sizeof moved[0]; k++)
		json_object_del(r, moved[k]);
	json_object_set_new(r, "paper", p);
	json_object_set_new(r, "training", t);
	return paper || training;
}

/* The paper and the training are each read once, by their key, in a
 * subquery of their own: joined, the planner scans them when they hold a
 * handful of rows.  Whether there is one is told by its date (former_shape). */
json_t *former_contributors(int64_t account_id)
{
	json_t *rows = db_rows(
		"SELECT c.id, c.name, c.relation, " CONTRIBUTOR_STOPPED " AS stopped_on, "
		"c.removed_at IS NULL AS account_closed, "
		"(SELECT paper_date FROM contributor_paper p WHERE p.contributor_id = c.id) AS "
		"paper_date, "
		"(SELECT count(*) FROM contributor_paper_scans x WHERE x.contributor_id = c.id) "
		"AS has_scan, (SELECT completed_on FROM contributor_training t WHERE "
		"t.contributor_id = c.id) AS completed_on, "
		CONTRIBUTOR_PAPER_KEPT_UNTIL " AS paper_kept_until, "
		RETENTION_HELD("'contributor_paper'", "c.id") " AS paper_held, "
		CONTRIBUTOR_TRAINING_KEPT_UNTIL " AS training_kept_until, "
		RETENTION_HELD("'contributor_training'", "c.id") " AS training_held "
		"FROM account_contributors c INDEXED BY account_contributors_by_account "
		"JOIN social_accounts k ON k.id = c.account_id "
		"WHERE c.account_id = ? AND c.user_id IS NULL AND " CONTRIBUTOR_STOPPED
		" IS NOT NULL ORDER BY c.name COLLATE NOCASE, c.id",
		"I", account_id);
	json_t *out = json_array(), *r;
	size_t i;
	json_array_foreach(rows, i, r)
		if (former_shape(r)) /* nothing left once both are deleted */
			json_array_append(out, r);
	json_decref(rows);
	return out;
}
