/* The route table and dispatch: every check that applies to all pages is
 * made here, once, before a handler runs. */
#define _GNU_SOURCE
#include "http/router.h"
#include "http/access_audit.h"
#include "http/feature.h"
#include "http/upload_check.h"
#include "core/audit.h"
#include "core/leaving.h"
#include "core/auth.h"
#include "db/db.h"
#include "lib/oidc_config.h"
#include "lib/util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The registry's routes in one flat list, made once: dispatch walks it for
 * every request.  A fixed array, so that making it cannot fail inside a
 * request (an allocation failing there jumps out of pthread_once). */
enum { ROUTES_MAX = 512 };
static const struct route *all_routes[ROUTES_MAX];
static size_t all_count;
/* Each pattern's first segment ("/aup" of "/aup/sign"), so that dispatch
 * compares a length and a few bytes instead of walking every pattern; a
 * first segment with a placeholder in it matches any. */
static struct first_segment {
	unsigned short len;
	unsigned char any;
} all_firsts[ROUTES_MAX];

static size_t first_segment_len(const char *path)
{
	return 1 + strcspn(path + (*path == '/'), "/");
}
static pthread_once_t all_once = PTHREAD_ONCE_INIT;

static void gather_routes(void)
{
	for (const struct feature *const *f = features; *f; f++)
		for (const struct route *const *t = (*f)->routes; t && *t; t++)
			for (const struct route *r = *t; r->method; r++) {
				if (all_count == ROUTES_MAX) {
					fputs("staffroom: more routes than ROUTES_MAX\n", stderr);
					abort();
				}
				size_t len = first_segment_len(r->pattern);
				all_firsts[all_count].len = (unsigned short)len;
				all_firsts[all_count].any = memchr(r->pattern, '{', len) != NULL;
				all_routes[all_count++] = r;
			}
}

const struct route *const *router_all(size_t *n)
{
	pthread_once(&all_once, gather_routes);
	*n = all_count;
	return all_routes;
}

const struct route *feature_route(const char *method, const char *pattern)
{
	size_t n;
	const struct route *const *all = router_all(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i]->method, method) == 0 && strcmp(all[i]->pattern, pattern) == 0)
			return all[i];
	return NULL;
}

/* Matches one pattern; {id} takes a positive number of at most 18 digits,
 * {name} a name of lower-case letters, digits and '-' (the handler reads it
 * from the path). */
static int pattern_match(const char *pat, const char *path, int64_t ids[3], int *nids)
{
	*nids = 0;
	while (*pat && *path) {
		if (*pat != '{') { /* most of a pattern: one comparison, not two strncmp */
			if (*pat++ != *path++)
				return 0;
			continue;
		}
		if (strncmp(pat, "{name}", 6) == 0) {
			size_t n = strcspn(path, "/");
			if (!oidc_name_valid(path, n))
				return 0;
			path += n;
			pat += 6;
			continue;
		}
		if (strncmp(pat, "{id}", 4) == 0) {
			const char *start = path;
			while (isdigit((unsigned char)*path))
				path++;
			size_t n = (size_t)(path - start);
			if (n == 0 || n > 18 || *start == '0' || *nids == 3)
				return 0;
			ids[(*nids)++] = strtoll(start, NULL, 10);
			pat += 4;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *pat == 0 && *path == 0;
}

const struct route *route_match(const char *method, const char *path, int64_t ids[3], int *nids,
				int *path_known)
{
	*path_known = 0;
	size_t n;
	const struct route *const *all = router_all(&n);
	size_t len = first_segment_len(path);
	for (size_t i = 0; i < n; i++) {
		const struct first_segment *f = &all_firsts[i];
		if (!f->any && (f->len != len || memcmp(all[i]->pattern, path, len) != 0))
			continue;
		if (!pattern_match(all[i]->pattern, path, ids, nids))
			continue;
		*path_known = 1;
		if (strcmp(all[i]->method, method) == 0)
			return all[i];
	}
	return NULL;
}

/* The Allow header of a 405 (RFC 9110, 15.5.6 requires it): the methods the
 * path's routes take, HEAD wherever GET is.  A path no route knows (a
 * static file, or none at all) is offered what the server takes there. */
char *router_allow(const char *path)
{
	int64_t ids[3];
	int nids, get = 0, post = 0;
	size_t n;
	const struct route *const *all = router_all(&n);
	for (size_t i = 0; i < n; i++)
		if (pattern_match(all[i]->pattern, path, ids, &nids)) {
			get |= strcmp(all[i]->method, "GET") == 0;
			post |= strcmp(all[i]->method, "POST") == 0;
		}
	if (!get && !post)
		return xstrdup(strncmp(path, "/static/", 8) == 0 ? "GET, HEAD" : "GET, HEAD, POST");
	return xasprintf("%s%s%s", get ? "GET, HEAD" : "", get && post ? ", " : "",
			 post ? "POST" : "");
}

/* The Origin header, when a browser sends one, must name this site: a
 * cross-site form post is refused even before its token is looked at. */
static int same_origin(const struct request *rq)
{
	if (!rq->origin)
		return 1;
	if (!rq->host)
		return 0;
	const char *o = strstr(rq->origin, "://");
	return o && strcmp(o + 3, rq->host) == 0;
}

/* A header as a line of the log may show it: a client chose it, so nothing
 * in it may start a line of its own or run on without end. */
static void loggable(char *out, size_t n, const char *s)
{
	size_t i = 0;
	for (; s && s[i] && i + 4 < n; i++)
		out[i] = s[i] < 0x20 || s[i] > 0x7e ? '?' : s[i];
	snprintf(out + i, n - i, "%s", s && s[i] ? "..." : "");
}

/* "host" of "host:port" or "[::1]:port". */
static size_t host_name_len(const char *h)
{
	return h[0] == '[' ? strcspn(h, "]") + (h[strcspn(h, "]")] != 0) : strcspn(h, ":");
}

/* The browser says only "did not come from staffroom": the technician reads
 * why here, since a web server in front that passes the host without its
 * port (Debian's nginx fastcgi_params since 1.22.1-9+deb12u6) refuses every
 * form, sign-in included, on any port but 443.  The two headers alone, with
 * no cookie or token. */
static void origin_refused(const struct request *rq)
{
	char origin[160], host[160], path[160];
	loggable(origin, sizeof origin, rq->origin);
	loggable(host, sizeof host, rq->host ? rq->host : "");
	loggable(path, sizeof path, rq->path);
	const char *o = strstr(rq->origin, "://"), *h = rq->host;
	size_t on = o ? host_name_len(o + 3) : 0;
	int port_only = o && h && on == host_name_len(h) && strncmp(o + 3, h, on) == 0;
	fprintf(stderr,
		"staffroom: refused POST %s: its Origin %s is not the host %s it was sent to%s\n",
		path, origin, h ? host : "(none given)",
		port_only ? "; only the port differs, so the web server in front may pass the host "
			    "without its port (nginx: fastcgi_param HTTP_HOST $http_host; after "
			    "include fastcgi_params, or proxy_set_header Host $http_host)"
			  : "");
}

static void ask_to_sign_in(struct request *rq, struct reply *rp)
{
	if (rq->pending_login) {
		if (rq->wants_json || rq->is_post)
			reply_error(rp, 401, NULL,
				    "Please enter the code from your authenticator app first.");
		else
			reply_redirect(rp, "/login/code");
		return;
	}
	if (rq->wants_json || rq->is_post) {
		reply_error(rp, 401, NULL, "Please sign in first.");
		return;
	}
	char *enc = percent_encode(rq->path, "/-_.");
	char *loc = xasprintf("/login?next=%s", enc);
	reply_redirect(rp, loc);
	free(loc);
	free(enc);
}

static int is_password_field(const struct field_spec *spec, const char *name)
{
	for (; spec && spec->name; spec++)
		if (strcmp(spec->name, name) == 0)
			return spec->type == F_PASSWORD;
	return 0;
}

/* A tick, radio button or option with a fixed value, as chose_NAME_VALUE: the
 * template marks it again ({{#chose_visibility_open}} checked{{/…}}), for
 * every value of a name sent more than once too. */
static void choice_made(json_t *chose, const struct param *p)
{
	if (p->len == 0 || p->len > 40 || strlen(p->name) > 40)
		return;
	for (size_t i = 0; i < p->len; i++)
		if (!islower((unsigned char)p->value[i]) && !isdigit((unsigned char)p->value[i]) &&
		    p->value[i] != '_')
			return;
	char key[96];
	snprintf(key, sizeof key, "%s_%s", p->name, p->value);
	json_object_set_new(chose, key, json_true());
}

/* A refused form comes back as the form itself, with the message beside the
 * field and everything typed kept (passwords excepted). */
static void reshow_form(const struct route *r, struct request *rq, struct reply *rp)
{
	struct reply page = { 0 };
	r->form_page(rq, &page);
	if (page.status != 200 || !page.model || !page.template) {
		reply_free(&page);
		return;
	}
	/* What was typed, over what the page itself starts its forms with: a
	 * page with several forms keeps the others' starting values. */
	json_t *start = json_object_get(page.model, "form");
	json_t *form = json_is_object(start) ? json_copy(start) : json_object();
	json_t *chose = json_object();
	for (size_t i = 0; i < rq->nparams; i++)
		if (strcmp(rq->params[i].name, "csrf") != 0 &&
		    !is_password_field(r->fields, rq->params[i].name)) {
			json_object_set_new(
				form, rq->params[i].name,
				json_stringn_nocheck(rq->params[i].value, rq->params[i].len));
			choice_made(chose, &rq->params[i]);
		}
	json_object_set_new(page.model, "chose", chose);
	json_t *err = json_object(), *errors = json_object_get(rp->model, "errors"), *e;
	size_t i;
	json_array_foreach(errors, i, e) {
		const char *f = json_string_value(json_object_get(e, "field"));
		json_object_set(err, f ? f : "general", json_object_get(e, "error"));
	}
	json_object_set_new(page.model, "form", form);
	json_object_set_new(page.model, "err", err);
	json_object_set(page.model, "error", json_object_get(rp->model, "error"));
	json_object_set(page.model, "errors", errors);
	if (rp->error_field)
		json_object_set_new(page.model, "field", json_string(rp->error_field));
	page.status = rp->status;
	page.retry_after = rp->retry_after;
	page.set_cookie = rp->set_cookie;
	rp->set_cookie = NULL;
	reply_free(rp);
	*rp = page;
}

static int checks_pass(const struct route *r, struct request *rq, struct reply *rp)
{
	if (r->roles != ROUTE_PUBLIC) {
		if (!rq->signed_in) {
			ask_to_sign_in(rq, rp);
			return 0;
		}
		if (!(rq->user.roles & r->roles)) {
			reply_error(rp, 403, NULL,
				    "Your roles do not give you access to this page.");
			return 0;
		}
		/* A role that needs a second factor: nothing else until it is set up. */
		if (rq->must_enrol && !(r->flags & R_ENROL)) {
			if (rq->wants_json || rq->is_post)
				reply_error(rp, 403, NULL,
					    "Your role needs two-factor sign-in. Set it up at "
					    "/account/2fa first.");
			else
				reply_redirect(rp, "/account/2fa");
			return 0;
		}
	}
	if (rq->is_post && !same_origin(rq))
		origin_refused(rq);
	if (rq->is_post && (!same_origin(rq) || (!(r->flags & R_NO_CSRF) && !csrf_ok(rq)))) {
		reply_error(rp, 403, "csrf",
			    "This form has expired or did not come from staffroom. "
			    "Please go back, reload the page and try again.");
		return 0;
	}
	if (rq->nfiles && !(r->flags & R_UPLOAD)) {
		reply_error(rp, 400, NULL, "This page does not take file uploads.");
		return 0;
	}
	return fields_refuse(r->fields, rq, rp) == 0 &&
	       ((r->flags & R_UPLOAD_LATE) || uploads_check(r->fields, rq, rp) == 0);
}

/* A change refused because the disk is full is not "busy": trying again in a
 * moment will not help, so say what is wrong (507 Insufficient Storage,
 * RFC 4918 section 11.5), and that what is saved can still be read.  Every
 * handler's 503 after a failed write comes through here. */
static void storage_full(struct reply *rp)
{
	reply_free(rp);
	memset(rp, 0, sizeof *rp);
	reply_error(rp, 507, NULL, "%s",
		    "The school's staffroom storage is full, so nothing was saved. "
		    "Everything saved before can still be read. Please tell whoever looks after "
		    "staffroom in your school.");
}

/* HEAD is answered by the GET route, without its body. */
static const char *route_method(const char *method)
{
	return strcmp(method, "HEAD") == 0 ? "GET" : method;
}

/* The route rq reaches (and its ids), matched once however often asked. */
static const struct route *route_of(struct request *rq)
{
	if (!rq->routed) {
		rq->route = route_match(route_method(rq->method), rq->path, rq->ids, &rq->nids,
					&rq->path_known);
		rq->routed = 1;
	}
	return rq->route;
}

int router_waits_out(struct request *rq)
{
	const struct route *r = route_of(rq);
	return r && (r->flags & R_WAITS_OUT);
}

void router_dispatch(struct request *rq, struct reply *rp)
{
	const struct route *r = route_of(rq);
	int path_known = rq->path_known;
	/* Leaving dates that have come take effect before anyone is let in; a
	 * page's read snapshot, taken before, is renewed to see them. */
	int changed = leaving_apply_daily() > 0;
	changed |= features_daily() > 0; /* after the leavers, whom they may flag */
	if (changed && !rq->is_post) {
		db_read_end();
		db_read_begin();
	}
	auth_load(rq);
	if (!r) {
		if (path_known)
			reply_error(rp, 405, NULL,
				    "This page does not accept that kind of request.");
		else
			reply_not_found(rp);
		return;
	}
	unsigned long written = audit_rows_written();
	if (checks_pass(r, rq, rp))
		r->handler(rq, rp);
	access_audit(rq, rp, written);
	if (rp->status >= 500 && db_storage_full())
		storage_full(rp);
	/* Re-show a refused form, but only to someone allowed to see that form. */
	int allowed = r->roles == ROUTE_PUBLIC || (rq->signed_in && (rq->user.roles & r->roles));
	/* A 403 about a field (a password typed again) is a form error; any other 403 is not. */
	int form_403 = rp->status == 403 && rp->error_field && strcmp(rp->error_field, "csrf") != 0;
	if (rq->is_post && allowed && r->form_page && !rq->wants_json && rp->status >= 400 &&
	    (rp->status != 403 || form_403) && rp->status != 404 && !rp->location && rp->template &&
	    strcmp(rp->template, "error") == 0)
		reshow_form(r, rq, rp);
	if (rp->flash && rp->location && !rq->wants_json)
		auth_set_flash(rq, rp->flash);
}
