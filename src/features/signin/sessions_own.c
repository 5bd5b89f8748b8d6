/* A person's own sessions: where and when each started, which one is this
 * one, and ending any other or all the others.  ASVS 5.0 7.5.2: the person
 * types their password again before ending any (one factor again), slowed
 * as at sign-in (throttle.c); someone signing in only through the school's
 * provider has no password here, and ends them as signed in. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/sessions.h"
#include "core/throttle.h"
#include "core/write.h"
#include "db/db.h"
#include "features/signin/login.h"
#include "http/feature.h"

static void sessions_page(struct request *rq, struct reply *rp)
{
	json_t *rows = sessions_of(rq->user.id, rq->session_hash);
	int others = json_array_size(rows) > 1, ask = password_asked(rq);
	/* A refused form's password is marked in that form only: a session's
	 * row (its field is p-ID, where the summary links) or "End every other
	 * session" (f-password). */
	int64_t one = reply_form_sent(rq, "/end") ? rq->ids[0] : 0;
	reply_rows_mark(rows, "end_sent", one);
	/* Each row's form asks too, under a flag of the row's own: inside the
	 * page's ask_password, ctemplate reads the page's id, not the row's, and
	 * every row's field was p- (one id, no label of its own). */
	reply_rows_flag(rows, "asks_password", ask);
	json_t *m = json_pack("{s:o, s:b, s:b, s:b}", "sessions", rows, "others", others,
			      "ask_password", ask, "others_sent",
			      reply_form_sent(rq, "/end-others"));
	if (one)
		reply_field_id(m, "password", "p-%lld", (long long)one);
	reply_page(rp, "account_sessions", "Where you are signed in", m);
}

static void session_end_one(struct request *rq, struct reply *rp)
{
	int owned = session_owned(rq->user.id, rq->ids[0], rq->session_hash);
	if (!owned) {
		reply_not_found(rp);
		return;
	}
	if (owned == 2) {
		reply_error(rp, 409, NULL,
			    "That is the session you are using now. To end it, sign out.");
		return;
	}
	if (!password_asked_again(rq, rp) || reply_begin(rp, BUSY) != 0)
		return;
	int ended = session_end(rq->user.id, rq->ids[0]);
	audit(rq, "session.end", rq->user.email, "ended one of their other sessions (number %lld)",
	      (long long)rq->ids[0]);
	if (reply_commit(rp, BUSY) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:i}", "ended", ended), "/account/sessions",
		   "That session has ended.");
}

static void sessions_end_others(struct request *rq, struct reply *rp)
{
	if (!password_asked_again(rq, rp) || reply_begin(rp, BUSY) != 0)
		return;
	int ended = sessions_end_user(rq->user.id, rq->session_hash);
	audit(rq, "session.end_others", rq->user.email, "ended their %d other sessions", ended);
	if (reply_commit(rp, BUSY) != 0)
		return;
	reply_done(rp, 200, json_pack("{s:i}", "ended", ended), "/account/sessions",
		   ended ? "Your other sessions have ended." : "You had no other sessions.");
}

static const struct field_spec again_form[] = {
	{ "password", F_PASSWORD, 1024, 0, NULL, "Your password" },
	{ NULL },
};

const struct route sessions_own_routes[] = {
	{ "GET", "/account/sessions", sessions_page, ROLE_STAFF, NULL, NULL, 0 },
	{ "POST", "/account/sessions/{id}/end", session_end_one, ROLE_STAFF, again_form,
	  sessions_page, 0 },
	{ "POST", "/account/sessions/end-others", sessions_end_others, ROLE_STAFF, again_form,
	  sessions_page, 0 },
	{ NULL },
};
