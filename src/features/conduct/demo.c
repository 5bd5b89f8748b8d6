/* The demo school's records of images on staff's own devices (the PE
 * teacher's photos of last week's match, transferred and deleted; the
 * science teacher's of yesterday's trip, still to confirm) and two
 * declarations (one acknowledged, one waiting for the headteacher). */
#include "core/demo.h"
#include "db/db.h"
#include "features/conduct/conduct_internal.h"
#include "lib/util.h"

static int demo_images(const char *email, int ago, const char *event, int cleared)
{
	char on[11], at[ISO_LEN], due[ISO_LEN];
	iso_date(now() - (time_t)ago * 86400, on);
	iso_time(now() - (time_t)ago * 86400, at);
	iso_time(now() - (time_t)ago * 86400 + 2 * 86400, due);
	return db_insert("INSERT INTO device_images(user_id, taken_on, event, recorded_at, due_by, "
			 "cleared_at) VALUES (?, ?, ?, ?, ?, ?)",
			 "Ittttt", demo_user(email), on, event, at, due, cleared ? due : NULL) > 0
		       ? 0
		       : -1;
}

static int demo_declaration(const char *email, const char *kind, const char *details, int ago,
			    int acknowledged)
{
	char on[11], at[ISO_LEN];
	iso_date(now() - (time_t)ago * 86400, on);
	iso_time(now() - (time_t)(ago - 1) * 86400, at);
	return db_insert("INSERT INTO declarations(user_id, kind, details, declared_on, "
			 "acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?, nullif(?, 0), ?)",
			 "ItttIt", demo_user(email), kind, details, on,
			 acknowledged ? demo_user("head@demo.school") : 0,
			 acknowledged ? at : NULL) > 0
		       ? 0
		       : -1;
}

/* Everyone in the demo school but the volunteer, who has just joined, did
 * their checks in September. */
static int demo_self_checks(void)
{
	char on[11], at[ISO_LEN];
	iso_date(now() - 90 * 86400, on);
	iso_time(now() - 90 * 86400, at);
	return db_exec("INSERT INTO self_checks(user_id, kind, done_on, recorded_at) SELECT u.id, "
		       "k.kind, ?, ? FROM users u, (SELECT 'privacy' AS kind UNION ALL SELECT "
		       "'search') k WHERE u.email != 'volunteer@demo.school'",
		       "tt", on, at);
}

int conduct_demo(void)
{
	return demo_self_checks() |
	       demo_declaration("ta@demo.school", "parent",
				"My sister's son is in Year 4; she and I are friends on Facebook.",
				200, 1) |
	       demo_declaration("science@demo.school", "account",
				"I post about science teaching on Instagram as @mr_reid_science; "
				"my profile says I teach at the school and that views are my own.",
				3, 0) |
	       demo_images("teacher@demo.school", 8, "Year 6 netball match at Oakfield", 1) |
	       demo_images("science@demo.school", 1, "Year 8 trip to the science museum", 0);
}
