/* Sessions that came from single sign-on (table oidc_sessions), read by
 * auth.c (no enrolment owed when the provider's MFA counted) and by signing
 * out (the provider's end-session link). */
#include "core/oidc_session.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

int oidc_session_mfa(const char *token_hash)
{
	return db_int(0, "SELECT mfa FROM oidc_sessions WHERE token_hash = ?", "t", token_hash) ==
	       1;
}

char *oidc_session_provider(const char *token_hash)
{
	return db_text("SELECT provider FROM oidc_sessions WHERE token_hash = ?", "t", token_hash);
}

int oidc_mfa_counts(void)
{
	char *v = db_text("SELECT value FROM settings WHERE key = 'oidc_mfa_counts'", "");
	int yes = v && strcmp(v, "yes") == 0;
	free(v);
	return yes;
}
