/* The e-mail the server could not send, for the administrator: how many
 * messages wait for a mail relay that cannot be reached, how many failed
 * (refused eight times), what the relay last said, and sending the failed
 * ones again once the relay is mended.  Without this, a relay down or a
 * password expired leaves the safeguarding leads' e-mails unsent and nobody
 * the wiser.  Whom they were to and what about are never shown: an e-mail to
 * the chair alone would tell the administrator of a concern about the
 * headteacher.  Messages withheld on purpose ("Not sent: the recipient …")
 * are neither counted nor sent again. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/mailer.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/admin/admin_sync.h"
#include "http/feature.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>

/* A message the relay refused or could not take (not one withheld). */
#define RELAY_FAULT "last_error != '' AND last_error NOT LIKE 'Not sent:%'"
/* Waiting for a relay that cannot be reached: no try counted (mailer.c). */
#define UNREACHED "last_error LIKE '" MAIL_UNREACHABLE "%'"
/* An invitation or a password link, whose text went when it failed: it
 * cannot be sent again, only a new one sent. */
#define ONE_TIME "id IN (SELECT outbox_id FROM outbox_one_time)"
/* Failed and worth sending again: not a one-time link, nor a notification
 * read in staffroom since (its e-mail would say what they know). */
#define RESENDABLE                                                                         \
	"status = 'failed' AND " RELAY_FAULT " AND NOT " ONE_TIME " AND (notification_id IS " \
	"NULL OR EXISTS (SELECT 1 FROM notifications n WHERE n.id = outbox.notification_id "  \
	"AND n.read_at IS NULL))"

static json_t *mail_state(void)
{
	return db_row("SELECT "
		      "(SELECT count(*) FROM outbox WHERE status = 'queued' AND " UNREACHED
		      ") AS waiting, "
		      "(SELECT min(created_at) FROM outbox WHERE status = 'queued' AND " UNREACHED
		      ") AS waiting_since, "
		      "(SELECT count(*) FROM outbox WHERE status = 'queued' AND attempts > 0 AND "
		      "NOT " UNREACHED ") AS retrying, "
		      "(SELECT count(*) FROM outbox WHERE " RESENDABLE ") AS failed, "
		      "(SELECT count(*) FROM outbox WHERE status = 'failed' AND " RELAY_FAULT
		      " AND " ONE_TIME ") AS links_failed, "
		      "(SELECT last_error FROM outbox WHERE id = (SELECT max(id) FROM outbox WHERE "
		      "status IN ('queued', 'failed') AND " RELAY_FAULT ")) AS last_error",
		      "");
}

static void flag_count(json_t *m, const char *count, const char *flag, const char *one,
		       const char *many)
{
	int64_t n = json_int(m, count);
	char *words = xasprintf("%s_words", count);
	json_object_set_new(m, words, reply_count_words(n, one, many));
	json_object_set_new(m, flag, json_boolean(n > 0));
	free(words);
}

static void mail_page(struct request *rq, struct reply *rp)
{
	(void)rq;
	json_t *m = mail_state();
	json_object_set_new(m, "mail_on", json_boolean(mail_enabled()));
	flag_count(m, "waiting", "has_waiting", "e-mail is", "e-mails are");
	flag_count(m, "retrying", "has_retrying", "e-mail", "e-mails");
	flag_count(m, "failed", "has_failed", "e-mail", "e-mails");
	flag_count(m, "links_failed", "has_links_failed", "invitation or password e-mail",
		   "invitation or password e-mails");
	json_object_set_new(m, "all_well",
			    json_boolean(!json_int(m, "waiting") && !json_int(m, "retrying") &&
					 !json_int(m, "failed") && !json_int(m, "links_failed")));
	reply_page(rp, "admin_mail", "E-mail", m);
}

/* The failed messages are tried again from the start, each with its eight
 * attempts; what is still wanted is checked again before each is sent. */
static void mail_retry(struct request *rq, struct reply *rp)
{
	if (reply_begin(rp, BUSY) != 0)
		return;
	db_exec("UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = 0 WHERE "
		RESENDABLE,
		"");
	int64_t n = db_changes();
	if (n == 0) {
		db_rollback();
		reply_error(rp, 409, NULL, "No e-mail has failed that can be sent again.");
		return;
	}
	audit(rq, "mail.retry", "outbox", "%lld failed e-mail%s queued again", (long long)n,
	      n == 1 ? "" : "s");
	if (reply_commit(rp, BUSY) != 0)
		return;
	char *msg = xasprintf("%lld failed e-mail%s will be sent again.", (long long)n,
			      n == 1 ? "" : "s");
	reply_done(rp, 200, json_pack("{s:I}", "queued", (json_int_t)n), "/admin/mail", msg);
	free(msg);
}

void admin_mail_tasks(const struct request *rq, json_t *tasks)
{
	if (!(rq->user.roles & ROLE_ADMIN))
		return;
	json_t *m = mail_state();
	int64_t waiting = json_int(m, "waiting"), failed = json_int(m, "failed");
	if (waiting)
		task_addf(tasks, "mail_waiting", "/admin/mail", 1,
			  "%lld e-mail%s waiting for the mail relay, which cannot be reached.",
			  (long long)waiting, waiting == 1 ? " is" : "s are");
	if (failed)
		task_addf(tasks, "mail_failed", "/admin/mail", 1,
			  "%lld e-mail%s could not be sent: the mail relay refused %s.",
			  (long long)failed, failed == 1 ? "" : "s", failed == 1 ? "it" : "them");
	json_decref(m);
}

const struct route admin_mail_routes[] = {
	{ "GET", "/admin/mail", mail_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/mail/retry", mail_retry, ROLE_ADMIN, NULL, mail_page, 0 },
	{ NULL },
};
