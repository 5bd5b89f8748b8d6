/* E-mail: notifications queued in the outbox (in the transaction of the
 * event, by notify.c) and sent by one background thread through an SMTP
 * relay with libcurl, with retries and back-off.  A request never waits for
 * mail. */
#ifndef STAFFROOM_MAILER_H
#define STAFFROOM_MAILER_H

#include <stdint.h>

/* How an outbox row's last_error starts while the relay cannot be reached
 * (no attempt counted: the message waits for it). */
#define MAIL_UNREACHABLE "The mail relay could not be reached: "

/* Is a relay configured (serve --smtp-url)?  Only then is mail queued. */
int mail_enabled(void);
/* Inside a write transaction: an outbox message for each notification with id > after_id. */
void mail_queue_notifications(int64_t after_id);

/* Before threads start and before root is dropped: checks the options and
 * reads the relay password.  0, or 2 (usage) with a message on stderr. */
int mailer_prepare(void);
/* The sending thread (does nothing without a relay); stop joins it. */
int mailer_start(void);
void mailer_stop(void);
/* One turn of the thread, for a process with no thread (CGI, after its
 * answer): the daily anchor, then the mail that is due. */
void mailer_run_once(void);

/* Whether a person may still open the page a notification links to: 1 or 0.
 * The rules are the features' (a concern is for the holders of its roles),
 * which core cannot name, so main.c hands them in before any mail is sent;
 * without them only the recipient's being active is checked. */
typedef int mail_link_check(int64_t user_id, const char *link);
void mailer_check_links(mail_link_check *check);

#endif
