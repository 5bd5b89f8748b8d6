/* Standard input, output and error never left closed.  A closed one is the
 * next open()'s, and SQLite, which never keeps a database on descriptors 0
 * to 2, closes such a one and opens the file again: closing any descriptor
 * of a file drops every POSIX lock the process holds on it, SQLite's own
 * among them.  Another process could then copy and delete the WAL this one
 * goes on writing, and the writes that follow would be lost. */
#ifndef STAFFROOM_STD_FDS_H
#define STAFFROOM_STD_FDS_H

/* At start-up, before any file is opened: /dev/null on any of the three
 * that is closed. */
void std_fds_fill(void);
/* Points fd at /dev/null, closing what it held (a pipe: its reader sees the
 * end).  0, or -1 when /dev/null could not be opened. */
int std_fd_to_null(int fd);

#endif
