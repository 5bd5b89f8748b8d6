#define _GNU_SOURCE
#include "http/view.h"
#include "http/feature.h"
#include "core/auth.h"
#include "http/template.h"
#include "http/bench_capture.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The navigation: every feature's links in their order, each with the route
 * it points at, whose roles say who sees it.  Made once. */
struct nav_item {
	const struct nav_link *link;
	const struct route *route;
};

enum { NAV_MAX = 32 };   /* fixed, so that making it cannot fail inside a request */
static struct nav_item nav[NAV_MAX];
static size_t nav_count;
static pthread_once_t nav_once = PTHREAD_ONCE_INIT;

static int by_order(const void *a, const void *b)
{
	const struct nav_item *x = a, *y = b;
	return (x->link->order > y->link->order) - (x->link->order < y->link->order);
}

/* A link to no route is a bug: stop at once, where the tests see it. */
static void gather_nav(void)
{
	for (const struct feature *const *f = features; *f; f++)
		for (const struct nav_link *l = (*f)->nav; l && l->label; l++) {
			const struct route *r = feature_route(l->method, l->pattern);
			if (!r || nav_count == NAV_MAX) {
				fprintf(stderr,
					"staffroom: the %s link names no route %s %s, or is "
					"one more than NAV_MAX\n",
					l->label, l->method, l->pattern);
				abort();
			}
			nav[nav_count++] = (struct nav_item){ l, r };
		}
	qsort(nav, nav_count, sizeof *nav, by_order);
}

static int is_current(const char *href, const char *path)
{
	size_t n = strlen(href);
	if (strcmp(href, "/") == 0)
		return strcmp(path, "/") == 0;
	if (strncmp(path, href, n) != 0 || (path[n] && path[n] != '/'))
		return 0;
	/* the longest matching entry wins: /concerns/new is not the queue */
	for (size_t i = 0; i < nav_count; i++) {
		const char *o = nav[i].link->pattern;
		if (strlen(o) > n && strncmp(path, o, strlen(o)) == 0)
			return 0;
	}
	return 1;
}

/* The links one set of roles sees, with one marked current, are the same
 * for every request: made once per (roles, current link) and shared, read
 * only (jansson counts references atomically), instead of a json_pack per
 * link per page.  Their HTML is rendered once too and kept as a template
 * (template_keep_fragment): filling a dictionary with them cost a tenth of
 * a page.  A full cache just means making the list each time. */
enum { NAV_CACHE = 128, FRAGMENT_NAME = 32 };
static struct {
	unsigned roles;
	uint32_t current; /* bit i: link i is current (NAV_MAX is 32) */
	json_t *items;
	char fragment[FRAGMENT_NAME]; /* the kept rendering's name, or "" */
} nav_cache[NAV_CACHE];
static size_t nav_cached;
static pthread_mutex_t nav_lock = PTHREAD_MUTEX_INITIALIZER;

static json_t *make_nav(unsigned roles, uint32_t current)
{
	json_t *items = json_array();
	for (size_t i = 0; i < nav_count; i++)
		if (roles & nav[i].route->roles)
			json_array_append_new(items,
					      json_pack("{s:s, s:s, s:b}", "href",
							nav[i].link->pattern, "label",
							nav[i].link->label, "current",
							(int)((current >> i) & 1)));
	return items;
}

/* Under nav_lock: the cache entry's links rendered and kept, when they can be. */
static void keep_rendering(size_t entry)
{
	char name[FRAGMENT_NAME];
	snprintf(name, sizeof name, "nav-%x-%x", nav_cache[entry].roles,
		 (unsigned)nav_cache[entry].current);
	json_t *m = json_pack("{s:O}", "nav", nav_cache[entry].items);
	if (m && template_keep_fragment(name, "nav", m) == 0)
		copy_str(nav_cache[entry].fragment, FRAGMENT_NAME, name);
	json_decref(m);
}

/* The links RQ's roles see, and in FRAGMENT the name of their kept
 * rendering ("" when there is none: nav.tpl is filled from the links). */
static json_t *nav_for(const struct request *rq, char fragment[FRAGMENT_NAME])
{
	pthread_once(&nav_once, gather_nav);
	unsigned roles = rq->user.roles;
	uint32_t current = 0;
	for (size_t i = 0; i < nav_count; i++)
		if ((roles & nav[i].route->roles) && is_current(nav[i].link->pattern, rq->path))
			current |= (uint32_t)1 << i;
	json_t *items = NULL;
	fragment[0] = 0;
	pthread_mutex_lock(&nav_lock);
	for (size_t i = 0; i < nav_cached && !items; i++)
		if (nav_cache[i].roles == roles && nav_cache[i].current == current) {
			items = json_incref(nav_cache[i].items);
			memcpy(fragment, nav_cache[i].fragment, FRAGMENT_NAME);
		}
	pthread_mutex_unlock(&nav_lock);
	if (items)
		return items;
	items = make_nav(roles, current);
	pthread_mutex_lock(&nav_lock);
	if (nav_cached < NAV_CACHE) {
		nav_cache[nav_cached].roles = roles;
		nav_cache[nav_cached].current = current;
		nav_cache[nav_cached].items = json_incref(items);
		keep_rendering(nav_cached);
		memcpy(fragment, nav_cache[nav_cached++].fragment, FRAGMENT_NAME);
	}
	pthread_mutex_unlock(&nav_lock);
	return items;
}

/* The summary's items: each problem, and the id of the element its link
 * lands on: its field's, f-FIELD, or the one the form page named
 * (reply_field_id) for a field of the form sent that has another. */
static json_t *summary_items(const json_t *errors, const json_t *ids)
{
	json_t *items = json_array();
	size_t i;
	json_t *e;
	json_array_foreach(errors, i, e) {
		json_t *item = json_pack("{s:O}", "error", json_object_get(e, "error"));
		const char *field = json_str(e, "field"), *id = field ? json_str(ids, field) : NULL;
		if (id)
			json_object_set_new(item, "target", json_string(id));
		else if (field)
			json_object_set_new(item, "target", json_sprintf("f-%s", field));
		json_array_append_new(items, item);
	}
	return items;
}

static json_t *layout_model(struct request *rq, struct reply *rp, const struct layout_data *ld)
{
	json_t *m = json_pack("{s:s, s:s}", "school_name",
			      ld->school_name ? ld->school_name : "staffroom", "title",
			      rp->title ? rp->title : "staffroom");
	/* A form shown again after an error carries its summary at the top. */
	json_t *err = json_object_get(rp->model, "error");
	if (err && rp->template && strcmp(rp->template, "error") != 0) {
		json_object_set(m, "error", err);
		json_t *field = json_object_get(rp->model, "field");
		json_t *ids = json_object_get(rp->model, "field_ids");
		/* The problems of a refused form start with the one in "error"; a page's
		 * own list under that name (an import's refused lines) is not one. */
		json_t *errors = json_object_get(rp->model, "errors");
		json_t *first = json_object_get(json_array_get(errors, 0), "error");
		if (first && json_equal(first, err)) {
			json_object_set_new(m, "errors", summary_items(errors, ids));
		} else { /* a page that set only "error" and "field" itself */
			json_t *one = json_pack("[{s:O}]", "error", err);
			if (field)
				json_object_set(json_array_get(one, 0), "field", field);
			json_object_set_new(m, "errors", summary_items(one, ids));
			json_decref(one);
		}
	}
	if (rq->signed_in) {
		json_object_set_new(
			m, "user",
			json_pack("{s:s, s:s}", "name", rq->user.name, "email", rq->user.email));
		char fragment[FRAGMENT_NAME];
		json_object_set_new(m, "nav", nav_for(rq, fragment));
		if (fragment[0])
			json_object_set_new(m, "nav_template", json_string(fragment));
		json_object_set_new(m, "csrf", json_string(rq->csrf));
		if (ld->flash)
			json_object_set_new(m, "flash", json_string(ld->flash));
	}
	return m;
}

static void render_json(struct request *rq, struct reply *rp, struct rendered *out)
{
	json_t *model = rp->model ? json_incref(rp->model) : json_object();
	/* The home page carries who is signed in and the CSRF token for API clients. */
	if (rq->signed_in && strcmp(rq->path, "/") == 0 && rp->status == 200) {
		json_object_set_new(model, "user",
				    json_pack("{s:s, s:s, s:o}", "email", rq->user.email, "name",
					      rq->user.name, "roles", roles_json(rq->user.roles)));
		json_object_set_new(model, "csrf", json_string(rq->csrf));
	}
	out->body = json_dumps(model, JSON_COMPACT | JSON_ENSURE_ASCII);
	out->len = out->body ? strlen(out->body) : 0;
	out->content_type = "application/json; charset=utf-8"; /* ASVS 4.1.1 */
	json_decref(model);
}

int view_wants_layout(const struct request *rq, const struct reply *rp)
{
	return !rp->body && !rq->wants_json && !rp->location;
}

void view_render(struct request *rq, struct reply *rp, const struct layout_data *ld,
		 struct rendered *out)
{
	memset(out, 0, sizeof *out);
	if (rp->body) {
		out->body = rp->body;
		out->len = rp->body_len;
		out->content_type = rp->content_type;
		rp->body = NULL;
		return;
	}
	if (!rp->model)
		rp->model = json_object();
	if (rq->wants_json) {
		render_json(rq, rp, out);
		return;
	}
	if (rp->location) {
		rp->status = 303;
		return;
	}
	json_t *layout = layout_model(rq, rp, ld);
	if (bench_capture)
		capture_html(rp->template ? rp->template : "error", rp->model, layout);
	out->body = template_render(rp->template ? rp->template : "error", rp->model, layout,
				    &out->len);
	json_decref(layout);
	out->content_type = "text/html; charset=utf-8";
	if (!out->body) {
		fprintf(stderr, "staffroom: template %s failed to render\n",
			rp->template ? rp->template : "error");
		rp->status = 500;
		out->body = xstrdup("<!DOCTYPE html><title>Error</title><p>Something went wrong. "
				    "Please try again.</p>");
		out->len = strlen(out->body);
	}
}
