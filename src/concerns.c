/* PLACEHOLDER: replaced by the concerns feature. */
#include "router.h"
#include "tasks.h"
const struct route concern_routes[] = { { NULL } };
void concern_tasks(const struct request *rq, json_t *tasks) { (void)rq; (void)tasks; }
int demo_concerns(void) { return 0; }
