/* What a member of staff leads, for the hand-over asked before they leave
 * (accounts.h): listed only as far as the reader may open each record, the
 * same rule as the account and application pages (account_visible). */
#define _GNU_SOURCE
#include "features/accounts/account.h"
#include "features/accounts/accounts.h"
#include "db/db.h"

static json_t *labelled(json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		account_row_labels(row);
	return rows;
}

json_t *accounts_led_by(const struct request *rq, int64_t user_id)
{
	/* Overseers open every account; anyone else only their own (an
	 * administrator who is not one learns nothing of the accounts here). */
	if (!has_role(rq, ACCOUNT_OVERSEERS) && user_id != rq->user.id)
		return json_pack("{s:[], s:[]}", "accounts", "applications");
	json_t *accounts = db_rows("SELECT id, name, platform, platform_other, department, status "
				   "FROM social_accounts WHERE lead_id = ? AND status "
				   "IN ('active', 'suspended') ORDER BY name, id",
				   "I", user_id);
	json_t *apps = db_rows("SELECT id, name, platform, platform_other, status "
			       "FROM account_applications WHERE lead_id = ? AND status "
			       "IN ('submitted', 'forwarded', 'returned') ORDER BY id",
			       "I", user_id);
	return json_pack("{s:o, s:o}", "accounts", labelled(accounts), "applications",
			 labelled(apps));
}
