/* Compiles as it is; with -DNOT_LITERAL the SQL is a variable, which db.h
 * must refuse at compile time. */
#include "db/db.h"

int example(void);

int example(void)
{
#ifdef NOT_LITERAL
	const char *sql = "DELETE FROM sessions";
#else
#define sql "DELETE FROM sessions"
#endif
	return db_exec(sql, "");
}
