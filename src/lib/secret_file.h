/* Files holding a secret: the key file, the mail relay's password
 * (smtp_password_file) and a sign-in provider's client secret
 * (oidc.NAME.client_secret_file).  One rule for all: others on the machine
 * may neither read nor change them; the file's group may read it, for a
 * service group whose members run the commands (DEPLOY.md). */
#ifndef STAFFROOM_SECRET_FILE_H
#define STAFFROOM_SECRET_FILE_H

#include <sys/stat.h>

/* 1, said on stderr naming WHAT ("the key file") and PATH with its mode and
 * the chmod that mends it, when users other than the owner and the group may
 * read or change the file st describes; else 0. */
int secret_file_open_to_others(const char *what, const char *path, const struct stat *st);

/* The file's first line, without its line ending, to be wiped and freed by
 * the caller; NULL, said on stderr with WHAT, PATH and the reason, when it
 * cannot be read, is open to others or its first line is empty. */
char *secret_file_first_line(const char *what, const char *path);

#endif
