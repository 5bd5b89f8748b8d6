#define _GNU_SOURCE
#include "http/listen.h"
#include "lib/inet_listen.h"
#include "core/mailer.h"
#include "core/oidc.h"
#include "core/password_rules.h"
#include "lib/config.h"
#include "db/db.h"
#include "http/sandbox.h"
#include "lib/util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* Why the socket could not be given its owner and mode.  Started as another
 * user than root, staffroom may give a file only to a group that user is in
 * (chown(2)), which is the usual cause. */
static void socket_not_given(const char *path, gid_t gid)
{
	int err = errno;
	struct passwd *pw = getpwuid(geteuid());
	const char *me = pw ? pw->pw_name : "this user";
	gid_t groups[256];
	int n = getgroups(256, groups), member = getegid() == gid;
	for (int i = 0; i < n && !member; i++)
		member = groups[i] == gid;
	if (err == EPERM && cfg.socket_group && geteuid() != 0 && !member)
		fprintf(stderr,
			"staffroom: cannot give the socket %s to the group %s: %s is not a member "
			"of it (add it: adduser %s %s, then start again; or start as root with "
			"--user)\n",
			path, cfg.socket_group, me, me, cfg.socket_group);
	else
		fprintf(stderr, "staffroom: cannot set the owner and mode of %s: %s\n", path,
			strerror(err));
}

/* The web server (nginx as www-data, say) must reach the socket, and no one
 * else: any local user who could would be able to claim any client address. */
static int own_socket_file(const char *path)
{
	uid_t uid = (uid_t)-1;
	gid_t gid = (gid_t)-1;
	if (cfg.run_as && geteuid() == 0) {
		struct passwd *pw = getpwnam(cfg.run_as);
		if (pw)
			uid = pw->pw_uid, gid = pw->pw_gid;
	}
	if (cfg.socket_group) {
		struct group *gr = getgrnam(cfg.socket_group);
		if (!gr) {
			fprintf(stderr, "staffroom: no such group '%s'\n", cfg.socket_group);
			return -1;
		}
		gid = gr->gr_gid;
	}
	if (chmod(path, 0660) != 0 ||
	    ((uid != (uid_t)-1 || gid != (gid_t)-1) && chown(path, uid, gid) != 0)) {
		socket_not_given(path, gid);
		return -1;
	}
	return 0;
}

static int open_unix(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof a.sun_path || path[0] != '/') {
		fprintf(stderr,
			"staffroom: a socket path must be absolute and shorter than %zu bytes\n",
			sizeof a.sun_path);
		return -1;
	}
	strcpy(a.sun_path, path);
	/* A socket file left by a previous run would make bind fail; remove
	 * only a socket, never a regular file the path may name by mistake. */
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	mode_t old = umask(0077); /* no moment when others could connect */
	int ok = fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
	umask(old);
	if (!ok || own_socket_file(path) != 0 || listen(fd, 128) != 0) {
		if (!ok)
			fprintf(stderr, "staffroom: cannot listen on unix:%s\n", path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Apache's mod_fcgid (and spawn-fcgi) start the program with the listening
 * socket as standard input, as the FastCGI specification describes. */
static int inherited_socket(void)
{
	int yes = 0;
	socklen_t len = sizeof yes;
	if (getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &yes, &len) != 0 || !yes) {
		fprintf(stderr,
			"staffroom: --listen stdin: standard input is not a listening socket\n");
		return -1;
	}
	return 0;
}

/* 127.0.0.0/8 or ::1: only this machine can connect. */
static int loopback(const struct sockaddr_storage *ss, int v6)
{
	if (v6)
		return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)ss)->sin6_addr);
	return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
}

int listen_open(const char *where)
{
	if (strcmp(where, "stdin") == 0)
		return inherited_socket();
	if (strncmp(where, "unix:", 5) == 0)
		return open_unix(where + 5);
	struct sockaddr_storage ss;
	int v6, one = 1;
	if (inet_listen_parse(where, &ss, &v6) != 0) {
		fprintf(stderr,
			"staffroom: listen wants an IP address and a port (e.g. 127.0.0.1:9000) "
			"or unix:/path, not '%s'\n",
			where);
		return -1;
	}
	/* Whoever can talk FastCGI to it names the client's address and
	 * headers (docs/DEPLOY.md): only the web server on this machine may. */
	if (!loopback(&ss, v6)) {
		fprintf(stderr,
			"staffroom: fastcgi listens on a unix socket or a loopback address "
			"(127.0.0.1, [::1]), not '%s': whoever reaches it can claim any "
			"client address\n",
			where);
		return -1;
	}
	int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, (struct sockaddr *)&ss,
		 v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in)) != 0 ||
	    listen(fd, 128) != 0) {
		fprintf(stderr, "staffroom: cannot listen on %s\n", where);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

void listen_secure_cookies(const struct sockaddr_storage *ss, int v6, const char *where)
{
	/* Reachable from other machines: the session cookie is sent over HTTPS
	 * only, as if --secure-cookies were given (ASVS 3.3.1). */
	if (loopback(ss, v6) || cfg.cookie_secure)
		return;
	cfg.cookie_secure = 1;
	fprintf(stderr, "staffroom: %s is reachable from other machines, so the session cookie "
			"is Secure: serve it over HTTPS (tls_cert) or behind an HTTPS web server\n",
		where);
}

void listen_describe(int fd, const char *listen, char *out, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	char host[INET6_ADDRSTRLEN] = "";
	copy_str(out, size, listen);
	if (strncmp(listen, "unix:", 5) == 0 || fd == 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return;
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
		snprintf(out, size, "%s:%u", host, ntohs(a->sin_port));
	} else if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
		snprintf(out, size, "[%s]:%u", host, ntohs(a->sin6_port));
	}
}

void listen_block_signals(sigset_t *sigs)
{
	sigemptyset(sigs);
	sigaddset(sigs, SIGINT);
	sigaddset(sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int listen_enter_sandbox(void)
{
	if (sandbox_drop_root(cfg.run_as) != 0 || (cfg.seccomp && sandbox_seccomp() != 0))
		return -1;
	if (cfg.seccomp_selftest) {
		fprintf(stderr,
			"staffroom: seccomp self-test: calling execve, which the filter forbids\n");
		execl("/bin/true", "true", (char *)NULL);
		fprintf(stderr, "staffroom: the seccomp filter did not stop execve\n");
		return -1;
	}
	/* Connections are opened as requests come, as the run-as user: find
	 * out now if it cannot reach the database, not at the first sign-in. */
	if (!db_reachable()) {
		db_say_unreachable(cfg.db_path, cfg.run_as);
		return -1;
	}
	/* cracklib opens its dictionary at each check: find out now whether it
	 * can, as the run-as user and under the filter. */
	return password_dictionary_check();
}

int listen_prepare(sigset_t *sigs)
{
	if (geteuid() == 0 && !cfg.run_as) {
		sandbox_drop_root(NULL); /* says why it will not */
		return 1;
	}
	int rc = mailer_prepare();
	if (rc == 0)
		rc = oidc_prepare();
	if (rc != 0)
		return rc;
	listen_block_signals(sigs);
	return 0;
}
