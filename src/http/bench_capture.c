#define _GNU_SOURCE
#include "http/bench_capture.h"
#include "db/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

int bench_capture;
static const char *capture_path;
static pthread_mutex_t capture_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread json_t *tl_html;

__attribute__((constructor)) static void capture_configure(void)
{
	capture_path = getenv("STAFFROOM_BENCH_CAPTURE");
	bench_capture = capture_path && *capture_path;
}

void capture_begin(void)
{
	db_trace_begin();
	json_decref(tl_html);
	tl_html = NULL;
}

void capture_html(const char *template_name, const json_t *page, const json_t *layout)
{
	json_decref(tl_html);
	tl_html = json_pack("{s:s, s:O, s:O}", "template", template_name, "page", page,
			    "layout", layout);
}

void capture_end(const struct request *rq, const struct reply *rp, const struct rendered *r)
{
	json_t *sql = db_trace_take(), *html = tl_html;
	tl_html = NULL;
	if (rq->is_post || rp->status != 200 || !r->body) {
		json_decref(sql);
		json_decref(html);
		return;
	}
	json_t *line = json_pack("{s:s, s:b, s:o, s:s%}", "path", rq->path, "json",
				 rq->wants_json, "sql", sql, "body", r->body, r->len);
	if (html)
		json_object_update(line, html);
	json_decref(html);
	char *text = json_dumps(line, JSON_COMPACT);
	json_decref(line);
	pthread_mutex_lock(&capture_lock);
	FILE *f = fopen(capture_path, "a");
	if (f && text) {
		fputs(text, f);
		fputc('\n', f);
	}
	if (f)
		fclose(f);
	pthread_mutex_unlock(&capture_lock);
	free(text);
}
