#define _GNU_SOURCE
#include "lib/totp.h"
#include "lib/util.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oath_ready(void)
{
	static int done;
	if (!done) {
		oath_init();
		done = 1;
	}
}

void totp_new_secret(char b32[TOTP_B32_LEN + 1])
{
	unsigned char raw[TOTP_SECRET_BYTES];
	char *out = NULL;
	size_t len = 0;
	oath_ready();
	randombytes_buf(raw, sizeof raw);
	oath_base32_encode((const char *)raw, sizeof raw, &out, &len);
	sodium_memzero(raw, sizeof raw);
	copy_str(b32, TOTP_B32_LEN + 1, out ? out : "");
	if (out) {
		sodium_memzero(out, len);
		free(out);
	}
}

int64_t totp_match(const char *b32, time_t t, const char *code)
{
	if (!code || strlen(code) != 6)
		return -1;
	for (const char *p = code; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	char *raw = NULL;
	size_t len = 0;
	oath_ready();
	if (oath_base32_decode(b32, strlen(b32), &raw, &len) != OATH_OK)
		return -1;
	int pos = 0;
	/* One step either side: a phone's clock a little off still works. */
	int rc = oath_totp_validate2(raw, len, t, TOTP_STEP, 0, 1, &pos, code);
	sodium_memzero(raw, len);
	free(raw);
	return rc >= 0 ? (int64_t)(t / TOTP_STEP) + pos : -1;
}

/* Percent-encodes everything but unreserved characters (RFC 3986) and @. */
static char *uri_escape(const char *s)
{
	return percent_encode(s, "-._~@");
}

char *totp_uri(const char *issuer, const char *account, const char *b32)
{
	char *i = uri_escape(issuer), *a = uri_escape(account);
	char *uri = xasprintf(
		"otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30", i, a,
		b32, i);
	free(i);
	free(a);
	return uri;
}

/* One path of unit squares, a four-module quiet zone around it. */
char *qr_svg(const char *text, size_t *len)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return NULL;
	int w = qr->width, size = w + 8;
	size_t cap = 512 + (size_t)w * (size_t)w * 16, n = 0;
	char *svg = xmalloc(cap);
	n += (size_t)snprintf(
		svg + n, cap - n,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		"height=\"%d\" "
		"shape-rendering=\"crispEdges\"><title>QR code for your authenticator app</title>"
		"<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
		size, size, size * 6, size * 6, size, size);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (qr->data[y * w + x] & 1)
				n += (size_t)snprintf(svg + n, cap - n, "M%d %dh1v1h-1z", x + 4,
						      y + 4);
	n += (size_t)snprintf(svg + n, cap - n, "\"/></svg>\n");
	QRcode_free(qr);
	*len = n;
	return svg;
}
