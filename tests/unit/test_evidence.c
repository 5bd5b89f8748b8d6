/* The evidence type is decided from the bytes alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "features/concerns/concern_internal.h"

static const char *sniff(const char *s, size_t n)
{
	return evidence_sniff((const unsigned char *)s, n);
}
#define SNIFF(lit) sniff(lit, sizeof lit - 1)

static void test_magic_numbers(void **state)
{
	(void)state;
	assert_string_equal(SNIFF("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
	assert_string_equal(SNIFF("\xff\xd8\xff\xe0\0\x10JFIF"), "image/jpeg");
	assert_string_equal(SNIFF("%PDF-1.7\n"), "application/pdf");
	assert_null(SNIFF("\x89PNX\r\n\x1a\n"));
	assert_null(SNIFF("GIF89a\x01\0\x01\0\x80\0\0"));  /* a GIF is not accepted */
	assert_null(sniff("", 0));
}

static void test_plain_text(void **state)
{
	(void)state;
	assert_string_equal(SNIFF("Posted at 14:05 on Tuesday.\r\n\tSecond line"), "text/plain");
	assert_string_equal(SNIFF("caf\xc3\xa9 5 > 3 and 2 < 4"), "text/plain");
	assert_null(SNIFF("caf\xe9"));              /* not UTF-8 */
	assert_null(SNIFF("a\0b"));                 /* NUL */
	assert_null(SNIFF("bell\x07"));             /* control character */
}

static void test_markup_refused(void **state)
{
	(void)state;
	assert_null(SNIFF("<html><body>hi</body></html>"));
	assert_null(SNIFF("  \n\t<p>indented</p>"));
	assert_null(SNIFF("\xef\xbb\xbf<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
	assert_null(SNIFF("text first <SCRIPT>alert(1)</SCRIPT>"));
	assert_null(SNIFF("hello <!DOCTYPE html>"));
	assert_null(SNIFF("<?xml version=\"1.0\"?>"));
}

/* The stored name keeps the person's name for the file but takes the
 * extension of the type found in its bytes. */
static void name_is(const char *filename, const char *type, const char *want)
{
	char *got = evidence_name(filename, type);
	assert_string_equal(got, want);
	free(got);
}

static void test_served_name(void **state)
{
	(void)state;
	name_is("x.html", "text/plain", "x.txt");
	name_is("run.js", "text/plain", "run.txt");
	name_is("app.hta", "text/plain", "app.txt");
	name_is("logo.svg", "text/plain", "logo.txt");
	name_is("shot.gif", "image/png", "shot.png");
	name_is("photo.jpeg", "image/jpeg", "photo.jpg");
	name_is("a.b.exe", "application/pdf", "a.b.pdf");
	name_is("letter", "application/pdf", "letter.pdf");
	name_is("notes.txt", "text/plain", "notes.txt");
	name_is(".html", "text/plain", "evidence.txt");
	name_is("", "image/jpeg", "evidence.jpg");
	name_is(NULL, "text/plain", "evidence.txt");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_magic_numbers),
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_markup_refused),
		cmocka_unit_test(test_served_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
