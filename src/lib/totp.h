/* Time-based one-time passwords (RFC 6238, as authenticator apps use them:
 * HMAC-SHA-1, six digits, 30-second steps) and the QR code that carries a
 * new secret to the phone.  The arithmetic is liboath's; the secret is kept
 * sealed in the vault (see schema.sql, table totp). */
#ifndef STAFFROOM_TOTP_H
#define STAFFROOM_TOTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TOTP_SECRET_BYTES 20   /* 160 bits, as RFC 4226 recommends */
#define TOTP_B32_LEN 32        /* base32 of 20 bytes, no padding */
#define TOTP_STEP 30

/* A fresh random secret, base32 (32 characters plus NUL). */
void totp_new_secret(char b32[TOTP_B32_LEN + 1]);
/* The time step a six-digit code matches within one step either side of t,
 * or -1.  The caller refuses a step not later than the last one used. */
int64_t totp_match(const char *b32, time_t t, const char *code);
/* otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=... (malloc'd). */
char *totp_uri(const char *issuer, const char *account, const char *b32);
/* The QR code for text as an SVG document (malloc'd), or NULL. */
char *qr_svg(const char *text, size_t *len);

#endif
