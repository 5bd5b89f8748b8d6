/* The HTTP ceiling: libmicrohttpd with the options src/http/server.c uses (an
 * epoll thread pool of the same size, the same connection limits), answering
 * every request with a fixed body of a given size and no other work.
 *   baseline PORT BYTES [THREADS]
 * Prints "listening on http://127.0.0.1:PORT/" and serves until SIGTERM. */
#define _GNU_SOURCE
#include "serve.h"
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct MHD_Response *fixed;

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
			      const char *version, const char *data, size_t *size, void **state)
{
	(void)cls, (void)url, (void)method, (void)version, (void)data;
	/* Like the real server: nothing is queued on the first call, so keep-alive works. */
	if (!*state) {
		*state = (void *)1;
		return MHD_YES;
	}
	if (*size) {
		*size = 0;
		return MHD_YES;
	}
	return MHD_queue_response(conn, MHD_HTTP_OK, fixed);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: baseline PORT BYTES [THREADS]\n", stderr);
		return 2;
	}
	unsigned port = (unsigned)atoi(argv[1]), threads = argc > 3 ? (unsigned)atoi(argv[3]) : 4;
	size_t bytes = (size_t)atol(argv[2]);
	char *body = malloc(bytes + 1);
	if (!body)
		return 1;
	memset(body, 'x', bytes);
	fixed = MHD_create_response_from_buffer(bytes, body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(fixed, MHD_HTTP_HEADER_CONTENT_TYPE, "text/html; charset=utf-8");
	int rc = bench_serve(port, threads, answer);
	MHD_destroy_response(fixed);
	return rc;
}
