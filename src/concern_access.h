/* The one rule for who may open a concern, as SQL, so that every query that
 * must honour it (the case pages, the audit log's page) uses the same words
 * and a change to the rule reaches them all.
 *
 * CONCERN_MAY_OPEN is a condition over a concern row aliased `c`, with
 * numbered parameters: ?1 is the person's id and ?2 their roles as role
 * bits (masked with ROLE_ROUTABLE).  A query using it binds those two first
 * and numbers its own parameters from ?3 on.  A case is for the holders of
 * its recipient roles, never for the person it is about (KCSIE part four:
 * an allegation about a member of staff is not handled by, nor shown to,
 * that person). */
#ifndef STAFFROOM_CONCERN_ACCESS_H
#define STAFFROOM_CONCERN_ACCESS_H

#define CONCERN_MAY_OPEN "((c.about_id IS NULL OR c.about_id != ?1) AND (c.recipient_mask & ?2) != 0)"

#endif
