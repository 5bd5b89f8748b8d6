/* Who is posting (ravens-wood §5: "Users must declare who they are in social
 * media posts or accounts. Anonymous posts are discouraged in relation to
 * school activity"; §10: "Make it clear who is posting content").  The
 * author says, each time the post is sent, how it makes clear who is posting
 * it: a name and role, or the department's name on a department's account;
 * the senior leader who signs it off reads it beside the text. */
#define _GNU_SOURCE
#include "features/accounts/account_posts.h"
#include "db/db.h"

void post_posted_as_checked(const struct request *rq, struct reply *rp)
{
	if (!arg(rq, "posted_as"))
		reply_error_add(rp, "posted_as",
				"Say how the post makes clear who is posting it: the policy asks "
				"that posts on school accounts are not anonymous.");
}

void post_posted_as_store(const struct request *rq, int64_t post_id)
{
	db_exec("INSERT INTO account_post_posted_as(post_id, posted_as) VALUES (?, ?) "
		"ON CONFLICT(post_id) DO UPDATE SET posted_as = excluded.posted_as",
		"It", post_id, arg(rq, "posted_as"));
}
