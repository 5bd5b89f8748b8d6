/* The do-not-publish list (ravens-wood §9: pupils "must not be on any
 * school list of children whose images must not be published").  Kept by
 * the administrator or the safeguarding lead; read by the people who run a
 * school account, who check a photo against it, and by the leaders; anyone
 * else gets 404.  The audit log names the entry, not the pupil.  The adults
 * who have asked not to be filmed or photographed are on the same page
 * (do_not_film.c). */
#define _GNU_SOURCE
#include "features/accounts/account_posts.h"
#include "core/audit.h"
#include "core/write.h"
#include "db/db.h"
#include "features/accounts/account.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>

static int may_read(const struct request *rq)
{
	return has_role(rq, DO_NOT_PUBLISH_READERS) || runs_any_account(rq->user.id);
}

void do_not_publish_page(struct request *rq, struct reply *rp)
{
	if (!may_read(rq)) {
		reply_not_found(rp);
		return;
	}
	/* The page is the whole list, read whole: a school's pupils without
	 * consent, entries taken off deleted after their retention years. */
	json_t *rows = db_rows(WHOLE_TABLE_REPORT
			       "SELECT d.id, d.pupil_name, d.class_name, d.note, d.added_at, "
			       "u.name AS added_by FROM do_not_publish d JOIN users u ON "
			       "u.id = d.added_by WHERE d.removed_at IS NULL "
			       "ORDER BY d.pupil_name COLLATE NOCASE, d.id",
			       "");
	int may_keep = has_role(rq, DO_NOT_PUBLISH_KEEPERS);
	reply_rows_flag(rows, "may_remove", may_keep); /* each row's remove form */
	json_t *m = json_pack("{s:o, s:b}", "pupils", rows, "may_keep", may_keep);
	/* What is kept after, for those who keep the list (do_not_film_into). */
	json_object_set_new(m, "taken_off", may_keep ? do_not_publish_taken_off() : json_array());
	do_not_film_into(m, may_keep); /* ravens-wood §9: "If anyone ... asks" */
	reply_page(rp, "do_not_publish", "The do-not-publish list", m);
}

void do_not_publish_add(struct request *rq, struct reply *rp)
{
	char at[ISO_LEN], ref[40];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	int64_t listed = db_int(0,
				"SELECT id FROM do_not_publish WHERE removed_at IS NULL AND "
				"lower(pupil_name) = lower(?) AND lower(class_name) = lower(?)",
				"tt", arg(rq, "pupil_name"), arg(rq, "class_name"));
	if (reply_refuse_repeat(rp, listed, "This pupil is already on the list.") != 0)
		return;
	int64_t id = db_insert("INSERT INTO do_not_publish(pupil_name, class_name, note, added_by, "
			       "added_at) VALUES (?, ?, ?, ?, ?)",
			       "tttIt", arg(rq, "pupil_name"), arg(rq, "class_name"),
			       arg(rq, "note") ? arg(rq, "note") : "", rq->user.id, at);
	snprintf(ref, sizeof ref, "do-not-publish/%lld", (long long)id);
	audit(rq, "account.do_not_publish_add", ref, "%s", "added to the list");
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201, json_pack("{s:{s:I}}", "pupil", "id", (json_int_t)id),
		   "/accounts/do-not-publish", "The pupil has been added to the list.");
}

void do_not_publish_remove(struct request *rq, struct reply *rp)
{
	char at[ISO_LEN], ref[40];
	iso_now(at);
	snprintf(ref, sizeof ref, "do-not-publish/%lld", (long long)rq->ids[0]);
	if (!db_int(0, "SELECT count(*) FROM do_not_publish WHERE id = ?", "I", rq->ids[0])) {
		reply_not_found(rp);
		return;
	}
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE do_not_publish SET removed_at = ?, removed_by = ? WHERE id = ? AND "
		"removed_at IS NULL",
		"tII", at, rq->user.id, rq->ids[0]);
	int changed = db_changes();
	audit(rq, "account.do_not_publish_remove", ref, "%s", "removed from the list");
	if (reply_commit_changed(rp, changed, NULL,
				 "This pupil has already been taken off the "
				 "list.",
				 BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:{s:I}}", "pupil", "id", (json_int_t)rq->ids[0]),
		   "/accounts/do-not-publish", "The pupil has been taken off the list.");
}
