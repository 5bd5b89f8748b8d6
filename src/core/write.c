#include "core/write.h"
#include "db/db.h"

void reply_busy(struct reply *rp, const char *message)
{
	reply_error(rp, 503, NULL, "%s", message);
	rp->retry_after = 2;
}

int reply_begin(struct reply *rp, const char *busy)
{
	if (db_begin() == 0)
		return 0;
	reply_busy(rp, busy);
	return -1;
}

int reply_commit(struct reply *rp, const char *busy)
{
	if (db_commit() == 0)
		return 0;
	reply_busy(rp, busy);
	return -1;
}

int reply_commit_changed(struct reply *rp, int changed, const char *field, const char *conflict,
			 const char *busy)
{
	if (!changed) {
		db_rollback();
		reply_error(rp, 409, field, "%s", conflict);
		return -1;
	}
	return reply_commit(rp, busy);
}

int reply_refuse_repeat(struct reply *rp, int64_t existing, const char *message)
{
	if (!existing)
		return 0;
	db_rollback();
	reply_error(rp, 409, NULL, "%s", message);
	return -1;
}

void repeat_since(char out[ISO_LEN])
{
	iso_time(now() - REPEAT_WINDOW, out);
}
