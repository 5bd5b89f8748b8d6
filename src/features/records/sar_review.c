/* What to consider before a subject access export is disclosed.  UK GDPR
 * article 15(4) and the Data Protection Act 2018, Schedule 2 paragraph 16:
 * the right of access does not extend to other people's personal data
 * unless they consent or it is reasonable to disclose it, and the ICO's
 * guidance ("Right of access: what should we do if the request involves
 * information about other individuals?") asks the controller to weigh
 * each case.  The export (export.c) already leaves out what others wrote
 * and who reported; this lists, in words, each record where that judgement
 * is needed, so that nothing is silently left out. */
#define _GNU_SOURCE
#include "features/records/sar.h"
#include "core/auth.h"
#include "db/db.h"
#include "features/concerns/concerns.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static const char *category_words(const char *code)
{
#define SAR_CATEGORY_(c, label, explain)    \
	if (code && strcmp(code, c) == 0) \
		return label;
	CONCERN_CATEGORY_LIST(SAR_CATEGORY_)
	return code ? code : "";
}

static void add(json_t *list, const char *reference, char *words)
{
	json_array_append_new(list, json_pack("{s:s, s:s}", "reference", reference, "words",
					      words));
	free(words);
}

json_t *sar_third_parties(int64_t subject_id, int64_t reader)
{
	json_t *list = json_array();
	/* Only the concerns the reader may open are named to them, as in the
	 * export: recording a request opens no case (SAR_READER_MAY_OPEN). */
	int64_t roles = (int64_t)(user_roles_load(reader) & ROLE_ROUTABLE);
	json_t *about = db_rows("SELECT reference, category, status FROM concerns c WHERE "
				"c.about_id = ?3 AND " SAR_READER_MAY_OPEN("c") " ORDER BY c.id",
				"III", reader, roles, subject_id);
	json_t *wrote =
		db_rows("SELECT reference, category, about_id IS NOT NULL AS about_someone, "
			"involved != '' AS names_people FROM concerns c WHERE c.reporter_id = ?3 "
			"AND (c.about_id IS NOT NULL OR c.involved != '') AND "
			SAR_READER_MAY_OPEN("c") " ORDER BY c.id",
			"III", reader, roles, subject_id);
	size_t i;
	json_t *r;
	json_array_foreach(about, i, r)
		add(list, json_str(r, "reference"),
		    xasprintf("A concern about this person (%s, %s), reported by someone else. The "
			      "export gives only its reference, category, status and dates: who "
			      "reported it and what was written are withheld. Decide with the "
			      "headteacher what may be disclosed; the reporter's identity and "
			      "safeguarding information may be exempt.",
			      category_words(json_str(r, "category")), json_str(r, "status")));
	json_array_foreach(wrote, i, r)
		add(list, json_str(r, "reference"),
		    xasprintf("A concern this person reported (%s) that names %s. Their own report "
			      "is in the export in full: remove or redact the other people's "
			      "details unless they agree or it is reasonable to disclose them.",
			      category_words(json_str(r, "category")),
			      json_int(r, "about_someone") && json_int(r, "names_people")
				      ? "a colleague it is about and other people involved"
			      : json_int(r, "about_someone") ? "a colleague it is about"
							     : "other people involved"));
	json_decref(about);
	json_decref(wrote);
	return list;
}
