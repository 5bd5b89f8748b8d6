#define _GNU_SOURCE
#include "features/concerns/concern_pattern.h"
#include "features/concerns/concern_internal.h"
#include "features/concerns/concerns.h"
#include "core/audit.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/notify.h"
#include "lib/util.h"
#include "core/workdays.h"
#include "features/filtering/filtering.h"
#include "features/records/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The roles a new concern goes to, as role bits (role_bits; distinct bits,
 * so their sum is their union), fixed when it is filed: the concern's
 * recipient_mask, the only record of them.  About the headteacher: the
 * chair only (KCSIE part four: an allegation about the head goes to the
 * chair), whatever the category says, but for a personal data breach, which
 * also goes to the data protection officer (UK GDPR article 38(1): the DPO
 * is involved in every issue of personal data protection).  A report of a
 * nude or semi-nude image also goes to the DSL (every deputy holds the role
 * too) whatever the school's routing: UKCIS (2024) has them told at once. */
static int64_t route_mask(const struct concern_input *in, int about_head)
{
	if (about_head)
		return db_int(0,
			      "SELECT coalesce(sum(bit), 0) FROM role_bits WHERE role = 'chair' OR "
			      "(role = 'dpo' AND ? = 'data_breach')",
			      "t", in->category);
	/* Joined, not "role IN (...)": no temporary table per report. */
	return db_int(0,
		      "SELECT (SELECT coalesce(sum(b.bit), 0) FROM routing r JOIN role_bits b "
		      "ON b.role = r.role WHERE r.category = ?) | "
		      "coalesce((SELECT bit FROM role_bits WHERE role = 'dsl' AND ?), 0)",
		      "ti", in->category, in->to_dsl);
}

/* Everyone holding a receiving role is told that there is a concern, never
 * what it says; the person it is about is never told.  Returns how many
 * people were told: the people it reached (concern_reach.c counts the same
 * set). */
static int64_t notify_recipients(int64_t id, const char *ref, const struct concern_input *in,
				 int64_t mask)
{
	/* The category and reference only: never who or what it is about. */
	char *msg = xasprintf("%s concern %s (%s) needs your attention.",
			      in->urgent ? "An urgent" : "A new", ref,
			      concern_category_label(in->category));
	char *link = xasprintf("/concerns/%lld", (long long)id);
	/* The kind gives the e-mail its subject: urgent says so, nothing more. */
	int64_t told = notify_roles((unsigned)mask, in->about_id,
				    in->urgent ? "concern_urgent" : "concern", msg, link);
	free(msg);
	free(link);
	return told;
}

/* Inappropriate content reached on school machines goes to "the school's
 * network manager and Headteacher immediately" (heatons 6.8), "so that the
 * site can be blocked" (7.3).  A report about the headteacher goes to the
 * chair alone, so the network manager is asked only to block the site: as
 * the reporter's own filtering request, which says nothing of the report,
 * and is withheld from the headteacher: for them it is not there
 * (filtering_block_ask). */
static void block_for_head_report(const struct request *rq, const struct concern_input *in)
{
	if (!rq || !rq->user.id || strcmp(in->category, "premises_content") != 0)
		return;
	filtering_block_ask(rq, in->url ? in->url : "No address given: ask the person who asked",
			    "Inappropriate content was reached at this address on school "
			    "premises: block it so that it cannot be reached again.",
			    in->about_id);
}

int64_t concern_file_reaching(const struct request *rq, const struct concern_input *in,
			      char ref[32], int64_t *reached)
{
	char at[ISO_LEN], due[ISO_LEN], year[5];
	time_t t = now();
	iso_time(t, at);
	iso_time(workday_deadline(t, in->urgent ? 0 : 1, closure_day_db, NULL), due);
	memcpy(year, at, 4);
	year[4] = 0;
	/* Under the write lock, so the next id is ours.  Never one a deleted
	 * concern had (the disposal register keeps it): its reference in the
	 * audit log and the register must name one case, and its chronology's
	 * guard against deletion must not take a new case for the old one. */
	int64_t id = db_int(0, "SELECT " RECORD_NEXT_ID("concerns", "'concern'"), "");
	snprintf(ref, 32, "C-%s-%06lld", year, (long long)id);
	int about_head = in->about_id && concern_about_conduct(in->category) &&
			 (user_roles_load(in->about_id) & ROLE_HEADTEACHER);
	int64_t mask = route_mask(in, about_head);
	db_exec("INSERT INTO concerns(id, reference, reporter_id, category, summary, details, "
		"occurred_at, platform, url, "
		"involved, about_id, account_id, urgent, created_at, due_by, recipient_mask) "
		"VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), nullif(?, 0), ?, "
		"?, ?, ?)",
		"ItItttttttIIittI", id, ref, rq ? rq->user.id : (int64_t)0, in->category,
		in->summary, in->details ? in->details : "", in->occurred_at,
		in->platform ? in->platform : "", in->url ? in->url : "",
		in->involved ? in->involved : "", in->about_id, in->account_id, in->urgent, at,
		due, mask);
	if (about_head)
		block_for_head_report(rq, in);
	db_exec("INSERT INTO concern_events(concern_id, at, actor_id, action, detail, internal) "
		"VALUES (?, ?, nullif(?, 0), 'reported', '{}', 0)",
		"ItI", id, at, rq ? rq->user.id : (int64_t)0);
	int64_t told = notify_recipients(id, ref, in, mask);
	if (reached)
		*reached = told;
	concern_pattern_warn(id, ref, in->about_id);
	audit(rq, "concern.report", ref, "category=%s urgent=%s", in->category,
	      in->urgent ? "yes" : "no");
	return db_failed() ? -1 : id;
}

int64_t concern_file(const struct request *rq, const struct concern_input *in, char ref[32])
{
	return concern_file_reaching(rq, in, ref, NULL);
}
