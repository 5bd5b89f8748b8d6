/* What goes into an e-mail: the notification's line and a link, built from
 * --base-url.  A concern's mail never carries what the notification says,
 * only that there is something to read, so no detail of a concern ever
 * leaves staffroom by e-mail. */
#define _GNU_SOURCE
#include "lib/config.h"
#include "db/db.h"
#include "core/mailer.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

int mail_enabled(void)
{
	return cfg.smtp_url && cfg.smtp_url[0];
}

struct wording {
	const char *kind, *subject;
};

static const struct wording subjects[] = {
	{ "concern", "A concern needs your attention" },
	{ "concern_urgent", "An urgent concern needs your attention now" },
	{ "aup_new_version", "A new version of an agreement to sign" },
	{ "aup_reminder", "Reminder: an agreement needs your signature" },
	{ "account_application", "A social-media account application is waiting for you" },
	{ "account_decision", "A social-media account application is waiting for your decision" },
	{ "role_grant", "A safeguarding role has been given" },
	{ "fault_report", "A fault has been reported" },
	{ "fault_dealt", "Your fault report has been dealt with" },
	{ NULL, "A new notification" },
};

static const char *subject_for(const char *kind)
{
	const struct wording *w = subjects;
	while (w->kind && strcmp(w->kind, kind) != 0)
		w++;
	return w->subject;
}

static void queue_one(json_t *n, const char *school)
{
	const char *kind = json_str(n, "kind");
	const char *line = strncmp(kind, "concern", 7) == 0
				   ? "There is news about a concern in staffroom for you to read. "
				     "For confidentiality, e-mails never "
				     "say what a concern is about: please sign in to see it."
				   : json_str(n, "message");
	char *url = xasprintf("%s%s", cfg.base_url ? cfg.base_url : "", json_str(n, "link"));
	char *subject = xasprintf("%s (%s)", subject_for(kind), school);
	char *body = xasprintf(
		"Hello %s,\n\n%s\n\nOpen staffroom: %s\n\n-- \nSent by staffroom for %s. "
		"You receive these e-mails because staffroom showed you a notification.\n",
		json_str(n, "name"), line, url, school);
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO outbox(notification_id, user_id, to_addr, subject, body, created_at, "
		"next_attempt_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)",
		"IItttti", json_int(n, "id"), json_int(n, "user_id"), json_str(n, "email"), subject,
		body, at, 0);
	free(url);
	free(subject);
	free(body);
}

void mail_queue_notifications(int64_t after_id)
{
	if (!mail_enabled())
		return;
	char *school = db_text("SELECT value FROM settings WHERE key = 'school_name'", "");
	json_t *rows = db_rows(
		"SELECT n.id, n.user_id, n.kind, n.message, n.link, u.email, u.name FROM "
		"notifications n "
		"JOIN users u ON u.id = n.user_id WHERE n.id > ? AND u.active = 1 ORDER BY n.id",
		"I", after_id);
	size_t i;
	json_t *n;
	json_array_foreach(rows, i, n)
		queue_one(n, school ? school : "your school");
	json_decref(rows);
	free(school);
}
