/* Files a command run as root makes beside the database, given to the
 * database's owner (made_as_root.c says why). */
#ifndef STAFFROOM_MADE_AS_ROOT_H
#define STAFFROOM_MADE_AS_ROOT_H

/* Before the command runs, with cfg.db_path set: which of the database's
 * files are there now, and whose they should be.  Does nothing unless the
 * process is root and the database, or else its folder, is someone else's. */
void made_as_root_note(void);
/* After the command ran and closed the database: each of those files made
 * or replaced since, and root's, is given that owner and group. */
void made_as_root_give(void);

#endif
