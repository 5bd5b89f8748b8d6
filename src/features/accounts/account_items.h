/* What a school account's people log against it besides monitoring checks:
 * each comment, query or complaint and its answer (ravens-wood §4), the
 * moderation actions taken (braunstone), and mistakes reported (ravens-wood
 * §10).  Private to the accounts folder. */
#ifndef STAFFROOM_ACCOUNT_ITEMS_H
#define STAFFROOM_ACCOUNT_ITEMS_H

#include "core/request.h"
#include "core/tasks.h"
#include "http/router.h"

#include <jansson.h>
#include <stdint.h>
#include <time.h>

/* When an item received at `received` must be answered: 24 hours later, or,
 * when it arrives on a day that is not a working day, the end of the next
 * working day (account_items_due.c).  holidays_count: closure days are
 * working days for this clock (only weekends move the deadline). */
time_t item_due(time_t received, int holidays_count);
/* The setting account_reply_holidays_count: 1 unless it is "no". */
int reply_holidays_count(void);

/* The account a person logs something against (a runner, or the moderator):
 * NULL with the reply made (404 unseen, 403 seen but not run, 409 closed). */
json_t *account_for_runner(struct request *rq, struct reply *rp);
/* A received or answered time typed in UK time, not in the future: 0 and the
 * UTC time, or -1 with a 400 naming field. */
int typed_time(const struct request *rq, struct reply *rp, const char *field, const char *what,
	       time_t *t);

/* The account page's lists and permissions for these records, into m. */
void account_items_model(const struct request *rq, const json_t *a, json_t *m);
json_t *moderation_log(const struct request *rq, int64_t account_id);
json_t *mistakes_seen(const struct request *rq, int64_t account_id);
int mistakes_may_see_all(const struct request *rq);

task_fn account_reply_tasks;
handler_fn account_item_add, account_item_answer, account_moderation_add, account_mistake_add,
	account_mistake_resolve;

/* The demo school's items, a moderation action and a mistake on an account. */
int account_items_demo(int64_t account, int64_t lead, int64_t moderator);

#endif
