/* One task an account while a kind has few, one task a kind past that
 * (account_flag_tasks.h). */
#define _GNU_SOURCE
#include "features/accounts/account_flag_tasks.h"
#include "core/tasks.h"
#include "lib/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* The group of kind k, made at its first task; the task counted in it.
 * Whether the task itself is still wanted: past FLAG_TASKS_EACH, the kind
 * becomes one task saying how many, so none is made. */
static json_t *counted_in_group(struct flag_tasks *ft, const struct flag_kind *k)
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
	return ++ft->group[i].count <= FLAG_TASKS_EACH ? ft->group[i].each : NULL;
}

void flag_task(struct flag_tasks *ft, const struct flag_kind *k, const char *link,
	       const char *message)
{
	json_t *each = counted_in_group(ft, k);
	if (each)
		task_add(each, k->kind, message, link, k->urgent);
}

void flag_taskf(struct flag_tasks *ft, const struct flag_kind *k, const char *link,
		const char *fmt, ...)
{
	json_t *each = counted_in_group(ft, k);
	if (!each)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *message = NULL;
	if (vasprintf(&message, fmt, ap) >= 0)
		task_add(each, k->kind, message, link, k->urgent);
	va_end(ap);
	free(message);
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
