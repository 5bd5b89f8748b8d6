#define _GNU_SOURCE
/* Whether a long-running server has the database open, for `restore`,
 * which must not put a file in place of the one a server keeps writing
 * (its WAL and records acknowledged to people would go to the old file).
 *
 * Why a lock on a file of its own, DATABASE.lock, taken with fcntl's
 * open-file-description locks (F_OFD_SETLK):
 * - not on the database: SQLite's own locks are on its bytes and its
 *   -shm file, and a process that closes any descriptor of a file loses
 *   every POSIX lock it held on it; a separate file cannot touch them, and
 *   depends on nothing private to SQLite;
 * - not on the anchor file: restore renames it, and each CGI process holds
 *   a write lock on it after answering (http/cgi.c), which is not a server;
 * - OFD locks belong to the open file, not the process: held by the
 *   descriptor for the life of the process (it is never closed), whatever
 *   thread, and untouched by dropping root after it was taken;
 * - the kernel drops them when the process ends, even killed: nothing
 *   stale is left to clean up, and the file itself is only a place to lock;
 * - a server takes a shared lock, so that several processes of one
 *   FastCGI pool can serve together; restore takes the exclusive one,
 *   without waiting, so it refuses while any server (or another restore)
 *   holds a lock, and a server refuses to start during a restore;
 * - a process about to upgrade the schema turns its shared lock into an
 *   exclusive one on the first byte alone, without waiting: it refuses while
 *   any other process holds the database (an older server would stop on the
 *   upgraded schema), and the holder of a lock that refused another is told
 *   by its range (a restore's is the whole file).
 * The file is made like the key and anchor files (mode 0600, by whoever
 * runs first: DEPLOY.md has the commands run as the service's user); a
 * server started as root opens it before dropping root, and keeps it.
 * Made by root, it is given to the database's owner (see owned_like). */
#include "db/db.h"
#include "lib/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Beside the file itself: a server and a restore that reach one database
 * by different names (a symbolic link, a relative path) lock the same file.
 * A database not made yet has no real name: the name given. */
char *db_lock_path(const char *db_path)
{
	char *real = realpath(db_path, NULL);
	char *lock = xasprintf("%s.lock", real ? real : db_path);
	free(real);
	return lock;
}

/* The whole file: any lock one side holds conflicts with the other's. */
static struct flock whole(short type)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	return fl;
}

/* Who holds the lock that refused ours: a writer is a restore, or an
 * upgrade (its first byte only); readers are servers and commands.  Asked
 * as a reader, so that only a writer's lock is named. */
static int holder(int fd)
{
	struct flock fl = whole(F_RDLCK);
	if (fcntl(fd, F_OFD_GETLK, &fl) != 0 || fl.l_type != F_WRLCK)
		return DB_IN_USE_SERVER;
	return fl.l_len == 0 ? DB_IN_USE_RESTORE : DB_IN_USE_UPGRADE;
}

/* A lock file root made (a restore run with sudo alone, even one refused,
 * or a server started as root with --user) would stop the service's user
 * from opening it ever after: a server started as that user could not
 * start, and restore as that user could not run.  It is the database's
 * owner's, as the database is. */
static void owned_like(int fd, const char *db_path)
{
	struct stat lock, db;
	if (geteuid() == 0 && fstat(fd, &lock) == 0 && lock.st_uid == 0 &&
	    stat(db_path, &db) == 0 && db.st_uid != 0 && fchown(fd, db.st_uid, db.st_gid) != 0)
		return; /* kept as it is: root can still open it */
}

/* The shared lock's descriptor, kept for an upgrade to make exclusive. */
static int shared_fd = -1;

int db_in_use_lock(const char *db_path, int restoring)
{
	char *path = db_lock_path(db_path);
	/* Open for writing as well: an upgrade's exclusive lock is taken on
	 * the same open file, as another one would conflict with our own. */
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return -1;
	owned_like(fd, db_path);
	struct flock fl = whole(restoring ? F_WRLCK : F_RDLCK);
	if (fcntl(fd, F_OFD_SETLK, &fl) == 0) {
		if (!restoring)
			shared_fd = fd;
		return 0; /* fd stays open: the lock lasts as long as the process */
	}
	int busy = errno == EAGAIN || errno == EACCES ? holder(fd) : -1;
	int saved = errno;
	close(fd);
	errno = saved;
	return busy;
}

int db_in_use_upgrade(int on)
{
	if (shared_fd < 0)
		return 0; /* a restore's whole lock, or none (CGI): nothing to turn */
	struct flock fl = whole(on ? F_WRLCK : F_RDLCK);
	fl.l_len = 1;
	if (fcntl(shared_fd, F_OFD_SETLK, &fl) == 0)
		return 0;
	return errno == EAGAIN || errno == EACCES ? DB_IN_USE_SERVER : -1;
}
