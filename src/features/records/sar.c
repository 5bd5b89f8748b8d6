/* Subject access requests: the data protection officer (or the
 * headteacher) records a request from a member of staff for the personal
 * data staffroom holds about them (UK GDPR article 15), answers it within
 * one calendar month of receipt (article 12(3); ICO guidance "Right of
 * access: time limits for responding": the same date next month, or that
 * month's last day, and a date on a weekend moves to the Monday; a public
 * holiday would move it too, but staffroom keeps no list of them, so it is
 * not moved, stricter than the law; school closures do not move it:
 * lib/calendar_month.c), downloads the export tied to it (export.c) and
 * records when the response was sent.
 * A request is never shown to the person it is about, even when they hold
 * one of the handling roles: it carries the DPO's notes on their request. */
#define _GNU_SOURCE
#include "features/records/sar.h"
#include "core/audit.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/records/export.h"
#include "features/records/records.h"
#include "lib/calendar_month.h"
#include "lib/json_get.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAR_LAW_STARTS "2000-03-01"

#define SAR_COLUMNS                                                                        \
	"SELECT s.id, printf('SAR-%06d', s.id) AS reference, u.name, u.email, "           \
	"s.received_on, s.due_on, s.responded_on, s.notes, s.recorded_at, r.name AS "     \
	"recorded_by, (s.responded_on IS NULL AND s.due_on < ?) AS overdue, '/sar/' || s.id " \
	"AS url FROM subject_access_requests s JOIN users u ON u.id = s.subject_id JOIN "   \
	"users r ON r.id = s.recorded_by "

static void flags(json_t *row)
{
	json_object_set_new(row, "overdue", json_boolean(json_int(row, "overdue")));
	json_object_set_new(row, "open", json_boolean(!json_str(row, "responded_on")));
}

/* The request, or NULL when there is none or it is about this person. */
static json_t *sar_row(const struct request *rq, int64_t id)
{
	char today[11];
	uk_today(today);
	json_t *row = db_row(SAR_COLUMNS "WHERE s.id = ? AND s.subject_id != ?", "tII", today, id,
			     rq->user.id);
	if (row)
		flags(row);
	return row;
}

static void sar_list(struct request *rq, struct reply *rp)
{
	char today[11];
	uk_today(today);
	json_t *rows = db_rows(WHOLE_TABLE_REPORT SAR_COLUMNS
			       "WHERE s.subject_id != ? ORDER BY s.responded_on IS NOT NULL, "
			       "s.due_on, s.responded_on DESC, s.id DESC",
			       "tI", today, rq->user.id);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		flags(row);
	reply_page(rp, "sar_list", "Subject access requests",
		   json_pack("{s:o, s:s, s:b}", "requests", rows, "today", today, "is_dpo",
			     has_role(rq, ROLE_DPO)));
}

/* The checks of POST /sar: the subject's id, and the deadline, or -1 with a 400. */
static int64_t check_request(const struct request *rq, struct reply *rp, char due[11])
{
	const char *email = arg(rq, "email"), *received = arg(rq, "received_on");
	int64_t subject = db_int(0, "SELECT id FROM users WHERE email = ?", "t", email);
	char today[11];
	uk_today(today);
	if (!subject) {
		/* The export covers the staff list only: someone else's request
		 * (a parent, a former pupil) is answered outside staffroom. */
		reply_error(
			rp, 400, "email",
			"'%s' is not on the staff list. Staffroom holds records about its staff "
			"only; answer a request from anyone else outside staffroom.",
			email);
		return -1;
	}
	if (subject == rq->user.id) {
		reply_error(rp, 400, "email",
			    "A request about yourself is recorded by the data protection officer, "
			    "not by you.");
		return -1;
	}
	if (strcmp(received, today) > 0 || month_after_due(received, due) != 0) {
		reply_error(rp, 400, "received_on", "The date received cannot be in the future.");
		return -1;
	}
	/* The right of access (UK GDPR Art. 15 today) began with the Data
	 * Protection Act 1998's, in force from 1 March 2000: a request dated
	 * before is a mistyped date, which would start a retention period that
	 * ended long ago and put the record up for deletion at once. */
	if (strcmp(received, SAR_LAW_STARTS) < 0) {
		reply_error(rp, 400, "received_on",
			    "The date received cannot be before 1 March 2000, when the right of "
			    "access began (Data Protection Act 1998): check the date.");
		return -1;
	}
	return subject;
}

static void sar_record(struct request *rq, struct reply *rp)
{
	char due[11], at[ISO_LEN];
	int64_t subject = check_request(rq, rp, due);
	if (subject < 0)
		return;
	iso_now(at);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	int64_t kept = db_int(0,
			      "SELECT id FROM subject_access_requests INDEXED BY "
			      "subject_access_open WHERE responded_on IS NULL AND subject_id = ? "
			      "AND received_on = ?",
			      "It", subject, arg(rq, "received_on"));
	char repeat[120];
	snprintf(repeat, sizeof repeat,
		 "This person's request received on that day is already recorded, as "
		 "SAR-%06lld.",
		 (long long)kept);
	if (reply_refuse_repeat(rp, kept, repeat) != 0)
		return;
	/* Never the number of a request deleted under its retention rule (the
	 * disposal register keeps it): its reference in the audit log and the
	 * register must name one request, and be hidden only from its subject. */
	int64_t id = db_insert("INSERT INTO subject_access_requests(id, subject_id, received_on, "
			       "due_on, notes, recorded_by, recorded_at) VALUES ("
			       RECORD_NEXT_ID("subject_access_requests", "'sar'")
			       ", ?, ?, ?, ?, ?, ?)",
			       "ItttIt", subject, arg(rq, "received_on"), due,
			       arg(rq, "notes") ? arg(rq, "notes") : "", rq->user.id, at);
	char ref[32];
	snprintf(ref, sizeof ref, "SAR-%06lld", (long long)id);
	/* No name or notes in the log: the audit page is read more widely. */
	audit(rq, "sar.record", ref, "received_on=%s due_on=%s", arg(rq, "received_on"), due);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	char *loc = xasprintf("/sar/%lld", (long long)id);
	char due_words[32];
	uk_time_words(due, due_words, sizeof due_words);
	char *msg = xasprintf("The request has been recorded as %s; the response is due by %s.",
			      ref, due_words);
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s, s:s}}", "request", "id", (json_int_t)id,
			     "reference", ref, "received_on", arg(rq, "received_on"), "due_on",
			     due),
		   loc, msg);
	free(loc);
	free(msg);
}

static void sar_page(struct request *rq, struct reply *rp)
{
	json_t *row = sar_row(rq, rq->ids[0]);
	if (!row) {
		reply_not_found(rp);
		return;
	}
	int64_t subject = db_int(0, "SELECT subject_id FROM subject_access_requests WHERE id = ?",
				 "I", rq->ids[0]);
	json_object_set_new(row, "third_parties", sar_third_parties(subject, rq->user.id));
	reply_page(rp, "sar_page", "Subject access request", json_pack("{s:o}", "request", row));
}

static void sar_export(struct request *rq, struct reply *rp)
{
	json_t *row = sar_row(rq, rq->ids[0]);
	char *text = row ? export_person(json_str(row, "email"), rq->user.id) : NULL;
	if (!text) {
		json_decref(row);
		reply_not_found(rp);
		return;
	}
	char *name = xasprintf("subject-access-%s.json", json_str(row, "reference"));
	if (reply_begin(rp, BUSY) != 0)
		goto out;
	/* Every download of a person's whole record is on the log. */
	audit(rq, "sar.export", json_str(row, "reference"), "downloaded the export");
	if (reply_commit(rp, BUSY) != 0)
		goto out;
	reply_raw(rp, "application/json; charset=utf-8", text, strlen(text));
	text = NULL;
	rp->filename = name;
	name = NULL;
out:
	free(text);
	free(name);
	json_decref(row);
}

static void sar_close(struct request *rq, struct reply *rp)
{
	json_t *row = sar_row(rq, rq->ids[0]);
	if (!row) {
		reply_not_found(rp);
		return;
	}
	const char *on = arg(rq, "responded_on");
	char today[11], ref[32];
	uk_today(today);
	copy_str(ref, sizeof ref, json_str(row, "reference"));
	int early = strcmp(on, json_str(row, "received_on")) < 0;
	json_decref(row);
	if (strcmp(on, today) > 0 || early) {
		reply_error(rp, 400, "responded_on",
			    early ? "The response cannot have been sent before the request was "
				    "received."
				  : "The date the response was sent cannot be in the future.");
		return;
	}
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE subject_access_requests SET responded_on = ?, closed_by = ? WHERE id = ? "
		"AND responded_on IS NULL",
		"tII", on, rq->user.id, rq->ids[0]);
	int changed = db_changes();
	audit(rq, "sar.close", ref, "responded_on=%s", on);
	if (reply_commit_changed(rp, changed, "responded_on",
				 "This request has already been closed.", BUSY_UNSAVED) != 0)
		return;
	char *loc = xasprintf("/sar/%lld", (long long)rq->ids[0]);
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:s, s:s}}", "request", "id", (json_int_t)rq->ids[0],
			     "reference", ref, "responded_on", on),
		   loc, "The request is closed.");
	free(loc);
}

/* "My tasks": requests past their month, and those still open. */
void sar_tasks(const struct request *rq, json_t *tasks)
{
	if (!has_role(rq, SAR_HANDLERS))
		return;
	char today[11];
	uk_today(today);
	int64_t overdue = db_int(0,
				 "SELECT count(*) FROM subject_access_requests INDEXED BY "
				 "subject_access_open WHERE responded_on IS NULL AND due_on < ? "
				 "AND subject_id != ?",
				 "tI", today, rq->user.id);
	int64_t open = db_int(0,
			      "SELECT count(*) FROM subject_access_requests INDEXED BY "
			      "subject_access_open WHERE responded_on IS NULL AND subject_id != ?",
			      "I", rq->user.id);
	char *msg;
	if (overdue) {
		msg = xasprintf("%lld subject access request%s past the one-month deadline.",
				(long long)overdue, overdue == 1 ? " is" : "s are");
		task_add(tasks, "sar_overdue", msg, "/sar", 1);
		free(msg);
	}
	if (open - overdue > 0) {
		msg = xasprintf("%lld subject access request%s to answer.",
				(long long)(open - overdue), open - overdue == 1 ? "" : "s");
		task_add(tasks, "sar_open", msg, "/sar", 0);
		free(msg);
	}
}

static const struct field_spec sar_form[] = {
	{ "email", F_EMAIL, 254, F_REQUIRED, NULL,
	  "E-mail address of the member of staff who asked" },
	{ "received_on", F_DATE, 10, F_REQUIRED, NULL, "Date the request was received" },
	{ "notes", F_LONGTEXT, 5000, 0, NULL, "Notes" },
	{ NULL },
};
static const struct field_spec close_form[] = {
	{ "responded_on", F_DATE, 10, F_REQUIRED, NULL, "Date the response was sent" },
	{ NULL },
};

const struct route sar_routes[] = {
	{ "GET", "/sar", sar_list, SAR_HANDLERS, NULL, NULL, 0 },
	{ "POST", "/sar", sar_record, SAR_HANDLERS, sar_form, sar_list, 0 },
	{ "GET", "/sar/{id}", sar_page, SAR_HANDLERS, NULL, NULL, 0 },
	{ "GET", "/sar/{id}/export", sar_export, SAR_HANDLERS, NULL, NULL, 0 },
	{ "POST", "/sar/{id}/close", sar_close, SAR_HANDLERS, close_form, sar_page, 0 },
	{ NULL },
};
