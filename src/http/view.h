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

void view_render(struct request *rq, struct reply *rp, struct rendered *out);
json_t *view_nav(const struct request *rq);

#endif
