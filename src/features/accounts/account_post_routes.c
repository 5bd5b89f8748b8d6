/* The routes of posts signed off before publishing and of the
 * do-not-publish list (ravens-wood §9 and §10), with their declared fields;
 * listed in the accounts feature's registry entry (accounts.c). */
#include "features/accounts/account_posts.h"
#include "http/feature.h"

static const struct field_spec post_form[] = {
	{ "text", F_LONGTEXT, 5000, F_REQUIRED, NULL, "The text" },
	{ "posted_as", F_TEXT, 200, 0, NULL, "How the post says who is posting it" },
	{ "image", F_FILE, 1, 0, NULL, "A picture" },
	{ "where", F_TEXT, 200, 0, NULL, "Where it will go out" },
	{ "publish_at", F_DATETIME, 25, 0, NULL, "When it will go out" },
	{ "kind", F_CHOICE, 5, F_REQUIRED, "post|reply", "What it is" },
	{ "pupils_pictured", F_YESNO, 3, 0, NULL, "Is any pupil in the picture?" },
	{ "checked_list", F_YESNO, 3, 0, NULL,
	  "Nobody in the picture is on the do-not-publish list: no pupil on it, and no adult who "
	  "has asked not to be filmed or photographed" },
	{ "no_names", F_YESNO, 3, 0, NULL, "No pupil's name is next to the photo" },
	{ "school_device", F_YESNO, 3, 0, NULL, "I am uploading this from a school device" },
	{ "others_material", F_YESNO, 3, 0, NULL, "Does the post share someone else's material?" },
	{ "permission", F_YESNO, 3, 0, NULL,
	  "Whoever holds the copyright has given permission to share it" },
	{ "credit", F_TEXT, 200, 0, NULL, "Who made it, as the post credits them" },
	{ NULL },
};
static const struct field_spec resubmit_form[] = {
	{ "text", F_LONGTEXT, 5000, F_REQUIRED, NULL, "The new text" },
	{ "posted_as", F_TEXT, 200, 0, NULL, "How the post says who is posting it" },
	{ "where", F_TEXT, 200, 0, NULL, "Where it will go out" },
	{ "publish_at", F_DATETIME, 25, 0, NULL, "When it will go out" },
	{ "others_material", F_YESNO, 3, 0, NULL, "Does the post share someone else's material?" },
	{ "permission", F_YESNO, 3, 0, NULL,
	  "Whoever holds the copyright has given permission to share it" },
	{ "credit", F_TEXT, 200, 0, NULL, "Who made it, as the post credits them" },
	{ NULL },
};
static const struct field_spec decide_form[] = {
	{ "decision", F_CHOICE, 7, F_REQUIRED, "approve|changes|refuse", "Your answer" },
	{ "reason", F_LONGTEXT, 2000, 0, NULL, "Reason" },
	{ NULL },
};
static const struct field_spec pupil_form[] = {
	{ "pupil_name", F_TEXT, 120, F_REQUIRED, NULL, "Pupil's name" },
	{ "class_name", F_TEXT, 60, F_REQUIRED, NULL, "Class" },
	{ "note", F_TEXT, 300, 0, NULL, "Note" },
	{ NULL },
};
/* Its own names: the page shows both forms, and a refused one is shown again. */
static const struct field_spec adult_form[] = {
	{ "adult_name", F_TEXT, 120, F_REQUIRED, NULL, "Their name" },
	{ "adult_note", F_TEXT, 300, 0, NULL, "Who they are, or a note" },
	{ NULL },
};

/* Roles here; who may see each post (its account's runners and senior
 * leaders) in the handlers, with 404 for anyone else. */
const struct route account_post_routes[] = {
	{ "GET", "/accounts/do-not-publish", do_not_publish_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/accounts/do-not-publish", do_not_publish_add, DO_NOT_PUBLISH_KEEPERS,
	  pupil_form, do_not_publish_page, 0 },
	{ "POST", "/accounts/do-not-publish/{id}/remove", do_not_publish_remove,
	  DO_NOT_PUBLISH_KEEPERS, NULL, do_not_publish_page, 0 },
	{ "POST", "/accounts/do-not-publish/adults", do_not_film_add, DO_NOT_PUBLISH_KEEPERS,
	  adult_form, do_not_publish_page, 0 },
	{ "POST", "/accounts/do-not-publish/adults/{id}/remove", do_not_film_remove,
	  DO_NOT_PUBLISH_KEEPERS, NULL, do_not_publish_page, 0 },
	/* Any member of staff, for themselves alone. */
	{ "GET", "/account/photos", do_not_film_own_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/account/photos", do_not_film_own_ask, ROLE_STAFF, NULL, do_not_film_own_page,
	  0 },
	{ "POST", "/account/photos/withdraw", do_not_film_own_withdraw, ROLE_STAFF, NULL,
	  do_not_film_own_page, 0 },
	{ "GET", "/accounts/{id}/posts/new", post_new_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/accounts/{id}/posts", post_submit, ROLE_STAFF, post_form, post_new_page,
	  R_UPLOAD },
	{ "GET", "/accounts/{id}/posts/{id}", post_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/accounts/{id}/posts/{id}", post_resubmit, ROLE_STAFF, resubmit_form, post_page,
	  0 },
	{ "POST", "/accounts/{id}/posts/{id}/decision", post_decide, SENIOR_LEADERS, decide_form,
	  post_page, 0 },
	{ "GET", "/accounts/{id}/posts/{id}/image", post_image, ROLE_STAFF, NULL, NULL, 0 },
	{ NULL },
};
