/* The configuration file: key = value lines, comments, and a clear error
 * with the line number for anything else. */
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

static int reset(void **state)
{
	(void)state;
	memset(&cfg, 0, sizeof cfg);
	config_defaults();
	return 0;
}

static int parse(const char *text, char *err, size_t size)
{
	err[0] = 0;
	return config_parse(text, strlen(text), err, size);
}

static void values_comments_and_blank_lines(void **state)
{
	(void)state;
	char err[300];
	const char *text = "# staffroom\n\n  db = /var/lib/staffroom/staffroom.db  \r\n"
			   "listen=127.0.0.1:9000\nthreads = 8\nupload_max = 2097152\nsecure_cookies = yes\n"
			   "school_name = St Mary's #1 Primary\nbase_url = https://staff.example.org/\n"
			   "smtp_url = smtps://mail.example.org:465\nmail_from = staffroom@example.org\n   # indented comment";
	assert_int_equal(parse(text, err, sizeof err), 0);
	assert_string_equal(cfg.db_path, "/var/lib/staffroom/staffroom.db");
	assert_string_equal(cfg.listen, "127.0.0.1:9000");
	assert_int_equal(cfg.threads, 8);
	assert_int_equal(cfg.upload_max, 2097152);
	assert_int_equal(cfg.cookie_secure, 1);
	assert_string_equal(cfg.school_name, "St Mary's #1 Primary");
	assert_string_equal(cfg.base_url, "https://staff.example.org");
	assert_string_equal(cfg.smtp_url, "smtps://mail.example.org:465");
	assert_string_equal(cfg.mail_from, "staffroom@example.org");
	assert_int_equal(cfg.session_idle, 1800); /* untouched: the default */
}

static void expect_error(const char *text, const char *want)
{
	char err[300];
	assert_int_equal(parse(text, err, sizeof err), -1);
	if (!strstr(err, want))
		fail_msg("error '%s' does not contain '%s'", err, want);
}

static void every_problem_names_its_line(void **state)
{
	(void)state;
	expect_error("db = a.db\nthread = 4\n", "2: unknown setting 'thread'");
	expect_error("\n\nthreads = many\n", "3: threads must be a whole number from 1 to 256");
	expect_error("threads = 0\n", "1: threads must be a whole number");
	expect_error("threads = 4x\n", "1: threads");
	expect_error("threads = -1\n", "1: threads");
	expect_error("upload_files = 99999999999999999999\n", "1: upload_files");
	expect_error("threads = 4\nthreads = 5\n", "2: threads is already set on line 1");
	expect_error("# fine\njust words\n", "2: expected 'key = value'");
	expect_error("secure_cookies = perhaps\n", "1: secure_cookies must be yes or no");
	expect_error("listen = localhost\n", "1: listen must be an IP address and a port");
	/* A name is not looked up: the server could not listen on it. */
	expect_error("listen = localhost:8080\n", "1: listen must be an IP address and a port");
	expect_error("listen = 127.0.0.1:99999\n", "1: listen must be");
	expect_error("listen = unix:relative.sock\n", "1: listen must be");
	expect_error("base_url = ftp://x.example\n", "1: base_url must start with https://");
	expect_error("smtp_url = https://mail.example\n", "1: smtp_url must start with smtp://");
	expect_error("mail_from = not an address\n", "1: mail_from must be an e-mail address");
	expect_error("db =\n", "1: db must be a file or directory name");
	expect_error("school_name = a\x01" "b\n", "1: school_name must be one line of text");
	const char nul[] = "threads = 4\nschool_name = a\0b\n";
	char err[300];
	assert_int_equal(config_parse(nul, sizeof nul - 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "2: the line holds a NUL byte"));
}

static void settings_that_go_together(void **state)
{
	(void)state;
	char err[300];
	assert_int_equal(parse("tls_cert = /etc/ssl/c.pem\n", err, sizeof err), 0);
	assert_int_equal(config_check(err, sizeof err), -1);
	assert_non_null(strstr(err, "tls_cert and tls_key go together"));
	assert_int_equal(parse("tls_key = /etc/ssl/k.pem\n", err, sizeof err), 0);
	assert_int_equal(config_check(err, sizeof err), 0);
	assert_int_equal(cfg.cookie_secure, 1); /* TLS: the cookie is Secure */
	assert_int_equal(parse("session_idle = 100\nsession_lifetime = 50\n", err, sizeof err), 0);
	assert_int_equal(config_check(err, sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(values_comments_and_blank_lines, reset),
		cmocka_unit_test_setup(every_problem_names_its_line, reset),
		cmocka_unit_test_setup(settings_that_go_together, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
