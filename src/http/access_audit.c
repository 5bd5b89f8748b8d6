/* Refusals and downloads in the audit log (access_audit.h). */
#define _GNU_SOURCE
#include "http/access_audit.h"
#include "core/audit.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <string.h>

static int is_download(const struct reply *rp)
{
	return rp->status == 200 &&
	       (rp->filename ||
		(rp->content_type && strncmp(rp->content_type, "text/csv", 8) == 0));
}

void access_audit(const struct request *rq, struct reply *rp, unsigned long written)
{
	int refused = rp->status == 403 || rp->status == 404;
	/* A handler that wrote its own row (evidence.download, a password
	 * retyped wrong) said it better. */
	if (!rq->signed_in || (!refused && !is_download(rp)) || audit_rows_written() != written)
		return;
	/* What the handler left open ends with its answer, as it would after it. */
	db_rollback();
	if (db_begin() == 0) {
		if (refused)
			audit_outcome(rq, AUDIT_REFUSED, json_str(rp->model, "error"),
				      "access.refused", rq->path, "%s %s (%d)", rq->method,
				      rq->path, rp->status);
		else /* the path says what; a file's own name (an upload's, which may
		      * name a pupil) would outlive the file in the log */
			audit(rq, "export.download", rq->path, "type=%s",
			      rp->content_type ? rp->content_type : "");
		if (db_commit() == 0)
			return;
	}
	if (refused) {
		/* Still refused; the row is what is lost, so say so where it is seen. */
		fprintf(stderr, "staffroom: could not audit a refusal of %s to user %lld\n",
			rq->path, (long long)rq->user.id);
		return;
	}
	reply_free(rp);
	reply_busy(rp, BUSY);
}
