/* A form whose fields drift from its page (check_labels.py): "author" has no
 * label, "motto" a label the page does not show; "version" is a hidden input
 * and "year" is as it should be. */
static void motto_page(struct request *rq, struct reply *rp)
{
	reply_page(rp, "form", "Our motto", NULL);
}

static const struct field_spec motto_form[] = {
	{ "version", F_ID, 10, 0, NULL, "Version" },
	{ "motto", F_TEXT, 200, F_REQUIRED, NULL, "The school's motto" },
	{ "author", F_TEXT, 200, 0, NULL, NULL },
	{ "year", F_INT, 4, 0, NULL, "Year" },
	{ NULL },
};

static const struct route motto_routes[] = {
	{ "GET", "/motto", motto_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/motto", motto_set, ROLE_ADMIN, motto_form, motto_page, 0 },
	{ NULL },
};
