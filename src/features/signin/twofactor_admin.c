/* /admin/two-factor: which roles need a second factor, who has one, and
 * resetting a person's (a lost phone), always audited with the reason. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/throttle.h"
#include "db/db.h"
#include "features/signin/login.h"
#include "http/router.h"
#include "core/twofactor.h"
#include "core/write.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>


static void admin_page(struct request *rq, struct reply *rp)
{
	unsigned required = twofactor_required_roles();
	json_t *boxes = json_array();
	for (int i = 1; i < ROLE_COUNT; i++)
		json_array_append_new(boxes, json_pack("{s:s, s:b}", "role", role_name(i),
						       "required", (required >> i) & 1));
	/* Shown again after a refused change of the roles: what was ticked. */
	if (reply_form_sent(rq, "/two-factor"))
		reply_keep_chosen(rq, boxes, "role", "role", "required");
	json_t *people = db_rows(
		"SELECT u.id, u.email, u.name, t.confirmed_at AS enrolled_at, "
		"(SELECT count(*) FROM recovery_codes c WHERE c.user_id = u.id AND c.used_at IS "
		"NULL) AS recovery_left, "
		"(SELECT group_concat(role, ', ') FROM user_roles r WHERE r.user_id = u.id AND "
		"r.role != 'staff') AS roles "
		"FROM users u LEFT JOIN totp t ON t.user_id = u.id AND t.confirmed_at IS NOT NULL "
		"WHERE u.active = 1 AND (t.user_id IS NOT NULL OR EXISTS (SELECT 1 FROM user_roles "
		"r WHERE r.user_id = u.id "
		"AND r.role != 'staff')) ORDER BY u.name",
		"");
	/* A refused reset shows its reason again, and its error, in that row. */
	int64_t refused = reply_form_sent(rq, "/reset") ? rq->ids[0] : 0;
	int ask = password_asked(rq);
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p) {
		json_object_set_new(p, "again", json_boolean(json_int(p, "id") == refused));
		/* Each row's form asks for the password under a flag of its own: a
		 * section the row lacks is read from the page, without the row's id. */
		json_object_set_new(p, "asks_password", json_boolean(ask));
		unsigned roles = user_roles_load(json_int(p, "id"));
		json_object_set_new(p, "required", json_boolean(roles & required));
		json_object_set_new(p, "enrolled",
				    json_boolean(!json_is_null(json_object_get(p, "enrolled_at"))));
		json_object_set_new(p, "recovery_left_words",
				    reply_count_words(json_int(p, "recovery_left"), "recovery code",
						      "recovery codes"));
	}
	reply_page(rp, "admin_twofactor", "Two-factor sign-in",
		   json_pack("{s:o, s:o, s:b}", "roles", boxes, "people", people, "ask_password",
			     ask));
}

static void admin_settings(struct request *rq, struct reply *rp)
{
	const char *vals[ROLE_COUNT * 2];
	size_t n = arg_all(rq, "role", vals, ROLE_COUNT * 2);
	char list[256] = "";
	for (size_t i = 0; i < n; i++) {
		if (strlen(list) + strlen(vals[i]) + 2 > sizeof list)
			break;
		if (list[0])
			strcat(list, ",");
		strcat(list, vals[i]);
	}
	if (reply_begin(rp, BUSY) != 0)
		return;
	db_exec("INSERT INTO settings(key, value) VALUES ('require_2fa_roles', ?) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value", "t", list);
	audit(rq, "settings.change", "require_2fa_roles", "%s", list);
	if (reply_commit(rp, BUSY) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:s}", "require_2fa_roles", list), "/admin/two-factor",
		   "The roles that need two-factor sign-in have been saved.");
}

/* Without their second factor, the person's password alone signs them in
 * and lets whoever holds it set up a factor of their own: as for choosing
 * someone's password, the administrator proves it is still them at the
 * keyboard (ASVS 5.0 7.5.1).  One who signs in only through the school's
 * provider has no password here and goes on. */
static void admin_reset(struct request *rq, struct reply *rp)
{
	json_t *u = db_row("SELECT id, email FROM users WHERE id = ?", "I", rq->ids[0]);
	if (!u) {
		reply_not_found(rp);
		return;
	}
	const char *email = json_str(u, "email");
	if (rq->ids[0] == rq->user.id) {
		reply_error(rp, 409, NULL,
			    "You cannot reset your own second factor: another administrator must, "
			    "so that "
			    "one stolen password is never enough.");
	} else if (db_int(0, "SELECT count(*) FROM totp WHERE user_id = ?", "I", rq->ids[0]) == 0) {
		reply_error(rp, 409, NULL, "%s has no second factor to reset.", email);
	} else if (password_asked_again_field(rq, rp, "your_password") &&
		   reply_begin(rp, BUSY) == 0) {
		/* Asked again in the write: the same reset sent twice at once is
		 * made, and audited, once. */
		int still = db_int(0, "SELECT count(*) FROM totp WHERE user_id = ?", "I",
				   rq->ids[0]) > 0;
		if (still) {
			twofactor_remove(rq->ids[0]);
			auth_end_sessions(rq->ids[0]);
			auth_spend_password_links(rq->ids[0]);
			audit(rq, "2fa.reset", email, "reason: %s", arg(rq, "reason"));
		}
		char *gone = xasprintf("%s has no second factor to reset.", email);
		int rc = reply_commit_changed(rp, still, NULL, gone, BUSY);
		free(gone);
		if (rc == 0)
			reply_done(rp, 200, json_pack("{s:s, s:b}", "email", email, "reset", 1),
				   "/admin/two-factor",
				   "The second factor has been reset. They set up a new one when "
				   "they next sign in.");
	}
	json_decref(u);
}

static const struct field_spec settings_form[] = {
	{ "role", F_CHOICE, 20, F_MULTI, GIVEN_ROLE_CHOICES,
	  "Roles that must use two-factor sign-in" },
	{ NULL },
};
static const struct field_spec reset_form[] = {
	{ "reason", F_TEXT, 300, F_REQUIRED, NULL, "Reason" },
	{ "your_password", F_PASSWORD, 1024, 0, NULL, "Your own password" },
	{ NULL },
};

const struct route twofactor_admin_routes[] = {
	{ "GET", "/admin/two-factor", admin_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/two-factor", admin_settings, ROLE_ADMIN, settings_form, admin_page, 0 },
	{ "POST", "/admin/two-factor/{id}/reset", admin_reset, ROLE_ADMIN, reset_form, admin_page,
	  0 },
	{ NULL },
};
