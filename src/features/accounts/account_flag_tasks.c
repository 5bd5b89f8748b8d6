/* One task an account while a kind has few, one task a kind past that
 * (account_flag_tasks.h). */
#define _GNU_SOURCE
#include "features/accounts/account_flag_tasks.h"
#include "features/accounts/account.h"
#include "core/tasks.h"
#include "lib/util.h"

#include <stdlib.h>

const struct flag_kind flag_lead_left = {
	"account_lead_left", 1, "The leads of ", " accounts have left: transfer or close each.",
	"The lead of the account '%s' has left: transfer or close it."
};
const struct flag_kind flag_monitoring_overdue = {
	"account_monitoring_overdue", 1, "Monitoring of ",
	" accounts is overdue: log a check on each.",
	"Monitoring of the account '%s' is overdue: log a check."
};
const struct flag_kind flag_gate = {
	"account_gate", 1, "On ",
	" accounts someone who runs the account no longer passes the policy checks.",
	"Someone who runs the account '%s' no longer passes the policy checks."
};
const struct flag_kind flag_password_change = {
	"account_password_change", 1, "Change the password of ",
	" accounts: someone who saw it has left, no longer leads the account or is no longer SLT "
	"or the moderator.",
	"Change the password of the account '%s': someone who saw it has left, no longer leads "
	"the account or is no longer SLT or the moderator."
};
const struct flag_kind flag_review_due = {
	"account_review_due", 0, "The yearly review of ",
	" accounts is due: confirm each one's lead, contributors, purpose and monitoring, or "
	"close it.",
	"The yearly review of the account '%s' is due: confirm its lead, contributors, purpose "
	"and monitoring, or close it."
};
const struct flag_kind flag_dormant = {
	"account_dormant", 0, "",
	" accounts are dormant: nothing has been logged on them for a long time.",
	"The account '%s' is dormant: nothing has been logged for %s."
};

/* The group of kind k, made at its first account. */
static size_t group_of(struct flag_tasks *ft, const struct flag_kind *k)
{
	size_t i = 0;
	while (i < ft->n && ft->group[i].k != k)
		i++;
	if (i == ft->n) {
		if (ft->n == FLAG_KINDS)
			abort(); /* a kind more than the array holds: FLAG_KINDS is too small */
		ft->group[ft->n].k = k;
		ft->group[ft->n].count = 0;
		ft->group[ft->n++].each = json_array();
	}
	return i;
}

/* Past FLAG_TASKS_EACH, the kind becomes one task saying how many, so the
 * account's own task is not made. */
void flag_account(struct flag_tasks *ft, const struct flag_kind *k, int64_t id,
		  const char *name, const char *more)
{
	size_t g = group_of(ft, k);
	if (++ft->group[g].count > FLAG_TASKS_EACH)
		return;
	char *link = account_link(id);
	char *message = xasprintf(k->each, name, more ? more : "");
	task_add(ft->group[g].each, k->kind, message, link, k->urgent);
	free(message);
	free(link);
}

void flag_accounts_counted(struct flag_tasks *ft, const struct flag_kind *k, size_t n)
{
	ft->group[group_of(ft, k)].count += n;
}

void flag_tasks_done(struct flag_tasks *ft, json_t *tasks)
{
	for (size_t i = 0; i < ft->n; i++) {
		const struct flag_kind *k = ft->group[i].k;
		json_t *each = ft->group[i].each;
		size_t n = ft->group[i].count;
		if (n <= FLAG_TASKS_EACH) {
			json_array_extend(tasks, each);
		} else {
			char *message = xasprintf("%s%zu%s", k->before, n, k->after);
			task_add(tasks, k->kind, message, "/accounts", k->urgent);
			free(message);
		}
		json_decref(each);
	}
	ft->n = 0;
}
