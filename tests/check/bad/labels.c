/* A form whose fields drift from its page (check_labels.py): "author" has no
 * label, "motto" a label the page does not show; "version" is a hidden input
 * and "year" is as it should be.  The import's form is on the same page,
 * though the route names no form page: "file" has no label.  "since" is
 * labelled "From", which its messages cannot use as it stands ("Enter
 * from."), and has no words; the words kept for "Never shown" name no
 * field's label. */
static void motto_page(struct request *rq, struct reply *rp)
{
	reply_page(rp, "form", "Our motto", NULL);
}

static const struct field_spec motto_form[] = {
	{ "version", F_ID, 10, 0, NULL, "Version" },
	{ "motto", F_TEXT, 200, F_REQUIRED, NULL, "The school's motto" },
	{ "author", F_TEXT, 200, 0, NULL, NULL },
	{ "year", F_INT, 4, 0, NULL, "Year" },
	{ "since", F_INT, 4, 0, NULL, "From" },
	{ NULL },
};

static const struct field_spec import_form[] = {
	{ "file", F_FILE, 1, F_REQUIRED, NULL, NULL },
	{ NULL },
};

static const struct {
	const char *label;
	const char *words;
} label_words_list[] = {
	{ "Never shown", "nothing" },
};

static const struct route motto_routes[] = {
	{ "GET", "/motto", motto_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/motto", motto_set, ROLE_ADMIN, motto_form, motto_page, 0 },
	{ "POST", "/motto/import", motto_import, ROLE_ADMIN, import_form, NULL, R_UPLOAD },
	{ NULL },
};
