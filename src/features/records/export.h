/* Subject access: everything staffroom holds about one person, as JSON. */
#ifndef STAFFROOM_EXPORT_H
#define STAFFROOM_EXPORT_H

#include <stdint.h>

/* The export for the person with this e-mail, or NULL when there is none
 * (malloc'd JSON text), as `reader` may see it: no concern they may not
 * open (SAR_READER_MAY_OPEN, sar.h; 0: everything, for the command line). */
char *export_person(const char *email, int64_t reader);

#endif
