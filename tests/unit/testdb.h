/* A fresh database from schema.sql for a unit test (run from the top folder). */
#ifndef STAFFROOM_TESTDB_H
#define STAFFROOM_TESTDB_H

#include "core/audit.h"
#include "db/db.h"
#include "lib/config.h"
#include "lib/keyfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char testdb_path[64];

static int testdb_open(void **state)
{
	(void)state;
	snprintf(testdb_path, sizeof testdb_path, "/tmp/staffroom-unit-XXXXXX");
	int fd = mkstemp(testdb_path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(testdb_path);
	db_configure(testdb_path);
	return db_init_schema("schema.sql");
}

static int testdb_close(void **state)
{
	(void)state;
	db_close_thread();
	char p[80];
	unlink(testdb_path);
	snprintf(p, sizeof p, "%s-wal", testdb_path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", testdb_path);
	unlink(p);
	return 0;
}

/* The same with the audit chain keyed: a key file beside the database, and
 * the chain's start row written (audit() needs both). */
static char testdb_key_path[80];

static inline int testdb_open_keyed(void **state)
{
	if (testdb_open(state) != 0)
		return -1;
	snprintf(testdb_key_path, sizeof testdb_key_path, "%s.key", testdb_path);
	cfg.key_file = testdb_key_path;
	return keyfile_ensure(testdb_key_path) == 0 && audit_start_keyed() == 0 ? 0 : -1;
}

static inline int testdb_close_keyed(void **state)
{
	unlink(testdb_key_path);
	return testdb_close(state);
}

/* The values a CHECK on table.column allows, as JSON array text, or NULL:
 * written "column IN ('a','b')" or "column = 'a' OR column = 'b'" (schema.sql
 * uses comparisons where an IN list would cost a temporary table on every
 * insert).  The caller frees it. */
static inline char *testdb_check_values(const char *table, const char *column)
{
	return db_text(
		"WITH s AS (SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1), "
		"a AS (SELECT substr(sql, instr(sql, ?2 || ' IN (') + length(?2) + 5) AS rest FROM s "
		"WHERE instr(sql, ?2 || ' IN (') > 0), "
		"b AS (SELECT substr(sql, instr(sql, 'CHECK (' || ?2 || ' = ') + 7) AS rest FROM s "
		"WHERE instr(sql, 'CHECK (' || ?2 || ' = ') > 0) "
		"SELECT '[' || replace(substr(rest, 1, instr(rest, ')') - 1), '''', '\"') || ']' "
		"FROM a UNION ALL "
		"SELECT '[' || replace(replace(replace(substr(rest, 1, instr(rest, ')') - 1), "
		"?2 || ' = ', ''), ' OR', ','), '''', '\"') || ']' FROM b LIMIT 1",
		"tt", table, column);
}

/* n people, p1@school.example to pn@school.example ("Person 1"...), inside
 * the caller's write. */
static inline void testdb_insert_people(int n)
{
	db_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
		"INSERT INTO users(email, name, created_at) "
		"SELECT 'p' || i || '@school.example', 'Person ' || i, '2026-09-01T08:00:00Z' FROM n",
		"i", n);
}

#endif
