/* Words a password must not contain: the school's name and its significant
 * words, the person's name parts and e-mail local part, "staffroom",
 * "password" and "school"; case, punctuation and digits for letters ignored;
 * short name parts and generic school words not looked for. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/password_words.h"

static const struct password_owner jane = { "Jane O'Brien-Smith", "jbs.office@hillside.sch.uk",
					    1, 1 };
static const struct password_owner short_names = { "Jo Li", "jl@x.school", 1, 0 };

static const char *why(const char *pw, const struct password_owner *who)
{
	return password_words_problem(pw, who, "Hillside Academy");
}

static void the_school_name_and_its_own_words(void **state)
{
	(void)state;
	assert_non_null(strstr(why("HillsideAcademy1", NULL), "school's name"));
	assert_non_null(why("hillside-academy-2026", NULL));
	assert_non_null(why("Hills1de rocks here", NULL));
	/* "Academy" says what kind of school, not which. */
	assert_null(why("my academy of owls", NULL));
}

static void the_persons_name_and_address(void **state)
{
	(void)state;
	assert_non_null(strstr(why("mrs smith teaches", &jane), "your name"));
	assert_non_null(strstr(why("BRIEN and the owls", &jane), "your name"));
	assert_non_null(strstr(why("JBS-Office at home", &jane), "e-mail"));
	assert_non_null(strstr(why("jbs office 4 me", &jane), "e-mail"));
	/* Two-letter parts are not looked for; the whole name is. */
	assert_null(why("jolly lime kettle", &short_names));
	assert_non_null(strstr(why("jo li kettle 77", &short_names), "the person's name"));
}

static void this_services_words(void **state)
{
	(void)state;
	assert_non_null(strstr(why("staffroom-demo", NULL), "\"staffroom\""));
	assert_non_null(strstr(why("St4ffr00m is great", NULL), "\"staffroom\""));
	assert_non_null(strstr(why("Pa55w0rd-for-me", NULL), "\"password\""));
	assert_non_null(strstr(why("old school tunes", NULL), "\"school\""));
	assert_null(why("zebra violin kettle", &jane));
	assert_null(password_words_problem("zebra violin kettle", NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_school_name_and_its_own_words),
		cmocka_unit_test(the_persons_name_and_address),
		cmocka_unit_test(this_services_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
