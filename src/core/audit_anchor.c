#define _GNU_SOURCE
#include "core/audit_anchor.h"
#include "core/audit.h"
#include "lib/config.h"
#include "db/db.h"
#include "core/mailer.h"
#include "lib/readfile.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ANCHOR_FILE_MAX (256u << 20)

static int kept_fd = -1; /* the server's, opened before the sandbox */
static int may_start;    /* this process may make the file: see audit_anchor_may_start */

const char *audit_anchor_path(void)
{
	static char *derived;
	if (cfg.audit_anchor_file)
		return cfg.audit_anchor_file;
	if (!derived && cfg.db_path)
		derived = xasprintf("%s.anchors", cfg.db_path);
	return derived;
}

void audit_anchor_may_start(void)
{
	may_start = 1;
}

/* Said wherever staffroom stops for it: what the missing file means, and the
 * two ways on. */
static void say_missing(int64_t rows)
{
	static int said;
	if (said++)
		return;
	fprintf(stderr,
		"staffroom: the audit anchor file %s is missing, but the audit log has %lld "
		"rows: the file's heads are what show rows removed from the log's end, and a "
		"new file would start from the log as it is now, hiding any removed before. "
		"Put the file back from where it is kept (the daily anchor e-mails hold its "
		"heads too); if it is lost for good, 'staffroom audit new-anchor --db %s' "
		"starts a new one, recorded in the audit log. No row was added to the audit log\n",
		audit_anchor_path(), (long long)rows, cfg.db_path ? cfg.db_path : "FILE");
}

/* A log the keyed chain has started: anchored from then on, so it has an
 * anchor file (a log carried over from before the key has none yet). */
static int log_anchored(void)
{
	return db_int(0, "SELECT EXISTS (SELECT 1 FROM audit WHERE action = ?)", "t",
		      AUDIT_START_ACTION) == 1;
}

/* The file is made only by a process that started the log or its anchors
 * anew (a new database, restore, audit new-anchor): made by anyone else, a
 * deleted file would come back holding only the head of a log cut short
 * meanwhile, and `audit verify` would find that log intact. */
static int open_anchor_file(void)
{
	const char *path = audit_anchor_path();
	if (!path)
		return -1;
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | (may_start ? O_CREAT : 0), 0600);
	int err = errno;
	if (fd < 0 && err == ENOENT)
		say_missing(db_int(0, "SELECT count(*) FROM audit", ""));
	errno = err;
	return fd;
}

int audit_anchor_check(void)
{
	struct stat st;
	const char *path = audit_anchor_path();
	if (may_start || !path || stat(path, &st) == 0 || errno != ENOENT || !log_anchored())
		return 0;
	say_missing(db_int(0, "SELECT count(*) FROM audit", ""));
	return -1;
}

int audit_anchor_open(void)
{
	if (kept_fd < 0)
		kept_fd = open_anchor_file();
	return kept_fd < 0 ? -1 : 0;
}

void audit_anchor_close(void)
{
	if (kept_fd >= 0)
		close(kept_fd);
	kept_fd = -1;
}

struct head {
	int64_t id, rows;
	char hash[65];
};

/* The anchor file's last line, as a head; -1 when there is none. */
static int last_anchor(struct head *a)
{
	size_t len;
	char *text = read_whole_file(audit_anchor_path(), &len, ANCHOR_FILE_MAX);
	if (!text)
		return -1;
	char *last = text;
	for (char *p = text; *p; p++)
		if (*p == '\n' && p[1])
			last = p + 1;
	char at[ISO_LEN];
	long long id = 0, rows = 0;
	int ok = sscanf(last, "%23s %lld %64s %lld", at, &id, a->hash, &rows) == 4;
	free(text);
	a->id = id;
	a->rows = rows;
	return ok ? 0 : -1;
}

/* The rows up to the head: those the last anchor counted, when its row is
 * still there with its hash, and the rows after it.  Counting the whole log
 * read every page of a large trust's two million rows at each start.  Rows
 * removed since that anchor are then not subtracted, so the new anchor
 * still says they were there, and `audit verify` reports them. */
static int64_t rows_up_to(const struct head *h, const struct head *last)
{
	if (last && last->id <= h->id) {
		char *have = db_text("SELECT hash FROM audit WHERE id = ?", "I", last->id);
		int same = have && strcmp(have, last->hash) == 0;
		free(have);
		if (same)
			return last->rows + db_int(0,
						   "SELECT count(*) FROM audit WHERE id > ? "
						   "AND id <= ?",
						   "II", last->id, h->id);
	}
	return db_int(0, "SELECT count(*) FROM audit WHERE id <= ?", "I", h->id);
}

/* The log's last row: its id and hash. */
static int read_last_row(struct head *h)
{
	json_t *r = db_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", "");
	if (!r)
		return -1;
	h->id = json_int(r, "id");
	copy_str(h->hash, sizeof h->hash, json_str(r, "hash"));
	json_decref(r);
	return 0;
}

/* The log's last row and the number of rows up to it. */
static int read_head(struct head *h)
{
	struct head last;
	int have_last = last_anchor(&last) == 0;
	if (read_last_row(h) != 0)
		return -1;
	h->rows = rows_up_to(h, have_last ? &last : NULL);
	return 0;
}

static int append_line(const struct head *h)
{
	char at[ISO_LEN];
	iso_now(at);
	char *line =
		xasprintf("%s %lld %s %lld\n", at, (long long)h->id, h->hash, (long long)h->rows);
	int fd = kept_fd >= 0 ? kept_fd : open_anchor_file();
	size_t len = strlen(line);
	int ok = fd >= 0 && write(fd, line, len) == (ssize_t)len && fsync(fd) == 0;
	if (fd >= 0 && fd != kept_fd)
		close(fd);
	free(line);
	if (!ok)
		fprintf(stderr, "staffroom: could not append the audit log's head to %s: %s\n",
			audit_anchor_path() ? audit_anchor_path() : "(no file)", strerror(errno));
	return ok ? 0 : -1;
}

int audit_anchor_write(void)
{
	struct head h, last;
	if (read_last_row(&h) != 0)
		return 0;
	int have_last = last_anchor(&last) == 0;
	if (have_last && last.id == h.id && strcmp(last.hash, h.hash) == 0)
		return 0; /* the file names this head already */
	h.rows = rows_up_to(&h, have_last ? &last : NULL);
	return append_line(&h);
}

/* The UK calendar day t falls on, "2026-06-16": the school's day, so that the
 * anchor of 00:30 BST belongs to the day the headteacher is living, not to the
 * UTC one that ended an hour before (the day number is a date at 00:00 UTC). */
static void uk_date(time_t t, char out[11])
{
	iso_date((time_t)uk_day_number(t) * 86400, out);
}

/* Records today's head as the day's anchor (inside the caller's transaction):
 * 1 when this call recorded it, 0 when it was already done. */
static int claim_today(const struct head *h, time_t t)
{
	char today[11], at[ISO_LEN];
	uk_date(t, today);
	iso_now(at);
	/* One server (or FastCGI process) of several wins the day. */
	db_exec("INSERT INTO audit_anchor_days(day, row_id, hash, rows, at) VALUES (?,?,?,?,?) ON "
		"CONFLICT DO NOTHING",
		"tItIt", today, h->id, h->hash, h->rows, at);
	return db_changes() == 1;
}

int audit_anchor_note_today(void)
{
	struct head h;
	if (read_head(&h) != 0 || db_begin() != 0)
		return -1;
	claim_today(&h, now());
	return db_commit() == 0 ? 0 : -1;
}

/* "1 December 2026": the UK day of t in words, the day the e-mail is kept under. */
static void date_in_words(time_t t, char out[32])
{
	time_t day = (time_t)uk_day_number(t) * 86400;
	struct tm tm;
	gmtime_r(&day, &tm);
	strftime(out, 32, "%-d %B %Y", &tm);
}

/* The e-mail says only how long the log is and its head: no case, no name. */
static void queue_mail(const struct head *h, const char *words)
{
	if (!mail_enabled())
		return;
	char *school =
		cfg.school_name
			? xstrdup(cfg.school_name)
			: db_text("SELECT value FROM settings WHERE key = 'school_name'", "");
	const char *name = school ? school : "your school";
	char *subject = xasprintf("Daily audit anchor (%s)", name);
	char *body = xasprintf("The audit log's daily anchor for %s, %s.\n\n"
			       "Rows in the log: %lld\nNewest row: %lld\nIts keyed hash: %s\n\n"
			       "Please keep this e-mail. The audit log can only grow: when it is "
			       "checked (staffroom audit verify), "
			       "row %lld must still be there with this hash. If it is not, rows "
			       "were removed or rewritten.\n\n"
			       "-- \nSent by staffroom for %s to its headteacher, once a day.\n",
			       name, words, (long long)h->rows, (long long)h->id, h->hash,
			       (long long)h->id, name);
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO outbox(user_id, to_addr, subject, body, created_at, next_attempt_at) "
		"SELECT u.id, u.email, ?, ?, ?, 0 FROM users u JOIN user_roles r ON r.user_id = "
		"u.id "
		"WHERE r.role = 'headteacher' AND u.active = 1",
		"ttt", subject, body, at);
	free(subject);
	free(body);
	free(school);
}

void audit_anchor_daily(void)
{
	char today[11], words[32];
	time_t t = now();
	uk_date(t, today);
	if (db_int(0, "SELECT count(*) FROM audit_anchor_days WHERE day = ?", "t", today))
		return;
	struct head h;
	if (db_begin() != 0)
		return;
	if (read_head(&h) != 0 || !claim_today(&h, t)) {
		db_rollback();
		return;
	}
	date_in_words(t, words);
	queue_mail(&h, words);
	if (db_commit() != 0)
		return;
	append_line(&h);
}

static int check_anchor(const char *line, int lineno, int64_t last_id, char *why, size_t n)
{
	char at[ISO_LEN], hash[65];
	long long id = 0, rows = 0;
	if (sscanf(line, "%23s %lld %64s %lld", at, &id, hash, &rows) != 4) {
		snprintf(why, n, "line %d of the anchor file %s is not an anchor", lineno,
			 audit_anchor_path());
		return 1;
	}
	if (id > last_id) {
		snprintf(why, n,
			 "rows were removed from the end: the log ends at row %lld, but the anchor "
			 "of %s names row %lld",
			 (long long)last_id, at, id);
		return 1;
	}
	char *have = db_text("SELECT hash FROM audit WHERE id = ?", "I", (int64_t)id);
	int64_t count = db_int(0, "SELECT count(*) FROM audit WHERE id <= ?", "I", (int64_t)id);
	int same = have && strcmp(have, hash) == 0;
	free(have);
	if (!same) {
		snprintf(why, n, "row %lld is not the row anchored on %s: the log was rewritten",
			 id, at);
		return 1;
	}
	if (count != rows) {
		snprintf(why, n,
			 "the anchor of %s counted %lld rows up to row %lld, the log now has %lld: "
			 "rows were removed",
			 at, rows, id, (long long)count);
		return 1;
	}
	return 0;
}

static int check_anchors(int64_t last_id, char *why, size_t n)
{
	size_t len;
	char *text = read_whole_file(audit_anchor_path(), &len, ANCHOR_FILE_MAX);
	if (!text && errno == ENOENT) {
		snprintf(why, n,
			 "the anchor file %s is missing, so rows removed from the log's end "
			 "cannot be seen (deleting the file is how they would be hidden). Put "
			 "it back from where it is kept (the daily anchor e-mails hold its "
			 "heads too); if it is lost for good, 'staffroom audit new-anchor' "
			 "starts a new one, recorded in the audit log",
			 audit_anchor_path());
		return AUDIT_UNANCHORED;
	}
	if (!text) {
		snprintf(why, n,
			 "the anchor file %s cannot be read (%s), so rows removed from the end "
			 "could not be looked for",
			 audit_anchor_path() ? audit_anchor_path() : "(none)", strerror(errno));
		return AUDIT_UNCHECKED;
	}
	int bad = 0, lineno = 0;
	for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && !bad;
	     line = strtok_r(NULL, "\n", &save))
		bad = check_anchor(line, ++lineno, last_id, why, n);
	if (!bad && lineno == 0)
		bad = snprintf(why, n, "the anchor file %s is empty", audit_anchor_path()) > 0;
	free(text);
	return bad;
}

int audit_check(char *why, size_t n)
{
	int64_t last = db_int(0, "SELECT coalesce(max(id), 0) FROM audit", "");
	if (last == 0) {
		snprintf(why, n,
			 "the audit log is empty, but it always keeps at least the row that starts "
			 "its keyed "
			 "chain: every row was removed");
		return 1;
	}
	if (audit_verify_chain(why, n) != 0)
		return 1;
	return check_anchors(last, why, n);
}

int audit_anchor_start_new(char *why, size_t n)
{
	struct stat st;
	const char *path = audit_anchor_path();
	struct head h;
	if (!path || stat(path, &st) == 0) {
		snprintf(why, n,
			 "the anchor file %s is there: a new one starts only in place of a lost "
			 "one (nothing was changed)",
			 path ? path : "(none)");
		return -1;
	}
	if (errno != ENOENT) {
		snprintf(why, n, "cannot tell whether the anchor file %s is there: %s", path,
			 strerror(errno));
		return -1;
	}
	if (read_last_row(&h) != 0) {
		snprintf(why, n, "the audit log is empty: run 'staffroom audit verify'");
		return -1;
	}
	int64_t rows = db_int(0, "SELECT count(*) FROM audit", "");
	char *detail = xasprintf("the anchor file %s was missing when the log ended at row %lld "
				 "(%lld rows); a new one starts at this row, and shows no rows "
				 "removed from the end before it",
				 path, (long long)h.id, (long long)rows);
	int rc = db_begin();
	if (rc == 0) {
		audit_as(0, "command line", "", "audit.anchor_new", path, detail);
		rc = db_commit();
	}
	free(detail);
	if (rc != 0) {
		snprintf(why, n, "could not write to the audit log: nothing was changed");
		return -1;
	}
	may_start = 1;
	if (audit_anchor_write() != 0) {
		snprintf(why, n, "could not make the anchor file %s", path);
		return -1;
	}
	return 0;
}

int64_t audit_anchor_started_anew(char at[ISO_LEN])
{
	json_t *r = db_row("SELECT id, at FROM audit WHERE action = 'audit.anchor_new' "
			   "ORDER BY id DESC LIMIT 1",
			   "");
	int64_t id = r ? json_int(r, "id") : 0;
	copy_str(at, ISO_LEN, r ? json_str(r, "at") : "");
	json_decref(r);
	return id;
}
