#define _GNU_SOURCE
/* Declared input: each route lists its fields; a request is checked against
 * that list before the handler runs, so handlers see only valid values. */
#include "http/label_words.h"
#include "http/router.h"
#include "lib/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
		return valid_email(v) ? NULL : "must be in the form name@school.org.uk";
	case F_INT:
		return valid_int(v, 0) ? NULL : "must be a whole number";
	case F_ID:
		return valid_int(v, 1) ? NULL : "must be a whole number above 0";
	case F_DATE:
		if (strlen(v) == 10 && parse_date(v, &y, &m, &d) == 0)
			return NULL;
		return "must be a real date, written like 2026-12-25 for 25 December 2026";
	case F_DATETIME:
		if (parse_iso_time(v, &t) == 0)
			return NULL;
		return "must be a real date and time, written like 2026-12-25T14:30 for 25 "
		       "December 2026, 14:30";
	case F_YESNO:
		return strcmp(v, "yes") == 0 || strcmp(v, "no") == 0 ? NULL : "must be yes or no";
	case F_CHOICE:
		return valid_choice(f, v) ? NULL : "is not one of the choices offered";
	case F_FILE:
		return "must be a file upload";
	}
	return "is not valid";
}

/* Where problems go: every one into a reply, or only the first into a buffer
 * (fields_check, for callers that judge one request without a reply). */
struct found {
	struct reply *rp;
	const char **bad;
	char *msg;
	size_t size;
	size_t n;
};

static void found_add(struct found *fd, const char *field, const char *msg)
{
	if (fd->rp)
		reply_error_add(fd->rp, field, "%s", msg);
	else if (fd->n == 0) {
		*fd->bad = field;
		copy_str(fd->msg, fd->size, msg);
	}
	fd->n++;
}

/* The label as the start of a sentence, or inside one ("Enter what happened"). */
static void label_case(const char *in, char *out, size_t size, int upper)
{
	copy_str(out, size, in);
	/* An acronym at the start ("UK time", "ICO") keeps its capitals. */
	if (out[0] && !isupper((unsigned char)out[1]))
		out[0] = (char)(upper ? toupper((unsigned char)out[0])
				      : tolower((unsigned char)out[0]));
}

/* Whether the text starts with one of the words, as a whole word, in any case. */
static int starts_with_word(const char *text, const char *const *list)
{
	for (; *list; list++) {
		size_t n = strlen(*list);
		if (strncasecmp(text, *list, n) == 0 && (text[n] == ' ' || text[n] == 0))
			return 1;
	}
	return 0;
}

/* Words that ask ("What happened", "Why it is being closed"): such a label is
 * said, not entered, and takes no article. */
static const char *const wh_words[] = { "what", "when", "where", "which", "who", "whom",
					"why", "how", "whether", NULL };
/* Words that already say which one: "Enter your password", not "Enter the your". */
static const char *const determiners[] = { "the", "a", "an", "your", "their", "its", "our",
					   "my", "his", "her", "this", "that", "these",
					   "those", "each", "every", "any", NULL };

/* A label that is no name to put in a sentence: a question, the statement a
 * box is ticked for, a label of parts ("Training records: years after the
 * person leaves", "What it says, in short"), or a choice's question ("What
 * it is is not one of the choices"). */
static int label_quoted(const struct field_spec *f)
{
	size_t n = strlen(f->label);
	return f->label[n - 1] == '?' || f->type == F_YESNO || strpbrk(f->label, ",:") ||
	       (f->type == F_CHOICE && starts_with_word(f->label, wh_words));
}

/* A problem with a field, named by its label's words, or by the label its
 * form shows, quoted when it is no name ("The answer to "Keep my name
 * confidential" must be yes or no."); a field no form shows is named by its
 * name in words. */
static void problem(struct found *fd, const struct field_spec *f, const char *name,
		    const char *what)
{
	char l[200], msg[512];
	const char *shown = f && f->label && *f->label ? f->label : NULL;
	const char *words = shown ? label_words(shown) : NULL;
	if (words) {
		label_case(words, l, sizeof l, 1);
		snprintf(msg, sizeof msg, "%s %s.", l, what);
	} else if (shown && label_quoted(f)) {
		snprintf(msg, sizeof msg, "The answer to \"%s\" %s.", shown, what);
	} else if (shown) {
		label_case(shown, l, sizeof l, 1);
		snprintf(msg, sizeof msg, "%s %s.", l, what);
	} else {
		label(name, l, sizeof l);
		snprintf(msg, sizeof msg, "The field '%s' %s.", l, what);
	}
	found_add(fd, f ? f->name : name, msg);
}

/* A required field left empty: what to do, in the form's own words.  A
 * question is answered and a statement said whether; a choice or a file is
 * chosen, words that ask ("what", "why") are said and anything else entered,
 * with its article ("Enter the full name.") unless it has one or names the
 * choices ("Choose open or closed."). */
static void missing(struct found *fd, const struct field_spec *f)
{
	char l[200], msg[512];
	if (!f->label || !*f->label) {
		problem(fd, f, f->name, f->type == F_FILE ? "needs a file" : "is required");
		return;
	}
	const char *words = label_words(f->label);
	const char *w = words ? words : f->label;
	int choice = f->type == F_CHOICE || f->type == F_FILE;
	label_case(w, l, sizeof l, 0);
	if (!words && f->label[strlen(f->label) - 1] == '?') {
		snprintf(msg, sizeof msg, "Answer \"%s\"", f->label);
	} else if (!words && f->type == F_YESNO) {
		snprintf(msg, sizeof msg, "Say whether %s.", l);
	} else {
		int asks = starts_with_word(w, wh_words);
		const char *verb = choice ? "Choose" : f->type == F_YESNO || asks ? "Say" : "Enter";
		int bare = asks || starts_with_word(w, determiners) ||
			   (choice && strstr(w, " or "));
		snprintf(msg, sizeof msg, "%s %s%s.", verb, bare ? "" : "the ", l);
	}
	found_add(fd, f->name, msg);
}

/* Why parameter i is refused (what[] may hold the words), or NULL. */
static const char *param_problem(const struct field_spec *f, struct request *rq, size_t i,
				 char *what, size_t size)
{
	struct param *p = &rq->params[i];
	if (strlen(p->value) != p->len || !utf8_valid(p->value, p->len))
		return "is not valid text (bad UTF-8 or a NUL byte)";
	for (size_t j = 0; j < i; j++)
		if (strcmp(rq->params[j].name, p->name) == 0 && !(f->flags & F_MULTI))
			return "was sent more than once";
	if (p->len == 0)
		return NULL;
	/* A value of the wrong kind is told its kind ("must be a whole number"),
	 * not a length that would not make it right; free text is told its
	 * length first. */
	int free_text = f->type == F_TEXT || f->type == F_LONGTEXT || f->type == F_PASSWORD;
	const char *kind = free_text || f->type == F_FILE ? NULL : type_problem(f, p->value);
	if (kind)
		return kind;
	if (f->type != F_FILE && utf8_chars(p->value) > f->max) {
		snprintf(what, size, "must be %u characters or fewer", f->max);
		return what;
	}
	return free_text || f->type == F_FILE ? type_problem(f, p->value) : NULL;
}

/* A text of only white space says nothing: it is read as empty (arg()
 * gives NULL), so a required one is refused as missing and a handler's own
 * "say why" finds nothing, rather than a blank name, summary or reason
 * being stored as given. */
static void blank_text_is_empty(const struct field_spec *f, struct param *p)
{
	if (f && (f->type == F_TEXT || f->type == F_LONGTEXT) && p->len && text_blank(p->value)) {
		p->value[0] = 0;
		p->len = 0;
	}
}

/* One parameter: its name, its text, then its value against its field;
 * a text of only white space is then read as empty. */
static void check_param(const struct field_spec *spec, struct request *rq, size_t i,
			struct found *fd)
{
	struct param *p = &rq->params[i];
	const struct field_spec *f = find_spec(spec, p->name);
	char what[80];
	if (!utf8_valid(p->name, strlen(p->name)) || strlen(p->name) > 64)
		problem(fd, NULL, "?", "has a name that is not valid");
	else if (rq->is_post && strcmp(p->name, "csrf") == 0) {
		if (strlen(p->value) != p->len || !utf8_valid(p->value, p->len))
			problem(fd, NULL, p->name, "is not valid text (bad UTF-8 or a NUL byte)");
	} else if (!f)
		problem(fd, NULL, p->name, "is not expected here");
	else {
		const char *why = param_problem(f, rq, i, what, sizeof what);
		if (why)
			problem(fd, f, p->name, why);
	}
	blank_text_is_empty(f, p);
}

static void check_files(const struct field_spec *spec, struct request *rq, struct found *fd)
{
	for (size_t i = 0; i < rq->nfiles; i++) {
		const struct field_spec *f = find_spec(spec, rq->files[i].field);
		const char *fn = rq->files[i].filename;
		if (!f || f->type != F_FILE)
			problem(fd, f, rq->files[i].field, "does not take a file");
		else if (!utf8_valid(fn, strlen(fn)) || utf8_chars(fn) > 255 ||
			 !no_controls(fn, 0))
			problem(fd, f, f->name, "has a file name that is not valid");
	}
	for (; spec && spec->name; spec++) {
		if (spec->type != F_FILE)
			continue;
		unsigned n = 0;
		for (size_t i = 0; i < rq->nfiles; i++)
			n += strcmp(rq->files[i].field, spec->name) == 0;
		if (n > spec->max) {
			char what[64];
			snprintf(what, sizeof what, "takes at most %u file%s", spec->max,
				 spec->max == 1 ? "" : "s");
			problem(fd, spec, spec->name, what);
		}
		if (n == 0 && (spec->flags & F_REQUIRED))
			missing(fd, spec);
	}
}

static void check_required(const struct field_spec *spec, struct request *rq, struct found *fd)
{
	for (; spec && spec->name; spec++)
		if ((spec->flags & F_REQUIRED) && spec->type != F_FILE && !arg(rq, spec->name))
			missing(fd, spec);
}

static void check_all(const struct field_spec *spec, struct request *rq, struct found *fd)
{
	for (size_t i = 0; i < rq->nparams; i++)
		check_param(spec, rq, i, fd);
	check_files(spec, rq, fd);
	check_required(spec, rq, fd);
}

int fields_check(const struct field_spec *spec, struct request *rq, const char **bad, char *msg,
		 size_t size)
{
	struct found fd = { .bad = bad, .msg = msg, .size = size };
	check_all(spec, rq, &fd);
	return fd.n ? 400 : 0;
}

size_t fields_refuse(const struct field_spec *spec, struct request *rq, struct reply *rp)
{
	struct found fd = { .rp = rp };
	check_all(spec, rq, &fd);
	return fd.n;
}
