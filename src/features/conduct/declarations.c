/* Declarations: a member of staff declares an existing connection with a
 * parent or a pupil (braunstone: social contacts with parents "easily
 * recognised and openly acknowledged"; slyne 4.1(iv): existing online
 * friendships), or a personal account that names the school (ravens-wood
 * §2, which asks for a disclaimer on it).  The headteacher acknowledges it;
 * a declaration by the headteacher goes to the chair of governors instead,
 * as an allegation about the headteacher does (KCSIE part four).  It is
 * renewed every year, and a renewal is acknowledged again.  Only the
 * person, the headteacher and the DSL see declarations (and the chair,
 * the headteacher's): to anyone else each is 404. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/conduct/conduct_internal.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BY_HEADTEACHER(d)                                                                          \
	"EXISTS (SELECT 1 FROM user_roles hr WHERE hr.user_id = " d ".user_id AND "                \
	"hr.role = 'headteacher')"

/* Who sees which: the person; the headteacher and DSL every one; the chair
 * the headteacher's.  Parameters: the viewer's id, head-or-DSL, chair. */
#define DECLARATION_SEEN "(d.user_id = ? OR ? OR (? AND " BY_HEADTEACHER("d") "))"

#define DECLARATION_FIELDS                                                                         \
	"SELECT d.id, d.user_id, u.name, d.kind, d.details, d.declared_on, "                       \
	"date(d.declared_on, '+1 year') AS renew_by, d.acknowledged_at, a.name AS "                \
	"acknowledged_by, " BY_HEADTEACHER("d") " AS by_head FROM declarations d "
#define DECLARATION_JOINS                                                                          \
	" JOIN users u ON u.id = d.user_id LEFT JOIN users a ON a.id = d.acknowledged_by "
#define DECLARATION_COLUMNS DECLARATION_FIELDS DECLARATION_JOINS

static const char *kind_words(const char *kind)
{
	return strcmp(kind, "parent") == 0  ? "a connection with a parent"
	       : strcmp(kind, "pupil") == 0 ? "a connection with a pupil"
					    : "a personal account that names the school";
}

/* Whether this person acknowledges this declaration. */
static int may_acknowledge(const struct request *rq, json_t *row)
{
	if (json_int(row, "user_id") == rq->user.id)
		return 0;
	return json_int(row, "by_head") ? has_role(rq, ROLE_CHAIR) : has_role(rq, ROLE_HEADTEACHER);
}

static void describe(const struct request *rq, json_t *row, const char *today)
{
	int mine = json_int(row, "user_id") == rq->user.id;
	char *label = xstrdup(kind_words(json_str(row, "kind")));
	label[0] = 'A'; /* every phrase starts with "a" */
	json_object_set_new(row, "kind_label", json_string(label));
	free(label);
	json_object_set_new(row, "mine", json_boolean(mine));
	json_object_set_new(
		row, "may_acknowledge",
		json_boolean(!json_str(row, "acknowledged_at") && may_acknowledge(rq, row)));
	json_object_set_new(row, "renewal_due",
			    json_boolean(mine && strcmp(json_str(row, "renew_by"), today) <= 0));
	json_object_del(row, "by_head");
}

static int sees_all(const struct request *rq)
{
	return has_role(rq, ROLE_HEADTEACHER | ROLE_DSL);
}

json_t *declarations_list(const struct request *rq)
{
	char today[11];
	uk_today(today);
	/* Most people see only their own: read through the person's index. */
	json_t *rows = sees_all(rq) || has_role(rq, ROLE_CHAIR)
			       ? db_rows(DECLARATION_FIELDS
					 "INDEXED BY declarations_open" DECLARATION_JOINS
					 "WHERE d.ended_at IS NULL AND " DECLARATION_SEEN
					 " ORDER BY d.acknowledged_at IS NOT NULL, "
					 "u.name, d.id",
					 "Iii", rq->user.id, sees_all(rq), has_role(rq, ROLE_CHAIR))
			       : db_rows(DECLARATION_FIELDS
					 "INDEXED BY declarations_by_user" DECLARATION_JOINS
					 "WHERE d.user_id = ? AND d.ended_at IS "
					 "NULL ORDER BY d.id",
					 "I", rq->user.id);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		describe(rq, row, today);
	return rows;
}

/* The declaration, when this person may see it; NULL (and a 404) otherwise. */
static json_t *declaration_seen(const struct request *rq, struct reply *rp)
{
	json_t *row =
		db_row(DECLARATION_COLUMNS "WHERE d.id = ? AND d.ended_at IS NULL "
					   "AND " DECLARATION_SEEN,
		       "IIii", rq->ids[0], rq->user.id, sees_all(rq), has_role(rq, ROLE_CHAIR));
	if (!row)
		reply_not_found(rp);
	return row;
}

/* The headteacher, or for the headteacher's own declaration the chair. */
/* Where a notification about one declaration points; acknowledging it
 * clears everyone's notification of it (notify_done). */
static char *declaration_link(int64_t id)
{
	return xasprintf("/conduct#declaration-%lld", (long long)id);
}

/* A notification of declaration N (declaration_link) is for whoever may
 * still see it: its owner, the headteacher or DSL, or the chair for the
 * headteacher's own.  Once that role is taken away, or the declaration has
 * ended, it is neither listed nor e-mailed (struct feature's link_opens). */
int declaration_link_opens(int64_t user_id, const char *link)
{
	long long id;
	int end = 0;
	if (sscanf(link, "/conduct#declaration-%lld%n", &id, &end) != 1 || link[end])
		return -1;
	unsigned roles = user_roles_load(user_id);
	return db_int(0,
		      "SELECT count(*) FROM declarations d WHERE d.id = ? AND d.ended_at IS NULL "
		      "AND " DECLARATION_SEEN,
		      "IIii", (int64_t)id, user_id, (roles & (ROLE_HEADTEACHER | ROLE_DSL)) != 0,
		      (roles & ROLE_CHAIR) != 0) > 0;
}

static void tell_acknowledger(const struct request *rq, const char *kind, int64_t id)
{
	int by_head = has_role(rq, ROLE_HEADTEACHER);
	char *msg =
		xasprintf("%s has declared %s: acknowledge it.", rq->user.name, kind_words(kind));
	char *link = declaration_link(id);
	notify_role(by_head ? "chair" : "headteacher", rq->user.id, "declaration", msg, link);
	free(link);
	free(msg);
}

/* Inside the write: the same declaration sent twice (a double click) finds
 * the one kept.  A declaration has no time of its own, only its day, so the
 * repeat is any of the person's declarations still in force with the same
 * words: declaring it again while it applies adds nothing (one that is still
 * true a year on is renewed, not declared again).  -1 with the 409 answered;
 * 0 goes on. */
static int refuse_repeat_declaration(const struct request *rq, struct reply *rp)
{
	int64_t kept = db_int(0,
			      "SELECT id FROM declarations INDEXED BY declarations_by_user "
			      "WHERE user_id = ? AND ended_at IS NULL "
			      "AND kind = ? AND details = ?",
			      "Itt", rq->user.id, arg(rq, "kind"), arg(rq, "details"));
	char repeat[80];
	snprintf(repeat, sizeof repeat, "You have declared this already, as D-%05lld.",
		 (long long)kept);
	return reply_refuse_repeat(rp, kept, repeat);
}

void declaration_add(struct request *rq, struct reply *rp)
{
	const char *kind = arg(rq, "kind");
	char today[11], ref[16];
	uk_today(today);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_declaration(rq, rp) != 0)
		return;
	int64_t id = db_insert("INSERT INTO declarations(user_id, kind, details, declared_on) "
			       "VALUES (?, ?, ?, ?)",
			       "Ittt", rq->user.id, kind, arg(rq, "details"), today);
	snprintf(ref, sizeof ref, "D-%05lld", (long long)id);
	tell_acknowledger(rq, kind, id);
	/* No details on the log: the audit page is read more widely. */
	audit(rq, "declaration.add", ref, "kind=%s", kind);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s}}", "declaration", "id", (json_int_t)id, "kind",
			     kind, "declared_on", today),
		   "/conduct#declarations",
		   "Your declaration has been sent to the headteacher to acknowledge.");
}

void declaration_acknowledge(struct request *rq, struct reply *rp)
{
	json_t *row = declaration_seen(rq, rp);
	if (!row)
		return;
	int allowed = may_acknowledge(rq, row);
	int64_t owner = json_int(row, "user_id");
	json_decref(row);
	if (!allowed) {
		reply_error(rp, 403, NULL,
			    "The headteacher acknowledges declarations (the chair of governors, "
			    "the headteacher's own).");
		return;
	}
	char at[ISO_LEN], ref[16];
	iso_now(at);
	snprintf(ref, sizeof ref, "D-%05lld", (long long)rq->ids[0]);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE declarations SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND "
		"acknowledged_at IS NULL",
		"ItI", rq->user.id, at, rq->ids[0]);
	int changed = db_changes();
	char *link = declaration_link(rq->ids[0]);
	if (changed) {
		notify_done(link);
		notify_user(owner, "declaration_acknowledged",
			    "Your declaration has been acknowledged.", link);
	}
	free(link);
	audit(rq, "declaration.acknowledge", ref, "acknowledged");
	if (reply_commit_changed(rp, changed, NULL,
				 "This declaration has already been "
				 "acknowledged.",
				 BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:s}}", "declaration", "id", (json_int_t)rq->ids[0],
			     "acknowledged_at", at),
		   "/conduct#declarations", "The declaration is acknowledged.");
}

/* Inside the write: a declaration renewed today and not acknowledged since
 * is waiting already; renewing it again (a double click) would only ask the
 * headteacher a second time.  Its day is all a renewal keeps, as for a new
 * declaration.  -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_renewal(const struct request *rq, struct reply *rp, const char *today,
				 const char *ref)
{
	int64_t waiting =
		db_int(0,
		       "SELECT count(*) FROM declarations WHERE id = ? AND declared_on = ? "
		       "AND acknowledged_at IS NULL AND ended_at IS NULL",
		       "It", rq->ids[0], today);
	char repeat[120];
	snprintf(repeat, sizeof repeat,
		 "You declared or renewed %s today already; it is waiting to be "
		 "acknowledged.", ref);
	return reply_refuse_repeat(rp, waiting, repeat);
}

/* The person's own: still true (renewed for a year, to be acknowledged
 * again) or no longer applies (ended). */
void declaration_update(struct request *rq, struct reply *rp)
{
	json_t *row = declaration_seen(rq, rp);
	if (!row)
		return;
	int mine = json_int(row, "user_id") == rq->user.id;
	char kind[16];
	copy_str(kind, sizeof kind, json_str(row, "kind"));
	json_decref(row);
	if (!mine) {
		reply_error(rp, 403, NULL,
			    "Only the person who made a declaration renews or ends it.");
		return;
	}
	int renew = strcmp(arg(rq, "still"), "yes") == 0;
	char today[11], at[ISO_LEN], ref[16];
	uk_today(today);
	iso_now(at);
	snprintf(ref, sizeof ref, "D-%05lld", (long long)rq->ids[0]);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 ||
	    (renew && refuse_repeat_renewal(rq, rp, today, ref) != 0))
		return;
	/* Guarded: an end sent together with this one may have come first. */
	if (renew)
		db_exec("UPDATE declarations SET declared_on = ?, acknowledged_by = NULL, "
			"acknowledged_at = NULL WHERE id = ? AND ended_at IS NULL",
			"tI", today, rq->ids[0]);
	else
		db_exec("UPDATE declarations SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
			"tI", at, rq->ids[0]);
	int changed = db_changes() == 1;
	if (changed && renew)
		tell_acknowledger(rq, kind, rq->ids[0]);
	audit(rq, renew ? "declaration.renew" : "declaration.end", ref, "%s",
	      renew ? "still applies" : "no longer applies");
	if (reply_commit_changed(rp, changed, NULL, "This declaration has ended already.",
				 BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:b}}", "declaration", "id", (json_int_t)rq->ids[0],
			     "renewed", renew),
		   "/conduct#declarations",
		   renew ? "Renewed for a year, and sent to be acknowledged again."
			 : "The declaration is closed: it no longer applies.");
}

/* "My tasks": the person's declarations due for renewal; for the
 * headteacher (and the chair, the headteacher's) those to acknowledge. */
void declaration_tasks(const struct request *rq, json_t *tasks)
{
	json_t *rows = declarations_list(rq);
	int64_t renew = 0, acknowledge = 0;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		renew += json_is_true(json_object_get(row, "renewal_due"));
		acknowledge += json_is_true(json_object_get(row, "may_acknowledge"));
	}
	json_decref(rows);
	if (renew)
		task_add(tasks, "declaration_renew",
			 "A year has passed since your declaration: say whether it still applies.",
			 "/conduct#declarations", 0);
	if (!acknowledge)
		return;
	task_addf(tasks, "declaration_acknowledge", "/conduct#declarations", 0,
		  "%lld declaration%s to acknowledge.", (long long)acknowledge,
		  acknowledge == 1 ? "" : "s");
}
