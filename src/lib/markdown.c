#define _GNU_SOURCE
#include "lib/markdown.h"

#include <cmark.h>
#include <stdlib.h>

/* CMARK_OPT_DEFAULT is cmark's safe mode: raw HTML is replaced by a comment
 * and javascript:, vbscript:, file: and data: links are dropped. */
#define OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART)

/* Calls fn on every heading of the tree, in document order. */
static void each_heading(cmark_node *doc, void (*fn)(cmark_node *, int *), int *state)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING)
			fn(n, state);
	}
	cmark_iter_free(it);
}

static void note_top(cmark_node *heading, int *top)
{
	int level = cmark_node_get_heading_level(heading);
	if (level < *top)
		*top = level;
}

static void one_down(cmark_node *heading, int *unused)
{
	(void)unused;
	int level = cmark_node_get_heading_level(heading);
	if (level < 6)
		cmark_node_set_heading_level(heading, level + 1);
}

/* The page's title is its one h1, so the text's headings go under it: a
 * text pasted with level-1 headings ("# Scope", or a line underlined with
 * "=") has every heading moved one level down (h6 stays h6).  A text whose
 * headings start at "##" already sits under the title and is left as it is,
 * so its levels stay in order with no gap. */
char *markdown_to_html(const char *text, size_t len)
{
	cmark_node *doc = cmark_parse_document(text, len, OPTIONS);
	if (!doc)
		return NULL;
	int top = 7;
	each_heading(doc, note_top, &top);
	if (top == 1)
		each_heading(doc, one_down, NULL);
	char *html = cmark_render_html(doc, OPTIONS);
	cmark_node_free(doc);
	return html;
}
