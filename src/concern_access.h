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
#ifndef STAFFROOM_CONCERN_ACCESS_H
#define STAFFROOM_CONCERN_ACCESS_H

#define CONCERN_MAY_OPEN_AS(c, me, mask)                                                   \
	"((" c ".about_id IS NULL OR " c ".about_id != " me ") AND ((" c ".recipient_mask & " \
	mask ") != 0 OR " c ".assignee_id = " me "))"
#define CONCERN_MAY_OPEN(c) CONCERN_MAY_OPEN_AS(c, "?", "?")
#define CONCERN_MAY_OPEN_BINDS "III"

#endif
