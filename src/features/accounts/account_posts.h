/* Posts signed off by a senior leader before they go out (ravens-wood §10),
 * the pictures of pupils they carry (§9) and the do-not-publish list: what
 * the files of this part of the accounts feature share. */
#ifndef STAFFROOM_ACCOUNT_POSTS_H
#define STAFFROOM_ACCOUNT_POSTS_H

#include "core/request.h"
#include "core/tasks.h"
#include "features/accounts/account.h"
#include "http/router.h"

#include <jansson.h>
#include <stdint.h>

/* Who may read the do-not-publish list besides the people who run an account. */
#define DO_NOT_PUBLISH_READERS                                                                     \
	(ROLE_HEADTEACHER | ROLE_SLT | ROLE_DSL | ROLE_MODERATOR | ROLE_ADMIN)
/* Who keeps it (ravens-wood §9's "school list"). */
#define DO_NOT_PUBLISH_KEEPERS (ROLE_ADMIN | ROLE_DSL)
/* A picture for a post: large enough for a phone's photo, small enough to keep. */
#define POST_IMAGE_MAX (5u * 1024 * 1024)

/* The post rq->ids[1] of account rq->ids[0], when this person may see it
 * (the account's runners and senior leaders); NULL with a 404 otherwise. */
json_t *post_load(const struct request *rq, struct reply *rp);
/* The account's posts for its page, newest first, into m as "posts" (for
 * the account's runners and senior leaders), with "may_see_posts" and
 * "may_submit_post". */
void account_posts_into(const struct request *rq, json_t *m, int64_t account_id);
char *post_link(int64_t account_id, int64_t post_id);
/* Tells the senior leaders, except the author, that a post waits. */
void post_notify_leaders(int64_t author, const char *account, int64_t account_id, int64_t post_id);
/* One line of the post's history. */
void post_step(int64_t post_id, const char *action, const char *note, int64_t actor);
/* publish_at (UK time) as UTC into out (empty when not given); 0, or -1
 * with the problem added to rp. */
int post_publish_at(const struct request *rq, struct reply *rp, char out[24]);

/* The picture sent with a post (account_post_image.c): NULL when there is
 * none; checks its type (from its bytes) and size, answering 413 or 415, and
 * adds each missing confirmation to rp.  *bad is 1 when rp was answered. */
const struct upload *post_image_checked(const struct request *rq, struct reply *rp, int *bad);
/* Stores it with the confirmations, inside the caller's transaction. */
void post_image_store(const struct request *rq, const struct upload *u, int64_t post_id);

/* Whether the post shares someone else's material (account_post_material.c):
 * adds each problem of the answer to rp. */
void post_material_checked(const struct request *rq, struct reply *rp);
/* Stores the answer, replacing an earlier one, inside the caller's
 * transaction. */
void post_material_store(const struct request *rq, int64_t post_id);
/* How the post says who is posting it (account_post_posted_as.c): adds the
 * problem to rp when it is missing; stores it, replacing an earlier one. */
void post_posted_as_checked(const struct request *rq, struct reply *rp);
void post_posted_as_store(const struct request *rq, int64_t post_id);

handler_fn post_new_page, post_submit, post_page, post_decide, post_resubmit, post_image;
handler_fn do_not_publish_page, do_not_publish_add, do_not_publish_remove;
/* Adults who have asked not to be filmed or photographed (do_not_film.c). */
handler_fn do_not_film_add, do_not_film_remove;
handler_fn do_not_film_own_page, do_not_film_own_ask, do_not_film_own_withdraw;
/* The adults on the list into m as "adults", each with "may_remove", and
 * those taken off it as "adults_taken_off". */
void do_not_film_into(json_t *m, int may_keep);
/* What is kept of the entries taken off the list, with the date the
 * retention review lists each (kept_after.c): the pupils'
 * [{"id","pupil_name","class_name","note","added_at","added_by","removed_at","removed_by",
 * "kept_until","held","listed"}] and the adults' [{"id","name","note","own","added_at",
 * "added_by","removed_at","removed_by","left_on","kept_until","held","listed"}]. */
json_t *do_not_publish_taken_off(void);
json_t *do_not_film_taken_off(void);
task_fn post_tasks;

extern const struct route account_post_routes[];

int account_posts_demo(void);

#endif
