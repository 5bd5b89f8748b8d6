/* Concerns: the route table, "My tasks" for handlers, and the demo cases.
 * The pages themselves live in concern_report.c (reporting, my reports),
 * concern_case.c (queue and case), concern_events.c (the chronology),
 * concern_stats.c, evidence.c and routing_admin.c. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "features/concerns/concerns.h"
#include "db/db.h"
#include "core/demo.h"
#include "core/tasks.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void concern_tasks(const struct request *rq, json_t *tasks)
{
	if (!(rq->user.roles & ROLE_ROUTABLE))
		return;
	char at[ISO_LEN];
	iso_now(at);
	/* New cases from the kept counts, overdue ones from a covering index, and
	 * mine through the assignee index: nothing here grows with the years. */
	int64_t mask = rq->user.roles & ROLE_ROUTABLE, me = rq->user.id;
	int64_t all_new = db_int(0, "SELECT coalesce(sum(n), 0) FROM concern_counts WHERE status = 'new' "
				    "AND (mask & ?) != 0", "I", mask) -
			  db_int(0, "SELECT count(*) FROM concerns WHERE about_id = ? AND status = 'new' "
				    "AND (recipient_mask & ?) != 0", "II", me, mask) +
			  db_int(0, "SELECT count(*) FROM concerns WHERE assignee_id = ? AND status = 'new' "
				    "AND (recipient_mask & ?) = 0 AND (about_id IS NULL OR about_id != ?)", "III", me, mask, me);
	int64_t overdue = concern_overdue_count(mask, me, at), fresh = all_new - overdue;
	int64_t assigned = db_int(0, "SELECT count(*) FROM concerns WHERE assignee_id = ? AND status IN "
				     "('new', 'acknowledged', 'investigating', 'escalated')", "I", me);
	char *msg;
	if (overdue) {
		msg = xasprintf("%lld concern%s overdue: not acknowledged in time.", (long long)overdue,
				overdue == 1 ? " is" : "s are");
		task_add(tasks, "concern_overdue", msg, "/concerns?overdue=yes", 1);
		free(msg);
	}
	if (fresh) {
		msg = xasprintf("%lld new concern%s to acknowledge.", (long long)fresh, fresh == 1 ? "" : "s");
		task_add(tasks, "concern_new", msg, "/concerns?status=new", 0);
		free(msg);
	}
	if (assigned) {
		msg = xasprintf("%lld open concern%s assigned to you.", (long long)assigned, assigned == 1 ? "" : "s");
		task_add(tasks, "concern_assigned", msg, "/concerns?assigned=yes", 0);
		free(msg);
	}
}

/* Demo cases --------------------------------------------------------------- */

static void demo_event(int64_t id, const char *actor, const char *action, const char *detail, int internal)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO concern_events(concern_id, at, actor_id, action, detail, internal) VALUES (?, ?, ?, ?, ?, ?)",
		"ItItti", id, at, demo_user(actor), action, detail, internal);
}

static int64_t demo_file(const char *reporter, const struct concern_input *in, struct upload *file)
{
	struct request rq = { 0 };
	char ref[32];
	rq.user.id = demo_user(reporter);
	copy_str(rq.user.email, sizeof rq.user.email, reporter);
	rq.files = file;
	rq.nfiles = file ? 1 : 0;
	int64_t id = concern_file(&rq, in, ref);
	if (id > 0 && file)
		evidence_store(&rq, id);
	return id;
}

static void demo_status(int64_t id, const char *status, const char *actor)
{
	char at[ISO_LEN], *detail;
	iso_now(at);
	db_exec("UPDATE concerns SET status = ?, acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?", "ttI", status,
		at, id);
	if (strcmp(status, "acknowledged") == 0) {
		demo_event(id, actor, "acknowledge", "{}", 0);
		return;
	}
	detail = xasprintf("{\"from\":\"acknowledged\",\"to\":\"%s\"}", status);
	demo_event(id, actor, "status", detail, 0);
	free(detail);
}

int demo_concerns(void)
{
	static char note[] = "Screenshot transcript, 14:05 Tuesday, 'Hillside parents chat' group on Facebook:\n"
			     "\"That PE teacher should be sacked, everyone report her.\" (posted by a parent, 23 likes)\n";
	struct upload file = { (char *)"evidence", (char *)"facebook-post-transcript.txt", (unsigned char *)note,
			       sizeof note - 1 };
	struct concern_input a = { "parent_post", "Parent's post about a PE teacher in a parents' Facebook group",
				   "A parent has named me in a post and is encouraging others to complain. I have not replied.",
				   NULL, "Facebook", "https://facebook.example/groups/hillside-parents", "A parent of a Year 9 pupil",
				   0, 0, 0 };
	int64_t id = demo_file("teacher@demo.school", &a, &file);
	demo_status(id, "acknowledged", "head@demo.school");
	demo_event(id, "head@demo.school", "assign", "{\"assignee\":\"deputy@demo.school\",\"name\":\"Samir Patel\"}", 1);
	db_exec("UPDATE concerns SET assignee_id = ? WHERE id = ?", "II", demo_user("deputy@demo.school"), id);
	demo_status(id, "investigating", "deputy@demo.school");
	demo_event(id, "deputy@demo.school", "note", "{\"text\":\"Phoned the parent; meeting booked for Thursday.\"}", 1);

	struct concern_input b = { "cyberbullying_pupil", "Year 8 pupil targeted in a group chat",
				   "Pupils told me a group chat is sharing edited photos of a classmate.", NULL, "WhatsApp", "",
				   "Three Year 8 pupils", 0, 0, 1 };
	demo_file("ta@demo.school", &b, NULL);

	struct concern_input c = { "account_comment", "Offensive reply under the sports day post",
				   "A stranger posted an offensive reply on the school's Instagram post.", NULL, "Instagram", "",
				   "", 0, 0, 0 };
	id = demo_file("science@demo.school", &c, NULL);
	demo_status(id, "acknowledged", "moderator@demo.school");
	db_exec("UPDATE concerns SET status = 'closed', closed_at = created_at, outcome = ?, outcome_category = "
		"'content_removed' WHERE id = ?", "tI", "Comment hidden and the account blocked.", id);
	demo_event(id, "moderator@demo.school", "close",
		   "{\"outcome\":\"Comment hidden and the account blocked.\",\"outcome_category\":\"content_removed\"}", 0);

	struct concern_input d = { "staff_conduct", "Headteacher's personal account follows pupils",
				   "I noticed the headteacher's personal account follows several current pupils.", NULL, "X",
				   "", "", demo_user("head@demo.school"), 0, 0 };
	demo_file("deputy@demo.school", &d, NULL);
	return db_failed() ? -1 : 0;
}

/* Routes --------------------------------------------------------------------- */

static const struct field_spec report_form[] = {
	{ "category", F_CHOICE, 32, F_REQUIRED, CONCERN_CATEGORIES },
	{ "summary", F_TEXT, 200, F_REQUIRED, NULL },
	{ "details", F_LONGTEXT, 10000, 0, NULL },
	{ "occurred_at", F_DATETIME, 25, 0, NULL },
	{ "platform", F_TEXT, 100, 0, NULL },
	{ "url", F_TEXT, 2000, 0, NULL },
	{ "involved", F_LONGTEXT, 2000, 0, NULL },
	{ "about", F_EMAIL, 254, 0, NULL },
	{ "urgent", F_YESNO, 3, 0, NULL },
	{ "evidence", F_FILE, 5, 0, NULL },
	{ NULL },
};
static const struct field_spec queue_q[] = {
	{ "status", F_CHOICE, 16, 0, CONCERN_STATUSES },
	{ "category", F_CHOICE, 32, 0, CONCERN_CATEGORIES },
	{ "assigned", F_YESNO, 3, 0, NULL },
	{ "overdue", F_YESNO, 3, 0, NULL },
	PAGE_FIELD,
	{ NULL },
};
static const struct field_spec event_form[] = {
	{ "action", F_CHOICE, 16, F_REQUIRED, "acknowledge|note|assign|status|escalate|close|reopen" },
	{ "text", F_LONGTEXT, 5000, 0, NULL },
	{ "assignee", F_EMAIL, 254, 0, NULL },
	{ "status", F_CHOICE, 16, 0, CONCERN_STATUSES },
	{ "to", F_CHOICE, 20, 0, ESCALATION_BODIES },
	{ "reference", F_TEXT, 100, 0, NULL },
	{ "outcome", F_LONGTEXT, 5000, 0, NULL },
	{ "outcome_category", F_CHOICE, 24, 0, OUTCOME_CATEGORIES },
	{ NULL },
};
static const struct field_spec evidence_q[] = {
	{ "inline", F_YESNO, 3, 0, NULL },
	{ NULL },
};
static const struct field_spec stats_q[] = {
	{ "format", F_CHOICE, 4, 0, "csv" },
	{ NULL },
};
#define ROUTE_FIELD(c) { c, F_CHOICE, 20, F_MULTI, ROUTABLE_ROLES }
#define ROUTE_CATEGORY_(code, label, explain) ROUTE_FIELD(code),
static const struct field_spec routing_form[] = {
	CONCERN_CATEGORY_LIST(ROUTE_CATEGORY_)
	{ NULL },
};

const struct route concern_routes[] = {
	{ "GET", "/concerns/new", concern_new_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/concerns", concern_create, ROLE_STAFF, report_form, concern_new_page, R_UPLOAD },
	{ "GET", "/concerns/mine", concern_mine, ROLE_STAFF, page_fields, NULL, 0 },
	{ "GET", "/concerns/mine/{id}", concern_mine_case, ROLE_STAFF, NULL, NULL, 0 },
	{ "GET", "/concerns", concern_queue, ROLE_ROUTABLE, queue_q, NULL, 0 },
	{ "GET", "/concerns/stats", concern_stats, ROLE_HEADTEACHER | ROLE_GOVERNOR, stats_q, NULL, 0 },
	{ "GET", "/concerns/{id}", concern_case, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/concerns/{id}/events", concern_event_post, ROLE_STAFF, event_form, concern_case, 0 },
	{ "GET", "/evidence/{id}", evidence_download, ROLE_STAFF, evidence_q, NULL, 0 },
	{ "GET", "/admin/routing", routing_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/routing", routing_post, ROLE_ADMIN, routing_form, routing_page, 0 },
	{ NULL },
};
