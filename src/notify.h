/* Notifications: a line on the person's "My tasks" page.  Written inside
 * the caller's transaction, with the event that caused them. */
#ifndef STAFFROOM_NOTIFY_H
#define STAFFROOM_NOTIFY_H

#include <stdint.h>

void notify_user(int64_t user_id, const char *kind, const char *message, const char *link);
/* Everyone active holding the role, except one person (0: nobody). */
void notify_role(const char *role, int64_t except_user, const char *kind, const char *message,
		 const char *link);

#endif
