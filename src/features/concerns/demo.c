/* The demo school's concerns: a parent's post being handled, a pupil's case
 * not yet acknowledged, a closed comment on a school account, and one about
 * the headteacher, which only the chair receives. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "db/db.h"
#include "core/demo.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void demo_event(int64_t id, const char *actor, const char *action, const char *detail,
		       int internal)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO concern_events(concern_id, at, actor_id, action, detail, internal) "
		"VALUES (?, ?, ?, ?, ?, ?)",
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
	db_exec("UPDATE concerns SET status = ?, acknowledged_at = coalesce(acknowledged_at, ?) "
		"WHERE id = ?",
		"ttI", status, at, id);
	if (strcmp(status, "acknowledged") == 0) {
		demo_event(id, actor, "acknowledge", "{}", 0);
		return;
	}
	detail = xasprintf("{\"from\":\"acknowledged\",\"to\":\"%s\"}", status);
	demo_event(id, actor, "status", detail, 0);
	free(detail);
}

int concerns_demo(void)
{
	static char note[] =
		"Screenshot transcript, 14:05 Tuesday, 'Hillside parents chat' group on Facebook:\n"
		"\"That PE teacher should be sacked, everyone report her.\" (posted by a parent, "
		"23 likes)\n";
	struct upload file = { .field = (char *)"evidence",
			       .filename = (char *)"facebook-post-transcript.txt",
			       .data = (unsigned char *)note,
			       .len = sizeof note - 1 };
	struct concern_input a = { "parent_post",
				   "Parent's post about a PE teacher in a parents' Facebook group",
				   "A parent has named me in a post and is encouraging others to "
				   "complain. I have not replied.",
				   NULL,
				   "Facebook",
				   "https://facebook.example/groups/hillside-parents",
				   "A parent of a Year 9 pupil",
				   0,
				   0,
				   0,
				   0 /* to_dsl */ };
	int64_t id = demo_file("teacher@demo.school", &a, &file);
	demo_status(id, "acknowledged", "head@demo.school");
	demo_event(id, "head@demo.school", "assign",
		   "{\"assignee\":\"deputy@demo.school\",\"name\":\"Samir Patel\"}", 1);
	db_exec("UPDATE concerns SET assignee_id = ? WHERE id = ?", "II",
		demo_user("deputy@demo.school"), id);
	demo_status(id, "investigating", "deputy@demo.school");
	demo_event(id, "deputy@demo.school", "note",
		   "{\"text\":\"Phoned the parent; meeting booked for Thursday.\"}", 1);

	/* A cyberbullying report carries when it happened (heatons 8.6): some
	 * hours before it was made. */
	char happened[ISO_LEN];
	iso_time(now() - 20 * 3600, happened);
	struct concern_input b = {
		"cyberbullying_pupil",
		"Year 8 pupil targeted in a group chat",
		"Pupils told me a group chat is sharing edited photos of a classmate.",
		happened,
		"WhatsApp",
		"",
		"Three Year 8 pupils",
		0,
		0,
		1,
		0 /* to_dsl */
	};
	demo_file("ta@demo.school", &b, NULL);

	struct concern_input c = {
		"account_comment",
		"Offensive reply under the sports day post",
		"A stranger posted an offensive reply on the school's Instagram post.",
		NULL,
		"Instagram",
		"",
		"",
		0,
		0,
		0,
		0 /* to_dsl */
	};
	id = demo_file("science@demo.school", &c, NULL);
	demo_status(id, "acknowledged", "moderator@demo.school");
	db_exec("UPDATE concerns SET status = 'closed', closed_at = created_at, outcome = ?, "
		"outcome_category = "
		"'content_removed' WHERE id = ?",
		"tI", "Comment hidden and the account blocked.", id);
	demo_event(id, "moderator@demo.school", "close",
		   "{\"outcome\":\"Comment hidden and the account "
		   "blocked.\",\"outcome_category\":\"content_removed\"}",
		   0);

	struct concern_input d = {
		"staff_conduct",
		"Headteacher's personal account follows pupils",
		"I noticed the headteacher's personal account follows several current pupils.",
		NULL,
		"X",
		"",
		"",
		demo_user("head@demo.school"),
		0,
		0,
		0 /* to_dsl */
	};
	demo_file("deputy@demo.school", &d, NULL);
	return db_failed() ? -1 : 0;
}
