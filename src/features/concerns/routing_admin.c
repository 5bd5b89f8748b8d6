/* /admin/routing: which roles receive each category of concern.  Cases
 * already filed keep the recipients they were given. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/write.h"
#include "features/concerns/concern_internal.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

/* How many roles a concern may be routed to (ROLE_LIST's routable column). */
#define ROUTABLE_COUNT_(id, name, words, routable) + routable
#define NROUTABLE (0 ROLE_LIST(ROUTABLE_COUNT_))

static int is_routed(const char *code, const char *role)
{
	return db_int(0, "SELECT 1 FROM routing WHERE category = ? AND role = ?", "tt", code,
		      role) == 1;
}

/* The grid's columns: the routable roles, in ROLE_LIST's order. */
static json_t *role_headers(void)
{
	json_t *roles = json_array();
	for (int r = 0; r < ROLE_COUNT; r++)
		if (ROLE_ROUTABLE & (1 << r))
			json_array_append_new(roles, json_pack("{s:s}", "role", role_name(r)));
	return roles;
}

/* One row of the grid: a checkbox per column, each carrying the category's
 * name for its label ("Send … concerns to …"), read by screen readers. */
static json_t *role_boxes(const char *code, const char *label)
{
	json_t *roles = json_array();
	for (int r = 0; r < ROLE_COUNT; r++) {
		const char *role = role_name(r);
		if (!(ROLE_ROUTABLE & (1 << r)))
			continue;
		json_t *box = json_pack("{s:s, s:s, s:s, s:b}", "category", code, "label", label,
					"role", role, "held", is_routed(code, role));
		json_array_append_new(roles, box);
	}
	return roles;
}

static json_t *routing_model(void)
{
	json_t *cats = concern_categories(NULL), *out = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(cats, i, c) {
		const char *code = json_str(c, "code");
		const char *label = json_str(c, "label");
		json_t *row = json_pack("{s:s, s:s, s:o}", "category", code, "label", label,
					"roles", role_boxes(code, label));
		json_array_append_new(out, row);
	}
	json_decref(cats);
	return out;
}

void routing_page(struct request *rq, struct reply *rp)
{
	(void)rq;
	reply_page(rp, "routing", "Who receives concerns",
		   json_pack("{s:o, s:o}", "role_headers", role_headers(), "routing",
			     routing_model()));
}

/* Replaces one category's roles; audited when they change. */
static void set_category(const struct request *rq, const char *code, const char **roles, size_t n)
{
	char *before = db_text(
		"SELECT group_concat(role, ',') FROM (SELECT role FROM routing WHERE category = ? "
		"ORDER BY role)",
		"t", code);
	db_exec("DELETE FROM routing WHERE category = ?", "t", code);
	for (size_t i = 0; i < n; i++)
		db_exec("INSERT OR IGNORE INTO routing(category, role) VALUES (?, ?)", "tt", code,
			roles[i]);
	char *after = db_text(
		"SELECT group_concat(role, ',') FROM (SELECT role FROM routing WHERE category = ? "
		"ORDER BY role)",
		"t", code);
	if (strcmp(before ? before : "", after ? after : "") != 0)
		audit(rq, "routing.change", code, "from=%s to=%s", before ? before : "",
		      after ? after : "");
	free(before);
	free(after);
}

void routing_post(struct request *rq, struct reply *rp)
{
	json_t *cats = concern_categories(NULL);
	size_t i;
	json_t *c;
	const char *roles[NROUTABLE * 2];
	json_array_foreach(cats, i, c) {
		const char *code = json_str(c, "code");
		if (arg_all(rq, code, roles, NROUTABLE * 2) == 0)
			reply_error_add(rp, code, "'%s' must go to at least one role.",
					json_str(c, "label"));
	}
	if (reply_errors(rp) || reply_begin(rp, BUSY_UNSAVED) != 0) {
		json_decref(cats);
		return;
	}
	json_t *saved = json_object();
	json_array_foreach(cats, i, c) {
		const char *code = json_str(c, "code");
		size_t n = arg_all(rq, code, roles, NROUTABLE * 2);
		set_category(rq, code, roles, n);
		json_t *list = json_array();
		for (size_t k = 0; k < n; k++)
			json_array_append_new(list, json_string(roles[k]));
		json_object_set_new(saved, code, list);
	}
	json_decref(cats);
	if (reply_commit(rp, BUSY_UNSAVED) != 0) {
		json_decref(saved);
		return;
	}
	reply_done(rp, 200, json_pack("{s:o}", "routing", saved), "/admin/routing",
		   "Routing saved. Concerns already reported keep the people they were sent to.");
}
