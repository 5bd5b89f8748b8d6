/* The client's address behind a trusted reverse proxy (see client_address.h). */
#define _GNU_SOURCE
#include "lib/client_address.h"
#include "lib/config.h"
#include "lib/util.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

/* An address in binary form, so that "::1" and "0:0::1" compare equal. */
struct ip {
	int family;
	unsigned char bytes[16];
};

static int ip_parse(const char *text, size_t len, struct ip *out)
{
	char buf[INET6_ADDRSTRLEN];
	if (len == 0 || len >= sizeof buf)
		return 0;
	memcpy(buf, text, len);
	buf[len] = 0;
	memset(out, 0, sizeof *out);
	if (inet_pton(AF_INET, buf, out->bytes) == 1)
		out->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, out->bytes) == 1)
		out->family = AF_INET6;
	return out->family != 0;
}

#define SEPARATORS ", \t"

int address_list_valid(const char *text)
{
	int any = 0;
	for (const char *p = text + strspn(text, SEPARATORS); *p; p += strspn(p, SEPARATORS)) {
		size_t n = strcspn(p, SEPARATORS);
		struct ip ip;
		if (!ip_parse(p, n, &ip))
			return 0;
		any = 1;
		p += n;
	}
	return any;
}

static int trusted(const char *peer)
{
	struct ip want, ip;
	if (!cfg.trusted_proxy || !peer || !ip_parse(peer, strlen(peer), &want))
		return 0;
	for (const char *p = cfg.trusted_proxy + strspn(cfg.trusted_proxy, SEPARATORS); *p;
	     p += strspn(p, SEPARATORS)) {
		size_t n = strcspn(p, SEPARATORS);
		if (ip_parse(p, n, &ip) && ip.family == want.family &&
		    memcmp(ip.bytes, want.bytes, 16) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/* One header value without the blanks around it, if it is an address. */
static const char *address_in(const char *text, size_t *len)
{
	struct ip ip;
	text += strspn(text, " \t");
	*len = strcspn(text, " \t");
	return ip_parse(text, *len, &ip) ? text : NULL;
}

void client_address_choose(const char *peer, const char *real_ip, const char *forwarded_for,
			   char *out, size_t size)
{
	copy_str(out, size, peer ? peer : "unknown");
	if (!trusted(peer))
		return;
	size_t len = 0;
	/* X-Real-IP is set (not appended) by the proxy; in X-Forwarded-For only
	 * the last entry is the proxy's own, those before it came from the client. */
	const char *given = real_ip ? address_in(real_ip, &len) : NULL;
	if (!given && forwarded_for) {
		const char *comma = strrchr(forwarded_for, ',');
		given = address_in(comma ? comma + 1 : forwarded_for, &len);
	}
	/* A header that holds no address is ignored: the peer's stays. */
	if (given && len < size) {
		memcpy(out, given, len);
		out[len] = 0;
	}
}
