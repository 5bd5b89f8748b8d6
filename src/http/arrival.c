/* Requests still arriving (see arrival.h).  One list, oldest first, of the
 * connections whose request is not yet all in, under one lock; the reaper
 * thread and the callbacks close a connection by shutting its socket down,
 * which libmicrohttpd then sees as the client going away.  The entry lives
 * until libmicrohttpd's "closed" notification, which comes before it closes
 * the socket: so a shutdown under the lock never hits a reused descriptor. */
#define _GNU_SOURCE
#include "http/arrival.h"
#include "lib/config.h"
#include "lib/util.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

enum phase { HEADERS, BODY, WORKING, CLOSING };

struct address {
	int family;
	unsigned char bytes[16];
};

struct arrival {
	struct arrival *prev, *next;   /* in the arriving list while HEADERS or BODY */
	struct address addr;
	int fd;
	enum phase phase;
	int64_t since_ms;              /* accepted, answered, or headers in (BODY) */
	uint64_t body_bytes;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static struct arrival *head, *tail;
static unsigned arriving;
static pthread_t reaper;
static int running, stopping;

static int64_t monotonic_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void address_of(const struct sockaddr *sa, struct address *out)
{
	memset(out, 0, sizeof *out);
	out->family = sa ? sa->sa_family : 0;
	if (out->family == AF_INET)
		memcpy(out->bytes, &((const struct sockaddr_in *)sa)->sin_addr, 4);
	else if (out->family == AF_INET6)
		memcpy(out->bytes, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
}

static int same_address(const struct address *a, const struct address *b)
{
	return a->family == b->family && memcmp(a->bytes, b->bytes, sizeof a->bytes) == 0;
}

/* List operations, mu held.  Entries are appended as they start arriving,
 * so the list stays in order of since_ms. */
static void link_tail(struct arrival *a)
{
	a->prev = tail, a->next = NULL;
	if (tail)
		tail->next = a;
	else
		head = a;
	tail = a;
	arriving++;
}

static void unlink_entry(struct arrival *a)
{
	if (a->phase != HEADERS && a->phase != BODY)
		return;
	if (a->prev)
		a->prev->next = a->next;
	else
		head = a->next;
	if (a->next)
		a->next->prev = a->prev;
	else
		tail = a->prev;
	a->prev = a->next = NULL;
	arriving--;
}

/* libmicrohttpd sees end-of-file and closes the connection itself. */
static void close_entry(struct arrival *a)
{
	unlink_entry(a);
	a->phase = CLOSING;
	shutdown(a->fd, SHUT_RDWR);
}

static void start_arriving(struct arrival *a, enum phase phase)
{
	unlink_entry(a);
	a->phase = phase;
	a->since_ms = monotonic_ms();
	link_tail(a);
}

static unsigned global_cap(void)
{
	return cfg.max_connections / 2 > 0 ? cfg.max_connections / 2 : 1;
}

/* A connection younger than this is a browser's burst of connections (a
 * page and its images at once), not a slow client: it is never closed to
 * make room for another from its address. */
#define BURST_MS 1000

/* A connection that may be closed to make room for a new one: waiting for
 * headers (an idle keep-alive connection, or a slowloris) or sending its
 * body slower than body_min_rate, and not part of a burst.  An upload
 * coming at the rate is never closed for another. */
static int evictable(const struct arrival *a, int64_t now)
{
	int64_t age = now - a->since_ms;
	if (age < BURST_MS)
		return 0;
	return a->phase == HEADERS ||
	       (int64_t)a->body_bytes * 1000 < (int64_t)cfg.body_min_rate * age;
}

/* The oldest connection to close for a new one from ADDR (NULL: any
 * address), or NULL; *n counts ADDR's arriving connections. */
static struct arrival *oldest_evictable(const struct address *addr, int64_t now, unsigned *n)
{
	struct arrival *found = NULL;
	*n = 0;
	for (struct arrival *a = head; a; a = a->next) {
		if (addr && !same_address(&a->addr, addr))
			continue;
		(*n)++;
		if (!found && evictable(a, now))
			found = a;
	}
	return found;
}

/* When none is slow (all younger than a second, as when an attacker's are
 * closed and reopened at once): the oldest connection of an address that
 * holds more than one, so that a client making one connection at a time is
 * not the one closed; else the oldest.  A few candidates are looked at,
 * not all: this runs for every new connection. */
static struct arrival *oldest_of_many(void)
{
	int looked = 0;
	for (struct arrival *a = head; a && looked < 32; a = a->next, looked++)
		for (struct arrival *b = a->next; b; b = b->next)
			if (same_address(&a->addr, &b->addr))
				return a;
	return head;
}

/* A new connection: room is made for it among those still arriving. */
enum MHD_Result arrival_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
	(void)cls, (void)len;
	struct address addr;
	address_of(sa, &addr);
	int64_t now = monotonic_ms();
	unsigned n;
	pthread_mutex_lock(&mu);
	struct arrival *old = oldest_evictable(&addr, now, &n);
	if (n >= cfg.max_arriving_per_address && old)
		close_entry(old);
	/* The pool's half for arriving requests is a hard bound: the oldest
	 * slow one goes first. */
	while (arriving >= global_cap() && head) {
		old = oldest_evictable(NULL, now, &n);
		close_entry(old ? old : oldest_of_many());
	}
	pthread_mutex_unlock(&mu);
	return MHD_YES;
}

static struct arrival *opened(struct MHD_Connection *conn)
{
	struct arrival *a = xcalloc(1, sizeof *a);
	const union MHD_ConnectionInfo *fd =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	const union MHD_ConnectionInfo *ca =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	a->fd = fd ? fd->connect_fd : -1;
	address_of(ca ? ca->client_addr : NULL, &a->addr);
	a->phase = WORKING; /* not yet listed */
	pthread_mutex_lock(&mu);
	start_arriving(a, HEADERS);
	pthread_mutex_unlock(&mu);
	return a;
}

void arrival_notify(void *cls, struct MHD_Connection *conn, void **ctx,
		    enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*ctx = opened(conn);
		return;
	}
	struct arrival *a = *ctx;
	if (!a)
		return;
	pthread_mutex_lock(&mu);
	unlink_entry(a);
	pthread_mutex_unlock(&mu);
	free(a);
	*ctx = NULL;
}

static struct arrival *entry(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* The step from one phase to the next, unless the connection is closing. */
static void move(struct MHD_Connection *conn, enum phase from, enum phase to)
{
	struct arrival *a = entry(conn);
	if (!a)
		return;
	pthread_mutex_lock(&mu);
	if (a->phase == from) {
		if (to == WORKING) {
			unlink_entry(a);
			a->phase = WORKING;
		} else {
			start_arriving(a, to);
		}
		a->body_bytes = 0;
	}
	pthread_mutex_unlock(&mu);
}

void arrival_headers_in(struct MHD_Connection *conn)
{
	move(conn, HEADERS, BODY);
}

void arrival_body_bytes(struct MHD_Connection *conn, size_t n)
{
	struct arrival *a = entry(conn);
	if (!a)
		return;
	pthread_mutex_lock(&mu);
	a->body_bytes += n;
	pthread_mutex_unlock(&mu);
}

void arrival_request_in(struct MHD_Connection *conn)
{
	move(conn, BODY, WORKING);
}

void arrival_answered(struct MHD_Connection *conn)
{
	move(conn, WORKING, HEADERS);
}

/* Past its time: headers not in within header_timeout, or a body behind
 * body_min_rate once its grace (header_timeout) is over. */
static int overdue(const struct arrival *a, int64_t now)
{
	int64_t grace = (int64_t)cfg.header_timeout * 1000, waited = now - a->since_ms;
	if (a->phase == HEADERS)
		return waited > grace;
	return waited > grace &&
	       (int64_t)a->body_bytes * 1000 < (int64_t)cfg.body_min_rate * (waited - grace);
}

static void *reap(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	while (!stopping) {
		int64_t now = monotonic_ms();
		for (struct arrival *a = head, *next; a; a = next) {
			next = a->next;
			if (overdue(a, now))
				close_entry(a);
		}
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += 250 * 1000000L; /* a quarter of a second is fine enough */
		if (until.tv_nsec >= 1000000000L)
			until.tv_sec++, until.tv_nsec -= 1000000000L;
		pthread_cond_timedwait(&cv, &mu, &until);
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

int arrival_start(void)
{
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&cv, &attr);
	pthread_condattr_destroy(&attr);
	stopping = 0;
	running = pthread_create(&reaper, NULL, reap, NULL) == 0;
	return running ? 0 : -1;
}

void arrival_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&mu);
	stopping = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	pthread_join(reaper, NULL);
	running = 0;
}
