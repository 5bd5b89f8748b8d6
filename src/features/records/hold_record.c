/* Which record a legal hold is placed on.  The review lists a record by its
 * number; a concern is known to staff by its reference everywhere else (its
 * page, the queue, the e-mails), so that is taken too: a hold is often asked
 * for by someone who has only the reference in hand (a claim, the police). */
#include "features/records/hold_record.h"
#include "db/db.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int64_t hold_record_id(const char *type, const char *typed, int *by_reference)
{
	*by_reference = 0;
	size_t n = strspn(typed, "0123456789");
	if (n && n <= 18 && typed[n] == 0) {
		long long id = strtoll(typed, NULL, 10);
		return id > 0 ? id : -1;
	}
	if (strcmp(type, "concern") != 0 || strncasecmp(typed, "C-", 2) != 0 ||
	    strlen(typed) > 31)
		return -1;
	/* References are stored in capitals ("C-2026-000123"). */
	char ref[32];
	for (n = 0; typed[n]; n++)
		ref[n] = (char)toupper((unsigned char)typed[n]);
	ref[n] = 0;
	*by_reference = 1;
	return db_int(0, "SELECT id FROM concerns WHERE reference = ?", "t", ref);
}
