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

struct exchange {
	struct request rq;
	int status; /* an error found while reading; answered instead of dispatching */
	char message[200];
	const char *field;
	size_t form_bytes;           /* field names and values so far */
};

enum body_kind { BODY_NONE, BODY_FORM, BODY_MULTIPART };

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
 * A declared length over the limits, or a body that is not a form, sets the
 * error and gives BODY_NONE. */
enum body_kind exchange_body_kind(struct exchange *x, const char *content_type,
				  const char *content_length);
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
