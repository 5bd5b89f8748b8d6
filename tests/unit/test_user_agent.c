/* The few words the sessions page shows for a User-Agent: browsers that
 * name their ancestors (Edge says Chrome, Chrome says Safari) are told
 * apart, and nothing recognised, empty or missing reads "Unknown browser". */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/user_agent.h"

static void assert_words(const char *ua, const char *expect)
{
	char out[64];
	user_agent_words(ua, out, sizeof out);
	assert_string_equal(out, expect);
}

static void common_browsers(void **state)
{
	(void)state;
	assert_words("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
		     "Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
		     "Edge on Windows");
	assert_words("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
		     "Gecko) Chrome/120.0.0.0 Safari/537.36",
		     "Chrome on Windows");
	assert_words("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
		     "(KHTML, like Gecko) Version/17.1 Safari/605.1.15",
		     "Safari on macOS");
	assert_words("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
		     "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
		     "Safari on iPhone");
	assert_words("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
		     "Firefox on Linux");
	assert_words("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
		     "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
		     "Samsung Internet on Android");
	assert_words("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like "
		     "Gecko) Chrome/120.0.0.0 Safari/537.36",
		     "Chrome on ChromeOS");
}

static void unknown(void **state)
{
	(void)state;
	assert_words(NULL, "Unknown browser");
	assert_words("", "Unknown browser");
	assert_words("something else entirely", "Unknown browser");
	assert_words("Mozilla/5.0 (Windows NT 10.0)", "Windows");
	char small[8];
	user_agent_words("Mozilla/5.0 (Windows NT 10.0) Firefox/1", small, sizeof small);
	assert_int_equal(strlen(small), sizeof small - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(common_browsers),
		cmocka_unit_test(unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
