/* Images taken on a member of staff's own device (Braunstone, "Safer
 * Working Practices": transferred "at the earliest convenience and deleted
 * from the staff's personal equipment").  The person records the event;
 * by a deadline (the end of the next working day unless they choose
 * another day, at most a week ahead) they confirm the images are on the
 * school's storage and gone from their device.  An overdue record shows to
 * them and to the headteacher.  Only what the images were for is kept:
 * never the images, never who is in them. */
#define _GNU_SOURCE
#include "features/conduct/conduct.h"
#include "core/audit.h"
#include "core/tasks.h"
#include "core/workdays.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far ahead the person may set their own deadline, in UK calendar days.
 * Braunstone, "Safer Working Practices": "at the earliest convenience" and
 * "No image or recording should be kept on personal equipment
 * indefinitely"; a week covers a residential trip, whose images can only be
 * moved once back in school. */
#define LATEST_DAYS 7
#define DAY 86400

#define IMAGE_COLUMNS                                                                              \
	"SELECT d.id, d.taken_on, d.event, d.recorded_at, d.due_by, d.cleared_at, "                \
	"(d.cleared_at IS NULL AND d.due_by < ?) AS overdue, u.name FROM device_images d "         \
	"JOIN users u ON u.id = d.user_id "

static void flag(json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		json_t *o = json_object_get(row, "overdue");
		json_object_set_new(row, "overdue", json_boolean(json_integer_value(o)));
	}
}

/* This person's records, open ones first. */
json_t *device_images_mine(const struct request *rq)
{
	char at[ISO_LEN];
	iso_now(at);
	json_t *rows = db_rows(IMAGE_COLUMNS "WHERE d.user_id = ? ORDER BY d.cleared_at IS NOT "
					     "NULL, d.id DESC",
			       "tI", at, rq->user.id);
	flag(rows);
	return rows;
}

/* For the headteacher: everyone's records past their deadline. */
json_t *device_images_overdue(void)
{
	char at[ISO_LEN];
	iso_now(at);
	json_t *rows = db_rows(IMAGE_COLUMNS
			       "WHERE d.cleared_at IS NULL AND d.due_by < ? ORDER BY d.due_by",
			       "tt", at, at);
	flag(rows);
	return rows;
}

/* The default deadline and the latest one may choose, as UK dates. */
static void default_day(char out[11])
{
	iso_date((time_t)uk_day_number(workday_deadline(now(), 1, closure_day_db, NULL)) * DAY,
		 out);
}

static void latest_day(char out[11])
{
	iso_date((time_t)(uk_day_number(now()) + LATEST_DAYS) * DAY, out);
}

/* The deadline as the end of its UK day into due: the one chosen (today to
 * LATEST_DAYS ahead), else the end of the next working day; or the problem
 * added to the reply. */
static void deadline(const struct request *rq, struct reply *rp, char due[ISO_LEN])
{
	const char *chosen = arg(rq, "deadline");
	int y, m, d;
	if (!chosen || parse_date(chosen, &y, &m, &d) != 0) {
		iso_time(workday_deadline(now(), 1, closure_day_db, NULL), due);
		return;
	}
	char today[11], latest[11], words[40];
	uk_today(today);
	latest_day(latest);
	if (strcmp(chosen, today) < 0) {
		reply_error_add(rp, "deadline",
				"The day to move and delete them by cannot be in the past.");
		return;
	}
	if (strcmp(chosen, latest) > 0) {
		date_words(latest, words, sizeof words);
		reply_error_add(rp, "deadline",
				"Move and delete them at the earliest convenience, within a week: "
				"choose a day up to %s.",
				words);
		return;
	}
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
	iso_time(uk_day_end(uk_day_number(timegm(&tm))), due);
}

/* What the form offers: the day typed into a refused form, else the
 * default, and both bounds in words for its hint. */
void device_images_form(const struct request *rq, json_t *m)
{
	char by_default[11], latest[11], today[11], words[40];
	default_day(by_default);
	latest_day(latest);
	uk_today(today);
	int refused = reply_form_sent(rq, "/images");
	const char *typed = arg(rq, "deadline");
	json_object_set_new(m, "deadline_field",
			    json_string(refused ? (typed ? typed : "") : by_default));
	json_object_set_new(m, "deadline_min", json_string(today));
	json_object_set_new(m, "deadline_max", json_string(latest));
	date_words(by_default, words, sizeof words);
	json_object_set_new(m, "deadline_default_words", json_string(words));
	date_words(latest, words, sizeof words);
	json_object_set_new(m, "deadline_latest_words", json_string(words));
}

/* Inside the write: the same images recorded twice by the same person
 * within REPEAT_WINDOW (a double click) are kept once, with one deadline
 * and one task.  -1 with the 409 answered; 0 goes on. */
static int refuse_repeat_images(const struct request *rq, struct reply *rp)
{
	char since[ISO_LEN];
	repeat_since(since);
	int64_t kept = db_int(0,
			      "SELECT id FROM device_images INDEXED BY device_images_by_user "
			      "WHERE user_id = ? AND "
			      "cleared_at IS NULL AND recorded_at >= ? AND taken_on = ? AND "
			      "event = ?",
			      "Ittt", rq->user.id, since, arg(rq, "taken_on"), arg(rq, "event"));
	char repeat[80];
	snprintf(repeat, sizeof repeat, "You recorded these images already, as DI-%05lld.",
		 (long long)kept);
	return reply_refuse_repeat(rp, kept, repeat);
}

void device_image_add(struct request *rq, struct reply *rp)
{
	const char *on = arg(rq, "taken_on"), *event = arg(rq, "event");
	char today[11], at[ISO_LEN], due[ISO_LEN];
	uk_today(today);
	if (strcmp(on, today) > 0)
		reply_error_add(rp, "taken_on",
				"The date the images were taken cannot be in the future.");
	deadline(rq, rp, due);
	if (reply_errors(rp))
		return;
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0 || refuse_repeat_images(rq, rp) != 0)
		return;
	int64_t id = db_insert("INSERT INTO device_images(user_id, taken_on, event, recorded_at, "
			       "due_by) VALUES (?, ?, ?, ?, ?)",
			       "Itttt", rq->user.id, on, event, at, due);
	char ref[16];
	snprintf(ref, sizeof ref, "DI-%05lld", (long long)id);
	audit(rq, "conduct.images", ref, "taken_on=%s due_by=%s%s", on, due,
	      arg(rq, "deadline") ? " (chosen)" : "");
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	char words[40];
	uk_time_words(due, words, sizeof words);
	char *flash = xasprintf("Recorded. Move the images to the school's storage and delete "
				"them from your device by %s, then confirm it here.",
				words);
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s}}", "images", "id", (json_int_t)id, "taken_on", on,
			     "due_by", due),
		   "/conduct", flash);
	free(flash);
}

void device_image_cleared(struct request *rq, struct reply *rp)
{
	/* Someone else's record, or none: the same answer. */
	if (!db_int(0, "SELECT count(*) FROM device_images WHERE id = ? AND user_id = ?", "II",
		    rq->ids[0], rq->user.id)) {
		reply_not_found(rp);
		return;
	}
	char at[ISO_LEN], ref[16];
	iso_now(at);
	snprintf(ref, sizeof ref, "DI-%05lld", (long long)rq->ids[0]);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE device_images SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL", "tI",
		at, rq->ids[0]);
	int changed = db_changes();
	audit(rq, "conduct.images_cleared", ref, "transferred and deleted");
	if (reply_commit_changed(rp, changed, "confirm", "You have already confirmed this.",
				 BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:s}}", "images", "id", (json_int_t)rq->ids[0], "cleared_at",
			     at),
		   "/conduct", "Thank you: the images are recorded as transferred and deleted.");
}

/* "My tasks": the person's own open records (urgent once overdue); for the
 * headteacher, how many of everyone's are overdue. */
void device_image_tasks(const struct request *rq, json_t *tasks)
{
	char at[ISO_LEN];
	iso_now(at);
	int64_t late = db_int(0,
			      "SELECT count(*) FROM device_images INDEXED BY device_images_by_user "
			      "WHERE user_id = ? AND cleared_at IS NULL AND due_by < ?",
			      "It", rq->user.id, at);
	int64_t open = db_int(0,
			      "SELECT count(*) FROM device_images INDEXED BY device_images_by_user "
			      "WHERE user_id = ? AND cleared_at IS NULL",
			      "I", rq->user.id);
	if (open)
		task_add(tasks, late ? "device_images_overdue" : "device_images",
			 late ? "Images on your own device are past their deadline: move them to "
				"the school's storage, delete them and confirm."
			      : "Move the images on your own device to the school's storage, "
				"delete them and confirm.",
			 "/conduct", late > 0);
	if (!has_role(rq, ROLE_HEADTEACHER))
		return;
	int64_t all = db_int(0,
			     "SELECT count(*) FROM device_images INDEXED BY device_images_open "
			     "WHERE cleared_at IS NULL AND due_by < ?",
			     "t", at);
	if (!all)
		return;
	task_addf(tasks, "device_images_staff", "/conduct", 1,
		  "%lld record%s of images on staff's own devices %s overdue.", (long long)all,
		  all == 1 ? "" : "s", all == 1 ? "is" : "are");
}
