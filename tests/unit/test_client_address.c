/* Which address a request comes from: the peer's, unless the peer is a
 * trusted proxy, whose X-Real-IP (else the last X-Forwarded-For entry) is
 * believed when it holds an address. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/client_address.h"
#include "lib/config.h"
#include "lib/config_file.h"

static char out[64];

static const char *choose(const char *peer, const char *real_ip, const char *forwarded)
{
	client_address_choose(peer, real_ip, forwarded, out, sizeof out);
	return out;
}

static void headers_ignored_without_a_trusted_proxy(void **state)
{
	(void)state;
	cfg.trusted_proxy = NULL;
	assert_string_equal(choose("127.0.0.1", "203.0.113.7", "203.0.113.8"), "127.0.0.1");
	cfg.trusted_proxy = "10.0.0.1";
	assert_string_equal(choose("127.0.0.1", "203.0.113.7", "203.0.113.8"), "127.0.0.1");
	assert_string_equal(choose(NULL, "203.0.113.7", NULL), "unknown");
}

static void a_trusted_proxy_is_believed(void **state)
{
	(void)state;
	cfg.trusted_proxy = "10.0.0.1, 127.0.0.1 0:0::1";
	assert_string_equal(choose("127.0.0.1", " 203.0.113.7 ", "198.51.100.1"), "203.0.113.7");
	assert_string_equal(choose("::1", NULL, "10.9.9.9, 198.51.100.9"), "198.51.100.9");
	assert_string_equal(choose("127.0.0.1", NULL, "2001:db8::5"), "2001:db8::5");
	/* Not an address: the peer stays. */
	assert_string_equal(choose("127.0.0.1", "<script>", NULL), "127.0.0.1");
	assert_string_equal(choose("127.0.0.1", "not-ip", "198.51.100.9, nonsense"), "127.0.0.1");
	assert_string_equal(choose("127.0.0.1", "", ""), "127.0.0.1");
}

static void the_setting_takes_addresses_only(void **state)
{
	(void)state;
	char err[300];
	assert_true(address_list_valid("127.0.0.1"));
	assert_true(address_list_valid("127.0.0.1, ::1,10.0.0.2"));
	assert_false(address_list_valid(""));
	assert_false(address_list_valid(" , "));
	assert_false(address_list_valid("nginx.local"));
	assert_false(address_list_valid("10.0.0.0/8"));
	const char *bad = "trusted_proxy = proxy\n";
	assert_int_equal(config_parse(bad, strlen(bad), err, sizeof err), -1);
	assert_non_null(strstr(err, "1: trusted_proxy must be IP addresses"));
	const char *good = "trusted_proxy = 127.0.0.1, ::1\n";
	assert_int_equal(config_parse(good, strlen(good), err, sizeof err), 0);
	assert_string_equal(cfg.trusted_proxy, "127.0.0.1, ::1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(headers_ignored_without_a_trusted_proxy),
		cmocka_unit_test(a_trusted_proxy_is_believed),
		cmocka_unit_test(the_setting_takes_addresses_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
