#define _GNU_SOURCE
#include "lib/csv.h"
#include "lib/util.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_MAX_ROWS 100000
#define CSV_MAX_FIELDS 64

struct loader {
	struct csv_table *t;
	struct csv_row cur;
	size_t line;       /* the line of the file being parsed */
	size_t rec_start;  /* the line the record being parsed started on */
	int in_quotes;     /* the line so far ends inside a quoted cell */
	int cur_wide;      /* the record being parsed has too many cells */
	size_t wide_line;  /* the first record with too many cells, 0: none */
	int too_many_rows;
};

static void drop_cur(struct loader *l)
{
	for (size_t i = 0; i < l->cur.nfields; i++)
		free(l->cur.fields[i]);
	free(l->cur.fields);
	memset(&l->cur, 0, sizeof l->cur);
	l->cur_wide = 0;
}

static void on_field(void *data, size_t len, void *cls)
{
	struct loader *l = cls;
	if (l->cur.nfields >= CSV_MAX_FIELDS) {
		l->cur_wide = 1;
		return;
	}
	l->cur.fields = xrealloc(l->cur.fields, (l->cur.nfields + 1) * sizeof *l->cur.fields);
	l->cur.fields[l->cur.nfields++] = xstrndup(data ? data : "", data ? len : 0);
}

static void on_row(int c, void *cls)
{
	struct loader *l = cls;
	(void)c;
	if (l->cur_wide && !l->wide_line)
		l->wide_line = l->rec_start;
	if (l->t->nrows >= CSV_MAX_ROWS) {
		l->too_many_rows = 1;
		drop_cur(l);
		return;
	}
	l->t->rows = xrealloc(l->t->rows, (l->t->nrows + 1) * sizeof *l->t->rows);
	l->cur.line = l->rec_start;
	l->t->rows[l->t->nrows++] = l->cur;
	memset(&l->cur, 0, sizeof l->cur);
	l->cur_wide = 0;
}

/* The length of the line starting at s: up to and including its end, which
 * is LF, CR LF or a lone CR (as spreadsheets on old Macs wrote). */
static size_t line_length(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r')
			return i + 1 < len && s[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return len;
}

/* libcsv reports neither lines nor offsets, so the file is fed to it a line
 * at a time: a record starts on the line fed while no quoted cell is open,
 * which counts blank lines and line breaks inside quoted cells as the file
 * has them.  Every quotation mark opens or closes a quoted cell (a doubled
 * one does both), or is an error libcsv stops at. */
static int parse_lines(struct csv_parser *p, const char *data, size_t len, struct loader *l)
{
	while (len) {
		size_t n = line_length(data, len);
		l->line++;
		if (!l->in_quotes)
			l->rec_start = l->line;
		if (csv_parse(p, data, n, on_field, on_row, l) != n)
			return -1;
		for (size_t i = 0; i < n; i++)
			l->in_quotes ^= data[i] == '"';
		data += n, len -= n;
	}
	return 0;
}

/* What went wrong, in words that say what to change. */
static void parse_problem(const struct csv_parser *p, int at_end, char *err, size_t errsize)
{
	if (csv_error((struct csv_parser *)p) != CSV_EPARSE)
		snprintf(err, errsize, "The file could not be read: it is too large.");
	else if (at_end)
		snprintf(err, errsize,
			 "A cell on this line opens a quotation mark (\") that is never closed. "
			 "Add the closing mark at the end of the cell.");
	else
		snprintf(err, errsize,
			 "A cell on this line has a quotation mark (\") inside it. Put the whole "
			 "cell in quotes and write the mark twice, as in \"Jo \"\"JJ\"\" Smith\".");
}

/* The line of the first byte that is not UTF-8 text (or a NUL): a
 * spreadsheet's Latin-1 "é" in a name, say, so that the person can find it.
 * Lines end as line_length ends them. */
static size_t first_line_not_utf8(const char *data, size_t len)
{
	size_t line = 1;
	while (len) {
		size_t n = line_length(data, len);
		if (!utf8_valid(data, n) || memchr(data, 0, n))
			return line;
		data += n, len -= n, line++;
	}
	return 0;
}

int csv_load(const char *data, size_t len, struct csv_table *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	/* A spreadsheet's byte-order mark is not part of the first column's name. */
	if (len >= 3 && memcmp(data, CSV_BOM, 3) == 0)
		data += 3, len -= 3;
	if (!utf8_valid(data, len) || memchr(data, 0, len)) {
		snprintf(err, errsize,
			 "This line is not UTF-8 text: the file was saved in another encoding. "
			 "Save it as 'CSV UTF-8' and try again.");
		out->error_line = first_line_not_utf8(data, len);
		return -1;
	}
	struct csv_parser p;
	struct loader l = { .t = out };
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		snprintf(err, errsize, "Out of memory.");
		return -1;
	}
	size_t bad_line = 0;
	int parsed = parse_lines(&p, data, len, &l) == 0;
	int ok = parsed && csv_fini(&p, on_field, on_row, &l) == 0;
	if (!ok) {
		parse_problem(&p, parsed, err, errsize);
		bad_line = l.rec_start;
	} else if (l.wide_line) {
		snprintf(err, errsize,
			 "This line has more than %d columns: keep only the columns the header "
			 "names.", CSV_MAX_FIELDS);
		bad_line = l.wide_line;
		ok = 0;
	} else if (l.too_many_rows) {
		snprintf(err, errsize, "The file has more than %d rows.", CSV_MAX_ROWS);
		ok = 0;
	}
	csv_free(&p);
	drop_cur(&l);
	if (!ok) {
		csv_table_free(out);
		out->error_line = bad_line;
		return -1;
	}
	return 0;
}

void csv_table_free(struct csv_table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t f = 0; f < t->rows[r].nfields; f++)
			free(t->rows[r].fields[f]);
		free(t->rows[r].fields);
	}
	free(t->rows);
	memset(t, 0, sizeof *t);
}

static void put(struct csv_out *o, const char *s, size_t n)
{
	o->buf = xrealloc(o->buf, o->len + n + 1);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = 0;
}

/* Excel opens a CSV file without the byte-order mark as Windows-1252 and
 * shows "Zoë" as "ZoÃ«"; the imports skip the mark, so a file handed out
 * still reads back. */
static void started(struct csv_out *o)
{
	if (o->buf)
		return;
	put(o, CSV_BOM, 3);
	o->fresh_line = 1;
}

static void next_cell(struct csv_out *o)
{
	started(o);
	if (!o->fresh_line)
		put(o, ",", 1);
	o->fresh_line = 0;
}

void csv_cell(struct csv_out *o, const char *value)
{
	if (!value)
		value = "";
	next_cell(o);
	put(o, "\"", 1);
	/* A leading ' stops a spreadsheet reading the cell as a formula. */
	if (strchr("=+-@\t\r", value[0]) && value[0])
		put(o, "'", 1);
	for (const char *p = value; *p; p++) {
		if (*p == '"')
			put(o, "\"\"", 2);
		else
			put(o, p, 1);
	}
	put(o, "\"", 1);
}

void csv_cell_int(struct csv_out *o, long long v)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", v);
	next_cell(o);
	put(o, num, strlen(num));
}

void csv_end_row(struct csv_out *o)
{
	started(o);
	put(o, "\r\n", 2);
	o->fresh_line = 1;
}
