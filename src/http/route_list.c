/* `staffroom routes`: the whole route table, as the router checks it.  One
 * block a route: "METHOD PATTERN  roles: a,b" (and its flags), then one
 * indented line a field: name, type, maximum, required, multi, list and
 * the choices.  The order is the registry's, so the listing is stable. */
#include "http/router.h"
#include "core/auth.h"

#include <stdio.h>

static const char *const type_names[] = {
	[F_TEXT] = "text", [F_LONGTEXT] = "longtext", [F_EMAIL] = "email", [F_INT] = "int",
	[F_ID] = "id", [F_DATE] = "date", [F_DATETIME] = "datetime", [F_YESNO] = "yesno",
	[F_CHOICE] = "choice", [F_PASSWORD] = "password", [F_FILE] = "file",
};

struct flag_name {
	unsigned bit;
	const char *name;
};

static const struct flag_name route_flags[] = {
	{ R_UPLOAD, "upload" }, { R_NO_CSRF, "no-csrf" }, { R_ENROL, "before-enrolment" },
	{ R_UPLOAD_LATE, "upload-checked-by-handler" },
	{ 0, NULL },
};
static const struct flag_name field_flags[] = {
	{ F_REQUIRED, "required" }, { F_MULTI, "multi" }, { F_LIST, "list" }, { 0, NULL },
};

static void print_flags(FILE *out, unsigned flags, const struct flag_name *names)
{
	for (; names->name; names++)
		if (flags & names->bit)
			fprintf(out, "  %s", names->name);
}

static void print_roles(FILE *out, unsigned roles)
{
	if (roles == ROUTE_PUBLIC) {
		fputs("public", out);
		return;
	}
	const char *sep = "";
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles & (1u << i)) {
			fprintf(out, "%s%s", sep, role_name(i));
			sep = ",";
		}
}

static void print_field(FILE *out, const struct field_spec *f)
{
	fprintf(out, "    %s  %s  max %u", f->name, type_names[f->type], f->max);
	print_flags(out, f->flags, field_flags);
	if (f->choices)
		fprintf(out, "  one of %s", f->choices);
	fputc('\n', out);
}

void router_print(FILE *out)
{
	size_t n;
	const struct route *const *all = router_all(&n);
	for (size_t i = 0; i < n; i++) {
		const struct route *r = all[i];
		fprintf(out, "%s %s  roles: ", r->method, r->pattern);
		print_roles(out, r->roles);
		print_flags(out, r->flags, route_flags);
		fputc('\n', out);
		for (const struct field_spec *f = r->fields; f && f->name; f++)
			print_field(out, f);
	}
}
