#define _GNU_SOURCE
#include "http/sandbox.h"
#include "lib/config.h"

#include <grp.h>
#include <pwd.h>
#include <seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* Not root: already the user asked for (systemd's User= or DynamicUser=
 * starts the server as that user, with `user` still in the configuration
 * file), or no user asked for, is fine; any other user is a mistake. */
static int check_unprivileged(const char *user)
{
	if (!user)
		return 0;
	struct passwd *pw = getpwnam(user);
	if (pw && pw->pw_uid == geteuid())
		return 0;
	fprintf(stderr,
		"staffroom: user (--user or the configuration file) is '%s', but the server "
		"was started as user id %u: start it as root, which it leaves for '%s', or as "
		"'%s' itself\n",
		user, (unsigned)geteuid(), user, user);
	return -1;
}

int sandbox_drop_root(const char *user)
{
	if (geteuid() != 0)
		return check_unprivileged(user);
	if (!user) {
		fprintf(stderr, "staffroom: refusing to run as root; use --user NAME to drop to "
				"that user\n");
		return -1;
	}
	struct passwd *pw = getpwnam(user);
	if (!pw || pw->pw_uid == 0) {
		fprintf(stderr, "staffroom: --user: no such unprivileged user '%s'\n", user);
		return -1;
	}
	if (setgroups(1, &pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0 ||
	    setuid(0) == 0) {
		fprintf(stderr, "staffroom: could not drop root for '%s'\n", user);
		return -1;
	}
	return 0;
}

/* What libmicrohttpd (epoll, threads), SQLite (files, locks, WAL), glibc
 * and libsodium call while serving, and libcurl for the mail thread.
 * Anything else kills the process: no exec, no listening sockets, no
 * ptrace, no chmod (but see allow_scanning and allow_sqlite_modes), no
 * mount. */
static const char *const allowed[] = {
	"read",
	"write",
	"readv",
	"writev",
	"pread64",
	"pwrite64",
	"lseek",
	"openat",
	"close",
	/* perror() dup()s standard error; cracklib calls it when its
	 * dictionary cannot be opened (being rebuilt, say). */
	"dup",
	/* A CGI process points standard output at /dev/null to end its answer
	 * (lib/std_fds.h says why it is not closed). */
	"dup2",
	"fstat",
	"newfstatat",
	"statx",
	"stat",
	"lstat",
	"access",
	"faccessat",
	"faccessat2",
	"readlink",
	"fsync",
	"fdatasync",
	"ftruncate",
	"fcntl",
	"unlink",
	"unlinkat",
	"getcwd",
	"fchown",
	"fallocate",
	"mmap",
	"munmap",
	"mremap",
	"mprotect",
	"brk",
	"madvise",
	"futex",
	"set_robust_list",
	"get_robust_list",
	"rseq",
	"clone",
	"clone3",
	"exit",
	"exit_group",
	"sched_yield",
	"sched_getaffinity",
	"getpid",
	"gettid",
	"getuid",
	"geteuid",
	"getgid",
	"getegid",
	"tgkill",
	"rt_sigprocmask",
	"rt_sigaction",
	"rt_sigreturn",
	"rt_sigtimedwait",
	"sigaltstack",
	"epoll_create1",
	"epoll_ctl",
	"epoll_wait",
	"epoll_pwait",
	"eventfd2",
	"pipe2",
	"poll",
	"ppoll",
	"select",
	"pselect6",
	"accept",
	"accept4",
	"recvfrom",
	"recvmsg",
	"sendto",
	"sendmsg",
	"sendfile",
	"shutdown",
	"setsockopt",
	"getsockopt",
	"getsockname",
	"getpeername",
	"clock_gettime",
	"clock_getres",
	"gettimeofday",
	"nanosleep",
	"clock_nanosleep",
	"getrandom",
	"prlimit64",
	"uname",
	"ioctl",
	"sysinfo",
	/* The mail thread (libcurl) connects out to the SMTP relay, and its
	 * resolver thread wakes it through a socket pair. */
	"connect",
	"socketpair",
};

/* New sockets only of the families the mail thread needs: IPv4 and IPv6 to
 * reach the relay and DNS, and UNIX for glibc's name-service cache (nscd). */
static const int socket_families[] = { AF_INET, AF_INET6, AF_UNIX };

/* Each call of the list, unconditionally (one this kernel lacks is skipped). */
static int allow_calls(scmp_filter_ctx ctx, const char *const *calls, size_t n)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int nr = seccomp_syscall_resolve_name(calls[i]);
		if (nr != __NR_SCMP_ERROR)
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
	}
	return rc;
}

/* libclamav gives every scan a folder of its own in TMPDIR (made, set to
 * 0700 and removed again, with the files it unpacks from archives in it):
 * allowed only when scanning is on, and chmod only to owner-only. */
static int allow_scanning(scmp_filter_ctx ctx)
{
	static const char *const calls[] = { "mkdir", "mkdirat", "rmdir", "getdents64" };
	int rc = allow_calls(ctx, calls, sizeof calls / sizeof calls[0]);
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(chmod), 1,
				      SCMP_A1(SCMP_CMP_EQ, (scmp_datum_t)S_IRWXU));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(fchmodat), 1,
				      SCMP_A2(SCMP_CMP_EQ, (scmp_datum_t)S_IRWXU));
	return rc;
}

/* SQLite gives a -wal or -shm file it creates the database's mode
 * (fchmod, after the umask took the group's bits): a database its service
 * group may read (0640) makes that call whenever a connection creates them.
 * Only modes without other users' bits or set-id and sticky bits pass; a
 * database others may read never gets this far (db/file_modes.c). */
static int allow_sqlite_modes(scmp_filter_ctx ctx)
{
	const scmp_datum_t not_ours = S_IRWXO | S_ISUID | S_ISGID | S_ISVTX;
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(fchmod), 1,
				SCMP_A1(SCMP_CMP_MASKED_EQ, not_ours, 0));
}

int sandbox_seccomp(void)
{
#if defined(__SANITIZE_ADDRESS__)
	/* The leak checker stops the world with a ptrace helper at exit, which
	 * no filter worth having allows: the sanitizer build runs unfiltered,
	 * and the release build's test run covers the filter. */
	return 0;
#endif
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (!ctx)
		return -1;
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (rc == 0)
		rc = allow_calls(ctx, allowed, sizeof allowed / sizeof allowed[0]);
	/* libmicrohttpd names each worker thread as it starts
	 * (pthread_setname_np, i.e. prctl PR_SET_NAME), and with TSYNC the
	 * filter can be in force before the last worker has started: naming a
	 * thread is harmless, every other prctl stays forbidden. */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1,
				      SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)PR_SET_NAME));
	for (size_t i = 0; rc == 0 && i < sizeof socket_families / sizeof socket_families[0]; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
				      SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)socket_families[i]));
	if (rc == 0)
		rc = allow_sqlite_modes(ctx);
	if (rc == 0 && cfg.clamav_db)
		rc = allow_scanning(ctx);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0)
		fprintf(stderr, "staffroom: could not install the seccomp filter\n");
	return rc == 0 ? 0 : -1;
}
