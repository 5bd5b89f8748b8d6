/* What a member of staff leads, for the hand-over asked before they leave
 * (accounts.h): listed only as far as the reader may open each record, the
 * same rule as the account and application pages (account_visible). */
#define _GNU_SOURCE
#include "features/accounts/account.h"
#include "features/accounts/accounts.h"
#include "db/db.h"

json_t *accounts_led_by(const struct request *rq, int64_t user_id)
{
	/* Overseers open every account; anyone else only their own (an
	 * administrator who is not one learns nothing of the accounts here). */
	int all = has_role(rq, ACCOUNT_OVERSEERS) || user_id == rq->user.id;
	json_t *accounts = all ? db_rows("SELECT id, name, platform, department, status "
					 "FROM social_accounts WHERE lead_id = ? AND status "
					 "IN ('active', 'suspended') ORDER BY name, id",
					 "I", user_id)
			       : json_array();
	json_t *apps = all ? db_rows("SELECT id, name, platform, status FROM account_applications "
				     "WHERE lead_id = ? AND status IN ('submitted', 'forwarded', "
				     "'returned') ORDER BY id",
				     "I", user_id)
			   : json_array();
	return json_pack("{s:o, s:o}", "accounts", accounts, "applications", apps);
}
