/* Whether a password may be chosen: its length, the school's and the
 * person's words (lib/password_words.h), and Debian's cracklib dictionary of
 * common words and passwords (OWASP ASVS 5.0 6.2; Cyber Essentials). */
#ifndef STAFFROOM_PASSWORD_RULES_H
#define STAFFROOM_PASSWORD_RULES_H

#include "lib/password_words.h"

/* Cyber Essentials (NCSC, "Requirements for IT infrastructure", user access
 * control, password-based authentication) asks for one of: multi-factor
 * authentication; at least 12 characters; at least 8 with common passwords
 * blocked.  ASVS 5.0 6.2.1 asks for 8, 15 recommended.  12 for everyone, and
 * 10 (with the deny list) for those who must use a second factor. */
#define PASSWORD_MIN 12
#define PASSWORD_MIN_TWOFACTOR 10

/* The shortest password allowed for someone with these roles. */
int password_min(unsigned roles);
/* NULL when the password is acceptable for who, otherwise why not, in
 * words for the form.  Reads the school's name and the roles that must use
 * a second factor. */
const char *password_problem(const char *password, const struct password_owner *who);
/* 0 when cracklib's dictionary can be read (at start-up, after the sandbox
 * is entered); otherwise -1, having said so on stderr. */
int password_dictionary_check(void);

#endif
