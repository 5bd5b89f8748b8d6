/* The two views of a model: JSON for Accept: application/json, otherwise
 * HTML from the page's template inside the layout. */
#ifndef STAFFROOM_VIEW_H
#define STAFFROOM_VIEW_H

#include "core/request.h"

struct rendered {
	char *body;
	size_t len;
	const char *content_type;
};

/* What the layout shows that is read from the database, read before
 * rendering (exchange.c) so that rendering reads and writes nothing. */
struct layout_data {
	char *school_name;      /* NULL: "staffroom" */
	char *flash;            /* the one-shot message, taken from the session */
};

/* 1 when the answer is a page inside the layout (not JSON, a redirect or a raw body). */
int view_wants_layout(const struct request *rq, const struct reply *rp);
void view_render(struct request *rq, struct reply *rp, const struct layout_data *ld,
		 struct rendered *out);

#endif
