/* What a session started through single sign-on remembers: the provider (for
 * its end-session link on signing out) and whether the provider's
 * multi-factor sign-in stood in for staffroom's own second factor. */
#ifndef STAFFROOM_OIDC_SESSION_H
#define STAFFROOM_OIDC_SESSION_H

/* 1 when the session with this token hash was signed in with the provider's MFA counted. */
int oidc_session_mfa(const char *token_hash);
/* The provider's name for the session, or NULL; free it. */
char *oidc_session_provider(const char *token_hash);
/* 1 when the school's setting lets a provider's MFA (amr "mfa") count as the second factor. */
int oidc_mfa_counts(void);

#endif
