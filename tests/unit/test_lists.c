/* The lists declared once in C (roles, platforms, the concern codes) against
 * schema.sql, which repeats them in its CHECKs and in role_bits so that the
 * database enforces them: a database made from schema.sql must hold exactly
 * the C lists, in the same order.  Concern access control depends on the
 * role bits (recipient_mask is built from role_bits by a trigger). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/request.h"
#include "features/accounts/account.h"
#include "features/concerns/concern_breach.h"
#include "features/concerns/concern_internal.h"
#include "lib/util.h"
#include "testdb.h"

/* The values of the CHECK on table.column, as "a|b|c". */
static char *check_list(const char *table, const char *column)
{
	char *values = testdb_check_values(table, column);
	char *list = values ? db_text("SELECT group_concat(value, '|') FROM json_each(?)", "t",
				      values)
			    : NULL;
	free(values);
	return list ? list : xstrdup("(no CHECK list)");
}

static void check_equals(const char *table, const char *column, const char *c_list)
{
	char *list = check_list(table, column);
	if (strcmp(list, c_list) != 0)
		print_error("schema.sql's CHECK on %s.%s differs from the C list\n", table, column);
	assert_string_equal(list, c_list);
	free(list);
}

/* role_bits as "staff=1|headteacher=2|...", every row in the order of the bits. */
static void role_bits_are_the_c_roles_and_bits(void **state)
{
	(void)state;
	char *table = db_text("SELECT group_concat(role || '=' || bit, '|') FROM "
			      "(SELECT role, bit FROM role_bits ORDER BY bit)", "");
#define ROLE_BIT_TEXT_(id, name, words, routable) "|%s=%d"
#define ROLE_BIT_ARGS_(id, name, words, routable) , name, ROLE_##id
	char *list = xasprintf(ROLE_LIST(ROLE_BIT_TEXT_) ROLE_LIST(ROLE_BIT_ARGS_));
	if (strcmp(table ? table : "", list + 1) != 0)
		print_error("schema.sql's role_bits differs from ROLE_LIST\n");
	assert_string_equal(table ? table : "", list + 1);
	free(list);
	free(table);
}

/* Every CHECK (column IN (...)) in schema.sql that repeats a C list. */
static const struct {
	const char *table, *column, *c_list;
} checks[] = {
	{ "user_roles", "role", ROLE_CHOICES },
	{ "routing", "role", ROUTABLE_ROLES },
	{ "account_applications", "platform", ACCOUNT_PLATFORMS },
	{ "social_accounts", "platform", ACCOUNT_PLATFORMS },
	{ "concerns", "category", CONCERN_CATEGORIES },
	{ "concerns", "status", CONCERN_STATUSES },
	{ "breach_records", "decision", BREACH_DECISIONS },
};

static void check_lists_are_the_c_lists(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
		check_equals(checks[i].table, checks[i].column, checks[i].c_list);
}

/* concerns.outcome_category and the escalation bodies (in chronology
 * events' JSON) have no CHECK: nothing in schema.sql to agree with.  The
 * default routing does name the categories: each must reach someone. */
static void default_routing_covers_every_category(void **state)
{
	(void)state;
	json_t *codes = json_array();
#define CATEGORY_CODE_(code, label, explain) json_array_append_new(codes, json_string(code));
	CONCERN_CATEGORY_LIST(CATEGORY_CODE_)
	char *text = json_dumps(codes, JSON_COMPACT);
	char *routed = db_text("SELECT group_concat(category, '|') FROM "
			       "(SELECT DISTINCT category FROM routing ORDER BY category)", "");
	char *sorted = db_text("SELECT group_concat(value, '|') FROM "
			       "(SELECT value FROM json_each(?) ORDER BY value)", "t", text);
	if (strcmp(routed ? routed : "", sorted) != 0)
		print_error("schema.sql's routing does not name exactly the C categories\n");
	assert_string_equal(routed ? routed : "", sorted);
	free(sorted);
	free(routed);
	free(text);
	json_decref(codes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(role_bits_are_the_c_roles_and_bits),
		cmocka_unit_test(check_lists_are_the_c_lists),
		cmocka_unit_test(default_routing_covers_every_category),
	};
	return cmocka_run_group_tests(tests, testdb_open, testdb_close);
}
