/* The demo school's permissions: a support assistant's approved exception
 * for a residential trip, one waiting for the business manager, the
 * services approved for use with pupils, and a lesson authorised for
 * tomorrow. */
#include "core/demo.h"
#include "db/db.h"
#include "features/permissions/permissions_internal.h"
#include "lib/util.h"

static void day(int offset, char out[11])
{
	iso_date(now() + (time_t)offset * 86400, out);
}

static int demo_exception(const char *email, const char *what, const char *why, int from, int until,
			  const char *decision, const char *reason)
{
	char f[11], u[11], at[ISO_LEN];
	day(from, f);
	day(until, u);
	iso_time(now() - 3 * 86400, at);
	return db_insert("INSERT INTO exception_requests(user_id, what, why, from_on, until_on, "
			 "requested_at, decision, decision_reason, decided_by, decided_at) VALUES "
			 "(?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)",
			 "ItttttttIt", demo_user(email), what, why, f, u, at, decision, reason,
			 decision ? demo_user("bursar@demo.school") : 0, decision ? at : NULL) > 0
		       ? 0
		       : -1;
}

static int demo_service(const char *name, const char *purpose, int approved, int review)
{
	char a[11], r[11];
	day(approved, a);
	day(review, r);
	return db_insert("INSERT INTO approved_services(name, purpose, approved_by, approved_on, "
			 "review_on) VALUES (?, ?, ?, ?, ?)",
			 "ttItt", name, purpose, demo_user("deputy@demo.school"), a, r) > 0
		       ? 0
		       : -1;
}

int permissions_demo(void)
{
	char tomorrow[11], at[ISO_LEN];
	day(1, tomorrow);
	iso_time(now(), at);
	int bad = demo_exception("ta@demo.school", "Carry my own phone on the Year 6 residential",
				 "The centre has no school phone signal; I lead a walking group.",
				 10, 12, "approved",
				 "Approved for the residential only; no photos on the phone.") |
		  demo_exception("volunteer@demo.school",
				 "Message the reading group's parents from my own WhatsApp",
				 "Two parents asked for reminders of the reading sessions.", 2, 60,
				 NULL, NULL) |
		  demo_service("Google Classroom", "Homework and class notices, Years 3 to 6", -200,
			       165) |
		  demo_service("ClassDojo",
			       "Messages to parents and class stories, Reception to "
			       "Year 2",
			       -370, -5) |
		  demo_service("YouTube", "Videos the school's departments made, Years 7 to 11",
			       -100, 265);
	int64_t lesson = db_insert("INSERT INTO lesson_access(teacher_id, class_name, lesson_on, "
				   "service, why, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
				   "Ittttt", demo_user("science@demo.school"), "8S2", tomorrow,
				   "YouTube", "Two experiment videos the department made.", at);
	return bad | (lesson > 0 ? 0 : -1);
}
