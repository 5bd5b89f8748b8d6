#define _GNU_SOURCE
/* The demo school's people who run @HillsideScience besides its lead: the
 * moderator, who helps run it, and a PTA parent whose paper signature the
 * moderator entered; and a teacher who saw the password, then stopped
 * running the account, so the page asks for the password to be changed. */
#include "features/accounts/account_team.h"
#include "core/demo.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/vault.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

static void ago(time_t seconds, char out[ISO_LEN])
{
	iso_time(now() - seconds, out);
}

static int64_t contributor(int64_t account, int64_t user, const char *name, const char *relation,
			   int64_t by, time_t age)
{
	char at[ISO_LEN];
	ago(age, at);
	return db_insert("INSERT INTO account_contributors(account_id, user_id, name, relation, "
			 "added_by, added_at) VALUES (?, nullif(?, 0), ?, ?, ?, ?)",
			 "IIttIt", account, user, name, relation, by, at);
}

/* Sealed as credentials_set seals them; skipped when the key cannot be read. */
static void demo_credentials(int64_t account, int64_t mod)
{
	static const char plain[] = "{\"login\":\"HillsideScience\",\"password\":"
				    "\"demo-only-Lab-Coat-42\",\"recovery_email\":"
				    "\"office@hillside.example\",\"two_factor_notes\":"
				    "\"Codes go to the school office mobile.\"}";
	unsigned char nonce[VAULT_NONCE_BYTES], *box = NULL;
	size_t box_len = 0;
	if (vault_seal(account, plain, strlen(plain), nonce, &box, &box_len) != 0)
		return;
	char at[ISO_LEN];
	ago(45 * DAY, at);
	db_exec("UPDATE social_accounts SET cred_nonce = ?, cred_box = ?, cred_updated_at = ? "
		"WHERE id = ?",
		"bbtI", nonce, sizeof nonce, box, box_len, at, account);
	db_exec("INSERT INTO account_password_changes(account_id, changed_at, changed_by) "
		"VALUES (?, ?, ?)",
		"ItI", account, at, mod);
	free(box);
}

int accounts_demo_team(int64_t account)
{
	int64_t mod = demo_user("moderator@demo.school"),
		teacher = demo_user("teacher@demo.school");
	int64_t version = db_int(0, "SELECT min(id) FROM policy_versions", "");
	if (!mod || !teacher || !version)
		return -1;
	char at[ISO_LEN], paper[11];
	contributor(account, mod, "", "", mod, 28 * DAY);
	int64_t parent = contributor(account, 0, "Joanne Fielding",
				     "Parent (PTA), science-week posts", mod, 20 * DAY);
	ago(20 * DAY, at);
	iso_date(now() - 22 * DAY, paper);
	db_exec("INSERT INTO contributor_paper(contributor_id, version_id, paper_date, "
		"recorded_by, "
		"recorded_at) VALUES (?, ?, ?, ?, ?)",
		"IItIt", parent, version, paper, mod, at);
	iso_date(now() - 21 * DAY, paper);
	db_exec("INSERT INTO contributor_training(contributor_id, completed_on, recorded_by, "
		"recorded_at) VALUES (?, ?, ?, ?)",
		"ItIt", parent, paper, mod, at);
	demo_credentials(account, mod);
	/* Amy Clarke helped with science week, saw the password, and has since
	 * moved to the PE account's application. */
	int64_t amy = contributor(account, teacher, "", "", mod, 26 * DAY);
	ago(24 * DAY, at);
	db_exec("INSERT INTO account_reveals(account_id, user_id, revealed_at, as_runner, "
		"changes_before) VALUES (?, ?, ?, 1, (SELECT count(*) FROM "
		"account_password_changes WHERE account_id = ?))",
		"IItI", account, teacher, at, account);
	ago(3 * DAY, at);
	db_exec("UPDATE account_contributors SET removed_at = ?, removed_by = ? WHERE id = ?",
		"tII", at, mod, amy);
	return db_failed() ? -1 : 0;
}
