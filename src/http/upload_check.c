/* What every upload goes through (upload_check.h).  The scan sees the bytes
 * as they arrived; the picture is then rewritten without its metadata, and
 * the handler stores (and hashes) what is kept, with the hash of what
 * arrived beside it. */
#define _GNU_SOURCE
#include "http/upload_check.h"
#include "core/audit.h"
#include "core/write.h"
#include "lib/config.h"
#include "lib/image_clean.h"
#include "lib/malware_scan.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static const char *label_of(const struct field_spec *fields, const char *field)
{
	for (const struct field_spec *f = fields; f && f->name; f++)
		if (strcmp(f->name, field) == 0 && f->label)
			return f->label;
	return field;
}

/* A detection is written to the audit log in a transaction of its own, and
 * the request is refused before its handler runs: nothing else is stored. */
static int refuse_malware(struct request *rq, struct reply *rp, const struct upload *u,
			  const char *label, const char *name)
{
	char sha[65];
	sha256_hex(u->data, u->len, sha);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return -1;
	/* The hash identifies the file; its name, which may name a pupil, is
	 * told to the sender only: the log is kept for the life of the system. */
	audit(rq, "upload.malware", rq->path, "field=%s signature=%s size=%zu sha256=%s",
	      u->field, name, u->len, sha);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return -1;
	reply_error(rp, 422, u->field,
		    "The file '%s' given for '%s' contains a virus or other malware (%s), so it "
		    "was refused and nothing has been saved. Do not open it again; tell "
		    "whoever looks after the school's computers.",
		    u->filename, label, name);
	return -1;
}

/* ASVS 5.0 5.4.3: files from untrusted sources are scanned by an antivirus
 * scanner.  Scanning turned on but not working refuses: a file is never
 * stored unscanned. */
static int scan(struct request *rq, struct reply *rp, const struct upload *u, const char *label)
{
	if (!malware_ready()) {
		reply_error(rp, 503, u->field,
			    "Files cannot be checked for viruses at the moment, so nothing has "
			    "been saved. Please tell whoever looks after staffroom.");
		return -1;
	}
	const char *name;
	int found = malware_scan(u->data, u->len, &name);
	if (found == 1)
		return refuse_malware(rq, rp, u, label, name ? name : "unnamed");
	if (found != 0) {
		reply_error(rp, 422, u->field,
			    "The file '%s' given for '%s' could not be checked for viruses, so "
			    "nothing has been saved.",
			    u->filename, label);
		return -1;
	}
	return 0;
}

/* ASVS 5.0 5.2.2 (image re-writing) and 14.2.8 (sensitive metadata removed
 * from uploaded files): a photo's EXIF can give where it was taken and on
 * which device.  A file whose first bytes say PNG or JPEG but which does not
 * decode as one is refused. */
static int strip(struct reply *rp, struct upload *u, const char *label)
{
	enum image_kind kind = image_kind(u->data, u->len);
	if (kind == IMAGE_NONE)
		return 0;
	unsigned char *kept;
	size_t len;
	enum image_result r = image_clean(kind, u->data, u->len, &kept, &len);
	const char *what = kind == IMAGE_PNG ? "PNG" : "JPEG";
	if (r == IMAGE_TOO_LARGE) {
		reply_error(rp, 413, u->field,
			    "The picture '%s' given for '%s' has more than %llu million pixels: "
			    "make it smaller and send it again. Nothing has been saved.",
			    u->filename, label, IMAGE_MAX_PIXELS / 1000000);
		return -1;
	}
	if (r != IMAGE_OK) {
		reply_error(rp, 415, u->field,
			    "The file '%s' given for '%s' starts like a %s picture but cannot be "
			    "read as one, so nothing has been saved. Save it again as a PNG or "
			    "JPEG picture and send that.",
			    u->filename, label, what);
		return -1;
	}
	sha256_hex(u->data, u->len, u->original_sha256);
	free(u->data);
	u->data = kept;
	u->len = len;
	return 0;
}

int uploads_check(const struct field_spec *fields, struct request *rq, struct reply *rp)
{
	for (size_t i = 0; i < rq->nfiles; i++) {
		struct upload *u = &rq->files[i];
		if (u->len == 0)
			continue; /* each handler names an empty file itself */
		const char *label = label_of(fields, u->field);
		if ((cfg.clamav_db && scan(rq, rp, u, label) != 0) || strip(rp, u, label) != 0)
			return -1;
	}
	return 0;
}
