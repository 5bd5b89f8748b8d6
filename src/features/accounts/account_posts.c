/* Posts checked with a senior leader before they go out (ravens-wood §10:
 * "Check with a senior leader before publishing content that may have
 * controversial implications for the school"; "when in doubt, get a second
 * opinion", a reply).  Someone who runs the account submits a draft; the
 * senior leaders are told and each has a task per post waiting.  A post and
 * its picture are seen only by the account's runners and senior leaders:
 * anyone else gets 404. */
#define _GNU_SOURCE
#include "features/accounts/account_posts.h"
#include "core/audit.h"
#include "core/notify.h"
#include "core/write.h"
#include "db/db.h"
#include "features/accounts/account.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POST_COLUMNS                                                                               \
	"SELECT p.id, p.account_id, a.name AS account_name, a.status AS account_status, "          \
	"a.lead_id, p.author_id, u.name AS author_name, u.active AS author_active, p.kind, "       \
	"p.body AS text, p.place AS \"where\", "                                                   \
	"p.publish_at, p.status, p.submitted_at, p.decided_at, d.name AS decided_by, p.reason, "   \
	"i.type AS image_type, i.pupils_pictured, i.checked_list, i.no_names, i.school_device, "   \
	"m.others_material, m.permission, m.credit, w.posted_as "                                  \
	"FROM account_posts p JOIN social_accounts a ON a.id = p.account_id "                      \
	"JOIN users u ON u.id = p.author_id LEFT JOIN users d ON d.id = p.decided_by "             \
	"LEFT JOIN account_post_images i ON i.post_id = p.id "                                     \
	"LEFT JOIN account_post_material m ON m.post_id = p.id "                                   \
	"LEFT JOIN account_post_posted_as w ON w.post_id = p.id "

static const char *status_label(const char *status)
{
	return strcmp(status, "approved") == 0  ? "Approved"
	       : strcmp(status, "changes") == 0 ? "Changes asked for"
	       : strcmp(status, "refused") == 0 ? "Refused"
						: "Waiting for sign-off";
}

static void flag(json_t *row, const char *key)
{
	json_object_set_new(row, key, json_boolean(json_int(row, key)));
}

/* Labels and booleans for the pages: the code stays for JSON and CSS. */
static void describe(json_t *row)
{
	json_object_set_new(row, "status_label",
			    json_string(status_label(json_str(row, "status"))));
	json_object_set_new(row, "kind_label",
			    json_string(strcmp(json_str(row, "kind"), "reply") == 0
						? "A reply (second opinion)"
						: "A post"));
	json_object_set_new(row, "with_image", json_boolean(json_str(row, "image_type") != NULL));
	json_object_set_new(row, "waiting",
			    json_boolean(strcmp(json_str(row, "status"), "submitted") == 0));
	/* Whether the poster was asked to check the list (account_post_image.c):
	 * a stored picture with neither pupils pictured nor the confirmation was
	 * not asked, and its review shows no line for it. */
	json_object_set_new(row, "asked_list",
			    json_boolean(json_int(row, "pupils_pictured") ||
					 json_int(row, "checked_list")));
	flag(row, "pupils_pictured");
	flag(row, "checked_list");
	flag(row, "no_names");
	flag(row, "school_device");
	/* A post sent before the author was asked about someone else's
	 * material (account_post_material.c) has no answer, and its page
	 * shows no line for it. */
	json_object_set_new(row, "asked_material",
			    json_boolean(json_object_get(row, "others_material") &&
					 !json_is_null(json_object_get(row, "others_material"))));
	flag(row, "others_material");
	flag(row, "permission");
}

static int may_see_posts(const struct request *rq, int64_t account_id)
{
	return has_role(rq, SENIOR_LEADERS) || account_runs(account_id, rq->user.id);
}

json_t *post_load(const struct request *rq, struct reply *rp)
{
	json_t *p = db_row(POST_COLUMNS "WHERE p.id = ? AND p.account_id = ?", "II", rq->ids[1],
			   rq->ids[0]);
	if (!p || !may_see_posts(rq, rq->ids[0])) {
		json_decref(p);
		reply_not_found(rp);
		return NULL;
	}
	describe(p);
	return p;
}

char *post_link(int64_t account_id, int64_t post_id)
{
	return xasprintf("/accounts/%lld/posts/%lld", (long long)account_id, (long long)post_id);
}

void account_posts_into(const struct request *rq, json_t *m, int64_t account_id)
{
	int see = may_see_posts(rq, account_id);
	json_t *rows = see ? db_rows(POST_COLUMNS "WHERE p.account_id = ? ORDER BY p.id DESC", "I",
				     account_id)
			   : json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) describe(row);
	json_object_set_new(m, "posts", rows);
	json_object_set_new(m, "may_see_posts", json_boolean(see));
	json_object_set_new(m, "may_submit_post",
			    json_boolean(account_runs(account_id, rq->user.id)));
}

void post_notify_leaders(int64_t author, const char *account, int64_t account_id, int64_t post_id)
{
	char *link = post_link(account_id, post_id);
	char *msg = xasprintf("A post for the account '%s' waits for your sign-off.", account);
	notify_roles(SENIOR_LEADERS, author, "post_signoff", msg, link);
	free(msg);
	free(link);
}

void post_step(int64_t post_id, const char *action, const char *note, int64_t actor)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO account_post_steps(post_id, action, note, actor_id, at) "
		"VALUES (?, ?, ?, ?, ?)",
		"IttIt", post_id, action, note ? note : "", actor, at);
}

int post_publish_at(const struct request *rq, struct reply *rp, char out[24])
{
	const char *v = arg(rq, "publish_at");
	time_t t;
	out[0] = 0;
	if (!v)
		return 0;
	if (uk_time_to_utc(v, out) != 0 || parse_iso_time(out, &t) != 0) {
		out[0] = 0;
		reply_error_add(rp, "publish_at",
				"When it will go out must be a real date and time, like "
				"25 December 2026, 14:30.");
		return -1;
	}
	if (t < now()) {
		reply_error_add(rp, "publish_at",
				"When it will go out cannot be in the past: leave it empty if "
				"it goes out as soon as it is signed off.");
		return -1;
	}
	return 0;
}

/* The account a runner submits to: NULL with 404 (may not see it), 403
 * (sees it but does not run it) or 409 (closed). */
static json_t *runner_account(const struct request *rq, struct reply *rp)
{
	json_t *a = account_load(rq->ids[0]);
	if (!a || !account_visible(rq, a)) {
		json_decref(a);
		reply_not_found(rp);
		return NULL;
	}
	if (!account_runs(rq->ids[0], rq->user.id)) {
		reply_error(rp, 403, NULL,
			    "Only the lead and the contributors of this account submit posts for "
			    "it.");
	} else if (strcmp(json_str(a, "status"), "closed") == 0) {
		reply_error(rp, 409, NULL,
			    "This account has been closed; nothing more goes out "
			    "on it.");
	} else
		return a;
	json_decref(a);
	return NULL;
}

void post_new_page(struct request *rq, struct reply *rp)
{
	json_t *a = runner_account(rq, rp);
	if (!a)
		return;
	json_t *m = json_pack("{s:I, s:s, s:I}", "account_id", (json_int_t)rq->ids[0],
			      "account_name", json_str(a, "name"), "image_max_mb",
			      (json_int_t)(POST_IMAGE_MAX / (1024 * 1024)));
	json_decref(a);
	reply_page(rp, "account_post_new", "Submit a post for sign-off", m);
}

static int64_t post_insert(const struct request *rq, const char *publish_at)
{
	char at[ISO_LEN];
	iso_now(at);
	return db_insert("INSERT INTO account_posts(account_id, author_id, kind, body, place, "
			 "publish_at, status, submitted_at) VALUES (?, ?, ?, ?, ?, ?, "
			 "'submitted', ?)",
			 "IIttttt", rq->ids[0], rq->user.id, arg(rq, "kind"), arg(rq, "text"),
			 arg(rq, "where") ? arg(rq, "where") : "",
			 publish_at[0] ? publish_at : NULL, at);
}

/* Inside the write: the same post sent for sign-off twice by its author
 * within REPEAT_WINDOW (a double click) is kept once, and the senior
 * leaders are asked once.  Read through the author's posts waiting.  -1
 * with the 409 answered; 0 goes on. */
static int refuse_repeat_post(const struct request *rq, struct reply *rp, const char *publish_at)
{
	char since[ISO_LEN];
	repeat_since(since);
	int64_t kept = db_int(0,
			      "SELECT id FROM account_posts INDEXED BY account_posts_by_status "
			      "WHERE status = 'submitted' AND author_id = ? AND account_id = ? "
			      "AND submitted_at >= ? AND kind = ? AND body = ? AND place = ? "
			      "AND publish_at IS ?",
			      "IIttttt", rq->user.id, rq->ids[0], since, arg(rq, "kind"),
			      arg(rq, "text"), arg(rq, "where") ? arg(rq, "where") : "",
			      publish_at[0] ? publish_at : NULL);
	return reply_refuse_repeat(rp, kept,
				   "You sent this post for sign-off already; it is waiting for "
				   "the senior leaders.");
}

void post_submit(struct request *rq, struct reply *rp)
{
	json_t *a = runner_account(rq, rp);
	if (!a)
		return;
	int bad;
	char publish_at[24];
	post_publish_at(rq, rp, publish_at);
	const struct upload *img = post_image_checked(rq, rp, &bad);
	if (!bad) {
		post_posted_as_checked(rq, rp);
		post_material_checked(rq, rp);
	}
	if (bad || reply_errors(rp) || reply_begin(rp, BUSY_UNSAVED) != 0 ||
	    refuse_repeat_post(rq, rp, publish_at) != 0) {
		json_decref(a);
		return;
	}
	int64_t id = post_insert(rq, publish_at);
	if (img)
		post_image_store(rq, img, id);
	post_material_store(rq, id);
	post_posted_as_store(rq, id);
	post_step(id, "submit", arg(rq, "text"), rq->user.id);
	account_touch(rq->ids[0]);
	post_notify_leaders(rq->user.id, json_str(a, "name"), rq->ids[0], id);
	char *link = post_link(rq->ids[0], id);
	audit(rq, "account.post_submit", link + 1, "kind=%s image=%s others_material=%s",
	      arg(rq, "kind"), img ? "yes" : "no", arg_yes(rq, "others_material") ? "yes" : "no");
	json_decref(a);
	if (reply_commit(rp, BUSY_UNSAVED) == 0)
		reply_done(rp, 201,
			   json_pack("{s:{s:I, s:s}}", "post", "id", (json_int_t)id, "status",
				     "submitted"),
			   link, "Sent to the senior leaders for sign-off.");
	free(link);
}

/* "My tasks": a senior leader has a task per post waiting that is not their
 * own; an author, one per post sent back for changes.  None for a closed
 * account: its posts can no longer be signed off or sent again. */
void post_tasks(const struct request *rq, json_t *tasks)
{
	json_t *rows = has_role(rq, SENIOR_LEADERS)
			       ? db_rows("SELECT p.id, p.account_id, a.name, p.status FROM "
					 "account_posts p JOIN social_accounts a ON "
					 "a.id = p.account_id WHERE p.status = 'submitted' AND "
					 "p.author_id != ? AND a.status != 'closed' "
					 "ORDER BY p.submitted_at",
					 "I", rq->user.id)
			       : json_array();
	json_t *mine = db_rows("SELECT p.id, p.account_id, a.name, p.status FROM account_posts p "
			       "JOIN social_accounts a ON a.id = p.account_id "
			       "WHERE p.status = 'changes' AND p.author_id = ? AND "
			       "a.status != 'closed' ORDER BY p.id",
			       "I", rq->user.id);
	json_array_extend(rows, mine);
	json_decref(mine);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		char *link = post_link(json_int(r, "account_id"), json_int(r, "id"));
		int waiting = strcmp(json_str(r, "status"), "submitted") == 0;
		task_addf(tasks, waiting ? "post_signoff" : "post_changes", link, 0,
			  waiting ? "A post for the account '%s' waits for your sign-off."
				  : "Your post for the account '%s' came back: changes are asked "
				    "for.",
			  json_str(r, "name"));
		free(link);
	}
	json_decref(rows);
}
