/* One-time links to set a password: invitations sent by an administrator
 * and resets asked for on "Forgot your password?".  Private to signin/. */
#ifndef STAFFROOM_PASSWORD_LINK_H
#define STAFFROOM_PASSWORD_LINK_H

#include "http/router.h"

#include <jansson.h>
#include <stdint.h>

/* A reset is asked for by someone at the screen, so it lives an hour; an
 * invitation lives the school's setting (invitation_days), since staff
 * read it when they next look at their mail. */
#define RESET_LIFETIME 3600
#define INVITATION_DAYS_MAX 30

enum link_purpose { LINK_INVITATION, LINK_RESET };

/* Inside a write transaction: spends the person's older links, stores a new
 * one (its hash only), queues its e-mail and audits the sending.  0, or -1
 * when a statement failed. */
int password_link_send(struct request *rq, int64_t user_id, enum link_purpose purpose);
/* The live link with this token: {id, user_id, email, name, purpose}, or NULL. */
json_t *password_link_find(const char *token);
/* Days an invitation stays usable (the setting, within 1..INVITATION_DAYS_MAX). */
int64_t invitation_days(void);
/* Can staffroom send a link at all: a relay, and base_url to build the link from? */
int password_link_can_mail(void);

extern const struct route password_link_routes[], invite_routes[], forgot_routes[];

#endif
