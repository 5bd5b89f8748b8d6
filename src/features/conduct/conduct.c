/* The page where a member of staff keeps the records of their own conduct
 * that the policies ask for, and the headteacher sees what is overdue. */
#include "features/conduct/conduct.h"
#include "features/conduct/conduct_internal.h"

static void conduct_page(struct request *rq, struct reply *rp)
{
	json_t *m = json_pack("{s:o, s:b}", "images", device_images_mine(rq), "is_head",
			      has_role(rq, ROLE_HEADTEACHER));
	if (has_role(rq, ROLE_HEADTEACHER))
		json_object_set_new(m, "images_overdue", device_images_overdue());
	reply_page(rp, "conduct", "Declarations and checks", m);
}

static const struct field_spec images_form[] = {
	{ "taken_on", F_DATE, 10, F_REQUIRED, NULL },
	{ "event", F_TEXT, 200, F_REQUIRED, NULL },
	{ NULL },
};
static const struct field_spec cleared_form[] = {
	{ "confirm", F_CHOICE, 3, F_REQUIRED, "yes" },
	{ NULL },
};

static const struct route conduct_routes[] = {
	{ "GET", "/conduct", conduct_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/conduct/images", device_image_add, ROLE_STAFF, images_form, conduct_page, 0 },
	{ "POST", "/conduct/images/{id}/cleared", device_image_cleared, ROLE_STAFF, cleared_form,
	  conduct_page, 0 },
	{ NULL },
};

const struct feature conduct_feature = {
	.name = "conduct",
	.routes = (const struct route *const[]){ conduct_routes, NULL },
	.tasks = (task_fn *const[]){ device_image_tasks, NULL },
	.demo = conduct_demo,
	.nav = (const struct nav_link[]){ { 87, "Declarations", "GET", "/conduct" }, { 0 } },
};
