/* The picture sent with a post for sign-off (ravens-wood §9, "Use of
 * Images"): a PNG or JPEG, told from its bytes as evidence for a concern is
 * (evidence_sniff), and what the author confirms about it.  Served only to
 * the account's runners and senior leaders, never cached. */
#define _GNU_SOURCE
#include "features/accounts/account_posts.h"
#include "db/db.h"
#include "features/concerns/concerns.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static const struct upload *image_upload(const struct request *rq)
{
	for (size_t i = 0; i < rq->nfiles; i++)
		if (strcmp(rq->files[i].field, "image") == 0)
			return &rq->files[i];
	return NULL;
}

static int is_picture(const struct upload *u)
{
	const char *type = evidence_sniff(u->data, u->len);
	return type && (strcmp(type, "image/png") == 0 || strcmp(type, "image/jpeg") == 0);
}

/* ravens-wood §9: "must not be on any school list of children whose images
 * must not be published"; "If anyone, for any reason, asks not to be filmed
 * or photographed then their wishes should be respected" (the adults on the
 * same list, so every picture is checked against it, pupils in it or not);
 * "avoid posting names and photos of students alongside one another";
 * "Staff members cannot use their own devices to upload pictures".  Every
 * missing confirmation is named at once. */
static void confirmations(const struct request *rq, struct reply *rp)
{
	const char *pictured = arg(rq, "pupils_pictured");
	if (!pictured)
		reply_error_add(rp, "pupils_pictured", "Say whether any pupil is in the picture.");
	if (!arg_yes(rq, "checked_list"))
		reply_error_add(rp, "checked_list",
				"Confirm that nobody in the picture is on the do-not-publish list: "
				"no pupil on it, and no adult who has asked not to be filmed or "
				"photographed.");
	if (pictured && strcmp(pictured, "yes") == 0) {
		if (!arg_yes(rq, "no_names"))
			reply_error_add(rp, "no_names",
					"Confirm that no pupil's name is next to the photo.");
	}
	if (!arg_yes(rq, "school_device"))
		reply_error_add(rp, "school_device",
				"Confirm that you are uploading this from a school device: "
				"pictures must not be uploaded from a personal device.");
}

const struct upload *post_image_checked(const struct request *rq, struct reply *rp, int *bad)
{
	const struct upload *u = image_upload(rq);
	*bad = 0;
	if (!u)
		return NULL;
	if (u->len > POST_IMAGE_MAX) {
		reply_error(rp, 413, "image", "The picture is too large: at most %u MB.",
			    POST_IMAGE_MAX / (1024 * 1024));
		*bad = 1;
	} else if (u->len == 0 || !is_picture(u)) {
		reply_error(rp, 415, "image",
			    "The picture must be a PNG or JPEG image (its contents were checked, "
			    "not its name). Nothing has been saved.");
		*bad = 1;
	} else
		confirmations(rq, rp);
	return u;
}

void post_image_store(const struct request *rq, const struct upload *u, int64_t post_id)
{
	char sha[65];
	sha256_hex(u->data, u->len, sha);
	int pictured = arg_yes(rq, "pupils_pictured");
	db_exec("INSERT INTO account_post_images(post_id, type, size, sha256, bytes, "
		"pupils_pictured, checked_list, no_names, school_device) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"ItItbIIII", post_id, evidence_sniff(u->data, u->len), (int64_t)u->len, sha,
		(const void *)u->data, u->len, (int64_t)pictured,
		(int64_t)arg_yes(rq, "checked_list"),
		(int64_t)(pictured && arg_yes(rq, "no_names")),
		(int64_t)arg_yes(rq, "school_device"));
	db_exec("INSERT INTO account_post_image_original(post_id, sha256) VALUES (?, ?)", "It",
		post_id, upload_original_sha256(u, sha));
}

/* Copies the stored bytes into a buffer the reply owns. */
static char *image_bytes(int64_t post_id, size_t *len)
{
	sqlite3_stmt *st =
		db_stmt("SELECT bytes FROM account_post_images WHERE post_id = ?", "I", post_id);
	char *buf = NULL;
	*len = 0;
	if (st && db_step(st) == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		buf = xmalloc(*len + 1);
		if (*len)
			memcpy(buf, sqlite3_column_blob(st, 0), *len);
	}
	if (st)
		sqlite3_reset(st);
	return buf;
}

void post_image(struct request *rq, struct reply *rp)
{
	json_t *p = post_load(rq, rp);
	if (!p)
		return;
	int png = json_str(p, "image_type") && strcmp(json_str(p, "image_type"), "image/png") == 0;
	int any = json_str(p, "image_type") != NULL;
	json_decref(p);
	size_t len;
	char *bytes = any ? image_bytes(rq->ids[1], &len) : NULL;
	if (!bytes) {
		reply_not_found(rp);
		return;
	}
	/* An <img> on the post's page; Cache-Control: no-store is the default
	 * for everything but static files (exchange.c). */
	reply_raw(rp, png ? "image/png" : "image/jpeg", bytes, len);
	rp->filename = xasprintf("post-%lld%s", (long long)rq->ids[1], png ? ".png" : ".jpg");
	rp->inline_ok = 1;
}
