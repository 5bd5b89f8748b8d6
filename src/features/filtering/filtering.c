/* The filtering record's page and who does what with it.
 *
 * The DfE's "Meeting digital and technology standards in schools and
 * colleges: filtering and monitoring standards" ask a school to name a
 * senior leader and a governor responsible for filtering and monitoring,
 * to keep a record of what is blocked or allowed and why, and to check the
 * systems and review the provision at least once a year.  KCSIE gives the
 * designated safeguarding lead lead responsibility for understanding them,
 * so the DSL and the headteacher read the whole record too.  Anyone may ask
 * for a site to be blocked (Heatons 7.3: inappropriate content "should be
 * reported … so that the site can be blocked") or unblocked, and sees the
 * decisions on their own requests. */
#define _GNU_SOURCE
#include "features/filtering/filtering.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/write.h"
#include "db/db.h"
#include "features/filtering/filtering_internal.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

/* The standards ask for a member of the senior leadership team and a governor:
 * the roles that qualify a person to be named for each duty. */
#define LEADER_ROLES (ROLE_SLT | ROLE_HEADTEACHER)
#define GOVERNOR_ROLES (ROLE_GOVERNOR | ROLE_CHAIR)

static unsigned named_roles(const char *setting)
{
	return strcmp(setting, "filtering_leader") == 0 ? LEADER_ROLES : GOVERNOR_ROLES;
}

/* Is this person active and holding one of the roles?  Someone who has left,
 * or has stepped down from the role that qualified them, is no longer
 * responsible for anything: they neither decide nor are told. */
static int qualifies(int64_t id, unsigned roles)
{
	return db_int(0, "SELECT active FROM users WHERE id = ?", "I", id) == 1 &&
	       (user_roles_load(id) & roles) != 0;
}

int64_t filtering_named(const char *setting)
{
	char *v = db_text("SELECT value FROM settings WHERE key = ?", "t", setting);
	int64_t id = v ? strtoll(v, NULL, 10) : 0;
	free(v);
	return id > 0 && qualifies(id, named_roles(setting)) ? id : 0;
}

int filtering_may_decide(const struct request *rq)
{
	return has_role(rq, ROLE_NETWORK_MANAGER) ||
	       rq->user.id == filtering_named("filtering_leader");
}

int filtering_may_read(const struct request *rq)
{
	return filtering_may_decide(rq) || has_role(rq, ROLE_HEADTEACHER | ROLE_DSL) ||
	       rq->user.id == filtering_named("filtering_governor");
}

int filtering_may_record(const struct request *rq)
{
	return filtering_may_decide(rq) || rq->user.id == filtering_named("filtering_governor");
}

static json_t *named_person(const char *setting)
{
	int64_t id = filtering_named(setting);
	json_t *p = id ? db_row("SELECT name, email FROM users WHERE id = ?", "I", id) : NULL;
	return p ? p : json_null();
}

void filtering_page(struct request *rq, struct reply *rp)
{
	int may_read = filtering_may_read(rq);
	char due[11] = "";
	if (may_read)
		filter_review_due(due);
	/* A refused decision shows its problem in the form of the request it was
	 * for, whose fields take the ids the summary links to (f-decision_reason). */
	int64_t sent = rq->is_post && rq->nids == 1 ? rq->ids[0] : 0;
	json_t *requests = reply_rows_mark(filter_requests_list(rq), "decide_sent", sent);
	/* The chair standing in: the requests to decide come first, under a
	 * heading that does not call them the chair's own. */
	int stands_in = 0;
	size_t i;
	json_t *row;
	json_array_foreach(requests, i, row)
		stands_in |= json_is_true(json_object_get(row, "stand_in"));
	/* Not "may_decide", each request's own flag: a row's false (a decider's
	 * own request) would fall back to the page's true in the template. */
	json_t *m = json_pack("{s:o, s:b, s:b, s:b, s:b}", "requests", requests,
			      "may_read", may_read, "may_decide_requests", filtering_may_decide(rq),
			      "may_record", filtering_may_record(rq), "may_name",
			      has_role(rq, ROLE_HEADTEACHER | ROLE_ADMIN));
	/* The choices ticked at first; a refused form brings back its own (router.c). */
	json_object_set_new(m, "chose", json_pack("{s:b, s:b}", "kind_block", 1, "kind_check", 1));
	/* Both forms have a "kind": a refused check shows its problem in the check
	 * form, whose fieldset then takes the id the summary links to (f-kind). */
	int sent_check = reply_form_sent(rq, "/checks");
	json_object_set_new(m, "sent_check", json_boolean(sent_check));
	json_object_set_new(m, "stands_in", json_boolean(stands_in));
	if (may_read) {
		json_object_set_new(m, "checks", filter_checks_list());
		json_object_set_new(m, "leader", named_person("filtering_leader"));
		json_object_set_new(m, "governor", named_person("filtering_governor"));
		json_object_set_new(m, "review_due", due[0] ? json_string(due) : json_null());
	}
	reply_page(rp, "filtering", "Filtering", m);
}

/* The person named by this e-mail address, when they may hold the duty;
 * -1 otherwise, the problem added to the reply. */
static int64_t named_check(const struct request *rq, struct reply *rp, const char *field,
			   unsigned roles, const char *who)
{
	const char *email = arg(rq, field);
	int64_t id =
		db_int(0,
		       "SELECT u.id FROM users u WHERE u.email = ? AND u.active = 1 AND EXISTS "
		       "(SELECT 1 FROM user_roles r JOIN role_bits b ON b.role = r.role WHERE "
		       "r.user_id = u.id AND (b.bit & ?) != 0)",
		       "tI", email, (int64_t)roles);
	if (!id)
		reply_error_add(rp, field, "'%s' is not an active member of staff who is %s.",
				email, who);
	return id ? id : -1;
}

static void filtering_people(struct request *rq, struct reply *rp)
{
	int64_t leader =
		named_check(rq, rp, "leader", LEADER_ROLES, "a senior leader or the headteacher");
	int64_t governor = named_check(rq, rp, "governor", GOVERNOR_ROLES, "a governor");
	if (leader < 0 || governor < 0)
		return;
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE settings SET value = ? WHERE key = 'filtering_leader'", "I", leader);
	db_exec("UPDATE settings SET value = ? WHERE key = 'filtering_governor'", "I", governor);
	audit(rq, "filtering.people", "filtering", "leader=%s governor=%s", arg(rq, "leader"),
	      arg(rq, "governor"));
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200,
		   json_pack("{s:s, s:s}", "leader", arg(rq, "leader"), "governor",
			     arg(rq, "governor")),
		   "/filtering", "The senior leader and the governor for filtering are saved.");
}

static const struct field_spec request_form[] = {
	{ "kind", F_CHOICE, 8, F_REQUIRED, "block|unblock", "What should happen to the site?" },
	{ "site", F_TEXT, 500, F_REQUIRED, NULL, "The site's address or name" },
	{ "reason", F_LONGTEXT, 2000, F_REQUIRED, NULL, "Why" },
	{ NULL },
};
static const struct field_spec decision_form[] = {
	{ "decision", F_CHOICE, 8, F_REQUIRED, "done|refused", "Decision" },
	{ "decision_reason", F_LONGTEXT, 2000, F_REQUIRED, NULL, "Why" },
	{ NULL },
};
static const struct field_spec check_form[] = {
	{ "kind", F_CHOICE, 8, F_REQUIRED, "check|review", "What was done?" },
	{ "done_on", F_DATE, 10, F_REQUIRED, NULL, "Done on" },
	{ "tested", F_LONGTEXT, 4000, F_REQUIRED, NULL, "What was tested or reviewed" },
	{ "actions", F_LONGTEXT, 4000, 0, NULL, "Actions that follow" },
	{ NULL },
};
static const struct field_spec people_form[] = {
	{ "leader", F_EMAIL, 254, F_REQUIRED, NULL, "E-mail address of the senior leader" },
	{ "governor", F_EMAIL, 254, F_REQUIRED, NULL, "E-mail address of the governor" },
	{ NULL },
};

static const struct route filtering_routes[] = {
	{ "GET", "/filtering", filtering_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/filtering/requests", filter_request_add, ROLE_STAFF, request_form,
	  filtering_page, 0 },
	{ "POST", "/filtering/requests/{id}/decision", filter_request_decide, ROLE_STAFF,
	  decision_form, filtering_page, 0 },
	{ "POST", "/filtering/checks", filter_check_add, ROLE_STAFF, check_form, filtering_page,
	  0 },
	{ "POST", "/filtering/people", filtering_people, ROLE_HEADTEACHER | ROLE_ADMIN, people_form,
	  filtering_page, 0 },
	{ NULL },
};

const struct feature filtering_feature = {
	.name = "filtering",
	.routes = (const struct route *const[]){ filtering_routes, NULL },
	.tasks = (task_fn *const[]){ filter_request_tasks, filter_review_tasks, NULL },
	.demo = filtering_demo,
	.nav = (const struct nav_link[]){ { 85, "Filtering", "GET", "/filtering" }, { 0 } },
};
