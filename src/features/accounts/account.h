/* Departmental social-media accounts: what the page groups of the feature
 * (applications, decisions, the register, monitoring, credentials) share. */
#ifndef STAFFROOM_ACCOUNT_H
#define STAFFROOM_ACCOUNT_H

#include "core/request.h"
#include "features/accounts/accounts.h"
#include "http/router.h"
#include "lib/lists.h"

#include <jansson.h>
#include <stdint.h>

#define PLATFORM_CHOICE_(code, label) "|" code
#define ACCOUNT_PLATFORMS LIST_CHOICES(PLATFORM_LIST, PLATFORM_CHOICE_)
/* Who sees the whole register and every application. */
#define ACCOUNT_OVERSEERS (ROLE_MODERATOR | ROLE_SLT | ROLE_BUSINESS_MANAGER | ROLE_HEADTEACHER)
/* The senior leadership team, ravens-wood's "SLT" and "senior leader": the
 * holders of the slt role and the headteacher.  They sign posts off (§10),
 * receive applications (§2) and mistakes (§10), and may see credentials. */
#define SENIOR_LEADERS (ROLE_SLT | ROLE_HEADTEACHER)

const char *platform_label(const char *code);
/* [{"value","label","selected"}] for the platform list. */
json_t *platform_options(const char *selected);
/* Adds "platform_label" (and "status_class") to a row holding platform, platform_other, status. */
void account_row_labels(json_t *row);
/* The platform_other field: required for 'other'; NULL and a 400 reply when missing. */
int platform_other_ok(const struct request *rq, struct reply *rp, const char **other);
int url_ok(const char *url);

/* The lead named by e-mail: its id, or 0 with a 400 reply (unknown; inactive when must_be_active).
 */
int64_t lead_lookup(const struct request *rq, struct reply *rp, int must_be_active);
/* The policy checks for a lead: [{"name","question","ok","detail"}]. */
json_t *lead_checks(int64_t lead_id);
/* A check's name as the question the page answers yes or no. */
const char *check_question(const char *name);
int checks_all_pass(const json_t *checks);
/* The checks that fail, and "What: the lead does not pass the policy
 * checks. Question: no (detail) …" (what is the step refused). */
json_t *checks_failing(const json_t *checks);
char *checks_failing_words(const char *what, const json_t *checks);
/* 409 with the failing checks in the model and in words. */
void reply_checks_failed(struct reply *rp, const json_t *checks, const char *what);
/* The application page's warnings when a check fails (account_warnings.c):
 * the failing checks, Approve's reason for being unavailable, the link to
 * record the lead's training.  Into model m. */
void application_warnings(json_t *m, const json_t *app, const json_t *checks);
/* Forwarding an application whose checks fail needs confirm=yes: 0 with a
 * 409 listing them when it is missing. */
int forward_confirmed(const struct request *rq, struct reply *rp, const json_t *checks);

/* Who decides: "business_manager" (default) or "slt", read from settings now. */
const char *decider_role(void);
/* The people who may not decide this application, as [id]: its applicant,
 * its lead, whoever reviewed it and reviewing (someone reviewing it now; 0:
 * nobody). */
json_t *application_excluded(const json_t *app, int64_t reviewing);
/* The active holders of the roles that may decide, [{"role","user_id"}],
 * read once for a list of applications. */
json_t *decider_holders(void);
/* Who decides, as a role: the decider role (role), else the headteacher,
 * else a senior leader, else the chair of governors: the first that an
 * active holder who is not excluded holds.  No one decides an application
 * they made, lead or reviewed, and none waits for ever (ravens-wood §3
 * "Following consideration by the Moderator/SLT"). */
const char *decider_among(const char *role, const json_t *holders, const json_t *excluded);
/* The same for one application, read now. */
const char *application_decider(const json_t *app, int64_t reviewing);
/* 1 when id is one of ids ([id]). */
int id_among(const json_t *ids, int64_t id);

/* Register rows with lead_left and monitoring_overdue as booleans. */
void account_flags(json_t *rows);
/* The register: every account (all), or those the person leads or contributes to. */
/* The register in its order (open accounts by name, then closed ones); limit -1: all. */
json_t *accounts_query(int all, int64_t lead_id, int64_t limit, int64_t offset);
#define ACCOUNTS_PAGE 50
json_t *account_load(int64_t id);             /* one register row, or NULL */
/* Overseers, the lead and the current contributors. */
int account_visible(const struct request *rq, const json_t *account);

/* The account's lead or one of its current staff contributors (account_team.c). */
int account_runs(int64_t account_id, int64_t user_id);
/* Leads or contributes to an account that is not closed. */
int runs_any_account(int64_t user_id);
/* Records now as the account's last activity (inside the caller's write
 * transaction); 0, or -1. */
int account_touch(int64_t account_id);

/* Applications: one row with applicant and lead, or NULL; who may see it
 * (overseers, its applicant and lead, the chair of governors when it has
 * come to them to decide). */
json_t *application_load(int64_t id);
int application_visible(const struct request *rq, const json_t *app);
/* A line of the application's history (the approvals table); checks may be NULL. */
void application_step(int64_t app_id, const char *step, const char *decision, const char *comment,
		      int64_t actor, const json_t *checks);
char *application_link(int64_t id);
char *account_link(int64_t id);
/* The concern a monitoring check or a moderation action raised, as its
 * answer's "concern" member of parent: id, reference and "delivered"; when it
 * reached nobody, a "warning" saying whom to contact now, also returned
 * (malloc'd) for the page's message and a 202.  NULL when it reached someone. */
char *account_raised_concern(json_t *parent, int64_t id, const char *ref, int64_t reached,
			     int names_pupil);
/* Inside a write: the 409 for a record sent twice that may have raised a
 * concern, kept being the row found ({"reference"} when it raised one) or
 * NULL: "DONE." or "DONE, and concern REF RAISED.".  As reply_refuse_repeat:
 * -1 answered, 0 goes on. */
int account_refuse_repeat_raising(struct reply *rp, const json_t *kept, const char *done,
				  const char *raised);

/* Handlers, one file each group. */
handler_fn apply_page, application_create, applications_list, application_page,
	application_edit_page, application_resubmit, application_withdraw;
handler_fn application_review, application_decision;
handler_fn accounts_list, account_new_page, account_register, account_page, account_edit,
	account_transfer, account_close;
handler_fn account_check_add;
handler_fn credentials_set, credentials_reveal;

/* The demo school's applications and accounts (demo.c); 0 on success. */
int accounts_demo(void);

#endif
