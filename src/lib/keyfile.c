#define _GNU_SOURCE
#include "lib/keyfile.h"
#include "lib/secret_file.h"
#include "lib/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *keyfile_default(const char *db_path)
{
	return xasprintf("%s.key", db_path);
}

int keyfile_ensure(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	unsigned char key[VAULT_KEY_BYTES];
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	int ok = write(fd, key, sizeof key) == (ssize_t)sizeof key && fsync(fd) == 0;
	sodium_memzero(key, sizeof key);
	close(fd);
	if (!ok)
		unlink(path);
	return ok ? 0 : -1;
}

/* The key decrypts the credential vault and keys the audit chain: a copy
 * others on the machine can read is refused rather than used. */
static int open_to_others(const char *path, const struct stat *st)
{
	return secret_file_open_to_others("the key file", path, st);
}

/* The name of uid, or its number when it has none. */
static void user_name(uid_t uid, char *out, size_t n)
{
	struct passwd *pw = getpwuid(uid);
	if (pw)
		snprintf(out, n, "%s", pw->pw_name);
	else
		snprintf(out, n, "%u", (unsigned)uid);
}

/* Why the file cannot be opened: not there, or not this user's to read. */
static void open_problem(const char *path, int err, char *why, size_t n)
{
	struct stat st;
	char me[64], owner[64];
	user_name(geteuid(), me, sizeof me);
	if (err == ENOENT)
		snprintf(why, n, "it does not exist");
	else if (err == EACCES && stat(path, &st) == 0) {
		user_name(st.st_uid, owner, sizeof owner);
		int sudo = st.st_uid != 0;
		snprintf(why, n,
			 "it belongs to %s with mode %03o, and this runs as %s: run it as %s%s%s%s",
			 owner, (unsigned)(st.st_mode & 0777), me, owner, sudo ? " (sudo -u " : "",
			 sudo ? owner : "", sudo ? ")" : "");
	} else if (err == EACCES)
		snprintf(why, n, "a folder on its path cannot be entered by %s", me);
	else
		snprintf(why, n, "%s", strerror(err));
}

int keyfile_problem(const char *path, char *why, size_t n)
{
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0) {
		open_problem(path ? path : "", path ? errno : ENOENT, why, n);
		return -1;
	}
	struct stat st;
	int ok = fstat(fd, &st) == 0;
	close(fd);
	if (!ok)
		snprintf(why, n, "%s", strerror(errno));
	else if (st.st_mode & S_IRWXO)
		snprintf(why, n,
			 "its mode %03o lets other users read or change it: run 'chmod 600 %s' "
			 "(or 640 for a service group)",
			 (unsigned)(st.st_mode & 0777), path);
	else if (st.st_size != VAULT_KEY_BYTES)
		snprintf(why, n, "it holds %lld bytes, not the %d of a key",
			 (long long)st.st_size, (int)VAULT_KEY_BYTES);
	else
		return 0;
	return -1;
}

int keyfile_load(const char *path, unsigned char key[VAULT_KEY_BYTES])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) == 0 && open_to_others(path, &st)) {
		close(fd);
		return KEYFILE_REFUSED;
	}
	int ok = st.st_size == VAULT_KEY_BYTES &&
		 read(fd, key, VAULT_KEY_BYTES) == VAULT_KEY_BYTES;
	close(fd);
	return ok ? 0 : -1;
}
