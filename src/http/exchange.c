#define _GNU_SOURCE
#include "http/exchange.h"
#include "core/auth.h"
#include "lib/config.h"
#include "db/db.h"
#include "http/router.h"
#include "http/static_files.h"
#include "http/bench_capture.h"
#include "lib/util.h"
#include "http/view.h"

#include <ctype.h>
#include <microhttpd.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PARAMS 200

static const char *CSP =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void exchange_fail(struct exchange *x, int status, const char *field, const char *msg)
{
	if (x->status)
		return;
	x->status = status;
	x->field = field;
	copy_str(x->message, sizeof x->message, msg);
}

void exchange_start(struct exchange *x, const char *method, const char *path)
{
	memset(x, 0, sizeof *x);
	x->rq.method = method;
	x->rq.path = xstrdup(path);
	x->rq.is_post = strcmp(method, "POST") == 0;
	copy_str(x->rq.address, sizeof x->rq.address, "unknown");
	if (strcmp(method, "GET") && strcmp(method, "HEAD") && !x->rq.is_post)
		exchange_fail(x, 405, NULL, "This server only accepts GET and POST requests.");
}

static int is_type(const char *ctype, const char *want)
{
	return ctype && strncasecmp(ctype, want, strlen(want)) == 0;
}

/* The characters RFC 2046 (5.1.1) allows in a boundary. */
static int boundary_chars(const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)b[i]) && !strchr("'()+_,-./:=? ", b[i]))
			return 0;
	return n && b[n - 1] != ' ';
}

/* The boundary as libmicrohttpd's post processor takes it: all that follows
 * "boundary=", without enclosing quotes.  cgicc is handed the same, since
 * its own reading keeps the quotes; so a boundary RFC 2046 would not allow,
 * such as one followed by another parameter (its ';'), is refused, not read
 * one way by one front end and another by the next. */
static int take_boundary(struct exchange *x, const char *ctype)
{
	const char *b = strstr(ctype + strlen("multipart/form-data"), "boundary=");
	size_t n = b ? strlen(b += strlen("boundary=")) : 0;
	if (n >= 2 && b[0] == '"' && b[n - 1] == '"')
		b++, n -= 2;
	if (n > BOUNDARY_MAX || !boundary_chars(b, n)) {
		exchange_fail(x, 400, NULL, EXCHANGE_UNREADABLE);
		return -1;
	}
	memcpy(x->boundary, b, n);
	x->boundary[n] = 0;
	return 0;
}

enum body_kind exchange_body_kind(struct exchange *x, const char *ctype, const char *clen)
{
	x->rq.wants_json = x->rq.accept && strstr(x->rq.accept, "application/json") != NULL;
	if (x->status || !x->rq.is_post)
		return BODY_NONE;
	int multipart = is_type(ctype, "multipart/form-data");
	unsigned long long declared = clen ? strtoull(clen, NULL, 10) : 0;
	size_t limit = multipart ? cfg.form_max + (size_t)cfg.upload_files * (cfg.upload_max + 4096)
				 : cfg.form_max;
	if (declared > limit) {
		exchange_fail(x, 413, NULL,
			      multipart ? "The upload is too large." : "The form is too large.");
		return BODY_NONE;
	}
	if (multipart) {
		if (take_boundary(x, ctype) == 0)
			x->body = BODY_MULTIPART;
	} else if (is_type(ctype, "application/x-www-form-urlencoded"))
		x->body = BODY_FORM;
	else if (declared > 0)
		exchange_fail(
			x, 415, NULL,
			"Send forms as application/x-www-form-urlencoded or multipart/form-data.");
	return x->body;
}

/* A multipart body starts with its first delimiter line.  RFC 2046 allows
 * a preamble before it, which no browser sends; without one, a body framed
 * by another boundary than its Content-Type names is known from its first
 * bytes, where both parsers would take it all for preamble and find no
 * fields. */
static int starts_with_delimiter(const struct exchange *x, const char *data, size_t size)
{
	char first[BOUNDARY_MAX + 5];
	size_t n = (size_t)snprintf(first, sizeof first, "--%s\r\n", x->boundary);
	if (x->body_bytes >= n)
		return 1;
	size_t k = n - x->body_bytes < size ? n - x->body_bytes : size;
	return memcmp(data, first + x->body_bytes, k) == 0;
}

static void keep_tail(struct exchange *x, const char *data, size_t size)
{
	size_t cap = sizeof x->tail;
	if (size >= cap) {
		memcpy(x->tail, data + size - cap, cap);
		x->tail_len = cap;
		return;
	}
	size_t keep = x->tail_len < cap - size ? x->tail_len : cap - size;
	memmove(x->tail, x->tail + x->tail_len - keep, keep);
	memcpy(x->tail + keep, data, size);
	x->tail_len = keep + size;
}

static int tail_is(const struct exchange *x, const char *s, size_t n)
{
	return x->tail_len >= n && memcmp(x->tail + x->tail_len - n, s, n) == 0;
}

/* A body cut short lacks its close delimiter: libmicrohttpd tells only as
 * its post processor is destroyed, and cgicc drops the last part without a
 * word.  Nothing may follow the delimiter but its line break, which RFC 2046
 * makes optional. */
static int ends_with_close_delimiter(const struct exchange *x)
{
	char close[BOUNDARY_MAX + 9];
	size_t n = (size_t)snprintf(close, sizeof close, "\r\n--%s--\r\n", x->boundary);
	return tail_is(x, close, n) || tail_is(x, close, n - 2);
}

/* A form body as browsers write it: fields "name=value" joined by '&', each
 * '%' followed by two hex digits (RFC 3986, 2.1).  libmicrohttpd misreads
 * or refuses anything else (a '%' at the end of the body is dropped, one
 * before a '&' takes the next field into its value, a field with no '=' or
 * two is refused at the end of the body only) and cgicc reads it its own way
 * (a '%' kept as it is, a field with no '=' taken as empty), so a body that
 * is not so is not read at all.  One byte at a time, as bodies arrive. */
static int form_byte_ok(struct exchange *x, unsigned char c)
{
	if (x->hex_owed) {
		x->hex_owed--;
		return isxdigit(c);
	}
	if (c == '=') {
		if (x->form_field != FIELD_NAME) /* no name, or a second '=' */
			return 0;
		x->form_field = FIELD_VALUE;
	} else if (c == '&') {
		if (x->form_field == FIELD_NAME) /* a name with no '=' */
			return 0;
		x->form_field = FIELD_NONE;
	} else {
		if (x->form_field == FIELD_NONE)
			x->form_field = FIELD_NAME;
		if (c == '%')
			x->hex_owed = 2;
	}
	return 1;
}

static int form_well_formed(struct exchange *x, const char *data, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (!form_byte_ok(x, (unsigned char)data[i]))
			return 0;
	return 1;
}

int exchange_body(struct exchange *x, const char *data, size_t size)
{
	if (x->status)
		return -1;
	int ok = 1;
	if (x->body == BODY_MULTIPART) {
		ok = starts_with_delimiter(x, data, size);
		keep_tail(x, data, size);
	} else if (x->body == BODY_FORM)
		ok = form_well_formed(x, data, size);
	x->body_bytes += size;
	if (!ok)
		exchange_fail(x, 400, NULL, EXCHANGE_UNREADABLE);
	return ok ? 0 : -1;
}

int exchange_body_end(struct exchange *x)
{
	if (x->status)
		return -1;
	int ok = x->body == BODY_MULTIPART ? ends_with_close_delimiter(x)
					   : !x->hex_owed && x->form_field != FIELD_NAME;
	if (!ok)
		exchange_fail(x, 400, NULL, EXCHANGE_UNREADABLE);
	return ok ? 0 : -1;
}

/* The room a buffer of n bytes (and its NUL) is given: the next power of
 * two, so that a body arriving in thousands of pieces is copied a few
 * times rather than once a piece (an allocator that never grows in place,
 * as the sanitizers' does, took seconds over a 2 MiB upload). */
static size_t room_for(size_t n)
{
	size_t room = 64;
	while (room < n + 1)
		room *= 2;
	return room;
}

/* Body buffers grow with what a client sends: when memory runs out the
 * request is refused (503) rather than the server stopped. */
static int append(struct exchange *x, char **buf, size_t *len, const char *data, size_t size)
{
	if (!*buf || room_for(*len + size) != room_for(*len)) {
		char *grown = try_realloc(*buf, room_for(*len + size));
		if (!grown) {
			exchange_fail(x, 503, NULL, EXCHANGE_NO_MEMORY);
			return -1;
		}
		*buf = grown;
	}
	memcpy(*buf + *len, data, size);
	*len += size;
	(*buf)[*len] = 0;
	return 0;
}

/* Field names and values together may not pass the form limit. */
static int count_form_bytes(struct exchange *x, const char *field, size_t size)
{
	x->form_bytes += size;
	if (x->form_bytes > cfg.form_max) {
		exchange_fail(x, 413, field, "The form is too large.");
		return -1;
	}
	return 0;
}

int exchange_param(struct exchange *x, const char *name, size_t nlen, const char *value,
		   size_t vlen)
{
	struct request *rq = &x->rq;
	if (x->status)
		return -1;
	if (rq->nparams >= MAX_PARAMS) {
		exchange_fail(x, 413, NULL, "The form has too many fields.");
		return -1;
	}
	if ((rq->nparams & 15) == 0)
		rq->params = xrealloc(rq->params, (rq->nparams + 16) * sizeof *rq->params);
	struct param *p = &rq->params[rq->nparams++];
	p->name = xstrndup(name, nlen);
	p->len = value ? vlen : 0;
	/* With the room append() keeps: the value may come on in pieces. */
	p->value = xmalloc(room_for(p->len));
	if (p->len)
		memcpy(p->value, value, p->len);
	p->value[p->len] = 0;
	return count_form_bytes(x, p->name, nlen + p->len);
}

int exchange_param_more(struct exchange *x, const char *data, size_t size)
{
	if (x->status || !x->rq.nparams)
		return -1;
	struct param *p = &x->rq.params[x->rq.nparams - 1];
	if (append(x, &p->value, &p->len, data, size) != 0)
		return -1;
	return count_form_bytes(x, p->name, size);
}

int exchange_file(struct exchange *x, const char *field, const char *filename)
{
	struct request *rq = &x->rq;
	if (x->status)
		return -1;
	/* One more than allowed is kept, so that the router can name the field
	 * that was given too many; beyond that, the request is refused here. */
	if (rq->nfiles >= cfg.upload_files + 1u) {
		char msg[96];
		snprintf(msg, sizeof msg, "Too many files: at most %u can be sent at once.",
			 cfg.upload_files);
		exchange_fail(x, 413, field, msg);
		return -1;
	}
	rq->files = xrealloc(rq->files, (rq->nfiles + 1) * sizeof *rq->files);
	struct upload *u = &rq->files[rq->nfiles++];
	memset(u, 0, sizeof *u);
	u->field = xstrdup(field);
	u->filename = xstrdup(filename);
	return 0;
}

int exchange_file_more(struct exchange *x, const char *data, size_t size)
{
	if (x->status || !x->rq.nfiles)
		return -1;
	struct upload *u = &x->rq.files[x->rq.nfiles - 1];
	if (u->len + size > cfg.upload_max) {
		char msg[160];
		snprintf(msg, sizeof msg,
			 "The file is too large: each file may be at most %zu MiB.",
			 cfg.upload_max / (1024 * 1024));
		exchange_fail(x, 413, u->field, msg);
		return -1;
	}
	return append(x, (char **)&u->data, &u->len, data, size);
}

/* A browser's empty file input sends a part with no name and no bytes. */
static void drop_empty_files(struct request *rq)
{
	size_t kept = 0;
	for (size_t i = 0; i < rq->nfiles; i++) {
		struct upload *u = &rq->files[i];
		if (!u->filename[0] && u->len == 0) {
			free(u->field), free(u->filename), free(u->data);
			continue;
		}
		rq->files[kept++] = *u;
	}
	rq->nfiles = kept;
}

static void add_header(struct response *out, const char *name, char *value)
{
	if (out->nheaders < (int)(sizeof out->headers / sizeof out->headers[0]))
		out->headers[out->nheaders++] = (struct header){ name, value };
	else
		free(value);
}

/* An ASCII fallback plus the exact name, percent-encoded (RFC 6266). */
static char *content_disposition(const struct reply *rp)
{
	size_t n = strlen(rp->filename);
	char *ascii = xmalloc(n + 1), *enc = xmalloc(n * 3 + 1), *e = enc;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)rp->filename[i];
		int plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
		ascii[i] = plain ? (char)ch : '_';
		e += plain ? sprintf(e, "%c", ch) : sprintf(e, "%%%02X", ch);
	}
	ascii[n] = 0;
	char *cd = xasprintf("%s; filename=\"%s\"; filename*=UTF-8''%s",
			     rp->inline_ok ? "inline" : "attachment", ascii, enc);
	free(ascii);
	free(enc);
	return cd;
}

#define SESSION_COOKIE "sr_session"
#define HOST_PREFIX "__Host-"

/* ASVS 3.3.1: a Secure session cookie carries the __Host- prefix, which
 * browsers accept only from HTTPS, for Path=/ and with no Domain: no
 * other site under the school's domain can set or replace it. */
const char *exchange_session_cookie(const struct exchange *x)
{
	return x->rq.https || cfg.cookie_secure ? HOST_PREFIX SESSION_COOKIE : SESSION_COOKIE;
}

/* Over an encrypted connection the session cookie never travels in clear
 * text, whatever --secure-cookies says. */
static char *cookie_header(const struct exchange *x, const char *set_cookie)
{
	int secure = x->rq.https || cfg.cookie_secure;
	const char *prefix = secure && strncmp(set_cookie, SESSION_COOKIE "=",
					       strlen(SESSION_COOKIE) + 1) == 0
				     ? HOST_PREFIX
				     : "";
	const char *flag = secure && !strstr(set_cookie, "; Secure") ? "; Secure" : "";
	return xasprintf("%s%s%s", prefix, set_cookie, flag);
}

static void add_headers(struct exchange *x, const struct reply *rp, const char *content_type,
			struct response *out)
{
	const struct request *rq = &x->rq;
	/* A download (evidence, a scan, a CSV) opened as a page runs nothing and
	 * reaches nothing of the site's (ASVS 5.4.x, 3.4.3: CSP sandbox). */
	add_header(out, "Content-Security-Policy",
		   rp->filename ? xasprintf("%s; sandbox", CSP) : xstrdup(CSP));
	add_header(out, "X-Content-Type-Options", xstrdup("nosniff"));
	add_header(out, "Referrer-Policy", xstrdup("same-origin"));
	add_header(out, "X-Frame-Options", xstrdup("DENY"));
	if (content_type)
		add_header(out, "Content-Type", xstrdup(content_type));
	int is_static = rp->inline_ok && static_wanted(rq->path) && rp->status == 200;
	add_header(out, "Cache-Control", xstrdup(is_static ? "public, max-age=86400" : "no-store"));
	if (rp->location)
		add_header(out, "Location", xstrdup(rp->location));
	if (rp->set_cookie)
		add_header(out, "Set-Cookie", cookie_header(x, rp->set_cookie));
	if (rp->status == 405)
		add_header(out, "Allow", router_allow(rq->path));
	if (rp->retry_after > 0)
		add_header(out, "Retry-After", xasprintf("%d", rp->retry_after));
	if (rp->filename)
		add_header(out, "Content-Disposition", content_disposition(rp));
	if (x->rq.https)
		add_header(out, "Strict-Transport-Security",
			   xstrdup("max-age=31536000; includeSubDomains")); /* ASVS 3.4.1 */
}

/* The layout's school name and one-shot message come from the database:
 * read here, before rendering, which only turns the model into a page.
 * Taking the message is a write, so it ends a page's read transaction. */
static void render(struct request *rq, struct reply *rp, struct rendered *r)
{
	struct layout_data ld = { 0 };
	if (view_wants_layout(rq, rp)) {
		/* The configuration file's school_name, when given, wins over the settings page. */
		ld.school_name = cfg.school_name ? xstrdup(cfg.school_name)
			: db_text("SELECT value FROM settings WHERE key = 'school_name'", "");
		if (rq->signed_in)
			ld.flash = auth_take_flash(rq);
	}
	view_render(rq, rp, &ld, r);
	free(ld.school_name);
	free(ld.flash);
}

/* The handler and the page, with a recovery point for running out of
 * memory (see util.h): the transaction is rolled back and the answer is a
 * 503.  What the handler had allocated is lost rather than freed, since
 * its state at that moment is unknown. */
static void handle(struct exchange *x, struct reply *rp, struct rendered *r)
{
	struct request *rq = &x->rq;
	static __thread jmp_buf jump;
	static __thread struct reply *volatile current;
	current = rp;
	if (setjmp(jump)) {
		oom_recover_at(NULL);
		db_rollback();
		db_read_end();
		memset(current, 0, sizeof *current);
		fprintf(stderr, "staffroom: out of memory serving a request; answered 503\n");
		reply_error(current, 503, NULL, "%s", EXCHANGE_NO_MEMORY);
		current->retry_after = 5;
		render(rq, current, r);
		return;
	}
	oom_recover_at(&jump);
	if (bench_capture)
		capture_begin();
	db_statistics_reload();
	if (x->status)
		reply_error(rp, x->status, x->field, "%s", x->message);
	else if (!rq->is_post && static_wanted(rq->path))
		static_serve(rq->path, rp);
	else {
		if (!rq->is_post)
			db_read_begin();
		router_dispatch(rq, rp);
	}
	if (!rp->status)
		rp->status = 200;
	if (rp->status == 503 && !rp->retry_after)
		rp->retry_after = 2;
	/* not for a full disk (507): waiting two seconds will not make room */
	if (rp->status >= 500 && rp->status != 507 && !rp->retry_after && db_failed())
		rp->retry_after = 2;
	render(rq, rp, r);
	if (bench_capture)
		capture_end(rq, rp, r);
	oom_recover_at(NULL);
	db_rollback(); /* a transaction a handler left open ends here, not in the next request */
	db_read_end();
}

/* The rendered page and the reply's headers, as the front end sends them. */
static void to_response(struct exchange *x, struct reply *rp, const struct rendered *r,
			struct response *out)
{
	out->status = rp->status;
	out->body = r->body;
	out->len = r->body ? r->len : 0;
	add_headers(x, rp, r->content_type, out);
	reply_free(rp);
}

int exchange_waits_out(struct exchange *x)
{
	return !x->status && router_waits_out(&x->rq);
}

void exchange_respond(struct exchange *x, struct response *out)
{
	struct reply rp = { 0 };
	memset(out, 0, sizeof *out);
	drop_empty_files(&x->rq);
	struct rendered r;
	handle(x, &rp, &r);
	to_response(x, &rp, &r, out);
}

/* The answer for a request whose write was made but could not be synced
 * (see held.c): what the handler answered is dropped. */
void exchange_respond_unsaved(struct exchange *x, struct response *out)
{
	struct reply rp = { 0 };
	struct rendered r;
	memset(out, 0, sizeof *out);
	reply_error(&rp, 503, NULL, "The server could not confirm that your change was saved. "
		    "Please check, and try again in a moment.");
	rp.retry_after = 5;
	render(&x->rq, &rp, &r);
	to_response(x, &rp, &r, out);
}

void response_free(struct response *out)
{
	free(out->body);
	for (int i = 0; i < out->nheaders; i++)
		free(out->headers[i].value);
	memset(out, 0, sizeof *out);
}

void exchange_free(struct exchange *x)
{
	struct request *rq = &x->rq;
	for (size_t i = 0; i < rq->nparams; i++) {
		free(rq->params[i].name);
		free(rq->params[i].value);
	}
	free(rq->params);
	for (size_t i = 0; i < rq->nfiles; i++) {
		free(rq->files[i].field);
		free(rq->files[i].filename);
		free(rq->files[i].data);
	}
	free(rq->files);
	free((char *)rq->path);
	memset(x, 0, sizeof *x);
}

/* libmicrohttpd's percent-decoding, except that a decoded NUL becomes 0x01:
 * a C string cut short at an embedded NUL could otherwise name another file
 * or value ("/static/a.css%00.png").  Fields refuse control characters, so
 * such input still gets a 400. */
size_t exchange_unescape_path(char *path)
{
	size_t n = MHD_http_unescape(path);
	for (size_t i = 0; i < n; i++)
		if (path[i] == 0)
			path[i] = 1;
	return n;
}
