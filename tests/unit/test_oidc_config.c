/* Single sign-on providers in the configuration file: oidc.NAME.KEY lines,
 * what each key accepts, the keys a provider cannot do without, and the
 * checks the sign-in relies on (allowed domains, https issuers). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config.h"
#include "lib/config_file.h"
#include "lib/oidc_config.h"

static int reset(void **state)
{
	(void)state;
	memset(&cfg, 0, sizeof cfg);
	config_defaults();
	/* The program keeps these until exit; each test starts with none. */
	for (size_t i = 0; i < oidc_provider_count; i++) {
		struct oidc_provider *p = &oidc_providers[i];
		const char *claim = strcmp(p->claim ? p->claim : "", "email") ? p->claim : NULL;
		const char *label = p->label != p->name ? p->label : NULL;
		free((char *)label), free((char *)p->issuer), free((char *)p->client_id);
		free((char *)p->client_secret_file), free((char *)p->domains), free((char *)claim);
		free(p->client_secret);
	}
	memset(oidc_providers, 0, sizeof oidc_providers);
	oidc_provider_count = 0;
	return 0;
}

static int parse(const char *text, char *err, size_t size)
{
	err[0] = 0;
	return config_parse(text, strlen(text), err, size);
}

static void a_provider_is_read_and_completed(void **state)
{
	(void)state;
	char err[300];
	const char *text = "oidc.entra.label = Microsoft 365\n"
			   "oidc.entra.issuer = https://login.microsoftonline.com/t/v2.0/\n"
			   "oidc.entra.client_id = abc\noidc.entra.client_secret_file = /etc/s\n"
			   "oidc.entra.domains = school.example, Staff.School.example\n"
			   "oidc.entra.claim = upn\noidc.google.issuer = https://accounts.google.com\n"
			   "oidc.google.client_id = g\noidc.google.client_secret_file = /etc/g\n"
			   "oidc.google.domains = school.example\n"
			   "oidc.google.client_auth = client_secret_post\n";
	assert_int_equal(parse(text, err, sizeof err), 0);
	assert_int_equal(config_check(err, sizeof err), 0);
	assert_int_equal(oidc_provider_count, 2);
	const struct oidc_provider *e = oidc_provider_named("entra"), *g =
		oidc_provider_named("google");
	assert_non_null(e);
	assert_string_equal(e->issuer, "https://login.microsoftonline.com/t/v2.0");
	assert_string_equal(e->claim, "upn");
	assert_int_equal(e->secret_post, 0);
	assert_string_equal(g->label, "google");
	assert_string_equal(g->claim, "email");
	assert_int_equal(g->secret_post, 1);
	assert_true(oidc_domain_allowed(e, "jo@staff.school.example"));
	assert_true(oidc_domain_allowed(e, "jo@SCHOOL.example"));
	assert_false(oidc_domain_allowed(e, "jo@evil-school.example"));
	assert_false(oidc_domain_allowed(e, "jo@school.example.evil"));
	assert_false(oidc_domain_allowed(e, "school.example"));
	assert_false(oidc_domain_allowed(e, "jo@"));
	assert_true(oidc_domain_listed(e, "Staff.School.Example"));
	assert_false(oidc_domain_listed(e, ""));
	assert_false(oidc_domain_listed(e, "jo@school.example"));
	/* Google is the provider that names people by email (and sends hd). */
	assert_true(oidc_is_google(g));
	assert_false(oidc_is_google(e));
	assert_null(oidc_provider_named("nobody"));
}

static void bad_lines_are_refused_with_their_line(void **state)
{
	(void)state;
	char err[300];
	assert_int_equal(parse("threads = 2\noidc.x.issuer = http://login.example\n", err,
			       sizeof err), -1);
	assert_string_equal(err, "2: oidc.x.issuer must start with https:// and hold no user name "
				 "(http:// only to a 127.x.x.x address, for tests)");
	assert_int_equal(parse("oidc.x.colour = blue\n", err, sizeof err), -1);
	assert_string_equal(err, "1: unknown setting 'oidc.x.colour'");
	assert_int_equal(parse("oidc.Big.issuer = https://a.example\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "lower-case"));
	assert_int_equal(parse("oidc.y.claim = sub\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "email, preferred_username or upn"));
	assert_int_equal(parse("oidc.z.client_id = a\noidc.z.client_id = b\n", err, sizeof err),
			 -1);
	assert_string_equal(err, "2: oidc.z.client_id is already set");
}

static void a_provider_missing_a_key_stops_the_start(void **state)
{
	(void)state;
	char err[300];
	assert_int_equal(parse("oidc.x.issuer = https://a.example\noidc.x.client_id = a\n"
			       "oidc.x.client_secret_file = /s\n",
			       err, sizeof err),
			 0);
	assert_int_equal(config_check(err, sizeof err), -1);
	assert_string_equal(err, "oidc.x.domains is missing");
}

static void only_https_or_loopback_is_reached(void **state)
{
	(void)state;
	assert_true(oidc_url_allowed("https://login.example/x"));
	assert_true(oidc_url_allowed("http://127.0.0.1:4000/jwks"));
	assert_false(oidc_url_allowed("http://login.example/x"));
	assert_false(oidc_url_allowed("http://127.example.net/x"));
	assert_false(oidc_url_allowed("http://127.0.0.1.example.net/x"));
	assert_false(oidc_url_allowed("ftp://login.example/x"));
	assert_false(oidc_url_allowed("https://"));
	assert_true(oidc_url_allowed("http://127.1.2.3/x"));
	assert_true(oidc_url_allowed("HTTP://127.0.0.1/x"));
	/* What follows an '@' is the host reached, whatever comes before it. */
	assert_false(oidc_url_allowed("http://127.0.0.1:1@login.example.net"));
	assert_false(oidc_url_allowed("http://127.0.0.1:1@login.example.net/jwks"));
	assert_false(oidc_url_allowed("http://127.0.0.1@192.0.2.1:8080/x"));
	assert_false(oidc_url_allowed("http://@127.0.0.1/x"));
	assert_false(oidc_url_allowed("https://user:secret@login.example/x"));
	assert_false(oidc_url_allowed("http://127.0.0.1\\@login.example/x"));
	assert_false(oidc_url_allowed("http://localhost/x"));
	assert_false(oidc_url_allowed("http://[::1]/x"));
	assert_false(oidc_url_allowed("https://login.example/x y"));
	assert_false(oidc_url_allowed("/just/a/path"));
}

static int teardown(void **state)
{
	return reset(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_provider_is_read_and_completed, reset, teardown),
		cmocka_unit_test_setup_teardown(bad_lines_are_refused_with_their_line, reset, teardown),
		cmocka_unit_test_setup_teardown(a_provider_missing_a_key_stops_the_start, reset,
						teardown),
		cmocka_unit_test(only_https_or_loopback_is_reached),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
