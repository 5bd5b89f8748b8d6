/* The JSON -> template bridge: any JSON model, rendered through a small
 * template set that uses every mapping (variables, sections, not_, has_,
 * _count, flattened objects, arrays of scalars and objects, x-markdown,
 * pre_escape in text and in a textarea),
 * comes out with every value escaped: no markup the templates do not hold. */
#define _GNU_SOURCE
#include "html_check.h"
#include "http/template.h"

#include <assert.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (template_init(TEMPLATE_DIR) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		return 0;
	json_t *model = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (!model)
		return 0;
	json_t *page = json_is_object(model) ? json_incref(model) : json_pack("{s:O}", "items", model);
	json_t *layout = json_pack("{s:s, s:O}", "csrf", "c<s>rf", "title", json_object_get(page, "title") ?
				   json_object_get(page, "title") : json_null());
	size_t len = 0;
	char *out = template_render("page", page, layout, &len);
	assert(out);
	assert(strlen(out) == len);
	assert(html_only(out, MARKDOWN_TAGS " title form input div span textarea", MARKDOWN_ATTRS " type name value"));
	free(out);
	json_decref(layout);
	json_decref(page);
	json_decref(model);
	return 0;
}
