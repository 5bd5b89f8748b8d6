/* The audit log's syslog copy (audit_syslog.h).  A row is written inside
 * its request's transaction, which may still roll back; so its line waits
 * in a per-thread list until the database says the transaction is durable
 * (db_on_end), and a row that never was is never sent. */
#define _GNU_SOURCE
#include "core/audit_syslog.h"
#include "db/db.h"
#include "lib/config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

struct line {
	struct line *next;
	int priority;
	char *text;
};
static int enabled;
static __thread struct line *pending, *pending_last;

static void drop_or_send(int committed)
{
	/* Oldest first, as they were written. */
	for (struct line *l = pending, *next; l; l = next) {
		next = l->next;
		if (committed)
			syslog(l->priority, "%s", l->text);
		free(l->text);
		free(l);
	}
	pending = pending_last = NULL;
}

void audit_syslog_start(void)
{
	if (!cfg.audit_syslog || enabled)
		return;
	/* LOG_AUTHPRIV: the facility for security records, kept from users
	 * who may read the ordinary system log. */
	openlog("staffroom", LOG_PID, LOG_AUTHPRIV);
	db_on_end(drop_or_send);
	enabled = 1;
}

void audit_syslog_row(int64_t id, const char *at, const struct audit_row *r, const char *hash)
{
	if (!enabled)
		return;
	json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
			      (json_int_t)id, "at", at, "actor_id", (json_int_t)r->actor_id,
			      "actor", r->actor, "roles", r->roles, "address", r->address, "action",
			      r->action, "object", r->object, "outcome", r->outcome, "reason",
			      r->reason, "detail", r->detail, "hash", hash);
	char *json = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	if (!json)
		return;
	struct line *l = malloc(sizeof *l);
	if (!l || asprintf(&l->text, "audit %s", json) < 0) {
		free(l);
		free(json);
		return;
	}
	free(json);
	l->next = NULL;
	l->priority = strcmp(r->outcome, "allowed") == 0 ? LOG_INFO : LOG_NOTICE;
	if (pending_last)
		pending_last->next = l;
	else
		pending = l;
	pending_last = l;
	/* A write outside a transaction has committed already. */
	if (!db_in_transaction())
		drop_or_send(1);
}
