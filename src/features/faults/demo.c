/* The demo school's fault reports: a projector that stops a lesson, still
 * open; a library laptop damaged by a pupil, fixed; a tablet app that was
 * not a fault. */
#define _GNU_SOURCE
#include "core/demo.h"
#include "db/db.h"
#include "features/faults/faults_internal.h"
#include "lib/util.h"

#include <stdint.h>

static int demo_fault(const char *by, int ago, const char *equipment, const char *location,
		      const char *problem, const char *cause, int stops, const char *outcome,
		      const char *note)
{
	char reported[ISO_LEN], dealt[ISO_LEN];
	iso_time(now() - (time_t)ago * 86400, reported);
	iso_time(now() - (time_t)(ago > 0 ? ago - 1 : 0) * 86400, dealt);
	int64_t network = demo_user("network@demo.school");
	return db_insert("INSERT INTO fault_reports(equipment, location, problem, cause, "
			 "stops_work, reported_by, reported_at, outcome, outcome_note, dealt_by, "
			 "dealt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)",
			 "ttttiItttIt", equipment, location, problem, cause, stops, demo_user(by),
			 reported, outcome, note, outcome ? network : 0, outcome ? dealt : NULL) > 0
		       ? 0
		       : -1;
}

int faults_demo(void)
{
	return demo_fault("ta@demo.school", 9, "Library laptop 3", "Library",
			  "Three keys are missing from the keyboard and the trackpad does not "
			  "click.",
			  "A pupil pulled at the keys during wet play.", 0, "fixed",
			  "Keyboard replaced from the spares cupboard.") |
	       demo_fault("volunteer@demo.school", 5, "Reading app on the library tablets",
			  "Library", "The app asks for a password before a pupil can read.", "", 0,
			  "not_fault",
			  "The app had signed out after its yearly update: signed in again, and "
			  "the password is on the card in the tablet trolley.") |
	       demo_fault("teacher@demo.school", 1, "Classroom projector", "Year 4 classroom",
			  "The picture flickers and the projector turns itself off after a few "
			  "minutes.",
			  "", 1, NULL, NULL);
}
