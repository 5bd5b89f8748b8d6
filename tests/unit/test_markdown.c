/* Policy text is Markdown rendered by cmark in safe mode: nothing a policy
 * author types can put script or raw HTML into a page. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lib/markdown.h"

static char *render(const char *md)
{
	char *html = markdown_to_html(md, strlen(md));
	assert_non_null(html);
	return html;
}

static void renders_headings_lists_and_emphasis(void **state)
{
	(void)state;
	char *html = render("## Passwords\n\n- Keep them *secret*\n- Lock your screen\n");
	assert_non_null(strstr(html, "<h2>Passwords</h2>"));
	assert_non_null(strstr(html, "<li>Keep them <em>secret</em></li>"));
	assert_non_null(strstr(html, "<li>Lock your screen</li>"));
	free(html);
}

static void script_block_does_not_reach_the_page(void **state)
{
	(void)state;
	char *html = render("Hello\n\n<script>alert('x')</script>\n\nBye\n");
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "alert('x')</script>"));
	assert_non_null(strstr(html, "<p>Hello</p>"));
	assert_non_null(strstr(html, "<p>Bye</p>"));
	free(html);
}

static void inline_html_and_event_handlers_are_removed(void **state)
{
	(void)state;
	char *html = render("Text <img src=x onerror=alert(1)> and <b onclick=\"x()\">bold</b>\n");
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "onerror"));
	assert_null(strstr(html, "onclick"));
	assert_null(strstr(html, "<b "));
	free(html);
}

static void dangerous_links_are_dropped(void **state)
{
	(void)state;
	char *html = render("[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
			    "[ok](https://example.org/policy)\n");
	assert_null(strstr(html, "javascript:"));
	assert_null(strstr(html, "data:text/html"));
	assert_non_null(strstr(html, "href=\"https://example.org/policy\""));
	free(html);
}

static void text_is_escaped(void **state)
{
	(void)state;
	char *html = render("Use `<script>` & \"quotes\" carefully: 1 < 2\n");
	assert_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "&lt;script&gt;"));
	assert_non_null(strstr(html, "&amp;"));
	assert_non_null(strstr(html, "1 &lt; 2"));
	free(html);
}

static void invalid_utf8_is_replaced(void **state)
{
	(void)state;
	char *html = render("bad \xff\xfe byte\n");
	assert_null(strstr(html, "\xff"));
	assert_non_null(strstr(html, "\xEF\xBF\xBD"));
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(renders_headings_lists_and_emphasis),
		cmocka_unit_test(script_block_does_not_reach_the_page),
		cmocka_unit_test(inline_html_and_event_handlers_are_removed),
		cmocka_unit_test(dangerous_links_are_dropped),
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(invalid_utf8_is_replaced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
