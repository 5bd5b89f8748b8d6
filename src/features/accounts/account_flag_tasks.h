/* "My tasks" that name one school account each (its lead has left, its
 * monitoring is overdue, its yearly review is due ...), gathered by kind:
 * a kind with at most FLAG_TASKS_EACH accounts gives a task for each; more
 * give one task saying how many, linking to the register, whose "Needs
 * attention" column shows every account's flags.  A school with many
 * accounts reads its home page at a glance, and the page does not grow with
 * the accounts. */
#ifndef STAFFROOM_ACCOUNT_FLAG_TASKS_H
#define STAFFROOM_ACCOUNT_FLAG_TASKS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define FLAG_TASKS_EACH 5
#define FLAG_KINDS 8

/* A kind of task: one account's task says `each` with the account's name
 * (and, for dormancy, how long); the grouped task says before, the number
 * of accounts, after. */
struct flag_kind {
	const char *kind;
	int urgent;
	const char *before, *after;
	const char *each;
};

/* The kinds, in the order My tasks gives them to the moderator. */
extern const struct flag_kind flag_lead_left, flag_monitoring_overdue, flag_gate,
	flag_password_change, flag_review_due, flag_dormant;

/* The tasks gathered so far, by kind ({ 0 } to start). */
struct flag_tasks {
	struct {
		const struct flag_kind *k;
		json_t *each;   /* the first FLAG_TASKS_EACH tasks */
		size_t count;   /* all of them */
	} group[FLAG_KINDS];
	size_t n;
};

/* Account id, named name, is of kind k; `more` fills the second %s of
 * k->each (the dormant days' words), or NULL. */
void flag_account(struct flag_tasks *ft, const struct flag_kind *k, int64_t id,
		  const char *name, const char *more);
/* n accounts, more than FLAG_TASKS_EACH, are of kind k: counted, none named. */
void flag_accounts_counted(struct flag_tasks *ft, const struct flag_kind *k, size_t n);
/* Adds the gathered tasks to tasks, kind by kind, and empties ft. */
void flag_tasks_done(struct flag_tasks *ft, json_t *tasks);

#endif
