/* The audit log's head anchored outside the database: a line appended to
 * the anchor file (mode 0600, O_APPEND) after every command that wrote to
 * the log, when the server starts and stops, and once a day, when the
 * headteachers are also sent the head by e-mail.  `audit verify` checks the
 * log against every anchor: a row an anchor names must still be there with
 * the same hash, so a truncated, emptied or rewritten log is found even
 * when it is consistent in itself. */
#ifndef STAFFROOM_AUDIT_ANCHOR_H
#define STAFFROOM_AUDIT_ANCHOR_H

#include <stddef.h>

/* The anchor file: the audit_anchor_file setting, else "<database>.anchors".  Not to be freed. */
const char *audit_anchor_path(void);
/* For the server: opens the file once, before root is dropped and the
 * system-call filter is in place, and keeps it open.  0, or -1. */
int audit_anchor_open(void);
void audit_anchor_close(void);
/* Appends the log's head when it is not the last line already.  0, or -1 with a message on stderr.
 */
int audit_anchor_write(void);
/* Once a day (the server's background thread): the head recorded and
 * appended, and an e-mail with it queued for every active headteacher. */
void audit_anchor_daily(void);
/* For a new database: today's anchor is the one init wrote, so the first
 * daily e-mail comes the next day.  0, or -1. */
int audit_anchor_note_today(void);
/* The whole check: the chain, a log never empty, every anchor.  0 when
 * intact; otherwise 1 and why says what is wrong. */
int audit_check(char *why, size_t n);

#endif
