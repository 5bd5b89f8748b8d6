/* The demo school's agreement: its first version, published six weeks ago
 * from src/demo/acceptable-use.md, signed by most of the demo people, and
 * their training records; then the code of conduct (demo_code.c). */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "features/aup/aup_demo.h"
#include "core/audit.h"
#include "lib/config.h"
#include "db/db.h"
#include "core/demo.h"
#include "lib/readfile.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *aup_demo_body(const char *rel)
{
	char *path = share_path(rel);
	size_t len;
	char *text = read_whole_file(path, &len, 1 << 22);
	free(path);
	if (!text)
		return NULL;
	/* The file's "# " title line is the policy's title, shown as the page's heading. */
	char *body = text;
	if (strncmp(body, "# ", 2) == 0 && strchr(body, '\n'))
		for (body = strchr(body, '\n'); *body == '\n'; body++)
			;
	body = xstrdup(body);
	free(text);
	return body;
}

static void days_ago(int days, char out[11])
{
	iso_date(now() - (time_t)days * 86400, out);
}

static const char *const demo_signers[] = { "head@demo.school",    "deputy@demo.school",
					    "dsl@demo.school",     "moderator@demo.school",
					    "bursar@demo.school",  "governor@demo.school",
					    "science@demo.school", "ta@demo.school" };

static void demo_paper(int64_t signature_id, int64_t vid, time_t recorded)
{
	char paper[11], recorded_at[ISO_LEN];
	iso_date(recorded - 86400, paper);
	iso_time(recorded, recorded_at);
	db_exec("INSERT INTO paper_signatures(signature_id, version_id, paper_date, recorded_by, "
		"recorded_at) VALUES (?,?,?,?,?)",
		"IItIt", signature_id, vid, paper, demo_user("bursar@demo.school"), recorded_at);
}

/* The supply teacher, who works in three schools, has not agreed yet. */
static void demo_decline(int64_t vid, const char *title)
{
	char at[ISO_LEN];
	iso_time(now() - (time_t)12 * 86400, at);
	db_exec("INSERT INTO policy_declines(version_id, user_id, reason, declined_at) "
		"VALUES (?,?,?,?)",
		"IItt", vid, demo_user("supply@demo.school"),
		"I teach in three schools and use my own laptop for planning. I cannot agree to "
		"keep school data only on school devices until I am given one for the days I am "
		"here.",
		at);
	audit(NULL, "aup.decline", title, "demo decline by supply@demo.school");
}

int64_t aup_demo_sign(int64_t vid, const char *email, time_t when, const char *sha,
		      const char *title, int paper)
{
	int64_t uid = demo_user(email);
	char *name = db_text("SELECT name FROM users WHERE id = ?", "I", uid);
	char at[ISO_LEN];
	iso_time(when, at);
	int64_t sid = db_insert("INSERT INTO signatures(version_id, user_id, typed_name, "
				"signed_at, address, user_agent, body_sha256) "
				"VALUES (?,?,?,?,?,?,?)",
				"IIttttt", vid, uid, name ? name : "", at, paper ? "paper" : "",
				paper ? "" : "demo", sha);
	audit(NULL, "aup.sign", title, "demo signature by %s", email);
	free(name);
	return sid;
}

static void demo_signatures(int64_t vid, const char *sha, const char *title)
{
	for (size_t i = 0; i < sizeof demo_signers / sizeof demo_signers[0]; i++) {
		time_t signed_at = now() - (time_t)(40 - (int)i * 3) * 86400;
		/* The parent governor signed on paper at the governors' meeting; the
		 * business manager entered it the next morning. */
		int paper = strcmp(demo_signers[i], "governor@demo.school") == 0;
		int64_t sid = aup_demo_sign(vid, demo_signers[i], signed_at, sha, title, paper);
		if (paper)
			demo_paper(sid, vid, signed_at);
	}
}

void aup_demo_authorised(int64_t vid, const char *title, time_t meeting_at, const char *minute)
{
	char meeting[11], at[ISO_LEN];
	iso_date(meeting_at, meeting);
	iso_time(meeting_at + 86400, at);
	db_exec("INSERT INTO policy_authorisations(version_id, authorised_by, authoriser_name, "
		"meeting_date, minute_ref, authorised_on, recorded_by, recorded_at) "
		"VALUES (?, 'governing_body', 'Full governing body', ?, ?, ?, ?, ?)",
		"ItttIt", vid, meeting, minute, meeting, demo_user("admin@demo.school"), at);
	audit(NULL, "policy.authorise", title, "version=1 by=governing_body meeting=%s minute=%s",
	      meeting, minute);
}

struct demo_training {
	const char *email, *course;
	int completed_ago, expires_ago; /* days before today; a negative number is in the future */
};

static const struct demo_training demo_records[] = {
	{ "head@demo.school", "social_media_policy", 100, -265 },
	{ "moderator@demo.school", "social_media_policy", 60, -305 },
	{ "science@demo.school", "social_media_policy", 30, -335 },
	{ "dsl@demo.school", "safeguarding", 200, -530 },
	{ "teacher@demo.school", "safeguarding", 45, -685 },
	{ "ta@demo.school", "safeguarding", 20, -710 },
	{ "network@demo.school", "social_media_policy", 500, 135 },
};

static void demo_training(void)
{
	char at[ISO_LEN], done[11], expires[11];
	iso_now(at);
	for (size_t i = 0; i < sizeof demo_records / sizeof demo_records[0]; i++) {
		days_ago(demo_records[i].completed_ago, done);
		days_ago(demo_records[i].expires_ago, expires);
		db_exec("INSERT INTO training(user_id, course, completed_on, expires_on, "
			"recorded_at) VALUES (?,?,?,?,?)",
			"Itttt", demo_user(demo_records[i].email), demo_records[i].course, done,
			expires, at);
	}
	audit(NULL, "training.record", "", "demo records=%zu",
	      sizeof demo_records / sizeof demo_records[0]);
}

int aup_demo(void)
{
	/* The demo people have worked here for a while, since before last
	 * September (the code of conduct's yearly signing, demo_code.c): days
	 * outstanding count from the version's date, not from the moment the
	 * demo was made. */
	char joined[ISO_LEN];
	iso_time(now() - (time_t)800 * 86400, joined);
	db_exec("UPDATE users SET created_at = ?", "t", joined);
	char *body = aup_demo_body("src/demo/acceptable-use.md");
	if (!body)
		return -1;
	const char *title = "Staff acceptable-use agreement";
	char at[ISO_LEN], eff[11], due[11], sha[65];
	iso_now(at);
	days_ago(42, eff);
	days_ago(42 - 365, due);
	sha256_hex(body, strlen(body), sha);
	int64_t pid =
		db_insert("INSERT INTO policies(title, applies_to, created_at) VALUES (?,?,?)",
			  "ttt", title, "teacher,support,supply,governor,contractor,volunteer", at);
	int64_t vid = db_insert("INSERT INTO policy_versions(policy_id, number, body, sha256, "
				"summary, effective, review_due, "
				"published_at, published_by) VALUES (?,1,?,?,?,?,?,?,?)",
				"IttttttI", pid, body, sha, "First version of the agreement.", eff,
				due, at, demo_user("admin@demo.school"));
	free(body);
	audit(NULL, "policy.publish", title, "version=1 effective=%s review_due=%s sha256=%s", eff,
	      due, sha);
	/* wynstones' footer "Authorised by: Name / Sign / Job title / Date": the
	 * governors agreed it at their meeting a week before it took effect. */
	aup_demo_authorised(vid, title, now() - (time_t)49 * 86400, "7.2");
	demo_signatures(vid, sha, title);
	demo_decline(vid, title);
	demo_training();
	return db_failed() || aup_demo_code() != 0 ? -1 : 0;
}
