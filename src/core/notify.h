/* Notifications: a line on the person's "My tasks" page.  Written inside
 * the caller's transaction, with the event that caused them, and with an
 * e-mail in the outbox when a relay is configured (src/core/mail_queue.c). */
#ifndef STAFFROOM_NOTIFY_H
#define STAFFROOM_NOTIFY_H

#include <stdint.h>

void notify_user(int64_t user_id, const char *kind, const char *message, const char *link);
/* Everyone active holding the role, except one person (0: nobody). */
void notify_role(const char *role, int64_t except_user, const char *kind, const char *message,
		 const char *link);
/* The same, except two people (a request's asker, and the person it is
 * withheld from). */
void notify_role_except(const char *role, int64_t except_a, int64_t except_b, const char *kind,
			const char *message, const char *link);
/* The same, leaving out whoever also holds unless_role (told already). */
void notify_role_unless(const char *role, const char *unless_role, int64_t except_user,
			const char *kind, const char *message, const char *link);
/* Everyone active holding any of the roles (a mask of enum role, as a
 * concern's recipient_mask is), once however many of them they hold, except
 * one person (0: nobody).  Returns how many people were told. */
int64_t notify_roles(unsigned roles, int64_t except_user, const char *kind, const char *message,
		     const char *link);

/* Notifications clear when opened or when what they ask for is done.
 * Everyone's unread notifications linking to `link` are marked read (the
 * case was acknowledged, the application decided): call it before adding
 * the notifications that tell of the change, in the same transaction. */
void notify_done(const char *link);
/* This person's unread notifications linking to `link` are marked read:
 * they have opened that page. */
void notify_seen(int64_t user_id, const char *link);

#endif
