/* Every code schema.sql allows in a CHECK that pages show (roles, staff
 * types, the statuses of concerns, applications and accounts, visibility)
 * has a name in core/names.h: a code added to the database without one
 * would appear on a page as it is stored. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "lib/util.h"
#include "testdb.h"

/* The values of the CHECK on table.column: [{"code"}]. */
static json_t *check_codes(const char *table, const char *column)
{
	char *values = testdb_check_values(table, column);
	json_t *codes =
		db_rows("SELECT value AS code FROM json_each(?)", "t", values ? values : "[]");
	free(values);
	return codes;
}

static const struct {
	const char *table, *column;
	enum name_kind kind;
} named[] = {
	{ "user_roles", "role", NAME_ROLE },
	{ "routing", "role", NAME_ROLE },
	{ "users", "staff_type", NAME_STAFF_TYPE },
	{ "concerns", "status", NAME_CONCERN_STATUS },
	{ "account_applications", "status", NAME_APPLICATION_STATUS },
	{ "approvals", "step", NAME_APPLICATION_STEP },
	{ "social_accounts", "status", NAME_ACCOUNT_STATUS },
	{ "social_accounts", "visibility", NAME_VISIBILITY },
	{ "account_applications", "visibility", NAME_VISIBILITY },
	{ "legal_holds", "record_type", NAME_RECORD_TYPE },
};

static void every_checked_code_has_a_name(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		json_t *codes = check_codes(named[i].table, named[i].column);
		if (json_array_size(codes) == 0)
			print_error("no CHECK list on %s.%s\n", named[i].table, named[i].column);
		assert_true(json_array_size(codes) > 0);
		size_t k;
		json_t *row;
		json_array_foreach(codes, k, row) {
			const char *code = json_string_value(json_object_get(row, "code"));
			char name[128];
			int found = code_name(named[i].kind, code, name, sizeof name);
			if (!found)
				print_error("%s.%s: '%s' has no name\n", named[i].table,
					    named[i].column, code);
			assert_true(found);
			assert_string_not_equal(name, code);
		}
		json_decref(codes);
	}
}

static void names_read_as_words(void **state)
{
	(void)state;
	char out[256];
	code_name(NAME_ROLE, "business_manager", out, sizeof out);
	assert_string_equal(out, "Business manager");
	code_name(NAME_ROLE, "dsl", out, sizeof out);
	assert_string_equal(out, "Designated safeguarding lead");
	code_name(NAME_STAFF_TYPE, "support", out, sizeof out);
	assert_string_equal(out, "Support staff");
	code_names(NAME_ROLE, "dsl, slt,dpo", out, sizeof out);
	assert_string_equal(out, "Designated safeguarding lead, Senior leader, "
				 "Data protection officer");
	assert_int_equal(code_name(NAME_ROLE, "nobody", out, sizeof out), 0);
	assert_string_equal(out, "nobody");
	assert_int_equal(code_names(NAME_ROLE, "", out, sizeof out), 0);
	assert_string_equal(out, "");
}

/* Roles in a sentence: lower case, the last two joined by the word given. */
static void lists_read_as_a_sentence(void **state)
{
	(void)state;
	const struct {
		const char *list, *conjunction, *want;
	} cases[] = {
		{ "dsl", "and", "designated safeguarding lead" },
		{ "chair,headteacher", "or", "chair of governors or headteacher" },
		{ "dsl, slt,dpo", "and",
		  "designated safeguarding lead, senior leader and data protection officer" },
		{ "nobody,dsl", "or", "nobody or designated safeguarding lead" },
		{ "", "and", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *words = names_in_words(NAME_ROLE, cases[i].list, cases[i].conjunction);
		assert_string_equal(words, cases[i].want);
		free(words);
	}
}

/* An application's history records these decisions (no CHECK: the codes
 * are written by account_applications.c and account_decide.c). */
static void every_application_decision_has_a_name(void **state)
{
	(void)state;
	const char *written[] = { "submitted", "forward", "return", "approve", "reject",
				  "withdrawn" };
	char name[128];
	for (size_t i = 0; i < sizeof written / sizeof written[0]; i++)
		assert_true(code_name(NAME_APPLICATION_DECISION, written[i], name, sizeof name));
	const char *policy[] = { "draft", "current", "upcoming", "superseded" }; /* aup_version_load */
	for (size_t i = 0; i < sizeof policy / sizeof policy[0]; i++)
		assert_true(code_name(NAME_POLICY_STATUS, policy[i], name, sizeof name));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_checked_code_has_a_name),
		cmocka_unit_test(names_read_as_words),
		cmocka_unit_test(every_application_decision_has_a_name),
		cmocka_unit_test(lists_read_as_a_sentence),
	};
	return cmocka_run_group_tests(tests, testdb_open, testdb_close);
}
