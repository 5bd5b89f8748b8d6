/* Subject access: everything staffroom holds about one person, as JSON. */
#ifndef STAFFROOM_EXPORT_H
#define STAFFROOM_EXPORT_H

/* The export for the person with this e-mail, or NULL when there is none (malloc'd JSON text). */
char *export_person(const char *email);

#endif
