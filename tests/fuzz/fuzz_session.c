/* Cookie and session-token parsing: whatever the cookie holds, a session
 * is loaded only for the one live token, and the CSRF check passes only
 * for that session's token.  The input is "cookie\ncsrf" (libmicrohttpd
 * has already split the Cookie header by name); the same bytes also go
 * through roles_parse. */
#define _GNU_SOURCE
#include "core/auth.h"
#include "fuzz_db.h"

#include <assert.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_db_open();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *in = xstrndup((const char *)data, size);
	char *nl = strchr(in, '\n');
	if (nl)
		*nl = 0;
	struct request rq = { .cookie = in, .csrf_header = nl ? nl + 1 : NULL, .is_post = 1 };
	auth_load(&rq);
	assert(rq.signed_in == (strcmp(in, FUZZ_TOKEN) == 0));
	if (rq.signed_in)
		assert(rq.user.id == 1 && (rq.user.roles & ROLE_STAFF));
	int ok = csrf_ok(&rq);
	assert(!ok || (rq.signed_in && nl && strcmp(nl + 1, FUZZ_CSRF) == 0));
	unsigned roles = 0;
	char bad[64];
	if (roles_parse(in, &roles, bad, sizeof bad) == 0)
		assert((roles & ROLE_STAFF) && roles < (1u << ROLE_COUNT));
	free(in);
	return 0;
}
