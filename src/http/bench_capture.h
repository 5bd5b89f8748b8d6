/* The benchmark's capture (STAFFROOM_BENCH_CAPTURE=FILE, never set in
 * service): for each GET answered 200, one JSON line in FILE with the read
 * statements it ran, the template and the two models it rendered (HTML) or
 * the body (JSON).  bench/ceiling.cc replays them.  Off, it costs a test of
 * one int per request. */
#ifndef STAFFROOM_BENCH_CAPTURE_H
#define STAFFROOM_BENCH_CAPTURE_H

#include "http/view.h"

extern int bench_capture;

void capture_begin(void);
void capture_html(const char *template_name, const json_t *page, const json_t *layout);
void capture_end(const struct request *rq, const struct reply *rp, const struct rendered *r);

#endif
