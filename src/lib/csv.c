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
	int overflow;
};

static void on_field(void *data, size_t len, void *cls)
{
	struct loader *l = cls;
	if (l->cur.nfields >= CSV_MAX_FIELDS) {
		l->overflow = 1;
		return;
	}
	l->cur.fields = xrealloc(l->cur.fields, (l->cur.nfields + 1) * sizeof *l->cur.fields);
	l->cur.fields[l->cur.nfields++] = xstrndup(data ? data : "", data ? len : 0);
}

static void on_row(int c, void *cls)
{
	struct loader *l = cls;
	(void)c;
	if (l->t->nrows >= CSV_MAX_ROWS) {
		l->overflow = 1;
	} else {
		l->t->rows = xrealloc(l->t->rows, (l->t->nrows + 1) * sizeof *l->t->rows);
		l->cur.line = l->t->nrows + 1;
		l->t->rows[l->t->nrows++] = l->cur;
		memset(&l->cur, 0, sizeof l->cur);
		return;
	}
	for (size_t i = 0; i < l->cur.nfields; i++)
		free(l->cur.fields[i]);
	free(l->cur.fields);
	memset(&l->cur, 0, sizeof l->cur);
}

int csv_load(const char *data, size_t len, struct csv_table *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	/* A spreadsheet's byte-order mark is not part of the first column's name. */
	if (len >= 3 && memcmp(data, CSV_BOM, 3) == 0)
		data += 3, len -= 3;
	if (!utf8_valid(data, len) || memchr(data, 0, len)) {
		snprintf(err, errsize,
			 "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again.");
		return -1;
	}
	struct csv_parser p;
	struct loader l = { .t = out };
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		snprintf(err, errsize, "Out of memory.");
		return -1;
	}
	int ok = csv_parse(&p, data, len, on_field, on_row, &l) == len &&
		 csv_fini(&p, on_field, on_row, &l) == 0;
	if (!ok)
		snprintf(err, errsize, "The file is not valid CSV near record %zu: %s.",
			 out->nrows + 1, csv_strerror(csv_error(&p)));
	else if (l.overflow) {
		snprintf(err, errsize, "The file is too large (at most %d records of %d columns).",
			 CSV_MAX_ROWS, CSV_MAX_FIELDS);
		ok = 0;
	}
	csv_free(&p);
	for (size_t i = 0; i < l.cur.nfields; i++)
		free(l.cur.fields[i]);
	free(l.cur.fields);
	if (!ok) {
		csv_table_free(out);
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
