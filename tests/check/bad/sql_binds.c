/* Each call has a mistake sqlcheck must report (sql_binds.expect). */
#include "db/db.h"

#include <stdlib.h>

#define MAY_SEE(t) " AND " t ".id = ?"

void example(int64_t id);

void example(int64_t id)
{
	db_exec("UPDATE users SET name = ? WHERE id = ?", "t", "Ann");
	json_decref(db_rows("SELECT name FROM users u WHERE 1"
			    MAY_SEE("u"), ""));
	db_int(0, "SELECT count(*) FROM no_such_table WHERE id = ?", "I", id);
	free(db_text("SELECT name FROM users WHERE id = ?", "x", id));
	json_decref(db_row("SELECT 1; SELECT 2", ""));
}
