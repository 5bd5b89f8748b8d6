/* The template bridge's report of a row that leaves out a section the page
 * shows: ctemplate looks a section a row does not show up in the page's
 * dictionary, so the row's false value shows the page's true one.  The
 * report (on stderr) is what every HTTP test fails on. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/template.h"
#include "stderr_catch.h"

static char dir[] = "/tmp/staffroom-template-rows-XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int set_up(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	write_file("layout.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{>CONTENT}}");
	write_file("list.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
			       "{{#rows}}[{{name}}{{#may_x}} FORM{{/may_x}}]{{/rows}}");
	return template_init(dir);
}

static int tear_down(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

/* Renders list.tpl from MODEL (JSON text); the page into *html, what the
 * bridge said on stderr into *said (both malloc'd). */
static void render(const char *model, char **html, char **said)
{
	json_t *page = json_loads(model, 0, NULL), *layout = json_object();
	assert_non_null(page);
	struct stderr_catch c = stderr_catch_begin();
	size_t len;
	*html = template_render("list", page, layout, &len);
	*said = stderr_catch_end(&c);
	assert_non_null(*said);
	json_decref(page);
	json_decref(layout);
	assert_non_null(*html);
}

/* MODEL rendered shows WANT in its page, and the bridge says REPORT (NULL:
 * nothing). */
static void expect(const char *model, const char *want, const char *report)
{
	char *html, *said;
	render(model, &html, &said);
	assert_non_null(strstr(html, want));
	if (report)
		assert_non_null(strstr(said, report));
	else
		assert_string_equal(said, "");
	free(html);
	free(said);
}

/* The hazard itself: the row's false flag shows the page's form. */
static void a_row_flag_sharing_the_page_flag_is_reported(void **state)
{
	(void)state;
	expect("{\"may_x\": true, \"rows\": [{\"name\": \"a\", \"may_x\": false}]}", "[a FORM]",
	       "template list.tpl: a row leaves out section may_x, which the page shows");
}

static void a_row_flag_of_its_own_is_not(void **state)
{
	(void)state;
	expect("{\"rows\": [{\"name\": \"a\", \"may_x\": false}, "
	       "{\"name\": \"b\", \"may_x\": true}]}",
	       "[a][b FORM]", NULL);
}

/* The same name, but no row leaves it out: what each row shows is its own. */
static void a_row_flag_that_agrees_with_the_page_is_not(void **state)
{
	(void)state;
	expect("{\"may_x\": true, \"rows\": [{\"name\": \"a\", \"may_x\": true}]}", "[a FORM]",
	       NULL);
}

static void a_page_flag_read_in_rows_is_not(void **state)
{
	(void)state;
	expect("{\"may_x\": true, \"rows\": [{\"name\": \"a\"}]}", "[a FORM]", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_row_flag_sharing_the_page_flag_is_reported),
		cmocka_unit_test(a_row_flag_of_its_own_is_not),
		cmocka_unit_test(a_row_flag_that_agrees_with_the_page_is_not),
		cmocka_unit_test(a_page_flag_read_in_rows_is_not),
	};
	return cmocka_run_group_tests(tests, set_up, tear_down);
}
