/* Files under static/ (style sheet, icons): nothing outside it is reachable. */
#ifndef STAFFROOM_STATIC_FILES_H
#define STAFFROOM_STATIC_FILES_H

#include "core/request.h"

int static_wanted(const char *path);       /* a path under /static/ */
int static_preload(void);                  /* reads static/ once, at start-up */
void static_serve(const char *path, struct reply *rp);

#endif
