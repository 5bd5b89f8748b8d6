/* The incident queue's one-line summary: the first line, at most so many
 * characters (not bytes), cut at a word, with "…" when anything is left
 * out; and statuses by their names. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "features/concerns/concern_internal.h"

static void assert_line(const char *text, size_t max, const char *expect)
{
	char *got = concern_summary_line(text, max);
	assert_string_equal(got, expect);
	free(got);
}

static void short_text_is_kept(void **state)
{
	(void)state;
	assert_line("A short one", 100, "A short one");
	assert_line("", 100, "");
	assert_line(NULL, 100, "");
}

static void long_text_is_cut_at_a_word(void **state)
{
	(void)state;
	assert_line("one two three four", 10, "one two\xe2\x80\xa6");
	assert_line("one two, three four", 12, "one two\xe2\x80\xa6");
	/* No space early enough: cut inside the word rather than show nothing. */
	assert_line("abcdefghijklmnop", 10, "abcdefghij\xe2\x80\xa6");
}

static void only_the_first_line(void **state)
{
	(void)state;
	assert_line("First line\nsecond line", 100, "First line\xe2\x80\xa6");
	assert_line("First line\r\nsecond", 100, "First line\xe2\x80\xa6");
}

static void characters_not_bytes(void **state)
{
	(void)state;
	/* Five two-byte characters fit in five characters, never half of one. */
	assert_line("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5,
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	assert_line("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5,
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6");
}

static void statuses_by_name(void **state)
{
	(void)state;
	assert_string_equal(concern_status_label("new"), "New");
	assert_string_equal(concern_status_label("investigating"), "Investigating");
	assert_string_equal(concern_status_label("closed"), "Closed");
	/* Every status of the list has a name of its own. */
#define STATUS_HAS_NAME_(code, name) assert_string_equal(concern_status_label(code), name);
	CONCERN_STATUS_LIST(STATUS_HAS_NAME_)
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_text_is_kept),
		cmocka_unit_test(long_text_is_cut_at_a_word),
		cmocka_unit_test(only_the_first_line),
		cmocka_unit_test(characters_not_bytes),
		cmocka_unit_test(statuses_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
