#define _GNU_SOURCE
/* The demo school's reply clock, moderation and mistakes on one account: a
 * parent's query answered in time, a complaint left past its deadline, a
 * spam comment hidden, and a mistake waiting for the moderator. */
#include "features/accounts/account.h"
#include "features/accounts/account_items.h"
#include "core/audit.h"
#include "db/db.h"
#include "lib/util.h"

#include <stdlib.h>

#define HOUR 3600

static void item(int64_t account, int64_t lead, const char *kind, const char *summary,
		 time_t received, time_t answered, const char *notes)
{
	char got[ISO_LEN], due[ISO_LEN], done[ISO_LEN];
	iso_time(received, got);
	iso_time(item_due(received, 1), due);
	iso_time(answered, done);
	db_exec("INSERT INTO account_items(account_id, kind, received_at, link, summary, due_at, "
		"logged_by, logged_at, answered_at, how, notes, answered_by) "
		"VALUES (?,?,?,'https://x.com/HillsideScience/status/1',?,?,?,?,"
		"?,?,?,nullif(?, 0))",
		"IttttIttttI", account, kind, got, summary, due, lead, got, answered ? done : NULL,
		answered ? "reply" : NULL, notes, answered ? lead : (int64_t)0);
}

int account_items_demo(int64_t account, int64_t lead, int64_t moderator)
{
	time_t t = now();
	item(account, lead, "query",
	     "A parent asks whether pupils need goggles of their own for science week.",
	     t - 50 * HOUR, t - 46 * HOUR,
	     "Replied: the department lends goggles; nothing to bring.");
	item(account, lead, "complaint",
	     "A parent says the photos from the trip were posted before families were asked.",
	     t - 120 * HOUR, 0, "");
	char at[ISO_LEN];
	iso_time(t - 30 * HOUR, at);
	db_exec("INSERT INTO account_moderation(account_id, action, what, link, names_pupil, "
		"by_id, at) VALUES (?, 'hid', ?, '', 0, ?, ?)",
		"ItIt", account,
		"A spam reply advertising a betting site under the science week post.", moderator,
		at);
	iso_time(t - 20 * HOUR, at);
	db_exec("INSERT INTO account_mistakes(account_id, what, link, removed, reported_by, "
		"reported_at) VALUES (?, ?, '', 1, ?, ?)",
		"ItIt", account,
		"I posted the club timetable with a pupil's first name and surname under their "
		"photo. Taken down within ten minutes.",
		lead, at);
	/* Named as the handlers name accounts (ACCOUNT_MAY_OPEN_AS). */
	char *link = account_link(account);
	audit(NULL, "account.item", link + 1, "demo: %s", "@HillsideScience");
	free(link);
	return db_failed() ? -1 : 0;
}
