#define _GNU_SOURCE
#include "core/request.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *arg(const struct request *rq, const char *name)
{
	for (size_t i = 0; i < rq->nparams; i++)
		if (strcmp(rq->params[i].name, name) == 0)
			return rq->params[i].len ? rq->params[i].value : NULL;
	return NULL;
}

int arg_sent(const struct request *rq, const char *name)
{
	for (size_t i = 0; i < rq->nparams; i++)
		if (strcmp(rq->params[i].name, name) == 0)
			return 1;
	return 0;
}

int arg_yes(const struct request *rq, const char *name)
{
	const char *v = arg(rq, name);
	return v && strcmp(v, "yes") == 0;
}

int64_t arg_int(const struct request *rq, const char *name, int64_t dflt)
{
	const char *v = arg(rq, name);
	return v ? strtoll(v, NULL, 10) : dflt;
}

size_t arg_all(const struct request *rq, const char *name, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < rq->nparams && n < max; i++)
		if (strcmp(rq->params[i].name, name) == 0 && rq->params[i].len)
			out[n++] = rq->params[i].value;
	return n;
}

int has_role(const struct request *rq, unsigned roles)
{
	return rq->signed_in && (rq->user.roles & roles) != 0;
}

int64_t routable_roles(const struct request *rq)
{
	return (int64_t)(rq->user.roles & ROLE_ROUTABLE);
}

void reply_page(struct reply *rp, const char *template, const char *title, json_t *model)
{
	rp->status = 200;
	rp->template = template;
	rp->title = title;
	json_decref(rp->model);
	rp->model = model ? model : json_object();
}

void reply_done(struct reply *rp, int status, json_t *model, const char *location,
		const char *flash)
{
	rp->status = status;
	json_decref(rp->model);
	rp->model = model ? model : json_object();
	free(rp->location);
	rp->location = xstrdup(location);
	free(rp->flash);
	rp->flash = flash ? xstrdup(flash) : NULL;
}

/* One problem in the model's list: {field, error}, at most one per field so
 * the page shows one message beside each field. */
static void reply_problem(json_t *model, const char *field, const char *msg)
{
	json_t *errors = json_object_get(model, "errors");
	size_t i;
	json_t *e;
	json_array_foreach(errors, i, e) {
		const char *f = json_string_value(json_object_get(e, "field"));
		if (field && f && strcmp(f, field) == 0)
			return;
	}
	e = json_pack("{s:s}", "error", msg);
	if (field)
		json_object_set_new(e, "field", json_string(field));
	json_array_append_new(errors, e);
}

void reply_error(struct reply *rp, int status, const char *field, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	json_decref(rp->model);
	rp->model = json_pack("{s:s}", "error", msg ? msg : "error");
	if (field)
		json_object_set_new(rp->model, "field", json_string(field));
	json_object_set_new(rp->model, "errors", json_array());
	reply_problem(rp->model, field, msg ? msg : "error");
	free(msg);
	rp->status = status;
	rp->template = "error";
	rp->title = status == 404   ? "Not found"
		    : status == 403 ? "Not allowed"
				    : "There is a problem";
	/* The model's copy, which lives as long as the reply: a handler may
	 * name a field with a string it frees before the reply is sent. */
	rp->error_field = field ? json_string_value(json_object_get(rp->model, "field")) : NULL;
	free(rp->location);
	rp->location = NULL;
}

size_t reply_errors(const struct reply *rp)
{
	if (rp->status < 400 || !rp->template || strcmp(rp->template, "error") != 0)
		return 0;
	return json_array_size(json_object_get(rp->model, "errors"));
}

void reply_error_add(struct reply *rp, const char *field, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (reply_errors(rp))
		reply_problem(rp->model, field, msg ? msg : "error");
	else
		reply_error(rp, 400, field, "%s", msg ? msg : "error");
	free(msg);
}

void reply_keep_chosen(const struct request *rq, json_t *items, const char *field,
		       const char *key, const char *flag)
{
	if (!rq->is_post)
		return;
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item) {
		const char *v = json_string_value(json_object_get(item, key));
		int chosen = 0;
		for (size_t j = 0; v && j < rq->nparams && !chosen; j++)
			chosen = strcmp(rq->params[j].name, field) == 0 &&
				 strcmp(rq->params[j].value, v) == 0;
		json_object_set_new(item, flag, json_boolean(chosen));
	}
}

void reply_not_found(struct reply *rp)
{
	reply_error(rp, 404, NULL, "There is no such page, or you may not see it.");
}

void reply_redirect(struct reply *rp, const char *location)
{
	rp->status = 303;
	free(rp->location);
	rp->location = xstrdup(location);
}

void reply_raw(struct reply *rp, const char *content_type, char *body, size_t len)
{
	rp->status = 200;
	rp->content_type = content_type;
	free(rp->body);
	rp->body = body;
	rp->body_len = len;
}

void reply_free(struct reply *rp)
{
	json_decref(rp->model);
	free(rp->location);
	free(rp->flash);
	free(rp->body);
	free(rp->filename);
	free(rp->set_cookie);
	memset(rp, 0, sizeof *rp);
}

static void pager_links(json_t *model, int64_t page, int64_t next, int64_t prev)
{
	json_object_set_new(model, "page", json_integer(page));
	if (next)
		json_object_set_new(model, "next_page", json_integer(next));
	if (prev)
		json_object_set_new(model, "prev_page", json_integer(prev));
}

void reply_pager(json_t *model, json_t *rows, int64_t page, size_t per_page)
{
	int more = json_array_size(rows) > per_page;
	if (more)
		json_array_remove(rows, per_page);
	pager_links(model, page, more ? page + 1 : 0, page > 1 ? page - 1 : 0);
}

void reply_pager_total(json_t *model, int64_t page, size_t per_page, int64_t total)
{
	int64_t pages = total > 0 ? (total + (int64_t)per_page - 1) / (int64_t)per_page : 1;
	json_object_set_new(model, "pages", json_integer(pages));
	json_object_set_new(model, "paged", json_boolean(pages > 1 || page > 1));
	if (page > pages)
		json_object_set_new(model, "past_end", json_true());
	pager_links(model, page, page < pages ? page + 1 : 0,
		    page <= 1       ? 0
		    : page <= pages ? page - 1
				    : pages);
}

void reply_field_id(json_t *model, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	json_t *id = json_vsprintf(fmt, ap);
	va_end(ap);
	json_t *ids = json_object_get(model, "field_ids");
	if (!ids) {
		ids = json_object();
		json_object_set_new(model, "field_ids", ids);
	}
	json_object_set_new(ids, field, id); /* NULL (no memory): nothing set */
}

int reply_form_sent(const struct request *rq, const char *tail)
{
	const char *to = rq->is_post && rq->path ? strrchr(rq->path, '/') : NULL;
	return to && strcmp(to, tail) == 0;
}

json_t *reply_rows_flag(json_t *rows, const char *key, int on)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_object_set_new(r, key, json_boolean(on));
	return rows;
}

json_t *reply_count_words(json_int_t n, const char *one, const char *many)
{
	return json_sprintf("%lld %s", (long long)n, n == 1 ? one : many);
}

json_t *reply_rows_mark(json_t *rows, const char *key, int64_t id)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_object_set_new(r, key, json_boolean(id && json_int(r, "id") == id));
	return rows;
}
