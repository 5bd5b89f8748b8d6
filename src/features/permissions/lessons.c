/* Lesson access (wynstones 1(b,c): social media in school "only if
 * authorized by a teacher within a lesson").  The teacher records the
 * class, the day, the service and why; the network manager sees the list
 * to allow the service in the filter for that lesson.  Leaders and the
 * network manager see every authorisation; others see their own. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/notify.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/permissions/permissions_internal.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sees_all(const struct request *rq)
{
	return has_role(rq, ROLE_NETWORK_MANAGER | PERMISSION_LEADERS);
}

/* From today on, soonest first; then the last month's, for the record. */
json_t *lessons_list(const struct request *rq)
{
	char today[11];
	uk_today(today);
	if (sees_all(rq))
		return db_rows(
			"SELECT l.id, l.class_name, l.lesson_on, l.service, l.why AS use, u.name "
			"AS teacher, l.lesson_on >= ? AS upcoming FROM lesson_access l "
			"INDEXED BY lesson_access_by_day JOIN users u ON u.id = "
			"l.teacher_id WHERE l.lesson_on >= date(?, '-1 month') ORDER BY "
			"l.lesson_on < ?, l.lesson_on, l.id",
			"ttt", today, today, today);
	return db_rows("SELECT l.id, l.class_name, l.lesson_on, l.service, l.why AS use, u.name AS "
		       "teacher, l.lesson_on >= ? AS upcoming FROM lesson_access l JOIN users u "
		       "ON u.id = l.teacher_id WHERE l.teacher_id = ? ORDER BY l.lesson_on DESC, "
		       "l.id DESC",
		       "tI", today, rq->user.id);
}

void lesson_add(struct request *rq, struct reply *rp)
{
	const char *on = arg(rq, "lesson_on");
	char today[11], at[ISO_LEN];
	uk_today(today);
	if (strcmp(on, today) < 0) {
		reply_error(rp, 400, "lesson_on",
			    "Authorise a lesson before it happens: the day cannot be in the past.");
		return;
	}
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	int64_t id = db_insert("INSERT INTO lesson_access(teacher_id, class_name, lesson_on, "
			       "service, why, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
			       "Ittttt", rq->user.id, arg(rq, "class_name"), on, arg(rq, "service"),
			       arg(rq, "use"), at);
	char on_words[32];
	uk_time_words(on, on_words, sizeof on_words);
	char *msg = xasprintf("%s has authorised %s for %s on %s: allow it in the filter.",
			      rq->user.name, arg(rq, "service"), arg(rq, "class_name"), on_words);
	notify_role("network_manager", rq->user.id, "lesson_access", msg, "/permissions#lessons");
	free(msg);
	/* The service and class stay in the lesson's record, read by the network
	 * managers and the teacher; the more widely read log names the record. */
	char object[32];
	snprintf(object, sizeof object, "lesson:%lld", (long long)id);
	audit(rq, "lesson.authorise", object, "lesson_on=%s", on);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s}}", "lesson", "id", (json_int_t)id, "lesson_on", on,
			     "service", arg(rq, "service")),
		   "/permissions#lessons",
		   "Recorded, and the network manager has been told to allow it.");
}

/* "My tasks": for the network manager, lessons today that need the filter opened. */
void lesson_tasks(const struct request *rq, json_t *tasks)
{
	if (!has_role(rq, ROLE_NETWORK_MANAGER))
		return;
	char today[11];
	uk_today(today);
	int64_t n = db_int(0,
			   "SELECT count(*) FROM lesson_access INDEXED BY lesson_access_by_day "
			   "WHERE lesson_on = ?",
			   "t", today);
	if (!n)
		return;
	task_addf(tasks, "lesson_access", "/permissions#lessons", 1,
		  "%lld lesson%s today use%s a service a teacher authorised: check the filter "
		  "allows it.",
		  (long long)n, n == 1 ? "" : "s", n == 1 ? "s" : "");
}
