/* The administrator's sign-in settings: whether passwords still sign anyone
 * in once the school signs in with its provider (everyone, or only one
 * named break-glass administrator, for the day the provider is down), and
 * whether a provider's multi-factor sign-in counts as staffroom's second
 * factor for the roles that need one (default: it does not). */
#define _GNU_SOURCE
#include "features/signin/oidc_login.h"
#include "core/audit.h"
#include "core/sessions.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "lib/json_get.h"
#include "lib/oidc_config.h"
#include "lib/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BREAKGLASS_LAPSED                                                                 \
	"The break-glass administrator is no longer an active administrator, so nobody can " \
	"sign in with a password when the school's sign-in service is down: name another."

static char *setting(const char *key)
{
	return db_text("SELECT value FROM settings WHERE key = ?", "t", key);
}

/* The break-glass account must be an active administrator: anyone else
 * keeping a password would defeat turning passwords off.  Checked when it is
 * chosen and again at every use: one who has since lost the role, or left,
 * keeps no password (and the administrators are told, breakglass_tasks). */
static int breakglass_ok(const char *email)
{
	return email[0] && db_int(0,
				  "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id "
				  "WHERE u.email = ? AND u.active = 1 AND r.role = 'admin'",
				  "t", email) == 1;
}

int password_signin_refused(const char *email)
{
	char *mode = setting("password_signin"), *breakglass = setting("password_breakglass");
	int refused = mode && strcmp(mode, "breakglass") == 0 &&
		      !(breakglass && email && strcasecmp(breakglass, email) == 0 &&
			breakglass_ok(breakglass));
	free(mode);
	free(breakglass);
	return refused;
}

/* Passwords are off and the break-glass administrator named is no longer
 * one: nobody can sign in when the provider is down.  1 or 0. */
static int breakglass_lapsed(void)
{
	char *mode = setting("password_signin"), *breakglass = setting("password_breakglass");
	int lapsed = mode && strcmp(mode, "breakglass") == 0 &&
		     !(breakglass && breakglass_ok(breakglass));
	free(mode);
	free(breakglass);
	return lapsed;
}

void breakglass_tasks(const struct request *rq, json_t *tasks)
{
	if ((rq->user.roles & ROLE_ADMIN) && breakglass_lapsed())
		task_add(tasks, "breakglass_lapsed", BREAKGLASS_LAPSED, "/admin/sign-in", 1);
}

static void signin_settings_page(struct request *rq, struct reply *rp)
{
	(void)rq;
	char *mode = setting("password_signin"), *breakglass = setting("password_breakglass"),
	     *mfa = setting("oidc_mfa_counts");
	json_t *m = json_pack("{s:b, s:s, s:b}", "passwords_off",
			      mode && strcmp(mode, "breakglass") == 0, "breakglass_email",
			      breakglass ? breakglass : "", "mfa_counts",
			      mfa && strcmp(mfa, "yes") == 0);
	/* The address field starts with the saved address; shown again after a
	 * refusal, the router puts what was typed over it. */
	json_object_set_new(m, "form", json_pack("{s:s}", "breakglass_email",
						 breakglass ? breakglass : ""));
	if (breakglass_lapsed())
		json_object_set_new(m, "breakglass_lapsed", json_string(BREAKGLASS_LAPSED));
	oidc_login_model(rq, m);
	free(mode);
	free(breakglass);
	free(mfa);
	reply_page(rp, "signin_settings", "Sign-in settings", m);
}

static void signin_settings_save(struct request *rq, struct reply *rp)
{
	const char *mode = arg(rq, "password_signin"), *typed = arg(rq, "breakglass_email");
	char email[255];
	/* One spelling of the address, as the sign-in compares it. */
	copy_str(email, sizeof email, typed ? typed : "");
	for (char *c = email; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	int off = strcmp(mode, "breakglass") == 0;
	if (off && !breakglass_ok(email)) {
		reply_error(rp, 400, "breakglass_email",
			    "The break-glass administrator's e-mail address must be that of an "
			    "active administrator on the staff list.");
		return;
	}
	const char *mfa = arg_yes(rq, "mfa_counts") ? "yes" : "no";
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE settings SET value = ? WHERE key = 'password_signin'", "t", mode);
	db_exec("UPDATE settings SET value = ? WHERE key = 'password_breakglass'", "t",
		off ? email : "");
	db_exec("UPDATE settings SET value = ? WHERE key = 'oidc_mfa_counts'", "t", mfa);
	/* Passwords off means off now: the sessions begun with one end, but the
	 * break-glass administrator's and the one saving this. */
	int ended = off ? sessions_end_password(rq->session_hash, email) : 0;
	audit(rq, "settings.change", "password_signin", "%s%s%s", mode, off ? " " : "",
	      off ? email : "");
	if (ended)
		audit(rq, "session.end_password", "password_signin",
		      "ended %d password session%s", ended, ended == 1 ? "" : "s");
	audit(rq, "settings.change", "oidc_mfa_counts", "%s", mfa);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	char *flash = ended ? xasprintf("The sign-in settings have been saved. %d session%s begun "
					"with a password ended.",
					ended, ended == 1 ? "" : "s")
			    : xstrdup("The sign-in settings have been saved.");
	reply_done(rp, 200,
		   json_pack("{s:s, s:s, s:s, s:i}", "password_signin", mode, "breakglass_email",
			     off ? email : "", "mfa_counts", mfa, "sessions_ended", ended),
		   "/admin/sign-in", flash);
	free(flash);
}

static const struct field_spec signin_settings_form[] = {
	{ "password_signin", F_CHOICE, 20, F_REQUIRED, "everyone|breakglass",
	  "Who may sign in with a password" },
	{ "breakglass_email", F_EMAIL, 254, 0, NULL,
	  "The break-glass administrator's e-mail address" },
	{ "mfa_counts", F_YESNO, 3, 0, NULL, "Second factor for the roles that need one" },
	{ NULL },
};

const struct route oidc_settings_routes[] = {
	{ "GET", "/admin/sign-in", signin_settings_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/sign-in", signin_settings_save, ROLE_ADMIN, signin_settings_form,
	  signin_settings_page, 0 },
	{ NULL },
};
