/* Publishing a policy version asks twice: the checked form first answers
 * with a preview (the text as staff will see it, its dates in UK time) and
 * writes nothing; "Save as a draft" sends the same values again with
 * confirm=yes, and policy_admin_publish checks them all again then. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "db/db.h"
#include "lib/json_get.h"

void policy_preview(struct request *rq, struct reply *rp, const json_t *policy)
{
	int64_t next = db_int(0, "SELECT max(number) FROM policy_versions WHERE policy_id = ?",
			      "I", rq->ids[0]) +
		       1;
	json_t *m = json_pack("{s:{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s}}", "preview",
			      "policy_id", (json_int_t)rq->ids[0], "title",
			      json_str(policy, "title"), "applies_to",
			      json_str(policy, "applies_to"), "number", (json_int_t)next, "body",
			      arg(rq, "body"), "summary", arg(rq, "summary"), "effective",
			      arg(rq, "effective"), "review_due", arg(rq, "review_due"));
	reply_page(rp, "policy_preview", "Check before publishing", m);
}
