#define _GNU_SOURCE
/* What the application page says when the lead fails a policy check: the
 * moderator is warned before forwarding it (and must confirm), and the
 * decider sees Approve unavailable with the reason and a button to record
 * the missing training, the reason the server gives when it refuses. */
#include "features/accounts/account.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static int fails(const json_t *checks, const char *name)
{
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c) {
		if (strcmp(json_str(c, "name"), name) == 0)
			return !json_is_true(json_object_get(c, "ok"));
	}
	return 0;
}

void application_warnings(json_t *m, const json_t *app, const json_t *checks)
{
	int fail = !checks_all_pass(checks);
	json_object_set_new(m, "checks_fail", json_boolean(fail));
	if (!fail)
		return;
	json_object_set_new(m, "failing", checks_failing(checks));
	char *why = checks_failing_words("The account cannot be approved", checks);
	json_object_set_new(m, "approve_blocked", json_string(why));
	free(why);
	/* The page's button searches the training records for the lead, where a
	 * leader records the missing course: by POST, so the address stays out
	 * of the URL (core/search.h). */
	if (fails(checks, "lead_trained"))
		json_object_set_new(m, "training_lead", json_string(json_str(app, "lead")));
}

int forward_confirmed(const struct request *rq, struct reply *rp, const json_t *checks)
{
	if (checks_all_pass(checks) || arg_yes(rq, "confirm"))
		return 1;
	char *what = checks_failing_words("Check before forwarding", checks);
	reply_error(rp, 409, "confirm",
		    "%s The account cannot be approved until they pass. To forward it all the "
		    "same, tick \"Forward even though these checks fail\".",
		    what);
	json_object_set_new(rp->model, "checks", checks_failing(checks));
	free(what);
	return 0;
}
