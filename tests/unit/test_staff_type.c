/* Staff types as schools spell them: every spelling names one of
 * STAFF_TYPES, whatever its case and spacing; anything else names none. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/staff.h"
#include "core/staff_type.h"

static void codes_and_spellings(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "teacher", "teacher" },	   { "TEACHER", "teacher" },
		{ "Teaching", "teacher" },	   { "  teaching   staff ", "teacher" },
		{ "Support Staff", "support" },	   { "support_staff", "support" },
		{ "Non-Teaching", "support" },	   { "non teaching staff", "support" },
		{ "Supply Teacher", "supply" },	   { "Governors", "governor" },
		{ "Trustee", "governor" },	   { "external-contractor", "contractor" },
		{ "Volunteers", "volunteer" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *code = staff_type_code(cases[i][0]);
		assert_non_null(code);
		assert_string_equal(code, cases[i][1]);
	}
}

static void every_code_is_a_staff_type(void **state)
{
	(void)state;
	char types[128];
	snprintf(types, sizeof types, "|%s|", STAFF_TYPES);
	const char *typed[] = { "teacher", "support", "supply", "governor", "contractor",
				"volunteer" };
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		const char *code = staff_type_code(typed[i]);
		assert_non_null(code);
		char bar[32];
		snprintf(bar, sizeof bar, "|%s|", code);
		assert_non_null(strstr(types, bar));
	}
}

static void unknown_names_none(void **state)
{
	(void)state;
	const char *bad[] = { "", "   ", "astronaut", "teach", "staff", "cover",
			      "a very long staff type that is longer than any spelling in the "
			      "table by far" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_null(staff_type_code(bad[i]));
	assert_null(staff_type_code(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_and_spellings),
		cmocka_unit_test(every_code_is_a_staff_type),
		cmocka_unit_test(unknown_names_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
