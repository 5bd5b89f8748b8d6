/* Every uploaded file, before any handler sees it: scanned for malware when
 * the school has turned scanning on, and a picture stripped of its
 * metadata.  One place, so that no upload path can skip it. */
#ifndef STAFFROOM_UPLOAD_CHECK_H
#define STAFFROOM_UPLOAD_CHECK_H

#include "http/router.h"

/* 0, or -1 with the refusal answered (nothing of the request stored). */
int uploads_check(const struct field_spec *fields, struct request *rq, struct reply *rp);

#endif
