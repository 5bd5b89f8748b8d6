#define _GNU_SOURCE
#include "notify.h"
#include "db.h"
#include "util.h"

void notify_user(int64_t user_id, const char *kind, const char *message, const char *link)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO notifications(user_id, kind, message, link, created_at) VALUES (?,?,?,?,?)", "Itttt",
		user_id, kind, message, link, at);
}

void notify_role(const char *role, int64_t except_user, const char *kind, const char *message, const char *link)
{
	char at[ISO_LEN];
	iso_now(at);
	db_exec("INSERT INTO notifications(user_id, kind, message, link, created_at) "
		"SELECT u.id, ?, ?, ?, ? FROM users u JOIN user_roles r ON r.user_id = u.id "
		"WHERE r.role = ? AND u.active = 1 AND u.id != ?", "tttttI", kind, message, link, at, role, except_user);
}
