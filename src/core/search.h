/* Searches for people kept out of URLs (ASVS 5.0 14.2.1): a search form is
 * sent by POST, its terms are kept as the searcher's (table searches), and
 * the result page is PAGE?search=ID.  Proxies and browser history see only
 * the number, the page can still be bookmarked, and only the person who
 * searched can open it. */
#ifndef STAFFROOM_SEARCH_H
#define STAFFROOM_SEARCH_H

#include "core/request.h"

#include <jansson.h>

/* How long a kept search (and so a bookmark of its page) lasts. */
#define SEARCH_KEPT_DAYS 30

/* Answers a search form's POST for page ("staff", "training", "audit"):
 * keeps the given values of fields (a NULL-terminated list) and sends the
 * browser to base?search=ID (JSON: 200 {"search", "location"}); with no
 * value given, to base itself ({"search": null, "location"}). */
void search_answer(struct request *rq, struct reply *rp, const char *page, const char *base,
		   const char *const fields[]);
/* The search named by the query's search=ID on page: an object of its
 * terms ({} when none is named); NULL, with a 404 in rp, when it is not
 * the person's or has been forgotten. */
json_t *search_load(const struct request *rq, struct reply *rp, const char *page);

#endif
