#define _GNU_SOURCE
/* Applying for a departmental account: the form, the applicant's list,
 * one application with its checks and history, edit-and-resubmit after a
 * return, and withdrawal before a decision. */
#include "features/accounts/account.h"
#include "core/audit.h"
#include "db/db.h"
#include "core/notify.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

static const char *const text_fields[] = {
	"platform_other", "name", "department", "aim", "audience",
	"promotion",      "lead", "monitoring", NULL
};

/* What the form shows: what was just typed (a refused POST), else the stored values. */
static json_t *form_values(const struct request *rq, const json_t *from)
{
	json_t *v = json_object();
	for (size_t i = 0; text_fields[i]; i++) {
		const char *s = rq->is_post
					? arg(rq, text_fields[i])
					: json_string_value(json_object_get(from, text_fields[i]));
		json_object_set_new(v, text_fields[i], json_string(s ? s : ""));
	}
	const char *vis = rq->is_post ? arg(rq, "visibility") : json_str(from, "visibility");
	json_object_set_new(v, "open", json_boolean(vis && strcmp(vis, "open") == 0));
	json_object_set_new(v, "closed", json_boolean(vis && strcmp(vis, "closed") == 0));
	return v;
}

static void form_page(struct request *rq, struct reply *rp, const json_t *from, const char *action,
		      int editing)
{
	const char *platform = rq->is_post ? arg(rq, "platform") : json_str(from, "platform");
	json_t *m = json_pack("{s:o, s:o, s:s, s:b}", "v", form_values(rq, from), "platforms",
			      platform_options(platform), "action", action, "editing", editing);
	reply_page(rp, "account_apply",
		   editing ? "Change your application" : "Apply for a social-media account", m);
}

void apply_page(struct request *rq, struct reply *rp)
{
	json_t *from =
		json_pack("{s:s, s:s}", "department", rq->user.department, "lead", rq->user.email);
	form_page(rq, rp, from, "/accounts/applications", 0);
	json_decref(from);
}

void application_edit_page(struct request *rq, struct reply *rp)
{
	json_t *app = application_load(rq->ids[0]);
	if (!app || !application_visible(rq, app)) {
		json_decref(app);
		reply_not_found(rp);
		return;
	}
	char *action = application_link(rq->ids[0]);
	form_page(rq, rp, app, action, 1);
	json_object_set_new(rp->model, "application", app);
	free(action);
}

/* Checks shared by a new application and a resubmission: 0 with a 400 reply when refused. */
static int64_t valid_input(const struct request *rq, struct reply *rp, const char **other)
{
	/* Both are checked, so the form lists every problem at once. */
	int other_ok = platform_other_ok(rq, rp, other);
	int64_t lead = lead_lookup(rq, rp, 1);
	return other_ok ? lead : 0;
}

/* A completed application goes to the moderator, who reviews it, and to the
 * senior leadership team, the headteacher among them (ravens-wood §2, SLT:
 * "Receive completed applications for Social Media accounts"; §3
 * "Following consideration by the Moderator/SLT"); each once, whatever
 * roles they hold, and never the person who sent it. */
static void tell_moderator_and_slt(const struct request *rq, const char *msg, const char *link)
{
	notify_roles(ROLE_MODERATOR | SENIOR_LEADERS, rq->user.id, "account_application", msg,
		     link);
}

/* Inside the write: the same application sent twice (a double click) finds
 * the one kept, still undecided: 409, -1. */
static int refuse_repeat_application(const struct request *rq, struct reply *rp, int64_t lead,
				     const char *other)
{
	char since[ISO_LEN];
	repeat_since(since);
	int64_t kept = db_int(
		0,
		"SELECT id FROM account_applications INDEXED BY applications_by_applicant "
		"WHERE applicant_id = ? AND created_at >= ? AND status IN ('submitted', "
		"'forwarded') AND platform = ? AND platform_other = ? AND name = ? AND "
		"department = ? AND aim = ? AND audience = ? AND promotion = ? AND lead_id = ? AND "
		"visibility = ? AND monitoring = ?",
		"IttttttttItt", rq->user.id, since, arg(rq, "platform"), other ? other : "",
		arg(rq, "name"), arg(rq, "department"), arg(rq, "aim"), arg(rq, "audience"),
		arg(rq, "promotion"), lead, arg(rq, "visibility"), arg(rq, "monitoring"));
	return reply_refuse_repeat(rp, kept,
				   "You sent this application already: the moderator has it.");
}

void application_create(struct request *rq, struct reply *rp)
{
	const char *other;
	int64_t lead = valid_input(rq, rp, &other);
	if (!lead)
		return;
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_application(rq, rp, lead, other))
		return;
	int64_t id = db_insert(
		"INSERT INTO account_applications(applicant_id, platform, platform_other, name, "
		"department, aim, audience, "
		"promotion, lead_id, visibility, monitoring, status, created_at, updated_at) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,'submitted',?,?)",
		"ItttttttItttt", rq->user.id, arg(rq, "platform"), other, arg(rq, "name"),
		arg(rq, "department"), arg(rq, "aim"), arg(rq, "audience"), arg(rq, "promotion"),
		lead, arg(rq, "visibility"), arg(rq, "monitoring"), at, at);
	application_step(id, "submit", "submitted", "", rq->user.id, NULL);
	char *link = application_link(id);
	char *msg = xasprintf("%s applied for the %s account '%s'.", rq->user.name,
			      platform_label(arg(rq, "platform")), arg(rq, "name"));
	tell_moderator_and_slt(rq, msg, link);
	audit(rq, "account.apply", link + 1, "platform=%s name=%s lead=%s", arg(rq, "platform"),
	      arg(rq, "name"), arg(rq, "lead"));
	free(msg);
	if (id < 0 || db_commit() != 0) {
		free(link);
		reply_busy(rp, BUSY_UNSAVED);
		return;
	}
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s}}", "application", "id", (json_int_t)id, "status",
			     "submitted"),
		   link, "Your application has been sent to the moderator.");
	free(link);
}

/* The application if this person applied for it; otherwise a 404 or 403 reply. */
static json_t *own_application(struct request *rq, struct reply *rp)
{
	json_t *app = application_load(rq->ids[0]);
	if (!app || !application_visible(rq, app)) {
		json_decref(app);
		reply_not_found(rp);
		return NULL;
	}
	if (json_int(app, "applicant_id") != rq->user.id) {
		json_decref(app);
		reply_error(rp, 403, NULL,
			    "Only the person who applied can change or withdraw this application.");
		return NULL;
	}
	return app;
}

/* The end of an applicant's step, in its open transaction: nothing changed
 * means someone else got there first (409, rolled back); otherwise commit
 * and answer with the new status.  Takes ownership of link. */
static void finish_step(struct reply *rp, int changed, int64_t id, char *link, const char *status,
			const char *conflict, const char *done)
{
	if (reply_commit_changed(rp, changed, NULL, conflict, BUSY_UNSAVED) == 0)
		reply_done(rp, 200,
			   json_pack("{s:{s:I, s:s}}", "application", "id", (json_int_t)id,
				     "status", status),
			   link, done);
	free(link);
}

void application_resubmit(struct request *rq, struct reply *rp)
{
	json_t *app = own_application(rq, rp);
	if (!app)
		return;
	int returned = strcmp(json_str(app, "status"), "returned") == 0;
	json_decref(app);
	if (!returned) {
		reply_error(
			rp, 409, NULL,
			"Only an application returned for changes can be edited and sent again.");
		return;
	}
	const char *other;
	int64_t lead = valid_input(rq, rp, &other);
	if (!lead)
		return;
	char at[ISO_LEN];
	iso_now(at);
	int64_t id = rq->ids[0];
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE account_applications SET platform = ?, platform_other = ?, name = ?, "
		"department = ?, aim = ?, "
		"audience = ?, promotion = ?, lead_id = ?, visibility = ?, monitoring = ?, status "
		"= 'submitted', updated_at = ? "
		"WHERE id = ? AND status = 'returned'",
		"tttttttItttI", arg(rq, "platform"), other, arg(rq, "name"), arg(rq, "department"),
		arg(rq, "aim"), arg(rq, "audience"), arg(rq, "promotion"), lead,
		arg(rq, "visibility"), arg(rq, "monitoring"), at, id);
	int changed = db_changes();
	application_step(id, "resubmit", "submitted", "", rq->user.id, NULL);
	char *link = application_link(id);
	char *msg = xasprintf("%s changed and resubmitted the application for '%s'.", rq->user.name,
			      arg(rq, "name"));
	notify_done(link); /* the changes asked for are made */
	tell_moderator_and_slt(rq, msg, link);
	audit(rq, "account.resubmit", link + 1, "name=%s lead=%s", arg(rq, "name"),
	      arg(rq, "lead"));
	free(msg);
	finish_step(rp, changed, id, link, "submitted",
		    "This application has just changed; reload it and try again.",
		    "Your application has been sent to the moderator again.");
}

void application_withdraw(struct request *rq, struct reply *rp)
{
	json_t *app = own_application(rq, rp);
	if (!app)
		return;
	json_decref(app);
	int64_t id = rq->ids[0];
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE account_applications SET status = 'withdrawn', updated_at = ? "
		"WHERE id = ? AND status IN ('submitted','forwarded','returned')", "tI", at, id);
	int changed = db_changes();
	application_step(id, "withdraw", "withdrawn", "", rq->user.id, NULL);
	char *link = application_link(id);
	audit(rq, "account.withdraw", link + 1, "withdrawn by the applicant");
	finish_step(rp, changed, id, link, "withdrawn",
		    "This application has already been decided or withdrawn, so it cannot be "
		    "withdrawn.",
		    "Your application has been withdrawn.");
}

#define APPLICATIONS_PAGE 50
#define APPLICATION_COLUMNS                                                                   \
	"SELECT a.id, a.platform, a.platform_other, a.name, a.department, "                     \
	"ap.email AS applicant, ap.name AS applicant_name, l.email AS lead, "                   \
	"l.name AS lead_name, a.status, a.updated_at, a.account_id "                            \
	"FROM account_applications a JOIN users ap ON ap.id = a.applicant_id "                  \
	"JOIN users l ON l.id = a.lead_id "

void applications_list(struct request *rq, struct reply *rp)
{
	int all = has_role(rq, ACCOUNT_OVERSEERS);
	int64_t page = arg_int(rq, "page", 1), me = rq->user.id;
	int64_t limit = APPLICATIONS_PAGE + 1, offset = (page - 1) * APPLICATIONS_PAGE;
	/* Two statements, not "? OR ...": an OR with a constant defeats the
	 * indexes.  The overseers page through every application newest first. */
	json_t *rows = all ? db_rows(APPLICATION_COLUMNS "ORDER BY a.id DESC LIMIT ? OFFSET ?",
				     "II", limit, offset)
			   : db_rows(APPLICATION_COLUMNS
				     "WHERE a.applicant_id = ? OR a.lead_id = ? "
				     "ORDER BY a.id DESC LIMIT ? OFFSET ?",
				     "IIII", me, me, limit, offset);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		account_row_labels(r);
	json_t *m = json_pack("{s:o, s:b}", "applications", rows, "all", all);
	reply_pager(m, rows, page, APPLICATIONS_PAGE);
	reply_page(rp, "account_applications",
		   all ? "Account applications" : "Your account applications", m);
}
