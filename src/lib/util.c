#define _GNU_SOURCE
#include "lib/util.h"

#include <ctype.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include <sodium.h>

static time_t clock_offset;

void clock_init(void)
{
	const char *fake = getenv("STAFFROOM_TEST_NOW");
	time_t t;
	clock_offset = 0;
	/* A CGI process lives for one request: STAFFROOM_TEST_NOW_FROM says
	 * when the test's clock was started, so that it runs on between them. */
	const char *from = getenv("STAFFROOM_TEST_NOW_FROM");
	time_t started = from ? (time_t)strtoll(from, NULL, 10) : time(NULL);
	if (fake && parse_iso_time(fake, &t) == 0)
		clock_offset = t - started;
}

time_t now(void)
{
	return time(NULL) + clock_offset;
}

int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec + clock_offset) * 1000 + ts.tv_nsec / 1000000;
}

void iso_time(time_t t, char out[ISO_LEN])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void iso_now(char out[ISO_LEN])
{
	iso_time(now(), out);
}

void iso_date(time_t t, char out[11])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

const char *month_name(int month)
{
	static const char *const months[] = { "January",   "February", "March",    "April",
					      "May",       "June",     "July",     "August",
					      "September", "October",  "November", "December" };
	return month >= 1 && month <= 12 ? months[month - 1] : "";
}

void date_words(const char *iso, char *out, size_t size)
{
	int y, m, d;
	if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= 31)
		snprintf(out, size, "%d %s %d", d, month_name(m), y);
	else
		copy_str(out, size, iso ? iso : "");
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int parse_date(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	*d = digits(s + 8, 2);
	if (*y < 1900 || *y > 9999 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

/* timegm's arithmetic for a valid date, without its lock and its
 * normalising: it was a twentieth of a page that shows a few dozen dates.
 * Days are counted in 400-year eras of 146097 days from 1 March 0000, so
 * that a leap day ends its year. */
long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long year_of_era = y - era * 400;
	long day_of_year = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468; /* 719468: 0000-03-01 to 1970-01-01 */
}

int parse_iso_time(const char *s, time_t *out)
{
	int y, mo, d, h, mi, sec = 0;
	size_t n = strlen(s);
	if (n < 16 || parse_date(s, &y, &mo, &d) != 0 || (s[10] != 'T' && s[10] != ' ') ||
	    s[13] != ':')
		return -1;
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	const char *rest = s + 16;
	if (*rest == ':') {
		/* Stop at a bad seconds part: stepping over it could pass the end. */
		if ((sec = digits(rest + 1, 2)) < 0)
			return -1;
		rest += 3;
	}
	if (*rest == 'Z')
		rest++;
	if (*rest || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
		return -1;
	*out = (time_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	return 0;
}

void sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void fields_digest(const char *const *values, size_t n, char out[17])
{
	char *text = xstrdup("");
	for (size_t i = 0; i < n; i++) {
		char *next = xasprintf("%s%s%s", text, i ? "\x1f" : "", values[i] ? values[i] : "");
		free(text);
		text = next;
	}
	char hex[65];
	sha256_hex(text, strlen(text), hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
	free(text);
}

void random_token(char out[44])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, 44, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		int n = c < 0x80             ? 0
			: (c & 0xE0) == 0xC0 ? 1
			: (c & 0xF0) == 0xE0 ? 2
			: (c & 0xF8) == 0xF0 ? 3
					     : -1;
		if (n < 0 || end - p <= n)
			return 0;
		unsigned cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		/* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return 0;
		p += n + 1;
	}
	return 1;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Running out of memory.  A server must not die with every connection
 * because one request could not get memory: a request thread sets a
 * recovery point (oom_recover_at) and a failed allocation jumps back to
 * it; the server then rolls back the request's transaction and answers
 * 503.  Anywhere else (the command line, start-up) there is nothing to
 * save, and the program stops with a message.
 *
 * STAFFROOM_TEST_ALLOC_LIMIT=BYTES (tests only) makes every single
 * allocation above BYTES fail, as if the system were out of memory. */
static __thread jmp_buf *oom_jump;
static size_t alloc_limit;
static pthread_once_t alloc_once = PTHREAD_ONCE_INIT;

static void alloc_limit_read(void)
{
	const char *v = getenv("STAFFROOM_TEST_ALLOC_LIMIT");
	alloc_limit = v ? (size_t)strtoull(v, NULL, 10) : 0;
}

static int alloc_refused(size_t n)
{
	pthread_once(&alloc_once, alloc_limit_read);
	return alloc_limit && n > alloc_limit;
}

void oom_recover_at(jmp_buf *jump)
{
	oom_jump = jump;
}

static void out_of_memory(size_t n)
{
	if (oom_jump) {
		jmp_buf *j = oom_jump;
		oom_jump = NULL;
		longjmp(*j, 1);
	}
	fprintf(stderr, "staffroom: out of memory (%zu bytes)\n", n);
	abort();
}

void *try_realloc(void *p, size_t n)
{
	return alloc_refused(n) ? NULL : realloc(p, n ? n : 1);
}

void *xmalloc(size_t n)
{
	void *p = alloc_refused(n) ? NULL : malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = size && n > SIZE_MAX / size ? NULL
		  : alloc_refused(n * size)   ? NULL
					      : calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = try_realloc(p, n);
	if (!p)
		out_of_memory(n);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *percent_encode(const char *s, const char *plain)
{
	char *out = xmalloc(strlen(s) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x80 && isalnum(*p)) || strchr(plain, *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = 0;
	return out;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *out;
	va_start(ap, fmt);
	int n = vasprintf(&out, fmt, ap);
	va_end(ap);
	if (n < 0 || alloc_refused((size_t)n + 1)) {
		if (n >= 0)
			free(out);
		out_of_memory(n < 0 ? 0 : (size_t)n + 1);
	}
	return out;
}

/* The C library's Unicode case mapping, so that "Émilie" typed as "émilie"
 * matches (API.md: the typed name matches "ignoring case").  Loaded once,
 * before the sandbox (normalise_name_init): newlocale reads the locale's
 * files.  NULL when the machine lacks C.UTF-8: ASCII letters only then. */
static locale_t name_locale;
static pthread_once_t name_locale_once = PTHREAD_ONCE_INIT;

static void name_locale_load(void)
{
	name_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

void normalise_name_init(void)
{
	pthread_once(&name_locale_once, name_locale_load);
}

/* One character of s lower-cased into o; the bytes of s it took.  A byte
 * that starts no character is copied as it is. */
static size_t lower_char(const char *s, char *o, size_t *wrote)
{
	mbstate_t in = { 0 }, out = { 0 };
	wchar_t wc;
	size_t n = name_locale ? mbrtowc(&wc, s, strlen(s), &in) : (size_t)-1;
	size_t m = n == (size_t)-1 || n == (size_t)-2 || n == 0
			   ? (size_t)-1
			   : wcrtomb(o, (wchar_t)towlower_l((wint_t)wc, name_locale), &out);
	if (m == (size_t)-1) {
		*o = (char)tolower((unsigned char)*s);
		*wrote = 1;
		return 1;
	}
	*wrote = m;
	return n;
}

char *normalise_name(const char *s)
{
	normalise_name_init();
	/* A lower-case letter takes at most MB_LEN_MAX bytes, whatever its capital. */
	char *out = xmalloc(strlen(s) * MB_LEN_MAX + 1), *o = out;
	int space = 0;
	/* mbrtowc and wcrtomb follow the thread's locale: C.UTF-8 for this
	 * thread alone, then back (uselocale, unlike setlocale, is per thread). */
	locale_t was = name_locale ? uselocale(name_locale) : (locale_t)0;
	while (isspace((unsigned char)*s))
		s++;
	while (*s) {
		if (isspace((unsigned char)*s)) {
			space = 1;
			s++;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = 0;
		size_t wrote;
		s += lower_char(s, o, &wrote);
		o += wrote;
	}
	if (name_locale)
		uselocale(was);
	*o = 0;
	return out;
}

void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
}

int text_blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}
