/* Requests whose framing is ambiguous, refused before anything else: a
 * front end and staffroom (or a proxy and staffroom) that read such a
 * request differently disagree on where it ends, and the rest is taken as a
 * second, smuggled request.  RFC 9112 section 6.3 (Content-Length with
 * Transfer-Encoding), RFC 9110 section 7.2 (one Host), RFC 9110 section 5.5
 * (no NUL in a field value).  The embedded server only: through FastCGI the
 * web server has framed the request already. */
#ifndef STAFFROOM_FRAMING_H
#define STAFFROOM_FRAMING_H

#include <microhttpd.h>

/* Why the request's headers cannot be trusted, in words for the person
 * who sent it, or NULL.  METHOD is libmicrohttpd's, which starts the
 * request's header block in its read buffer. */
const char *framing_problem(struct MHD_Connection *conn, const char *method);

#endif
