/* CSV in (libcsv does the parsing) and out (quoted, and safe to open in a
 * spreadsheet: a cell starting with = + - @ is neutralised; the file starts
 * with a UTF-8 byte-order mark, without which Excel reads "Zoë" as "ZoÃ«"). */
#ifndef STAFFROOM_CSV_H
#define STAFFROOM_CSV_H

#include <stddef.h>

/* The UTF-8 byte-order mark: written first, skipped when read. */
#define CSV_BOM "\xEF\xBB\xBF"

struct csv_row {
	size_t line;        /* the line of the file the record starts on, from 1 */
	size_t nfields;
	char **fields;
};

struct csv_table {
	size_t nrows;
	struct csv_row *rows;
	size_t error_line;  /* after a refusal: the line at fault, 0 for the whole file */
};

/* 0, or -1 with a message that says what to change (bad quoting, too many
 * columns on a line, a line not UTF-8, too many rows) and out->error_line. */
int csv_load(const char *data, size_t len, struct csv_table *out, char *err, size_t errsize);
void csv_table_free(struct csv_table *t);

struct csv_out {
	char *buf;
	size_t len;
	int fresh_line;
};
void csv_cell(struct csv_out *o, const char *value);
void csv_cell_int(struct csv_out *o, long long v);
void csv_end_row(struct csv_out *o);

#endif
