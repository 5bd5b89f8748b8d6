/* The embedded HTTP server (libmicrohttpd): limits, request assembly, form
 * and upload parsing, responses and headers. */
#ifndef STAFFROOM_SERVER_H
#define STAFFROOM_SERVER_H

int server_run(void);   /* serves until SIGINT or SIGTERM; 0 on a clean stop */

#endif
