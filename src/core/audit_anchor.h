/* The audit log's head anchored outside the database: a line appended to
 * the anchor file (mode 0600, O_APPEND) after every command that wrote to
 * the log, when the server starts and stops, and once a day, when the
 * headteachers are also sent the head by e-mail.  `audit verify` checks the
 * log against every anchor: a row an anchor names must still be there with
 * the same hash, so a truncated, emptied or rewritten log is found even
 * when it is consistent in itself. */
#ifndef STAFFROOM_AUDIT_ANCHOR_H
#define STAFFROOM_AUDIT_ANCHOR_H

#include "lib/util.h"

#include <stddef.h>
#include <stdint.h>

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
 * intact; otherwise why says what is wrong, and the result is 1 (AUDIT_BROKEN),
 * AUDIT_UNANCHORED when the log has no anchor file to be checked against, or
 * AUDIT_UNCHECKED when the anchor file is there but cannot be read. */
#define AUDIT_BROKEN 1
#define AUDIT_UNANCHORED 2
#define AUDIT_UNCHECKED 3
int audit_check(char *why, size_t n);

/* A process that starts the log or its anchors anew (a new database or a
 * carried-over one keyed now, restore) may make the anchor file; no other
 * process makes it. */
void audit_anchor_may_start(void);
/* Before a server starts or a command writes to the log: 0, or -1 (said on
 * stderr) when the log is anchored and its anchor file is missing. */
int audit_anchor_check(void);
/* `audit new-anchor`: in place of a lost file, a new one at the log's head,
 * after a row saying so (audit.anchor_new).  0, or -1 and why. */
int audit_anchor_start_new(char *why, size_t n);
/* The newest row saying a new anchor file was started, and when; 0 when none. */
int64_t audit_anchor_started_anew(char at[ISO_LEN]);

#endif
