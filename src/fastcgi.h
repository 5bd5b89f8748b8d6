/* The FastCGI front end (libfcgi): `staffroom fastcgi` behind nginx
 * (fastcgi_pass) or Apache (mod_fcgid / mod_proxy_fcgi).  It reads each
 * request's parameters and body and sends the response; exchange.c does the
 * rest, exactly as for the embedded server. */
#ifndef STAFFROOM_FASTCGI_H
#define STAFFROOM_FASTCGI_H

#include "exchange.h"

int fastcgi_run(void);  /* serves until SIGINT or SIGTERM; 0 on a clean stop */

/* The value of one cookie in a Cookie header, copied into out; 0 if found. */
int fastcgi_cookie(const char *header, const char *name, char *out, size_t size);

#endif
