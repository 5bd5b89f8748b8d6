/* Route matching and declared-field validation. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/feature.h"
#include "http/router.h"

static void literal_routes_win_and_ids_parse(void **state)
{
	(void)state;
	int64_t ids[3];
	int n, known;
	const struct route *r = route_match("GET", "/admin/staff/new", ids, &n, &known);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/admin/staff/new");
	r = route_match("GET", "/admin/staff/42", ids, &n, &known);
	assert_non_null(r);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 42);
	r = route_match("POST", "/admin/staff/7/password", ids, &n, &known);
	assert_non_null(r);
	assert_int_equal(ids[0], 7);
}

static void bad_ids_and_unknown_paths_do_not_match(void **state)
{
	(void)state;
	int64_t ids[3];
	int n, known;
	assert_null(route_match("GET", "/admin/staff/0", ids, &n, &known));
	assert_null(route_match("GET", "/admin/staff/01", ids, &n, &known));
	assert_null(route_match("GET", "/admin/staff/-1", ids, &n, &known));
	assert_null(route_match("GET", "/admin/staff/1234567890123456789", ids, &n, &known));
	assert_null(route_match("GET", "/admin/staff/1x", ids, &n, &known));
	assert_null(route_match("GET", "/nowhere", ids, &n, &known));
	assert_int_equal(known, 0);
	/* a known path with the wrong method: the router answers 405, not 404 */
	assert_null(route_match("DELETE", "/login", ids, &n, &known));
	assert_int_equal(known, 1);
}

static const struct field_spec spec[] = {
	{ "name", F_TEXT, 10, F_REQUIRED, NULL, NULL },
	{ "notes", F_LONGTEXT, 50, 0, NULL, NULL },
	{ "when", F_DATE, 10, 0, NULL, NULL },
	{ "at", F_DATETIME, 20, 0, NULL, NULL },
	{ "email", F_EMAIL, 254, 0, NULL, NULL },
	{ "n", F_INT, 10, 0, NULL, NULL },
	{ "id", F_ID, 10, 0, NULL, NULL },
	{ "ok", F_YESNO, 3, 0, NULL, NULL },
	{ "colour", F_CHOICE, 10, 0, "red|green", NULL },
	{ "types", F_CHOICE, 40, F_MULTI | F_LIST, "a|b|c", NULL },
	{ NULL },
};

static int check(const char *pairs[][2], size_t n, const char **bad)
{
	struct param params[16];
	struct request rq = { .is_post = 1, .params = params, .nparams = n };
	for (size_t i = 0; i < n; i++) {
		params[i].name = (char *)pairs[i][0];
		params[i].value = (char *)pairs[i][1];
		params[i].len = strlen(pairs[i][1]);
	}
	char msg[256];
	*bad = NULL;
	return fields_check(spec, &rq, bad, msg, sizeof msg);
}

static void good_input_passes(void **state)
{
	(void)state;
	const char *bad;
	const char *ok[][2] = { { "name", "Amy" }, { "notes", "line one\nline two" }, { "when", "2024-02-29" },
				{ "at", "2026-11-20T09:30" }, { "email", "a@b.school" }, { "n", "-5" },
				{ "id", "12" }, { "ok", "yes" }, { "colour", "green" }, { "types", "a, c" },
				{ "types", "b" }, { "csrf", "x" } };
	assert_int_equal(check(ok, 12, &bad), 0);
}

#define REFUSED(field, value, expect_field)                                  \
	do {                                                                   \
		const char *p[][2] = { { "name", "Amy" }, { field, value } };      \
		const char *bad;                                               \
		assert_int_equal(check(p, 2, &bad), 400);                      \
		assert_string_equal(bad, expect_field);                        \
	} while (0)

static void each_type_refuses_bad_values(void **state)
{
	(void)state;
	REFUSED("when", "2023-02-29", "when");
	REFUSED("when", "29/02/2024", "when");
	REFUSED("at", "2026-11-20 25:00", "at");
	REFUSED("email", "not-an-email", "email");
	REFUSED("email", "a@b", "email");
	REFUSED("n", "12a", "n");
	REFUSED("id", "0", "id");
	REFUSED("ok", "maybe", "ok");
	REFUSED("colour", "blue", "colour");
	REFUSED("types", "a,d", "types");
	REFUSED("notes", "has a \x01 control", "notes");
	REFUSED("name2", "x", "name2");
}

static void length_counts_characters_not_bytes(void **state)
{
	(void)state;
	const char *bad;
	const char *ten[][2] = { { "name", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" } };
	assert_int_equal(check(ten, 1, &bad), 0);
	const char *eleven[][2] = { { "name", "abcdefghijk" } };
	assert_int_equal(check(eleven, 1, &bad), 400);
	assert_string_equal(bad, "name");
}

static void text_must_be_one_line(void **state)
{
	(void)state;
	const char *bad;
	const char *p[][2] = { { "name", "two\nlines" } };
	assert_int_equal(check(p, 1, &bad), 400);
}

static void missing_duplicate_and_malformed(void **state)
{
	(void)state;
	const char *bad;
	const char *missing[][2] = { { "notes", "hello" } };
	assert_int_equal(check(missing, 1, &bad), 400);
	assert_string_equal(bad, "name");
	const char *dup[][2] = { { "name", "a" }, { "name", "b" } };
	assert_int_equal(check(dup, 2, &bad), 400);
	assert_string_equal(bad, "name");
	const char *utf[][2] = { { "name", "bad \xff byte" } };
	assert_int_equal(check(utf, 1, &bad), 400);
	const char *overlong[][2] = { { "name", "\xc0\xaf" } };
	assert_int_equal(check(overlong, 1, &bad), 400);
}

static void nul_inside_a_value_is_refused(void **state)
{
	(void)state;
	char value[] = { 'a', 0, 'b', 0 };
	struct param p = { .name = (char *)"name", .value = value, .len = 3 };
	struct request rq = { .is_post = 1, .params = &p, .nparams = 1 };
	char msg[256];
	const char *bad;
	assert_int_equal(fields_check(spec, &rq, &bad, msg, sizeof msg), 400);
	assert_non_null(strstr(msg, "NUL"));
}

/* Every problem at once, one per field, each named by its label when it has one. */
static void every_problem_is_listed_by_its_label(void **state)
{
	(void)state;
	static const struct field_spec labelled[] = {
		{ "summary", F_TEXT, 200, F_REQUIRED, NULL, "Summary" },
		{ "category", F_CHOICE, 10, F_REQUIRED, "a|b", "What is it about?" },
		{ "when", F_DATE, 10, 0, NULL, "When it happened" },
		{ "about", F_EMAIL, 254, 0, NULL, NULL },
		{ NULL },
	};
	struct param p[] = { { .name = (char *)"when", .value = (char *)"soon", .len = 4 },
			     { .name = (char *)"when", .value = (char *)"later", .len = 5 },
			     { .name = (char *)"about", .value = (char *)"x", .len = 1 } };
	struct request rq = { .is_post = 1, .params = p, .nparams = 3 };
	struct reply rp = { 0 };
	assert_int_equal(fields_refuse(labelled, &rq, &rp), 5);
	assert_int_equal(rp.status, 400);
	json_t *errors = json_object_get(rp.model, "errors");
	assert_int_equal(json_array_size(errors), 4); /* "when" twice: its first problem only */
	const char *want[][2] = {
		{ "when", "When it happened must be a real date, written like 2026-12-25 for 25 December 2026." },
		{ "about", "The field 'about' must be in the form name@school.org.uk." },
		{ "summary", "Enter the summary." },
		{ "category", "Answer \"What is it about?\"" },
	};
	for (size_t i = 0; i < 4; i++) {
		json_t *e = json_array_get(errors, i);
		assert_string_equal(json_string_value(json_object_get(e, "field")), want[i][0]);
		assert_string_equal(json_string_value(json_object_get(e, "error")), want[i][1]);
	}
	assert_string_equal(json_string_value(json_object_get(rp.model, "field")), "when");
	reply_free(&rp);
}

/* Each message reads as English whatever the label: a noun gets its article,
 * a label with one or asking "what" keeps its own words, a label that is no
 * noun (an instruction, a date by its preposition) is named by its words
 * (label_words.c), and a statement is said whether or quoted. */
static void messages_read_as_english(void **state)
{
	(void)state;
	static const struct field_spec worded[] = {
		{ "name", F_TEXT, 200, F_REQUIRED, NULL, "Full name" },
		{ "typed", F_TEXT, 5, F_REQUIRED, NULL, "Type your full name to sign" },
		{ "from_on", F_DATE, 10, F_REQUIRED, NULL, "From" },
		{ "why", F_LONGTEXT, 2000, F_REQUIRED, NULL, "Why" },
		{ "what", F_LONGTEXT, 2000, F_REQUIRED, NULL, "What was done" },
		{ "mine", F_PASSWORD, 100, F_REQUIRED, NULL, "Your password" },
		{ "outcome", F_CHOICE, 8, F_REQUIRED, "a|b", "Outcome" },
		{ "open", F_CHOICE, 8, F_REQUIRED, "a|b", "Open or closed" },
		{ "lead_ok", F_YESNO, 3, F_REQUIRED, NULL, "The lead is right for the account" },
		{ "file", F_FILE, 1, F_REQUIRED, NULL, "CSV file" },
		{ "keep", F_YESNO, 5, 0, NULL, "Keep my name confidential" },
		{ "years", F_INT, 3, 0, NULL, "Training records: years after the person leaves" },
		{ "at", F_DATETIME, 25, 0, NULL, "When it happened" },
		{ NULL },
	};
	struct param p[] = { { .name = (char *)"typed", .value = (char *)"Amy Clarke", .len = 10 },
			     { .name = (char *)"keep", .value = (char *)"maybe", .len = 5 },
			     { .name = (char *)"years", .value = (char *)"x", .len = 1 },
			     { .name = (char *)"at", .value = (char *)"soon", .len = 4 } };
	struct request rq = { .is_post = 1, .params = p, .nparams = 4 };
	struct reply rp = { 0 };
	fields_refuse(worded, &rq, &rp);
	const char *want[][2] = {
		{ "typed", "Your full name must be 5 characters or fewer." },
		{ "keep", "The answer to \"Keep my name confidential\" must be yes or no." },
		{ "years", "The answer to \"Training records: years after the person leaves\" must be "
			   "a whole number." },
		{ "at", "When it happened must be a real date and time, written like 2026-12-25T14:30 for 25 December 2026, 14:30." },
		{ "file", "Choose the CSV file." },
		{ "name", "Enter the full name." },
		{ "from_on", "Enter the first day." },
		{ "why", "Enter the reason." },
		{ "what", "Say what was done." },
		{ "mine", "Enter your password." },
		{ "outcome", "Choose the outcome." },
		{ "open", "Choose open or closed." },
		{ "lead_ok", "Say whether the lead is right for the account." },
	};
	json_t *errors = json_object_get(rp.model, "errors");
	assert_int_equal(json_array_size(errors), sizeof want / sizeof *want);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		json_t *e = json_array_get(errors, i);
		assert_string_equal(json_string_value(json_object_get(e, "field")), want[i][0]);
		assert_string_equal(json_string_value(json_object_get(e, "error")), want[i][1]);
	}
	reply_free(&rp);
}

/* Every navigation link names a route of the registry: its roles come from it. */
static void every_nav_link_names_a_route(void **state)
{
	(void)state;
	int links = 0;
	for (const struct feature *const *f = features; *f; f++)
		for (const struct nav_link *l = (*f)->nav; l && l->label; l++, links++)
			assert_non_null(feature_route(l->method, l->pattern));
	assert_true(links > 0);
}

/* No route is hidden by one listed before it (the same path twice, in two
 * features): each answers its own path, with each {id} made a number and
 * each {name} a name. */
static void no_route_is_hidden_by_another(void **state)
{
	(void)state;
	size_t n;
	const struct route *const *all = router_all(&n);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		char path[256], *o = path;
		for (const char *p = all[i]->pattern; *p;)
			if (strncmp(p, "{id}", 4) == 0) {
				*o++ = '7';
				p += 4;
			} else if (strncmp(p, "{name}", 6) == 0) {
				*o++ = 'x';
				p += 6;
			} else {
				*o++ = *p++;
			}
		*o = 0;
		int64_t ids[3];
		int nids, known;
		assert_ptr_equal(route_match(all[i]->method, path, ids, &nids, &known), all[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(literal_routes_win_and_ids_parse),
		cmocka_unit_test(bad_ids_and_unknown_paths_do_not_match),
		cmocka_unit_test(good_input_passes),
		cmocka_unit_test(each_type_refuses_bad_values),
		cmocka_unit_test(length_counts_characters_not_bytes),
		cmocka_unit_test(text_must_be_one_line),
		cmocka_unit_test(missing_duplicate_and_malformed),
		cmocka_unit_test(nul_inside_a_value_is_refused),
		cmocka_unit_test(every_problem_is_listed_by_its_label),
		cmocka_unit_test(messages_read_as_english),
		cmocka_unit_test(every_nav_link_names_a_route),
		cmocka_unit_test(no_route_is_hidden_by_another),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
