/* `staffroom demo --scale N`: a synthetic school of N staff with ten years
 * of records, for the benchmark (bench/) and for trying pages at size.
 *
 * Per member of staff: 10 concerns (each with its chronology; one in a
 * thousand has 20 events, one in ten a small evidence file), 100 audit
 * rows (sign-ins, signatures, training records and cases viewed and
 * reported), a signature of the current agreement (92%), two training
 * records (85%); one account application per 25 staff, and at least 120,
 * every other one approved with its account.
 *
 * Speed: rows go in through the cached prepared statements in large
 * transactions, synthetic staff share ONE password hash, and the audit
 * chain (keyed, after the start row init wrote) is carried along in C
 * instead of being read back per row. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/demo.h"
#include "features/accounts/accounts.h"
#include "features/concerns/concerns.h"
#include "http/feature.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 50000               /* rows per transaction */
#define YEARS 10
#define DAY 86400

/* A small deterministic generator: the same N gives the same school. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static const char *const first[] = { "Amy",      "Ben",   "Chloe",  "David", "Emma",  "Farid",
				     "Grace",    "Harry", "Isla",   "Jack",  "Kiran", "Laura",
				     "Mohammed", "Nina",  "Oliver", "Priya", "Rosa",  "Sam" };
static const char *const last[] = { "Ahmed",   "Brown", "Clarke", "Davies", "Evans",  "Green",
				    "Hughes",  "Jones", "Khan",   "Lewis",  "Morgan", "Patel",
				    "Roberts", "Smith", "Taylor", "Walker" };
static const char *const depts[] = { "English", "Maths",    "Science", "History",   "Geography",
				     "PE",      "Art",      "Music",   "Languages", "Computing",
				     "Office",  "Pastoral", "Year 3",  "Year 5" };
static const char *const types[] = { "teacher", "teacher",  "teacher",   "support",   "support",
				     "supply",  "governor", "volunteer", "contractor" };
/* Every category and every platform, from their lists; "other", the
 * platforms' last, is left out of the synthetic accounts. */
#define CATEGORY_CODE(code, label, explanation) code,
#define PLATFORM_CODE(code, label) code,
static const char *const categories[] = { CONCERN_CATEGORY_LIST(CATEGORY_CODE) };
#define NCATEGORIES (sizeof categories / sizeof categories[0])
static const char *const platforms[] = { PLATFORM_LIST(PLATFORM_CODE) };
#define NPLATFORMS (sizeof platforms / sizeof platforms[0] - 1)
static const char *const app_status[] = { "submitted", "forwarded", "returned",
					  "approved",  "rejected",  "withdrawn" };

struct scale {
	int staff;                /* synthetic people to add */
	int64_t first_id;         /* their ids are first_id .. first_id + staff - 1 */
	time_t now, start;        /* records spread over [start, now] */
	int64_t version_id;
	char version_sha[65];
	char policy_title[201];   /* its policy's, as a signature's audit row names it */
	char prev_hash[65];       /* the audit chain so far */
	long rows;                /* in the current transaction */
};

static int64_t someone(const struct scale *s)
{
	return s->first_id + rnd((uint32_t)s->staff);
}

static void at_time(time_t t, char out[ISO_LEN])
{
	iso_time(t, out);
}

/* Commits every BATCH rows: big transactions are fast, endless ones hold
 * the whole WAL. */
static int tick(struct scale *s)
{
	if (++s->rows < BATCH)
		return 0;
	s->rows = 0;
	if (db_commit() != 0 || db_begin() != 0)
		return -1;
	return 0;
}

static int add_people(struct scale *s)
{
	char hash[crypto_pwhash_STRBYTES], at[ISO_LEN], email[64], name[64];
	/* One hash for everyone, of the demo's public password. */
	if (password_hash_public(DEMO_PASSWORD, hash) != 0)
		return -1;
	s->first_id = db_int(0, "SELECT coalesce(max(id), 0) + 1 FROM users", "");
	for (int i = 0; i < s->staff; i++) {
		int64_t id = s->first_id + i;
		snprintf(email, sizeof email, "staff%06d@scale.school", i + 1);
		snprintf(name, sizeof name, "%s %s", first[rnd(18)], last[rnd(16)]);
		at_time(s->start + (time_t)rnd((uint32_t)(s->now - s->start)), at);
		db_exec("INSERT INTO users(id, email, name, job_title, department, staff_type, "
			"password_hash, created_at) "
			"VALUES (?,?,?,?,?,?,?,?)",
			"Itttttt"
			"t",
			id, email, name, "Member of staff", depts[rnd(14)], types[rnd(9)], hash,
			at);
		db_exec("INSERT INTO user_roles(user_id, role) VALUES (?, 'staff')", "I", id);
		if (tick(s))
			return -1;
	}
	return db_failed() ? -1 : 0;
}

static int add_signatures_and_training(struct scale *s)
{
	char at[ISO_LEN], done[11], expires[11];
	for (int i = 0; i < s->staff; i++) {
		int64_t id = s->first_id + i;
		time_t t = s->now - (time_t)rnd(40 * DAY);
		at_time(t, at);
		if (rnd(100) < 92)
			db_exec("INSERT INTO signatures(version_id, user_id, typed_name, "
				"signed_at, address, user_agent, "
				"body_sha256) VALUES (?,?,'Synthetic "
				"signer',?,'127.0.0.1','bench',?)",
				"IItt", s->version_id, id, at, s->version_sha);
		if (rnd(100) < 85) {
			static const char *const courses[] = { "social_media_policy",
							       "safeguarding" };
			for (int c = 0; c < 2; c++) {
				time_t when = s->now - (time_t)rnd(700) * DAY;
				iso_date(when, done);
				iso_date(when + 730 * (time_t)DAY, expires);
				db_exec("INSERT INTO training(user_id, course, completed_on, "
					"expires_on, recorded_at) "
					"VALUES (?,?,?,?,?)",
					"Itttt", id, courses[c], done, expires, at);
			}
		}
		if (tick(s))
			return -1;
	}
	return db_failed() ? -1 : 0;
}

static void event(int64_t concern, time_t t, int64_t actor, const char *action, const char *detail,
		  int internal)
{
	char at[ISO_LEN];
	at_time(t, at);
	db_exec("INSERT INTO concern_events(concern_id, at, actor_id, action, detail, internal) "
		"VALUES (?,?,?,?,?,?)",
		"ItItti", concern, at, actor, action, detail, internal);
}

static void add_evidence(int64_t concern, int64_t by, time_t t)
{
	char body[320], sha[65], at[ISO_LEN];
	int n = snprintf(
		body, sizeof body,
		"Transcript of the post reported with concern %lld.\n"
		"Posted in a public group; several replies; screenshot kept by the reporter.\n",
		(long long)concern);
	sha256_hex(body, (size_t)n, sha);
	at_time(t, at);
	db_exec("INSERT INTO evidence(concern_id, filename, type, size, sha256, bytes, added_at, "
		"added_by) "
		"VALUES (?, 'transcript.txt', 'text/plain', ?, ?, ?, ?, ?)",
		"Iitbt"
		"I",
		concern, n, sha, body, (size_t)n, at, by);
}

/* One concern and its chronology; older cases are closed, recent ones open. */
static void add_concern(struct scale *s, int64_t id, time_t t)
{
	static const char *const open[] = { "new", "acknowledged", "investigating", "escalated" };
	char at[ISO_LEN], due[ISO_LEN], ref[32], year[5];
	const char *category = categories[rnd(NCATEGORIES)];
	int64_t reporter = someone(s), handler = someone(s);
	int recent = s->now - t < 60 * DAY;
	const char *status = recent ? open[rnd(4)] : "closed";
	at_time(t, at);
	at_time(t + DAY, due);
	memcpy(year, at, 4);
	year[4] = 0;
	snprintf(ref, sizeof ref, "C-%s-%06lld", year, (long long)id);
	db_exec("INSERT INTO concerns(id, reference, reporter_id, category, summary, details, "
		"platform, urgent, status, "
		"assignee_id, created_at, due_by, acknowledged_at, closed_at, outcome, "
		"outcome_category, recipient_mask) "
		"VALUES (?,?,?,?,?,?,?,?,?,nullif(?,0),?,?,?,?,?,?,(SELECT coalesce(sum(b.bit), 0) "
		"FROM routing r JOIN role_bits b ON b.role = r.role WHERE r.category = ?4))",
		"ItItttti"
		"tIttttt"
		"t",
		id, ref, reporter, category, "A post about the school that needs looking at",
		"Seen on a public page; the reporter kept a screenshot.",
		platforms[rnd(NPLATFORMS)], rnd(20) == 0, status,
		strcmp(status, "new") ? handler : (int64_t)0, at, due,
		strcmp(status, "new") ? due : NULL, strcmp(status, "closed") ? NULL : due,
		strcmp(status, "closed") ? NULL : "Content removed and the parent spoken to.",
		strcmp(status, "closed") ? NULL : "content_removed");
	event(id, t, reporter, "reported", "{}", 0);
	int events = id % 1000 == 7 ? 20 : 1;
	if (strcmp(status, "new") != 0 && events < 2)
		events = strcmp(status, "closed") ? 3 : 4;
	for (int e = 1; e < events; e++) {
		time_t et = t + (time_t)e * 3600;
		if (e == 1)
			event(id, et, handler, "acknowledge", "{}", 0);
		else if (e == events - 1 && strcmp(status, "closed") == 0)
			event(id, et, handler, "close",
			      "{\"outcome\":\"Content removed and the parent spoken to.\","
			      "\"outcome_category\":\"content_removed\"}",
			      0);
		else
			event(id, et, handler, "note",
			      "{\"text\":\"Spoke to the people involved; notes on file.\"}", 1);
	}
	if (id % 10 == 3)
		add_evidence(id, reporter, t);
}

static int add_concerns(struct scale *s)
{
	int n = s->staff * 10;
	int64_t first_id = db_int(0, "SELECT coalesce(max(id), 0) + 1 FROM concerns", "");
	for (int i = 0; i < n; i++) {
		/* Spread evenly over the years, in id order like real filing. */
		time_t t = s->start + (time_t)((double)(s->now - s->start - DAY) * i / n);
		add_concern(s, first_id + i, t);
		if (tick(s))
			return -1;
	}
	return db_failed() ? -1 : 0;
}

/* One application for every 25 staff, every other one approved with its
 * account, and never fewer than 120: the departments, clubs and teams of
 * a large secondary school on several platforms, more than a page of the
 * register (50 a page).  With fewer, the smallest school's register would
 * show a handful of rows, and the benchmark's comparison between sizes
 * would measure the page's length, not the cost of the records growing. */
#define MIN_APPLICATIONS 120

static int add_accounts(struct scale *s)
{
	char at[ISO_LEN];
	int applications = s->staff / 25 > MIN_APPLICATIONS ? s->staff / 25 : MIN_APPLICATIONS;
	for (int i = 0; i < applications; i++) {
		int64_t lead = someone(s);
		const char *status = app_status[rnd(6)];
		time_t t = s->start + (time_t)rnd((uint32_t)(s->now - s->start));
		at_time(t, at);
		char name[48];
		snprintf(name, sizeof name, "@school_dept_%d", i + 1);
		int64_t account = 0;
		if (i % 2 == 0) {
			account = db_insert("INSERT INTO social_accounts(platform, name, url, "
					    "department, lead_id, status, "
					    "created_at) VALUES (?,?,'',?,?,?,?)",
					    "tttIt"
					    "t",
					    platforms[rnd(NPLATFORMS)], name, depts[rnd(14)], lead,
					    rnd(10) ? "active" : "closed", at);
			for (int c = 0; c < 4; c++)
				db_exec("INSERT INTO account_checks(account_id, checked_at, "
					"comments_found, all_answered, by_id, "
					"recorded_at) VALUES (?,?,?,1,?,?)",
					"ItiIt", account, at, (int)rnd(2), lead, at);
			status = "approved";
		}
		int64_t app = db_insert("INSERT INTO account_applications(applicant_id, platform, "
					"name, department, aim, "
					"audience, promotion, lead_id, visibility, monitoring, "
					"status, created_at, updated_at, "
					"account_id) VALUES (?,?,?,?,'Share news with "
					"families.','Parents','Newsletter',?,"
					"'open','Checked weekly by the lead.',?,?,?,nullif(?,0))",
					"Ittt"
					"Ittt"
					"I",
					lead, platforms[rnd(NPLATFORMS)], name, depts[rnd(14)],
					lead, status, at, at, account);
		db_exec("INSERT INTO approvals(application_id, step, decision, actor_id, at) "
			"VALUES (?, 'submit', "
			"'submitted', ?, ?)",
			"IIt", app, lead, at);
		if (strcmp(status, "submitted") != 0)
			db_exec("INSERT INTO approvals(application_id, step, decision, actor_id, "
				"at) VALUES (?, 'decision', "
				"?, ?, ?)",
				"ItIt", app, status, someone(s), at);
		if (tick(s))
			return -1;
	}
	return db_failed() ? -1 : 0;
}

/* What an audit row names, as the handlers write it: a case by its
 * reference, a sign-in and a training record the person by their address,
 * a signature the agreement by its title.  (A log of case references alone
 * would hide nearly every row from an administrator, who may open no case:
 * a school's log is mostly its staff's own sign-ins and signatures.) */
static void audit_object(const struct scale *s, const char *action, const char *at,
			 const char *actor, char *object, size_t size)
{
	if (strncmp(action, "concern.", 8) == 0)
		snprintf(object, size, "C-%.4s-%06u", at, rnd((uint32_t)s->staff * 10) + 1);
	else if (strcmp(action, "aup.sign") == 0)
		copy_str(object, size, s->policy_title);
	else
		copy_str(object, size, actor);
}

/* Audit rows, oldest first, chained from the last row already there. */
static int add_audit(struct scale *s)
{
	static const char *const actions[] = { "concern.view", "concern.view",   "concern.view",
					       "login",        "login",          "aup.sign",
					       "concern.report", "training.record" };
	char at[ISO_LEN], hash[65], actor[64], object[201], detail[64];
	long n = (long)s->staff * 100;
	for (long i = 0; i < n; i++) {
		time_t t = s->start + (time_t)((double)(s->now - s->start) * i / n);
		int64_t who = someone(s);
		const char *action = actions[rnd(8)];
		at_time(t, at);
		snprintf(actor, sizeof actor, "staff%06lld@scale.school",
			 (long long)(who - s->first_id + 1));
		audit_object(s, action, at, actor, object, sizeof object);
		snprintf(detail, sizeof detail, "synthetic row %ld", i + 1);
		/* Synthetic staff hold the staff role; every row allowed. */
		struct audit_row r = { who,    actor,  "127.0.0.1", "staff", action,
				       object, detail, "allowed",   "" };
		audit_chain_hash(s->prev_hash, at, &r, hash);
		db_exec("INSERT INTO audit(at, actor_id, actor, address, action, object, detail, "
			"prev_hash, hash, roles, outcome) "
			"VALUES (?,?,?,'127.0.0.1',?,?,?,?,?,'staff','allowed')",
			"tIt"
			"ttttt",
			at, who, actor, action, object, detail, s->prev_hash, hash);
		memcpy(s->prev_hash, hash, sizeof hash);
		if (tick(s))
			return -1;
	}
	return db_failed() ? -1 : 0;
}

int demo_scale(int staff)
{
	struct scale s = { .staff = staff, .now = now() };
	s.start = s.now - (time_t)YEARS * 365 * DAY;
	/* The agreement, the demo's first policy: its one version is the first. */
	char *sha = db_text("SELECT sha256 FROM policy_versions ORDER BY id LIMIT 1", "");
	s.version_id = db_int(0, "SELECT min(id) FROM policy_versions", "");
	char *title = db_text("SELECT p.title FROM policies p JOIN policy_versions v ON "
			      "v.policy_id = p.id WHERE v.id = ?",
			      "I", s.version_id);
	if (staff < 1 || !sha || !title || !s.version_id) {
		free(sha);
		free(title);
		return -1;
	}
	copy_str(s.version_sha, sizeof s.version_sha, sha);
	copy_str(s.policy_title, sizeof s.policy_title, title);
	free(sha);
	free(title);
	char *prev = db_text("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", "");
	copy_str(s.prev_hash, sizeof s.prev_hash, prev ? prev : AUDIT_GENESIS);
	free(prev);
	if (db_begin() != 0)
		return -1;
	/* A big page cache for the writer connection (this statement runs on
	 * it, inside the transaction): the audit and concern indexes are
	 * written all over. */
	db_int(0, "PRAGMA cache_size = -262144", "");
	if (add_people(&s) || add_signatures_and_training(&s) || add_concerns(&s) ||
	    add_accounts(&s) || add_audit(&s)) {
		db_rollback();
		return -1;
	}
	/* The last batch; then fresh statistics for the query planner. */
	if (db_commit() != 0)
		return -1;
	db_exec("ANALYZE", "");
	return 0;
}
