/* Before a leaving date is confirmed, the administrator sees what the person
 * leads, so that each can be handed over first: social-media accounts and
 * applications naming them as lead (transferred by a moderator on the
 * account's page), and open cases assigned to them (reassigned on the case's
 * page).  Only what the reader may open is listed: a case they may not open
 * is not even counted (CONCERN_MAY_OPEN), and the page says so in words. */
#define _GNU_SOURCE
#include "features/admin/admin_sync.h"
#include "core/roles.h"
#include "db/db.h"
#include "features/accounts/accounts.h"
#include "features/concerns/concerns.h"

static json_t *assigned_cases(const struct request *rq, int64_t user_id)
{
	return db_rows("SELECT c.id, c.reference, c.status FROM concerns c "
		       "WHERE c.assignee_id = ? AND c.status != 'closed' AND " CONCERN_MAY_OPEN("c")
		       " ORDER BY c.id",
		       "I" CONCERN_MAY_OPEN_BINDS, user_id, rq->user.id,
		       routable_roles(rq), rq->user.id);
}

json_t *admin_handover(const struct request *rq, int64_t user_id)
{
	json_t *h = accounts_led_by(rq, user_id);
	json_object_set_new(h, "cases", assigned_cases(rq, user_id));
	int none = !json_array_size(json_object_get(h, "accounts")) &&
		   !json_array_size(json_object_get(h, "applications")) &&
		   !json_array_size(json_object_get(h, "cases"));
	json_object_set_new(h, "leads_nothing", json_boolean(none));
	return h;
}
