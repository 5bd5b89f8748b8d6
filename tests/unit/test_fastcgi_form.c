/* The FastCGI front end's own parsing: the session cookie out of a Cookie
 * header, and forms through cgicc (binary uploads intact, limits applied). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

static struct exchange *parsed(int is_query, const char *ctype, const char *body, size_t len)
{
	struct exchange *x = calloc(1, sizeof *x);
	exchange_start(x, is_query ? "GET" : "POST", "/x");
	fastcgi_parse_form(x, is_query, ctype, body, len);
	return x;
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

int main(void)
{
	config_defaults();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(session_cookie_among_others),
		cmocka_unit_test(urlencoded_fields_in_order),
		cmocka_unit_test(multipart_file_bytes_intact),
		cmocka_unit_test(limits_apply_as_parts_arrive),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
