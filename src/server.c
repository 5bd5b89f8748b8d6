#define _GNU_SOURCE
#include "server.h"
#include "config.h"
#include "db.h"
#include "router.h"
#include "sandbox.h"
#include "static_files.h"
#include "util.h"
#include "view.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MAX_PARAMS 200

/* Per-request state: made on the first callback, freed on completion. */
struct call {
	struct request rq;
	struct MHD_PostProcessor *pp;
	size_t form_bytes;
	int status;                  /* an error found while reading the body */
	char message[200];
	const char *field;
};

static const char *CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			 "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

static void call_error(struct call *c, int status, const char *field, const char *msg)
{
	if (c->status)
		return;
	c->status = status;
	c->field = field;
	copy_str(c->message, sizeof c->message, msg);
}

static void call_free(struct call *c)
{
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	for (size_t i = 0; i < c->rq.nparams; i++) {
		free(c->rq.params[i].name);
		free(c->rq.params[i].value);
	}
	free(c->rq.params);
	for (size_t i = 0; i < c->rq.nfiles; i++) {
		free(c->rq.files[i].field);
		free(c->rq.files[i].filename);
		free(c->rq.files[i].data);
	}
	free(c->rq.files);
	free((char *)c->rq.path);
	free(c);
}

/* Body buffers grow with what a client sends: when memory runs out the
 * request is refused (503) rather than the server stopped. */
static int append(struct call *c, char **buf, size_t *len, const char *data, size_t size)
{
	char *grown = try_realloc(*buf, *len + size + 1);
	if (!grown) {
		call_error(c, 503, NULL, "The server is short of memory and nothing was saved. Please try again in a moment.");
		return -1;
	}
	*buf = grown;
	memcpy(*buf + *len, data, size);
	*len += size;
	(*buf)[*len] = 0;
	return 0;
}

static int add_param(struct call *c, const char *key, size_t klen, const char *value, size_t vlen)
{
	if (c->rq.nparams >= MAX_PARAMS) {
		call_error(c, 413, NULL, "The form has too many fields.");
		return -1;
	}
	if ((c->rq.nparams & 15) == 0)
		c->rq.params = xrealloc(c->rq.params, (c->rq.nparams + 16) * sizeof *c->rq.params);
	struct param *p = &c->rq.params[c->rq.nparams++];
	p->name = xstrndup(key, klen);
	p->value = xstrndup(value ? value : "", value ? vlen : 0);
	p->len = value ? vlen : 0;
	return 0;
}

static int on_upload_chunk(struct call *c, const char *key, const char *filename, const char *data,
			   uint64_t off, size_t size)
{
	struct upload *u = c->rq.nfiles ? &c->rq.files[c->rq.nfiles - 1] : NULL;
	/* MHD may announce a part with an empty call before its bytes (also at offset 0). */
	int announced = u && u->len == 0 && strcmp(u->field, key) == 0 && strcmp(u->filename, filename) == 0;
	if ((off == 0 && !announced) || !u) {
		if (c->rq.nfiles >= cfg.upload_files + 1u) {
			char msg[96];
			snprintf(msg, sizeof msg, "Too many files: at most %u can be sent at once.", cfg.upload_files);
			call_error(c, 413, key, msg);
			return -1;
		}
		c->rq.files = xrealloc(c->rq.files, (c->rq.nfiles + 1) * sizeof *c->rq.files);
		u = &c->rq.files[c->rq.nfiles++];
		memset(u, 0, sizeof *u);
		u->field = xstrdup(key);
		u->filename = xstrdup(filename);
	}
	if (u->len + size > cfg.upload_max) {
		char msg[160];
		snprintf(msg, sizeof msg, "The file is too large: each file may be at most %zu MiB.",
			 cfg.upload_max / (1024 * 1024));
		call_error(c, 413, key, msg);
		return -1;
	}
	return append(c, (char **)&u->data, &u->len, data, size);
}

static enum MHD_Result on_post_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
				     const char *content_type, const char *encoding, const char *data,
				     uint64_t off, size_t size)
{
	struct call *c = cls;
	(void)kind, (void)content_type, (void)encoding;
	if (!key)
		return MHD_YES;
	if (filename)
		return on_upload_chunk(c, key, filename, data, off, size) == 0 ? MHD_YES : MHD_NO;
	c->form_bytes += size + strlen(key);
	if (c->form_bytes > cfg.form_max) {
		call_error(c, 413, key, "The form is too large.");
		return MHD_NO;
	}
	struct param *last = c->rq.nparams ? &c->rq.params[c->rq.nparams - 1] : NULL;
	/* MHD may announce a multipart value with an empty call before its bytes (also at offset 0). */
	if (last && strcmp(last->name, key) == 0 && (off > 0 || last->len == 0)) {
		return append(c, &last->value, &last->len, data, size) == 0 ? MHD_YES : MHD_NO;
	}
	return add_param(c, key, strlen(key), data, size) == 0 ? MHD_YES : MHD_NO;
}

static enum MHD_Result on_query_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t klen,
				    const char *value, size_t vlen)
{
	(void)kind;
	return add_param(cls, key, klen, value, vlen) == 0 ? MHD_YES : MHD_NO;
}

static void client_address(struct MHD_Connection *conn, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	copy_str(out, size, "unknown");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out, (socklen_t)size);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out, (socklen_t)size);
}

static int is_type(const char *ctype, const char *want)
{
	return ctype && strncasecmp(ctype, want, strlen(want)) == 0;
}

/* The first call: headers are here, the body is not yet. */
static struct call *call_start(struct MHD_Connection *conn, const char *url, const char *method)
{
	struct call *c = xcalloc(1, sizeof *c);
	struct request *rq = &c->rq;
	rq->method = method;
	rq->path = xstrdup(url);
	rq->is_post = strcmp(method, "POST") == 0;
#define HDR(name) MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name)
	rq->accept = HDR(MHD_HTTP_HEADER_ACCEPT);
	rq->user_agent = HDR(MHD_HTTP_HEADER_USER_AGENT);
	rq->origin = HDR("Origin");
	rq->host = HDR(MHD_HTTP_HEADER_HOST);
	rq->csrf_header = HDR("X-CSRF-Token");
	const char *ctype = HDR(MHD_HTTP_HEADER_CONTENT_TYPE), *clen = HDR(MHD_HTTP_HEADER_CONTENT_LENGTH);
#undef HDR
	rq->cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "sr_session");
	rq->wants_json = rq->accept && strstr(rq->accept, "application/json") != NULL;
	client_address(conn, rq->address, sizeof rq->address);

	if (strcmp(method, "GET") && strcmp(method, "HEAD") && !rq->is_post) {
		call_error(c, 405, NULL, "This server only accepts GET and POST requests.");
		return c;
	}
	if (!rq->is_post) {
		MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, on_query_arg, c);
		return c;
	}
	int multipart = is_type(ctype, "multipart/form-data");
	unsigned long long declared = clen ? strtoull(clen, NULL, 10) : 0;
	size_t limit = multipart ? cfg.form_max + (size_t)cfg.upload_files * (cfg.upload_max + 4096) : cfg.form_max;
	if (declared > limit) {
		call_error(c, 413, NULL, multipart ? "The upload is too large." : "The form is too large.");
		return c;
	}
	if (multipart || is_type(ctype, "application/x-www-form-urlencoded")) {
		c->pp = MHD_create_post_processor(conn, 64 * 1024, on_post_field, c);
		if (!c->pp)
			call_error(c, 400, NULL, "The form could not be read.");
	} else if (declared > 0) {
		call_error(c, 415, NULL, "Send forms as application/x-www-form-urlencoded or multipart/form-data.");
	}
	return c;
}

static void add_headers(struct MHD_Response *resp, const struct request *rq, const struct reply *rp,
			const struct rendered *out)
{
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (out->content_type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, out->content_type);
	int is_static = rp->inline_ok && static_wanted(rq->path) && rp->status == 200;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				is_static ? "public, max-age=86400" : "no-store");
	if (rp->location)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, rp->location);
	if (rp->set_cookie)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, rp->set_cookie);
	if (rp->retry_after > 0) {
		char ra[24];
		snprintf(ra, sizeof ra, "%d", rp->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	}
	if (rp->filename) {
		/* An ASCII fallback plus the exact name, percent-encoded (RFC 6266). */
		size_t n = strlen(rp->filename);
		char *ascii = xmalloc(n + 1), *enc = xmalloc(n * 3 + 1), *e = enc;
		for (size_t i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)rp->filename[i];
			int plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
				    ch == '.' || ch == '-' || ch == '_';
			ascii[i] = plain ? (char)ch : '_';
			e += plain ? sprintf(e, "%c", ch) : sprintf(e, "%%%02X", ch);
		}
		ascii[n] = 0;
		char *cd = xasprintf("%s; filename=\"%s\"; filename*=UTF-8''%s", rp->inline_ok ? "inline" : "attachment",
				     ascii, enc);
		MHD_add_response_header(resp, "Content-Disposition", cd);
		free(cd);
		free(ascii);
		free(enc);
	}
}

/* The handler and the page, with a recovery point for running out of
 * memory (see util.h): the transaction is rolled back and the answer is a
 * 503.  What the handler had allocated is lost rather than freed, since
 * its state at that moment is unknown. */
static void handle(struct call *c, struct reply *rp, struct rendered *out)
{
	struct request *rq = &c->rq;
	static __thread jmp_buf jump;
	static __thread struct reply *volatile current;
	current = rp;
	if (setjmp(jump)) {
		db_rollback();
		memset(current, 0, sizeof *current);
		fprintf(stderr, "staffroom: out of memory serving a request; answered 503\n");
		reply_error(current, 503, NULL, "The server is short of memory and nothing was saved. "
			    "Please try again in a moment.");
		current->retry_after = 5;
		view_render(rq, current, out);
		return;
	}
	oom_recover_at(&jump);
	if (c->status)
		reply_error(rp, c->status, c->field, "%s", c->message);
	else if (!rq->is_post && static_wanted(rq->path))
		static_serve(rq->path, rp);
	else
		router_dispatch(rq, rp);
	if (!rp->status)
		rp->status = 200;
	if (rp->status == 503 && !rp->retry_after)
		rp->retry_after = 2;
	if (rp->status >= 500 && !rp->retry_after && db_failed())
		rp->retry_after = 2;
	view_render(rq, rp, out);
	oom_recover_at(NULL);
	db_rollback(); /* a transaction a handler left open ends here, not in the next request */
}

static enum MHD_Result respond(struct MHD_Connection *conn, struct call *c)
{
	struct request *rq = &c->rq;
	struct reply rp = { 0 };
	struct rendered out;
	handle(c, &rp, &out);
	struct MHD_Response *resp = MHD_create_response_from_buffer(out.len, out.body ? out.body : (void *)"",
								     out.body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	add_headers(resp, rq, &rp, &out);
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)rp.status, resp);
	MHD_destroy_response(resp);
	reply_free(&rp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **state)
{
	(void)cls, (void)version;
	struct call *c = *state;
	if (!c) {
		/* Queue nothing yet: answering on the first call makes
		 * libmicrohttpd close the connection (no keep-alive). */
		*state = call_start(conn, url, method);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!c->status && c->pp && MHD_post_process(c->pp, upload_data, *upload_size) != MHD_YES)
			call_error(c, 400, NULL, "The form could not be read.");
		*upload_size = 0;
		return MHD_YES;
	}
	if (c->pp && !c->status) {
		MHD_destroy_post_processor(c->pp);
		c->pp = NULL;
	}
	/* A browser's empty file input sends a part with no name and no bytes. */
	size_t kept = 0;
	for (size_t i = 0; i < c->rq.nfiles; i++) {
		struct upload *u = &c->rq.files[i];
		if (!u->filename[0] && u->len == 0) {
			free(u->field), free(u->filename), free(u->data);
			continue;
		}
		c->rq.files[kept++] = *u;
	}
	c->rq.nfiles = kept;
	return respond(conn, c);
}

/* Percent-decoding as libmicrohttpd does it, except that a decoded NUL
 * becomes 0x01: a C string cut short at an embedded NUL could otherwise
 * name another file or value ("/static/a.css%00.png").  Fields refuse
 * control characters, so such input still gets a 400. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *uri)
{
	(void)cls, (void)conn;
	size_t n = MHD_http_unescape(uri);
	for (size_t i = 0; i < n; i++)
		if (uri[i] == 0)
			uri[i] = 1;
	return n;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state, enum MHD_RequestTerminationCode t)
{
	(void)cls, (void)conn, (void)t;
	if (*state)
		call_free(*state);
	*state = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss, int *v6)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = 0;
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return -1;
	memset(ss, 0, sizeof *ss);
	size_t hl = strlen(host);
	if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
		host[hl - 1] = 0;
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		*v6 = 1;
		return inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1 ? 0 : -1;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	*v6 = 0;
	return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 0 : -1;
}

int server_run(void)
{
	struct sockaddr_storage ss;
	int v6;
	if (parse_listen(cfg.listen, &ss, &v6) != 0) {
		fprintf(stderr, "staffroom: --listen wants HOST:PORT (e.g. 127.0.0.1:8080), not '%s'\n", cfg.listen);
		return 2;
	}
	if (geteuid() == 0 && !cfg.run_as)
		return sandbox_drop_root(NULL) == 0 ? 0 : 1;
	/* Workers inherit this mask; the main thread waits for the signals. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, cfg.threads,
		MHD_OPTION_CONNECTION_LIMIT, cfg.max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg.max_per_address,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg.connection_memory,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg.connection_timeout,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "staffroom: cannot listen on %s\n", cfg.listen);
		return 1;
	}
	/* Bound: now give up root and every system call not needed to serve. */
	if (sandbox_drop_root(cfg.run_as) != 0 || (cfg.seccomp && sandbox_seccomp() != 0)) {
		MHD_stop_daemon(d);
		return 1;
	}
	if (cfg.seccomp_selftest) {
		fprintf(stderr, "staffroom: seccomp self-test: calling execve, which the filter forbids\n");
		execl("/bin/true", "true", (char *)NULL);
		fprintf(stderr, "staffroom: the seccomp filter did not stop execve\n");
		MHD_stop_daemon(d);
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[128];
	copy_str(host, sizeof host, cfg.listen);
	*strrchr(host, ':') = 0;
	printf("staffroom: listening on http://%s:%u/\n", host, info ? info->port : 0);
	fflush(stdout);
	int sig;
	sigwait(&sigs, &sig);
	MHD_stop_daemon(d);
	db_close_thread();
	printf("staffroom: stopped\n");
	return 0;
}
