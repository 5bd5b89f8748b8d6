/* The Detail of an audit row in words, for the audit log's page.  Rows are
 * written as short text with "key=value" pairs ("category=parent_post
 * urgent=no", "version=2 effective=2027-01-02"): the log keeps them as
 * written (its chain hashes that text, and the JSON and exports give it
 * unchanged), and the page reads each pair out as "name: value", a date as
 * a UK reader writes it and a code as its name.  Text that is not a pair is
 * kept as it is. */
#define _GNU_SOURCE
#include "features/records/audit_words.h"
#include "features/concerns/concerns.h"
#include "core/names.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names that read better than the key with its underscores as spaces. */
static const struct {
	const char *key, *words;
} key_names[] = {
	{ "sha256", "SHA-256 fingerprint" },
	{ "effective", "in effect from" },
	{ "renew_from", "signed again each year from" },
	{ "names_pupil", "names a pupil" },
	{ "evidence", "evidence file" },
	{ "field", "form field" },
	{ "size", "size in bytes" },
	{ "told", "people told" },
	{ "from_on", "from" },
	{ "until_on", "until" },
	{ "others_material", "shares someone else's material" },
	{ NULL, NULL },
};

static void put_key(FILE *out, const char *key, size_t len)
{
	for (size_t i = 0; key_names[i].key; i++)
		if (strlen(key_names[i].key) == len && memcmp(key_names[i].key, key, len) == 0) {
			fputs(key_names[i].words, out);
			return;
		}
	for (size_t i = 0; i < len; i++)
		fputc(key[i] == '_' ? ' ' : key[i], out);
}

static int key_is(const char *key, size_t len, const char *name)
{
	return strlen(name) == len && memcmp(key, name, len) == 0;
}

/* A yearly date kept as "09-01": "1 September". */
static int put_day_of_year(FILE *out, const char *value)
{
	int month, day, used = 0;
	if (sscanf(value, "%2d-%2d%n", &month, &day, &used) != 2 || value[used] ||
	    !*month_name(month) || day < 1 || day > 31)
		return 0;
	fprintf(out, "%d %s", day, month_name(month));
	return 1;
}

/* A stored code such as "governing_body": lower-case words joined by
 * underscores, read with spaces. */
static int is_code(const char *value)
{
	return strchr(value, '_') && !value[strspn(value, "abcdefghijklmnopqrstuvwxyz_")];
}

/* Roles written as a list ("dsl,slt") or as a JSON array
 * ("["staff","dsl"]"), as a person's were when added. */
static void put_roles(FILE *out, const char *value)
{
	char list[256], words[512];
	size_t n = 0;
	for (const char *p = value; *p && n + 1 < sizeof list; p++)
		if (!strchr("[]\"", *p))
			list[n++] = *p;
	list[n] = 0;
	code_names(NAME_ROLE, list, words, sizeof words);
	fputs(words, out);
}

static void put_value(FILE *out, const char *key, size_t len, const char *value)
{
	char words[512];
	if (key_is(key, len, "type") && name_of(NAME_STAFF_TYPE, value))
		code_name(NAME_STAFF_TYPE, value, words, sizeof words), fputs(words, out);
	else if (key_is(key, len, "category"))
		fputs(concern_category_label(value), out);
	else if (key_is(key, len, "roles"))
		put_roles(out, value);
	else if (key_is(key, len, "applies_to"))
		code_names(NAME_STAFF_TYPE, value, words, sizeof words), fputs(words, out);
	else if (key_is(key, len, "renew_from") && put_day_of_year(out, value))
		;
	else if (uk_time_words(value, words, sizeof words) == 0)
		fputs(words, out);
	else if (is_code(value))
		put_key(out, value, strlen(value));
	else
		fputs(value, out);
}

/* The key of a "key=value" word, its length in *len; NULL for any other
 * word.  A key is lower-case letters, digits and underscores. */
static const char *pair_key(const char *word, size_t *len)
{
	size_t n = strspn(word, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (n == 0 || word[n] != '=')
		return NULL;
	*len = n;
	return word;
}

char *audit_detail_words(const char *detail)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	if (!out)
		return xstrdup(detail ? detail : "");
	char *copy = xstrdup(detail ? detail : ""), *save = NULL;
	int written = 0;
	for (char *word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		size_t len;
		/* A parameter of the value before ("text/csv; charset=utf-8") is
		 * part of that value. */
		int parameter = written && text[size - 1] == ';';
		const char *key = parameter ? NULL : pair_key(word, &len);
		/* Pairs are parted by semicolons, unless the text before
		 * already ends a clause ("existing account: name=..."). */
		if (written)
			fputs(key && !strchr(":;,", text[size - 1]) ? "; " : " ", out);
		if (key) {
			const char *value = word + len + 1;
			/* "type" also names a file's kind ("type=text/csv") */
			if (key_is(key, len, "type") && name_of(NAME_STAFF_TYPE, value))
				fputs("staff type", out);
			else
				put_key(out, key, len);
			fputs(": ", out);
			put_value(out, key, len, value);
		} else {
			fputs(word, out);
		}
		fflush(out);
		written = size > 0;
	}
	free(copy);
	fclose(out);
	return text;
}
