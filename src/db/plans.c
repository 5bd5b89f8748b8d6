/* The query-plan check (STAFFROOM_CHECK_PLANS=1): each statement, when
 * first prepared on a connection, is explained, and a full table scan (of
 * the table, of all of one of its indexes, or to fill a Bloom filter or an
 * automatic index) is reported on stderr, where
 * tests/http/query_plans.test.mjs looks for it. */
#include "db/db.h"
#include "db/internal.h"

#include <stdio.h>
#include <string.h>

int check_plans;

/* Tables with a handful of rows that do not grow with the school's records
 * (set by an administrator, or one row per set of roles or per group of
 * staff): reading them whole is cheaper than any index. */
static const char *const small_tables[] = { "routing",	      "settings",	 "courses",
					    "closure_days",   "policies",	 "policy_versions",
					    "policy_renewals", "concern_counts", "role_bits",
					    "staff_counts",   "awaiting_counts" };

static int small_table(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof small_tables / sizeof small_tables[0]; i++)
		if (strlen(small_tables[i]) == len && strncmp(small_tables[i], name, len) == 0)
			return 1;
	return 0;
}

/* The plan names a table by its alias ("SCAN p"): find "table alias" in the SQL. */
static int small_alias(const char *sql, const char *alias, size_t len)
{
	for (size_t i = 0; i < sizeof small_tables / sizeof small_tables[0]; i++) {
		const char *t = small_tables[i];
		size_t tl = strlen(t);
		for (const char *p = strstr(sql, t); p; p = strstr(p + 1, t))
			if (p[tl] == ' ' && strncmp(p + tl + 1, alias, len) == 0 &&
			    (p[tl + 1 + len] == ' ' || p[tl + 1 + len] == 0 ||
			     p[tl + 1 + len] == ','))
				return 1;
	}
	return 0;
}

/* Is name a common table expression of the SQL: the first ("WITH RECURSIVE
 * name(...", "WITH name AS") or one after it (", name AS (")? */
static int cte_name(const char *sql, const char *name, size_t len)
{
	static const char *const starts[] = { "WITH RECURSIVE ", "WITH " };
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		const char *p = strstr(sql, starts[i]);
		if (p && strncmp(p + strlen(starts[i]), name, len) == 0 &&
		    strchr("( ", p[strlen(starts[i]) + len]))
			return 1;
	}
	for (const char *p = strstr(sql, ", "); p; p = strstr(p + 2, ", "))
		if (strncmp(p + 2, name, len) == 0 && strncmp(p + 2 + len, " AS (", 5) == 0)
			return 1;
	return 0;
}

/* Does the table the plan names (or its alias in the SQL) grow with the
 * school's records?  Not a small table, nor a common table expression. */
static int grows(const char *sql, const char *name, size_t len)
{
	return !small_table(name, len) && !small_alias(sql, name, len) &&
	       !cte_name(sql, name, len);
}

/* Is the index partial (CREATE INDEX ... WHERE)?  It then holds only the
 * rows its WHERE keeps. */
static int partial_index(sqlite3 *db, const char *name, size_t len)
{
	sqlite3_stmt *st = NULL;
	int partial = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT 1 FROM sqlite_schema s, pragma_index_list(s.tbl_name) l "
			       "WHERE s.type = 'index' AND s.name = ?1 AND l.name = s.name "
			       "AND l.partial",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, name, (int)len, SQLITE_TRANSIENT) == SQLITE_OK)
		partial = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return partial;
}

/* Does a plan line read every row of a table that grows with the school?
 * "SCAN t" without an index; "SCAN t USING [COVERING] INDEX i", every entry
 * of i, one for each row of t (a whole table read in the index's order);
 * "BLOOM FILTER ON t", which SQLite fills by reading all of t before the
 * join; "SEARCH t USING AUTOMATIC ... INDEX", an index it builds by reading
 * all of t each time the statement runs.  Virtual tables (json_each),
 * subqueries and constant rows are not stored tables.  An index read is not
 * reported when LIMIT stops it (an ordered list's page, whose cost make
 * bench compares between a small school and a large trust) or when the
 * index is partial: it holds only what its WHERE keeps (the requests still
 * open), not the school's years of records. */
static int reads_whole(sqlite3 *db, const char *sql, const char *detail)
{
	const char *name = NULL, *index = NULL;
	if (strstr(detail, "VIRTUAL TABLE"))
		return 0;
	if (strncmp(detail, "BLOOM FILTER ON ", 16) == 0) {
		name = detail + 16;
	} else if (strncmp(detail, "SEARCH ", 7) == 0 && strstr(detail, " USING AUTOMATIC ")) {
		name = detail + 7;
	} else if (strncmp(detail, "SCAN ", 5) == 0 &&
		   strncmp(detail, "SCAN CONSTANT ROW", 17) != 0) {
		name = detail + 5;
		if (strstr(detail, " USING ")) {
			index = strstr(detail, " INDEX ");
			if (!index || strstr(sql, " LIMIT "))
				return 0;
			index += strlen(" INDEX ");
		}
	}
	if (!name || name[0] == '(' || !grows(sql, name, strcspn(name, " ")))
		return 0;
	return !index || !partial_index(db, index, strcspn(index, " "));
}

/* Every statement is checked once, when first prepared on a connection, so
 * running the pages (tests/http/query_plans.test.mjs) checks every query
 * they make.  The report goes to stderr, where the test looks for it. */
void plan_check(sqlite3 *db, const char *sql)
{
	/* Declared exceptions: a report that summarises every record says so in its SQL. */
	if (strstr(sql, WHOLE_TABLE_REPORT))
		return;
	/* A scan in rowid or index order with no filter, stopped by LIMIT (no sort),
	 * reads one page, not the table ("the last audit row"). */
	int bounded = strstr(sql, " LIMIT ") != NULL && !strstr(sql, " WHERE ");
	char scans[1024] = "";
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	if (q && sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);
			if (detail && strstr(detail, "USE TEMP B-TREE FOR ORDER BY"))
				bounded = 0;
			if (detail && reads_whole(db, sql, detail) &&
			    strlen(scans) + strlen(detail) + 3 < sizeof scans) {
				strcat(scans, scans[0] ? "; " : "");
				strcat(scans, detail);
			}
		}
	sqlite3_finalize(st);
	sqlite3_free(q);
	if (scans[0] && !bounded)
		fprintf(stderr, "staffroom: full table scan (%s) in: %s\n", scans, sql);
}
