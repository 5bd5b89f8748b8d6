/* Requests to block or unblock a site, and the decisions on them: the log
 * of filtering decisions (who asked, who decided, when and why).  A person
 * sees their own requests; the whole log is for those filtering.c names.
 * A request someone may not see answers 404, as every record does.
 *
 * One asked for a report about the headteacher (concern_file.c) is withheld
 * from them (withheld_from): the report goes to the chair alone (KCSIE part
 * four), and the request would tell them that someone reported content
 * reached on school machines, who, and when.  For them it is not there: not
 * listed, not counted, 404 to decide, and out of their audit log and
 * exports (FILTER_REQUEST_WITHHELD).  The site is still blocked (heatons 6.8
 * and 7.3): the network manager decides it, or, when no network manager is
 * active and the named leader is the headteacher or nobody, the DSL, or
 * when the headteacher is the only DSL too, the chair (stand_in_role). */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/auth.h"
#include "core/notify.h"
#include "core/tasks.h"
#include "core/write.h"
#include "db/db.h"
#include "features/filtering/filtering.h"
#include "features/filtering/filtering_internal.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* hint: an INDEXED BY clause, or "". */
#define REQUEST_FROM(hint)                                                                         \
	"SELECT f.id, printf('F-%05d', f.id) AS reference, f.kind, f.site, f.reason, "             \
	"f.requested_at, q.name AS requested_by, f.decision, f.decision_reason, "                  \
	"f.decided_at, d.name AS decided_by, f.requested_by AS requester_id, f.withheld_from, "   \
	"f.decided_by AS decider_id "                                                              \
	"FROM filter_requests f " hint "JOIN users q ON q.id = f.requested_by LEFT JOIN users d "  \
	"ON d.id = f.decided_by "
#define REQUEST_COLUMNS REQUEST_FROM("")

/* Who decides a request withheld from someone (the headteacher) that no
 * decider other than them could decide: no network manager but them is
 * active, and the named leader is them or nobody.  Then the DSL (a deputy
 * holds the role too), so that the site is still blocked (heatons 6.8, 7.3):
 * KCSIE gives the DSL lead responsibility for filtering, and they already
 * read the whole record (filtering_may_read).  When they are the only DSL
 * too (a small school), the chair of governors, who receives the report
 * about the headteacher (KCSIE part four), even when no chair is active:
 * the request then waits for one (nobody_decides).  NULL: the deciders
 * decide it. */
static const char *stand_in_role(int64_t withheld_from)
{
	if (!withheld_from)
		return NULL;
	int64_t leader = filtering_named("filtering_leader");
	if ((leader && leader != withheld_from) || role_held("network_manager", withheld_from))
		return NULL;
	return role_held("dsl", withheld_from) ? "dsl" : "chair";
}

/* Does this person stand in for a request withheld from withheld_from? */
static int holds_stand_in(const struct request *rq, int64_t withheld_from)
{
	const char *role = stand_in_role(withheld_from);
	return role && rq->user.id != withheld_from && has_role(rq, role_bit(role));
}

/* May this person, who decides (decider) or not, decide a request withheld
 * from withheld_from (0: none)? */
static int may_decide_row(const struct request *rq, int decider, int64_t withheld_from)
{
	return decider || holds_stand_in(rq, withheld_from);
}

/* Open, and nobody active may decide it: it is the chair's, and there is
 * none but the person it is withheld from.  It waits, and says so. */
static int nobody_decides(json_t *row)
{
	int64_t from = json_int(row, "withheld_from");
	const char *role = json_str(row, "decision") ? NULL : stand_in_role(from);
	return role && strcmp(role, "chair") == 0 && !role_held("chair", from);
}

/* A change to the filter is decided by someone other than the person who
 * asked for it, as exceptions and posts are.  A request withheld from the
 * other decider is the exception: when no one else who decides may see it,
 * the asker (a network manager) decides it, so that the site is blocked. */
static int decided_by_another(int64_t requester, int64_t withheld_from)
{
	if (!withheld_from)
		return 1;
	int64_t leader = filtering_named("filtering_leader");
	if (leader && leader != requester && leader != withheld_from)
		return 1;
	const char *role = stand_in_role(withheld_from);
	if (!role)
		role = "network_manager";
	return db_int(0,
		      "SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE "
		      "r.role = ? AND u.active = 1 AND u.id != ? AND u.id != ?",
		      "tII", role, requester, withheld_from) > 0;
}

/* Words for the codes, for the page: the JSON keeps the codes.  decider:
 * the reader reads the whole log and decides requests (else they decide
 * only as one who stands in); nobody decides their own while someone else
 * may. */
static void label(json_t *row, const struct request *rq, int decider)
{
	int64_t me = rq->user.id;
	const char *kind = json_str(row, "kind"), *decision = json_str(row, "decision");
	json_object_set_new(row, "kind_label",
			    json_string(strcmp(kind, "block") == 0 ? "Block" : "Unblock"));
	json_object_set_new(row, "decision_label",
			    json_string(!decision                       ? "Awaiting a decision"
					: strcmp(decision, "done") == 0 ? "Done"
									: "Refused"));
	json_object_set_new(row, "open", json_boolean(!decision));
	int64_t requester = json_int(row, "requester_id");
	int may_decide = may_decide_row(rq, decider, json_int(row, "withheld_from"));
	json_object_set_new(
		row, "may_decide",
		json_boolean(may_decide && !decision &&
			     (requester != me ||
			      !decided_by_another(requester, json_int(row, "withheld_from")))));
	json_object_set_new(row, "nobody_decides", json_boolean(nobody_decides(row)));
	if (!json_object_get(row, "stand_in"))
		json_object_set_new(row, "stand_in", json_false());
	json_object_del(row, "requester_id");
	json_object_del(row, "withheld_from");
	json_object_del(row, "decider_id");
}

static json_t *label_all(json_t *rows, const struct request *rq, int whole)
{
	size_t i;
	json_t *row;
	int decider = whole && filtering_may_decide(rq);
	json_array_foreach(rows, i, row)
		label(row, rq, decider);
	return rows;
}

/* The rows of the list pass the rule of a request's own handler and of the
 * audit log (FILTER_REQUEST_MAY_OPEN_AS, filtering.h): ?1 the person, ?2
 * their roles.  Written once, so that no list shows what would be 404. */
#define OPENED_BY_READER "WHERE " FILTER_REQUEST_MAY_OPEN_AS("f", "?1", "?2") " IS 1 "

/* The person's own requests, after the withheld requests they decide as
 * the chair standing in, while open (stand_in_role). */
static json_t *own_requests(const struct request *rq, int64_t roles)
{
	json_t *rows = has_role(rq, ROLE_CHAIR)
			       ? db_rows(REQUEST_FROM("INDEXED BY filter_requests_open ")
					 OPENED_BY_READER "AND f.decided_at IS NULL AND "
					 "f.withheld_from IS NOT NULL AND f.requested_by != ?1 "
					 "ORDER BY f.id DESC",
					 "II", rq->user.id, roles)
			       : json_array();
	size_t i;
	json_t *row;
	/* Marked: the page lists them apart from the chair's own. */
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "stand_in", json_true());
	json_t *own = db_rows(REQUEST_COLUMNS OPENED_BY_READER
			      "AND f.requested_by = ?1 ORDER BY f.id DESC",
			      "II", rq->user.id, roles);
	json_array_extend(rows, own);
	json_decref(own);
	return rows;
}

json_t *filter_requests_list(const struct request *rq)
{
	int64_t roles = routable_roles(rq);
	if (!filtering_may_read(rq))
		return label_all(own_requests(rq, roles), rq, 0);
	return label_all(db_rows(WHOLE_TABLE_REPORT REQUEST_COLUMNS OPENED_BY_READER
				 "ORDER BY f.decided_at IS NOT NULL, f.id DESC",
				 "II", rq->user.id, roles),
			 rq, 1);
}

/* Where a notification about one request points: its row on /filtering.
 * Deciding it clears everyone's notification of it (notify_done). */
static char *request_link(int64_t id)
{
	return xasprintf("/filtering#request-%lld", (long long)id);
}

/* Everyone who decides: the network managers and the named senior leader,
 * but never the one asking, nor not_told (0: nobody). */
static void tell_deciders(const struct request *rq, const char *msg, const char *link,
			  int64_t not_told)
{
	notify_role_except("network_manager", rq->user.id, not_told, "filtering_request", msg,
			   link);
	int64_t leader = filtering_named("filtering_leader");
	int is_network_manager = leader && db_int(0,
						  "SELECT count(*) FROM user_roles WHERE user_id "
						  "= ? AND role = 'network_manager'",
						  "I", leader);
	if (leader && leader != rq->user.id && leader != not_told && !is_network_manager)
		notify_user(leader, "filtering_request", msg, link);
	const char *stand_in = stand_in_role(not_told);
	if (stand_in)
		notify_role_except(stand_in, rq->user.id, not_told, "filtering_request", msg, link);
}

/* The person's request still waiting for the same change, or 0. */
static int64_t request_waiting(const struct request *rq, const char *kind, const char *site)
{
	return db_int(0,
		      "SELECT id FROM filter_requests WHERE requested_by = ? AND "
		      "kind = ? AND lower(site) = lower(?) AND decided_at IS NULL",
		      "Itt", rq->user.id, kind, site);
}

/* Inside the caller's transaction: the request as the person's, the deciders
 * told, the log written; its reference in ref.  Returns its id. */
static int64_t request_store(const struct request *rq, const char *kind, const char *site,
			     const char *reason, int64_t not_told, char ref[16])
{
	char at[ISO_LEN];
	iso_now(at);
	int64_t id = db_insert("INSERT INTO filter_requests(kind, site, reason, requested_by, "
			       "requested_at, withheld_from) VALUES (?, ?, ?, ?, ?, nullif(?, 0))",
			       "tttItI", kind, site, reason, rq->user.id, at, not_told);
	snprintf(ref, 16, "F-%05lld", (long long)id);
	char *msg = xasprintf("Filtering request %s: %s %s. It awaits your decision.", ref,
			      strcmp(kind, "block") == 0 ? "block" : "unblock", site);
	char *link = request_link(id);
	tell_deciders(rq, msg, link, not_told);
	free(link);
	free(msg);
	/* The site stays in the request, read by those who may: not in the log. */
	audit(rq, "filtering.request", ref, "kind=%s", kind);
	return id;
}

int64_t filtering_block_ask(const struct request *rq, const char *site, const char *reason,
			    int64_t not_told)
{
	int64_t waiting = request_waiting(rq, "block", site);
	char ref[16];
	return waiting ? waiting : request_store(rq, "block", site, reason, not_told, ref);
}

void filter_request_add(struct request *rq, struct reply *rp)
{
	const char *kind = arg(rq, "kind"), *site = arg(rq, "site");
	char ref[16];
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	int64_t waiting = request_waiting(rq, kind, site);
	char repeat[120];
	snprintf(repeat, sizeof repeat,
		 "You have already asked for this, as F-%05lld; it is waiting for a decision.",
		 (long long)waiting);
	if (reply_refuse_repeat(rp, waiting, repeat) != 0)
		return;
	int64_t id = request_store(rq, kind, site, arg(rq, "reason"), 0, ref);
	if (reply_commit(rp, BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 201,
		   json_pack("{s:{s:I, s:s, s:s, s:s}}", "request", "id", (json_int_t)id,
			     "reference", ref, "kind", kind, "site", site),
		   "/filtering",
		   "Your request has been sent to the network manager. You will see the "
		   "decision here.");
}

/* Who may decide, and whether the request exists for them: 0 to go on. */
static int decide_allowed(const struct request *rq, struct reply *rp, json_t **row)
{
	/* The rule the audit log and the exports share (filtering.h). */
	*row = db_row(REQUEST_COLUMNS "WHERE f.id = ?1 AND "
		      FILTER_REQUEST_MAY_OPEN_AS("f", "?2", "?3") " IS 1",
		      "III", rq->ids[0], rq->user.id, routable_roles(rq));
	int own = *row && json_int(*row, "requester_id") == rq->user.id;
	if (!*row) {
		reply_not_found(rp);
		return -1;
	}
	if (!may_decide_row(rq, filtering_may_decide(rq), json_int(*row, "withheld_from"))) {
		reply_error(rp, 403, NULL,
			    "Only the network manager or the senior leader named for filtering "
			    "decides a request.");
		return -1;
	}
	/* Someone else decides: another decider has it (decided_by_another). */
	if (own && decided_by_another(rq->user.id, json_int(*row, "withheld_from"))) {
		reply_error(rp, 403, NULL,
			    "You asked for this change, so someone else decides it: the other of "
			    "the network manager and the senior leader named for filtering.");
		return -1;
	}
	return 0;
}

void filter_request_decide(struct request *rq, struct reply *rp)
{
	json_t *row;
	if (decide_allowed(rq, rp, &row) != 0) {
		json_decref(row);
		return;
	}
	const char *decision = arg(rq, "decision");
	char at[ISO_LEN], ref[16];
	iso_now(at);
	copy_str(ref, sizeof ref, json_str(row, "reference"));
	int64_t requester = json_int(row, "requester_id");
	json_decref(row);
	if (reply_begin(rp, BUSY_UNSAVED) != 0)
		return;
	db_exec("UPDATE filter_requests SET decision = ?, decision_reason = ?, decided_by = ?, "
		"decided_at = ? WHERE id = ? AND decision IS NULL",
		"ttItI", decision, arg(rq, "decision_reason"), rq->user.id, at, rq->ids[0]);
	int changed = db_changes();
	char *link = request_link(rq->ids[0]);
	if (changed)
		notify_done(link);
	if (changed && requester != rq->user.id) {
		char *msg = xasprintf("Your filtering request %s: %s.", ref,
				      strcmp(decision, "done") == 0 ? "done" : "refused");
		notify_user(requester, "filtering_decision", msg, link);
		free(msg);
	}
	free(link);
	audit(rq, "filtering.decide", ref, "decision=%s", decision);
	if (reply_commit_changed(rp, changed, "decision", "This request has already been decided.",
				 BUSY_UNSAVED) != 0)
		return;
	reply_done(rp, 200,
		   json_pack("{s:{s:I, s:s, s:s}}", "request", "id", (json_int_t)rq->ids[0],
			     "reference", ref, "decision", decision),
		   "/filtering", "The decision has been recorded.");
}

/* "My tasks" of a DSL or chair who stands in (stand_in_role): the withheld
 * requests to block awaiting their decision. */
static void stand_in_tasks(const struct request *rq, json_t *tasks)
{
	if (!has_role(rq, ROLE_DSL | ROLE_CHAIR))
		return;
	json_t *rows = db_rows("SELECT requested_by, withheld_from FROM filter_requests "
			       "INDEXED BY filter_requests_open WHERE decided_at IS NULL AND "
			       "kind = 'block' AND withheld_from IS NOT NULL AND "
			       "withheld_from != ?",
			       "I", rq->user.id);
	int64_t n = 0;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		int64_t asker = json_int(r, "requested_by"), from = json_int(r, "withheld_from");
		n += holds_stand_in(rq, from) &&
		     (asker != rq->user.id || !decided_by_another(asker, from));
	}
	json_decref(rows);
	if (n)
		task_addf(tasks, "filtering_block", "/filtering", 1,
			  "%lld request%s to block a site await%s your decision.", (long long)n,
			  n == 1 ? "" : "s", n == 1 ? "s" : "");
}

/* "My tasks": requests awaiting a decision.  A site to block is urgent:
 * until it is blocked, pupils can reach what was reported. */
void filter_request_tasks(const struct request *rq, json_t *tasks)
{
	if (!filtering_may_decide(rq)) {
		stand_in_tasks(rq, tasks);
		return;
	}
	static const char *const kinds[] = { "block", "unblock" };
	for (int i = 0; i < 2; i++) {
		int64_t n = db_int(0,
				   "SELECT count(*) FROM filter_requests f INDEXED BY "
				   "filter_requests_open " OPENED_BY_READER "AND f.decided_at IS "
				   "NULL AND f.kind = ?3",
				   "IIt", rq->user.id, routable_roles(rq), kinds[i]);
		if (!n)
			continue;
		task_addf(tasks, i == 0 ? "filtering_block" : "filtering_unblock", "/filtering",
			  i == 0, "%lld request%s to %s a site await%s your decision.",
			  (long long)n, n == 1 ? "" : "s", kinds[i], n == 1 ? "s" : "");
	}
}
