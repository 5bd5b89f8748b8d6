#define _GNU_SOURCE
/* `staffroom restore`: a backup put in place of the database, and a row in
 * the restored audit log saying so.  The backup's log ends where it was
 * taken, so without that row nothing in the database would show that its
 * records were replaced (UK GDPR Art. 5(1)(f) and 32, the integrity of the
 * records; docs/SOURCES.md).  The copy is made beside the database and
 * checked there first: a backup that is not a staffroom database, or whose
 * log the key does not verify, changes nothing.
 *
 * The backup also brings back what was spent after it was taken: sessions
 * since signed out, ended by an administrator or by a password change, and
 * one-time password links since used or replaced.  Someone signed out after
 * a suspected compromise would be signed in again by the restore.  So the
 * restored copy ends every session and spends every link before it takes
 * the database's place: everyone signs in again (ASVS 5.0 7.4.1, 7.4.5). */
#include "core/restore.h"
#include "core/audit.h"
#include "core/sessions.h"
#include "db/db.h"
#include "lib/util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* The backup opened read-only and immutable (a URI, its path escaped): a
 * read-only connection to a WAL database otherwise makes BACKUP-wal and
 * BACKUP-shm beside it, and leaves them there.  Immutable reads the file
 * alone, without locks or a WAL: `staffroom backup` writes a whole file,
 * and one still being written is not a backup to restore. */
static int open_backup(const char *backup, sqlite3 **db)
{
	char *path = percent_encode(backup, "/-._~");
	char *uri = xasprintf("file:%s?immutable=1", path);
	free(path);
	int rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

/* 0 when the file is a SQLite database whose audit log has rows. */
int restore_check(const char *backup, char *why, size_t n)
{
	struct stat st;
	if (stat(backup, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, n, "there is no backup file %s", backup);
		return -1;
	}
	sqlite3 *b = NULL;
	sqlite3_stmt *st_ok = NULL, *st_rows = NULL;
	int ok = open_backup(backup, &b) == SQLITE_OK &&
		 sqlite3_prepare_v2(b, "PRAGMA quick_check", -1, &st_ok, NULL) == SQLITE_OK &&
		 sqlite3_step(st_ok) == SQLITE_ROW &&
		 sqlite3_stricmp((const char *)sqlite3_column_text(st_ok, 0), "ok") == 0;
	ok = ok && sqlite3_prepare_v2(b, "SELECT count(*) FROM audit", -1, &st_rows, NULL) ==
			   SQLITE_OK &&
	     sqlite3_step(st_rows) == SQLITE_ROW && sqlite3_column_int64(st_rows, 0) > 0;
	sqlite3_finalize(st_ok);
	sqlite3_finalize(st_rows);
	sqlite3_close(b);
	if (!ok)
		snprintf(why, n, "%s is not a backup of a staffroom database (a damaged file, or "
				 "no audit log)",
			 backup);
	return ok ? 0 : -1;
}

/* SQLite's backup, the other way round: the backup copied into a new file. */
int restore_copy(const char *backup, const char *to)
{
	sqlite3 *from = NULL, *out = NULL;
	int rc = open_backup(backup, &from);
	if (rc == SQLITE_OK)
		rc = sqlite3_open(to, &out);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(out, "main", from, "main") : NULL;
	int step = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	sqlite3_backup_finish(b);
	rc = out ? sqlite3_errcode(out) : SQLITE_ERROR;
	sqlite3_close(out);
	sqlite3_close(from);
	return step == SQLITE_DONE && rc == SQLITE_OK ? 0 : -1;
}

/* In the open transaction: every session and sign-in half made ended, every
 * one-time link spent, and the e-mails still to carry one not sent (their
 * text goes, by the outbox_one_time trigger).  Every row, by design. */
static void spend_everything(struct restore_spent *spent)
{
	char at[ISO_LEN];
	iso_now(at);
	int64_t people = 0;
	spent->sessions = sessions_end_everyone(NULL, &people);
	db_exec(WHOLE_TABLE_REPORT "UPDATE password_links SET used_at = ? WHERE used_at IS NULL",
		"t", at);
	spent->links = db_changes();
	db_exec(WHOLE_TABLE_REPORT "UPDATE oidc_starts SET used_at = ? WHERE used_at IS NULL", "I",
		(int64_t)now());
	db_exec("UPDATE outbox SET status = 'failed', last_error = 'its one-time link was spent by "
		"a restore from a backup' WHERE status = 'queued' AND id IN (SELECT outbox_id FROM "
		"outbox_one_time)",
		"");
}

int restore_audit(const char *backup, const char *anchors_kept, struct restore_spent *spent)
{
	struct stat st;
	char taken[ISO_LEN] = "unknown";
	if (stat(backup, &st) == 0)
		iso_time(st.st_mtime, taken);
	int rc = db_begin();
	if (rc == 0) {
		spend_everything(spent);
		char *detail = xasprintf(
			"restored on the command line from the backup file %s (last written %s); "
			"rows written after it was taken are not in this log; %d sessions ended "
			"and %d one-time password links spent, so everyone signs in again%s%s",
			backup, taken, spent->sessions, spent->links,
			anchors_kept ? "; the anchors before it are in " : "",
			anchors_kept ? anchors_kept : "");
		audit_as(0, "command line", "", "database.restore", backup, detail);
		free(detail);
		rc = db_commit();
	}
	return rc;
}
