/* What both front ends do around serving: parse the listening address, open
 * a listening socket (FastCGI; libmicrohttpd opens its own), block the stop
 * signals for the workers, and enter the sandbox once bound. */
#ifndef STAFFROOM_LISTEN_H
#define STAFFROOM_LISTEN_H

#include <signal.h>
#include <sys/socket.h>

/* "HOST:PORT", "unix:/path", or "stdin" (the socket a process manager such
 * as mod_fcgid passes as standard input).  A socket file is made readable and writable
 * for its owner and group only: owner cfg.run_as, group cfg.socket_group
 * when given.  Returns the listening descriptor, or -1 with a message. */
int listen_open(const char *listen);
/* A TCP address other machines can reach makes the session cookie Secure
 * (__Host-sr_session), as --secure-cookies does; says so on stderr. */
void listen_secure_cookies(const struct sockaddr_storage *ss, int v6, const char *where);
/* Describes the bound address for the start-up line ("127.0.0.1:39123"). */
void listen_describe(int fd, const char *listen, char *out, size_t size);
/* Before binding, for both front ends: refuse root without cfg.run_as, read
 * the mail relay's password file (while still root), and block the stop
 * signals for the workers.  0 to go on, otherwise the exit code. */
int listen_prepare(sigset_t *sigs);
/* Workers inherit the mask; the main thread waits for SIGINT or SIGTERM. */
void listen_block_signals(sigset_t *sigs);
/* Drops root (cfg.run_as), installs the seccomp filter, and runs the
 * filter's self-test when asked.  0 ok. */
int listen_enter_sandbox(void);

#endif
