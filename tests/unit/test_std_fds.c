/* Standard descriptors are never left closed: a closed one is filled with
 * /dev/null at start-up, and the CGI front ends its answer by pointing
 * standard output at /dev/null, which the web server reads as the end. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/std_fds.h"

static void assert_dev_null(int fd)
{
	struct stat is, null;
	assert_int_equal(fstat(fd, &is), 0);
	assert_int_equal(stat("/dev/null", &null), 0);
	assert_true(S_ISCHR(is.st_mode));
	assert_true(is.st_rdev == null.st_rdev);
}

static void closed_one_is_filled(void **state)
{
	(void)state;
	int saved = dup(STDIN_FILENO);
	assert_true(saved > STDERR_FILENO);
	close(STDIN_FILENO);
	std_fds_fill();
	assert_dev_null(STDIN_FILENO);
	/* So a file opened next is not given a standard descriptor. */
	int next = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(next > STDERR_FILENO);
	close(next);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
}

static void pointing_at_null_ends_a_pipe(void **state)
{
	(void)state;
	int saved = dup(STDOUT_FILENO), p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(dup2(p[1], STDOUT_FILENO), STDOUT_FILENO);
	close(p[1]);
	assert_int_equal(std_fd_to_null(STDOUT_FILENO), 0);
	char c;
	assert_int_equal(read(p[0], &c, 1), 0); /* the reader sees the end */
	assert_dev_null(STDOUT_FILENO);
	close(p[0]);
	assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	close(saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(closed_one_is_filled),
		cmocka_unit_test(pointing_at_null_ends_a_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
