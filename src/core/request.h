/* One request and its reply, as every handler sees them.  The server fills a
 * struct request; the router checks sign-in, capability, CSRF and fields;
 * the handler fills a struct reply whose model the view renders as JSON or
 * HTML. */
#ifndef STAFFROOM_REQUEST_H
#define STAFFROOM_REQUEST_H

#include "core/roles.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define ROLE_LEADERS (ROLE_HEADTEACHER | ROLE_SLT | ROLE_BUSINESS_MANAGER | ROLE_ADMIN)

struct route; /* the router's (http/router.h) */

struct param {
	char *name;
	char *value;      /* NUL-terminated; len counts bytes (a NUL inside is refused) */
	size_t len;
};

struct upload {
	char *field;
	char *filename;
	unsigned char *data;
	size_t len;
	/* The SHA-256 of the bytes as they arrived (http/upload_check.c), when
	 * data has since lost a picture's metadata; empty when nothing changed. */
	char original_sha256[65];
};

/* The SHA-256 of an upload as it arrived, given sha, that of what is stored. */
static inline const char *upload_original_sha256(const struct upload *u, const char *sha)
{
	return u->original_sha256[0] ? u->original_sha256 : sha;
}

struct user {
	int64_t id;
	char email[256];
	char name[256];
	char department[128];
	char staff_type[16];
	unsigned roles;
};

struct request {
	int is_post;
	const char *method;
	const char *path;
	const char *accept;
	const char *user_agent;
	const char *origin;
	const char *host;
	const char *cookie;          /* the session cookie's value, if sent */
	const char *sso_cookie;      /* sr_sso: ties a started single sign-on to this browser */
	const char *csrf_header;
	char address[64];
	int https; /* the browser's connection is encrypted (here or at the front) */
	int wants_json;

	struct param *params;        /* the query (GET) or the form body (POST) */
	size_t nparams;
	struct upload *files;
	size_t nfiles;

	int64_t ids[3];              /* the {id} parts of the path, in order */
	int nids;
	/* The route the method and path reach, looked up once (http/router.c):
	 * a front end may ask for its flags before it is dispatched. */
	const struct route *route;
	int routed, path_known;

	int signed_in;
	int pending_login; /* password right, second-factor code still owed: not signed in */
	int must_enrol;    /* signed in, but a role needs a second factor not yet set up */
	struct user user;
	char session_hash[65];
	char csrf[44];
	int flash_waiting; /* the session holds a message for the next page */
};

struct reply {
	int status;
	json_t *model;               /* owned; the one truth of the page */
	const char *template;        /* templates/NAME.tpl */
	const char *title;
	char *location;              /* HTML: 303 See Other here */
	char *flash;                 /* HTML: message shown on the next page */

	/* A raw body instead of a model (CSV, evidence downloads). */
	char *body;
	size_t body_len;
	const char *content_type;
	char *filename;              /* Content-Disposition filename */
	int inline_ok;               /* inline rather than attachment */

	char *set_cookie;
	int retry_after;
	const char *error_field;
};

/* Field values, after validation by the router. */
const char *arg(const struct request *rq, const char *name);          /* NULL if absent or empty */
int arg_sent(const struct request *rq, const char *name);  /* 1 if present, even empty */
int arg_yes(const struct request *rq, const char *name);
int64_t arg_int(const struct request *rq, const char *name, int64_t dflt);
size_t arg_all(const struct request *rq, const char *name, const char **out, size_t max);

int has_role(const struct request *rq, unsigned roles);  /* any of them */
/* The person's roles that concerns are routed to: the role bits the SQL
 * access rules (CONCERN_MAY_OPEN and the features' *_MAY_OPEN_AS) take. */
int64_t routable_roles(const struct request *rq);

/* Building replies. */
void reply_page(struct reply *rp, const char *template, const char *title, json_t *model);
/* After a successful POST: JSON gets status and model; HTML is sent to location with a message. */
void reply_done(struct reply *rp, int status, json_t *model, const char *location,
		const char *flash);
void reply_error(struct reply *rp, int status, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Several problems at once: the first call refuses with 400 like reply_error,
 * later ones add to the model's "errors" list ({field, error}, one per field;
 * "error" and "field" stay the first).  A handler adds every problem it finds,
 * then returns if reply_errors(rp) is not 0. */
void reply_error_add(struct reply *rp, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
size_t reply_errors(const struct reply *rp);   /* problems so far; 0 when not refused */
/* A form shown again after a refusal (its page called for a POST) keeps what
 * was chosen: each item of items (options, ticks, radio buttons) gets
 * flag = whether the request sent field = item[key].  Nothing for a GET. */
void reply_keep_chosen(const struct request *rq, json_t *items, const char *field,
		       const char *key, const char *flag);
/* The summary of a refused form's problems, at the top of the page shown
 * again, links each problem to its field, the element f-FIELD.  A field of
 * the form that was sent whose id is another, on a page of several forms
 * (its form's, f-device-text, or its row's, f-meeting-text), is named so by
 * the form page, in the model it shows again. */
void reply_field_id(json_t *model, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A page of several forms, some with fields of the same name, shows a
 * refused form's problems in that form alone: 1 when this is a POST (its
 * page shown again) whose path ends in tail ("/review"), 0 otherwise. */
int reply_form_sent(const struct request *rq, const char *tail);
/* A row's own flag for a form it shows, set in every row: a section a row
 * does not name is looked up on the page, where the row's values are not.
 * Returns rows. */
json_t *reply_rows_flag(json_t *rows, const char *key, int on);
/* A count and its noun as a page reads them, one or many: "1 session",
 * "3 sessions" (a template cannot choose between them). */
json_t *reply_count_words(json_int_t n, const char *one, const char *many);
/* key true in the row whose "id" is id and false in the others: the row
 * whose form a refused POST came from (0: none).  Returns rows. */
json_t *reply_rows_mark(json_t *rows, const char *key, int64_t id);
void reply_not_found(struct reply *rp);
void reply_redirect(struct reply *rp, const char *location);
void reply_raw(struct reply *rp, const char *content_type, char *body, size_t len);
void reply_free(struct reply *rp);

/* Lists in pages: ?page=N (declared F_ID, so 1 or more).  Both set "page"
 * in the model, "next_page" when a later page has rows and "prev_page"
 * after the first page.
 * reply_pager: rows were read with LIMIT per_page + 1 OFFSET (page - 1) *
 * per_page; the extra row only tells that there is a next page and is
 * dropped. */
void reply_pager(json_t *model, json_t *rows, int64_t page, size_t per_page);
/* reply_pager_total: the list's length is known.  Also sets "pages" (1 for
 * an empty list), "paged" (true when there is another page to go to) and,
 * past the last page, "past_end": true with "prev_page" the last page. */
void reply_pager_total(json_t *model, int64_t page, size_t per_page, int64_t total);

#endif
