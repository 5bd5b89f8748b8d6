#define _GNU_SOURCE
/* The database's files and who else on the machine may read them.
 *
 * SQLite gives a new -wal or -shm file the database's own mode (it calls
 * fchmod after creating it, whatever the umask), so a database copied in
 * with mode 0644 (scp, cp without -p) makes world-readable copies of every
 * record written since: safeguarding concerns among them (UK GDPR Art. 32;
 * docs/SOURCES.md).  Under the servers' system-call filter that fchmod was
 * also what killed them at start-up, with no word said.  So a database, or
 * a -wal or -shm already beside it, that others may read or change is
 * refused before anything opens it, saying what to run, as the key file is
 * (lib/keyfile.c).  Its group may read it (0640), for a service group: the
 * filter allows that fchmod (http/sandbox.c). */
#include "db/db.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static int open_to_others(const char *what, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !(st.st_mode & S_IRWXO))
		return 0;
	fprintf(stderr,
		"staffroom: %s %s can be read or changed by other users (mode %03o): run "
		"'chmod 600 %s' (or 640 for a service group), then run staffroom again; nothing "
		"was opened\n",
		what, path, (unsigned)(st.st_mode & 0777), path);
	return 1;
}

int db_files_private(const char *db_path)
{
	/* SQLite keeps the -wal and -shm beside the file a link names. */
	char *real = realpath(db_path, NULL);
	const char *at = real ? real : db_path;
	char *wal = xasprintf("%s-wal", at), *shm = xasprintf("%s-shm", at);
	int open = open_to_others("the database", db_path) ||
		   open_to_others("the database's write-ahead log", wal) ||
		   open_to_others("the database's shared-memory file", shm);
	free(wal);
	free(shm);
	free(real);
	return open ? -1 : 0;
}
