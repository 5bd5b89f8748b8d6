/* CSV import: libcsv through csv_load, then the staff sync (read, and
 * applied when no line is refused, rolled back after every input) and the
 * training import's row checks, against the real schema in memory. */
#define _GNU_SOURCE
#include "lib/csv.h"
#include "fuzz_db.h"
#include "core/staff_sync.h"
#include "features/training/training.h"

#include <assert.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_db_open();
	return 0;
}

static void check_training(const struct csv_table *t)
{
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		if (row->nfields != 4)
			continue;
		struct training_input in = { row->fields[0], row->fields[1], row->fields[2],
					     *row->fields[3] ? row->fields[3] : NULL };
		int64_t uid;
		int status;
		const char *field, *why = training_problem(&in, &uid, &status, &field);
		assert(why ? (status == 400 || status == 409) && field : uid == 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	struct csv_table t;
	char err[200] = "";
	if (csv_load((const char *)data, size, &t, err, sizeof err) == 0) {
		for (size_t r = 0; r < t.nrows; r++)
			for (size_t f = 0; f < t.rows[r].nfields; f++)
				assert(utf8_valid(t.rows[r].fields[f], strlen(t.rows[r].fields[f])));
		check_training(&t);
		csv_table_free(&t);
	} else {
		assert(err[0] && t.nrows == 0 && !t.rows);
	}
	/* The staff sync reads any file; one without refused lines applies. */
	int64_t before = db_int(-1, "SELECT count(*) FROM users", "");
	assert(db_begin() == 0);
	struct staff_sync s;
	staff_sync_read((const char *)data, size, &s);
	if (json_array_size(s.refused) == 0)
		assert(staff_sync_apply(NULL, &s) == 0);
	db_rollback();
	assert(db_int(-1, "SELECT count(*) FROM users", "") == before);
	staff_sync_free(&s);
	return 0;
}
