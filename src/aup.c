/* PLACEHOLDER: replaced by the acceptable-use agreement feature. */
#include "router.h"
#include "tasks.h"
const struct route aup_routes[] = { { NULL } };
void aup_tasks(const struct request *rq, json_t *tasks) { (void)rq; (void)tasks; }
int demo_aup(void) { return 0; }
