/* Which rows of the audit log a reader may see, as SQL on the row aliased
 * `a`: shared by the audit log's page (auditlog.c) and the subject access
 * export (export.c), so that a row hidden on the one is not read in the
 * other.  Private to the records folder. */
#ifndef STAFFROOM_AUDIT_VISIBLE_H
#define STAFFROOM_AUDIT_VISIBLE_H

#include "features/concerns/concerns.h"
#include "features/accounts/accounts.h"
#include "features/faults/faults.h"
#include "features/filtering/filtering.h"
#include "features/permissions/permissions.h"
#include "features/records/disposal_visible.h"

/* Does audit row `a` refer to a concern?  By its action, or an object that
 * is a reference ("C-2026-000123") or a record ("concern:12"), or a detail
 * naming one ("concern=C-2026-000123", written by account checks).  Any
 * new concern action (concern.*, evidence.*, disclosure.*) is covered
 * without a change here. */
#define REFERS_TO_CONCERN                                                                          \
	"(a.action GLOB 'concern.*' OR a.action GLOB 'evidence.*' OR a.action GLOB 'disclosure*' " \
	"OR "                                                                                      \
	"a.object GLOB 'C-[0-9]*' OR a.object GLOB 'concern:*' OR a.detail GLOB "                  \
	"'*concern=C-[0-9]*' OR " CONCERN_PATH ")"
/* The router's own rows (access.refused, and export.download for a file
 * whose handler wrote no row, such as a reporter fetching their own
 * evidence) name the path asked for: one naming a case or its evidence is
 * about that concern, and is shown only to those who may open it, like the
 * case's own rows (one gone, or never there, to nobody), whatever the
 * action. */
#define CONCERN_PATH                                                                               \
	"(a.object GLOB '/concerns/[0-9]*' OR a.object GLOB '/concerns/mine/[0-9]*' OR a.object "  \
	"GLOB '/evidence/[0-9]*')"
/* The id of that concern (NULL when it is gone or cannot be told). */
#define CONCERN_OF_ROW                                                                             \
	"CASE WHEN a.object GLOB 'concern:[0-9]*' THEN CAST(substr(a.object, 9) AS INTEGER) "      \
	CONCERN_OF_PATH_ARMS("a.object")                                                           \
	"WHEN a.object GLOB '/evidence/[0-9]*' THEN (SELECT e.concern_id FROM evidence e WHERE "   \
	"e.id = CAST(substr(a.object, 11) AS INTEGER)) "                                           \
	"ELSE (SELECT r.id FROM concerns r WHERE r.reference = CASE WHEN a.object GLOB "           \
	"'C-[0-9]*' THEN a.object "                                                                \
	"ELSE substr(a.detail, instr(a.detail, 'concern=C-') + 8) END) END"
/* Does audit row `a` name a subject access request: by its reference
 * ("SAR-000004", the request's own rows), a path to it ("/sar/4",
 * "/sar/4/export": the router's rows) or as a record ("sar:4": a legal hold,
 * its release, its deletion)? */
#define NAMES_SAR                                                                                  \
	"(a.object GLOB 'SAR-[0-9]*' OR a.object GLOB '/sar/[0-9]*' OR a.object GLOB 'sar:[0-9]*')"
/* The number of the request it names. */
#define SAR_OF_ROW                                                                                 \
	"CASE WHEN a.object GLOB '/sar/[0-9]*' THEN CAST(substr(a.object, 6) AS INTEGER) ELSE "    \
	"CAST(substr(a.object, 5) AS INTEGER) END"
/* The same, about person `me`.  A request is never shown to the person it
 * is about (sar.c), nor is its existence: nor once it is deleted under its
 * retention rule, when the disposal register keeps who it was about. */
#define SAR_ABOUT(me)                                                                              \
	"(" NAMES_SAR " AND (EXISTS (SELECT 1 FROM subject_access_requests s WHERE "               \
	"s.subject_id = " me " AND s.id = " SAR_OF_ROW ") OR EXISTS (SELECT 1 FROM disposals d "  \
	"JOIN disposal_subjects ds ON ds.disposal_id = d.id WHERE d.record_type = 'sar' AND "     \
	"d.record_id = " SAR_OF_ROW " AND ds.user_id = " me ")))"
/* Does audit row `a` concern a subject access request, which only the DPO
 * and the headteacher may open (sar.c), while roles (their bits) hold
 * neither?  Then it is hidden like the request: an administrator reading the
 * log learns nothing of who asked for their data, or when. */
#define SAR_NOT_THEIRS(roles)                                                                      \
	"((a.action GLOB 'sar.*' OR " NAMES_SAR ") AND (" roles " & (SELECT sum(bit) FROM "        \
	"role_bits WHERE role IN ('dpo', 'headteacher'))) = 0)"
/* Whether role bits `mask` hold the headteacher's. */
#define HOLDS_HEADTEACHER(mask)                                                                    \
	"(" mask " & (SELECT bit FROM role_bits WHERE role = 'headteacher')) != 0"
/* The deletion of a concern under its retention rule (retention.delete,
 * object "concern:N") names it and gives the reason typed, as its entry in
 * the disposal register does, and is shown as that entry is: the concern
 * is gone, so CONCERN_MAY_OPEN can no longer say (disposal_visible.h).  The
 * entry is the concern's by number and by who deleted it; every such entry
 * must be one the reader may see. */
#define DISPOSAL_ROW_SEEN(me, mask)                                                                \
	"(a.action = 'retention.delete' AND a.object GLOB 'concern:[0-9]*' AND (SELECT min("      \
	DISPOSED_CONCERN_SEEN_BY("d", me, mask, HOLDS_HEADTEACHER(mask)) ") FROM disposals d "    \
	"WHERE d.record_type = 'concern' AND d.record_id = CAST(substr(a.object, 9) AS INTEGER) " \
	"AND d.by_id = a.actor_id) = 1)"
/* A declaration of a connection with a parent or a pupil, or of a personal
 * account, is seen only by the person, the headteacher and the DSL, and the
 * headteacher's own by the chair, who acknowledges it (declarations.c; as an
 * allegation about the headteacher, KCSIE part four); a record of images on
 * a member of staff's own device only by its maker and the headteacher, who
 * oversees them (device_images.c; braunstone).  Their rows (D-00003,
 * DI-00003, or a refusal naming /conduct/declarations/3… or
 * /conduct/images/3…) are shown by the same rule: an administrator reading
 * the log learns of neither. */
#define DECLARATION_OF_ROW                                                                         \
	"CASE WHEN a.object GLOB 'D-[0-9]*' THEN CAST(substr(a.object, 3) AS INTEGER) WHEN "       \
	"a.object GLOB '/conduct/declarations/[0-9]*' THEN CAST(substr(a.object, 23) AS INTEGER) " \
	"END"
#define DEVICE_IMAGES_OF_ROW                                                                       \
	"CASE WHEN a.object GLOB 'DI-[0-9]*' THEN CAST(substr(a.object, 4) AS INTEGER) WHEN "      \
	"a.object GLOB '/conduct/images/[0-9]*' THEN CAST(substr(a.object, 17) AS INTEGER) END"
#define CONDUCT_NOT_THEIRS(me, mask)                                                               \
	"((a.object GLOB 'D-[0-9]*' OR a.object GLOB '/conduct/declarations/[0-9]*') AND NOT "     \
	"EXISTS (SELECT 1 FROM declarations d WHERE d.id = (" DECLARATION_OF_ROW ") AND "         \
	"(d.user_id = " me " OR (" mask " & (SELECT sum(bit) FROM role_bits WHERE role IN "        \
	"('headteacher', 'dsl'))) != 0 OR ((" mask " & (SELECT bit FROM role_bits WHERE role = "   \
	"'chair')) != 0 AND EXISTS (SELECT 1 FROM user_roles hr WHERE hr.user_id = d.user_id "     \
	"AND hr.role = 'headteacher')))) OR ((a.object GLOB 'DI-[0-9]*' OR a.object GLOB "         \
	"'/conduct/images/[0-9]*') AND NOT EXISTS (SELECT 1 FROM device_images i WHERE i.id = ("  \
	DEVICE_IMAGES_OF_ROW ") AND (i.user_id = " me " OR " HOLDS_HEADTEACHER(mask) "))))"
/* A filtering request, an exception to the policies, an application for an
 * account or a school account, named by an audit row (its reference or the
 * path the router logged a refusal of), that the reader may not open: its row is hidden
 * from them as the record is, by the record's own rule (the feature's
 * header), so that an administrator reading the log learns nothing of
 * another's request, when, or of what kind.  None of them is ever
 * deleted, so a row naming one that does not exist names nothing (a
 * refused guess) and is shown.  IS NOT 1, not NOT: a rule may be NULL. */
#define FILTER_REQUEST_NOT_THEIRS(me, mask)                                                        \
	"EXISTS (SELECT 1 FROM filter_requests f WHERE f.id = (" FILTER_REQUEST_OF_OBJECT(         \
		"a.object") ") AND " FILTER_REQUEST_MAY_OPEN_AS("f", me, mask) " IS NOT 1)"
#define EXCEPTION_NOT_THEIRS(me, mask)                                                             \
	"EXISTS (SELECT 1 FROM exception_requests e WHERE e.id = (" EXCEPTION_OF_OBJECT(           \
		"a.object") ") AND " EXCEPTION_MAY_OPEN_AS("e", me, mask) " IS NOT 1)"
#define ACCOUNT_NOT_THEIRS(me, mask)                                                               \
	"EXISTS (SELECT 1 FROM social_accounts sa WHERE sa.id = (" ACCOUNT_OF_OBJECT("a.object")   \
	") AND " ACCOUNT_MAY_OPEN_AS("sa", me, mask) " IS NOT 1)"
#define APPLICATION_NOT_THEIRS(me, mask)                                                           \
	"EXISTS (SELECT 1 FROM account_applications ap WHERE ap.id = (" APPLICATION_OF_OBJECT(     \
		"a.object") ") AND " APPLICATION_MAY_OPEN_AS("ap", me, mask) " IS NOT 1)"
/* A fault report in equipment or software, the same way (faults.h).  Once
 * the retention review has deleted it, the rule is read with the report's
 * columns NULL, so that only those who read every report (the role bits)
 * still see its rows. */
#define FAULT_NOT_THEIRS(me, mask)                                                                 \
	"(" FAULT_OF_OBJECT("a.object") " IS NOT NULL AND (SELECT " FAULT_MAY_OPEN_AS("fr", me,   \
	mask) " FROM (SELECT 1) LEFT JOIN fault_reports fr ON fr.id = ("                           \
	FAULT_OF_OBJECT("a.object") ")) IS NOT 1)"
/* The records only some people read and no page opens one by one: a
 * member of staff's own self-checks (conduct/self_checks.c: seen by them
 * alone), the lessons teachers authorise (seen by each teacher and those
 * LESSONS_SEEN_BY) and the checks of the filtering (seen by those
 * FILTERING_MAY_READ_AS).  Their rows, written by whoever recorded them,
 * are hidden from the others as the records are: an administrator reading
 * the log learns nothing of who checked their own online presence, or
 * when. */
#define RECORDED_NOT_THEIRS(me, mask)                                                              \
	"(a.actor_id IS NOT " me " AND (a.action = 'conduct.self_check' OR (a.action = "           \
	"'lesson.authorise' AND NOT " LESSONS_SEEN_BY(mask) ") OR (a.action = 'filtering.check' "  \
	"AND NOT " FILTERING_MAY_READ_AS(me, mask) ")))"
/* Whether the reader may see audit row `a`: binds ?1 (the reader's id) and
 * ?2 (their role bits), for CONCERN_MAY_OPEN_AS. */
#define VISIBLE_ROW                                                                                \
	"((NOT " REFERS_TO_CONCERN                                                                 \
	" OR EXISTS (SELECT 1 FROM concerns c WHERE c.id = (" CONCERN_OF_ROW                       \
	") AND " CONCERN_MAY_OPEN_AS("c", "?1", "?2") ") OR " DISPOSAL_ROW_SEEN("?1", "?2")       \
	") AND NOT " FILTER_REQUEST_NOT_THEIRS("?1", "?2") " AND NOT "                             \
	EXCEPTION_NOT_THEIRS("?1", "?2") " AND NOT " APPLICATION_NOT_THEIRS("?1", "?2")            \
	" AND NOT " ACCOUNT_NOT_THEIRS("?1", "?2") " AND NOT " FAULT_NOT_THEIRS("?1", "?2")        \
	" AND NOT " SAR_ABOUT("?1") " AND NOT " SAR_NOT_THEIRS("?2") " AND NOT "                   \
	CONDUCT_NOT_THEIRS("?1", "?2") " AND NOT " RECORDED_NOT_THEIRS("?1", "?2") ")"

#endif
