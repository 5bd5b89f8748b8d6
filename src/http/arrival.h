/* Requests still arriving: a bound on how long a connection may take to
 * send its request, and on how many such connections one address (and all
 * addresses together) may hold, for the embedded server.
 *
 * libmicrohttpd's own time-out restarts with every byte, so a client that
 * sends one byte every few seconds (slowloris; a slow body) keeps its
 * connection for ever, and a few addresses doing so fill the connection
 * pool.  Here a connection is "arriving" from the moment it is accepted, or
 * its previous answer was sent, until its request (headers and body) is
 * all in; while arriving:
 *   - the headers must be in within header_timeout seconds, and the body
 *     must then come at body_min_rate bytes a second on average (after a
 *     first header_timeout seconds of grace), or the connection is closed;
 *   - when one address has max_arriving_per_address such connections, a
 *     new one from it closes the oldest of them that is waiting for its
 *     headers (an idle keep-alive connection, or a slowloris) or sending
 *     its body slower than body_min_rate, and at least a second old: a
 *     browser's burst of connections, or uploads at a fair rate from
 *     people sharing one address (a school's), are never closed for it;
 *   - all addresses together may hold half of max_connections: beyond that
 *     the oldest such connection anywhere is closed (if there is none, the
 *     oldest of an address holding several).
 * So the other half of the pool is always free for requests that have
 * arrived, and a client from another address is served however many slow
 * connections are open.  Connections whose request has arrived (being
 * answered, or held for their fsync) are never touched. */
#ifndef STAFFROOM_ARRIVAL_H
#define STAFFROOM_ARRIVAL_H

#include <microhttpd.h>
#include <stddef.h>

/* libmicrohttpd's accept policy and connection notification callbacks. */
enum MHD_Result arrival_accept(void *cls, const struct sockaddr *addr, socklen_t len);
void arrival_notify(void *cls, struct MHD_Connection *conn, void **ctx,
		    enum MHD_ConnectionNotificationCode code);

void arrival_headers_in(struct MHD_Connection *conn);            /* first call of the request */
void arrival_body_bytes(struct MHD_Connection *conn, size_t n);  /* upload data received */
void arrival_request_in(struct MHD_Connection *conn);            /* the whole request is in */
void arrival_answered(struct MHD_Connection *conn);              /* answer sent: idle, waiting */

/* The thread that closes connections past their time; stop after
 * MHD_stop_daemon(). */
int arrival_start(void);
void arrival_stop(void);

#endif
