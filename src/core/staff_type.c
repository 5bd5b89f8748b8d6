/* Matching the staff type a school's staff export names to one of
 * STAFF_TYPES (staff_type.h). */
#define _GNU_SOURCE
#include "core/staff_type.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

/* The spellings met in school staff exports (management information
 * systems, payroll and HR spreadsheets), compared without regard to case
 * once spaces, hyphens and underscores are folded to one space.  A spelling
 * goes here only when it can name one type and no other. */
static const struct {
	const char *spelling;
	const char *code;
} spellings[] = {
	{ "teacher", "teacher" },
	{ "teachers", "teacher" },
	{ "teaching", "teacher" },
	{ "teaching staff", "teacher" },
	{ "classroom teacher", "teacher" },
	{ "support", "support" },
	{ "support staff", "support" },
	{ "non teaching", "support" },
	{ "non teaching staff", "support" },
	{ "associate staff", "support" },
	{ "teaching assistant", "support" },
	{ "supply", "supply" },
	{ "supply teacher", "supply" },
	{ "supply staff", "supply" },
	{ "governor", "governor" },
	{ "governors", "governor" },
	{ "trustee", "governor" },
	{ "contractor", "contractor" },
	{ "contractors", "contractor" },
	{ "external contractor", "contractor" },
	{ "volunteer", "volunteer" },
	{ "volunteers", "volunteer" },
};

/* Lower case, runs of spaces, hyphens and underscores as one space, no
 * space at either end; false when it does not fit out. */
static int fold(const char *s, char *out, size_t size)
{
	size_t n = 0;
	int gap = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '-' || *s == '_' || *s == '\t') {
			gap = n > 0;
			continue;
		}
		if (n + 2 >= size)
			return 0;
		if (gap)
			out[n++] = ' ';
		gap = 0;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
	return 1;
}

const char *staff_type_code(const char *typed)
{
	char key[64];
	if (!typed || !fold(typed, key, sizeof key))
		return NULL;
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
		if (strcmp(key, spellings[i].spelling) == 0)
			return spellings[i].code;
	return NULL;
}
