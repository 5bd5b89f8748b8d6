/* Reports of a nude or semi-nude image of a young person (`sexting`), or of
 * an indecent image of a child found on a school device
 * (`premises_content` with `indecent_image=yes`).  UKCIS, "Sharing nudes
 * and semi-nudes: advice for education settings working with children and
 * young people" (2024): staff never view, copy, print, share, store or save
 * the imagery, describe where it is instead, and tell the designated
 * safeguarding lead at once; when an adult is involved the police are told
 * the same day.  So such a report takes no file (evidence.c), asks for a
 * description only (concern_image_reports), is always urgent, always
 * reaches the DSL, and an adult involved starts the police clock. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "db/db.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The description fields of the form, in the order the page shows them. */
static const char *const text_fields[] = { "image_location", "image_holders", "image_seen_by" };
static const char *const yes_fields[] = { "adult_involved", "told_dsl" };

#define IMAGE_FIELDSET "a nude or semi-nude image, or an indecent image on a school device"

int concern_image_kind(const char *category, int indecent_image)
{
	return category && (strcmp(category, "sexting") == 0 ||
			    (strcmp(category, "premises_content") == 0 && indecent_image));
}

int concern_no_files(int64_t concern_id)
{
	return db_int(0,
		      "SELECT 1 FROM concerns c WHERE c.id = ? AND (c.category = 'sexting' OR "
		      "EXISTS (SELECT 1 FROM concern_image_reports i WHERE i.concern_id = c.id "
		      "AND i.indecent_image = 1))",
		      "I", concern_id) == 1;
}

/* The image fields belong to these two kinds of report only: given with
 * another category they would be stored nowhere, so the person is told
 * rather than have their words silently dropped. */
int concern_image_check(const struct request *rq, struct reply *rp)
{
	const char *category = arg(rq, "category");
	int premises = category && strcmp(category, "premises_content") == 0;
	if (arg_yes(rq, "indecent_image") && !premises) {
		reply_error_add(rp, "indecent_image",
				"'An indecent image of a child' is only for the kind of concern "
				"'Inappropriate content reached on school premises'.");
		return -1;
	}
	if (concern_image_kind(category, arg_yes(rq, "indecent_image")))
		return 0;
	const char *given = NULL;
	for (size_t i = 0; i < 3 && !given; i++)
		given = arg(rq, text_fields[i]) ? text_fields[i] : NULL;
	for (size_t i = 0; i < 2 && !given; i++)
		given = arg_yes(rq, yes_fields[i]) ? yes_fields[i] : NULL;
	if (given) {
		reply_error_add(rp, given,
			    premises ? "This part of the form is only for " IMAGE_FIELDSET
				       ": tick 'An indecent image of a child', or leave it empty."
				     : "This part of the form is only for " IMAGE_FIELDSET
				       ". Leave it empty for this kind of concern.");
		return -1;
	}
	return 0;
}

/* A member of staff named as the person it is about is an adult involved. */
int concern_image_adult(const struct request *rq, int64_t about_id)
{
	return arg_yes(rq, "adult_involved") || about_id != 0;
}

/* The police clock runs to the end of the UK calendar day the report
 * arrives (23:59:59 UK time, as every deadline here): UKCIS asks for the
 * police to be told at once when an adult is involved, weekends and
 * holidays included. */
static void police_same_day(int64_t concern_id)
{
	char due[ISO_LEN];
	iso_time(uk_day_end(uk_day_number(now())), due);
	concern_deadline_set(concern_id, "police", due);
}

void concern_image_store(const struct request *rq, int64_t concern_id, int adult)
{
	const char *t[3];
	for (size_t i = 0; i < 3; i++)
		t[i] = arg(rq, text_fields[i]) ? arg(rq, text_fields[i]) : "";
	db_exec("INSERT INTO concern_image_reports(concern_id, indecent_image, image_location, "
		"image_holders, image_seen_by, adult_involved, told_dsl) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)",
		"Iitttii", concern_id, arg_yes(rq, "indecent_image"), t[0], t[1], t[2], adult,
		arg_yes(rq, "told_dsl"));
	if (adult)
		police_same_day(concern_id);
}

/* "image_report" on a case (for its handlers or its reporter, who may
 * already open it): the description, never a picture. */
void concern_image_add(json_t *c, int64_t concern_id)
{
	json_t *r = db_row("SELECT indecent_image, image_location, image_holders, image_seen_by, "
			   "adult_involved, told_dsl FROM concern_image_reports "
			   "WHERE concern_id = ?",
			   "I", concern_id);
	if (!r)
		return;
	const char *flags[] = { "indecent_image", "adult_involved", "told_dsl" };
	for (size_t i = 0; i < 3; i++)
		json_object_set_new(r, flags[i], json_boolean(json_int(r, flags[i])));
	json_object_set_new(c, "image_report", r);
}
