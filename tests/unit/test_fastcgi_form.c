/* The FastCGI front end's own parsing: the session cookie out of a Cookie
 * header, and forms through cgicc (binary uploads intact, limits applied,
 * bodies cut short or misframed not read). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config.h"
#include "http/fastcgi.h"

static void session_cookie_among_others(void **state)
{
	(void)state;
	char v[64];
	assert_int_equal(fastcgi_cookie("a=1; sr_session=abc; b=2", "sr_session", v, sizeof v), 0);
	assert_string_equal(v, "abc");
	assert_int_equal(fastcgi_cookie("sr_session=xyz", "sr_session", v, sizeof v), 0);
	assert_string_equal(v, "xyz");
	assert_int_equal(fastcgi_cookie("xsr_session=evil; sr_session_old=1", "sr_session", v, sizeof v), -1);
	assert_int_equal(fastcgi_cookie("", "sr_session", v, sizeof v), -1);
	assert_int_equal(fastcgi_cookie(NULL, "sr_session", v, sizeof v), -1);
	char big[200];
	memset(big, 'a', sizeof big);
	memcpy(big, "sr_session=", 11);
	big[sizeof big - 1] = 0;
	assert_int_equal(fastcgi_cookie(big, "sr_session", v, sizeof v), -1); /* too long to be ours */
}

/* Debian's fastcgi_params passes HTTP_HOST without its port; the site's own
 * line after `include fastcgi_params;` is the one meant. */
static void a_parameter_given_twice_is_its_last(void **state)
{
	(void)state;
	char *env[] = { "HTTP_HOST=staff.school.example", "HTTP_HOSTNAME=other",
			"HTTP_HOST=staff.school.example:8443", "HTTPS=on", NULL };
	assert_string_equal(fastcgi_param(env, "HTTP_HOST"), "staff.school.example:8443");
	assert_string_equal(fastcgi_param(env, "HTTPS"), "on");
	assert_null(fastcgi_param(env, "HTTP"));
	assert_null(fastcgi_param(env, "REMOTE_ADDR"));
	assert_null(fastcgi_param(NULL, "HTTPS"));
}

/* As the front ends do: the body's kind from its headers, then the body. */
static struct exchange *parsed(int is_query, const char *ctype, const char *body, size_t len)
{
	struct exchange *x = calloc(1, sizeof *x);
	exchange_start(x, is_query ? "GET" : "POST", "/x");
	char clen[24];
	snprintf(clen, sizeof clen, "%zu", len);
	if (!is_query)
		exchange_body_kind(x, ctype, clen);
	fastcgi_parse_form(x, is_query, body, len);
	return x;
}

static void unreadable(const char *ctype, const char *body)
{
	struct exchange *x = parsed(0, ctype, body, strlen(body));
	assert_int_equal(x->status, 400);
	assert_string_equal(x->message, EXCHANGE_UNREADABLE);
	assert_int_equal(x->rq.nparams + x->rq.nfiles, 0);
	exchange_free(x);
	free(x);
}

static void urlencoded_fields_in_order(void **state)
{
	(void)state;
	const char *q = "a=1&b=two+words&a=%C3%A9&n=nul%00byte&empty=";
	struct exchange *x = parsed(1, NULL, q, strlen(q));
	assert_int_equal(x->status, 0);
	assert_int_equal(x->rq.nparams, 5);
	assert_string_equal(x->rq.params[0].name, "a");
	assert_string_equal(x->rq.params[1].value, "two words");
	assert_string_equal(x->rq.params[2].value, "\xC3\xA9");
	assert_int_equal(x->rq.params[3].len, 8); /* the NUL is kept, for the router to refuse */
	assert_int_equal(x->rq.params[4].len, 0);
	exchange_free(x);
	free(x);
}

static void multipart_file_bytes_intact(void **state)
{
	(void)state;
	static const char bin[] = "\x89PNG\r\n\x1a\n\0\r\n--not-the-boundary\r\n\xff";
	char body[1024];
	int n = snprintf(body, sizeof body,
			 "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nA title\r\n"
			 "--XyZ\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"shot.png\"\r\n"
			 "Content-Type: image/png\r\n\r\n");
	memcpy(body + n, bin, sizeof bin - 1);
	n += (int)sizeof bin - 1;
	n += snprintf(body + n, sizeof body - (size_t)n, "\r\n--XyZ--\r\n");
	struct exchange *x = parsed(0, "multipart/form-data; boundary=XyZ", body, (size_t)n);
	assert_int_equal(x->status, 0);
	assert_int_equal(x->rq.nparams, 1);
	assert_string_equal(x->rq.params[0].value, "A title");
	assert_int_equal(x->rq.nfiles, 1);
	assert_string_equal(x->rq.files[0].field, "evidence");
	assert_string_equal(x->rq.files[0].filename, "shot.png");
	assert_int_equal(x->rq.files[0].len, sizeof bin - 1);
	assert_memory_equal(x->rq.files[0].data, bin, sizeof bin - 1);
	exchange_free(x);
	free(x);
}

static void limits_apply_as_parts_arrive(void **state)
{
	(void)state;
	cfg.upload_max = 4;
	const char *body = "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n12345\r\n--B--\r\n";
	struct exchange *x = parsed(0, "multipart/form-data; boundary=B", body, strlen(body));
	assert_int_equal(x->status, 413);
	assert_string_equal(x->field, "f");
	exchange_free(x);
	free(x);
	cfg.upload_max = 10 * 1024 * 1024;
}

static void multipart_cut_short_or_misframed_is_not_read(void **state)
{
	(void)state;
	const char *mp = "multipart/form-data; boundary=B";
	const char *part = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
	char body[256];
	unreadable(mp, part);
	snprintf(body, sizeof body, "%s--B-", part);
	unreadable(mp, body);
	snprintf(body, sizeof body, "%s--B--\r\n", part);
	unreadable("multipart/form-data; boundary=C", body);
	unreadable("multipart/form-data; boundary=B; charset=utf-8", body);
	unreadable("multipart/form-data", body);
	snprintf(body, sizeof body, "x\r\n%s--B--\r\n", part);
	unreadable(mp, body);
	snprintf(body, sizeof body, "%s--B--\r\nx", part);
	unreadable(mp, body);
}

/* The close delimiter's line break is optional (RFC 2046), and a boundary may be quoted. */
static void multipart_whole_is_read(void **state)
{
	(void)state;
	const char *bodies[][2] = {
		{ "multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; "
						      "name=\"a\"\r\n\r\n1\r\n--B--" },
		{ "multipart/form-data; boundary=\"B C\"", "--B C\r\nContent-Disposition: form-data; "
							  "name=\"a\"\r\n\r\n1\r\n--B C--\r\n" },
	};
	for (size_t i = 0; i < 2; i++) {
		struct exchange *x = parsed(0, bodies[i][0], bodies[i][1], strlen(bodies[i][1]));
		assert_int_equal(x->status, 0);
		assert_int_equal(x->rq.nparams, 1);
		assert_string_equal(x->rq.params[0].value, "1");
		exchange_free(x);
		free(x);
	}
}

static void form_not_name_value_pairs_is_not_read(void **state)
{
	(void)state;
	const char *form = "application/x-www-form-urlencoded";
	unreadable(form, "a=bad%");
	unreadable(form, "a=x%zz&b=1");
	unreadable(form, "a=x%4");
	unreadable(form, "a=bad%&b=1");
	unreadable(form, "a=1&b");
	unreadable(form, "b&a=1");
	unreadable(form, "a=1=2");
	unreadable(form, "=1&a=2");
	const char *ok = "&a=semi;colon%3B&&b=100%25&";
	struct exchange *x = parsed(0, form, ok, strlen(ok));
	assert_int_equal(x->status, 0);
	assert_int_equal(x->rq.nparams, 2);
	assert_string_equal(x->rq.params[0].value, "semi;colon;");
	assert_string_equal(x->rq.params[1].value, "100%");
	exchange_free(x);
	free(x);
}

int main(void)
{
	config_defaults();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(session_cookie_among_others),
		cmocka_unit_test(a_parameter_given_twice_is_its_last),
		cmocka_unit_test(urlencoded_fields_in_order),
		cmocka_unit_test(multipart_file_bytes_intact),
		cmocka_unit_test(limits_apply_as_parts_arrive),
		cmocka_unit_test(multipart_cut_short_or_misframed_is_not_read),
		cmocka_unit_test(multipart_whole_is_read),
		cmocka_unit_test(form_not_name_value_pairs_is_not_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
