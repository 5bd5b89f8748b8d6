/* The permissions page: a member of staff asks for an exception and sees
 * the decision, reads the register of approved services and authorises a
 * service for a lesson; the decider, the leaders and the network manager
 * see what is theirs to act on. */
#include "features/permissions/permissions.h"
#include "db/db.h"
#include "features/permissions/permissions_internal.h"

#include <stdlib.h>
#include <string.h>

/* The choices of the lesson form: the register's services by name, none
 * chosen but the one a refused form sent. */
static json_t *lesson_choices(const struct request *rq, json_t *services)
{
	json_t *choices = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(services, i, row)
		json_array_append_new(choices, json_pack("{s:O, s:b}", "name",
							 json_object_get(row, "name"),
							 "chosen", 0));
	reply_keep_chosen(rq, choices, "service", "name", "chosen");
	return choices;
}

void permissions_page(struct request *rq, struct reply *rp)
{
	char *decider = db_text("SELECT value FROM settings WHERE key = 'exception_decider'", "");
	json_t *services = services_list();
	int may_keep = service_may_keep(rq);
	/* A refused review shows its problem beside the date of the row it was
	 * sent from, whose field takes the id the summary links to (f-review_on);
	 * the "Approve a service" form then keeps its own field and says nothing. */
	int row_sent = rq->is_post && rq->nids == 1 && rq->path &&
		       strncmp(rq->path, "/permissions/services/", 22) == 0;
	int64_t sent = row_sent ? rq->ids[0] : 0;
	/* Each row says whether its own review form shows. */
	reply_rows_mark(reply_rows_flag(services, "may_review", may_keep), "review_sent", sent);
	/* The same for a refused decision on an exception. */
	int decide_sent = rq->is_post && rq->nids == 1 && rq->path &&
			  strncmp(rq->path, "/permissions/exceptions/", 24) == 0;
	json_t *exceptions = reply_rows_mark(exceptions_list(rq), "decide_sent",
					     decide_sent ? rq->ids[0] : 0);
	/* Not "may_decide", the name each exception's row gives its own decision:
	 * a row's false would fall back to the page's true. */
	json_t *m = json_pack(
		"{s:o, s:o, s:o, s:b, s:b, s:b, s:b}", "exceptions", exceptions,
		"services", services, "lessons", lessons_list(rq), "may_decide_exceptions",
		exception_may_decide(rq), "may_keep_services", may_keep, "may_set_decider",
		has_role(rq, ROLE_HEADTEACHER | ROLE_ADMIN), "decider_is_head",
		decider && strcmp(decider, "headteacher") == 0);
	json_object_set_new(m, "service_review_sent", json_boolean(sent != 0));
	json_object_set_new(m, "may_authorise_lessons", json_boolean(lesson_may_authorise(rq)));
	json_object_set_new(m, "lesson_services", lesson_choices(rq, services));
	free(decider);
	reply_page(rp, "permissions", "Permissions", m);
}

static const struct field_spec exception_form[] = {
	{ "what", F_TEXT, 300, F_REQUIRED, NULL, "What you want to do" },
	{ "why", F_LONGTEXT, 2000, F_REQUIRED, NULL, "Why" },
	{ "from_on", F_DATE, 10, F_REQUIRED, NULL, "From" },
	{ "until_on", F_DATE, 10, F_REQUIRED, NULL, "Until (the last day)" },
	{ NULL },
};
static const struct field_spec decision_form[] = {
	{ "decision", F_CHOICE, 8, F_REQUIRED, "approved|refused", "Decision" },
	{ "decision_reason", F_LONGTEXT, 2000, F_REQUIRED, NULL, "Reason" },
	{ NULL },
};
static const struct field_spec decider_form[] = {
	{ "decider", F_CHOICE, 16, F_REQUIRED, "business_manager|headteacher",
	  "Who decides exceptions" },
	{ NULL },
};
static const struct field_spec service_form[] = {
	{ "name", F_TEXT, 200, F_REQUIRED, NULL, "Service" },
	{ "purpose", F_LONGTEXT, 2000, F_REQUIRED, NULL, "What it is used for" },
	{ "review_on", F_DATE, 10, F_REQUIRED, NULL, "Review by" },
	{ NULL },
};
static const struct field_spec service_update_form[] = {
	{ "action", F_CHOICE, 8, F_REQUIRED, "review|withdraw", "Approve again" },
	{ "review_on", F_DATE, 10, 0, NULL, "Next review by" },
	{ NULL },
};
static const struct field_spec lesson_form[] = {
	{ "class_name", F_TEXT, 100, F_REQUIRED, NULL, "Class" },
	{ "lesson_on", F_DATE, 10, F_REQUIRED, NULL, "Day of the lesson" },
	{ "service", F_TEXT, 200, F_REQUIRED, NULL, "Approved service" },
	{ "use", F_LONGTEXT, 1000, F_REQUIRED, NULL, "What the lesson uses it for" },
	{ NULL },
};

static const struct route permissions_routes[] = {
	{ "GET", "/permissions", permissions_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/permissions/exceptions", exception_request, ROLE_STAFF, exception_form,
	  permissions_page, 0 },
	{ "POST", "/permissions/exceptions/{id}/decision", exception_decide, ROLE_STAFF,
	  decision_form, permissions_page, 0 },
	{ "POST", "/permissions/decider", exception_decider_set, ROLE_HEADTEACHER | ROLE_ADMIN,
	  decider_form, permissions_page, 0 },
	{ "POST", "/permissions/services", service_add, ROLE_HEADTEACHER | ROLE_SLT, service_form,
	  permissions_page, 0 },
	{ "POST", "/permissions/services/{id}", service_update, ROLE_HEADTEACHER | ROLE_SLT,
	  service_update_form, permissions_page, 0 },
	{ "POST", "/permissions/lessons", lesson_add, ROLE_STAFF, lesson_form, permissions_page,
	  0 },
	{ NULL },
};

const struct feature permissions_feature = {
	.name = "permissions",
	.routes = (const struct route *const[]){ permissions_routes, NULL },
	.tasks = (task_fn *const[]){ exception_tasks, service_tasks, lesson_tasks, NULL },
	.demo = permissions_demo,
	.nav = (const struct nav_link[]){ { 86, "Permissions", "GET", "/permissions" }, { 0 } },
};
