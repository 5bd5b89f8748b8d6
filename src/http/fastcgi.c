#define _GNU_SOURCE
#include "http/fastcgi.h"
#include "lib/client_address.h"
#include "lib/config.h"
#include "db/db.h"
#include "http/form_cgicc.h"
#include "http/listen.h"
#include "core/mailer.h"
#include "http/sandbox.h"
#include "lib/util.h"

#include <fcgiapp.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int fastcgi_cookie(const char *header, const char *name, char *out, size_t size)
{
	size_t nlen = strlen(name);
	for (const char *p = header; p && *p;) {
		p += strspn(p, " \t;");
		size_t n = strcspn(p, ";");
		if (n > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			size_t vlen = n - nlen - 1;
			while (vlen &&
			       (p[nlen + 1 + vlen - 1] == ' ' || p[nlen + 1 + vlen - 1] == '\t'))
				vlen--;
			if (vlen >= size)
				return -1; /* not a cookie staffroom made */
			memcpy(out, p + nlen + 1, vlen);
			out[vlen] = 0;
			return 0;
		}
		p += n;
	}
	return -1;
}

/* A parameter the web server sends twice is meant as its later line says:
 * nginx sends both of `include fastcgi_params;` and a site's own
 * `fastcgi_param` after it, in that order (Debian's file passes HTTP_HOST
 * without its port), and PHP-FPM takes the later one; libfcgi's
 * FCGX_GetParam would take the first. */
const char *fastcgi_param(char *const *env, const char *name)
{
	size_t n = strlen(name);
	const char *found = NULL;
	for (; env && *env; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			found = *env + n + 1;
	return found;
}

static int sink_field(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
	return exchange_param(ctx, name, nlen, value, vlen);
}

static int sink_file(void *ctx, const char *field, const char *filename, const char *data,
		     size_t len)
{
	return exchange_file(ctx, field, filename) == 0 ? exchange_file_more(ctx, data, len) : -1;
}

/* Fields of a query string (is_query) or of a form body; the exchange
 * checks the body as sent first, and applies the limits as fields arrive. */
void fastcgi_parse_form(struct exchange *x, int is_query, const char *data, size_t len)
{
	if (!is_query && (exchange_body(x, data, len) != 0 || exchange_body_end(x) != 0))
		return;
	struct form_sink sink = { x, sink_field, sink_file };
	const char *boundary = !is_query && x->body == BODY_MULTIPART ? x->boundary : NULL;
	if (form_cgicc_parse(&sink, is_query, boundary, data, len) == FORM_UNREADABLE)
		exchange_fail(x, 400, NULL, EXCHANGE_UNREADABLE);
}

/* One request's variables and owned copies, alive until it is answered. */
struct fcgi_call {
	struct exchange x;
	char cookie[128];
	char sso_cookie[64];
	char *body;
};

/* CONTENT_LENGTH bytes from the web server; 0 ok. */
static int read_body(FCGX_Request *req, struct fcgi_call *c, const char *clen, size_t *len)
{
	unsigned long long want = clen ? strtoull(clen, NULL, 10) : 0;
	/* As in the embedded server: short of memory, the request is refused, not the server
	 * stopped. */
	c->body = try_realloc(NULL, (size_t)want + 1);
	if (!c->body) {
		exchange_fail(&c->x, 503, NULL, EXCHANGE_NO_MEMORY);
		return -1;
	}
	size_t got = 0;
	while (got < want) {
		int n = FCGX_GetStr(c->body + got, (int)(want - got > 65536 ? 65536 : want - got),
				    req->in);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	*len = got;
	if (got != want) {
		exchange_fail(&c->x, 400, NULL, EXCHANGE_UNREADABLE);
		return -1;
	}
	return 0;
}

/* The path part of REQUEST_URI, decoded; the query string after it. */
static char *split_uri(const char *uri, const char **query)
{
	size_t n = strcspn(uri, "?");
	char *path = xstrndup(uri, n);
	*query = uri[n] ? uri + n + 1 : "";
	exchange_unescape_path(path);
	return path;
}

static void start(FCGX_Request *req, struct fcgi_call *c)
{
	char **env = req->envp;
#define P(name) fastcgi_param(env, name)
	const char *method = P("REQUEST_METHOD"), *uri = P("REQUEST_URI"), *query = "";
	char *path = split_uri(uri ? uri : "/", &query);
	exchange_start(&c->x, method ? method : "GET", path[0] == '/' ? path : "/");
	free(path);
	struct request *rq = &c->x.rq;
	rq->accept = P("HTTP_ACCEPT");
	rq->user_agent = P("HTTP_USER_AGENT");
	rq->origin = P("HTTP_ORIGIN");
	rq->host = P("HTTP_HOST");
	rq->csrf_header = P("HTTP_X_CSRF_TOKEN");
	/* nginx's fastcgi_params and Apache both set HTTPS=on for HTTPS. */
	c->x.rq.https = P("HTTPS") && strcasecmp(P("HTTPS"), "on") == 0;
	if (fastcgi_cookie(P("HTTP_COOKIE"), exchange_session_cookie(&c->x), c->cookie,
			   sizeof c->cookie) == 0)
		rq->cookie = c->cookie;
	if (fastcgi_cookie(P("HTTP_COOKIE"), "sr_sso", c->sso_cookie, sizeof c->sso_cookie) == 0)
		rq->sso_cookie = c->sso_cookie;
	client_address_choose(P("REMOTE_ADDR"), P("HTTP_X_REAL_IP"), P("HTTP_X_FORWARDED_FOR"),
			      rq->address, sizeof rq->address);
	const char *ctype = P("CONTENT_TYPE"), *clen = P("CONTENT_LENGTH");
#undef P
	enum body_kind body = exchange_body_kind(&c->x, ctype, clen);
	size_t len;
	if (c->x.status)
		return;
	if (!rq->is_post)
		fastcgi_parse_form(&c->x, 1, query, strlen(query));
	else if (body != BODY_NONE && read_body(req, c, clen, &len) == 0)
		fastcgi_parse_form(&c->x, 0, c->body, len);
}

static void put(FCGX_Request *req, char *text)
{
	FCGX_PutStr(text, (int)strlen(text), req->out);
	free(text);
}

/* The CGI response: a Status header, the others, a blank line, the body.
 * (libfcgi's own printf knows no %zu, so lines are built here.) */
static void send_response(FCGX_Request *req, const struct exchange *x, const struct response *out)
{
	const char *reason = MHD_get_reason_phrase_for((unsigned)out->status);
	put(req,
	    xasprintf("Status: %d %s\r\n", out->status, reason && *reason ? reason : "Unknown"));
	for (int i = 0; i < out->nheaders; i++)
		put(req, xasprintf("%s: %s\r\n", out->headers[i].name, out->headers[i].value));
	put(req, xasprintf("Content-Length: %zu\r\n\r\n", out->len));
	if (out->len && strcmp(x->rq.method, "HEAD") != 0)
		FCGX_PutStr(out->body, (int)out->len, req->out);
}

static void serve_one(FCGX_Request *req)
{
	struct fcgi_call *c = xcalloc(1, sizeof *c);
	struct response out;
	start(req, c);
	exchange_respond(&c->x, &out);
	send_response(req, &c->x, &out);
	response_free(&out);
	exchange_free(&c->x);
	free(c->body);
	free(c);
}

static void *worker(void *arg)
{
	FCGX_Request req;
	FCGX_InitRequest(&req, *(int *)arg, 0);
	while (FCGX_Accept_r(&req) >= 0) {
		serve_one(&req);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 0);
	db_close_thread();
	return NULL;
}

/* Stops the workers: FCGX_Accept_r returns once its accept fails. */
static void stop_workers(int fd, pthread_t *threads, unsigned n)
{
	FCGX_ShutdownPending();
	shutdown(fd, SHUT_RDWR);
	for (unsigned i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	close(fd);
}

int fastcgi_run(void)
{
	/* Each worker answers one request at a time and waits on its fsync and
	 * on sign-in providers: more than the cores keep the disk busy. */
	if (!cfg.threads)
		cfg.threads = 4;
	sigset_t sigs;
	int rc = listen_prepare(&sigs);
	if (rc != 0)
		return rc;
	int fd = listen_open(cfg.listen);
	if (fd < 0)
		return 1;
	db_batch_requests(1);
	if (FCGX_Init() != 0 || listen_enter_sandbox() != 0 || mailer_start() != 0) {
		close(fd);
		return 1;
	}
	pthread_t *threads = xcalloc(cfg.threads, sizeof *threads);
	unsigned started = 0;
	while (started < cfg.threads && pthread_create(&threads[started], NULL, worker, &fd) == 0)
		started++;
	char where[160];
	listen_describe(fd, cfg.listen, where, sizeof where);
	printf("staffroom: listening on fastcgi %s\n", where);
	fflush(stdout);
	int sig;
	if (started == cfg.threads)
		sigwait(&sigs, &sig);
	else
		fprintf(stderr, "staffroom: could not start the worker threads\n");
	stop_workers(fd, threads, started);
	mailer_stop();
	free(threads);
	if (strncmp(cfg.listen, "unix:", 5) == 0)
		unlink(cfg.listen + 5); /* fails quietly when the directory is not ours */
	printf("staffroom: stopped\n");
	return started == cfg.threads ? 0 : 1;
}
