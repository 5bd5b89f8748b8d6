/* The demo school's filtering record: the deputy head and the parent
 * governor named as responsible, last year's review, a termly check, a
 * site blocked after a report, an unblock refused and a request waiting. */
#define _GNU_SOURCE
#include "core/demo.h"
#include "db/db.h"
#include "features/filtering/filtering_internal.h"
#include "lib/util.h"

#include <stdint.h>

static void days_ago(int days, char out[ISO_LEN])
{
	iso_time(now() - (time_t)days * 86400, out);
}

static int demo_request(const char *by, int ago, const char *kind, const char *site,
			const char *reason, const char *decision, const char *why)
{
	char asked[ISO_LEN], decided[ISO_LEN];
	days_ago(ago, asked);
	days_ago(ago > 0 ? ago - 1 : 0, decided);
	int64_t network = demo_user("network@demo.school");
	return db_insert("INSERT INTO filter_requests(kind, site, reason, requested_by, "
			 "requested_at, decision, decision_reason, decided_by, decided_at) "
			 "VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)",
			 "tttItttIt", kind, site, reason, demo_user(by), asked, decision, why,
			 decision ? network : 0, decision ? decided : NULL) > 0
		       ? 0
		       : -1;
}

static int demo_check(const char *by, int ago, const char *kind, const char *tested,
		      const char *actions)
{
	char at[ISO_LEN];
	days_ago(ago, at);
	return db_insert("INSERT INTO filter_checks(kind, done_on, tested, actions, recorded_by, "
			 "recorded_at) VALUES (?, substr(?, 1, 10), ?, ?, ?, ?)",
			 "ttttIt", kind, at, tested, actions, demo_user(by), at) > 0
		       ? 0
		       : -1;
}

int filtering_demo(void)
{
	db_exec("UPDATE settings SET value = ? WHERE key = 'filtering_leader'", "I",
		demo_user("deputy@demo.school"));
	db_exec("UPDATE settings SET value = ? WHERE key = 'filtering_governor'", "I",
		demo_user("governor@demo.school"));
	return demo_check("deputy@demo.school", 300, "review",
			  "Filtering and monitoring provision against the DfE standards, with "
			  "the governor: what is blocked, who gets the alerts, how staff report.",
			  "Add the new Year 7 laptops to monitoring; remind staff how to ask for "
			  "a site to be blocked.") |
	       demo_check("network@demo.school", 40, "check",
			  "Tried the test pages for adult content, gambling and proxies from a "
			  "pupil account in ICT 2 and on the library laptops: all blocked.",
			  "None.") |
	       demo_request("teacher@demo.school", 20, "block", "games-unblocked.example",
			    "Year 8 pupils were playing games on it in a cover lesson; it also "
			    "shows adverts for gambling.",
			    "done", "Blocked for pupils from the next morning.") |
	       demo_request("science@demo.school", 12, "unblock", "video.example/ks3-science",
			    "The KS3 science department's experiment videos are blocked.",
			    "refused",
			    "The site also hosts unmoderated comments; the same videos are "
			    "allowed through the school's licensed library instead.") |
	       demo_request("ta@demo.school", 1, "block", "chat.example",
			    "A pupil in Year 3 showed me a chat site open on a library computer.",
			    NULL, NULL);
}
