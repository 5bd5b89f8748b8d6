#define _GNU_SOURCE
/* Notifications: written, e-mailed through the outbox, and cleared (notify.h). */
#include "core/notify.h"
#include "db/db.h"
#include "core/mailer.h"
#include "lib/util.h"

/* The newest notification id before an insert: everything after it is
 * what this call added, and gets its e-mail in the same transaction. */
static int64_t notify_mark(void)
{
	return db_int(0, "SELECT coalesce(max(id), 0) FROM notifications", "");
}

static void notify_mail_since(int64_t mark)
{
	mail_queue_notifications(mark);
}

void notify_user(int64_t user_id, const char *kind, const char *message, const char *link)
{
	char at[ISO_LEN];
	iso_now(at);
	int64_t mark = notify_mark();
	db_exec("INSERT INTO notifications(user_id, kind, message, link, created_at) VALUES "
		"(?,?,?,?,?)",
		"Itttt", user_id, kind, message, link, at);
	notify_mail_since(mark);
}

/* Everyone active holding role but not unless_role, except two people. */
static void tell_role(const char *role, const char *unless_role, int64_t except_a, int64_t except_b,
		      const char *kind, const char *message, const char *link)
{
	char at[ISO_LEN];
	iso_now(at);
	int64_t mark = notify_mark();
	db_exec("INSERT INTO notifications(user_id, kind, message, link, created_at) "
		"SELECT u.id, ?, ?, ?, ? FROM users u JOIN user_roles r ON r.user_id = u.id "
		"WHERE r.role = ? AND u.active = 1 AND u.id != ? AND u.id != ? AND NOT EXISTS "
		"(SELECT 1 FROM user_roles x WHERE x.user_id = u.id AND x.role = ?)",
		"tttttIIt", kind, message, link, at, role, except_a, except_b, unless_role);
	notify_mail_since(mark);
}

void notify_role(const char *role, int64_t except_user, const char *kind, const char *message,
		 const char *link)
{
	tell_role(role, "", except_user, except_user, kind, message, link);
}

void notify_role_except(const char *role, int64_t except_a, int64_t except_b, const char *kind,
			const char *message, const char *link)
{
	tell_role(role, "", except_a, except_b, kind, message, link);
}

void notify_role_unless(const char *role, const char *unless_role, int64_t except_user,
			const char *kind, const char *message, const char *link)
{
	tell_role(role, unless_role, except_user, except_user, kind, message, link);
}

int64_t notify_roles(unsigned roles, int64_t except_user, const char *kind, const char *message,
		     const char *link)
{
	char at[ISO_LEN];
	iso_now(at);
	int64_t mark = notify_mark();
	/* role_bits first, a handful of rows, so each role is looked up in
	 * user_roles by its index. */
	db_exec("INSERT INTO notifications(user_id, kind, message, link, created_at) "
		"SELECT DISTINCT u.id, ?, ?, ?, ? FROM role_bits b CROSS JOIN user_roles r "
		"ON r.role = b.role JOIN users u ON u.id = r.user_id "
		"WHERE (b.bit & ?) != 0 AND u.active = 1 AND u.id != ?",
		"ttttII", kind, message, link, at, (int64_t)roles, except_user);
	int64_t told = db_changes();
	notify_mail_since(mark);
	return told;
}

void notify_done(const char *link)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("UPDATE notifications SET read_at = ? WHERE link = ? AND read_at IS NULL", "tt", at,
		link);
}

void notify_seen(int64_t user_id, const char *link)
{
	/* Most views have nothing unread to mark: an UPDATE would still open
	 * the table and its indexes for writing, which costs far more than
	 * looking through the index of unread notifications first. */
	if (!db_int(0,
		    "SELECT EXISTS (SELECT 1 FROM notifications WHERE link = ? AND read_at IS NULL "
		    "AND user_id = ?)",
		    "tI", link, user_id))
		return;
	char at[ISO_LEN];
	iso_now(at);
	db_exec("UPDATE notifications SET read_at = ? WHERE user_id = ? AND link = ? AND read_at "
		"IS NULL",
		"tIt", at, user_id, link);
}
