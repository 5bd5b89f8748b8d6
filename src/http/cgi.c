/* The CGI front end: the request from the environment and standard input,
 * the answer as a CGI response ("Status:" and the headers, a blank line,
 * the body) on standard output.  Limits are checked against CONTENT_LENGTH
 * before a byte of the body is read, as the other front ends check the
 * declared length. */
#define _GNU_SOURCE
#include "http/cgi.h"
#include "core/audit_anchor.h"
#include "core/mailer.h"
#include "core/oidc.h"
#include "db/db.h"
#include "http/exchange.h"
#include "http/fastcgi.h"
#include "http/sandbox.h"
#include "lib/client_address.h"
#include "lib/config.h"
#include "lib/std_fds.h"
#include "lib/util.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define BAD_ADDRESS "This address is not a page of staffroom. Check the address and try again."

struct cgi_call {
	struct exchange x;
	char cookie[128];
	char sso_cookie[64];
	char *body;
};

/* A ".." or "." segment: web servers normally resolve them before the
 * script is chosen, so one that arrives was sent to get round that. */
static int dot_segment(const char *path)
{
	for (const char *p = path; (p = strchr(p, '/')); p++) {
		size_t n = strcspn(p + 1, "/");
		if ((n == 1 && p[1] == '.') || (n == 2 && p[1] == '.' && p[2] == '.'))
			return 1;
	}
	return 0;
}

/* PATH_INFO arrives decoded (RFC 3875, 4.1.5), so a control character in it
 * was encoded in the address; an encoded NUL is looked for in REQUEST_URI
 * (what the client sent, set by Apache, lighttpd and IIS), since no
 * environment variable can hold a NUL.  0 when the path may be served. */
static int path_ok(const char *info, const char *uri)
{
	for (const char *p = info; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	size_t n = uri ? strcspn(uri, "?") : 0;
	for (size_t i = 0; i + 3 <= n; i++)
		if (uri[i] == '%' && uri[i + 1] == '0' && uri[i + 2] == '0')
			return 0;
	return info[0] == '/' && !dot_segment(info) && !strstr(info, "%00");
}

/* The body, exactly CONTENT_LENGTH bytes: fewer, or more waiting behind
 * them, means the length was not the body's, and nothing is dispatched. */
static int read_body(struct cgi_call *c, size_t want)
{
	c->body = try_realloc(NULL, want + 1);
	if (!c->body) {
		exchange_fail(&c->x, 503, NULL, EXCHANGE_NO_MEMORY);
		return -1;
	}
	size_t got = 0;
	while (got < want) {
		ssize_t n = read(STDIN_FILENO, c->body + got, want - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	char more;
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	if (got != want ||
	    (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN) && read(STDIN_FILENO, &more, 1) > 0)) {
		exchange_fail(&c->x, 400, NULL, EXCHANGE_UNREADABLE);
		return -1;
	}
	c->body[got] = 0;
	return 0;
}

/* A POST's CONTENT_LENGTH must be given (RFC 3875, 4.1.2: the server sets
 * it whenever there is a body) and be a plain number; its size against the
 * limits is the exchange's check.  The length, or -1. */
static long long declared_length(struct exchange *x, const char *clen)
{
	if (!clen || !*clen) {
		exchange_fail(x, 411, NULL, EXCHANGE_UNREADABLE " Its length was not given.");
		return -1;
	}
	if (strspn(clen, "0123456789") != strlen(clen) || strlen(clen) > 15) {
		exchange_fail(x, strlen(clen) > 15 ? 413 : 400, NULL, EXCHANGE_UNREADABLE);
		return -1;
	}
	return strtoll(clen, NULL, 10);
}

static void read_form(struct cgi_call *c)
{
	const char *ctype = getenv("CONTENT_TYPE"), *clen = getenv("CONTENT_LENGTH");
	const char *query = getenv("QUERY_STRING");
	long long want = c->x.rq.is_post ? declared_length(&c->x, clen) : 0;
	enum body_kind body = exchange_body_kind(&c->x, ctype, clen);
	if (c->x.status)
		return;
	if (!c->x.rq.is_post)
		fastcgi_parse_form(&c->x, 1, query ? query : "", query ? strlen(query) : 0);
	else if (body != BODY_NONE && read_body(c, (size_t)want) == 0)
		fastcgi_parse_form(&c->x, 0, c->body, (size_t)want);
}

static void start(struct cgi_call *c)
{
	const char *method = getenv("REQUEST_METHOD"), *info = getenv("PATH_INFO");
	if (!info || !*info)
		info = "/";
	int ok = path_ok(info, getenv("REQUEST_URI"));
	exchange_start(&c->x, method ? method : "GET", ok ? info : "/");
	if (!ok)
		exchange_fail(&c->x, 400, NULL, BAD_ADDRESS);
	struct request *rq = &c->x.rq;
	rq->accept = getenv("HTTP_ACCEPT");
	rq->user_agent = getenv("HTTP_USER_AGENT");
	rq->origin = getenv("HTTP_ORIGIN");
	rq->host = getenv("HTTP_HOST");
	rq->csrf_header = getenv("HTTP_X_CSRF_TOKEN");
	/* Apache's mod_ssl and lighttpd set HTTPS=on for an encrypted connection. */
	c->x.rq.https = getenv("HTTPS") && strcasecmp(getenv("HTTPS"), "on") == 0;
	const char *cookies = getenv("HTTP_COOKIE");
	if (fastcgi_cookie(cookies, exchange_session_cookie(&c->x), c->cookie, sizeof c->cookie) ==
	    0)
		rq->cookie = c->cookie;
	if (fastcgi_cookie(cookies, "sr_sso", c->sso_cookie, sizeof c->sso_cookie) == 0)
		rq->sso_cookie = c->sso_cookie;
	client_address_choose(getenv("REMOTE_ADDR"), getenv("HTTP_X_REAL_IP"),
			      getenv("HTTP_X_FORWARDED_FOR"), rq->address, sizeof rq->address);
	read_form(c);
}

static void send_response(const struct exchange *x, const struct response *out)
{
	const char *reason = MHD_get_reason_phrase_for((unsigned)out->status);
	printf("Status: %d %s\r\n", out->status, reason && *reason ? reason : "Unknown");
	for (int i = 0; i < out->nheaders; i++)
		printf("%s: %s\r\n", out->headers[i].name, out->headers[i].value);
	printf("Content-Length: %zu\r\n\r\n", out->len);
	if (out->len && strcmp(x->rq.method, "HEAD") != 0)
		fwrite(out->body, 1, out->len, stdout);
	fflush(stdout);
}

/* The web server's answer ends with our standard output.  It and standard
 * input are pointed at /dev/null, not closed (std_fds.h says why: here the
 * write connection is often opened after the answer, to record the mail
 * sent).  0, or -1 with the answer ended all the same and nothing to be
 * done after it. */
static int end_answer(void)
{
	fflush(stdout);
	if (std_fd_to_null(STDOUT_FILENO) == 0 && std_fd_to_null(STDIN_FILENO) == 0)
		return 0;
	fclose(stdout);
	close(STDIN_FILENO);
	return -1;
}

/* Open file description locks on single bytes of the anchor file, which
 * SQLite's own locks on other files never touch. */
enum { SENDING_BYTE, WAITING_BYTE };

static int lock_byte(int fd, off_t byte, short type, int wait)
{
	struct flock lk = { .l_type = type, .l_whence = SEEK_SET, .l_start = byte, .l_len = 1 };
	return fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &lk);
}

/* What the server's background thread does, done by one CGI process at a
 * time after its answer, the one holding SENDING.  One more may wait for it,
 * holding WAITING meanwhile; a process that finds someone waiting already
 * goes at once.  Its own mail is not left for a request that may not come:
 * the waiter reads what is due only once it holds SENDING, after this
 * process's mail was committed.  So a relay that is slow or down keeps two
 * processes, not one for every request answered meanwhile. */
static void after_answer(void)
{
	const char *path = audit_anchor_path();
	int fd = path ? open(path, O_WRONLY | O_APPEND | O_CLOEXEC) : -1;
	if (fd < 0)
		return;
	if (lock_byte(fd, WAITING_BYTE, F_WRLCK, 0) == 0) {
		int sending = lock_byte(fd, SENDING_BYTE, F_WRLCK, 1) == 0;
		lock_byte(fd, WAITING_BYTE, F_UNLCK, 0);
		if (sending)
			mailer_run_once();
	}
	close(fd);
}

int cgi_run(void)
{
	struct cgi_call *c = xcalloc(1, sizeof *c);
	struct response out;
	start(c);
	exchange_respond(&c->x, &out);
	/* Once it has the whole answer (its Content-Length), lighttpd sends
	 * SIGTERM to a program still running: the short work after the answer
	 * is finished first.  Apache follows with SIGKILL after a few seconds;
	 * mail cut off there stays queued for a later request. */
	signal(SIGTERM, SIG_IGN);
	send_response(&c->x, &out);
	response_free(&out);
	exchange_free(&c->x);
	free(c->body);
	free(c);
	if (end_answer() == 0)
		after_answer();
	return 0;
}

/* A CGI process is started by the web server as its CGI user, never as
 * root unless told whom to become.  The system-call filter is the same as
 * the servers': the request is read after it is in force, and the
 * templates a page needs are read under it too (it allows reading files). */
int cgi_enter_sandbox(void)
{
	if (geteuid() == 0 && sandbox_drop_root(cfg.run_as) != 0)
		return -1;
	if (mailer_prepare() != 0 || oidc_prepare() != 0)
		return -1;
	return cfg.seccomp ? sandbox_seccomp() : 0;
}

void cgi_unavailable(void)
{
	printf("Status: 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
	       "Retry-After: 60\r\nCache-Control: no-store\r\n\r\n"
	       "staffroom is not available at the moment. Please try again later.\n");
	fflush(stdout);
}
