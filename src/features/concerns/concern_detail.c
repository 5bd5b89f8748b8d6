/* An event's stored details, parsed.  Events are never edited, yet a case
 * page parsed every event's details on every view (json_loads was a tenth
 * of the page).  Each parse is kept, shared read only (jansson counts
 * references atomically), and handed out again while the stored text is
 * the same: the text is compared, so an event id used again after a
 * deletion is parsed anew.  A fixed table: a full slot is replaced.
 * A concern deleted under the retention schedule takes its events' parses
 * with it (concern_details_forget), as secure_delete takes them from the
 * file. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "features/concerns/concerns.h"
#include "db/db.h"
#include "lib/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { DETAIL_SLOTS = 4096 };
static struct {
	int64_t id;
	char *text;
	json_t *detail;
} slots[DETAIL_SLOTS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;

json_t *concern_event_detail(int64_t event_id, const char *text)
{
	if (!text)
		text = "{}";
	size_t k = (size_t)event_id % DETAIL_SLOTS;
	json_t *d = NULL;
	pthread_mutex_lock(&slots_lock);
	if (slots[k].detail && slots[k].id == event_id && strcmp(slots[k].text, text) == 0)
		d = json_incref(slots[k].detail);
	pthread_mutex_unlock(&slots_lock);
	if (d)
		return d;
	d = json_loads(text, 0, NULL);
	if (!d)
		return NULL;
	char *kept = xstrdup(text);
	pthread_mutex_lock(&slots_lock);
	char *old_text = slots[k].text;
	json_t *old = slots[k].detail;
	slots[k].id = event_id;
	slots[k].text = kept;
	slots[k].detail = json_incref(d);
	pthread_mutex_unlock(&slots_lock);
	free(old_text);
	json_decref(old);
	return d;
}

/* Empties event EVENT_ID's slot if it holds that event. */
static void forget_event(int64_t event_id)
{
	size_t k = (size_t)event_id % DETAIL_SLOTS;
	char *text = NULL;
	json_t *detail = NULL;
	pthread_mutex_lock(&slots_lock);
	if (slots[k].detail && slots[k].id == event_id) {
		text = slots[k].text;
		detail = slots[k].detail;
		slots[k].id = 0;
		slots[k].text = NULL;
		slots[k].detail = NULL;
	}
	pthread_mutex_unlock(&slots_lock);
	free(text);
	json_decref(detail);
}

/* UK GDPR article 5(1)(e): what is past its retention date is not kept,
 * in memory either.  Read before the events are deleted; a rollback
 * afterwards only costs a parse on the next view.  A view of the case that
 * read its events before the deletion committed may still keep one parse
 * until its slot is reused; it is never shown, as the case is gone. */
void concern_details_forget(int64_t concern_id)
{
	sqlite3_stmt *st = db_stmt("SELECT id FROM concern_events WHERE concern_id = ?", "I",
				   concern_id);
	while (st && db_step(st) == SQLITE_ROW)
		forget_event(sqlite3_column_int64(st, 0));
	if (st)
		sqlite3_reset(st);
}
