/* A report must always reach someone who may act on it.  When nobody active
 * holds a role a concern goes to, the concern is still stored (it is there
 * for whoever is given the role, who then finds it in the queue), the
 * reporter is told at once that it has reached nobody and whom to contact
 * instead, and the administrator and the headteacher see a standing warning
 * on "My tasks" naming the empty role, never a case. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "db/db.h"
#include "core/names.h"
#include "core/tasks.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t concern_reach(int64_t concern_id)
{
	/* CROSS JOIN keeps this order (the case, its roles, their holders):
	 * without statistics SQLite would read every active member of staff. */
	return db_int(0,
		      "SELECT count(DISTINCT u.id) FROM concerns c CROSS JOIN role_bits b ON "
		      "(c.recipient_mask & b.bit) != 0 CROSS JOIN user_roles ur ON "
		      "ur.role = b.role JOIN users u ON u.id = ur.user_id "
		      "WHERE c.id = ? AND u.active = 1 AND (c.about_id IS NULL OR u.id != "
		      "c.about_id)",
		      "I", concern_id);
}

/* Whom to contact when staffroom reached nobody.  About the headteacher:
 * the LADO (KCSIE 2024, Part four: an allegation about the headteacher goes
 * to the chair of governors, and the local authority designated officer
 * deals with allegations about anyone working with children).  A pupil who
 * may be at risk: the DSL, or children's social care or the police (KCSIE
 * 2024, Part one: anyone may refer to children's social care, and to the
 * police when a child is in immediate danger). */
const char *concern_fallback(const char *category, int about_head)
{
	/* KCSIE part one: the NSPCC line is there for whistleblowers. */
	if (category && strcmp(category, "whistleblowing") == 0)
		return "Call the NSPCC Whistleblowing Advice Line on 0800 028 0285, or write to "
		       "help@nspcc.org.uk. If a child may be at risk of harm, contact children's "
		       "social care or the local authority designated officer (LADO) today.";
	if (about_head)
		return "Contact the local authority designated officer (LADO) today: your local "
		       "authority's website "
		       "gives their telephone number.";
	if (category &&
	    (strcmp(category, "sexting") == 0 || strcmp(category, "cyberbullying_pupil") == 0 ||
	     strcmp(category, "pupil_contact") == 0))
		return "Speak to the designated safeguarding lead (DSL) or the headteacher in "
		       "person today. If a child "
		       "may be at risk of harm, contact children's social care now, or the police "
		       "on 999 if a child is "
		       "in immediate danger.";
	if (category && strcmp(category, "staff_conduct") == 0)
		return "Speak to the headteacher in person today, or contact the local authority "
		       "designated officer "
		       "(LADO) if it concerns the safety of children.";
	return "Speak to the headteacher or another senior leader in person today.";
}

char *concern_unreached_words(const char *ref, const char *category, int names_pupil)
{
	/* A pupil named or shown: the words for a concern about a pupil. */
	return xasprintf("Concern %s has been saved, but it has NOT reached anyone yet: nobody "
			 "who deals with this kind of concern is active in staffroom. %s",
			 ref, concern_fallback(names_pupil ? "pupil_contact" : category, 0));
}

int concern_about_conduct(const char *category)
{
	char quoted[48];
	snprintf(quoted, sizeof quoted, "'%s'", category ? category : "");
	return strstr(CONCERN_AIMED_AT, quoted) == NULL;
}

int concern_about_head(int64_t concern_id)
{
	/* Routed to the chair (and, for a breach, the DPO) because of whom it is
	 * about (concern_file.c): the chair's bit in its mask, and no role's but
	 * the chair's and the DPO's. */
	return db_int(0,
		      "SELECT 1 FROM concerns c WHERE c.id = ? AND c.about_id IS NOT NULL AND "
		      "(c.recipient_mask & ?) != 0 AND (c.recipient_mask & ~?) = 0 AND "
		      "EXISTS (SELECT 1 FROM user_roles WHERE user_id = c.about_id AND role = "
		      "'headteacher')",
		      "III", concern_id, (int64_t)ROLE_CHAIR,
		      (int64_t)(ROLE_CHAIR | ROLE_DPO)) == 1;
}

static void warn(json_t *tasks, const struct request *rq, const char *roles, const char *what)
{
	/* "chair of governors", "designated safeguarding lead or headteacher", ... */
	char *who = names_in_words(NAME_ROLE, roles, "or");
	char *msg = xasprintf("No %s is active in staffroom: %s reach nobody.%s", who, what,
			      (rq->user.roles & ROLE_ADMIN)
				      ? " Give the role to someone, or change the routing."
				      : " Ask the administrator to give the role to someone.");
	task_add(tasks, "concern_unreached", msg,
		 (rq->user.roles & ROLE_ADMIN) ? "/admin/staff" : "/", 1);
	free(msg);
	free(who);
}

/* For the administrator and the headteacher: which receiving roles are
 * empty, from the routing table and the people, never from the cases. */
void concern_gap_tasks(const struct request *rq, json_t *tasks)
{
	if (!(rq->user.roles & (ROLE_ADMIN | ROLE_HEADTEACHER)))
		return;
	if (!db_int(0,
		    "SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = "
		    "'chair' "
		    "AND u.active = 1 LIMIT 1",
		    ""))
		warn(tasks, rq, "chair", "concerns about the headteacher");
	json_t *gaps = db_rows("SELECT r.category, group_concat(r.role, ',') AS roles FROM routing "
			       "r GROUP BY r.category "
			       "HAVING NOT EXISTS (SELECT 1 FROM routing r2 JOIN user_roles ur ON "
			       "ur.role = r2.role "
			       "JOIN users u ON u.id = ur.user_id WHERE r2.category = r.category "
			       "AND u.active = 1) "
			       "ORDER BY r.category",
			       "");
	size_t i;
	json_t *g;
	json_array_foreach(gaps, i, g) {
		char *what = xasprintf("concerns of the kind '%s'",
				       concern_category_label(json_str(g, "category")));
		warn(tasks, rq, json_str(g, "roles"), what);
		free(what);
	}
	json_decref(gaps);
}
