/* One request and its answer, whichever front end carried it (the embedded
 * HTTP server in server.c or FastCGI in fastcgi.c).  The front end reports
 * what it reads -- the start line, headers, fields, file bytes -- and this
 * file applies the limits, turns problems into one clear error, runs the
 * router and the view, and hands back a response as plain data for the front
 * end to send.  Nothing here knows about sockets. */
#ifndef STAFFROOM_EXCHANGE_H
#define STAFFROOM_EXCHANGE_H

#include "core/request.h"

#include <stddef.h>

enum body_kind { BODY_NONE, BODY_FORM, BODY_MULTIPART };

/* The most a boundary may hold (RFC 2046, 5.1.1). */
#define BOUNDARY_MAX 70

struct exchange {
	struct request rq;
	int status; /* an error found while reading; answered instead of dispatching */
	char message[200];
	const char *field;
	size_t form_bytes;           /* field names and values so far */
	/* The body as sent, checked as it arrives (exchange_body): */
	enum body_kind body;
	char boundary[BOUNDARY_MAX + 1]; /* a multipart body's, from its Content-Type */
	size_t body_bytes;
	char tail[BOUNDARY_MAX + 8]; /* its last bytes, where the close delimiter must be */
	size_t tail_len;
	int hex_owed;                /* hex digits still to come after a '%' */
	enum { FIELD_NONE, FIELD_NAME, FIELD_VALUE } form_field; /* where a form body is */
};

/* What every front end answers (400) for a body its parser could not read
 * whole, or that the parsers would read differently. */
#define EXCHANGE_UNREADABLE "The form could not be read."

/* The 503 text when a request could not get memory (the request is refused,
 * the server goes on). */
#define EXCHANGE_NO_MEMORY                                                                         \
	"The server is short of memory and nothing was saved. Please try again in a moment."

struct header {
	const char *name;
	char *value;                 /* owned */
};

struct response {
	int status;
	char *body;                  /* owned (may be NULL) */
	size_t len;
	struct header headers[12];
	int nheaders;
};

/* Starts an exchange: method and path (already percent-decoded).  Other
 * methods than GET, HEAD and POST are refused here. */
void exchange_start(struct exchange *x, const char *method, const char *path);
/* The session cookie's name for this exchange: "__Host-sr_session" when it is
 * Secure (HTTPS, or --secure-cookies), "sr_session" on plain loopback HTTP.
 * x->rq.https must be set first. */
const char *exchange_session_cookie(const struct exchange *x);
/* After the front end has set rq.accept, rq.cookie, ...: what body to expect.
 * A declared length over the limits, a body that is not a form, or a
 * multipart type with no usable boundary sets the error and gives BODY_NONE. */
enum body_kind exchange_body_kind(struct exchange *x, const char *content_type,
				  const char *content_length);
/* The body's bytes as sent, given as they arrive and before the parser sees
 * them, then its end: a multipart body cut short or framed by another
 * boundary than its Content-Type names, or a form body with a '%' not
 * followed by two hex digits or a field not "name=value", is refused (400,
 * EXCHANGE_UNREADABLE).  Each returns -1 once the exchange has an error. */
int exchange_body(struct exchange *x, const char *data, size_t size);
int exchange_body_end(struct exchange *x);
/* The pieces of a body (or of a query string).  Each returns -1 once the
 * exchange has an error: stop reading then. */
int exchange_param(struct exchange *x, const char *name, size_t nlen, const char *value,
		   size_t vlen);
int exchange_param_more(struct exchange *x, const char *data,
			size_t size); /* appends to the last field */
int exchange_file(struct exchange *x, const char *field, const char *filename);
int exchange_file_more(struct exchange *x, const char *data,
		       size_t size); /* appends to the last file */
void exchange_fail(struct exchange *x, int status, const char *field, const char *msg);
/* Whether answering may wait seconds on another server (R_WAITS_OUT): a
 * front end that serves many connections on each thread answers it on a
 * thread of its own. */
int exchange_waits_out(struct exchange *x);
/* The body is complete: answers it (or its error). */
void exchange_respond(struct exchange *x, struct response *out);
void exchange_respond_unsaved(struct exchange *x,
			      struct response *out); /* 503: the write was not synced */
void response_free(struct response *out);
void exchange_free(struct exchange *x);

/* Percent-decoding for a path, as libmicrohttpd does it, except that a
 * decoded NUL becomes 0x01 (see exchange.c).  Returns the new length. */
size_t exchange_unescape_path(char *path);

#endif
