#define _GNU_SOURCE
/* A command run as root (sudo staffroom restore, init on a new folder) makes
 * files beside the database: restore's new database file and anchor file,
 * init's database, key and anchor files, the lock file, a -wal or -shm still
 * there.  Left root's, mode 0600, the service's user could not open them: the
 * server would not start, and later commands run as that user would fail.
 * They are given the owner and group of the database they replace, or of
 * its folder for a new one, as the lock file is (db/in_use.c).  Only files
 * made or replaced by this command, and only root's: a file someone else
 * owns, or one that was there before, is left as it is. */
#include "core/made_as_root.h"
#include "core/audit_anchor.h"
#include "db/db.h"
#include "lib/config.h"
#include "lib/keyfile.h"
#include "lib/util.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DB_FILE, WAL, SHM, KEY, ANCHORS, LOCK, FILES };

static struct {
	char *path;
	int was_there;
	ino_t ino;
} files[FILES];
static uid_t owner_uid;
static gid_t owner_gid;
static int noted;

/* The database's owner, or its folder's: 0 when that is someone other than root. */
static int owner_of(const char *db_path)
{
	struct stat st;
	int found = stat(db_path, &st) == 0;
	if (!found) {
		char *copy = xstrdup(db_path);
		found = stat(dirname(copy), &st) == 0;
		free(copy);
	}
	if (!found || st.st_uid == 0)
		return -1;
	owner_uid = st.st_uid;
	owner_gid = st.st_gid;
	return 0;
}

void made_as_root_note(void)
{
	if (geteuid() != 0 || !cfg.db_path || owner_of(cfg.db_path) != 0)
		return;
	/* SQLite keeps the -wal and -shm beside the file a link names. */
	char *real = realpath(cfg.db_path, NULL);
	const char *db = real ? real : cfg.db_path;
	files[DB_FILE].path = xstrdup(db);
	files[WAL].path = xasprintf("%s-wal", db);
	files[SHM].path = xasprintf("%s-shm", db);
	files[KEY].path = cfg.key_file ? xstrdup(cfg.key_file) : keyfile_default(cfg.db_path);
	files[ANCHORS].path = xstrdup(audit_anchor_path());
	files[LOCK].path = db_lock_path(cfg.db_path);
	free(real);
	for (int i = 0; i < FILES; i++) {
		struct stat st;
		files[i].was_there = stat(files[i].path, &st) == 0;
		files[i].ino = files[i].was_there ? st.st_ino : 0;
	}
	noted = 1;
}

void made_as_root_give(void)
{
	for (int i = 0; noted && i < FILES; i++) {
		struct stat st;
		int made = lstat(files[i].path, &st) == 0 && S_ISREG(st.st_mode) &&
			   (!files[i].was_there || st.st_ino != files[i].ino);
		/* Should it fail, the file stays root's: the server's start-up
		 * names it and its owner. */
		if (made && st.st_uid == 0 && chown(files[i].path, owner_uid, owner_gid) != 0)
			continue;
	}
	for (int i = 0; i < FILES; i++) {
		free(files[i].path);
		files[i].path = NULL;
	}
	noted = 0;
}
