/* Policy Markdown: cmark in safe mode must never pass raw HTML or a
 * script link through, whatever the text. */
#define _GNU_SOURCE
#include "html_check.h"
#include "lib/markdown.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	char *html = markdown_to_html((const char *)data, size);
	assert(html);
	assert(html_only(html, MARKDOWN_TAGS, MARKDOWN_ATTRS));
	free(html);
	return 0;
}
