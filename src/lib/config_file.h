/* The configuration file and the options it shares with the command line.
 * One table names every setting; the file spells it "key = value", the
 * command line "--key value" (underscores become dashes), and both check
 * the value the same way. */
#ifndef STAFFROOM_CONFIG_FILE_H
#define STAFFROOM_CONFIG_FILE_H

#include <stddef.h>

#define CONFIG_DEFAULT_PATH "/etc/staffroom.conf"

enum setting_type {
	S_PATH,
	S_TEXT,
	S_UINT,
	S_SIZE,
	S_BOOL,
	S_LISTEN,
	S_URL,
	S_SMTP_URL,
	S_EMAIL,
	S_ADDRESSES
};

struct setting {
	const char *key;              /* as in the file; the flag is --key with '-' for '_' */
	enum setting_type type;
	void *where;                  /* const char **, unsigned *, size_t * or int * */
	unsigned long lo, hi;         /* numbers: the allowed range */
	const char *help;
};

extern const struct setting settings_table[];
extern const size_t settings_count;

/* Checks value and stores it; on a problem writes why into err and
 * returns -1.  Strings are copied. */
int config_set(const struct setting *s, const char *value, char *err, size_t errsize);
const struct setting *config_find(const char *key);

/* Reads a file of "key = value" lines ('#' starts a comment line).  On an
 * unknown key, a key given twice or a bad value prints "FILE:LINE: why" on
 * stderr and returns -1. */
int config_load(const char *path);
/* Parses text as config_load does (for tests and the fuzzer); the first
 * problem goes to err as "LINE: why". */
int config_parse(const char *text, size_t len, char *err, size_t errsize);
/* A flag has replaced the file's value: problems with it are the flag's. */
void config_set_by_flag(const struct setting *s);
/* After the file and the flags: settings that only make sense together.
 * 0; -1 when the flags are at fault; CONFIG_IN_FILE when err already
 * leads with "FILE:LINE: " (or "FILE: ") as the file is. */
#define CONFIG_IN_FILE (-2)
int config_check(char *err, size_t errsize);

#endif
