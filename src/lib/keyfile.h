/* The credential vault's key: 32 random bytes in a file outside the
 * database, created with mode 0600, so that a copy of the database (or its
 * WAL, or a backup) never holds account credentials in clear. */
#ifndef STAFFROOM_KEYFILE_H
#define STAFFROOM_KEYFILE_H

#include <sodium.h>

#define VAULT_KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES

int keyfile_ensure(const char *path);   /* creates it when missing: 0 ok */
/* 0; -1 when it cannot be read; KEYFILE_REFUSED (said on stderr) when
 * users other than its owner and group may read it. */
#define KEYFILE_REFUSED (-2)
int keyfile_load(const char *path, unsigned char key[VAULT_KEY_BYTES]);
char *keyfile_default(const char *db_path); /* "<db>.key" */
/* 0 when keyfile_load could use the file; else -1 and why, in words that
 * say what to do: missing, not this user's to read (its owner and mode),
 * open to other users, or not a key's size. */
int keyfile_problem(const char *path, char *why, size_t n);

#endif
