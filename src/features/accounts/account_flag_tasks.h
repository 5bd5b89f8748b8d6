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

#define FLAG_TASKS_EACH 5
#define FLAG_KINDS 8

/* A kind of task; the grouped task says before, the number of accounts, after. */
struct flag_kind {
	const char *kind;
	int urgent;
	const char *before, *after;
};

/* The tasks gathered so far, by kind ({ 0 } to start). */
struct flag_tasks {
	struct {
		const struct flag_kind *k;
		json_t *each;   /* the first FLAG_TASKS_EACH tasks */
		size_t count;   /* all of them */
	} group[FLAG_KINDS];
	size_t n;
};

void flag_task(struct flag_tasks *ft, const struct flag_kind *k, const char *link,
	       const char *message);
/* The same with the message made from a format ("... the account '%s' ..."). */
void flag_taskf(struct flag_tasks *ft, const struct flag_kind *k, const char *link,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Adds the gathered tasks to tasks, kind by kind, and empties ft. */
void flag_tasks_done(struct flag_tasks *ft, json_t *tasks);

#endif
