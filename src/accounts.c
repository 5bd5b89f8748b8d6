/* PLACEHOLDER: replaced by the social-media accounts feature. */
#include "router.h"
#include "tasks.h"
const struct route account_routes[] = { { NULL } };
void account_tasks(const struct request *rq, json_t *tasks) { (void)rq; (void)tasks; }
int demo_accounts(void) { return 0; }
