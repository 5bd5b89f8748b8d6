#define _GNU_SOURCE
/* "/": My tasks.  What needs this person now, gathered from every feature,
 * and their notifications. */
#include "core/audit.h"
#include "core/notify.h"
#include "db/db.h"
#include "core/tasks.h"
#include "core/write.h"
#include "http/feature.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void task_add(json_t *tasks, const char *kind, const char *message, const char *link, int urgent)
{
	json_array_append_new(tasks, json_pack("{s:s, s:s, s:s, s:b}", "kind", kind, "message",
					       message, "link", link, "urgent", urgent));
}

void task_addf(json_t *tasks, const char *kind, const char *link, int urgent, const char *fmt, ...)
{
	va_list ap;
	char *message;
	va_start(ap, fmt);
	if (vasprintf(&message, fmt, ap) < 0)
		message = NULL;
	va_end(ap);
	if (message)
		task_add(tasks, kind, message, link, urgent);
	free(message);
}

/* Urgent tasks first, each group keeping the order the features gave. */
static json_t *urgent_first(json_t *tasks)
{
	json_t *sorted = json_array();
	for (int pass = 1; pass >= 0; pass--) {
		size_t i;
		json_t *t;
		json_array_foreach(tasks, i, t)
			if (json_is_true(json_object_get(t, "urgent")) == pass)
				json_array_append(sorted, t);
	}
	json_decref(tasks);
	return sorted;
}

/* A notification whose link the person can no longer open (a case handed
 * on, a role taken away) is not shown: it names a record they may not see,
 * as its e-mail is not sent (features_link_opens, the same rule). */
static json_t *notes_that_open(int64_t user_id, json_t *notes)
{
	size_t i = json_array_size(notes);
	while (i-- > 0) {
		const char *link = json_str(json_array_get(notes, i), "link");
		if (link && !features_link_opens(user_id, link))
			json_array_remove(notes, i);
	}
	return notes;
}

static void home(struct request *rq, struct reply *rp)
{
	json_t *tasks = json_array();
	for (const struct feature *const *f = features; *f; f++)
		for (task_fn *const *t = (*f)->tasks; t && *t; t++)
			(*t)(rq, tasks);
	tasks = urgent_first(tasks);
	json_t *notes = db_rows("SELECT id, kind, message, link, created_at, '/notifications/' || "
				"id AS open FROM notifications "
				"WHERE user_id = ? AND read_at IS NULL ORDER BY id DESC LIMIT 50",
				"I", rq->user.id);
	notes = notes_that_open(rq->user.id, notes);
	json_t *m = json_pack("{s:o, s:o, s:s, s:b}", "tasks", tasks, "notifications", notes,
			      "name", rq->user.name, "is_dpo", has_role(rq, ROLE_DPO));
	reply_page(rp, "home", "My tasks", m);
}

static void notifications_read(struct request *rq, struct reply *rp)
{
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_SHORT) != 0)
		return;
	db_exec("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", "tI",
		at, rq->user.id);
	int n = db_changes();
	if (reply_commit(rp, BUSY_SHORT) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:i}", "marked_read", n), "/",
		   "Notifications marked as read.");
}

/* Following a notification: it is marked read and the browser sent on to
 * what it links to.  Only its owner may, while they may open what it links
 * to; anyone else gets the 404 of a notification that does not exist. */
static void notification_open(struct request *rq, struct reply *rp)
{
	char *link = db_text("SELECT link FROM notifications WHERE id = ? AND user_id = ?", "II",
			     rq->ids[0], rq->user.id);
	if (!link || !features_link_opens(rq->user.id, link)) {
		free(link);
		reply_not_found(rp);
		return;
	}
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_SHORT) != 0) {
		free(link);
		return;
	}
	db_exec("UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ?", "tI", at,
		rq->ids[0]);
	if (reply_commit(rp, BUSY_SHORT) != 0) {
		free(link);
		return;
	}
	/* Links are written by staffroom itself; still, only ever a path here. */
	reply_redirect(rp, link[0] == '/' && link[1] != '/' ? link : "/");
	free(link);
}

static const struct route home_routes[] = {
	{ "GET", "/", home, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/notifications/read", notifications_read, ROLE_STAFF, NULL, NULL, 0 },
	{ "GET", "/notifications/{id}", notification_open, ROLE_STAFF, NULL, NULL, 0 },
	{ NULL },
};

const struct feature home_feature = {
	.name = "home",
	.routes = (const struct route *const[]){ home_routes, NULL },
	.nav = (const struct nav_link[]){ { 10, "My tasks", "GET", "/" }, { 0 } },
};
