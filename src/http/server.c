/* The embedded HTTP(S) front end: libmicrohttpd reads the request and its
 * form (MHD's post processor) and sends the response; exchange.c does the
 * rest, as it does for FastCGI. */
#define _GNU_SOURCE
#include "http/server.h"
#include "http/arrival.h"
#include "lib/client_address.h"
#include "lib/config.h"
#include "db/db.h"
#include "http/exchange.h"
#include "http/framing.h"
#include "http/held.h"
#include "http/listen.h"
#include "http/waits_out.h"
#include "lib/inet_listen.h"
#include "core/mailer.h"
#include "core/oidc.h"
#include "http/sandbox.h"
#include "lib/readfile.h"
#include "lib/util.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Per-request state: made on the first callback, freed on completion. */
struct call {
	struct exchange x;
	struct MHD_PostProcessor *pp;
	struct response out;    /* the answer, while held for its fsync (held.c) or made
				 * on a thread for requests that wait (waits_out.c) */
	int held, unsaved, waited;
	int close; /* answer, then close the connection: its framing is not to be trusted */
};

static void call_free(struct call *c)
{
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	response_free(&c->out); /* empty once sent */
	exchange_free(&c->x);
	free(c);
}

/* MHD may announce a part with an empty call before its bytes (also at
 * offset 0): that call and the bytes that follow are one part. */
static int same_part(const char *name, size_t len, const char *key, const char *filename,
		     const char *last_filename)
{
	return len == 0 && strcmp(name, key) == 0 &&
	       (!filename || strcmp(filename, last_filename) == 0);
}

static enum MHD_Result on_post_field(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *filename, const char *content_type,
				     const char *encoding, const char *data, uint64_t off,
				     size_t size)
{
	struct call *c = cls;
	struct request *rq = &c->x.rq;
	(void)kind, (void)content_type, (void)encoding;
	if (!key)
		return MHD_YES;
	int rc;
	if (filename) {
		struct upload *u = rq->nfiles ? &rq->files[rq->nfiles - 1] : NULL;
		int cont =
			u && (off > 0 || same_part(u->field, u->len, key, filename, u->filename));
		rc = cont ? 0 : exchange_file(&c->x, key, filename);
		if (rc == 0)
			rc = exchange_file_more(&c->x, data, size);
	} else {
		struct param *p = rq->nparams ? &rq->params[rq->nparams - 1] : NULL;
		int cont = p && strcmp(p->name, key) == 0 && (off > 0 || p->len == 0);
		rc = cont ? exchange_param_more(&c->x, data, size)
			  : exchange_param(&c->x, key, strlen(key), data, size);
	}
	return rc == 0 ? MHD_YES : MHD_NO;
}

static enum MHD_Result on_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				    size_t klen, const char *value, size_t vlen)
{
	(void)kind;
	return exchange_param(cls, key, klen, value, vlen) == 0 ? MHD_YES : MHD_NO;
}

static void client_address(struct MHD_Connection *conn, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
			  (socklen_t)size);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out,
			  (socklen_t)size);
}

/* The post processor's buffer, zeroed for every form: a longer value comes
 * to on_post_field in pieces (off > 0), so it need not hold a whole field.
 * 64 KiB took some 74,000 instructions per form just to clear. */
#define POST_BUFFER (4 * 1024)

/* The first call: headers are here, the body is not yet. */
static struct call *call_start(struct MHD_Connection *conn, const char *url, const char *method)
{
	struct call *c = xcalloc(1, sizeof *c);
	exchange_start(&c->x, method, url);
	struct request *rq = &c->x.rq;
	const char *why = framing_problem(conn, method);
	if (why) {
		c->x.status = 0; /* before any other answer, such as a 405 */
		exchange_fail(&c->x, 400, NULL, why);
		c->close = 1;
	}
	c->x.rq.https = cfg.tls_cert != NULL;
#define HDR(name) MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name)
	rq->accept = HDR(MHD_HTTP_HEADER_ACCEPT);
	rq->user_agent = HDR(MHD_HTTP_HEADER_USER_AGENT);
	rq->origin = HDR("Origin");
	rq->host = HDR(MHD_HTTP_HEADER_HOST);
	rq->csrf_header = HDR("X-CSRF-Token");
	const char *ctype = HDR(MHD_HTTP_HEADER_CONTENT_TYPE),
		   *clen = HDR(MHD_HTTP_HEADER_CONTENT_LENGTH);
	char peer[64] = "";
	client_address(conn, peer, sizeof peer);
	client_address_choose(peer[0] ? peer : NULL, HDR("X-Real-IP"), HDR("X-Forwarded-For"),
			      rq->address, sizeof rq->address);
#undef HDR
	rq->cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND,
						 exchange_session_cookie(&c->x));
	rq->sso_cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "sr_sso");
	enum body_kind body = exchange_body_kind(&c->x, ctype, clen);
	if (c->x.status || c->close)
		return c;
	if (!rq->is_post)
		MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, on_query_arg, &c->x);
	else if (body != BODY_NONE &&
		 !(c->pp = MHD_create_post_processor(conn, POST_BUFFER, on_post_field, c)))
		exchange_fail(&c->x, 400, NULL, EXCHANGE_UNREADABLE);
	return c;
}

static enum MHD_Result queue(struct MHD_Connection *conn, struct response *out, int close)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		out->len, out->body ? out->body : (void *)"",
		out->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	out->body = NULL; /* MHD frees it */
	for (int i = 0; i < out->nheaders; i++)
		MHD_add_response_header(resp, out->headers[i].name, out->headers[i].value);
	if (close)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)out->status, resp);
	MHD_destroy_response(resp);
	response_free(out);
	return ret;
}

/* On a thread for requests that wait on another server: it commits and
 * waits for its own fsync, as a FastCGI worker does. */
static void answer_waiting(void *arg)
{
	struct call *c = arg;
	exchange_respond(&c->x, &c->out);
}

/* A write is answered only once it is on disk.  Rather than wait for the
 * fsync here, the connection is held (held.c) and this thread serves
 * others; libmicrohttpd calls again once it is resumed.  A request that may
 * wait on another server is answered on a thread of its own (waits_out.c),
 * likewise. */
static enum MHD_Result respond(struct MHD_Connection *conn, struct call *c)
{
	if (!c->waited && !c->held && exchange_waits_out(&c->x)) {
		c->waited = 1;
		if (waits_out_add(conn, answer_waiting, c) == 0)
			return MHD_YES;
		answer_waiting(c);
	}
	if (c->waited)
		return queue(conn, &c->out, c->close);
	if (!c->held) {
		db_defer_sync(1);
		exchange_respond(&c->x, &c->out);
		db_defer_sync(0);
		struct db_wait w = db_take_wait();
		int synced = db_wait_done(&w);
		if (synced == 0) {
			c->held = 1;
			if (held_add(conn, &w, &c->unsaved) == 0)
				return MHD_YES;
			synced = db_wait_through(&w) == 0 ? 1 : -1;
		}
		c->unsaved = synced < 0;
	}
	c->held = 0;
	if (c->unsaved) {
		response_free(&c->out);
		exchange_respond_unsaved(&c->x, &c->out);
	}
	return queue(conn, &c->out, c->close);
}

/* The post processor says whether the body ended where a form may end
 * (not inside a part or a '%' sequence) only as it is destroyed. */
static void body_end(struct call *c)
{
	int whole = MHD_destroy_post_processor(c->pp) == MHD_YES;
	c->pp = NULL;
	if (exchange_body_end(&c->x) == 0 && !whole)
		exchange_fail(&c->x, 400, NULL, EXCHANGE_UNREADABLE);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_size, void **state)
{
	(void)cls, (void)version;
	struct call *c = *state;
	if (!c) {
		/* Queue nothing yet: answering on the first call makes
		 * libmicrohttpd close the connection (no keep-alive). */
		*state = c = call_start(conn, url, method);
		arrival_headers_in(conn);
		/* Answered before the body is read: whatever follows is never
		 * taken for a request. */
		return c->close ? respond(conn, c) : MHD_YES;
	}
	if (*upload_size) {
		arrival_body_bytes(conn, *upload_size);
		if (!c->x.status && c->pp &&
		    (exchange_body(&c->x, upload_data, *upload_size) != 0 ||
		     MHD_post_process(c->pp, upload_data, *upload_size) != MHD_YES))
			exchange_fail(&c->x, 400, NULL, EXCHANGE_UNREADABLE);
		*upload_size = 0;
		return MHD_YES;
	}
	arrival_request_in(conn);
	if (c->pp && !c->x.status)
		body_end(c);
	return respond(conn, c);
}

static size_t unescape(void *cls, struct MHD_Connection *conn, char *uri)
{
	(void)cls, (void)conn;
	return exchange_unescape_path(uri);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
			 enum MHD_RequestTerminationCode t)
{
	(void)cls, (void)t;
	arrival_answered(conn);
	if (*state)
		call_free(*state);
	*state = NULL;
}

/* TLS 1.2 and 1.3 only: older versions are refused at the handshake. */
static const char *TLS_PRIORITIES = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";

/* The certificate and key are read while still root (the key is usually
 * readable by root alone); libmicrohttpd keeps its own copies. */
static int read_tls_files(char **cert, char **key)
{
	size_t len;
	*cert = read_whole_file(cfg.tls_cert, &len, 1 << 20);
	*key = *cert ? read_whole_file(cfg.tls_key, &len, 1 << 20) : NULL;
	if (!*cert || !*key) {
		fprintf(stderr, "staffroom: cannot read %s\n", *cert ? cfg.tls_key : cfg.tls_cert);
		free(*cert);
		return -1;
	}
	if (!MHD_is_feature_supported(MHD_FEATURE_TLS)) {
		fprintf(stderr, "staffroom: this libmicrohttpd was built without TLS\n");
		free(*cert), free(*key);
		return -1;
	}
	return 0;
}

static struct MHD_Daemon *start_daemon(const struct sockaddr_storage *ss, int v6)
{
	char *cert = NULL, *key = NULL;
	if (cfg.tls_cert && read_tls_files(&cert, &key) != 0)
		return NULL;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
			 MHD_ALLOW_SUSPEND_RESUME | (v6 ? MHD_USE_IPv6 : 0) |
			 (cert ? MHD_USE_TLS : 0);
	/* No SO_REUSEPORT: a second server started on the same port by mistake
	 * must fail, not quietly take half the requests to another database.
	 * The TLS options come last: with no certificate they end the list early. */
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, arrival_accept, NULL, on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
		MHD_OPTION_THREAD_POOL_SIZE, cfg.threads,
		MHD_OPTION_CONNECTION_LIMIT, cfg.max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg.max_per_address,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg.connection_memory,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg.connection_timeout,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, arrival_notify, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
		MHD_OPTION_HTTPS_MEM_KEY, key,
		MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITIES,
		MHD_OPTION_END);
	if (key)
		sodium_memzero(key, strlen(key));
	free(cert), free(key);
	if (!d)
		fprintf(stderr, "staffroom: cannot listen on %s%s\n", cfg.listen,
			cfg.tls_cert ? " (or the certificate and key do not match)" : "");
	return d;
}

/* Every connection is a descriptor, and so are each thread's database
 * files: a shell's usual soft limit (1024) would refuse connections before
 * max_connections is reached, so it is raised as far as the hard limit
 * allows, and a limit too low for the settings is said at start-up. */
static void raise_fd_limit(void)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)cfg.max_connections + 64 + 8 * (rlim_t)cfg.threads;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < want)
		fprintf(stderr,
			"staffroom: only %llu open files are allowed (ulimit -n); max_connections "
			"%u needs about %llu\n",
			(unsigned long long)rl.rlim_cur, cfg.max_connections,
			(unsigned long long)want);
}

/* libmicrohttpd's threads never wait (a write's fsync is waited for by
 * held.c, a sign-in provider by waits_out.c), so more of them than the
 * cores only take turns: by default one a core (those this process may run
 * on), and two at least, so that a long page never holds every connection. */
static unsigned default_threads(void)
{
	cpu_set_t cpus;
	int n = sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : 2;
	return n < 2 ? 2 : n > 64 ? 64 : (unsigned)n;
}

int server_run(void)
{
	struct sockaddr_storage ss;
	int v6;
	if (inet_listen_parse(cfg.listen, &ss, &v6) != 0) {
		fprintf(stderr,
			"staffroom: listen wants an IP address and a port (e.g. 127.0.0.1:8080), "
			"not '%s'\n",
			cfg.listen);
		return 2;
	}
	listen_secure_cookies(&ss, v6, cfg.listen);
	if (!cfg.threads)
		cfg.threads = default_threads();
	sigset_t sigs;
	int rc = listen_prepare(&sigs);
	if (rc != 0)
		return rc;
	raise_fd_limit();
	struct MHD_Daemon *d = start_daemon(&ss, v6);
	if (!d)
		return 1;
	/* Bound: now give up root and every system call not needed to serve. */
	db_batch_requests(1);
	oidc_fetch_limit(WAITS_OUT_THREADS);
	if (listen_enter_sandbox() != 0 || mailer_start() != 0 || held_start() != 0 ||
	    waits_out_start() != 0 || arrival_start() != 0) {
		waits_out_stop();
		mailer_stop();
		MHD_stop_daemon(d);
		arrival_stop();
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[128];
	copy_str(host, sizeof host, cfg.listen);
	*strrchr(host, ':') = 0;
	printf("staffroom: listening on %s://%s:%u/\n", cfg.tls_cert ? "https" : "http", host,
	       info ? info->port : 0);
	fflush(stdout);
	int sig;
	sigwait(&sigs, &sig);
	waits_out_stop();
	held_stop();
	MHD_stop_daemon(d);
	arrival_stop();
	mailer_stop();
	db_close_thread();
	printf("staffroom: stopped\n");
	return 0;
}
