/* Whistleblowing about the school's safeguarding practice.  KCSIE part one
 * ("whistleblowing procedures"): staff who feel unable to raise a concern
 * about poor or unsafe practice inside the school, or feel it is not being
 * addressed, may use the NSPCC Whistleblowing Advice Line.  Its number is
 * shown beside the category on the report form, on the case and on the
 * reporter's own page, and is whom to call when the report reached nobody
 * (concern_reach.c). */
#include "features/concerns/concern_pattern.h"
#include "lib/json_get.h"

#include <string.h>

#define NSPCC_LINE                                                                            \
	"NSPCC Whistleblowing Advice Line: 0800 028 0285 or help@nspcc.org.uk. Use it if you " \
	"feel unable to raise this inside the school, or if it is not being dealt with."

const char *concern_whistle_advice(const char *category)
{
	return category && strcmp(category, "whistleblowing") == 0 ? NSPCC_LINE : NULL;
}

void concern_whistle_categories(json_t *categories)
{
	size_t i;
	json_t *c;
	json_array_foreach(categories, i, c) {
		const char *advice = concern_whistle_advice(json_str(c, "code"));
		if (advice)
			json_object_set_new(c, "advice", json_string(advice));
	}
}

void concern_whistle_add(json_t *c)
{
	const char *advice = concern_whistle_advice(json_str(c, "category"));
	if (advice)
		json_object_set_new(c, "advice", json_string(advice));
}
