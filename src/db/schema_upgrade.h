/* Bringing a database made by an older schema.sql up to date.
 *
 * schema.sql is the whole data model.  `staffroom init` applies all of it
 * to a new database (db_init_schema, which sets user_version 1).  What was
 * added to the model later starts at a line "-- Schema version N..." and
 * runs to the next such line or the end of the file; it is written so that
 * it may run again on a database that already has it (IF NOT EXISTS, and
 * anything it keeps rebuilt from the records).  A database whose
 * user_version is below N gets part N, in one transaction that also sets
 * user_version to N. */
#ifndef STAFFROOM_SCHEMA_UPGRADE_H
#define STAFFROOM_SCHEMA_UPGRADE_H

/* The last "-- Schema version N" part of schema.sql. */
#define SCHEMA_VERSION 57

/* Applies the parts this thread's database lacks; schema.sql is read only
 * when there is one.  The number of parts applied, or -1 with a message on
 * stderr. */
int schema_upgrade(const char *schema_path);

#endif
