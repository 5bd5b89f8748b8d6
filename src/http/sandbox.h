/* After start-up the server restricts itself: it drops root for a named
 * user, and a seccomp filter allows only the system calls it needs. */
#ifndef STAFFROOM_SANDBOX_H
#define STAFFROOM_SANDBOX_H

/* Refuses to go on as root unless user names someone to become; not root,
 * refuses a user other than the one it runs as. 0 ok. */
int sandbox_drop_root(const char *user);
/* Installs the filter on every thread of the process. 0 ok. */
int sandbox_seccomp(void);

#endif
