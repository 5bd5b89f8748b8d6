/* Concerns: the route table, "My tasks" for handlers, and the feature's
 * registry entry.  The pages themselves live in concern_report.c
 * (reporting, my reports), concern_case.c (queue and case),
 * concern_events.c (the chronology), concern_adult.c (concerns about
 * adults: self-referral, anonymity, threshold, LADO, outcomes),
 * concern_stats.c, evidence.c and routing_admin.c; the demo cases in
 * demo.c. */
#define _GNU_SOURCE
#include "features/concerns/concern_pattern.h"
#include "features/concerns/concern_internal.h"
#include "features/concerns/concern_breach.h"
#include "features/concerns/concerns.h"
#include "db/db.h"
#include "http/feature.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void concern_tasks(const struct request *rq, json_t *tasks)
{
	if (!(rq->user.roles & ROLE_ROUTABLE))
		return;
	char at[ISO_LEN];
	iso_now(at);
	int64_t mask = routable_roles(rq), me = rq->user.id;
	/* Exact, as the queue counts them, and as quick for a trust with
	 * thousands of cases left unacknowledged as for a small school. */
	json_t *counts = concern_visible_counts(mask, me);
	int64_t fresh = concern_new_not_due(mask, me, at);
	int64_t overdue = concern_new_overdue(counts, fresh);
	json_decref(counts);
	int64_t assigned =
		db_int(0,
		       "SELECT count(*) FROM concerns WHERE assignee_id = ? AND status IN "
		       CONCERN_OPEN_STATUSES,
		       "I", me);
	char *msg;
	if (overdue) {
		msg = xasprintf("%lld concern%s overdue: not acknowledged in time.",
				(long long)overdue, overdue == 1 ? " is" : "s are");
		task_add(tasks, "concern_overdue", msg, "/concerns?overdue=yes", 1);
		free(msg);
	}
	if (fresh) {
		msg = xasprintf("%lld new concern%s to acknowledge.", (long long)fresh,
				fresh == 1 ? "" : "s");
		task_add(tasks, "concern_new", msg, "/concerns?status=new", 0);
		free(msg);
	}
	if (assigned) {
		msg = xasprintf("%lld open concern%s assigned to you.", (long long)assigned,
				assigned == 1 ? "" : "s");
		task_add(tasks, "concern_assigned", msg, "/concerns?assigned=yes", 0);
		free(msg);
	}
}

/* Routes --------------------------------------------------------------------- */

const struct field_spec concern_report_form[] = {
	{ "category", F_CHOICE, 32, F_REQUIRED, CONCERN_CATEGORIES, "What is it about?" },
	{ "summary", F_TEXT, 200, F_REQUIRED, NULL, "Summary" },
	{ "details", F_LONGTEXT, 10000, 0, NULL, "What happened" },
	{ "occurred_at", F_DATETIME, 25, 0, NULL, "When it happened" },
	{ "aware_at", F_DATETIME, 25, 0, NULL, "When the school became aware of it" },
	{ "platform", F_TEXT, 100, 0, NULL, "Site or app" },
	{ "url", F_TEXT, 2000, 0, NULL, "Web address of the page or post" },
	{ "involved", F_LONGTEXT, 2000, 0, NULL, "Who is involved" },
	{ "about", F_EMAIL, 254, 0, NULL, "Their e-mail address" },
	{ "urgent", F_YESNO, 3, 0, NULL, "Urgent" },
	{ "self", F_YESNO, 3, 0, NULL, "About me" },
	{ "confidential", F_YESNO, 3, 0, NULL, "Keep my name confidential" },
	{ "evidence", F_FILE, 5, 0, NULL, "Evidence" },
	/* Only for an image report (concern_image.c). */
	{ "indecent_image", F_YESNO, 3, 0, NULL, "An indecent image of a child" },
	{ "image_location", F_LONGTEXT, 2000, 0, NULL, "Where the image is" },
	{ "image_holders", F_LONGTEXT, 2000, 0, NULL, "Who has it" },
	{ "image_seen_by", F_LONGTEXT, 2000, 0, NULL, "Who has seen it" },
	{ "adult_involved", F_YESNO, 3, 0, NULL, "An adult is involved" },
	{ "told_dsl", F_YESNO, 3, 0, NULL,
	  "I have told the designated safeguarding lead in person" },
	{ NULL },
};
/* The queue's status filter also takes "open" (the default) and "all". */
#define QUEUE_STATUS_LIST_(X) CONCERN_STATUS_LIST(X) X("open", "Open cases") X("all", "All cases")
static const struct field_spec queue_q[] = {
	{ "status", F_CHOICE, 16, 0, LIST_CHOICES(QUEUE_STATUS_LIST_, CONCERN_STATUS_CHOICE_),
	  NULL },
	{ "category", F_CHOICE, 32, 0, CONCERN_CATEGORIES, NULL },
	{ "assigned", F_YESNO, 3, 0, NULL, NULL },
	{ "overdue", F_YESNO, 3, 0, NULL, NULL },
	{ "deadline", F_CHOICE, 8, 0, "overdue", NULL },
	PAGE_FIELD,
	{ NULL },
};
static const struct field_spec event_form[] = {
	{ "action", F_CHOICE, 16, F_REQUIRED,
	  "acknowledge|note|assign|status|escalate|close|reopen|threshold|copy_given|device|"
	  "ico_decision|step",
	  "What to do" },
	{ "text", F_LONGTEXT, 5000, 0, NULL, "Note" },
	{ "assignee", F_EMAIL, 254, 0, NULL, "Assign to" },
	{ "status", F_CHOICE, 16, 0, CONCERN_STATUSES, "New status" },
	{ "to", F_CHOICE, 20, 0, ESCALATION_BODIES, "Escalated to" },
	{ "reference", F_TEXT, 100, 0, NULL, "Their reference" },
	{ "outcome", F_LONGTEXT, 5000, 0, NULL, "What was done" },
	{ "outcome_category", F_CHOICE, 24, 0, OUTCOME_CATEGORIES, "Outcome" },
	{ "level", F_CHOICE, 16, 0, "low_level|harm_threshold",
	  "Is it a low-level concern, or does it meet the harm threshold?" },
	{ "action_taken", F_LONGTEXT, 5000, 0, NULL, "Action taken" },
	{ "date", F_DATE, 10, 0, NULL, "Date the copy was given" },
	/* action=device (concern_device.c) */
	{ "device", F_TEXT, 200, 0, NULL, "The device" },
	{ "done_by", F_TEXT, 200, 0, NULL, "Confiscated or searched by" },
	{ "done_at", F_DATETIME, 25, 0, NULL, "When" },
	{ "kept_at", F_TEXT, 200, 0, NULL, "Where it is kept" },
	{ "handed_to", F_TEXT, 200, 0, NULL, "Handed to" },
	{ "decision", F_CHOICE, 12, 0, BREACH_DECISIONS, "Decision" },
	{ "ico_reference", F_TEXT, 100, 0, NULL, "ICO reference" },
	{ "subjects_told", F_YESNO, 3, 0, NULL, "Were the people affected told?" },
	/* action=step (concern_steps.c); outcome is done, not_done or refused */
	{ "step", F_CHOICE, 20, 0, CONCERN_STEPS, "The step" },
	{ NULL },
};
static const struct field_spec evidence_q[] = {
	{ "inline", F_YESNO, 3, 0, NULL, NULL },
	{ NULL },
};
static const struct field_spec stats_q[] = {
	{ "format", F_CHOICE, 4, 0, "csv", NULL },
	{ NULL },
};
#define ROUTE_FIELD(c, l) { c, F_CHOICE, 20, F_MULTI, ROUTABLE_ROLES, l }
#define ROUTE_CATEGORY_(code, label, explain) ROUTE_FIELD(code, label),
static const struct field_spec routing_form[] = {
	CONCERN_CATEGORY_LIST(ROUTE_CATEGORY_)
	{ NULL },
};

static const struct route concern_routes[] = {
	{ "GET", "/concerns/new", concern_new_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/concerns", concern_create, ROLE_STAFF, concern_report_form, concern_new_page,
	  R_UPLOAD | R_UPLOAD_LATE },
	{ "GET", "/concerns/mine", concern_mine, ROLE_STAFF, page_fields, NULL, 0 },
	{ "GET", "/concerns/mine/{id}", concern_mine_case, ROLE_STAFF, NULL, NULL, 0 },
	{ "GET", "/concerns", concern_queue, ROLE_ROUTABLE, queue_q, NULL, 0 },
	{ "GET", "/concerns/stats", concern_stats, ROLE_HEADTEACHER | ROLE_GOVERNOR, stats_q, NULL,
	  0 },
	{ "GET", "/concerns/{id}", concern_case, ROLE_STAFF, NULL, NULL, 0 },
	/* Everyone signed in, so that all but the headteacher and chair get a 404, not a 403. */
	{ "GET", "/concerns/about/{id}", concern_pattern_page, ROLE_STAFF, page_fields, NULL, 0 },
	{ "POST", "/concerns/{id}/events", concern_event_post, ROLE_STAFF, event_form, concern_case,
	  0 },
	{ "GET", "/evidence/{id}", evidence_download, ROLE_STAFF, evidence_q, NULL, 0 },
	{ "GET", "/admin/routing", routing_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/routing", routing_post, ROLE_ADMIN, routing_form, routing_page, 0 },
	{ NULL },
};

const struct feature concerns_feature = {
	.name = "concerns",
	.routes = (const struct route *const[]){ concern_routes, breach_routes, NULL },
	.tasks = (task_fn *const[]){ concern_gap_tasks, concern_tasks, concern_deadline_tasks,
				     NULL },
	.demo = concerns_demo,
	.link_opens = concern_link_opens,
	.nav = (const struct nav_link[]){
		{ 30, "Report a concern", "GET", "/concerns/new" },
		{ 40, "Incident queue", "GET", "/concerns" },
		{ 70, "Statistics", "GET", "/concerns/stats" },
		{ 75, "Breach log", "GET", "/breaches" },
		{ 0 },
	},
};
