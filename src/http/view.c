#define _GNU_SOURCE
#include "http/view.h"
#include "core/auth.h"
#include "http/template.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct nav_item {
	const char *href;
	const char *label;
	unsigned roles;
};

/* The navigation, by role: each person sees the pages they can use. */
static const struct nav_item nav[] = {
	{ "/", "My tasks", ROLE_STAFF },
	{ "/aup", "Agreements", ROLE_STAFF },
	{ "/concerns/new", "Report a concern", ROLE_STAFF },
	{ "/concerns", "Incident queue", ROLE_HEADTEACHER | ROLE_SLT | ROLE_DSL | ROLE_MODERATOR |
						 ROLE_NETWORK_MANAGER | ROLE_CHAIR },
	{ "/accounts", "Social accounts", ROLE_STAFF },
	{ "/aup/compliance", "Compliance", ROLE_LEADERS | ROLE_GOVERNOR },
	{ "/concerns/stats", "Statistics", ROLE_HEADTEACHER | ROLE_GOVERNOR },
	{ "/training", "Training", ROLE_STAFF },
	{ "/audit", "Audit log", ROLE_HEADTEACHER | ROLE_ADMIN },
	{ "/admin/staff", "Administration", ROLE_ADMIN },
	{ "/admin/retention", "Records", ROLE_HEADTEACHER | ROLE_ADMIN },
	{ "/account/2fa", "Sign-in security", ROLE_STAFF },
	{ NULL, NULL, 0 },
};

static int is_current(const char *href, const char *path)
{
	size_t n = strlen(href);
	if (strcmp(href, "/") == 0)
		return strcmp(path, "/") == 0;
	if (strncmp(path, href, n) != 0 || (path[n] && path[n] != '/'))
		return 0;
	/* the longest matching entry wins: /concerns/new is not the queue */
	for (const struct nav_item *o = nav; o->href; o++)
		if (strlen(o->href) > n && strncmp(path, o->href, strlen(o->href)) == 0)
			return 0;
	return 1;
}

json_t *view_nav(const struct request *rq)
{
	json_t *items = json_array();
	for (const struct nav_item *n = nav; n->href; n++)
		if (rq->user.roles & n->roles)
			json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "href", n->href, "label", n->label,
							       "current", is_current(n->href, rq->path)));
	return items;
}

static json_t *layout_model(struct request *rq, struct reply *rp, const struct layout_data *ld)
{
	json_t *m = json_pack("{s:s, s:s}", "school_name", ld->school_name ? ld->school_name : "staffroom",
			      "title", rp->title ? rp->title : "staffroom");
	/* A form shown again after an error carries its summary at the top. */
	json_t *err = json_object_get(rp->model, "error");
	if (err && rp->template && strcmp(rp->template, "error") != 0) {
		json_object_set(m, "error", err);
		json_t *field = json_object_get(rp->model, "field");
		if (field)
			json_object_set(m, "field", field);
	}
	if (rq->signed_in) {
		json_object_set_new(m, "user", json_pack("{s:s, s:s}", "name", rq->user.name, "email", rq->user.email));
		json_object_set_new(m, "nav", view_nav(rq));
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
		json_object_set_new(model, "user", json_pack("{s:s, s:s, s:o}", "email", rq->user.email, "name",
							    rq->user.name, "roles", roles_json(rq->user.roles)));
		json_object_set_new(model, "csrf", json_string(rq->csrf));
	}
	out->body = json_dumps(model, JSON_COMPACT | JSON_ENSURE_ASCII);
	out->len = out->body ? strlen(out->body) : 0;
	out->content_type = "application/json";
	json_decref(model);
}

int view_wants_layout(const struct request *rq, const struct reply *rp)
{
	return !rp->body && !rq->wants_json && !rp->location;
}

void view_render(struct request *rq, struct reply *rp, const struct layout_data *ld, struct rendered *out)
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
	out->body = template_render(rp->template ? rp->template : "error", rp->model, layout, &out->len);
	json_decref(layout);
	out->content_type = "text/html; charset=utf-8";
	if (!out->body) {
		fprintf(stderr, "staffroom: template %s failed to render\n", rp->template ? rp->template : "error");
		rp->status = 500;
		out->body = xstrdup("<!DOCTYPE html><title>Error</title><p>Something went wrong. Please try again.</p>");
		out->len = strlen(out->body);
	}
}
