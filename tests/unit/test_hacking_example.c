/* The worked example of docs/HACKING.md ("Adding a page group"), taken out
 * of the page by the Makefile: it compiles against the tree, its routes and
 * navigation fit together, and its handlers and template work on a real
 * database.  A change to the tree that breaks the example fails here. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "motto.c"

#include "http/template.h"
#include "testdb.h"

/* The navigation link names a route of the feature itself. */
static void the_feature_hangs_together(void **state)
{
	(void)state;
	assert_string_equal(motto_feature.name, "motto");
	const struct nav_link *l = &motto_feature.nav[0];
	int found = 0;
	for (const struct route *const *t = motto_feature.routes; *t; t++)
		for (const struct route *r = *t; r->method; r++)
			found |= strcmp(r->method, l->method) == 0 &&
				 strcmp(r->pattern, l->pattern) == 0;
	assert_true(found);
	assert_null(motto_feature.nav[1].label);
}

static void setting_and_reading_the_motto(void **state)
{
	(void)state;
	struct param p = { .name = (char *)"motto",
			   .value = (char *)"Learn <together>",
			   .len = 16 };
	struct request rq = { .is_post = 1, .params = &p, .nparams = 1, .signed_in = 1 };
	rq.user.roles = ROLE_STAFF | ROLE_ADMIN;
	char msg[256];
	const char *bad = NULL;
	assert_int_equal(fields_check(motto_form, &rq, &bad, msg, sizeof msg), 0);

	struct reply rp = { 0 };
	motto_set(&rq, &rp);
	assert_int_equal(rp.status, 200);
	reply_free(&rp);

	struct reply page = { 0 };
	rq.is_post = 0;
	motto_page(&rq, &page);
	assert_string_equal(json_string_value(json_object_get(page.model, "motto")),
			    "Learn <together>");
	assert_non_null(page.template);

	assert_int_equal(template_init(EXAMPLE_TEMPLATES), 0);
	json_t *layout = json_pack("{s:s, s:s}", "title", "Our motto", "school_name", "Hillside");
	size_t len;
	char *html = template_render(page.template, page.model, layout, &len);
	assert_non_null(html);
	assert_non_null(strstr(html, "Learn &lt;together&gt;"));
	assert_non_null(strstr(html, "action=\"/motto\""));
	free(html);
	json_decref(layout);
	reply_free(&page);
}

static void an_empty_motto_is_refused(void **state)
{
	(void)state;
	struct param p = { .name = (char *)"motto", .value = (char *)"", .len = 0 };
	struct request rq = { .is_post = 1, .params = &p, .nparams = 1 };
	char msg[256];
	const char *bad = NULL;
	assert_int_equal(fields_check(motto_form, &rq, &bad, msg, sizeof msg), 400);
	assert_string_equal(bad, "motto");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_feature_hangs_together),
		cmocka_unit_test(setting_and_reading_the_motto),
		cmocka_unit_test(an_empty_motto_is_refused),
	};
	return cmocka_run_group_tests(tests, testdb_open_keyed, testdb_close_keyed);
}
