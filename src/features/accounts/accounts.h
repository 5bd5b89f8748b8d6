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
