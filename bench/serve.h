/* The ceilings' server (baseline.c, ceiling.cc): libmicrohttpd with the
 * options src/http/server.c starts with (an epoll thread pool of THREADS,
 * the same connection limits), on 127.0.0.1 only, serving until SIGINT or
 * SIGTERM.  PORT 0 takes any free port, so that nothing else can hold the
 * one chosen.  Prints "listening on http://127.0.0.1:PORT/" once it is.  0,
 * or 1. */
#ifndef BENCH_SERVE_H
#define BENCH_SERVE_H

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static inline int bench_serve(unsigned port, unsigned threads, MHD_AccessHandlerCallback answer)
{
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	struct sockaddr_in loopback;
	memset(&loopback, 0, sizeof loopback);
	loopback.sin_family = AF_INET;
	loopback.sin_port = htons((uint16_t)port);
	loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, answer,
		NULL, MHD_OPTION_SOCK_ADDR, &loopback, MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, 512u, MHD_OPTION_PER_IP_CONNECTION_LIMIT, 512u,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024, MHD_OPTION_CONNECTION_TIMEOUT,
		30u, MHD_OPTION_END);
	if (!d)
		return 1;
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on http://127.0.0.1:%u/\n", info ? info->port : port);
	fflush(stdout);
	int sig;
	sigwait(&sigs, &sig);
	MHD_stop_daemon(d);
	return 0;
}

#endif
