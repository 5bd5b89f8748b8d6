/* Who may read an entry of the disposal register, as SQL: shared by the
 * register on the retention review (retention.c) and the deletion's own row
 * in the audit log (audit_visible.h), so that an entry hidden in the one is
 * not read in the other.  Private to the records folder. */
#ifndef STAFFROOM_DISPOSAL_VISIBLE_H
#define STAFFROOM_DISPOSAL_VISIBLE_H

/* An entry names its record (a concern's reference) and gives the reason
 * typed for deleting it, so it is shown to those who could review the
 * record when it was deleted (MAY_REVIEW, retention.c), and never to the
 * person it was about (disposal_subjects).  A concern is gone by then: what
 * decided who could review it was kept beside the entry (disposal_concerns,
 * written by the deletion): its receiving roles and the person it was
 * assigned to, who could open it, and whether it was about the
 * headteacher, who otherwise reviews every concern (the chair, its
 * recipient, reviews one about them).  Whoever deleted it sees it too.  An
 * entry from before any of that was kept has no roles and nobody assigned,
 * so the headteacher and whoever deleted it see it.  Any other record: the
 * reviewers of every kind of record (REVIEW_ALL).  On disposals d; me is the
 * reader's id, mask their role bits (ROLE_ROUTABLE), all true when they
 * review every kind of record, head true for the headteacher: each a
 * parameter or an SQL expression. */
#define DISPOSAL_NOT_ABOUT(d, me)                                                          \
	"NOT EXISTS (SELECT 1 FROM disposal_subjects s WHERE s.disposal_id = " d ".id AND " \
	"s.user_id = " me ")"
#define DISPOSED_CONCERN_SEEN_BY(d, me, mask, head)                                       \
	"(" DISPOSAL_NOT_ABOUT(d, me) " AND (" d ".by_id = " me " OR EXISTS (SELECT 1 FROM " \
	"disposal_concerns k WHERE k.disposal_id = " d ".id AND ((k.recipient_mask & " mask \
	") != 0 OR k.assignee_id = " me " OR ((" head ") AND k.about_head = 0)))))"
#define DISPOSAL_SEEN_BY(d, me, mask, all, head)                                           \
	"(CASE WHEN " d ".record_type = 'concern' THEN "                                  \
	DISPOSED_CONCERN_SEEN_BY(d, me, mask, head) " ELSE (" all ") AND "                 \
	DISPOSAL_NOT_ABOUT(d, me) " END)"

#endif
