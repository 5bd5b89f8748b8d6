#include "lib/worker_thread.h"

int worker_thread_start(struct worker_thread *w, void *(*fn)(void *))
{
	if (w->running)
		return 0;
	if (w->stopping || pthread_create(&w->thread, NULL, fn, NULL) != 0)
		return -1;
	w->running = 1;
	return 0;
}

void worker_thread_stop(struct worker_thread *w)
{
	pthread_mutex_lock(w->mu);
	int was = w->running;
	w->stopping = 1;
	pthread_cond_broadcast(w->cv);
	pthread_mutex_unlock(w->mu);
	if (was)
		pthread_join(w->thread, NULL);
	pthread_mutex_lock(w->mu);
	w->running = w->stopping = 0;
	pthread_mutex_unlock(w->mu);
}
