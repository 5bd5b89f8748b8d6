/* Concerns about adults beyond one case (KCSIE part four): the pattern of
 * concerns about one person (concern_pattern.c) and the advice line for
 * whistleblowers (concern_whistle.c).  Private to the folder. */
#ifndef STAFFROOM_CONCERN_PATTERN_H
#define STAFFROOM_CONCERN_PATTERN_H

#include "core/request.h"
#include "http/router.h"

#include <jansson.h>
#include <stdint.h>

/* Concerns about one person that this many or more, within the school's
 * pattern_window_days, make a pattern to look at. */
#define PATTERN_THRESHOLD 3

/* GET /concerns/about/{id}: every concern about one adult the viewer may open. */
handler_fn concern_pattern_page;
/* Inside the filing transaction: warns the headteacher (the chair when the
 * person is the headteacher) when this concern is the third about the
 * same person within the window.  Never the person themselves. */
void concern_pattern_warn(int64_t concern_id, const char *ref, int64_t about_id);
/* On the case's model c: "about_link" for those who may see the pattern,
 * and "pattern" {count, window_days, link} when the case arrived as the
 * third or later within the window. */
void concern_pattern_add(json_t *c, int64_t concern_id, const struct request *rq);

/* The NSPCC Whistleblowing Advice Line, in words, for a whistleblowing
 * concern; NULL for any other category. */
const char *concern_whistle_advice(const char *category);
/* Adds "advice" (the line above) to the categories that have one. */
void concern_whistle_categories(json_t *categories);
/* Adds "advice" to a case's model c when its category has one. */
void concern_whistle_add(json_t *c);

#endif
