/* The FastCGI front end (libfcgi): `staffroom fastcgi` behind nginx
 * (fastcgi_pass) or Apache (mod_fcgid / mod_proxy_fcgi).  It reads each
 * request's parameters and body and sends the response; exchange.c does the
 * rest, exactly as for the embedded server. */
#ifndef STAFFROOM_FASTCGI_H
#define STAFFROOM_FASTCGI_H

#include "http/exchange.h"

int fastcgi_run(void);  /* serves until SIGINT or SIGTERM; 0 on a clean stop */

/* Fields of a query string (is_query) or of a form body (of the kind
 * exchange_body_kind found), parsed by GNU cgicc (form_cgicc.cc) and passed
 * to the exchange, which checks the body and applies the limits. */
void fastcgi_parse_form(struct exchange *x, int is_query, const char *data, size_t len);

/* The value of the parameter NAME in a request's "NAME=value" list, the
 * last one when it is given more than once; NULL when it is not given. */
const char *fastcgi_param(char *const *env, const char *name);

/* The value of one cookie in a Cookie header, copied into out; 0 if found. */
int fastcgi_cookie(const char *header, const char *name, char *out, size_t size);

#endif
