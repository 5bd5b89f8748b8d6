/* An administrator ends sessions: all of one person's (a lost laptop, a
 * suspected misuse) or everyone's (a suspected breach).  ASVS 5.0 7.4.5.
 * The administrator's own current session is kept in both: whoever answers a
 * breach must carry on (reset passwords, read the audit log) without signing
 * in again, and it is the one session just proven by their password typed
 * again; their other sessions end with everyone's. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/sessions.h"
#include "core/throttle.h"
#include "core/write.h"
#include "db/db.h"
#include "features/admin/admin_sync.h"
#include "http/feature.h"
#include "lib/config.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdlib.h>

static void person_sessions_end(struct request *rq, struct reply *rp)
{
	json_t *u = db_row("SELECT email, name FROM users WHERE id = ?", "I", rq->ids[0]);
	if (!u) {
		reply_not_found(rp);
		return;
	}
	if (reply_begin(rp, BUSY) != 0) {
		json_decref(u);
		return;
	}
	int ended = sessions_end_user(rq->ids[0], rq->session_hash);
	audit(rq, "session.end_person", json_str(u, "email"), "ended %d session%s of %s", ended,
	      ended == 1 ? "" : "s", json_str(u, "name"));
	if (reply_commit(rp, BUSY) != 0) {
		json_decref(u);
		return;
	}
	char *loc = xasprintf("/admin/staff/%lld", (long long)rq->ids[0]);
	char *msg = xasprintf("%s has been signed out everywhere (%d session%s ended).",
			      json_str(u, "name"), ended, ended == 1 ? "" : "s");
	reply_done(rp, 200, json_pack("{s:i}", "ended", ended), loc, msg);
	free(msg);
	free(loc);
	json_decref(u);
}

static void everyone_page(struct request *rq, struct reply *rp)
{
	int64_t t = now();
	json_t *m = db_row(WHOLE_TABLE_REPORT
			   "SELECT count(*) AS sessions, count(DISTINCT user_id) AS people "
			   "FROM sessions WHERE last_seen >= ? AND created_at >= ?",
			   "II", t - (int64_t)cfg.session_idle, t - (int64_t)cfg.session_lifetime);
	json_int_t sessions = json_int(m, "sessions"), people = json_int(m, "people");
	json_object_set_new(m, "open_words",
			    json_sprintf("%lld %s open now, of %lld %s.", (long long)sessions,
					 sessions == 1 ? "session is" : "sessions are",
					 (long long)people, people == 1 ? "person" : "people"));
	json_object_set_new(m, "ask_password",
			    json_boolean(db_int(0, "SELECT password_hash IS NOT NULL FROM users "
						   "WHERE id = ?", "I", rq->user.id)));
	reply_page(rp, "admin_sessions", "End everyone's sessions", m);
}

static void everyone_end(struct request *rq, struct reply *rp)
{
	if (!password_asked_again(rq, rp) || reply_begin(rp, BUSY) != 0)
		return;
	int64_t people = 0;
	int ended = sessions_end_everyone(rq->session_hash, &people);
	audit(rq, "session.end_everyone", "everyone",
	      "ended %d session%s of %lld %s; the administrator's own current session kept",
	      ended, ended == 1 ? "" : "s", (long long)people, people == 1 ? "person" : "people");
	if (reply_commit(rp, BUSY) != 0)
		return;
	char *msg = xasprintf("Everyone else has been signed out (%d session%s ended). You are "
			      "still signed in here.",
			      ended, ended == 1 ? "" : "s");
	reply_done(rp, 200, json_pack("{s:i, s:I}", "ended", ended, "people", (json_int_t)people),
		   "/admin/sessions", msg);
	free(msg);
}

static const struct field_spec again_form[] = {
	{ "password", F_PASSWORD, 1024, 0, NULL, "Your password" },
	{ NULL },
};

const struct route admin_sessions_routes[] = {
	{ "POST", "/admin/staff/{id}/sessions/end", person_sessions_end, ROLE_ADMIN, NULL, NULL,
	  0 },
	{ "GET", "/admin/sessions", everyone_page, ROLE_ADMIN, NULL, NULL, 0 },
	{ "POST", "/admin/sessions/end-all", everyone_end, ROLE_ADMIN, again_form, everyone_page,
	  0 },
	{ NULL },
};
