/* Someone else's material in a post sent for sign-off (ravens-wood §6:
 * "consider the copyright of the content they are sharing and, where
 * necessary, ... seek permission from the copyright holder before sharing";
 * §10: "Ensure you have permission to 'share' other peoples' materials and
 * acknowledge the author"; slyne's agreement: "I will ensure that I have
 * permission to use the original work of others").  The author says, each
 * time the post is sent, whether it shares material someone else made and,
 * if so, confirms the permission and names whom the post credits; the
 * senior leader who signs it off reads the answer beside the text. */
#define _GNU_SOURCE
#include "features/accounts/account_posts.h"
#include "db/db.h"

#include <string.h>

void post_material_checked(const struct request *rq, struct reply *rp)
{
	const char *shares = arg(rq, "others_material");
	if (!shares) {
		reply_error_add(rp, "others_material",
				"Say whether the post shares someone else's material.");
		return;
	}
	if (strcmp(shares, "yes") != 0)
		return;
	if (!arg_yes(rq, "permission"))
		reply_error_add(rp, "permission",
				"Confirm that whoever holds the copyright has given permission to "
				"share it: ask them first, or leave their material out of the "
				"post.");
	if (!arg(rq, "credit"))
		reply_error_add(rp, "credit",
				"Say who made it, as the post credits them: the policy asks that "
				"the author is acknowledged.");
}

void post_material_store(const struct request *rq, int64_t post_id)
{
	int shares = arg_yes(rq, "others_material");
	db_exec("INSERT INTO account_post_material(post_id, others_material, permission, credit) "
		"VALUES (?, ?, ?, ?) ON CONFLICT(post_id) DO UPDATE SET "
		"others_material = excluded.others_material, permission = excluded.permission, "
		"credit = excluded.credit",
		"IIIt", post_id, (int64_t)shares, (int64_t)shares,
		shares ? arg(rq, "credit") : "");
}
