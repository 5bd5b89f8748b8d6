/* Running out of memory: a failed allocation in a thread with a recovery
 * point jumps back to it (a request answers 503); try_realloc refuses
 * without jumping.  STAFFROOM_TEST_ALLOC_LIMIT stands in for a full heap. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "lib/util.h"

#define LIMIT 65536

static void a_failed_allocation_jumps_to_the_recovery_point(void **state)
{
	(void)state;
	jmp_buf jump;
	volatile int reached_after = 0, recovered = 0;
	if (setjmp(jump) == 0) {
		oom_recover_at(&jump);
		char *p = xmalloc(LIMIT + 1);
		reached_after = 1;
		free(p);
	} else {
		recovered = 1;
	}
	oom_recover_at(NULL);
	assert_int_equal(recovered, 1);
	assert_int_equal(reached_after, 0);
}

static void each_allocator_jumps(void **state)
{
	(void)state;
	for (volatile int which = 0; which < 3; which++) {
		jmp_buf jump;
		volatile int recovered = 0;
		if (setjmp(jump) == 0) {
			oom_recover_at(&jump);
			void *p = which == 0 ? xcalloc(LIMIT, 2) : which == 1 ? xrealloc(NULL, LIMIT * 2) : xstrndup("", LIMIT * 2);
			free(p);
		} else {
			recovered = 1;
		}
		oom_recover_at(NULL);
		assert_int_equal(recovered, 1);
	}
}

static void try_realloc_refuses_and_keeps_the_buffer(void **state)
{
	(void)state;
	char *buf = xmalloc(16);
	buf[0] = 'x';
	assert_null(try_realloc(buf, LIMIT + 1));
	assert_int_equal(buf[0], 'x');  /* still ours, unchanged */
	char *grown = try_realloc(buf, 1024);
	assert_non_null(grown);
	free(grown);
}

static void allocations_within_the_limit_still_work(void **state)
{
	(void)state;
	char *p = xmalloc(LIMIT);
	assert_non_null(p);
	free(p);
	char *s = xasprintf("%d", 42);
	assert_string_equal(s, "42");
	free(s);
}

int main(void)
{
	setenv("STAFFROOM_TEST_ALLOC_LIMIT", "65536", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_failed_allocation_jumps_to_the_recovery_point),
		cmocka_unit_test(each_allocator_jumps),
		cmocka_unit_test(try_realloc_refuses_and_keeps_the_buffer),
		cmocka_unit_test(allocations_within_the_limit_still_work),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
