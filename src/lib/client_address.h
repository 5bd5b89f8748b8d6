/* Which address a request comes from: the peer's, or, when the peer is a
 * proxy named in the trusted_proxy setting, the address that proxy says it
 * served.  Headers from anyone else are ignored: a client could write any
 * address there. */
#ifndef STAFFROOM_CLIENT_ADDRESS_H
#define STAFFROOM_CLIENT_ADDRESS_H

#include <stddef.h>

/* Is text a list of IPv4/IPv6 addresses separated by commas or spaces? */
int address_list_valid(const char *text);
/* Writes the believed client address into out (size bytes).  peer may be
 * NULL (unknown); real_ip and forwarded_for are the X-Real-IP and
 * X-Forwarded-For headers, or NULL. */
void client_address_choose(const char *peer, const char *real_ip, const char *forwarded_for,
			   char *out, size_t size);

#endif
