/* The plain CGI front end (RFC 3875): one process per request, started by
 * the web server (Apache's mod_cgi or mod_cgid, lighttpd's mod_cgi, IIS)
 * with the request in its environment and its body on standard input; the
 * answer goes to standard output and the process exits.  exchange.c does
 * the rest, exactly as for the embedded server and FastCGI. */
#ifndef STAFFROOM_CGI_H
#define STAFFROOM_CGI_H

/* Serves the one request and exits' worth of work after it (the daily
 * anchor, mail that is due).  The database is open and the key read. */
int cgi_run(void);
/* Before root is given up and the system-call filter installed: 0 ok. */
int cgi_enter_sandbox(void);
/* When staffroom cannot start at all: a 503 the web server can pass on
 * (the reason is on standard error, which goes to its error log). */
void cgi_unavailable(void);

#endif
