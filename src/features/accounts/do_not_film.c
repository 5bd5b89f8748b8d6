/* Adults who have asked not to be filmed or photographed (ravens-wood §9:
 * "If anyone, for any reason, asks not to be filmed or photographed then
 * their wishes should be respected"): part of the do-not-publish list, in a
 * section of its own.  A member of staff asks for themselves, and only they
 * withdraw it; anyone else (a parent, a visitor, a governor, a volunteer) is
 * added by name and taken off by the keepers of the pupils' list.  The
 * audit log names the entry, not the person, as the pupils' list does. */
#define _GNU_SOURCE
#include "features/accounts/account_posts.h"
#include "core/audit.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>

#define OWN_PAGE "/account/photos"

/* The adults on the list, by name: a member of staff's own request while
 * they are on the staff (the name is theirs as it is now), and the others
 * the keepers added.  Only the keepers take an entry off, and never a
 * member of staff's own. */
void do_not_film_into(json_t *m, int may_keep)
{
	/* The whole list, read whole, as the do-not-publish list is. */
	json_t *rows = db_rows(
		WHOLE_TABLE_REPORT
		"SELECT f.id, CASE WHEN f.user_id IS NULL THEN f.person_name ELSE s.name END "
		"AS name, f.note, f.added_at, a.name AS added_by, f.user_id IS NOT NULL AS own "
		"FROM do_not_film f JOIN users a ON a.id = f.added_by "
		"LEFT JOIN users s ON s.id = f.user_id "
		"WHERE f.removed_at IS NULL AND (f.user_id IS NULL OR s.active = 1) "
		"ORDER BY 2 COLLATE NOCASE, f.id",
		"");
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		int own = (int)json_int(r, "own");
		json_object_set_new(r, "own", json_boolean(own));
		json_object_set_new(r, "may_remove", json_boolean(may_keep && !own));
		json_object_set_new(r, "only_they", json_boolean(may_keep && own));
	}
	json_object_set_new(m, "adults", rows);
	/* What is kept after: for those who keep the list alone (UK GDPR Art.
	 * 5(1)(c)): checking a photo needs only who is on it now. */
	json_object_set_new(m, "adults_taken_off",
			    may_keep ? do_not_film_taken_off() : json_array());
}

/* This person's own request still standing: its id, or 0. */
static int64_t own_request(int64_t user_id)
{
	return db_int(0,
		      "SELECT id FROM do_not_film WHERE user_id = ? AND removed_at IS NULL", "I",
		      user_id);
}

void do_not_film_own_page(struct request *rq, struct reply *rp)
{
	json_t *row = db_row("SELECT id, added_at AS asked_at FROM do_not_film "
			     "WHERE user_id = ? AND removed_at IS NULL",
			     "I", rq->user.id);
	json_t *m = json_pack("{s:b, s:o}", "asked", row != NULL, "request",
			      row ? row : json_null());
	reply_page(rp, "do_not_film_own", "Photos and video of you", m);
}

void do_not_film_own_ask(struct request *rq, struct reply *rp)
{
	char at[ISO_LEN], ref[40];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	if (reply_refuse_repeat(rp, own_request(rq->user.id),
				"You have already asked not to be filmed or photographed.") != 0)
		return;
	int64_t id = db_insert("INSERT INTO do_not_film(user_id, added_by, added_at) "
			       "VALUES (?, ?, ?)",
			       "IIt", rq->user.id, rq->user.id, at);
	snprintf(ref, sizeof ref, "do-not-film/%lld", (long long)id);
	audit(rq, "account.do_not_film_ask", ref, "%s", "asked for themselves");
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201, json_pack("{s:{s:I, s:s}}", "request", "id", (json_int_t)id,
				      "asked_at", at),
		   OWN_PAGE,
		   "You have asked not to be filmed or photographed for school accounts.");
}

/* Only the person who asked withdraws it: the statement is theirs alone. */
void do_not_film_own_withdraw(struct request *rq, struct reply *rp)
{
	char at[ISO_LEN], ref[40];
	iso_now(at);
	int64_t id = own_request(rq->user.id);
	snprintf(ref, sizeof ref, "do-not-film/%lld", (long long)id);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE do_not_film SET removed_at = ?, removed_by = ? WHERE id = ? AND "
		"user_id = ? AND removed_at IS NULL",
		"tIII", at, rq->user.id, id, rq->user.id);
	int changed = db_changes();
	if (changed)
		audit(rq, "account.do_not_film_withdraw", ref, "%s", "withdrawn by themselves");
	if (reply_commit_changed(rp, changed, NULL,
				 "You have not asked not to be filmed or photographed, or have "
				 "already withdrawn it.",
				 BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:{s:I}}", "request", "id", (json_int_t)id), OWN_PAGE,
		   "You have withdrawn your request not to be filmed or photographed.");
}

void do_not_film_add(struct request *rq, struct reply *rp)
{
	char at[ISO_LEN], ref[40];
	iso_now(at);
	const char *name = arg(rq, "adult_name");
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	int64_t listed = db_int(0,
				"SELECT id FROM do_not_film WHERE removed_at IS NULL AND "
				"user_id IS NULL AND lower(person_name) = lower(?)",
				"t", name);
	if (reply_refuse_repeat(rp, listed, "This person is already on the list.") != 0)
		return;
	int64_t id = db_insert("INSERT INTO do_not_film(person_name, note, added_by, added_at) "
			       "VALUES (?, ?, ?, ?)",
			       "ttIt", name, arg(rq, "adult_note") ? arg(rq, "adult_note") : "",
			       rq->user.id, at);
	snprintf(ref, sizeof ref, "do-not-film/%lld", (long long)id);
	audit(rq, "account.do_not_film_add", ref, "%s", "added to the list");
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201, json_pack("{s:{s:I}}", "adult", "id", (json_int_t)id),
		   "/accounts/do-not-publish", "The person has been added to the list.");
}

void do_not_film_remove(struct request *rq, struct reply *rp)
{
	char at[ISO_LEN], ref[40];
	iso_now(at);
	snprintf(ref, sizeof ref, "do-not-film/%lld", (long long)rq->ids[0]);
	json_t *row = db_row("SELECT user_id FROM do_not_film WHERE id = ?", "I", rq->ids[0]);
	if (!row) {
		reply_not_found(rp);
		return;
	}
	int own = json_int(row, "user_id") != 0;
	json_decref(row);
	if (own) {
		reply_error(rp, 403, NULL,
			    "This member of staff asked for themselves: only they can withdraw "
			    "it, on their page Photos and video of you.");
		return;
	}
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE do_not_film SET removed_at = ?, removed_by = ? WHERE id = ? AND "
		"user_id IS NULL AND removed_at IS NULL",
		"tII", at, rq->user.id, rq->ids[0]);
	int changed = db_changes();
	if (changed)
		audit(rq, "account.do_not_film_remove", ref, "%s", "removed from the list");
	if (reply_commit_changed(rp, changed, NULL,
				 "This person has already been taken off the list.",
				 BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:{s:I}}", "adult", "id", (json_int_t)rq->ids[0]),
		   "/accounts/do-not-publish", "The person has been taken off the list.");
}
