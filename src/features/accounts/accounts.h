/* Departmental social-media accounts: what other features may know of them
 * (the folder's public header). */
#ifndef STAFFROOM_ACCOUNTS_H
#define STAFFROOM_ACCOUNTS_H

/* The platforms an account may be on, declared once (schema.sql's CHECKs on
 * account_applications.platform and social_accounts.platform repeat the
 * codes; tests/unit/test_lists.c checks they agree).  X(code, label): the
 * stored code and its name on pages.  Teams, Zoom, Google Classroom and
 * ClassDojo are the platforms the heatons policy names; ravens-wood §1
 * counts "video games [with] social media elements" as social media. */
#define PLATFORM_LIST(X)                                                                    \
	X("x", "X/Twitter") X("facebook", "Facebook") X("instagram", "Instagram")           \
	X("youtube", "YouTube") X("tiktok", "TikTok") X("linkedin", "LinkedIn") X("blog", "Blog") \
	X("teams", "Microsoft Teams") X("zoom", "Zoom") X("classroom", "Google Classroom")         \
	X("classdojo", "ClassDojo") X("game", "Game with social features") X("other", "Other")

#include "core/request.h"

#include <jansson.h>

/* May person me, with role bits mask (parameters or columns), open the
 * application for an account a (a row of account_applications)?  The
 * overseers (ACCOUNT_OVERSEERS, named again here for SQL), its applicant and
 * its lead, and the chair of governors once it has come to them: forwarded
 * with no one else free to decide it (application_decider: no active holder
 * of the decider role, the headteacher's or a senior leader's who neither
 * made, leads nor reviewed it), or decided by them.  The rule of its pages
 * (application_visible), shared with the views outside this folder that
 * name an application (the audit log, a subject access export).  NULL is
 * possible: test it with IS 1. */
#define APPLICATION_MAY_OPEN_AS(a, me, mask)                                                       \
	"((" mask " & (SELECT sum(bit) FROM role_bits WHERE role IN ('moderator', 'slt', "         \
	"'business_manager', 'headteacher'))) != 0 OR " a ".applicant_id = " me " OR " a           \
	".lead_id = " me " OR ((" mask " & (SELECT bit FROM role_bits WHERE role = 'chair')) "     \
	"!= 0 AND (EXISTS (SELECT 1 FROM approvals ad WHERE ad.application_id = " a ".id AND "     \
	"ad.step = 'decision' AND ad.actor_id = " me ") OR (" a ".status = 'forwarded' AND NOT "   \
	"EXISTS (SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.active = 1 "  \
	"AND r.role IN ('headteacher', 'slt', CASE (SELECT value FROM settings WHERE key = "       \
	"'account_decider') WHEN 'slt' THEN 'slt' ELSE 'business_manager' END) AND u.id NOT IN ("  \
	a ".applicant_id, " a ".lead_id) AND NOT EXISTS (SELECT 1 FROM approvals av WHERE "        \
	"av.application_id = " a ".id AND av.step = 'review' AND av.actor_id = u.id))))))"
/* May person me, with role bits mask, open the school account s (a row of
 * social_accounts)?  The overseers, its lead and its current staff
 * contributors (account_runs): the rule of its pages (account_visible),
 * shared with the audit log, whose rows about an account ("accounts/12",
 * "accounts/12/posts/3", or a path the router logged, "/accounts/12/...")
 * are hidden from the same people.  An account is never deleted. */
#define ACCOUNT_MAY_OPEN_AS(s, me, mask)                                                           \
	"((" mask " & (SELECT sum(bit) FROM role_bits WHERE role IN ('moderator', 'slt', "         \
	"'business_manager', 'headteacher'))) != 0 OR " s ".lead_id = " me " OR EXISTS (SELECT 1 " \
	"FROM account_contributors ac WHERE ac.account_id = " s ".id AND ac.user_id = " me " AND " \
	"ac.removed_at IS NULL))"
#define ACCOUNT_OF_OBJECT(col)                                                                     \
	"CASE WHEN " col " GLOB 'accounts/[0-9]*' THEN CAST(substr(" col ", 10) AS INTEGER) WHEN " \
	col " GLOB '/accounts/[0-9]*' THEN CAST(substr(" col ", 11) AS INTEGER) END"
/* The application an audit row's object in col names: as its own rows name
 * it ("accounts/applications/12") or a path the router logged
 * ("/accounts/applications/12/edit"); NULL when it names none. */
#define APPLICATION_OF_OBJECT(col)                                                                 \
	"CASE WHEN " col " GLOB 'accounts/applications/[0-9]*' THEN CAST(substr(" col ", 23) AS "  \
	"INTEGER) WHEN " col " GLOB '/accounts/applications/[0-9]*' THEN CAST(substr(" col         \
	", 24) AS INTEGER) END"

/* The open accounts, and the applications still being decided, that name
 * user_id as their lead, as far as this reader may open them: what must be
 * handed over before the person leaves.  {"accounts": [{id, name, platform,
 * platform_label, department, status}], "applications": [{id, name,
 * platform, platform_label, status}]} */
json_t *accounts_led_by(const struct request *rq, int64_t user_id);

/* School settings' choice of the agreement people who are not staff sign on
 * paper to run a school account (runner_agreement): the policies that may
 * be it, [{"id","title","chosen"}], and whether a policy may. */
json_t *runner_agreement_options(int64_t chosen);
int runner_agreement_allowed(int64_t policy_id);

#endif
