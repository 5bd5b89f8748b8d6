#define _GNU_SOURCE
#include "lib/markdown.h"

#include <cmark.h>
#include <stdlib.h>

/* CMARK_OPT_DEFAULT is cmark's safe mode: raw HTML is replaced by a comment
 * and javascript:, vbscript:, file: and data: links are dropped. */
char *markdown_to_html(const char *text, size_t len)
{
	return cmark_markdown_to_html(
		text, len, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART);
}
