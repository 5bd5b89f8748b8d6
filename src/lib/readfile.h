/* Reading a whole small file (a certificate, a key, a configuration file). */
#ifndef STAFFROOM_READFILE_H
#define STAFFROOM_READFILE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The file's bytes plus a NUL, or NULL if it cannot be read or holds more
 * than max bytes.  *len excludes the NUL. */
char *read_whole_file(const char *path, size_t *len, size_t max);

#ifdef __cplusplus
}
#endif

#endif
