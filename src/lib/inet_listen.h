/* An address to listen on, as an IP address and a port. */
#ifndef STAFFROOM_INET_LISTEN_H
#define STAFFROOM_INET_LISTEN_H

#include <sys/socket.h>

/* "HOST:PORT" or "[V6]:PORT", HOST an IP address (no name is looked up);
 * port 0 picks a free one.  0 ok. */
int inet_listen_parse(const char *listen, struct sockaddr_storage *ss, int *v6);

#endif
