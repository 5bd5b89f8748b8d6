/* /admin/retention: records past their retention date, listed for a
 * person to review and delete (never automatically), legal holds that stop
 * deletion, and the rules themselves.  A deletion leaves a row in the
 * disposal register and the audit log saying what, when, who and why,
 * never the content.  The rules are in docs/RECORDS.md. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/names.h"
#include "core/write.h"
#include "db/db.h"
#include "features/concerns/concerns.h"
#include "features/faults/faults.h"
#include "features/records/auditlog.h"
#include "features/records/disposal_visible.h"
#include "features/records/hold_record.h"
#include "features/records/records.h"
#include "features/records/sar.h"
#include "http/feature.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"
#include "lib/lists.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every record with the date its rule makes it due (NULL: not yet known,
 * e.g. the person has not left).  Years come from the settings table.
 * A period runs from the UK date of the event, as the school and the
 * review's "today" (uk_today) count it: a concern closed at 00:30 on
 * 2 June (23:30 UTC on 1 June) is kept until 2 June.  Timestamps are
 * stored in UTC; SQLite's 'localtime' is the UK zone, which main() sets
 * for the whole process (uk_time_init) before any command runs.  Leaving
 * dates are UK dates already.  The rules whose dates other pages show as
 * "kept until" (the lists, a contributor's papers) are in records.h; a
 * concern's is the view concern_retention_rule (schema.sql), whose date
 * for each closed concern is kept in concern_retention_due. */
/* What each kind of record is called: in the due list, the disposal register
 * and the legal holds, which may be on a record not yet due (a case still
 * open, a signature of someone still at the school), so a part that is not
 * known yet is left out.  FROM and JOINs give each its aliases.  A person
 * reads the label, and the register keeps it, so its dates are in words
 * ("27 Aug 2026"), the UK date of a time. */
#define DATE_WORDS(date) "uk_time_words(" date ")"
#define UK_DATE_WORDS(col) DATE_WORDS(RETENTION_UK_DATE(col))
#define SIGNED_LABEL "u.email || ': ' || p.title || ' version ' || v.number"
#define SIGNED_FROM(table, x)                                                              \
	"FROM " table " " x " JOIN users u ON u.id = " x ".user_id "                       \
	"JOIN policy_versions v ON v.id = " x ".version_id "                               \
	"JOIN policies p ON p.id = v.policy_id "
#define DECLINE_LABEL SIGNED_LABEL " || ', not agreed'"
#define SIGNED_AGAIN_LABEL                                                                 \
	SIGNED_LABEL " || ', signed again ' || " UK_DATE_WORDS("k.acknowledged_at")
/* The course by its title, as the training pages name it (the code if
 * the course is not listed). */
#define TRAINING_LABEL                                                                     \
	"u.email || ': ' || coalesce((SELECT cr.title FROM courses cr WHERE cr.code = "    \
	"t.course), t.course) || ', completed ' || " DATE_WORDS("t.completed_on")
#define TRAINING_FROM "FROM training t JOIN users u ON u.id = t.user_id "
#define DO_NOT_PUBLISH_LABEL                                                               \
	"'do-not-publish/' || p.id || ', on the list from ' || " UK_DATE_WORDS("p.added_at") \
	" || coalesce(' to ' || " UK_DATE_WORDS("p.removed_at") ", '')"
#define DO_NOT_FILM_LABEL                                                                  \
	"'do-not-film/' || f.id || coalesce(', ' || s.email || ' for themselves', ', added by " \
	"name') || ', asked ' || " UK_DATE_WORDS("f.added_at")
#define DO_NOT_FILM_FROM "FROM do_not_film f LEFT JOIN users s ON s.id = f.user_id "
#define CONTRIBUTOR_PAPER_DATE                                                             \
	"(SELECT paper_date FROM contributor_paper WHERE contributor_id = c.id)"
#define CONTRIBUTOR_PAPER_LABEL                                                            \
	"k.name || ': paper signature of contributor ' || c.id || ' (not staff)' || "        \
	"coalesce(', dated ' || " DATE_WORDS(CONTRIBUTOR_PAPER_DATE) ", '') || "           \
	"CASE WHEN EXISTS (SELECT 1 FROM contributor_paper_scans WHERE contributor_id = "  \
	"c.id) THEN ', with its scan' ELSE '' END"
#define CONTRIBUTOR_TRAINING_LABEL                                                         \
	"k.name || ': training of contributor ' || c.id || ' (not staff), ' || "             \
	DATE_WORDS("t.completed_on")
#define CONTRIBUTOR_JOIN                                                                   \
	"FROM account_contributors c JOIN social_accounts k ON k.id = c.account_id "
#define SAR_LABEL                                                                          \
	"printf('SAR-%06d', r.id) || ', received ' || " DATE_WORDS("r.received_on") " || " \
	"coalesce(', answered ' || " DATE_WORDS("r.responded_on") ", '')"
/* A fault report: its reference and dates, never what was said nor who said
 * it (the disposal register keeps the label). */
#define FAULT_LABEL                                                                        \
	FAULT_REFERENCE("f.id") " || ', reported ' || " UK_DATE_WORDS("f.reported_at") " || " \
	"coalesce(', dealt with ' || " UK_DATE_WORDS("f.dealt_at") ", '')"
/* The do-not-publish list (ravens-wood §9): an entry taken off it is kept,
 * with who and when, as evidence of whose wishes stood and for how long
 * (docs/RECORDS.md).  A pupil's entry for the pupils' years (staffroom holds
 * no dates of birth; 25 years covers a claim a child may bring once grown
 * up); an adult's for the adults' years after it was taken off, or, for a
 * member of staff's own request still standing when they left, after they
 * left (the list stops showing it then).  A label names no one who is not
 * staff: the disposal register keeps it for the life of the system. */
#define LIST_SQL                                                                           \
	"UNION ALL SELECT 'do_not_publish', p.id, " DO_NOT_PUBLISH_LABEL ", "              \
	DO_NOT_PUBLISH_KEPT_UNTIL ", "                                                    \
	"  'pupil on the do-not-publish list: after taken off the list' "                 \
	"FROM do_not_publish p WHERE p.removed_at IS NOT NULL "                           \
	"UNION ALL SELECT 'do_not_film', f.id, " DO_NOT_FILM_LABEL ", "                    \
	DO_NOT_FILM_KEPT_UNTIL ", "                                                       \
	"  'adult who asked not to be filmed: after taken off the list, or after a member " \
	"of staff left' " DO_NOT_FILM_FROM "WHERE " DO_NOT_FILM_KEPT " "
/* A contributor who is not staff (ravens-wood §3: "volunteers or parents"):
 * their paper signature (with its scan) and their training are kept as a
 * member of staff's are, from the day they stopped running the account (or
 * it was closed) instead of a leaving date. */
#define CONTRIBUTOR_FROM                                                                   \
	CONTRIBUTOR_JOIN "WHERE c.user_id IS NULL AND " CONTRIBUTOR_STOPPED " IS NOT NULL "
#define CONTRIBUTOR_SQL                                                                    \
	"UNION ALL SELECT 'contributor_paper', c.id, " CONTRIBUTOR_PAPER_LABEL ", "        \
	CONTRIBUTOR_PAPER_KEPT_UNTIL ", "                                                 \
	"  'paper signature of a contributor who is not staff: after they stopped running " \
	"the account, as signatures' " CONTRIBUTOR_FROM                                    \
	"AND (EXISTS (SELECT 1 FROM contributor_paper WHERE contributor_id = c.id) OR "    \
	"EXISTS (SELECT 1 FROM contributor_paper_scans WHERE contributor_id = c.id)) "     \
	"UNION ALL SELECT 'contributor_training', c.id, " CONTRIBUTOR_TRAINING_LABEL ", "  \
	CONTRIBUTOR_TRAINING_KEPT_UNTIL ", "                                              \
	"  'training of a contributor who is not staff: after they stopped running the "  \
	"account, as training records' "                                                  \
	CONTRIBUTOR_JOIN "JOIN contributor_training t ON t.contributor_id = c.id "         \
	"WHERE c.user_id IS NULL AND " CONTRIBUTOR_STOPPED " IS NOT NULL "
/* A subject access request, once answered (UK GDPR article 15): kept, with
 * what it records of the response, while a complaint or claim about the
 * answer may still come; the years are the school's decision
 * (docs/RECORDS.md).  An open request is never due.  The label names no one. */
#define SAR_SQL                                                                            \
	"UNION ALL SELECT 'sar', r.id, " SAR_LABEL ", "                                     \
	"date(r.responded_on, " RETENTION_YEARS("retention_sar_years") "), "                       \
	"  'subject access request: after the response was sent' "                        \
	"FROM subject_access_requests r WHERE r.responded_on IS NOT NULL "
/* A report of damage or a fault in equipment or software (slyne's staff
 * agreement), once dealt with: it names its reporter and what they said of
 * how it happened, kept while the same fault may come back (UK GDPR article
 * 5(1)(e); the years are the school's decision, docs/RECORDS.md). */
#define FAULT_SQL                                                                          \
	"UNION ALL SELECT 'fault', f.id, " FAULT_LABEL ", " FAULT_KEPT_UNTIL ", "            \
	"  'report of damage or a fault: after it was dealt with' "                         \
	"FROM fault_reports f WHERE f.dealt_at IS NOT NULL "
/* A closed concern with its rule's date and words (concern_retention_rule,
 * aliased r), from "from": the view itself, or one page of the concerns
 * due joined to it. */
#define CONCERN_DUE(from)                                                                  \
	"SELECT 'concern' AS record_type, r.concern_id AS record_id, c.reference AS label, "  \
	"r.due, r.rule FROM " from " JOIN concerns c ON c.id = r.concern_id "
/* Every other kind of record, its date worked out here. */
#define OTHER_DUE                                                                          \
	"UNION ALL SELECT 'signature', s.id, " SIGNED_LABEL ", "                          \
	"  date(u.left_on, " RETENTION_YEARS("retention_signature_years") "), "                    \
	"  'signature: after the person left' "                                          \
	SIGNED_FROM("signatures", "s") "WHERE u.left_on IS NOT NULL "                     \
	"UNION ALL SELECT 'decline', d.id, " DECLINE_LABEL ", "                           \
	"  date(u.left_on, " RETENTION_YEARS("retention_signature_years") "), "                    \
	"  'decline of a policy: after the person left, as signatures' "                 \
	SIGNED_FROM("policy_declines", "d") "WHERE u.left_on IS NOT NULL "                \
	"UNION ALL SELECT 'acknowledgement', k.id, " SIGNED_AGAIN_LABEL ", "              \
	"  date(u.left_on, " RETENTION_YEARS("retention_signature_years") "), "                    \
	"  'yearly signing again: after the person left, as signatures' "                \
	SIGNED_FROM("policy_acknowledgements", "k") "WHERE u.left_on IS NOT NULL "        \
	"UNION ALL SELECT 'training', t.id, " TRAINING_LABEL ", "                         \
	"  date(u.left_on, " RETENTION_YEARS("retention_training_years") "), "                     \
	"  'training record: after the person left' "                                    \
	TRAINING_FROM "WHERE u.left_on IS NOT NULL "                                      \
	LIST_SQL CONTRIBUTOR_SQL SAR_SQL FAULT_SQL
#define DUE_SQL "WITH due AS (" CONCERN_DUE("concern_retention_rule r") OTHER_DUE ") "

/* The label of the record a legal hold is on (h.record_id), as the due list
 * names it: each kind is looked up by its key. */
#define LABEL_OF(type, label, from, key) \
	" WHEN '" type "' THEN (SELECT " label " " from "WHERE " key " = h.record_id)"
#define HOLD_LABEL                                                                         \
	"CASE h.record_type" LABEL_OF("concern", "c.reference", "FROM concerns c ", "c.id")  \
	LABEL_OF("signature", SIGNED_LABEL, SIGNED_FROM("signatures", "s"), "s.id")          \
	LABEL_OF("decline", DECLINE_LABEL, SIGNED_FROM("policy_declines", "d"), "d.id")      \
	LABEL_OF("acknowledgement", SIGNED_AGAIN_LABEL,                                      \
		 SIGNED_FROM("policy_acknowledgements", "k"), "k.id")                        \
	LABEL_OF("training", TRAINING_LABEL, TRAINING_FROM, "t.id")                          \
	LABEL_OF("do_not_publish", DO_NOT_PUBLISH_LABEL, "FROM do_not_publish p ", "p.id")   \
	LABEL_OF("do_not_film", DO_NOT_FILM_LABEL, DO_NOT_FILM_FROM, "f.id")                 \
	LABEL_OF("contributor_paper", CONTRIBUTOR_PAPER_LABEL, CONTRIBUTOR_JOIN, "c.id")     \
	LABEL_OF("contributor_training", CONTRIBUTOR_TRAINING_LABEL,                         \
		 CONTRIBUTOR_JOIN "JOIN contributor_training t ON t.contributor_id = c.id ",   \
		 "c.id")                                                                     \
	LABEL_OF("sar", SAR_LABEL, "FROM subject_access_requests r ", "r.id")                \
	LABEL_OF("fault", FAULT_LABEL, "FROM fault_reports f ", "f.id") " END"

static const char *const rule_keys[] = {
	"retention_concern_staff_years", "retention_retirement_review_years",
	"retention_safeguarding_years",  "retention_concern_years",
	"retention_signature_years",     "retention_training_years",
	"retention_allegation_years",    "retention_do_not_publish_years",
	"retention_do_not_film_years",   "retention_sar_years",
	"retention_fault_years",
};
#define NRULES (sizeof rule_keys / sizeof rule_keys[0])

/* Whom a record past its date is shown to, and who may hold, release or
 * delete it.  A concern, the headteacher and anyone who may open it
 * (CONCERN_MAY_OPEN_AS), never the person it is about (KCSIE part four: an
 * allegation is not handled by, nor shown to, that person): so not an
 * administrator it was not routed to, and the chair of governors reviews
 * the allegations about the headteacher, which they alone handle.  Any
 * other record, the headteacher and the administrator, but never a subject
 * access request about themselves (sar.c: it carries the DPO's notes on
 * them).  A deleted record's entry in the disposal register follows the
 * same rule, as it stood when the record was deleted (DISPOSAL_SEEN_BY, with
 * the same binds).  On a row x with record_type and record_id; binds ?1 the
 * reader's id, ?2 their role mask (ROLE_ROUTABLE), ?3 1 when they review
 * every kind of record, ?4 1 for the headteacher. */
#define MAY_REVIEW_CONCERN(id)                                                                 \
	"EXISTS (SELECT 1 FROM concerns c WHERE c.id = " id " AND ("                              \
	CONCERN_MAY_OPEN_AS("c", "?1", "?2") " OR (?4 AND (c.about_id IS NULL OR "               \
	"c.about_id != ?1))))"
#define MAY_REVIEW(x)                                                                          \
	"(CASE WHEN " x ".record_type = 'concern' THEN " MAY_REVIEW_CONCERN(x ".record_id") " "  \
	"WHEN " x ".record_type = 'sar' THEN ?3 AND NOT EXISTS (SELECT 1 FROM "                  \
	"subject_access_requests m WHERE m.id = " x ".record_id AND m.subject_id = ?1) "          \
	"ELSE ?3 END)"
/* MAY_REVIEW's binds ?1 to ?4. */
#define REVIEW_BINDS "IIII"
#define REVIEWER(rq)                                                                           \
	(rq)->user.id, routable_roles(rq),                                                     \
		(int64_t)has_role(rq, REVIEW_ALL), (int64_t)has_role(rq, ROLE_HEADTEACHER)
#define REVIEW_ALL (ROLE_HEADTEACHER | ROLE_ADMIN)
#define REVIEWERS (REVIEW_ALL | ROLE_CHAIR)

/* Whether a record of this type and number exists. */
static int record_exists(const char *type, int64_t id)
{
#define EXISTS_IN(t, sql) \
	if (strcmp(type, t) == 0) \
		return db_int(0, sql, "I", id) > 0;
	EXISTS_IN("concern", "SELECT count(*) FROM concerns WHERE id = ?")
	EXISTS_IN("signature", "SELECT count(*) FROM signatures WHERE id = ?")
	EXISTS_IN("decline", "SELECT count(*) FROM policy_declines WHERE id = ?")
	EXISTS_IN("acknowledgement", "SELECT count(*) FROM policy_acknowledgements WHERE id = ?")
	EXISTS_IN("training", "SELECT count(*) FROM training WHERE id = ?")
	EXISTS_IN("do_not_publish", "SELECT count(*) FROM do_not_publish WHERE id = ?")
	EXISTS_IN("do_not_film", "SELECT count(*) FROM do_not_film WHERE id = ?")
	EXISTS_IN("contributor_paper",
		  "SELECT count(*) FROM account_contributors c WHERE c.id = ? AND (EXISTS "
		  "(SELECT 1 FROM contributor_paper WHERE contributor_id = c.id) OR EXISTS "
		  "(SELECT 1 FROM contributor_paper_scans WHERE contributor_id = c.id))")
	EXISTS_IN("contributor_training",
		  "SELECT count(*) FROM contributor_training WHERE contributor_id = ?")
	EXISTS_IN("sar", "SELECT count(*) FROM subject_access_requests WHERE id = ?")
	EXISTS_IN("fault", "SELECT count(*) FROM fault_reports WHERE id = ?")
#undef EXISTS_IN
	return 0;
}

/* The member of staff a record is about, when it is never to be shown to
 * them (a concern, a subject access request), or 0. */
static int64_t record_subject(const char *type, int64_t id)
{
	if (strcmp(type, "concern") == 0)
		return db_int(0, "SELECT about_id FROM concerns WHERE id = ?", "I", id);
	if (strcmp(type, "sar") == 0)
		return db_int(0, "SELECT subject_id FROM subject_access_requests WHERE id = ?", "I",
			      id);
	return 0;
}

/* Read before the record goes: what its entry in the register needs so
 * that it is shown to those who may review the record now, and to nobody
 * else once it is gone (disposal_visible.h).  Who it is about, who never
 * sees it; for a concern, the roles and the person who may open it, and
 * whether it is about the headteacher (an active holder of the role), the
 * one concern the headteacher may not review though any other headteacher
 * may, which MAY_REVIEW tells by about_id. */
static void keep_readers(int64_t disposal, const char *type, int64_t id)
{
	int64_t subject = record_subject(type, id);
	if (subject > 0)
		db_exec("INSERT INTO disposal_subjects(disposal_id, user_id) VALUES (?, ?)", "II",
			disposal, subject);
	if (strcmp(type, "concern") == 0)
		db_exec("INSERT INTO disposal_concerns(disposal_id, recipient_mask, assignee_id, "
			"about_head) SELECT ?, c.recipient_mask, c.assignee_id, EXISTS (SELECT 1 "
			"FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.user_id = "
			"c.about_id AND r.role = 'headteacher' AND u.active = 1) FROM concerns c "
			"WHERE c.id = ?",
			"II", disposal, id);
}

/* MAY_REVIEW for one record; a record the reader may not review is, for
 * them, not there. */
static int may_review(const struct request *rq, const char *type, int64_t id)
{
	return db_int(0, "SELECT " MAY_REVIEW("x") " FROM (SELECT ?5 AS record_type, ?6 AS "
		      "record_id) x",
		      REVIEW_BINDS "tI", REVIEWER(rq), type, id) == 1;
}

/* "sent" in every row, true in the one whose record a refused row form
 * named (when on), whose reason field (PREFIX-TYPE-ID) the summary links to. */
static void mark_sent_row(const struct request *rq, json_t *m, json_t *rows, const char *prefix,
			  int on)
{
	const char *type = arg(rq, "record_type");
	int64_t id = arg_int(rq, "record_id", 0);
	int found = 0;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		int sent = on && type && strcmp(json_str(r, "record_type"), type) == 0 &&
			   json_int(r, "record_id") == id;
		json_object_set_new(r, "sent", json_boolean(sent));
		found |= sent;
	}
	if (found)
		reply_field_id(m, "reason", "%s-%s-%lld", prefix, type, (long long)id);
}

/* A refused rules form shows the numbers as typed, not those saved. */
static void keep_typed_rules(const struct request *rq, json_t *rules)
{
	for (size_t i = 0; i < NRULES; i++) {
		const char *v = arg(rq, rule_keys[i] + strlen("retention_"));
		if (v)
			json_object_set_new(rules, rule_keys[i] + strlen("retention_"),
					    json_string(v));
	}
}

#define DUE_PAGE 50
/* One page of the records due (binds: MAY_REVIEW's, ?5 today, ?6 how many
 * concerns the page can need, ?7 and ?8 its LIMIT and OFFSET).  The concerns
 * it can show are the first due of theirs in the list's order (the date,
 * then the number), read from their index (concern_retention_due k, or those
 * of "from" as k): a trust's years of closed cases are not all read to show
 * fifty. */
#define REVIEW_DUE_SQL(from, term)                                                             \
	"WITH page_concerns AS (SELECT k.concern_id, k.due FROM " from " WHERE " term " "   \
	"k.due <= ?5 AND " MAY_REVIEW_CONCERN("k.concern_id")                                  \
	" ORDER BY k.due, k.concern_id LIMIT ?6), "                                             \
	"due AS (" CONCERN_DUE("page_concerns k JOIN concern_retention_rule r ON "                \
			       "r.concern_id = k.concern_id") OTHER_DUE ") "                       \
	"SELECT d.record_type, d.record_id, d.label, d.due, d.rule, "                           \
	"h.reason AS hold_reason, h.placed_at AS held_since FROM due d LEFT JOIN "              \
	"legal_holds h ON h.record_type = d.record_type AND h.record_id = d.record_id "        \
	"WHERE d.due IS NOT NULL AND d.due <= ?5 AND " MAY_REVIEW("d")                          \
	" ORDER BY d.due, d.record_type, d.record_id LIMIT ?7 OFFSET ?8"

static void review_page(struct request *rq, struct reply *rp)
{
	char today[11];
	uk_today(today);
	int64_t page = rq->is_post ? 1 : arg_int(rq, "page", 1);
	/* Both forms take the same binds; a reviewer who is not the headteacher
	 * and whose roles receive no case may review only the cases assigned
	 * to them, read through the index of those. */
#define DUE_BINDS                                                                          \
	REVIEW_BINDS "tIII", REVIEWER(rq), today, page * DUE_PAGE + 1, (int64_t)DUE_PAGE + 1, \
		(page - 1) * DUE_PAGE
	int assigned_only = !has_role(rq, ROLE_HEADTEACHER) &&
			    concern_roles_receive_none(routable_roles(rq));
	json_t *due =
		assigned_only
			? db_rows(REVIEW_DUE_SQL("concerns a INDEXED BY concerns_by_assignee "
						 "JOIN concern_retention_due k ON "
						 "k.concern_id = a.id",
						 "a.assignee_id = ?1 AND"),
				  DUE_BINDS)
			: db_rows(REVIEW_DUE_SQL("concern_retention_due k", ""), DUE_BINDS);
#undef DUE_BINDS
	json_t *holds = db_rows(
		"SELECT h.record_type, h.record_id, h.reason, h.placed_at, u.email AS placed_by, "
		"u.name AS placed_by_name, " HOLD_LABEL " AS label "
		"FROM legal_holds h JOIN users u ON u.id = h.placed_by WHERE " MAY_REVIEW("h")
		" ORDER BY h.placed_at",
		REVIEW_BINDS, REVIEWER(rq));
	json_t *rules = json_object();
	for (size_t i = 0; i < NRULES; i++) {
		char *v = db_text("SELECT value FROM settings WHERE key = ?", "t", rule_keys[i]);
		json_object_set_new(rules, rule_keys[i] + strlen("retention_"),
				    json_string(v ? v : ""));
		free(v);
	}
	/* A deleted record's entry only to those who could review it then. */
	json_t *done = db_rows("SELECT d.record_type, d.label, d.at, d.reason, "
			       "u.email AS by_email, u.name AS by_name "
			       "FROM disposals d JOIN users u ON u.id = d.by_id WHERE "
			       DISPOSAL_SEEN_BY("d", "?1", "?2", "?3", "?4")
			       " ORDER BY d.id DESC LIMIT 50",
			       REVIEW_BINDS, REVIEWER(rq));
	/* The page has a form in each row due (delete), in each hold (release),
	 * one to place a hold and one for the rules, several with the same field
	 * names: a refused form's problems are shown in that form alone. */
	if (reply_form_sent(rq, "/rules"))
		keep_typed_rules(rq, rules);
	json_t *m = json_pack("{s:o, s:o, s:o, s:o, s:s, s:b, s:b}", "due", due, "holds", holds,
			      "rules", rules, "disposals", done, "today", today, "can_edit_rules",
			      has_role(rq, ROLE_ADMIN), "hold_sent", reply_form_sent(rq, "/hold"));
	reply_pager(m, due, page, DUE_PAGE);
	mark_sent_row(rq, m, due, "d", reply_form_sent(rq, "/delete"));
	mark_sent_row(rq, m, holds, "r", reply_form_sent(rq, "/release"));
	reply_page(rp, "retention", "Records past their retention date", m);
}

/* A record type in the words of the form's choices, for a message that goes
 * on with "with that number": "paper signature of a contributor ...". */
static const char *type_words(const char *type, char *words, size_t size)
{
	const char *name = name_of(NAME_RECORD_TYPE, type);
	snprintf(words, size, "%s", name ? name : "record");
	words[0] = (char)tolower((unsigned char)words[0]);
	return words;
}

/* The record with its due date, or NULL when there is no such record. */
static json_t *find(const char *type, int64_t id)
{
	return db_row(DUE_SQL "SELECT record_type, record_id, label, due, rule FROM due WHERE "
			      "record_type = ? AND "
			      "record_id = ?",
		      "tI", type, id);
}

static void hold(struct request *rq, struct reply *rp)
{
	const char *type = arg(rq, "record_type");
	int by_reference;
	int64_t id = hold_record_id(type, arg(rq, "record_id"), &by_reference);
	if (id < 0) {
		reply_error(rp, 400, "record_id",
			    strcmp(type, "concern") == 0
				    ? "Enter the concern's reference, like C-2026-000001, or its "
				      "number."
				    : "Record number must be a whole number above 0.");
		return;
	}
	int exists = id && may_review(rq, type, id) && record_exists(type, id);
	if (!exists) {
		char words[96];
		reply_error(rp, 404, "record_id", "There is no %s with that %s.",
			    type_words(type, words, sizeof words),
			    by_reference ? "reference" : "number");
		return;
	}
	char at[ISO_LEN];
	iso_now(at);
	if (reply_begin(rp, BUSY) != 0)
		return;
	db_exec("INSERT INTO legal_holds(record_type, record_id, reason, placed_by, placed_at) "
		"VALUES (?,?,?,?,?) "
		"ON CONFLICT DO NOTHING",
		"tItIt", type, id, arg(rq, "reason"), rq->user.id, at);
	int added = db_changes();
	char object[64];
	snprintf(object, sizeof object, "%s:%lld", type, (long long)id);
	audit(rq, "retention.hold", object, "reason: %s", arg(rq, "reason"));
	if (reply_commit_changed(rp, added, NULL, "That record is already under a legal hold.",
				 BUSY) != 0)
		return;
	reply_done(
		rp, 201, json_pack("{s:s, s:I}", "record_type", type, "record_id", (json_int_t)id),
		"/admin/retention",
		"The legal hold is in place: the record cannot be deleted until it is released.");
}

static void release(struct request *rq, struct reply *rp)
{
	const char *type = arg(rq, "record_type");
	int64_t id = arg_int(rq, "record_id", 0);
	if (!may_review(rq, type, id)) {
		reply_error(rp, 404, "record_id", "That record is not under a legal hold.");
		return;
	}
	if (reply_begin(rp, BUSY) != 0)
		return;
	db_exec("DELETE FROM legal_holds WHERE record_type = ? AND record_id = ?", "tI", type, id);
	int gone = db_changes();
	char object[64];
	snprintf(object, sizeof object, "%s:%lld", type, (long long)id);
	audit(rq, "retention.release", object, "reason: %s", arg(rq, "reason"));
	if (!gone) {
		db_rollback();
		reply_error(rp, 404, "record_id", "That record is not under a legal hold.");
		return;
	}
	if (reply_commit(rp, BUSY) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:b}", "released", 1), "/admin/retention",
		   "The legal hold has been released.");
}

/* The notifications that link to a deleted record, with their e-mails not
 * yet sent. */
static void delete_notifications(const char *link)
{
	db_exec("DELETE FROM outbox WHERE notification_id IN (SELECT id FROM notifications WHERE "
		"link = ?)",
		"t", link);
	db_exec("DELETE FROM notifications WHERE link = ?", "t", link);
}

/* A concern goes with everything hanging from it; the disposal row comes
 * first, because the chronology's trigger lets events go only after it. */
static void delete_concern(int64_t id)
{
	char *a = xasprintf("/concerns/%lld", (long long)id),
	     *b = xasprintf("/concerns/mine/%lld", (long long)id);
	delete_notifications(a);
	delete_notifications(b);
	concern_pattern_forget(id);
	/* A school account's check or moderation entry outlives the concern it
	 * raised: it keeps what was done on the account, no longer which concern. */
	db_exec("UPDATE account_checks SET concern_id = NULL WHERE concern_id = ?", "I", id);
	db_exec("UPDATE account_moderation SET concern_id = NULL WHERE concern_id = ?", "I", id);
	/* The highest evidence number is kept, so that no later file takes the
	 * number of one deleted (an old row of the audit log names it). */
	db_exec(EVIDENCE_HIGH_WATER_KEEP, "");
	db_exec("DELETE FROM evidence WHERE concern_id = ?", "I", id);
	concern_details_forget(id);
	db_exec("DELETE FROM concern_events WHERE concern_id = ?", "I", id);
	db_exec("DELETE FROM concern_deadlines WHERE concern_id = ?", "I", id);
	db_exec("DELETE FROM concern_adult WHERE concern_id = ?", "I", id);
	db_exec("DELETE FROM concern_image_reports WHERE concern_id = ?", "I", id);
	db_exec("DELETE FROM breach_records WHERE concern_id = ?", "I", id);
	db_exec("DELETE FROM concerns WHERE id = ?", "I", id);
	free(a);
	free(b);
}

/* A fault report goes with the notifications that link to it (the new
 * report's to the network manager, the outcome's to its reporter). */
static void delete_fault(int64_t id)
{
	char *link = fault_link(id);
	delete_notifications(link);
	db_exec("DELETE FROM fault_reports WHERE id = ?", "I", id);
	free(link);
}

static void delete_record(const char *type, int64_t id)
{
	if (strcmp(type, "concern") == 0)
		delete_concern(id);
	else if (strcmp(type, "signature") == 0) /* its paper record goes with it (trigger) */
		db_exec("DELETE FROM signatures WHERE id = ?", "I", id);
	else if (strcmp(type, "decline") == 0)
		db_exec("DELETE FROM policy_declines WHERE id = ?", "I", id);
	else if (strcmp(type, "acknowledgement") == 0)
		db_exec("DELETE FROM policy_acknowledgements WHERE id = ?", "I", id);
	else if (strcmp(type, "training") == 0)
		db_exec("DELETE FROM training WHERE id = ?", "I", id);
	else if (strcmp(type, "do_not_publish") == 0)
		db_exec("DELETE FROM do_not_publish WHERE id = ?", "I", id);
	else if (strcmp(type, "do_not_film") == 0)
		db_exec("DELETE FROM do_not_film WHERE id = ?", "I", id);
	else if (strcmp(type, "contributor_paper") == 0) {
		/* the scan is a copy of the paper, with the hash of the file as
		 * sent: they go with it */
		db_exec("DELETE FROM contributor_paper WHERE contributor_id = ?", "I", id);
		db_exec("DELETE FROM contributor_paper_scan_original WHERE contributor_id = ?", "I",
			id);
		db_exec("DELETE FROM contributor_paper_scans WHERE contributor_id = ?", "I", id);
	} else if (strcmp(type, "contributor_training") == 0)
		db_exec("DELETE FROM contributor_training WHERE contributor_id = ?", "I", id);
	else if (strcmp(type, "sar") == 0)
		db_exec("DELETE FROM subject_access_requests WHERE id = ?", "I", id);
	else if (strcmp(type, "fault") == 0)
		delete_fault(id);
}

static void dispose(struct request *rq, struct reply *rp)
{
	const char *type = arg(rq, "record_type");
	int64_t id = arg_int(rq, "record_id", 0);
	char today[11], at[ISO_LEN];
	uk_today(today);
	iso_now(at);
	if (reply_begin(rp, BUSY) != 0)
		return;
	json_t *r = may_review(rq, type, id) ? find(type, id) : NULL;
	const char *due = r ? json_str(r, "due") : NULL;
	char due_words[32];
	uk_time_words(due ? due : "not yet known", due_words, sizeof due_words);
	char words[96];
	if (!r)
		reply_error(rp, 404, "record_id",
			    "There is no %s with that number that a retention rule covers.",
			    type_words(type, words, sizeof words));
	else if (!due || strcmp(due, today) > 0)
		reply_error(rp, 409, NULL,
			    "This record is not yet past its retention date (%s), so it is kept.",
			    due_words);
	else if (db_int(0,
			"SELECT count(*) FROM legal_holds WHERE record_type = ? AND record_id = ?",
			"tI", type, id))
		reply_error(rp, 409, NULL,
			    "This record is under a legal hold and cannot be deleted.");
	if (rp->status) {
		db_rollback();
		json_decref(r);
		return;
	}
	char *rule = xasprintf("%s; due %s", json_str(r, "rule"), due);
	const char *label = json_str(r, "label");
	int64_t disposal = db_insert("INSERT INTO disposals(record_type, record_id, label, rule, "
				     "reason, by_id, at) VALUES (?,?,?,?,?,?,?)",
				     "tItttIt", type, id, label, rule, arg(rq, "reason"),
				     rq->user.id, at);
	keep_readers(disposal, type, id);
	delete_record(type, id);
	char object[64];
	snprintf(object, sizeof object, "%s:%lld", type, (long long)id);
	audit(rq, "retention.delete", object, "%s; rule: %s; reason: %s", label, rule,
	      arg(rq, "reason"));
	free(rule);
	json_decref(r);
	if (reply_commit(rp, BUSY) != 0)
		return;
	/* Gone from the files as well as from the tables (UK GDPR Art. 5(1)(e)):
	 * the WAL still holds the pages as they were until it is emptied. */
	db_wal_truncate();
	reply_done(rp, 200,
		   json_pack("{s:s, s:I, s:b}", "record_type", type, "record_id", (json_int_t)id,
			     "deleted", 1),
		   "/admin/retention",
		   "The record has been deleted; the disposal register keeps a note of it.");
}

static const struct field_spec rules_form[] = {
	{ "concern_staff_years", F_INT, 3, 0, NULL,
	  "Concerns about staff: years after the concern" },
	{ "retirement_review_years", F_INT, 3, 0, NULL, "Concerns about staff: retirement review" },
	{ "safeguarding_years", F_INT, 3, 0, NULL,
	  "Safeguarding concerns about pupils: years after closing" },
	{ "concern_years", F_INT, 3, 0, NULL, "Other concerns: years after closing" },
	{ "signature_years", F_INT, 3, 0, NULL,
	  "Signatures, declines and yearly signings again: years after the person leaves" },
	{ "training_years", F_INT, 3, 0, NULL, "Training records: years after the person leaves" },
	{ "allegation_years", F_INT, 3, 0, NULL, "Allegations about staff" },
	{ "do_not_publish_years", F_INT, 3, 0, NULL,
	  "Pupils taken off the do-not-publish list: years after" },
	{ "do_not_film_years", F_INT, 3, 0, NULL,
	  "Adults taken off the list of those not to be filmed: years after" },
	{ "sar_years", F_INT, 3, 0, NULL,
	  "Subject access requests: years after the response was sent" },
	{ "fault_years", F_INT, 3, 0, NULL,
	  "Reports of damage or faults: years after they were dealt with" },
	{ NULL },
};

static void rules_post(struct request *rq, struct reply *rp)
{
	for (const struct field_spec *f = rules_form; f->name; f++) {
		const char *v = arg(rq, f->name);
		if (v && (strtoll(v, NULL, 10) < 1 || strtoll(v, NULL, 10) > 100))
			reply_error_add(rp, f->name,
					"The rule \"%s\" must be a number of years from 1 to 100.",
					f->label);
	}
	if (reply_errors(rp))
		return;
	if (reply_begin(rp, BUSY) != 0)
		return;
	for (size_t i = 0; i < NRULES; i++) {
		const char *v = arg(rq, rule_keys[i] + strlen("retention_"));
		if (!v)
			continue;
		char *n = xasprintf("%lld", (long long)strtoll(v, NULL, 10));
		db_exec("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
			"SET value = excluded.value",
			"tt", rule_keys[i], n);
		audit(rq, "settings.change", rule_keys[i], "%s", n);
		free(n);
	}
	if (reply_commit(rp, BUSY) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:b}", "saved", 1), "/admin/retention",
		   "The retention rules have been saved.");
}

/* The record types' codes, as the forms' choices ("|concern|signature..."). */
#define RECORD_TYPE_CHOICE_(code, words) "|" code
static const struct field_spec record_form[] = {
	{ "record_type", F_CHOICE, 20, F_REQUIRED,
	  LIST_CHOICES(RECORD_TYPE_LIST, RECORD_TYPE_CHOICE_), "Record type" },
	{ "record_id", F_ID, 18, F_REQUIRED, NULL, "Record number" },
	{ "reason", F_TEXT, 500, F_REQUIRED, NULL, "Reason" },
	{ NULL },
};
/* A hold is asked for by a number typed, or a concern's reference (hold_record.c). */
static const struct field_spec hold_form[] = {
	{ "record_type", F_CHOICE, 20, F_REQUIRED,
	  LIST_CHOICES(RECORD_TYPE_LIST, RECORD_TYPE_CHOICE_), "Record type" },
	{ "record_id", F_TEXT, 31, F_REQUIRED, NULL, "Record number" },
	{ "reason", F_TEXT, 500, F_REQUIRED, NULL, "Reason" },
	{ NULL },
};

static const struct route retention_routes[] = {
	{ "GET", "/admin/retention", review_page, REVIEWERS, page_fields, NULL, 0 },
	{ "POST", "/admin/retention/hold", hold, REVIEWERS, hold_form, review_page, 0 },
	{ "POST", "/admin/retention/release", release, REVIEWERS, record_form, review_page, 0 },
	{ "POST", "/admin/retention/delete", dispose, REVIEWERS, record_form, review_page, 0 },
	{ "POST", "/admin/retention/rules", rules_post, ROLE_ADMIN, rules_form, review_page, 0 },
	{ NULL },
};

/* Records: the audit log's page, the retention review and subject access requests. */
const struct feature records_feature = {
	.name = "records",
	.routes = (const struct route *const[]){ audit_routes, retention_routes, sar_routes, NULL },
	.tasks = (task_fn *const[]){ sar_tasks, NULL },
	.nav = (const struct nav_link[]){
		{ 76, "Subject access requests", "GET", "/sar" },
		{ 90, "Audit log", "GET", "/audit" },
		{ 110, "Records", "GET", "/admin/retention" },
		{ 0 },
	},
};
