/* Routes are data: one table per page group, each entry naming its method,
 * path pattern, handler, the roles that may use it and the fields it takes.
 * The dispatcher checks sign-in, capability, CSRF and every field once, for
 * all routes, before any handler runs. */
#ifndef STAFFROOM_ROUTER_H
#define STAFFROOM_ROUTER_H

#include "core/request.h"

#include <stdio.h>

enum field_type {
	F_TEXT,      /* one line: no control characters */
	F_LONGTEXT,  /* may hold line breaks and tabs */
	F_EMAIL,
	F_INT,       /* a whole number */
	F_ID,        /* a positive whole number */
	F_DATE,      /* YYYY-MM-DD */
	F_DATETIME,  /* YYYY-MM-DDTHH:MM[:SS][Z], UTC */
	F_YESNO,     /* "yes" or "no" (an unticked box sends nothing) */
	F_CHOICE,    /* one of choices, "a|b|c"; with F_LIST each comma-separated part */
	F_PASSWORD,  /* never echoed back into a form */
	F_FILE,      /* multipart upload; max is the number of files */
};

enum { F_REQUIRED = 1, F_MULTI = 2, F_LIST = 4 };

struct field_spec {
	const char *name;
	enum field_type type;
	unsigned max;            /* characters (files: how many) */
	unsigned flags;
	const char *choices;
	/* The words the form shows for it (its <label> or <legend>), used in every
	 * message about it; NULL for a field no form shows (make check: labels). */
	const char *label;
};

/* ?page=N of a list in pages (reply_pager): the field, and the whole field
 * list of a route that takes nothing else. */
#define PAGE_FIELD { "page", F_ID, 6, 0, NULL, NULL }
extern const struct field_spec page_fields[];
/* ?search=ID: a kept search of a list that names people (core/search.h). */
#define SEARCH_FIELD { "search", F_ID, 19, 0, NULL, NULL }

typedef void handler_fn(struct request *rq, struct reply *rp);

enum { ROUTE_PUBLIC = 0 };      /* roles value: no sign-in needed */
enum {
	R_NO_CSRF = 1,
	R_UPLOAD = 2,
	R_ENROL = 4,
	R_UPLOAD_LATE = 8,
	R_WAITS_OUT = 16
}; /* R_ENROL: open to someone who must enrol first.  R_UPLOAD_LATE: the
    * handler calls uploads_check itself, after refusing files it must never
    * read (a report of an indecent image takes none, and none is scanned).
    * R_WAITS_OUT: the handler may wait seconds on another server (a sign-in
    * provider); the embedded server answers it on a thread of its own. */

struct route {
	const char *method;
	const char *pattern;         /* "/concerns/{id}/events": {id} is a positive number */
	handler_fn *handler;
	unsigned roles; /* ROUTE_PUBLIC, ROLE_STAFF (anyone signed in), or any of these */
	const struct field_spec *fields; /* ends with a {NULL} entry; NULL: takes no fields */
	handler_fn *form_page;       /* re-shows the form with errors and typed values kept */
	unsigned flags;
};

void router_dispatch(struct request *rq, struct reply *rp);
/* Whether the route rq reaches is marked R_WAITS_OUT (the match is kept for
 * router_dispatch). */
int router_waits_out(struct request *rq);
/* The methods a path takes, for a 405's Allow header ("GET, HEAD, POST"); malloc'd. */
char *router_allow(const char *path);

/* Every route of every feature (http/feature.h), in registry order; n is set to how many. */
const struct route *const *router_all(size_t *n);
/* The route table for `staffroom routes`: method, pattern, roles, flags and fields. */
void router_print(FILE *out);

/* Exposed for unit tests. */
const struct route *route_match(const char *method, const char *path, int64_t ids[3], int *nids,
				int *path_known);
int fields_check(const struct field_spec *spec, struct request *rq, const char **bad_field,
		 char *msg, size_t msgsize);
/* Every problem of a request at once, one per field, added to rp with
 * reply_error_add; returns how many. */
size_t fields_refuse(const struct field_spec *spec, struct request *rq, struct reply *rp);

#endif
