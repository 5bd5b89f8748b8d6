/* The names people read for the codes stored in the database: roles, staff
 * types, the statuses of concerns, account applications and accounts.  Pages
 * show these names; forms' values, CSS classes and JSON keep the codes.
 *
 * Each list is declared once here (roles in ROLE_LIST, core/roles.h, staff
 * types in STAFF_TYPE_LIST, core/staff.h) and schema.sql repeats its codes in
 * a CHECK: tests/unit/test_names.c checks every code there has a name. */
#ifndef STAFFROOM_NAMES_H
#define STAFFROOM_NAMES_H

#include "lib/lists.h"

#include <stddef.h>

/* A concern's statuses, in the order a case moves through them: X(code, name). */
#define CONCERN_STATUS_LIST(X)                                                        \
	X("new", "New") X("acknowledged", "Acknowledged") X("investigating", "Investigating") \
	X("escalated", "Escalated") X("closed", "Closed")

/* Where an application for a school social-media account stands. */
#define APPLICATION_STATUS_LIST(X)                                                    \
	X("submitted", "Waiting for the moderator") X("forwarded", "Waiting for a decision") \
	X("returned", "Returned for changes") X("approved", "Approved")                \
	X("rejected", "Rejected") X("withdrawn", "Withdrawn")

/* The steps of an application's history, and what each step decided. */
#define APPLICATION_STEP_LIST(X)                                                      \
	X("submit", "Application") X("review", "Moderator's review")                   \
	X("decision", "Final decision") X("resubmit", "Changed application")           \
	X("withdraw", "Withdrawal")
#define APPLICATION_DECISION_LIST(X)                                                  \
	X("submitted", "sent") X("forward", "forwarded for the final decision")        \
	X("return", "returned for changes") X("approve", "approved") X("reject", "rejected") \
	X("withdrawn", "withdrawn")

/* An account on the register. */
#define ACCOUNT_STATUS_LIST(X) \
	X("active", "Active") X("suspended", "Suspended") X("closed", "Closed")

/* Where a policy version stands (aup_version_load: no column, worked out
 * from its dates and whether it has been authorised). */
#define POLICY_STATUS_LIST(X) X("draft", "a draft waiting to be authorised") \
	X("current", "current") X("upcoming", "not yet in effect") X("superseded", "replaced")

/* The kinds of record the retention review lists (legal_holds, disposals). */
#define RECORD_TYPE_LIST(X)                                                           \
	X("concern", "Concern") X("signature", "Signature") X("training", "Training record") \
	X("decline", "Declined agreement") X("acknowledgement", "Yearly signature again")     \
	X("do_not_publish", "Pupil taken off the do-not-publish list")                       \
	X("do_not_film", "Adult taken off the list of those not to be filmed")               \
	X("contributor_paper", "Paper signature of a contributor who is not staff")           \
	X("contributor_training", "Training of a contributor who is not staff")               \
	X("sar", "Subject access request") X("fault", "Report of damage or a fault")

/* Whether an account or group is open to the public. */
#define VISIBILITY_LIST(X) X("open", "Open") X("closed", "Closed")

#ifdef __cplusplus
extern "C" {
#endif

enum name_kind {
	NAME_ROLE,
	NAME_STAFF_TYPE,
	NAME_CONCERN_STATUS,
	NAME_APPLICATION_STATUS,
	NAME_APPLICATION_STEP,
	NAME_APPLICATION_DECISION,
	NAME_ACCOUNT_STATUS,
	NAME_VISIBILITY,
	NAME_POLICY_STATUS,
	NAME_AUDIT_ACTION, /* core/audit_actions.h */
	NAME_RECORD_TYPE,
};

/* The name of code as its list declares it (roles: their words for
 * sentences, in lower case), or NULL for an unknown code. */
const char *name_of(enum name_kind kind, const char *code);

/* Writes the name of code into out (its first letter a capital) and
 * returns 1; an unknown code is written as it is and gives 0. */
int code_name(enum name_kind kind, const char *code, char *out, size_t size);

/* The same for a list of codes separated by commas ("dsl, slt"): their
 * names joined by ", ".  Returns how many codes had no name. */
int code_names(enum name_kind kind, const char *list, char *out, size_t size);

/* The same list in words for a sentence, lower case as name_of gives them,
 * the last two joined by conjunction: "designated safeguarding lead, senior
 * leader and headteacher" ("and"), "dpo or headteacher" ("or").  An unknown
 * code is written as it is.  The caller frees the text. */
char *names_in_words(enum name_kind kind, const char *list, const char *conjunction);

#ifdef __cplusplus
}
#endif

#endif
