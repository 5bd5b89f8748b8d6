/* Short getters for a member of a jansson object: json_str(o, "email")
 * rather than json_string_value(json_object_get(o, "email")).  Each gives
 * what jansson gives: NULL, or 0, when the member is absent or of another
 * type, or when o is NULL. */
#ifndef STAFFROOM_JSON_GET_H
#define STAFFROOM_JSON_GET_H

#include <jansson.h>

static inline const char *json_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static inline json_int_t json_int(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

#endif
