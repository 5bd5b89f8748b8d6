#define _GNU_SOURCE
#include "core/staff.h"
#include "core/audit.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/names.h"
#include "core/notify.h"
#include "lib/util.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int one_of(const char *v, const char *choices)
{
	size_t n = strlen(v);
	for (const char *c = choices; *c;) {
		size_t m = strcspn(c, "|");
		if (m == n && strncmp(c, v, n) == 0)
			return 1;
		c += m + (c[m] == '|');
	}
	return 0;
}

static int plain_text(const char *s, size_t max)
{
	if (!utf8_valid(s, strlen(s)) || utf8_chars(s) > max)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static int email_ok(const char *e)
{
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(e) > 254)
		return 0;
	for (; *e; e++)
		if (isspace((unsigned char)*e) || iscntrl((unsigned char)*e) ||
		    strchr("<>()[]\\,;:\"", *e))
			return 0;
	return 1;
}

const char *staff_problem(const struct staff_input *in, const char **field)
{
	*field = "email";
	if (!in->email || !email_ok(in->email))
		return "The e-mail address is not valid.";
	if (staff_id(in->email))
		return db_int(0, "SELECT active FROM users WHERE email = ?", "t", in->email)
			       ? "Someone with that e-mail address is already on the staff list."
			       : "Someone with that e-mail address has left: reactivate them from "
				 "their page in the staff list.";
	return staff_details_problem(in, field);
}

const char *staff_details_problem(const struct staff_input *in, const char **field)
{
	*field = "name";
	/* A name of only spaces shows as no one: refused like an empty one. */
	if (text_blank(in->name) || !plain_text(in->name, 200))
		return "A name is required (at most 200 characters).";
	*field = "job_title";
	if (in->job_title && !plain_text(in->job_title, 200))
		return "The job title is not valid (at most 200 characters).";
	*field = "department";
	if (in->department && !plain_text(in->department, 120))
		return "The department is not valid (at most 120 characters).";
	*field = "staff_type";
	if (in->staff_type && in->staff_type[0] && !one_of(in->staff_type, STAFF_TYPES))
		return "The staff type must be teacher, support, supply, governor, contractor or "
		       "volunteer.";
	*field = NULL;
	return NULL;
}

int64_t staff_id(const char *email)
{
	return db_int(0, "SELECT id FROM users WHERE email = ?", "t", email);
}

const char *staff_self_grant_problem(const struct request *rq, int64_t user_id, unsigned roles)
{
	if (!rq || user_id != rq->user.id)
		return NULL;
	unsigned gained = roles & ~user_roles_load(user_id) & ROLE_SAFEGUARDING;
	if (!gained)
		return NULL;
	return "You cannot give yourself a safeguarding role: one that receives concerns or opens "
	       "safeguarding records (headteacher, senior leader, designated safeguarding lead, "
	       "moderator, business manager, network manager, chair of governors or data "
	       "protection officer). Another administrator must do it, and the headteacher and "
	       "the chair of governors are told.";
}

/* Who gave it: the signed-in person, or the command line. */
static const char *granted_by(const struct request *rq)
{
	return rq && rq->signed_in ? rq->user.email : "the command line";
}

/* Tells every active headteacher and chair (but the person given the role:
 * the point is a check by someone else) of a safeguarding role given, in
 * staffroom and by e-mail: who, which role, by whom; nothing about any case.
 * KCSIE: the DSL is appointed by the governing body, whose chair must know. */
static void tell_safeguarding_grant(const struct request *rq, const char *email, const char *name,
				    unsigned gained)
{
	gained &= ROLE_SAFEGUARDING;
	if (!gained)
		return;
	/* Heads and chairs read words, not the codes stored. */
	char *list = roles_text(gained), *words = names_in_words(NAME_ROLE, list, "and");
	int several = (gained & (gained - 1)) != 0;
	char *msg = xasprintf(
		"%s (%s) has been given the safeguarding role%s %s by %s. They can now read "
		"safeguarding records. If this was not agreed, ask an administrator to remove it.",
		name, email, several ? "s" : "", words, granted_by(rq));
	free(words);
	json_t *told =
		db_rows("SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id "
			"WHERE r.role IN ('headteacher', 'chair') AND u.active = 1 AND u.email != "
			"? ORDER BY u.id",
			"t", email);
	size_t i;
	json_t *row;
	json_array_foreach(told, i, row)
		notify_user(json_int(row, "id"), "role_grant", msg, "/");
	audit(rq, "staff.role_grant_told", email, "roles=%s told=%zu", list, json_array_size(told));
	json_decref(told);
	free(msg);
	free(list);
}

int64_t staff_add(const struct request *rq, const struct staff_input *in)
{
	char at[ISO_LEN];
	iso_now(at);
	const char *type = in->staff_type && in->staff_type[0] ? in->staff_type : "teacher";
	int64_t id = db_insert(
		"INSERT INTO users(email, name, job_title, department, staff_type, password_hash, "
		"created_at) VALUES (?,?,?,?,?,?,?)",
		"ttttttt", in->email, in->name, in->job_title ? in->job_title : "",
		in->department ? in->department : "", type, in->password_hash, at);
	if (id < 0)
		return -1;
	roles_store(id, in->roles | ROLE_STAFF);
	json_t *roles = roles_json(in->roles | ROLE_STAFF);
	char *list = json_dumps(roles, JSON_COMPACT);
	audit(rq, "staff.add", in->email, "name=%s type=%s roles=%s", in->name, type,
	      list ? list : "");
	free(list);
	json_decref(roles);
	if (!in->demo)
		tell_safeguarding_grant(rq, in->email, in->name, in->roles);
	return db_failed() ? -1 : id;
}

int staff_set_roles(const struct request *rq, int64_t user_id, unsigned roles)
{
	json_t *u = db_row("SELECT email, name FROM users WHERE id = ?", "I", user_id);
	if (!u)
		return -1;
	const char *email = json_str(u, "email");
	unsigned before = user_roles_load(user_id);
	roles |= ROLE_STAFF;
	if (before != roles) {
		roles_store(user_id, roles);
		/* A role change ends the person's sessions: new rights need a new sign-in. */
		auth_end_sessions(user_id);
		json_t *a = roles_json(before), *b = roles_json(roles);
		char *from = json_dumps(a, JSON_COMPACT), *to = json_dumps(b, JSON_COMPACT);
		audit(rq, "staff.roles", email, "from=%s to=%s", from ? from : "", to ? to : "");
		free(from), free(to);
		json_decref(a), json_decref(b);
		tell_safeguarding_grant(rq, email, json_str(u, "name"), roles & ~before);
	}
	json_decref(u);
	return db_failed() ? -1 : 0;
}

void staff_leave_now(int64_t user_id, const char *left_on)
{
	db_exec("UPDATE users SET active = 0, left_on = ? WHERE id = ?", "tI", left_on, user_id);
	auth_end_sessions(user_id);
	auth_spend_password_links(user_id);
}

int staff_deactivate(const struct request *rq, int64_t user_id, const char *left_on)
{
	char today[11];
	uk_today(today);
	char *email = db_text("SELECT email FROM users WHERE id = ?", "I", user_id);
	if (!email)
		return -1;
	staff_leave_now(user_id, left_on ? left_on : today);
	audit(rq, "staff.deactivate", email, "left_on=%s", left_on ? left_on : today);
	free(email);
	return db_failed() ? -1 : 0;
}
