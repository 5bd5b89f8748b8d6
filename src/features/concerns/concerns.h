/* Filing a concern: shared by the report form and by an account check
 * that finds an offensive comment. */
#ifndef STAFFROOM_CONCERNS_H
#define STAFFROOM_CONCERNS_H

#include "core/request.h"
#include "lib/lists.h"

#include <stddef.h>
#include <stdint.h>

/* The categories of concern, declared once (schema.sql's CHECK on
 * concerns.category repeats the codes; tests/unit/test_lists.c checks they
 * agree).  X(code, label, explain): the stored code, its name on pages, and
 * what it covers in plain words, from the policies' own advice (braunstone
 * "Reporting Concerns" and "Cyberbullying"; heatons 5.4, 6.3, 6.8, 7.3, 8;
 * ravens-wood 8 and 10; wynstones).  A new category also needs its routing
 * rows in schema.sql. */
#define CONCERN_CATEGORY_LIST(X)                                                                   \
	X("cyberbullying_staff", "Cyberbullying of a member of staff",                             \
	  "Abuse, threats or humiliation of a colleague online. Do not reply or retaliate; keep "  \
	  "the messages.")                                                                         \
	X("cyberbullying_pupil", "Cyberbullying of a pupil",                                       \
	  "A pupil is being bullied online, by other pupils or anyone else. The safeguarding "     \
	  "lead is told.")                                                                         \
	X("pupil_contact", "Contact from a pupil or former pupil",                                 \
	  "A pupil or ex-pupil tried to contact you, or follow or befriend you, on a personal "    \
	  "account. Do not accept or reply.")                                                      \
	X("parent_post", "Abusive or defamatory post by a parent or carer",                        \
	  "A parent or carer posted something abusive or untrue about the school or staff. Do "    \
	  "not respond online.")                                                                   \
	X("premises_content", "Inappropriate content reached on school premises",                  \
	  "Unsuitable material was reached on a school device or the school network.")             \
	X("sexting", "Nude or semi-nude image of a young person",                                  \
	  "An indecent image of a young person was shared or seen. Do not copy, forward or print " \
	  "it: describe where it is.")                                                             \
	X("account_comment", "Offensive comment on a school account",                              \
	  "An offensive or inappropriate comment on one of the school's social-media accounts. "   \
	  "The moderator deals with it.")                                                          \
	X("media_contact", "Journalist or media contact",                                          \
	  "A journalist or the media contacted you about the school. Do not comment; senior "      \
	  "leaders respond.")                                                                      \
	X("staff_conduct", "Concern about an adult's conduct (low-level concern or allegation)",   \
	  "Behaviour of an adult working in the school that is inconsistent with the staff code " \
	  "of conduct, no matter how small, at work, outside work or online; you may refer "      \
	  "yourself. It goes to the headteacher; about the headteacher, to the chair only.")      \
	X("whistleblowing", "Poor or unsafe safeguarding practice in the school",                \
	  "Whistleblowing: the way the school keeps children safe is failing or unsafe. It "       \
	  "goes to the headteacher and the chair of governors.")                                   \
	X("data_breach", "Personal data breach",                                                   \
	  "Personal data lost, sent to the wrong people or seen by someone who should not: a "     \
	  "lost laptop, data posted in a group chat, an e-mail to the wrong parents.")             \
	X("other", "Something else",                                                               \
	  "Anything else that worries you about social media, online safety or school accounts.")

/* A list's codes (the first member of each row) as F_CHOICE text. */
#define CONCERN_CODE_CHOICE_(code, ...) "|" code
#define CONCERN_CATEGORIES LIST_CHOICES(CONCERN_CATEGORY_LIST, CONCERN_CODE_CHOICE_)

struct concern_input {
	const char *category;
	const char *summary;
	const char *details;
	const char *occurred_at;    /* ISO time or NULL */
	const char *platform;
	const char *url;
	const char *involved;
	int64_t about_id;           /* the member of staff it is about, or 0 */
	int64_t account_id;         /* the school account it concerns, or 0 */
	int urgent;
	int to_dsl;                 /* the DSL receives it whatever the routing (UKCIS) */
};

/* Inside the caller's write transaction: the concern, who receives it (from
 * routing, or only the chair when it is about the headteacher), its first
 * chronology event, notifications and the audit row.  Returns the new id
 * (reference such as "C-2026-000042" written to ref), or -1. */
int64_t concern_file(const struct request *rq, const struct concern_input *in, char ref[32]);
/* The same, with the number of people it reached (told of it) in *reached:
 * what concern_reach() would count just after, without asking again. */
int64_t concern_file_reaching(const struct request *rq, const struct concern_input *in,
			      char ref[32], int64_t *reached);
/* What to tell the person who raised concern `ref` when it reached nobody
 * (concern_file_reaching gave 0): that it is saved, that nobody has it, and
 * whom to contact now; names_pupil gives the safeguarding lead's words.
 * malloc'd. */
char *concern_unreached_words(const char *ref, const char *category, int names_pupil);
/* Before a concern's chronology is deleted: its events' parsed details
 * leave the memory they were kept in for the case page. */
void concern_details_forget(int64_t concern_id);

/* Roles a concern may be routed to (the routing table's CHECK): those marked
 * routable in ROLE_LIST (core/roles.h), as F_CHOICE text; as a mask,
 * ROLE_ROUTABLE (core/roles.h). */
#define ROUTABLE_1_(name) "|" name
#define ROUTABLE_0_(name)
#define ROUTABLE_CHOICE_(id, name, words, routable) ROUTABLE_##routable##_(name)
#define ROUTABLE_ROLES LIST_CHOICES(ROLE_LIST, ROUTABLE_CHOICE_)

/* THE rule for "may this person open this case", as one SQL condition on
 * the concerns row aliased c: never the person it is about; otherwise a
 * holder of one of its recipient roles, or the person it is assigned to
 * (the headteacher may hand a case to a senior leader or a DSL who is not
 * a recipient).  Pages, JSON, lists, counts, notifications and the audit
 * log all use this, so they cannot disagree (KCSIE part four: an
 * allegation about a member of staff is not handled by, nor shown to, that
 * person).
 *
 * CONCERN_MAY_OPEN_AS(c, me, mask) names the parameters: e.g. "?1", "?2" for
 * a query that numbers its own.  CONCERN_MAY_OPEN(c) uses plain ?s and
 * binds, in this order (CONCERN_MAY_OPEN_BINDS): the person's id, their role
 * mask (roles & ROLE_ROUTABLE), their id again. */
#define CONCERN_MAY_OPEN_AS(c, me, mask)                                                   \
	"((" c ".about_id IS NULL OR " c ".about_id != " me ") AND ((" c ".recipient_mask & " \
	mask ") != 0 OR " c ".assignee_id = " me "))"
#define CONCERN_MAY_OPEN(c) CONCERN_MAY_OPEN_AS(c, "?", "?")
#define CONCERN_MAY_OPEN_BINDS "III"
/* Do these roles (a ROLE_ROUTABLE mask) receive no case at all (an
 * administrator's, the business manager's)?  Then their holders may open
 * only the cases assigned to them, which a list reads through the index of
 * those (concerns_by_assignee): in its own order it would read every case
 * ever filed to find none. */
int concern_roles_receive_none(int64_t mask);
/* Concern k's id and reference as concern_id and concern_reference, NULL
 * for a reader who may not open it (who then learns that one was raised,
 * not which): binds CONCERN_MAY_OPEN_BINDS twice. */
#define CONCERN_NAMED_IF_MAY_OPEN(k)                                                           \
	"CASE WHEN " CONCERN_MAY_OPEN(k) " THEN " k ".id END AS concern_id, CASE WHEN "         \
	CONCERN_MAY_OPEN(k) " THEN " k ".reference END AS concern_reference"
#define CONCERN_NAMED_BINDS CONCERN_MAY_OPEN_BINDS CONCERN_MAY_OPEN_BINDS
/* Does the path in col lead to the page of every concern about person (a
 * parameter or column): the page itself, or a concern's row on it (a
 * pattern's warning links to the concern it names, "#concern-N")? */
#define CONCERN_PATTERN_PATH(col, person)                                                      \
	"(" col " = '/concerns/about/' || " person " OR " col " GLOB '/concerns/about/' || "      \
	person " || '#*')"
/* The arms of a CASE giving the concern a path in col names: a case's
 * pages (/concerns/N, /concerns/N/events) or its reporter's (/concerns/mine/N).
 * CAST reads the number at the start of "12/events". */
#define CONCERN_OF_PATH_ARMS(col)                                                              \
	"WHEN " col " GLOB '/concerns/[0-9]*' THEN CAST(substr(" col ", 11) AS INTEGER) "      \
	"WHEN " col " GLOB '/concerns/mine/[0-9]*' THEN CAST(substr(" col ", 16) AS INTEGER) "

/* A concern about an adult whose reporter asked for anonymity names them
 * only to the headteacher, or the chair for a concern about the
 * headteacher (KCSIE part four, section two): true when this reader (me,
 * their role mask) may not learn who raised concern c.  The pages, JSON and
 * the audit log's rows by the reporter all use it. */
#define CONCERN_REPORTER_HIDDEN_AS(c, me, mask)                                                    \
	"EXISTS (SELECT 1 FROM concern_adult ca JOIN role_bits rb ON rb.role = "                   \
	"ca.confidential_to "                                                                      \
	"WHERE ca.concern_id = " c ".id AND " c ".reporter_id != " me " AND (" mask                \
	" & rb.bit) = 0)"

/* Evidence numbers are never given twice: a deletion keeps the highest it
 * removes in high_water, and a new file takes the next after both it and
 * the highest there is, since SQLite would give a deleted highest rowid
 * again and an old audit row names /evidence/{id}. */
#define EVIDENCE_HIGH_WATER_KEEP                                                           \
	"INSERT INTO high_water(name, high) SELECT 'evidence', coalesce(max(id), 0) FROM "  \
	"evidence WHERE true ON CONFLICT(name) DO UPDATE SET high = max(high, "             \
	"excluded.high)"
#define EVIDENCE_NEXT_ID                                                                   \
	"(SELECT max(coalesce((SELECT max(id) FROM evidence), 0), coalesce((SELECT high "   \
	"FROM high_water WHERE name = 'evidence'), 0)) + 1)"
/* Whether concern c stays on the file of the person it is about (their
 * subject access export, the page of concerns about one adult): all but an
 * allegation found malicious, which KCSIE part four has removed from the
 * person's records; it is kept only for review for deletion
 * (/admin/retention). */
#define CONCERN_ON_FILE(c)                                                                         \
	"(" c ".outcome_category IS NULL OR " c ".outcome_category != 'malicious')"
/* The categories in which the adult a concern is "about" is the one it was
 * aimed at (bullied online, posted about by a parent, contacted by a pupil
 * or a journalist, insulted in a comment), not one whose conduct is in
 * question.  Such a concern is still never sent or shown to that adult, but
 * it is routed as its category says even when it is about the headteacher
 * (KCSIE part four sends the chair allegations about the head, not what was
 * done to them), and it counts in no pattern of concerns about them (KCSIE
 * part four: patterns of an adult's own behaviour). */
#define CONCERN_AIMED_AT                                                                   \
	"'cyberbullying_staff', 'parent_post', 'pupil_contact', 'media_contact', " \
	"'account_comment'"
#define CONCERN_ABOUT_CONDUCT(c) "(" c ".category NOT IN (" CONCERN_AIMED_AT "))"
/* The same for a category: 1 when "about" names an adult whose conduct is
 * in question. */
int concern_about_conduct(const char *category);
/* A category's name on pages (CONCERN_CATEGORY_LIST); an unknown code as it is. */
const char *concern_category_label(const char *code);
/* May this person see all the concerns about `person` on one page
 * (GET /concerns/about/{id})?  The headteacher for anyone but themselves,
 * the chair of governors for the headteacher (KCSIE part four); 1 or 0. */
int concern_pattern_may_view(int64_t viewer, unsigned roles, int64_t person);
/* Before a concern is deleted: the warnings of a pattern that name it
 * (notifications and their e-mails) go too. */
void concern_pattern_forget(int64_t concern_id);

/* The type of an uploaded file decided from its bytes ("image/png",
 * "image/jpeg", "application/pdf", "text/plain"), or NULL when refused
 * (evidence.c); other features' uploads are checked the same way. */
const char *evidence_sniff(const unsigned char *data, size_t len);

/* A concern's chronology as its reporter is shown it on "My reports"
 * (when and what happened, in words; never a handler's notes, names or
 * outcome text): the subject access export gives the reporter no more. */
json_t *concern_events_for_reporter(int64_t concern_id);

#endif
