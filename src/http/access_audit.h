/* The audit rows the router writes for every route, so that no handler can
 * forget them (ASVS 5.0 16.3.2: failed authorisation attempts; 16.3.3 and
 * 16.2.1: access to sensitive data, with who, roles and outcome;
 * docs/SOURCES.md):
 *
 *  - a refusal of someone signed in (403, or 404, which is what a record
 *    they may not see answers): "access.refused", what was asked for and
 *    the words they were shown.  A path no route knows (a mistyped address,
 *    a missing static file) is not a record and is not audited, nor is
 *    anyone not signed in (they are sent to sign in, and an anonymous
 *    caller could otherwise fill the log at will);
 *  - a download (an answer with a file name, or CSV) that the handler did
 *    not audit itself: "export.download".  If that row cannot be written
 *    the file is not handed out. */
#ifndef STAFFROOM_ACCESS_AUDIT_H
#define STAFFROOM_ACCESS_AUDIT_H

#include "core/request.h"

/* After the handler; written is audit_rows_written() from before it. */
void access_audit(const struct request *rq, struct reply *rp, unsigned long written);

#endif
