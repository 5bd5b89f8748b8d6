/* The page where a member of staff keeps the records of their own conduct
 * that the policies ask for (their yearly self-checks, images on their own
 * device, declarations),
 * and the headteacher sees what is overdue and what to acknowledge. */
#include "features/conduct/conduct.h"
#include "features/conduct/conduct_internal.h"

static void conduct_page(struct request *rq, struct reply *rp)
{
	json_t *m = json_pack("{s:o, s:o, s:o, s:o, s:b}", "self_checks", self_checks_list(rq),
			      "induction", induction_status(rq), "images", device_images_mine(rq),
			      "declarations", declarations_list(rq), "is_head",
			      has_role(rq, ROLE_HEADTEACHER));
	if (has_role(rq, ROLE_HEADTEACHER))
		json_object_set_new(m, "images_overdue", device_images_overdue());
	device_images_form(rq, m);
	/* The choice ticked at first; a refused form brings back its own (router.c). */
	json_object_set_new(m, "chose", json_pack("{s:b}", "kind_parent", 1));
	reply_page(rp, "conduct", "Declarations and checks", m);
}

static const struct field_spec images_form[] = {
	{ "taken_on", F_DATE, 10, F_REQUIRED, NULL, "Date they were taken" },
	{ "event", F_TEXT, 200, F_REQUIRED, NULL, "The event" },
	{ "deadline", F_DATE, 10, 0, NULL, "Move and delete them by" },
	{ NULL },
};
static const struct field_spec self_check_form[] = {
	{ "kind", F_CHOICE, 8, F_REQUIRED, "privacy|search", "Check" },
	{ NULL },
};
static const struct field_spec declaration_form[] = {
	{ "kind", F_CHOICE, 8, F_REQUIRED, "parent|pupil|account", "What are you declaring?" },
	{ "details", F_LONGTEXT, 1000, F_REQUIRED, NULL, "Details" },
	{ NULL },
};
static const struct field_spec still_form[] = {
	{ "still", F_YESNO, 3, F_REQUIRED, NULL, "Does it still apply?" },
	{ NULL },
};
static const struct field_spec cleared_form[] = {
	{ "confirm", F_CHOICE, 3, F_REQUIRED, "yes", "Confirmation" },
	{ NULL },
};

static const struct route conduct_routes[] = {
	{ "GET", "/conduct", conduct_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/conduct/images", device_image_add, ROLE_STAFF, images_form, conduct_page, 0 },
	{ "POST", "/conduct/images/{id}/cleared", device_image_cleared, ROLE_STAFF, cleared_form,
	  conduct_page, 0 },
	{ "POST", "/conduct/checks", self_check_add, ROLE_STAFF, self_check_form, conduct_page, 0 },
	{ "POST", "/conduct/declarations", declaration_add, ROLE_STAFF, declaration_form,
	  conduct_page, 0 },
	{ "POST", "/conduct/declarations/{id}/acknowledge", declaration_acknowledge, ROLE_STAFF,
	  NULL, NULL, 0 },
	{ "POST", "/conduct/declarations/{id}", declaration_update, ROLE_STAFF, still_form,
	  conduct_page, 0 },
	{ NULL },
};

const struct feature conduct_feature = {
	.name = "conduct",
	.routes = (const struct route *const[]){ conduct_routes, NULL },
	.tasks =
		(task_fn *const[]){ self_check_tasks, device_image_tasks, declaration_tasks, NULL },
	.demo = conduct_demo,
	.nav = (const struct nav_link[]){ { 87, "Declarations", "GET", "/conduct" }, { 0 } },
	.link_opens = declaration_link_opens,
};
