/* Who runs an account: its lead and its current contributors (ravens-wood
 * §3: "anyone running a social media account on behalf of the school"), and
 * the account's last logged activity, what "dormant" is measured from. */
#include "features/accounts/account.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

int account_runs(int64_t account_id, int64_t user_id)
{
	return db_int(0,
		      "SELECT EXISTS (SELECT 1 FROM social_accounts WHERE id = ? AND lead_id = ?) "
		      "OR EXISTS (SELECT 1 FROM account_contributors WHERE account_id = ? AND "
		      "user_id = ? AND removed_at IS NULL)",
		      "IIII", account_id, user_id, account_id, user_id) == 1;
}

int runs_any_account(int64_t user_id)
{
	return db_int(0,
		      "SELECT EXISTS (SELECT 1 FROM social_accounts WHERE lead_id = ? AND "
		      "status != 'closed') OR EXISTS (SELECT 1 FROM account_contributors c JOIN "
		      "social_accounts a ON a.id = c.account_id WHERE c.user_id = ? AND "
		      "c.removed_at IS NULL AND a.status != 'closed')",
		      "II", user_id, user_id) == 1;
}

int account_touch(int64_t account_id)
{
	char at[ISO_LEN];
	iso_now(at);
	return db_exec("INSERT INTO account_activity(account_id, last_at) VALUES (?, ?) "
		       "ON CONFLICT(account_id) DO UPDATE SET "
		       "last_at = max(last_at, excluded.last_at)",
		       "It", account_id, at);
}
