/* CSV in through libcsv, and CSV out quoted and safe for spreadsheets. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lib/csv.h"

static void quoted_fields_and_bom(void **state)
{
	(void)state;
	const char *in = "\xEF\xBB\xBF" "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\nlast,\n";
	struct csv_table t;
	char err[128];
	assert_int_equal(csv_load(in, strlen(in), &t, err, sizeof err), 0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0].fields[0], "a");
	assert_string_equal(t.rows[1].fields[0], "x, y");
	assert_string_equal(t.rows[1].fields[1], "say \"hi\"");
	assert_int_equal(t.rows[2].nfields, 2);
	assert_string_equal(t.rows[2].fields[1], "");
	assert_int_equal(t.rows[2].line, 3);
	csv_table_free(&t);
}

static void broken_quoting_and_binary_are_refused(void **state)
{
	(void)state;
	struct csv_table t;
	char err[128];
	const char *bad = "a,b\n\"open,never closed\n";
	assert_int_equal(csv_load(bad, strlen(bad), &t, err, sizeof err), -1);
	const char bin[] = { 'a', ',', (char)0xff, '\n' };
	assert_int_equal(csv_load(bin, sizeof bin, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "UTF-8"));
	assert_int_equal(t.error_line, 1);
	/* Latin-1 "é" on the third line, after a line ended by CR LF. */
	const char *latin1 = "email,name\r\na@x.school,Ann\r\nb@x.school,Jos\xe9\r\n";
	assert_int_equal(csv_load(latin1, strlen(latin1), &t, err, sizeof err), -1);
	assert_int_equal(t.error_line, 3);
	assert_string_equal(err, "This line is not UTF-8 text: the file was saved in another "
				 "encoding. Save it as 'CSV UTF-8' and try again.");
	const char nul[] = "a,b\nc,d\n\ne,\0\n";
	assert_int_equal(csv_load(nul, sizeof nul - 1, &t, err, sizeof err), -1);
	assert_int_equal(t.error_line, 4);
}

/* Each record's line is the line of the file it starts on: blank lines and
 * line breaks inside quoted cells count, whatever ends the lines. */
static void lines_are_the_file_s_lines(void **state)
{
	(void)state;
	const char *in = "h1,h2\r\n\r\na,b\r\n\"two\r\nlines\",c\r\nd,\"say \"\"x\"\"\"\n\ne,f\rg,h";
	struct csv_table t;
	char err[200];
	assert_int_equal(csv_load(in, strlen(in), &t, err, sizeof err), 0);
	assert_int_equal(t.nrows, 6);
	const size_t lines[] = { 1, 3, 4, 6, 8, 9 };
	for (size_t r = 0; r < 6; r++)
		assert_int_equal(t.rows[r].line, lines[r]);
	assert_string_equal(t.rows[2].fields[0], "two\r\nlines");
	csv_table_free(&t);
}

/* Refusals name the line at fault and say what to do, in plain words. */
static void refusals_say_the_line_and_what_to_do(void **state)
{
	(void)state;
	struct csv_table t;
	char err[200];
	const char *stray = "a,b\n\nJo \"JJ\" Smith,x\n";
	assert_int_equal(csv_load(stray, strlen(stray), &t, err, sizeof err), -1);
	assert_int_equal(t.error_line, 3);
	assert_non_null(strstr(err, "Put the whole cell in quotes and write the mark twice"));
	assert_null(strstr(err, "strict"));
	const char *open = "a,b\n\"x,\ny\n";
	assert_int_equal(csv_load(open, strlen(open), &t, err, sizeof err), -1);
	assert_int_equal(t.error_line, 2);
	assert_non_null(strstr(err, "never closed"));
	char wide[200] = "a\n\nb";
	memset(wide + strlen(wide), ',', 64);
	assert_int_equal(csv_load(wide, strlen(wide), &t, err, sizeof err), -1);
	assert_int_equal(t.error_line, 3);
	assert_non_null(strstr(err, "more than 64 columns"));
	assert_null(strstr(err, "too large"));
}

static void output_quotes_and_neutralises_formulas(void **state)
{
	(void)state;
	struct csv_out o = { 0 };
	csv_cell(&o, "=HYPERLINK(\"http://evil\")");
	csv_cell(&o, "+1");
	csv_cell(&o, "-2");
	csv_cell(&o, "@SUM(A1)");
	csv_cell(&o, "plain, \"quoted\"");
	csv_cell_int(&o, 7);
	csv_end_row(&o);
	assert_string_equal(o.buf, CSV_BOM "\"'=HYPERLINK(\"\"http://evil\"\")\",\"'+1\",\"'-2\",\"'@SUM(A1)\","
				   "\"plain, \"\"quoted\"\"\",7\r\n");
	free(o.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_fields_and_bom),
		cmocka_unit_test(broken_quoting_and_binary_are_refused),
		cmocka_unit_test(lines_are_the_file_s_lines),
		cmocka_unit_test(refusals_say_the_line_and_what_to_do),
		cmocka_unit_test(output_quotes_and_neutralises_formulas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
