/* sqlcheck: prepares every SQL literal given to a db helper against the schema.
 *
 *   sqlcheck SCHEMA.sql FILE.i...
 *
 * Each FILE.i is a source run through the preprocessor with the project's
 * flags, so SQL built from macros (CONCERN_MAY_OPEN("c")) is already one
 * concatenation of literals.  For every call of a helper in src/db/db.h
 * whose SQL is a literal, the statement is prepared on a database made from
 * the schema, and its parameter count must equal the length of the bind
 * format.  Problems are reported as file:line with the SQL; the exit status
 * is 1 if there was any.  A call whose SQL is not a literal is left alone:
 * db.h makes those fail to compile everywhere but in the functions' own
 * definitions. */
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 64

/* Where the scanner is: the text, its position, and the source line the
 * preprocessor's line markers say it is on. */
struct scan {
	const char *p, *end;
	char file[512];
	long line;
};

/* One argument of a call: its string literals concatenated and decoded,
 * and whether it held anything else. */
struct arg {
	char *text;
	size_t len, cap;
	int literals, other;
};

static const struct helper { const char *name; int sql_arg; } helpers[] = {
	{"db_stmt", 0}, {"db_vstmt", 0}, {"db_exec", 0}, {"db_insert", 0},
	{"db_int", 1}, {"db_text", 0}, {"db_row", 0}, {"db_rows", 0},
};

static sqlite3 *db;
static int statements, problems;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("sqlcheck: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	do {
		cap += 1 << 16;
		buf = xrealloc(buf, cap + 1);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (n == cap);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void put(struct arg *a, char c)
{
	if (a->len + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->text = xrealloc(a->text, a->cap);
	}
	a->text[a->len++] = c;
	a->text[a->len] = '\0';
}

/* A line marker (# 12 "src/x.c" ...) or another directive, at a line's start. */
static void directive(struct scan *s)
{
	long n;
	char name[512];
	if (sscanf(s->p, "# %ld \"%511[^\"]\"", &n, name) == 2) {
		s->line = n - 1;        /* the newline ending the marker moves it to n */
		snprintf(s->file, sizeof s->file, "%s", name);
	}
	while (s->p < s->end && *s->p != '\n')
		s->p++;
}

/* Moves past whitespace and directives, counting lines. */
static void skip_space(struct scan *s)
{
	while (s->p < s->end && isspace((unsigned char)*s->p)) {
		if (*s->p == '\n') {
			s->line++;
			s->p++;
			while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
				s->p++;
			if (s->p < s->end && *s->p == '#')
				directive(s);
		} else {
			s->p++;
		}
	}
}

/* The value of the escape sequence after a backslash; advances past it. */
static char unescape(struct scan *s)
{
	char c = *s->p++;
	static const char from[] = "ntrabfv", to[] = "\n\t\r\a\b\f\v";
	const char *k = strchr(from, c);
	if (k && c)
		return to[k - from];
	if (c >= '0' && c <= '7') {
		int v = c - '0';
		for (int i = 0; i < 2 && *s->p >= '0' && *s->p <= '7'; i++)
			v = v * 8 + (*s->p++ - '0');
		return (char)v;
	}
	if (c == 'x') {
		int v = 0;
		while (isxdigit((unsigned char)*s->p)) {
			char h = *s->p++;
			v = v * 16 + (isdigit((unsigned char)h) ? h - '0' : tolower(h) - 'a' + 10);
		}
		return (char)v;
	}
	return c;               /* \\ \" \' \? */
}

/* A string or character literal starting at the quote; appends a string's
 * decoded text to a (when given). */
static void literal(struct scan *s, struct arg *a)
{
	char quote = *s->p++;
	while (s->p < s->end && *s->p != quote && *s->p != '\n') {
		char c = *s->p == '\\' ? (s->p++, unescape(s)) : *s->p++;
		if (a)
			put(a, c);
	}
	if (s->p < s->end)
		s->p++;
}

/* The arguments of a call, s->p just past its '('; returns how many. */
static int call_args(struct scan *s, struct arg *args)
{
	int n = 0, depth = 0;
	memset(&args[0], 0, sizeof args[0]);
	for (;;) {
		skip_space(s);
		if (s->p >= s->end)
			return n + 1;
		char c = *s->p;
		struct arg *a = &args[n];
		if (c == '"' && depth == 0) {
			literal(s, a);
			a->literals++;
			continue;
		}
		if (c == '"' || c == '\'') {
			literal(s, NULL);
			a->other = 1;
			continue;
		}
		s->p++;
		if (c == ')' && depth == 0)
			return n + 1;
		if (c == ',' && depth == 0 && n + 1 < MAX_ARGS) {
			memset(&args[++n], 0, sizeof args[0]);
			continue;
		}
		depth += (c == '(' || c == '[' || c == '{') - (c == ')' || c == ']' || c == '}');
		a->other = 1;
	}
}

static void report(const struct scan *s, long line, const char *name, const char *what,
		   const char *sql)
{
	printf("%s:%ld: %s: %s\n  SQL: %s\n", s->file, line, name, what, sql);
	problems++;
}

/* Prepares the statement and compares its parameters with the format. */
static void check_call(const struct scan *s, long line, const char *name,
		       const struct arg *sql, const struct arg *fmt)
{
	char what[256];
	const char *q = sql->text ? sql->text : "";
	if (!fmt->literals || fmt->other) {
		report(s, line, name, "the bind format is not a string literal", q);
		return;
	}
	const char *f = fmt->text ? fmt->text : "";
	if (strspn(f, "iItbn") != strlen(f)) {
		snprintf(what, sizeof what, "bad letter in bind format \"%s\"", f);
		report(s, line, name, what, q);
	}
	sqlite3_stmt *st;
	const char *tail;
	statements++;
	if (sqlite3_prepare_v2(db, q, -1, &st, &tail) != SQLITE_OK) {
		snprintf(what, sizeof what, "does not prepare: %s", sqlite3_errmsg(db));
		report(s, line, name, what, q);
		return;
	}
	if (!st) {
		report(s, line, name, "no statement", q);
		return;
	}
	int want = sqlite3_bind_parameter_count(st);
	if ((size_t)want != strlen(f)) {
		snprintf(what, sizeof what, "%zu binds (\"%s\") for %d parameters",
			 strlen(f), f, want);
		report(s, line, name, what, q);
	}
	while (*tail && isspace((unsigned char)*tail))
		tail++;
	if (*tail)
		report(s, line, name, "more than one statement (only the first runs)", q);
	sqlite3_finalize(st);
}

static const struct helper *helper_named(const char *id, size_t len)
{
	for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++)
		if (strlen(helpers[i].name) == len && !memcmp(helpers[i].name, id, len))
			return &helpers[i];
	return NULL;
}

/* An identifier at s->p: when it names a helper called with literal SQL,
 * checks that call. */
static void identifier(struct scan *s)
{
	const char *id = s->p;
	long line = s->line;
	while (s->p < s->end && (isalnum((unsigned char)*s->p) || *s->p == '_'))
		s->p++;
	const struct helper *h = helper_named(id, (size_t)(s->p - id));
	if (!h)
		return;
	skip_space(s);
	if (s->p >= s->end || *s->p != '(')
		return;
	s->p++;
	static struct arg args[MAX_ARGS];
	int n = call_args(s, args);
	const struct arg *sql = &args[h->sql_arg];
	if (n > h->sql_arg + 1 && sql->literals && !sql->other)
		check_call(s, line, h->name, sql, &args[h->sql_arg + 1]);
	for (int i = 0; i < n; i++)
		free(args[i].text);
}

static void check_file(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	struct scan s = {text, text + len, "", 1};
	snprintf(s.file, sizeof s.file, "%s", path);
	if (*s.p == '#')
		directive(&s);
	while (s.p < s.end) {
		char c = *s.p;
		if (c == '\n' || isspace((unsigned char)c))
			skip_space(&s);
		else if (c == '"' || c == '\'')
			literal(&s, NULL);
		else if (isalpha((unsigned char)c) || c == '_')
			identifier(&s);
		else
			s.p++;
	}
	free(text);
}

/* The SQL functions staffroom registers on its connections (src/db/sql_words.c),
 * as stubs: a statement naming one must prepare here too; only their names
 * and argument counts matter. */
static void stub(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_value(ctx, argv[0]);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: sqlcheck SCHEMA.sql FILE.i...\n", stderr);
		return 2;
	}
	size_t len;
	char *schema = slurp(argv[1], &len), *err = NULL;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_create_function(db, "uk_time_words", 1, SQLITE_UTF8, NULL, stub, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_exec(db, schema, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sqlcheck: %s: %s\n", argv[1], err ? err : sqlite3_errmsg(db));
		return 2;
	}
	free(schema);
	for (int i = 2; i < argc; i++)
		check_file(argv[i]);
	sqlite3_close(db);
	printf("sqlcheck: %d statements, %d problem%s\n", statements, problems,
	       problems == 1 ? "" : "s");
	return problems ? 1 : 0;
}
