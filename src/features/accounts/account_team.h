/* Who runs a school account and what is asked of them: the gate each runner
 * passes, the nightly pass that finds those who no longer do, the password
 * to change after a reveal, and the yearly review and dormancy (the files
 * account_gate*.c, account_contributors.c, account_rotation.c,
 * account_review.c). */
#ifndef STAFFROOM_ACCOUNT_TEAM_H
#define STAFFROOM_ACCOUNT_TEAM_H

#include "features/accounts/account.h"
#include "features/accounts/account_flag_tasks.h"
#include "lib/util.h"

#include <time.h>

/* The lead and the current contributors: [{"runner" ("u:ID" for staff,
 * "c:ID" for a contributor who is not), "role" ("lead"|"contributor"),
 * "user_id" (0: not staff), "contributor_id" (0: the lead), "name", "email",
 * "relation"}]. */
json_t *account_runners(int64_t account_id);
/* A runner's checks, [{"name","question","ok","detail"}]: the lead's checks
 * for staff, the paper signature for anyone else. */
json_t *runner_checks(const json_t *runner);
/* 1 when the runner passes every check now. */
int runner_passes(const json_t *runner);
json_t *paper_checks(int64_t contributor_id);
/* The checks of someone who is not staff from what was entered for them: the
 * paper signature (paper_signed) and their social-media training
 * (paper_trained); version_id 0 for none. */
json_t *paper_gate(int64_t version_id, const char *paper_date, const char *trained_on,
		   const char *expires_on);
/* What is wrong with a paper signature, for the gate's paper_signed check. */
enum paper_fault {
	PAPER_PASSES,
	PAPER_VERSION,   /* not of the version in force of the agreement */
	PAPER_DATE,      /* dated before that version took effect */
	PAPER_LAST_YEAR, /* dated before this year's renewal date of a yearly policy */
};
/* Why a paper signature of the version dated paper_date fails paper_signed
 * (to be freed), with *fault; NULL (PAPER_PASSES) when it passes. */
char *paper_signed_problem(int64_t version_id, const char *paper_date, enum paper_fault *fault);
/* 1 when a policy's applies_to makes it the agreement someone not staff signs
 * on paper to run an account: it binds volunteers and teachers or support
 * staff (the agreement staff who run accounts sign). */
int paper_policy_fits(const char *applies_to);
/* The policy that is that agreement: the one chosen in School settings
 * (runner_agreement), else the only fitting policy in force; 0 when none is,
 * or (with *why, to be freed, saying so) when several are and none chosen. */
int64_t runner_agreement(char **why);

/* The paper signature that counts, the latest entered: {"version_id","paper_date",
 * "recorded_by","recorded_at","again","policy_id","number","version","title","renewal_due",
 * "renew_date"}, or NULL; again when it is not the first (signed again, or a new version);
 * renewal_due when it is last year's signature of a policy signed again every year,
 * renew_date this year's renewal date then (else null). */
json_t *paper_signature(int64_t contributor_id);
/* "What: Who does not pass the policy checks. Question: no (detail) …" */
char *gate_refusal_words(const char *what, const char *who, const json_t *checks);
/* What the nightly pass flagged: [{"runner","who","failure","found_at","words"}]. */
json_t *account_gate_flags(int64_t account_id);
/* The nightly pass, run by the first request of each day; 1 when it wrote. */
int account_gate_daily(void);
/* The pass itself, inside the caller's transaction (the demo school's is
 * made with its flags and the moderator's notification): 0, or -1. */
int account_gate_check_all(void);

/* Reveals by someone who has since left or stopped running the account,
 * after the password's last change: [{"user_id","name","revealed_at"}]. */
json_t *password_to_change(int64_t account_id);
/* The reveal, on record with its audit row (one transaction); 0, or -1 with a reply. */
int reveal_record(struct request *rq, struct reply *rp);
/* A change of the password on record (inside the caller's transaction):
 * new credentials stored, or the moderator's word that it was changed. */
void password_change_record(const struct request *rq, int64_t account_id, const char *at);
/* Who may reveal any account's credentials: ravens-wood §10's "the
 * school's SLT and Moderator". */
#define CREDENTIAL_READERS (ROLE_MODERATOR | SENIOR_LEADERS)
/* Whether this person may reveal the account's credentials: the moderator
 * and senior leaders any account, its lead their own while it is open. */
int may_reveal(const struct request *rq, int64_t account_id);

/* What every row of a list shares for its review state, worked out once
 * for the list: the dormancy setting, its words, today's UK date. */
struct review_day {
	int64_t dormant_days;
	json_t *dormant_days_words; /* one value, set in every row */
	char today[11];
	time_t now;
};
void review_day_start(struct review_day *d, int64_t dormant_days);
void review_day_end(struct review_day *d);
/* The yearly review's date (YYYY-MM-DD) and whether it is due; dormancy,
 * after d->dormant_days without activity.  The row carries its last_review
 * and activity_at (the register's statement reads them); activity_at is
 * replaced by last_activity. */
void account_review_state(json_t *account, const struct review_day *d);
/* The same turned round, for reading the kept dates by range: an open
 * account's review is due exactly when its last review (or, with none, its
 * creation) was before `out` (ISO-8601 UTC). */
void review_due_before(const struct review_day *d, char out[ISO_LEN]);
/* Likewise dormancy: the latest logged (last review or creation, check,
 * activity) before `out`. */
void dormant_before(const struct review_day *d, char out[ISO_LEN]);
/* The account_dormant_days setting (default 90). */
int64_t account_dormant_days(void);

/* The contributors who are not staff and have stopped running the account
 * (removed, or it was closed) whose paper signature, scan or training is
 * still kept (kept_after.c): [{"id","name","relation","stopped_on",
 * "account_closed","paper" ({"paper_date","has_scan","kept_until","held"} or
 * null),"training" ({"completed_on","kept_until","held"} or null)}]. */
json_t *former_contributors(int64_t account_id);

/* The account page's blocks and the register's flags. */
void account_team_model(const struct request *rq, json_t *m, const json_t *account);
void account_team_flags(json_t *row, const struct review_day *d);
/* "My tasks" for the moderator, from the facts kept of every account
 * (account_flags_kept.c): leads who have left, monitoring overdue, someone
 * who no longer passes the checks, passwords to change, reviews due,
 * dormant accounts. */
void account_moderator_tasks(struct flag_tasks *ft);
/* "My tasks" for the lead of an account: each contributor who is not staff due
 * to sign the agreement again for the year on paper. */
void account_renewal_tasks(const struct request *rq, json_t *tasks);

/* The close checklist's boxes all ticked: 1, or 0 with a 400 naming the first missing
 * (account_register.c). */
int close_checklist_ticked(const struct request *rq, struct reply *rp);

/* The demo school's contributors of the account, a paper signature and a
 * password to change (demo_team.c); 0 on success. */
int accounts_demo_team(int64_t account);

/* The account the moderator or its lead changes (who may add a contributor
 * may record their training too): 404 for whoever may not see it, 403 for
 * someone who sees it but neither moderates nor leads it, 409 when closed.
 * NULL with the reply. */
json_t *team_account(struct request *rq, struct reply *rp);
/* A current contributor of the account rq->ids[0] (404 otherwise) who is not
 * staff (409 for a member of staff, "NAME is a member of staff: " and
 * staff_words, who keep such records of their own).  The row is a runner as
 * account_runners has it; NULL with the reply. */
json_t *not_staff_runner(const struct request *rq, struct reply *rp, const char *staff_words);
/* One runner checked again now, inside the caller's transaction, as the
 * nightly pass checks them: what fails is flagged (the moderators told
 * once), what passes now is no longer flagged. */
void account_gate_recheck(const json_t *account, const json_t *runner);

/* The optional scan of a paper signature (account_paper_scan.c): 0, or -1
 * with a 400 or 415 naming "scan"; stored inside the caller's transaction. */
int paper_scan_ok(const struct request *rq, struct reply *rp);
/* The dates of a contributor's training, from the two fields named: done by
 * today, lapsing no earlier than the day it was done and not lapsed already
 * (it is recorded to be current); each problem added to rp
 * (account_contributor_training.c).  Nothing when no date was given. */
void contributor_training_problems(const struct request *rq, struct reply *rp,
				   const char *done_field, const char *lapses_field);
void paper_scan_store(const struct request *rq, int64_t contributor_id);

handler_fn contributor_add, contributor_remove, contributor_training, contributor_paper_again,
	paper_scan_download, credentials_changed, account_review;

#endif
