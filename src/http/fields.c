#define _GNU_SOURCE
/* Declared input: each route lists its fields; a request is checked against
 * that list before the handler runs, so handlers see only valid values. */
#include "http/router.h"
#include "lib/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct field_spec page_fields[] = {
	PAGE_FIELD,
	{ NULL },
};

static const struct field_spec *find_spec(const struct field_spec *spec, const char *name)
{
	for (; spec && spec->name; spec++)
		if (strcmp(spec->name, name) == 0)
			return spec;
	return NULL;
}

static void label(const char *name, char *out, size_t size)
{
	copy_str(out, size, name);
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = ' ';
}

static int valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' ||
	    s[strlen(s) - 1] == '.')
		return 0;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || iscntrl((unsigned char)*s) ||
		    strchr("<>()[]\\,;:\"", *s))
			return 0;
	return 1;
}

static int valid_int(const char *s, int positive)
{
	const char *p = s;
	if (*p == '-' && !positive)
		p++;
	size_t n = strlen(p);
	if (n == 0 || n > 18)
		return 0;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return !positive || strtoll(s, NULL, 10) > 0;
}

static int in_choices(const char *choices, const char *v, size_t len)
{
	size_t n;
	for (const char *c = choices; *c; c += n + (c[n] == '|')) {
		n = strcspn(c, "|");
		if (n == len && strncmp(c, v, len) == 0)
			return 1;
	}
	return 0;
}

static int valid_choice(const struct field_spec *f, const char *v)
{
	if (!(f->flags & F_LIST))
		return in_choices(f->choices, v, strlen(v));
	for (const char *p = v; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, ",");
		size_t m = n;
		while (m && p[m - 1] == ' ')
			m--;
		if (m && !in_choices(f->choices, p, m))
			return 0;
		p += n + (p[n] == ',');
	}
	return 1;
}

static int no_controls(const char *s, int multiline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) ||
		    c == 0x7f)
			return 0;
	}
	return 1;
}

/* Why a value does not fit its field, or NULL when it does. */
static const char *type_problem(const struct field_spec *f, const char *v)
{
	time_t t;
	int y, m, d;
	switch (f->type) {
	case F_TEXT: case F_PASSWORD:
		return no_controls(v, 0) ? NULL : "must be one line of text";
	case F_LONGTEXT:
		return no_controls(v, 1) ? NULL : "holds characters that are not allowed";
	case F_EMAIL:
		return valid_email(v) ? NULL : "must be an e-mail address";
	case F_INT:
		return valid_int(v, 0) ? NULL : "must be a whole number";
	case F_ID:
		return valid_int(v, 1) ? NULL : "must be a positive whole number";
	case F_DATE:
		return strlen(v) == 10 && parse_date(v, &y, &m, &d) == 0
			       ? NULL
			       : "must be a date (YYYY-MM-DD)";
	case F_DATETIME:
		return parse_iso_time(v, &t) == 0 ? NULL
						  : "must be a date and time (YYYY-MM-DDTHH:MM)";
	case F_YESNO:
		return strcmp(v, "yes") == 0 || strcmp(v, "no") == 0 ? NULL : "must be yes or no";
	case F_CHOICE:
		return valid_choice(f, v) ? NULL : "is not one of the choices offered";
	case F_FILE:
		return "must be a file upload";
	}
	return "is not valid";
}

static int problem(char *msg, size_t size, const char **bad, const char *name, const char *what)
{
	char l[64];
	label(name, l, sizeof l);
	snprintf(msg, size, "The field '%s' %s.", l, what);
	*bad = name;
	return 400;
}

static int check_params(const struct field_spec *spec, struct request *rq, const char **bad,
			char *msg, size_t size)
{
	for (size_t i = 0; i < rq->nparams; i++) {
		struct param *p = &rq->params[i];
		int is_csrf = rq->is_post && strcmp(p->name, "csrf") == 0;
		const struct field_spec *f = find_spec(spec, p->name);
		if (!utf8_valid(p->name, strlen(p->name)) || strlen(p->name) > 64)
			return problem(msg, size, bad, "?", "has a name that is not valid");
		if (!f && !is_csrf)
			return problem(msg, size, bad, p->name, "is not expected here");
		if (strlen(p->value) != p->len || !utf8_valid(p->value, p->len))
			return problem(msg, size, bad, p->name,
				       "is not valid text (bad UTF-8 or a NUL byte)");
		if (is_csrf)
			continue;
		for (size_t j = 0; j < i; j++)
			if (strcmp(rq->params[j].name, p->name) == 0 && !(f->flags & F_MULTI))
				return problem(msg, size, bad, p->name, "was sent more than once");
		if (p->len == 0)
			continue;
		if (f->type != F_FILE && utf8_chars(p->value) > f->max) {
			char what[80];
			snprintf(what, sizeof what, "is too long (at most %u characters)", f->max);
			return problem(msg, size, bad, p->name, what);
		}
		const char *why = type_problem(f, p->value);
		if (why)
			return problem(msg, size, bad, p->name, why);
	}
	return 0;
}

static int check_files(const struct field_spec *spec, struct request *rq, const char **bad,
		       char *msg, size_t size)
{
	for (size_t i = 0; i < rq->nfiles; i++) {
		const struct field_spec *f = find_spec(spec, rq->files[i].field);
		if (!f || f->type != F_FILE)
			return problem(msg, size, bad, rq->files[i].field, "does not take a file");
		const char *fn = rq->files[i].filename;
		if (!utf8_valid(fn, strlen(fn)) || utf8_chars(fn) > 255 || !no_controls(fn, 0))
			return problem(msg, size, bad, f->name,
				       "has a file name that is not valid");
	}
	for (; spec && spec->name; spec++) {
		if (spec->type != F_FILE)
			continue;
		unsigned n = 0;
		for (size_t i = 0; i < rq->nfiles; i++)
			n += strcmp(rq->files[i].field, spec->name) == 0;
		if (n > spec->max) {
			char what[64];
			snprintf(what, sizeof what, "takes at most %u files", spec->max);
			return problem(msg, size, bad, spec->name, what);
		}
		if (n == 0 && (spec->flags & F_REQUIRED))
			return problem(msg, size, bad, spec->name, "needs a file");
	}
	return 0;
}

static int check_required(const struct field_spec *spec, struct request *rq, const char **bad,
			  char *msg, size_t size)
{
	for (; spec && spec->name; spec++)
		if ((spec->flags & F_REQUIRED) && spec->type != F_FILE && !arg(rq, spec->name))
			return problem(msg, size, bad, spec->name, "is required");
	return 0;
}

int fields_check(const struct field_spec *spec, struct request *rq, const char **bad, char *msg,
		 size_t size)
{
	int status = check_params(spec, rq, bad, msg, size);
	if (!status)
		status = check_files(spec, rq, bad, msg, size);
	if (!status)
		status = check_required(spec, rq, bad, msg, size);
	return status;
}
