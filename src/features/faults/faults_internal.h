/* Shared by the files of the fault reports (private to this folder). */
#ifndef STAFFROOM_FAULTS_INTERNAL_H
#define STAFFROOM_FAULTS_INTERNAL_H

#include "features/faults/faults.h"
#include "http/router.h"

#include <jansson.h>
#include <stdint.h>

/* The roles that deal with a fault, and those that read every report (who
 * may open which report is FAULT_MAY_OPEN_AS, faults.h). */
#define FAULT_DEALERS ROLE_NETWORK_MANAGER
#define FAULT_READERS (ROLE_NETWORK_MANAGER | ROLE_HEADTEACHER)

/* A report's columns for its pages; fault_label drops reporter_id. */
#define FAULT_COLUMNS                                                                              \
	"SELECT f.id, " FAULT_REFERENCE("f.id") " AS reference, f.equipment, f.location, "       \
	"f.problem, f.cause, f.stops_work, f.reported_at, r.name AS reported_by, f.outcome, "      \
	"f.outcome_note, f.dealt_at, d.name AS dealt_by, f.reported_by AS reporter_id "            \
	"FROM fault_reports f JOIN users r ON r.id = f.reported_by LEFT JOIN users d "             \
	"ON d.id = f.dealt_by "

/* "FT-00012" */
void fault_reference(int64_t id, char out[16]);
/* Words for the codes, for the page: the JSON keeps the codes too. */
json_t *fault_label(json_t *row);

void faults_page(struct request *rq, struct reply *rp);
void fault_report(struct request *rq, struct reply *rp);
void fault_page(struct request *rq, struct reply *rp);
void fault_decide(struct request *rq, struct reply *rp);
void fault_tasks(const struct request *rq, json_t *tasks);
int faults_demo(void);

#endif
