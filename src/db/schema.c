/* Setting up a new database: schema.sql applied whole (see schema_upgrade.c
 * for bringing an older one up to date). */
#include "db/db.h"
#include "db/internal.h"
#include "lib/readfile.h"

#include <stdio.h>
#include <stdlib.h>

int db_schema_version(void)
{
	return (int)db_int(-1, "PRAGMA user_version", "");
}

/* The schema is applied as one script inside one transaction: either the
 * whole data model exists afterwards, or nothing does. */
int db_init_schema(const char *schema_path)
{
	if (!db_handle())
		return -1;
	int version = db_schema_version();
	if (version >= 1)
		return 0;
	size_t len;
	char *sql = read_whole_file(schema_path, &len, 1 << 22);
	if (!sql) {
		fprintf(stderr, "staffroom: cannot read %s\n", schema_path);
		return -1;
	}
	char *err = NULL;
	pthread_mutex_lock(&write_lock);
	int rc = sqlite3_exec(tl_conn->db, "BEGIN IMMEDIATE", NULL, NULL, &err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(tl_conn->db, sql, NULL, NULL, &err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(tl_conn->db, "PRAGMA user_version = 1; COMMIT", NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "staffroom: schema: %s\n", err ? err : sqlite3_errstr(rc));
		sqlite3_exec(tl_conn->db, "ROLLBACK", NULL, NULL, NULL);
	}
	uint64_t seq = commit_note();
	pthread_mutex_unlock(&write_lock);
	if (rc == SQLITE_OK && commit_wait_durable(seq) != 0)
		rc = SQLITE_IOERR;
	sqlite3_free(err);
	free(sql);
	return rc == SQLITE_OK ? 0 : -1;
}
