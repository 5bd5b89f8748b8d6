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

#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A user's or group's name, or its number when it has none. */
static void id_name(const char *name, unsigned id, char *out, size_t n)
{
	if (name)
		copy_str(out, n, name);
	else
		snprintf(out, n, "%u", id);
}

static void user_name(uid_t uid, char *out, size_t n)
{
	struct passwd *pw = getpwuid(uid);
	id_name(pw ? pw->pw_name : NULL, (unsigned)uid, out, n);
}

/* WHAT (a file, or the folder) is another user's: whose, and what to run. */
static void say_owner(const char *db_path, const char *me, const char *what, const char *path,
		      const char *cannot)
{
	struct stat st;
	char owner[64] = "?", group[64] = "?";
	unsigned mode = 0;
	if (stat(path, &st) == 0) {
		user_name(st.st_uid, owner, sizeof owner);
		struct group *gr = getgrgid(st.st_gid);
		id_name(gr ? gr->gr_name : NULL, (unsigned)st.st_gid, group, sizeof group);
		mode = st.st_mode & 0777;
	}
	fprintf(stderr,
		"staffroom: cannot open the database %s as user %s: %s %s belongs to %s:%s "
		"(mode %03o), so %s cannot %s: run 'chown %s: %s', and run restore and init as %s "
		"(sudo -u %s staffroom ...)\n",
		db_path, me, what, path, owner, group, mode, me, cannot, me, path, me, me);
}

/* A -wal or -shm file there that this user cannot read and write. */
static int side_file_closed(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && access(path, R_OK | W_OK) != 0;
}

void db_say_unreachable(const char *db_path, const char *user)
{
	char me[64];
	if (user)
		copy_str(me, sizeof me, user);
	else
		user_name(geteuid(), me, sizeof me);
	char *real = realpath(db_path, NULL);
	const char *at = real ? real : db_path;
	char *folder = xstrdup(at);
	char *wal = xasprintf("%s-wal", at), *shm = xasprintf("%s-shm", at);
	const char *dir = dirname(folder);
	struct stat st;
	if (access(dir, X_OK) != 0)
		say_owner(db_path, me, "the folder", dir, "reach the files in it");
	else if (stat(at, &st) == 0 && access(at, R_OK | W_OK) != 0)
		say_owner(db_path, me, "the file", at, "read and write it");
	else if (side_file_closed(wal))
		say_owner(db_path, me, "its write-ahead log", wal, "read and write it");
	else if (side_file_closed(shm))
		say_owner(db_path, me, "its shared-memory file", shm, "read and write it");
	else if (access(dir, W_OK) != 0)
		say_owner(db_path, me, "the folder", dir, "make the -wal and -shm files in it");
	else
		fprintf(stderr, "staffroom: cannot open the database %s as user %s\n", db_path, me);
	free(shm);
	free(wal);
	free(folder);
	free(real);
}
