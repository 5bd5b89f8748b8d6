/* The audit log's page: filter by person, action, object and date. */
#define _GNU_SOURCE
#include "db.h"
#include "router.h"
#include "util.h"

#include <stdlib.h>

#define PAGE 100

static void audit_page(struct request *rq, struct reply *rp)
{
	const char *actor = arg(rq, "actor"), *action = arg(rq, "action"), *object = arg(rq, "object");
	const char *from = arg(rq, "from"), *to = arg(rq, "to");
	int64_t before = arg_int(rq, "before", INT64_MAX);
	char *to_end = to ? xasprintf("%sT23:59:59Z", to) : NULL;
	/* Each filter is "? IS NULL OR column = ?", so one prepared statement serves every combination. */
	json_t *rows = db_rows(
		"SELECT id, at, actor, address, action, object, detail FROM audit "
		"WHERE id < ? AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?) "
		"AND (? IS NULL OR object = ?) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at <= ?) "
		"ORDER BY id DESC LIMIT ?", "IttttttttttI",
		before, actor, actor, action, action, object, object, from, from, to_end, to_end, (int64_t)PAGE + 1);
	free(to_end);
	int more = json_array_size(rows) > PAGE;
	if (more)
		json_array_remove(rows, PAGE);
	json_t *m = json_pack("{s:o, s:s, s:s, s:s, s:s, s:s}", "audit", rows, "actor", actor ? actor : "", "action",
			      action ? action : "", "object", object ? object : "", "from", from ? from : "", "to",
			      to ? to : "");
	if (more) {
		json_t *last = json_array_get(rows, PAGE - 1);
		json_object_set_new(m, "next_before", json_integer(json_integer_value(json_object_get(last, "id"))));
	}
	json_object_set_new(m, "actions", db_rows("SELECT DISTINCT action FROM audit ORDER BY action", ""));
	reply_page(rp, "audit", "Audit log", m);
}

static const struct field_spec audit_q[] = {
	{ "actor", F_TEXT, 254, 0, NULL },
	{ "action", F_TEXT, 64, 0, NULL },
	{ "object", F_TEXT, 254, 0, NULL },
	{ "from", F_DATE, 10, 0, NULL },
	{ "to", F_DATE, 10, 0, NULL },
	{ "before", F_ID, 19, 0, NULL },
	{ NULL },
};

const struct route audit_routes[] = {
	{ "GET", "/audit", audit_page, ROLE_HEADTEACHER | ROLE_ADMIN, audit_q, NULL, 0 },
	{ NULL },
};
