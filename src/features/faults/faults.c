/* Damage and faults in equipment and software: who may do what, and the
 * routes.
 *
 * slyne's staff agreement: "I will report any damage or faults involving
 * equipment or software, however this may have happened."  So anyone who
 * signs in (staff, volunteers, governors: whoever signs the agreement)
 * reports one, and is not asked to explain it: how it happened is
 * optional.  The network manager deals with it, marking it fixed or not a
 * fault with a note, and the reporter is told.  The headteacher reads every
 * report (equipment that stops people working is theirs to know of) but
 * deals with none.  Nobody else sees another person's report: 404. */
#define _GNU_SOURCE
#include "features/faults/faults.h"
#include "core/auth.h"
#include "db/db.h"
#include "features/faults/faults_internal.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fault_link(int64_t id)
{
	return xasprintf("/faults/%lld", (long long)id);
}

void fault_reference(int64_t id, char out[16])
{
	snprintf(out, 16, "FT-%05lld", (long long)id);
}

json_t *fault_label(json_t *row)
{
	const char *outcome = json_str(row, "outcome");
	json_object_set_new(row, "outcome_label",
			    json_string(!outcome                        ? "Open"
					: strcmp(outcome, "fixed") == 0 ? "Fixed"
									: "Not a fault"));
	json_object_set_new(row, "open", json_boolean(!outcome));
	json_object_del(row, "reporter_id");
	json_object_set_new(row, "stops_work", json_boolean(json_int(row, "stops_work") == 1));
	return row;
}

/* A notification's link to a report ("/faults/12") opens for the person
 * only while they may open that report: a network manager who has given up
 * the role is no longer shown or e-mailed it. */
static int fault_link_opens(int64_t user_id, const char *link)
{
	static const char prefix[] = "/faults/";
	if (strncmp(link, prefix, sizeof prefix - 1) != 0)
		return -1;
	const char *digits = link + sizeof prefix - 1;
	if (!*digits || strspn(digits, "0123456789") != strlen(digits))
		return -1;
	return db_int(0,
		      "SELECT " FAULT_MAY_OPEN_AS("f", "?2", "?3") " IS 1 "
		      "FROM fault_reports f WHERE f.id = ?1",
		      "III", (int64_t)strtoll(digits, NULL, 10), user_id,
		      (int64_t)user_roles_load(user_id)) == 1;
}

static const struct field_spec report_form[] = {
	{ "equipment", F_TEXT, 200, F_REQUIRED, NULL, "Equipment or software" },
	{ "location", F_TEXT, 200, 0, NULL, "Room or place" },
	{ "problem", F_LONGTEXT, 2000, F_REQUIRED, NULL, "What is wrong" },
	{ "cause", F_LONGTEXT, 2000, 0, NULL, "How it happened" },
	{ "stops_work", F_YESNO, 3, F_REQUIRED, NULL, "Does it stop you working?" },
	{ NULL },
};
static const struct field_spec decision_form[] = {
	{ "outcome", F_CHOICE, 9, F_REQUIRED, "fixed|not_fault", "Outcome" },
	{ "note", F_LONGTEXT, 2000, F_REQUIRED, NULL, "Note" },
	{ NULL },
};

static const struct route faults_routes[] = {
	{ "GET", "/faults", faults_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/faults", fault_report, ROLE_STAFF, report_form, faults_page, 0 },
	{ "GET", "/faults/{id}", fault_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/faults/{id}/decision", fault_decide, FAULT_DEALERS, decision_form, fault_page,
	  0 },
	{ NULL },
};

const struct feature faults_feature = {
	.name = "faults",
	.routes = (const struct route *const[]){ faults_routes, NULL },
	.tasks = (task_fn *const[]){ fault_tasks, NULL },
	.demo = faults_demo,
	.nav = (const struct nav_link[]){ { 35, "Report a fault", "GET", "/faults" }, { 0 } },
	.link_opens = fault_link_opens,
};
