/* Policy text is Markdown; raw HTML in it is never passed through. */
#ifndef STAFFROOM_MARKDOWN_H
#define STAFFROOM_MARKDOWN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

char *markdown_to_html(const char *text, size_t len); /* malloc'd */

#ifdef __cplusplus
}
#endif

#endif
