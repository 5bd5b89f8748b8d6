/* The roles, declared once.  Everything else is derived from this list: enum
 * role and its bits (a role's bit is 1 << its place here), the names stored
 * in user_roles, the form choices, the command line's usage and the words
 * shown to people.  schema.sql repeats the names in its CHECKs and role_bits
 * (the database enforces them); tests/unit/test_lists.c checks they agree.
 *
 * To add a role: add a row at the end (the bits of the others, kept in
 * recipient_mask, must not move), and the same name and bit to schema.sql:
 * user_roles' CHECK, role_bits, and routing's CHECK when it is routable.
 *
 * X(ID, name, words, routable): ROLE_ID; the stored name; the words for it
 * in sentences; 1 when concerns may be routed to it (routing's CHECK). */
#ifndef STAFFROOM_ROLES_H
#define STAFFROOM_ROLES_H

#include "lib/lists.h"

/* Everyone holds staff; the other roles are given to people. */
#define ROLE_LIST(X) X(STAFF, "staff", "staff", 0) GIVEN_ROLE_LIST(X)
#define GIVEN_ROLE_LIST(X)                                                    \
	X(HEADTEACHER, "headteacher", "headteacher", 1)                       \
	X(SLT, "slt", "senior leader", 1)                                     \
	X(DSL, "dsl", "designated safeguarding lead", 1)                      \
	X(MODERATOR, "moderator", "moderator", 1)                             \
	X(BUSINESS_MANAGER, "business_manager", "business manager", 1)        \
	X(NETWORK_MANAGER, "network_manager", "network manager", 1)           \
	X(GOVERNOR, "governor", "governor", 0)                                \
	X(CHAIR, "chair", "chair of governors", 1)                            \
	X(ADMIN, "admin", "administrator", 1)                                 \
	X(DPO, "dpo", "data protection officer", 1)

#define ROLE_INDEX_(id, name, words, routable) ROLE_INDEX_##id,
enum role_index { ROLE_LIST(ROLE_INDEX_) ROLE_COUNT };
#undef ROLE_INDEX_

#define ROLE_BIT_(id, name, words, routable) ROLE_##id = 1 << ROLE_INDEX_##id,
enum role { ROLE_LIST(ROLE_BIT_) };
#undef ROLE_BIT_

/* The names as F_CHOICE texts: every role, and the roles given to people. */
#define ROLE_CHOICE_(id, name, words, routable) "|" name
#define ROLE_CHOICES LIST_CHOICES(ROLE_LIST, ROLE_CHOICE_)
#define GIVEN_ROLE_CHOICES LIST_CHOICES(GIVEN_ROLE_LIST, ROLE_CHOICE_)

/* The roles a concern may be routed to, as a mask: those marked routable. */
#define ROUTABLE_BIT_(id, name, words, routable) | (routable ? ROLE_##id : 0)
#define ROLE_ROUTABLE (0 ROLE_LIST(ROUTABLE_BIT_))

#endif
