/* What other pages show of the retention rules (docs/RECORDS.md): the date
 * the retention review (retention.c) lists a kept record, as SQL for their
 * own statements, so that a page's "kept until" and the review's "due" are
 * one rule.  Each names the aliases the statement must give its tables. */
#ifndef STAFFROOM_RECORDS_H
#define STAFFROOM_RECORDS_H

/* A rule's years, from the settings table: "'+N years'" for date(). */
#define RETENTION_YEARS(key) "'+' || (SELECT value FROM settings WHERE key = '" key "') || ' years'"
/* A period runs from the UK date of the event, as the review's "today"
 * (uk_today) counts it: SQLite's 'localtime' is the UK zone (uk_time_init). */
#define RETENTION_UK_DATE(col) "date(" col ", 'localtime')"
#define RETENTION_UK_DATE_PLUS(col, key) "date(" col ", 'localtime', " RETENTION_YEARS(key) ")"

/* A pupil taken off the do-not-publish list: on do_not_publish p. */
#define DO_NOT_PUBLISH_KEPT_UNTIL                                                          \
	RETENTION_UK_DATE_PLUS("p.removed_at", "retention_do_not_publish_years")

/* An adult taken off the list of those not to be filmed, or a member of
 * staff's own request still standing when they left: on do_not_film f LEFT
 * JOIN users s ON s.id = f.user_id.  DO_NOT_FILM_KEPT says the rule has
 * started (the current list shows neither); the years run from whichever
 * came first. */
#define DO_NOT_FILM_KEPT "(f.removed_at IS NOT NULL OR s.left_on IS NOT NULL)"
#define DO_NOT_FILM_OFF RETENTION_UK_DATE("f.removed_at")
#define DO_NOT_FILM_KEPT_UNTIL                                                             \
	"date(min(coalesce(" DO_NOT_FILM_OFF ", s.left_on), coalesce(s.left_on, "       \
	DO_NOT_FILM_OFF ")), " RETENTION_YEARS("retention_do_not_film_years") ")"

/* A contributor who is not staff: the UK date they stopped running the
 * account (removed from it, or it was closed), NULL while they run it; on
 * account_contributors c JOIN social_accounts k ON k.id = c.account_id. */
#define CONTRIBUTOR_STOPPED                                                                \
	RETENTION_UK_DATE("coalesce(c.removed_at, CASE WHEN k.status = 'closed' THEN "  \
			  "k.closed_at END)")
/* Their paper signature with its scan (as signatures), their training (as
 * training records). */
#define CONTRIBUTOR_PAPER_KEPT_UNTIL                                                       \
	"date(" CONTRIBUTOR_STOPPED ", " RETENTION_YEARS("retention_signature_years") ")"
#define CONTRIBUTOR_TRAINING_KEPT_UNTIL                                                    \
	"date(" CONTRIBUTOR_STOPPED ", " RETENTION_YEARS("retention_training_years") ")"

/* A report of damage or a fault in equipment or software, once dealt with
 * (an open one is never due): on fault_reports f. */
#define FAULT_KEPT_UNTIL RETENTION_UK_DATE_PLUS("f.dealt_at", "retention_fault_years")

/* Whether a legal hold stops the deletion of the record of this type (a
 * string literal, e.g. "'do_not_publish'") and this id column. */
#define RETENTION_HELD(type, id_col)                                                       \
	"EXISTS (SELECT 1 FROM legal_holds h WHERE h.record_type = " type                 \
	" AND h.record_id = " id_col ")"

/* The id of a new record of this table and type (a string literal):
 * never one a record deleted under its retention rule had (the disposal
 * register keeps it), so that a reference in the audit log and the
 * register names one record. */
#define RECORD_NEXT_ID(table, type)                                                        \
	"max(coalesce((SELECT max(id) FROM " table "), 0), coalesce((SELECT max(record_id) " \
	"FROM disposals WHERE record_type = " type "), 0)) + 1"

#endif
