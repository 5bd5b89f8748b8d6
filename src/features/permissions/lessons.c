/* Lesson access (wynstones 1(b,c): social media in school "only if
 * authorized by a teacher within a lesson").  The teacher records the
 * class, the day, the service and why; the network manager sees the list
 * to allow the service in the filter for that lesson.  Leaders and the
 * network manager see every authorisation; others see their own.  Only a
 * teacher authorises, and only a service on the register (wynstones §3:
 * "All social media services must be approved by School Management in
 * advance"). */
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

/* wynstones 1(b): "authorized by a teacher": a member of staff whose staff
 * type is teacher, whatever their roles; not a supply, support or other
 * adult. */
int lesson_may_authorise(const struct request *rq)
{
	return strcmp(rq->user.staff_type, "teacher") == 0;
}

/* The register's own spelling of the service chosen, or NULL (with a 400)
 * when it is not on the register now. */
static char *approved_service(const char *service, struct reply *rp)
{
	char *name = db_text("SELECT name FROM approved_services INDEXED BY "
			     "approved_services_current WHERE withdrawn_at IS NULL AND "
			     "lower(name) = lower(?) ORDER BY id LIMIT 1",
			     "t", service);
	if (!name)
		reply_error(rp, 400, "service",
			    "'%s' is not one of the services approved for use with pupils: "
			    "choose one of them, or ask the headteacher or a senior leader to "
			    "approve it first.",
			    service);
	return name;
}

/* A 4xx answered, and 1, when this person or this lesson may not be recorded. */
static int lesson_refused(const struct request *rq, struct reply *rp)
{
	if (!lesson_may_authorise(rq)) {
		reply_error(rp, 403, NULL,
			    "Only a teacher authorises a service for a lesson: ask the class's "
			    "teacher.");
		return 1;
	}
	char today[11];
	uk_today(today);
	if (strcmp(arg(rq, "lesson_on"), today) < 0) {
		reply_error(rp, 400, "lesson_on",
			    "Authorise a lesson before it happens: the day cannot be in the past.");
		return 1;
	}
	return 0;
}

/* Inside the write: the same lesson sent twice (a double click) finds the
 * one kept: 409, -1. */
static int refuse_repeat_lesson(const struct request *rq, struct reply *rp, const char *service)
{
	char since[ISO_LEN];
	repeat_since(since);
	int64_t kept = db_int(0,
			      "SELECT id FROM lesson_access INDEXED BY lesson_access_by_teacher "
			      "WHERE teacher_id = ? AND lesson_on = ? AND recorded_at >= ? AND "
			      "class_name = ? AND service = ? AND why = ?",
			      "Ittttt", rq->user.id, arg(rq, "lesson_on"), since,
			      arg(rq, "class_name"), service, arg(rq, "use"));
	return reply_refuse_repeat(rp, kept,
				   "You recorded this lesson already: the network manager has "
				   "been told.");
}

/* The lesson, the network managers told, the log: in one transaction. */
static void lesson_store(struct request *rq, struct reply *rp, const char *service)
{
	const char *on = arg(rq, "lesson_on");
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_lesson(rq, rp, service) != 0)
		return;
	int64_t id = db_insert("INSERT INTO lesson_access(teacher_id, class_name, lesson_on, "
			       "service, why, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
			       "Ittttt", rq->user.id, arg(rq, "class_name"), on, service,
			       arg(rq, "use"), at);
	char on_words[32];
	uk_time_words(on, on_words, sizeof on_words);
	char *msg = xasprintf("%s has authorised %s for %s on %s: allow it in the filter.",
			      rq->user.name, service, arg(rq, "class_name"), on_words);
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
			     "service", service),
		   "/permissions#lessons",
		   "Recorded, and the network manager has been told to allow it.");
}

void lesson_add(struct request *rq, struct reply *rp)
{
	if (lesson_refused(rq, rp))
		return;
	char *service = approved_service(arg(rq, "service"), rp);
	if (!service)
		return;
	lesson_store(rq, rp, service);
	free(service);
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
