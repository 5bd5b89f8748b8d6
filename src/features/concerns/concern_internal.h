/* Shared between the concern page groups (reporting, queue, events,
 * statistics, routing, evidence): access rules and the route handlers that
 * concerns.c lists in its table. */
#ifndef STAFFROOM_CONCERN_INTERNAL_H
#define STAFFROOM_CONCERN_INTERNAL_H

#include "core/names.h"
#include "features/concerns/concerns.h"
#include "http/router.h"
#include "lib/util.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* The codes of a case, each list declared once.  The statuses, with their
 * names, are CONCERN_STATUS_LIST in core/names.h; schema.sql's CHECK on
 * concerns.status repeats them (tests/unit/test_lists.c checks they agree). */
#define CONCERN_STATUS_CHOICE_(code, name) "|" code
#define CONCERN_STATUSES LIST_CHOICES(CONCERN_STATUS_LIST, CONCERN_STATUS_CHOICE_)

/* How a case ended: X(code, label).  The last five end an allegation that
 * met the harm threshold, and only such a case (concern_adult.c). */
#define OUTCOME_CATEGORY_LIST(X)                                                                  \
	X("no_further_action", "No further action") X("resolved_in_school", "Resolved in school") \
	X("content_removed", "Content removed") X("disciplinary", "Disciplinary process")         \
	X("referred_externally", "Referred to an external body")                                  \
	X("police_action", "Police action") X("other", "Other")                                   \
	X("substantiated", "Substantiated") X("false", "False") X("malicious", "Malicious")       \
	X("unsubstantiated", "Unsubstantiated") X("unfounded", "Unfounded")
#define OUTCOME_CATEGORIES LIST_CHOICES(OUTCOME_CATEGORY_LIST, CONCERN_CODE_CHOICE_)

/* Whom a case is escalated to: X(code, label). */
#define ESCALATION_BODY_LIST(X)                                                                  \
	X("police", "Police") X("lado", "Local authority designated officer (LADO)")             \
	X("ceop", "CEOP") X("platform", "The platform or site") X("parents", "Parents or carers") \
	X("safeguarding_unit", "Safeguarding unit") X("legal", "Legal advisers")                 \
	X("external_other", "Another external body")
#define ESCALATION_BODIES LIST_CHOICES(ESCALATION_BODY_LIST, CONCERN_CODE_CHOICE_)

/* The person's roles as a JSON array text, for "role IN (SELECT value FROM json_each(?))". */


/* A concern as its reporter's "My reports" shows it: their own, never one
 * about them.  Binds the person twice. */
#define OWN_REPORT "reporter_id = ? AND (about_id IS NULL OR about_id != ?)"
/* The statuses of a case still being dealt with.  schema.sql's index of the
 * open urgent cases (concerns_urgent_open) has the same list in its WHERE:
 * the queue reads through it only while the two match. */
#define CONCERN_OPEN_STATUSES "('new', 'acknowledged', 'investigating', 'escalated')"
/* CONCERN_MAY_OPEN for one case: 1 yes, 0 no (also when there is no such case). */
int concern_handler_ok(int64_t concern_id, int64_t user_id, unsigned roles);
/* Whether this person may open a concern's page a notification links to
 * (/concerns/N, /concerns/mine/N, /concerns/about/P) as the routes decide
 * it: 1 or 0; -1 for any other link (struct feature's link_opens). */
int concern_link_opens(int64_t user_id, const char *link);
/* Who a case may be assigned to: [{id, email, name}], active, never its
 * subject; holders of its recipient roles, and also senior leaders and
 * DSLs when the headteacher assigns.  email narrows it to one person. */
json_t *concern_assignable(int64_t concern_id, const char *email, int by_headteacher);
/* The reporter of a case (0 when there is no such case). */
int64_t concern_reporter(int64_t concern_id);

/* Plain words for codes, for pages and messages (the category's: concerns.h). */
const char *concern_body_label(const char *code);
const char *concern_outcome_label(const char *code);
/* The categories with their explanation and advice, for the report form and filters. */
json_t *concern_categories(const char *selected);

/* Adds a "label" member to every row, from its "category" code. */
void concern_label_rows(json_t *rows);
/* An event's stored details text, parsed (a new reference to an object shared
 * between pages: never change it), or NULL when it is not JSON. */
json_t *concern_event_detail(int64_t event_id, const char *text);
/* One line describing an event; for_reporter leaves out everything internal. */
char *concern_event_text(const char *action, const json_t *detail, int for_reporter);

/* A time typed on the school's clock (UK) as UTC in out: 0, or -1 when it cannot
 * be read or is later than now. */
int uk_local_past_to_utc(const char *local, char out[ISO_LEN]);

/* The fields of a report (POST /concerns). */
extern const struct field_spec concern_report_form[];

/* Writes the evidence of a new concern (inside the caller's transaction);
 * sets status/message and returns -1 when a file is refused. */
struct request;
int evidence_check(const struct request *rq, const char *category, int *status, char *msg,
		   size_t msgsize);
/* -1 (nothing written) when the concern's category takes no files. */
int evidence_store(const struct request *rq, int64_t concern_id);
/* The file's name with the extension of its type (a new string). */
char *evidence_name(const char *filename, const char *type);
json_t *evidence_list(int64_t concern_id);

/* 0, or -1 with a 429 and Retry-After when this person has sent too many
 * reports lately (call inside the write transaction, before filing). */
int concern_limit_check(const struct request *rq, struct reply *rp);
/* The chronology: [{id, at, action, what, text, actor, internal}]; for the
 * reporter only events with internal = 0, as {at, action, what}. */
json_t *concern_events(int64_t concern_id, int for_reporter);

handler_fn concern_new_page, concern_create, concern_mine, concern_mine_case;
handler_fn concern_queue, concern_case, evidence_download;
handler_fn concern_event_post, concern_stats, routing_page, routing_post;

/* The cases this person may open (the queue's rule, CONCERN_MAY_OPEN), by
 * status ({"new": n, ...}, every status): the kept counts of their receiving
 * roles (concern_counts), less the cases about them, plus those assigned to
 * them that none of their roles receive.  Exact, and read without reading
 * every case ever filed. */
json_t *concern_visible_counts(int64_t mask, int64_t me);
/* New cases this person may open whose acknowledgement deadline is `at` or
 * later: read from the index's range after `at`, which holds only the cases
 * filed in the last working day or so. */
int64_t concern_new_not_due(int64_t mask, int64_t me, const char *at);
/* New cases past their deadline: all the new ones (counts from
 * concern_visible_counts) less those not yet due.  Counting them directly
 * would read every overdue case a trust has left, to find the reader's. */
int64_t concern_new_overdue(const json_t *counts, int64_t not_due);


/* Whether a concern reached anyone who may act on it, and what to do when
 * it did not (src/features/concerns/concern_reach.c). */
/* Active people holding one of the case's recipient roles, its subject left out. */
int64_t concern_reach(int64_t concern_id);
/* 1 when the case went to the chair alone because it is about the headteacher. */
int concern_about_head(int64_t concern_id);
/* Whom the reporter should contact instead, in words. */
const char *concern_fallback(const char *category, int about_head);
/* "My tasks" for the administrator and the headteacher: receiving roles nobody holds. */
void concern_gap_tasks(const struct request *rq, json_t *tasks);
/* One action on a case being applied (POST /concerns/{id}/events), inside
 * its write transaction: concern_events.c reads it, an action's handler
 * (there or in the file of the rule it serves) adds its events. */
struct ev {
	int64_t id;
	const char *action;
	char *status;       /* current, from the database */
	char *reference;
	int64_t reporter;
	char at[ISO_LEN];
};
/* Why "Change the status" may not move a case of status cur to target
 * (409), or NULL: the case page offers only the statuses it allows. */
const char *concern_status_problem(const char *cur, const char *target);
/* Appends an event to the chronology (takes detail); internal events are
 * never shown to the reporter. */
void concern_add_event(const struct request *rq, const struct ev *e, const char *action,
		       json_t *detail, int internal);

/* The legal clocks on a case (concern_deadline.c): kind is "police",
 * "lado" or "ico_decision" (schema.sql's CHECK); times are ISO-8601 UTC.
 * Setting one that exists changes nothing; one set after an escalation to
 * its body (kind "police" or "lado") is met at that escalation's time;
 * meeting one records when. */
void concern_deadline_set(int64_t concern_id, const char *kind, const char *due_at);
void concern_deadline_meet(int64_t concern_id, const char *kind, const char *at);
const char *concern_deadline_label(const char *kind);
/* What must be done before the case may close while a clock runs (the
 * page's words), or NULL when none runs. */
const char *concern_deadline_close_problem(int64_t concern_id);
/* The clock's short name in a list: "Police", "LADO", "ICO decision". */
const char *concern_deadline_name(const char *kind);
/* "<kind>_due" for each running clock and "deadlines" (all, in words) on c. */
void concern_deadlines_add(json_t *c, int64_t concern_id);
/* "My tasks": cases this person may open whose legal clock has run out. */
void concern_deadline_tasks(const struct request *rq, json_t *tasks);

/* Reports of a nude or semi-nude image, or of an indecent image on a
 * school device (concern_image.c, UKCIS 2024). */
/* 1 when a report of this category (and tick) is such a report. */
int concern_image_kind(const char *category, int indecent_image);
/* 1 when the case may never hold a file (such a report, or any sexting case). */
int concern_no_files(int64_t concern_id);
/* 0, or -1 with a 400 naming the image field given for another kind of report. */
int concern_image_check(const struct request *rq, struct reply *rp);
/* 1 when an adult is involved: the form says so, or it is about a member of staff. */
int concern_image_adult(const struct request *rq, int64_t about_id);
/* Inside the filing transaction, after concern_file() (which sent it to the
 * DSL: concern_input.to_dsl): the description, and the police clock when an
 * adult is involved. */
void concern_image_store(const struct request *rq, int64_t concern_id, int adult);
/* "image_report" on the case model, when there is one. */
void concern_image_add(json_t *c, int64_t concern_id);
/* action=device (concern_device.c): a device confiscated or searched; 0, or a
 * status with the reply filled. */
int concern_device(const struct request *rq, struct reply *rp, const struct ev *e);
/* done_at of a case action (a device, a policy step) in UTC: school (UK)
 * time, the event's own time when not given, never ahead of now nor before
 * the concern's occurred_at when that is known; 0, or 400 with the reply
 * naming done_at, its message starting with the words what ("When it was
 * done"). */
int concern_done_at(const struct request *rq, struct reply *rp, const struct ev *e,
		    const char *what, char out[ISO_LEN]);
/* The chronology's line for a device event. */
char *concern_device_text(const json_t *detail);

/* The steps a school's policy asks for on a concern of some categories
 * (concern_steps.c): X(category, step, the step in words, its citation (the
 * short names of docs/SOURCES.md), the citation in words for the page, the
 * escalation body that meets it or NULL, the step whose refusal it follows
 * or NULL, the words for "asked, and refused" or NULL when it cannot be
 * refused).  Step codes are unique across categories. */
#define HEATONS_WORDS(section) "Heatons Cluster social media policy, section " section
#define CONCERN_STEP_LIST(X)                                                                      \
	/* heatons 8.5: reported to the SLT (the case's routing) and the police */                \
	X("cyberbullying_staff", "police", "Report it to the police", "heatons 8.5",               \
	  HEATONS_WORDS("8.5"), "police", NULL, NULL)                                             \
	/* heatons 8.7: a parent or carer is invited in and asked to remove it */                 \
	X("parent_post", "meeting",                                                               \
	  "Invite the parent or carer into school to meet a member of the Senior Leadership Team", \
	  "heatons 8.7", HEATONS_WORDS("8.7"), NULL, NULL, NULL)                                  \
	X("parent_post", "removal", "Ask the parent or carer to remove the offensive content",     \
	  "heatons 8.7", HEATONS_WORDS("8.7"), NULL, NULL, "Asked, and they refused to remove it") \
	/* heatons 8.8: when they refuse, the site's own reporting mechanism */                   \
	X("parent_post", "platform",                                                              \
	  "Report the content to the site or app through its reporting mechanism",                \
	  "heatons 8.8", HEATONS_WORDS("8.8"), "platform", "removal", NULL)                       \
	/* heatons 8.9: "If the material is threatening, abusive, sexist, of a sexual nature   \
	 * or constitutes a hate crime, the school should consider contacting the police": met  \
	 * by escalating to the police, or not done with the reason (what was considered) */     \
	X("parent_post", "police_consider",                                                       \
	  "Consider contacting the police if the material is threatening, abusive, sexist, "      \
	  "sexual or a hate crime",                                                               \
	  "heatons 8.9", HEATONS_WORDS("8.9"), "police", NULL, NULL)                              \
	/* wynstones, "Comments posted by parents/carers": "Any comments on social media sites   \
	 * that could be interpreted as bringing the school into disrepute will be referred to  \
	 * legal experts"; met by escalating to legal advisers, or not done with the reason */   \
	X("parent_post", "legal",                                                                \
	  "Refer it to legal advisers if it could bring the school into disrepute", "wynstones",  \
	  "Wynstones social media policy, Comments posted by parents/carers", "legal", NULL,     \
	  NULL)                                                                                  \
	/* heatons 8.3: "Incidents of cyber bullying that occur outside of the school day should  \
	 * be reported to/by parents/carers. Families should then decide whether to contact the  \
	 * networking site to report the issue, CEOP and/or the Police": met by escalating to the \
	 * parents, or not done with the reason (it happened in the school day: 8.2) */          \
	X("cyberbullying_pupil", "pupil_parents",                                                \
	  "Tell the parents or carers, who decide whether to report it to the site, CEOP or the " \
	  "police",                                                                              \
	  "heatons 8.3", HEATONS_WORDS("8.3"), "parents", NULL, NULL)                            \
	/* braunstone: a pupil's friend request "should be explicitly reject[ed] and not just    \
	 * ignored"; slyne 5 (DfE safer working practice): "The child should be firmly and      \
	 * politely informed that this is not acceptable" */                                    \
	X("pupil_contact", "pupil_told",                                                         \
	  "Tell the pupil, firmly and politely, that contacting staff this way is not "          \
	  "acceptable (a friend request rejected, not just ignored)",                            \
	  "braunstone; slyne 5",                                                                 \
	  "Braunstone social media policy, Safer online behaviour; Slyne-with-Hest social "      \
	  "networking policy, section 5",                                                        \
	  NULL, NULL, NULL)                                                                      \
	/* heatons 9.1; UKCIS 2024: parents told unless that would put the child at risk */       \
	X("sexting", "parents", "Tell the parents or carers", "heatons 9.1; UKCIS 2024",          \
	  HEATONS_WORDS("9.1") "; UKCIS advice on sharing nudes and semi-nudes (2024)", "parents", \
	  NULL, NULL)                                                                             \
	X("sexting", "safeguarding_unit",                                                         \
	  "Report it to the Safeguarding Unit (the local authority's children's social care)",    \
	  "heatons 9.1", HEATONS_WORDS("9.1"), "safeguarding_unit", NULL, NULL)
#define CONCERN_STEP_CHOICE_(cat, code, ...) "|" code
#define CONCERN_STEPS LIST_CHOICES(CONCERN_STEP_LIST, CONCERN_STEP_CHOICE_)
/* action=step: a step of the policy done, refused or not done (with why);
 * 0, or a status with the reply filled. */
int concern_step_record(const struct request *rq, struct reply *rp, const struct ev *e);
/* "Record ... first, then close the case." for the case's first step still
 * to record, or NULL. */
const char *concern_step_close_problem(int64_t concern_id);
/* "steps" on the case model: each step of its category and where it stands. */
void concern_steps_add(json_t *c, int64_t concern_id, const char *category);
/* The chronology's words for a step event (a new string). */
char *concern_step_event_text(const json_t *detail);

/* The incident queue read at a glance (concern_queue_view.c). */
/* A status's name on pages ("Investigating"). */
const char *concern_status_label(const char *code);
/* The first line of text, at most max_chars characters, cut at a word and
 * ended with "…" when anything was left out (a new string). */
char *concern_summary_line(const char *text, size_t max_chars);
/* On each queue row: "summary" cut to one line, "status_label", and the
 * next deadline ("next_due", "next_what", "next_overdue"). */
void concern_queue_rows(json_t *rows, const char *at);
/* The status filter's options: open cases (the default), each status, all. */
json_t *concern_queue_statuses(const char *selected);
/* The counts as [{label, n, link, alert}], each linking to its list. */
json_t *concern_count_links(const json_t *counts);
/* The filters as a query string ending in "&" (a new string), for page links. */
char *concern_queue_query(const char *status, const char *category, int assigned, int overdue,
			  int deadline);

/* Inside the write transaction of an event: once a case leaves "new" or is
 * closed, everyone's notifications about it have been dealt with. */
void concern_notes_done(int64_t concern_id, const char *was, const char *now_status);

/* The demo school's concerns (demo.c); 0 on success. */
int concerns_demo(void);

#endif
