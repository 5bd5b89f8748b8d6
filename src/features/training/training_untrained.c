/* Who still needs the social-media policy training (heatons 4.2: "Teachers
 * and support staff will receive training on the Social Media Policy as
 * part of their Safeguarding induction and refresher training"): the
 * leaders' list of active teachers and support staff with no current record
 * of the course, never trained or their training expired, so that nobody is
 * missed at induction or when a refresher is due.  Current as
 * training_current() has it (core/policy_status.c): a record not yet run
 * out, none being completed after the day it is entered. */
#define _GNU_SOURCE
#include "features/training/training.h"
#include "core/policy_status.h"
#include "db/db.h"
#include "lib/util.h"

#include <stdlib.h>

#define PAGE 50

/* Active teachers and support staff whose latest record of the course ran
 * out before today, or who have none, are kept in policy_training_until
 * with the day it runs to ('' never trained; schema.sql).  Their number is
 * added up from the kept number of people whose training runs to each day
 * (policy_training_until_counts): the days before today, not the people. */
int64_t training_untrained_count(void)
{
	char d[11];
	today(d);
	return db_int(0,
		      "SELECT coalesce(sum(n), 0) FROM policy_training_until_counts "
		      "WHERE until < ?",
		      "t", d);
}

/* The latest record of the course of each person of the page (w), then
 * the page in order of name. */
#define LATEST_OF_PAGE                                                                     \
	"l AS (SELECT w.user_id, w.name, (SELECT t.id FROM training t WHERE "               \
	"t.user_id = w.user_id AND t.course = 'social_media_policy' "                       \
	"ORDER BY t.completed_on DESC LIMIT 1) AS latest FROM w) "                          \
	"SELECT u.id, u.name, u.email, u.staff_type, t.completed_on AS last_completed_on, " \
	"t.expires_on AS last_expires_on FROM l JOIN users u ON u.id = l.user_id "          \
	"LEFT JOIN training t ON t.id = l.latest ORDER BY l.name, l.user_id"

void training_untrained_page(struct request *rq, struct reply *rp)
{
	char d[11];
	today(d);
	int64_t page = arg_int(rq, "page", 1);
	/* The page's people first, read in order of name from an index and
	 * stopped when the page is full: those who had let it lapse by today,
	 * kept since the day's first request (training_lapsed.c), or, before
	 * that was made, everyone's day, passing over the trained.  Then the
	 * latest record of the course of each, if any (found once, read by its
	 * id): an expired one is a refresher due. */
	int64_t offset = (page - 1) * PAGE;
	json_t *rows;
	if (training_lapsed_for_today())
		rows = db_rows("WITH w AS (SELECT p.user_id, p.name FROM policy_training_lapsed p "
			       "INDEXED BY policy_training_lapsed_by_name ORDER BY p.name, "
			       "p.user_id LIMIT ? OFFSET ?), " LATEST_OF_PAGE,
			       "II", (int64_t)PAGE, offset);
	else
		rows = db_rows("WITH w AS (SELECT p.user_id, p.name FROM policy_training_until p "
			       "INDEXED BY policy_training_by_name WHERE p.until < ? ORDER BY "
			       "p.name, p.user_id LIMIT ? OFFSET ?), " LATEST_OF_PAGE,
			       "tII", d, (int64_t)PAGE, offset);
	int64_t total = training_untrained_count();
	char *title = db_text("SELECT title FROM courses WHERE code = 'social_media_policy'", "");
	json_t *m = json_pack("{s:s, s:I, s:o}", "course_title",
			      title ? title : "Social-media policy",
			      "total", (json_int_t)total, "untrained", rows);
	free(title);
	reply_pager_total(m, page, PAGE, total);
	reply_page(rp, "training_untrained", "Social-media policy training still needed", m);
}
