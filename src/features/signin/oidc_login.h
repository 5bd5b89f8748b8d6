/* Single sign-on's part of the sign-in pages (oidc_login.c, oidc_settings.c):
 * shared inside the signin folder only. */
#ifndef STAFFROOM_OIDC_LOGIN_H
#define STAFFROOM_OIDC_LOGIN_H

#include "http/router.h"

#include <jansson.h>

/* The sign-in page's buttons (one a provider) and whether the password form is hidden. */
void oidc_login_model(const struct request *rq, json_t *m);
/* The signed-out page's link to sign out of the provider too, when it publishes one;
 * ask 0: only when its discovery document is already cached (no waiting on the network). */
void oidc_signed_out_model(const char *provider, int ask, json_t *m);
/* 0 when this address may sign in with a password (the school's setting). */
int password_signin_refused(const char *email);
/* My tasks: the administrators are told when the break-glass administrator
 * named is no longer one. */
void breakglass_tasks(const struct request *rq, json_t *tasks);

extern const struct route oidc_routes[], oidc_settings_routes[];

#endif
