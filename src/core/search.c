/* Kept searches: see search.h for why. */
#define _GNU_SOURCE
#include "core/search.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>

/* The terms as one text, keys sorted, so the same search is kept once. */
static char *terms_text(const struct request *rq, const char *const fields[])
{
	json_t *terms = json_object();
	for (const char *const *f = fields; *f; f++)
		if (arg(rq, *f))
			json_object_set_new(terms, *f, json_string(arg(rq, *f)));
	char *text = json_object_size(terms) ? json_dumps(terms, JSON_SORT_KEYS | JSON_COMPACT)
					     : NULL;
	json_decref(terms);
	return text;
}

static int64_t search_keep(int64_t user_id, const char *page, const char *terms)
{
	int64_t t = now();
	/* Searches name people: none is kept longer than its bookmark is useful. */
	db_exec("DELETE FROM searches WHERE user_id = ? AND created_at < ?", "II", user_id,
		t - (int64_t)SEARCH_KEPT_DAYS * 86400);
	db_exec("INSERT INTO searches(user_id, page, term, created_at) VALUES (?,?,?,?) "
		"ON CONFLICT(user_id, page, term) DO UPDATE SET created_at = excluded.created_at",
		"IttI", user_id, page, terms, t);
	return db_int(0, "SELECT id FROM searches WHERE user_id = ? AND page = ? AND term = ?",
		      "Itt", user_id, page, terms);
}

void search_answer(struct request *rq, struct reply *rp, const char *page, const char *base,
		   const char *const fields[])
{
	char *terms = terms_text(rq, fields);
	if (!terms) {
		json_t *m = json_pack("{s:n, s:s}", "search", "location", base);
		reply_done(rp, 200, m, base, NULL);
		return;
	}
	if (reply_begin(rp, BUSY_SHORT) != 0) {
		free(terms);
		return;
	}
	int64_t id = search_keep(rq->user.id, page, terms);
	free(terms);
	if (reply_commit(rp, BUSY_SHORT) != 0)
		return;
	char *loc = xasprintf("%s?search=%lld", base, (long long)id);
	reply_done(rp, 200, json_pack("{s:I, s:s}", "search", (json_int_t)id, "location", loc), loc,
		   NULL);
	free(loc);
}

json_t *search_load(const struct request *rq, struct reply *rp, const char *page)
{
	int64_t id = arg_int(rq, "search", 0);
	if (!id)
		return json_object();
	char *terms = db_text("SELECT term FROM searches WHERE id = ? AND user_id = ? AND page = ? "
			      "AND created_at >= ?",
			      "IItI", id, rq->user.id, page,
			      (int64_t)now() - (int64_t)SEARCH_KEPT_DAYS * 86400);
	json_t *o = terms ? json_loads(terms, 0, NULL) : NULL;
	free(terms);
	if (!json_is_object(o)) {
		json_decref(o);
		reply_not_found(rp);
		return NULL;
	}
	json_object_set_new(o, "search", json_integer(id));
	return o;
}
