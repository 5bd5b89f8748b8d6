/* The demo school's staff code of conduct (src/demo/code-of-conduct.md),
 * signed again every year from 1 September, as schools have staff read
 * Keeping children safe in education part one each September (slyne's
 * staff agreement, "reviewed on an annual basis"): everyone it applies to
 * signed it last September, most have signed again this year, two have not
 * yet.  Its version 2 (code-of-conduct-v2.md) is saved as a draft awaiting
 * the full governing body: nobody is asked to sign it until it is
 * authorised (wynstones' "Authorised by" footer). */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "features/aup/aup_demo.h"
#include "core/audit.h"
#include "core/demo.h"
#include "core/policy_renewal.h"
#include "db/db.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define DAY ((time_t)86400)
#define TITLE "Staff code of conduct"

/* Everyone it applies to (teachers and support staff); the last DUE have
 * not signed it again since this September. */
static const char *const staff[] = {
	"head@demo.school",    "deputy@demo.school", "dsl@demo.school",
	"moderator@demo.school", "admin@demo.school", "teacher@demo.school",
	"science@demo.school", "ta@demo.school",     "bursar@demo.school",
	"network@demo.school",
};
#define NSTAFF (sizeof staff / sizeof staff[0])
#define DUE 2

static int64_t code_version(int64_t pid, int number, const char *rel, const char *summary,
			    time_t effective, time_t review, time_t saved, char sha[65])
{
	char *body = aup_demo_body(rel);
	if (!body)
		return -1;
	char eff[11], due[11], at[ISO_LEN];
	iso_date(effective, eff);
	iso_date(review, due);
	iso_time(saved, at);
	sha256_hex(body, strlen(body), sha);
	int64_t vid = db_insert("INSERT INTO policy_versions(policy_id, number, body, sha256, "
				"summary, effective, review_due, published_at, published_by) "
				"VALUES (?,?,?,?,?,?,?,?,?)",
				"IIttttttI", pid, (int64_t)number, body, sha, summary, eff, due, at,
				demo_user("admin@demo.school"));
	free(body);
	audit(NULL, "policy.publish", TITLE, "%sversion=%d effective=%s review_due=%s sha256=%s",
	      number > 1 ? "draft " : "", number, eff, due, sha);
	return vid;
}

/* This school year's signing again, in the mornings of the first days after
 * the renewal date (the INSET days), or spread until now when that is
 * sooner.  since is midnight, UK time. */
static void sign_again(int64_t vid, const char *sha, time_t since, size_t i)
{
	time_t soon = (time_t)(i / 3) * DAY + (9 + 2 * (time_t)(i % 3)) * 3600;
	time_t spread = (now() - since) * (time_t)(i + 1) / (time_t)(NSTAFF + 1);
	char at[ISO_LEN];
	iso_time(since + (soon < spread ? soon : spread), at);
	int64_t uid = demo_user(staff[i]);
	db_exec("INSERT INTO policy_acknowledgements(version_id, user_id, typed_name, "
		"acknowledged_at, address, user_agent, body_sha256) "
		"SELECT ?, id, name, ?, '', 'demo', ? FROM users WHERE id = ?",
		"IttI", vid, at, sha, uid);
	audit(NULL, "aup.sign", TITLE, "demo signing again by %s", staff[i]);
}

/* Version 1, in effect since the summer before last September, signed by
 * everyone then and by all but DUE of them again since this September. */
static int code_in_force(int64_t pid, time_t since)
{
	time_t last = since - 365 * DAY; /* last year's renewal date, near enough */
	char sha[65];
	int64_t vid = code_version(
		pid, 1, "src/demo/code-of-conduct.md",
		"First version: every member of staff reads and signs it each September, with "
		"part one of Keeping children safe in education.",
		last - 14 * DAY, now() + 120 * DAY, last - 59 * DAY, sha);
	if (vid < 0)
		return -1;
	/* The policy was written in the summer term before the governors agreed it. */
	char created[ISO_LEN];
	iso_time(last - 90 * DAY, created);
	db_exec("UPDATE policies SET created_at = ? WHERE id = ?", "tI", created, pid);
	aup_demo_authorised(vid, TITLE, last - 60 * DAY, "4.3");
	for (size_t i = 0; i < NSTAFF; i++) {
		time_t first = last + (time_t)(1 + i % 3) * DAY + 9 * 3600 + (time_t)i * 600;
		aup_demo_sign(vid, staff[i], first, sha, TITLE, 0);
		if (i < NSTAFF - DUE)
			sign_again(vid, sha, since, i);
	}
	return 0;
}

/* Version 2, saved by the office and waiting for the governors' meeting. */
static int code_draft(int64_t pid)
{
	char sha[65];
	int64_t vid = code_version(
		pid, 2, "src/demo/code-of-conduct-v2.md",
		"Adds low-level concerns (how to share one, and referring yourself), lifts in "
		"staff cars, and never entering pupils' details into AI tools. To be agreed by "
		"the full governing body at its next meeting.",
		now() + 28 * DAY, now() + 393 * DAY, now() - 3 * DAY, sha);
	/* A draft until it is authorised (policy_authorisations in schema.sql). */
	return vid < 0 ? -1
		       : db_exec("INSERT INTO policy_authorisations(version_id) VALUES (?)", "I",
				 vid);
}

int aup_demo_code(void)
{
	char at[ISO_LEN], since[24], date[11];
	iso_now(at);
	int64_t pid = db_insert("INSERT INTO policies(title, applies_to, created_at) "
				"VALUES (?, 'teacher,support', ?)",
				"tt", TITLE, at);
	db_exec("INSERT INTO policy_renewals(policy_id, renew_from) VALUES (?, '09-01')", "I", pid);
	audit(NULL, "policy.create", TITLE, "applies_to=teacher,support renew_from=09-01");
	time_t start;
	if (pid < 0 || !policy_renewal_since(pid, since, date) ||
	    parse_iso_time(since, &start) != 0)
		return -1;
	if (code_in_force(pid, start) != 0 || code_draft(pid) != 0)
		return -1;
	return db_failed() ? -1 : 0;
}
