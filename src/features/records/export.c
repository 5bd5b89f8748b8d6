/* `staffroom export --person EMAIL`: a subject access request.  What is
 * disclosed, and what is only listed for the data-protection officer to
 * decide on, is set out in docs/RECORDS.md; in short, the person's own
 * records and their own words are included in full; what other people
 * wrote about them, and who reported them, is not (third-party data and
 * the safeguarding exemptions need a person's judgement), but the existence
 * of each such record is listed so that nothing is silently left out.
 * Secrets are never exported: password hash, TOTP secret, recovery codes,
 * vault credentials, session tokens. */
#define _GNU_SOURCE
#include "features/concerns/concerns.h"
#include "features/filtering/filtering.h"
#include "features/records/export.h"
#include "features/records/audit_visible.h"
#include "features/records/sar.h"
#include "core/auth.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <jansson.h>
#include <stdlib.h>

static json_t *profile(int64_t id)
{
	json_t *p = db_row("SELECT id, email, name, job_title, department, staff_type, active, "
			   "left_on, created_at, "
			   "password_hash IS NOT NULL AS has_password FROM users WHERE id = ?",
			   "I", id);
	json_object_set_new(p, "roles", roles_json(user_roles_load(id) | ROLE_STAFF));
	json_object_set_new(p, "two_factor",
			    db_row("SELECT created_at, confirmed_at, "
				   "(SELECT count(*) FROM recovery_codes WHERE user_id = ? AND "
				   "used_at IS NULL) AS recovery_codes_unused "
				   "FROM totp WHERE user_id = ?",
				   "II", id, id));
	return p;
}

/* The concern a path names: a case's pages (/concerns/N, /concerns/N/events),
 * its reporter's (/concerns/mine/N), or a pattern's warning on the page of
 * every concern about someone (/concerns/about/P#concern-N); NULL else. */
#define CONCERN_OF_LINK(col)                                                                   \
	"CASE " CONCERN_OF_PATH_ARMS(col) "WHEN " col " GLOB '/concerns/about/*#concern-[0-9]*' " \
	"THEN CAST(substr(" col ", instr(" col ", '#concern-') + 9) AS INTEGER) END"
/* Does notification n link to what the reader (?1, roles ?2) may not be shown
 * (SAR_READER_MAY_OPEN): a concern they may not open, its reporter's page
 * of it or a pattern's warning naming it (the message gives its reference
 * and category), the page of every concern about the reader, or a
 * filtering request withheld from them (one asked for a report about them)?
 * IS NOT 1, not NOT: the rule is NULL, not false, for a case nobody is
 * assigned to. */
#define LINK_HIDDEN_FROM_READER(n)                                                             \
	"(" CONCERN_PATTERN_PATH(n ".link", "?1") " OR EXISTS (SELECT 1 FROM concerns k WHERE "  \
	"k.id = " CONCERN_OF_LINK(n ".link") " AND " SAR_READER_MAY_OPEN("k") " IS NOT 1) OR "  \
	FILTER_REQUEST_WITHHELD(FILTER_REQUEST_OF_LINK(n ".link"), "?1") ")"

static json_t *own_concerns(int64_t id, int64_t reader, int64_t roles)
{
	/* No outcome: the reporter is never shown what the handlers decided.
	 * Nor is the reader a report they may not open (SAR_READER_MAY_OPEN). */
	json_t *rows = db_rows("SELECT id, reference, category, summary, details, occurred_at, "
			       "platform, url, involved, urgent, status, created_at, closed_at "
			       "FROM concerns c WHERE c.reporter_id = ?3 AND "
			       SAR_READER_MAY_OPEN("c") " ORDER BY c.id",
			       "III", reader, roles, id);
	size_t i;
	json_t *c;
	/* What the reporter was shown: the shared events in words, as on their
	 * own page; never internal notes, a handler's text or the outcome. */
	json_array_foreach(rows, i, c) {
		json_object_set_new(c, "events", concern_events_for_reporter(json_int(c, "id")));
		json_object_set_new(
			c, "evidence",
			db_rows("SELECT e.filename, e.type, e.size, e.sha256, (SELECT o.sha256 "
				"FROM evidence_original o WHERE o.evidence_id = e.id) AS "
				"original_sha256, e.added_at FROM evidence e WHERE "
				"e.concern_id = ? AND e.added_by = ? ORDER BY e.id",
				"II", json_int(c, "id"), id));
		/* The reporter's own description of an image (never the image). */
		json_t *img = db_row("SELECT indecent_image, image_location, image_holders, "
				     "image_seen_by, adult_involved, told_dsl FROM "
				     "concern_image_reports WHERE concern_id = ?",
				     "I", json_int(c, "id"));
		if (img)
			json_object_set_new(c, "image_report", img);
		json_object_del(c, "id");
	}
	return rows;
}

/* The reader's role bits for VISIBLE_ROW (0 for the command line, which
 * sees every row). */
static int64_t reader_roles(int64_t reader)
{
	return reader ? (int64_t)(user_roles_load(reader) & ROLE_ROUTABLE) : 0;
}

static json_t *build(int64_t id, int64_t reader)
{
	int64_t roles = reader_roles(reader);
	json_t *e = json_object();
	char at[ISO_LEN];
	iso_now(at);
	json_object_set_new(e, "generated_at", json_string(at));
	json_object_set_new(e, "profile", profile(id));
	json_object_set_new(e, "signatures",
			    db_rows("SELECT p.title AS policy, v.number AS version, v.sha256 AS "
				    "version_sha256, s.typed_name, s.signed_at, "
				    "s.address, s.user_agent FROM signatures s JOIN "
				    "policy_versions v ON v.id = s.version_id "
				    "JOIN policies p ON p.id = v.policy_id WHERE s.user_id = ? "
				    "ORDER BY s.signed_at",
				    "I", id));
	/* A decline's reason and signing a yearly policy again are the person's too. */
	json_object_set_new(
		e, "policy_declines",
		db_rows("SELECT p.title AS policy, v.number AS version, d.reason, "
			"d.declined_at FROM policy_declines d JOIN policy_versions v ON "
			"v.id = d.version_id JOIN policies p ON p.id = v.policy_id "
			"WHERE d.user_id = ? ORDER BY d.declined_at",
			"I", id));
	json_object_set_new(e, "policy_acknowledgements",
			    db_rows("SELECT p.title AS policy, v.number AS version, a.typed_name, "
				    "a.acknowledged_at, a.address, a.user_agent FROM "
				    "policy_acknowledgements a JOIN policy_versions v ON "
				    "v.id = a.version_id JOIN policies p ON p.id = v.policy_id "
				    "WHERE a.user_id = ? ORDER BY a.acknowledged_at",
				    "I", id));
	json_object_set_new(
		e, "training",
		db_rows("SELECT t.course, c.title, t.completed_on, t.expires_on, t.recorded_at "
			"FROM training t JOIN courses c ON c.code = t.course WHERE t.user_id = ? "
			"ORDER BY t.completed_on",
			"I", id));
	json_object_set_new(e, "concerns_reported", own_concerns(id, reader, roles));
	/* An allegation found malicious is not on the person's file (KCSIE part four). */
	json_object_set_new(
		e, "concerns_about_them_for_review",
		db_rows("SELECT c.reference, c.category, c.status, c.created_at, "
			"c.closed_at, c.outcome_category FROM concerns c "
			"WHERE c.about_id = ?3 AND " SAR_READER_MAY_OPEN("c") " AND "
			CONCERN_ON_FILE("c") " ORDER BY c.id",
			"III", reader, roles, id));
	json_object_set_new(e, "account_applications",
			    db_rows("SELECT a.platform, a.platform_other, a.name, a.department, "
				    "a.aim, a.audience, a.promotion, a.visibility, "
				    "a.monitoring, a.status, a.created_at, a.updated_at, (SELECT "
				    "json_group_array(json_object('step', p.step, "
				    "'decision', p.decision, 'comment', p.comment, 'at', p.at)) "
				    "FROM approvals p WHERE p.application_id = a.id) "
				    "AS history FROM account_applications a WHERE a.applicant_id = "
				    "? ORDER BY a.id",
				    "I", id));
	json_object_set_new(
		e, "accounts_led",
		db_rows("SELECT platform, name, url, department, status, created_at, closed_at "
			"FROM social_accounts WHERE lead_id = ? ORDER BY id",
			"I", id));
	/* Nor a filtering request withheld from the reader: one asked for a
	 * report about them (filter_requests.c). */
	json_object_set_new(e, "filtering_requests",
			    db_rows("SELECT kind, site, reason, requested_at, decision, "
				    "decision_reason, decided_at FROM filter_requests WHERE "
				    "requested_by = ? AND (withheld_from IS NULL OR withheld_from "
				    "!= ?) ORDER BY id",
				    "II", id, reader));
	/* What they reported is theirs (slyne's agreement: faults reported);
	 * the note on it is the network manager's answer to them. */
	json_object_set_new(e, "fault_reports",
			    db_rows("SELECT equipment, location, problem, cause, stops_work, "
				    "reported_at, outcome, outcome_note, dealt_at FROM "
				    "fault_reports WHERE reported_by = ? ORDER BY id",
				    "I", id));
	json_object_set_new(e, "images_on_own_device",
			    db_rows("SELECT taken_on, event, recorded_at, due_by, cleared_at FROM "
				    "device_images WHERE user_id = ? ORDER BY id",
				    "I", id));
	json_object_set_new(e, "exception_requests",
			    db_rows("SELECT what, why, from_on, until_on, requested_at, decision, "
				    "decision_reason, decided_at FROM exception_requests WHERE "
				    "user_id = ? ORDER BY id",
				    "I", id));
	json_object_set_new(e, "lessons_authorised",
			    db_rows("SELECT class_name, lesson_on, service, why, recorded_at FROM "
				    "lesson_access WHERE teacher_id = ? ORDER BY id",
				    "I", id));
	json_object_set_new(e, "self_checks",
			    db_rows("SELECT kind, done_on FROM self_checks WHERE user_id = ? "
				    "ORDER BY id",
				    "I", id));
	/* Their own requests not to be filmed or photographed (do_not_film.c),
	 * asked and withdrawn; an entry someone else typed names nobody here. */
	json_object_set_new(e, "asked_not_to_be_filmed",
			    db_rows("SELECT added_at AS asked_at, removed_at AS withdrawn_at FROM "
				    "do_not_film WHERE user_id = ? ORDER BY id",
				    "I", id));
	json_object_set_new(e, "declarations",
			    db_rows("SELECT kind, details, declared_on, acknowledged_at, ended_at "
				    "FROM declarations WHERE user_id = ? ORDER BY id",
				    "I", id));
	/* Nor a notification (or its e-mail) pointing at a concern the reader
	 * may not open, or at the page of all the concerns about the reader: it
	 * names the concern. */
	json_object_set_new(e, "notifications",
			    db_rows("SELECT n.kind, n.message, n.link, n.created_at, n.read_at, "
				    "n.emailed_at FROM notifications n WHERE n.user_id = ?3 AND "
				    "NOT " LINK_HIDDEN_FROM_READER("n") " ORDER BY n.id",
				    "III", reader, roles, id));
	json_object_set_new(
		e, "emails",
		db_rows("SELECT o.to_addr, o.subject, o.created_at, o.status, o.sent_at FROM "
			"outbox o LEFT JOIN notifications n ON n.id = o.notification_id WHERE "
			"o.user_id = ?3 AND (n.id IS NULL OR NOT " LINK_HIDDEN_FROM_READER("n") ") "
			"ORDER BY o.id",
			"III", reader, roles, id));
	json_object_set_new(e, "sign_in_activity",
			    db_rows("SELECT at, action, address FROM audit WHERE actor_id = ? AND "
				    "action LIKE 'login%' ORDER BY id",
				    "I", id));
	/* Only the rows the reader may see on the audit log's page: an action
	 * on a concern about the reader (or one they may not open), or on a
	 * request about them, would tell them of it. */
	json_object_set_new(e, "actions_recorded",
			    db_rows("SELECT a.at, a.action FROM audit a WHERE a.actor_id = ?3 AND "
				    "(?1 = 0 OR " VISIBLE_ROW ") ORDER BY a.id",
				    "III", reader, roles, id));
	/* history arrives as JSON text from SQLite: make it real JSON. */
	json_t *apps = json_object_get(e, "account_applications"), *a;
	size_t i;
	json_array_foreach(apps, i, a) {
		json_t *h = json_loads(json_str(a, "history"), 0, NULL);
		json_object_set_new(a, "history", h ? h : json_array());
	}
	return e;
}

char *export_person(const char *email, int64_t reader)
{
	int64_t id = db_int(0, "SELECT id FROM users WHERE email = ?", "t", email);
	if (!id)
		return NULL;
	json_t *e = build(id, reader);
	char *text = json_dumps(e, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	json_decref(e);
	return text;
}
