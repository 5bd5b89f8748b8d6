/* Bringing a database made by an older schema.sql up to date (see
 * schema_upgrade.h).  Runs before any request is served, so it is the only
 * writer in the process; BEGIN IMMEDIATE keeps another process out, and the
 * version is read again inside the transaction, so two processes opening
 * the same old database upgrade it once. */
#define _GNU_SOURCE
#include "db/schema_upgrade.h"
#include "db/db.h"
#include "lib/readfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK "-- Schema version "

/* Part n of the schema (a copy), or NULL. */
static char *schema_part(const char *sql, int n)
{
	for (const char *p = strstr(sql, MARK); p; p = strstr(p + 1, MARK)) {
		if ((p != sql && p[-1] != '\n') || atoi(p + strlen(MARK)) != n)
			continue;
		const char *end = strstr(p + 1, "\n" MARK);
		return strndup(p, end ? (size_t)(end + 1 - p) : strlen(p));
	}
	return NULL;
}

/* Scripts without parameters, as db_init_schema applies schema.sql. */
static int exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "staffroom: schema upgrade: %s\n", err ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	return rc == SQLITE_OK ? 0 : -1;
}

/* A part may edit a table's stored SQL under writable_schema (a widened
 * CHECK).  SQLite then needs the schema cookie raised, so that every
 * connection, in this process or another, reads the new definition; it is
 * raised after every part, which is harmless when nothing was edited. */
static int bump_schema_cookie(sqlite3 *db)
{
	char sql[96];
	/* A PRAGMA takes no binds; the value is a number read just now. */
	snprintf(sql, sizeof sql, "PRAGMA schema_version = %lld; PRAGMA writable_schema = OFF",
		 (long long)db_int(0, "PRAGMA schema_version", "") + 1);
	return exec(db, sql);
}

static int apply(sqlite3 *db, const char *part, int n)
{
	char set_version[48];
	/* A PRAGMA takes no binds; n is a number, not input. */
	snprintf(set_version, sizeof set_version, "PRAGMA user_version = %d", n);
	if (exec(db, "BEGIN IMMEDIATE") != 0)
		return -1;
	int rc = 0;
	if (db_schema_version() < n)
		rc = exec(db, part) != 0 || bump_schema_cookie(db) != 0 ||
				     exec(db, set_version) != 0
			     ? -1
			     : 0;
	if (rc == 0 && exec(db, "COMMIT") == 0)
		return 0;
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int schema_upgrade(const char *schema_path)
{
	sqlite3 *db = db_handle();
	int version = db ? db_schema_version() : -1;
	if (version < 1)
		return -1;
	if (version >= SCHEMA_VERSION)
		return 0;
	size_t len;
	char *sql = read_whole_file(schema_path, &len, 1 << 22);
	if (!sql) {
		fprintf(stderr, "staffroom: cannot read %s to upgrade the database\n", schema_path);
		return -1;
	}
	int rc = 0;
	for (int n = version + 1; rc == 0 && n <= SCHEMA_VERSION; n++) {
		char *part = schema_part(sql, n);
		if (!part)
			fprintf(stderr, "staffroom: %s has no part for schema version %d\n",
				schema_path, n);
		rc = part ? apply(db, part, n) : -1;
		free(part);
	}
	free(sql);
	return rc == 0 ? SCHEMA_VERSION - version : -1;
}
