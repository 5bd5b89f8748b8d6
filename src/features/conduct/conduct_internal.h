/* Shared by the files of this folder (private to it). */
#ifndef STAFFROOM_CONDUCT_INTERNAL_H
#define STAFFROOM_CONDUCT_INTERNAL_H

#include "http/router.h"

#include <jansson.h>

json_t *device_images_mine(const struct request *rq);
json_t *device_images_overdue(void);
/* The deadline field of the form: its value, bounds and hint's words. */
void device_images_form(const struct request *rq, json_t *m);
void device_image_add(struct request *rq, struct reply *rp);
void device_image_cleared(struct request *rq, struct reply *rp);
void device_image_tasks(const struct request *rq, json_t *tasks);

json_t *declarations_list(const struct request *rq);
/* struct feature's link_opens for a notification of one declaration. */
int declaration_link_opens(int64_t user_id, const char *link);
void declaration_add(struct request *rq, struct reply *rp);
void declaration_acknowledge(struct request *rq, struct reply *rp);
void declaration_update(struct request *rq, struct reply *rp);
void declaration_tasks(const struct request *rq, json_t *tasks);

json_t *self_checks_list(const struct request *rq);
json_t *induction_status(const struct request *rq);
void self_check_add(struct request *rq, struct reply *rp);
void self_check_tasks(const struct request *rq, json_t *tasks);

int conduct_demo(void);

#endif
