/* `staffroom restore`: putting a backup in place of the database, on record
 * in the restored audit log (main.c runs the steps). */
#ifndef STAFFROOM_RESTORE_H
#define STAFFROOM_RESTORE_H

#include <stddef.h>

/* 0 when backup is a SQLite database, undamaged, whose audit log has rows;
 * -1 and why otherwise. */
int restore_check(const char *backup, char *why, size_t n);
/* The backup copied into the file to (new or emptied); 0, or -1. */
int restore_copy(const char *backup, const char *to);
/* In its own transaction, on the open (restored) database: every session
 * ended and every one-time password link spent (counted in SPENT), and the
 * row saying a restore happened, from which file, what it ended, and where
 * the anchors before it were kept (NULL: there were none).  0, or -1. */
struct restore_spent {
	int sessions, links;
};
int restore_audit(const char *backup, const char *anchors_kept, struct restore_spent *spent);

#endif
