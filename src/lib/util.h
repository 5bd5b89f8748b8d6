/* Small helpers shared by every part: time, strings, hashing, tokens. */
#ifndef STAFFROOM_UTIL_H
#define STAFFROOM_UTIL_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define ISO_LEN 24 /* "2026-11-20T09:30:00Z" plus NUL, rounded up */

/* Days from 1970-01-01 to the valid date y-m-d, as timegm() / 86400 gives. */
long days_from_civil(int y, int m, int d);

/* The clock.  Tests may start the server with STAFFROOM_TEST_NOW set to an
 * ISO time; the clock then starts there and runs at normal speed (from
 * STAFFROOM_TEST_NOW_FROM, seconds since 1970, when given: the CGI tests). */
void clock_init(void);
time_t now(void);
int64_t now_ms(void);      /* the same clock, in milliseconds */
void iso_time(time_t t, char out[ISO_LEN]);
void iso_now(char out[ISO_LEN]);
void iso_date(time_t t, char out[11]);
/* "2026-12-18" as "18 December 2026" (UK order, month in words); the input
 * itself when it is not a date. */
void date_words(const char *iso, char *out, size_t size);
/* "December" for 12; "" for a month that is not 1 to 12. */
const char *month_name(int month);
int parse_iso_time(const char *s, time_t *out); /* "YYYY-MM-DDTHH:MM[:SS][Z]" as UTC */
int parse_date(const char *s, int *y, int *m, int *d); /* valid calendar date */

/* SHA-256 of bytes as 64 lower-case hex digits plus NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);
/* A record's version as a form showed it: the first 16 hex digits of the
 * SHA-256 of the values joined by U+001F (a NULL value counts as "").  A
 * form carries it, so a save from a page opened before someone else's
 * change is told apart without storing anything. */
void fields_digest(const char *const *values, size_t n, char out[17]);
/* 32 random bytes, URL-safe base64 without padding (43 chars plus NUL). */
void random_token(char out[44]);

int utf8_valid(const char *s, size_t len);
size_t utf8_chars(const char *s);

/* Allocation that does not fail: in a request thread with a recovery
 * point set, failure jumps there (the request answers 503); otherwise the
 * program stops.  try_realloc returns NULL instead, for buffers whose
 * caller can refuse the request itself. */
void oom_recover_at(jmp_buf *jump);   /* NULL: no recovery point */
void *try_realloc(void *p, size_t n);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* s percent-encoded (RFC 3986), malloc'd: ASCII letters and digits and the
 * characters in plain are kept, every other byte is %HH. */
char *percent_encode(const char *s, const char *plain);

/* Lower-case (any letter of Unicode, by the C library's C.UTF-8 locale),
 * trim and fold runs of white space: for comparing typed names. */
char *normalise_name(const char *s);
/* Loads normalise_name's locale: at start-up, before the sandbox. */
void normalise_name_init(void);
/* Copies at most size-1 bytes and always terminates. */
void copy_str(char *dst, size_t size, const char *src);
/* 1 when S is NULL, empty or only white space: a required text that says nothing. */
int text_blank(const char *s);

#endif
