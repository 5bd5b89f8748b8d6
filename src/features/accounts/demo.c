/* The demo school's accounts: an approved application with its account, one
 * application waiting for review, and a class blog registered long ago. */
#define _GNU_SOURCE
#include "features/accounts/account_team.h"
#include "features/accounts/account_items.h"
#include "features/accounts/account_posts.h"
#include "core/audit.h"
#include "db/db.h"
#include "core/demo.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

static void ago(time_t seconds, char out[ISO_LEN])
{
	iso_time(now() - seconds, out);
}

static int64_t demo_application(int64_t applicant, const char *platform, const char *name,
				const char *dept, const char *aim, const char *status, time_t age)
{
	char at[ISO_LEN];
	ago(age, at);
	int64_t id = db_insert("INSERT INTO account_applications(applicant_id, platform, name, "
			       "department, aim, audience, promotion, lead_id, "
			       "visibility, monitoring, status, created_at, updated_at) VALUES "
			       "(?,?,?,?,?,'Parents and pupils of the school',"
			       "'The school newsletter, website and parents'' evenings',?,'open',"
			       "'The lead reads every comment before 9am each school day and "
			       "answers within 24 hours.',?,?,?)",
			       "IttttIttt", applicant, platform, name, dept, aim, applicant, status,
			       at, at);
	db_exec("INSERT INTO approvals(application_id, step, decision, actor_id, at) VALUES (?, "
		"'submit', 'submitted', ?, ?)",
		"IIt", id, applicant, at);
	/* Named as the handler names it, so that the audit log shows it to those
	 * who may open the application (APPLICATION_MAY_OPEN_AS) and nobody else. */
	char *link = application_link(id);
	audit(NULL, "account.apply", link + 1, "demo: %s", name);
	free(link);
	return id;
}

static int64_t demo_account(const char *platform, const char *name, const char *url,
			    const char *dept, int64_t lead, time_t age, time_t checked_ago,
			    const char *notes)
{
	char at[ISO_LEN], checked[ISO_LEN];
	ago(age, at);
	ago(checked_ago, checked);
	int64_t id = db_insert("INSERT INTO social_accounts(platform, name, url, department, "
			       "lead_id, visibility, status, "
			       "created_at) VALUES (?,?,?,?,?,'open','active',?)",
			       "ttttIt", platform, name, url, dept, lead, at);
	db_exec("INSERT INTO account_checks(account_id, checked_at, comments_found, all_answered, "
		"notes, by_id, recorded_at) "
		"VALUES (?,?,1,1,?,?,?)",
		"IttIt", id, checked, notes, lead, checked);
	return id;
}

/* The approved account's lead was trained, as the approval required. */
static void demo_training(int64_t user)
{
	char done[11], expires[11], at[ISO_LEN];
	iso_date(now() - 60 * DAY, done);
	iso_date(now() + 300 * DAY, expires);
	ago(60 * DAY, at);
	db_exec("INSERT INTO training(user_id, course, completed_on, expires_on, recorded_at) "
		"VALUES (?, 'social_media_policy', ?, ?, ?)",
		"Ittt", user, done, expires, at);
}

int accounts_demo(void)
{
	int64_t science = demo_user("science@demo.school"),
		teacher = demo_user("teacher@demo.school");
	int64_t ta = demo_user("ta@demo.school"), mod = demo_user("moderator@demo.school");
	int64_t bursar = demo_user("bursar@demo.school");
	if (!science || !teacher || !ta || !mod || !bursar)
		return -1;
	char at[ISO_LEN];
	demo_training(science);
	int64_t app =
		demo_application(science, "x", "@HillsideScience", "Science",
				 "Share practical work, trips and science-week news with families.",
				 "approved", 32 * DAY);
	ago(31 * DAY, at);
	db_exec("INSERT INTO approvals(application_id, step, decision, comment, actor_id, at) "
		"VALUES (?, 'review', 'forward', 'Clear plan; the lead is trained.', ?, ?)",
		"IIt", app, mod, at);
	ago(30 * DAY, at);
	db_exec("INSERT INTO approvals(application_id, step, decision, actor_id, at, checks) "
		"VALUES (?, 'decision', "
		"'approve', ?, ?, '[{\"name\":\"lead_active\",\"ok\":true,\"detail\":\"Daniel Reid "
		"is an active member of staff.\"},"
		"{\"name\":\"lead_signed_aup\",\"ok\":true,\"detail\":\"Has signed the current "
		"acceptable-use agreement.\"},"
		"{\"name\":\"lead_trained\",\"ok\":true,\"detail\":\"Has current social-media "
		"policy training.\"}]')",
		"IIt", app, bursar, at);
	int64_t acct =
		demo_account("x", "@HillsideScience", "https://x.com/HillsideScience", "Science",
			     science, 30 * DAY, 3 * 3600,
			     "Two questions from parents about science week; both answered.");
	db_exec("UPDATE account_applications SET account_id = ? WHERE id = ?", "II", acct, app);
	account_items_demo(acct, science, mod);
	char *link = application_link(app);
	audit(NULL, "account.approve", link + 1, "demo: %s", "@HillsideScience");
	free(link);
	if (accounts_demo_team(acct) != 0) /* its contributors (demo_team.c) */
		return -1;
	demo_application(
		teacher, "instagram", "hillside_pe", "PE",
		"Celebrate fixtures, results and clubs; remind families about kit and fixtures.",
		"submitted", 2 * DAY);
	int64_t blog = demo_account("blog", "Year 3 class blog",
				    "https://blogs.hillside.example/year3", "Year 3", ta, 400 * DAY,
				    6 * DAY, "No new comments.");
	/* Named as the handlers name accounts (ACCOUNT_MAY_OPEN_AS). */
	char *blog_link = account_link(blog);
	audit(NULL, "account.register", blog_link + 1, "demo: %s", "Year 3 class blog");
	free(blog_link);
	if (account_posts_demo() != 0)
		return -1;
	/* Who no longer passes is flagged, and the moderator told, from the
	 * start, as the first night's pass would (the blog's lead is untrained). */
	if (account_gate_check_all() != 0)
		return -1;
	return db_failed() ? -1 : 0;
}
