/* action=device on POST /concerns/{id}/events: a phone, tablet or computer
 * confiscated or searched, recorded in the case's chronology.  DfE,
 * "Searching, screening and confiscation: advice for schools" (July 2022):
 * the school records what was searched or confiscated, by whom, when, and
 * what was done with it (kept, returned, handed to the police).  Allowed on
 * every open case, not only image reports: devices are taken for bullying
 * and threats too.  An internal event: the reporter never sees it. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "db/db.h"
#include "lib/uk_time.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

int concern_done_at(const struct request *rq, struct reply *rp, const struct ev *e,
		    const char *what, char out[ISO_LEN])
{
	const char *when = arg(rq, "done_at");
	if (!when) {
		snprintf(out, ISO_LEN, "%s", e->at);
		return 0;
	}
	char utc[ISO_LEN];
	if (uk_local_past_to_utc(when, utc) != 0) {
		reply_error(rp, 400, "done_at", "%s cannot be in the future.", what);
		return 400;
	}
	/* Nothing is done about what happened before it happened: a mistyped
	 * year would put the chronology out of order. */
	char *occurred = db_text("SELECT occurred_at FROM concerns WHERE id = ?", "I", e->id);
	if (occurred && strcmp(utc, occurred) < 0) {
		char words[40];
		uk_time_words(occurred, words, sizeof words);
		reply_error(rp, 400, "done_at", "%s cannot be before %s, when it happened.", what,
			    words);
		free(occurred);
		return 400;
	}
	free(occurred);
	snprintf(out, ISO_LEN, "%s", utc);
	return 0;
}

int concern_device(const struct request *rq, struct reply *rp, const struct ev *e)
{
	char when[ISO_LEN];
	int st = concern_done_at(rq, rp, e,
				 "When the device was confiscated or searched",
				 when);
	if (st)
		return st;
	/* Words, not an account: the person may be a police officer or a
	 * visiting searcher who has no staffroom account. */
	const char *by = arg(rq, "done_by") ? arg(rq, "done_by") : rq->user.name;
	concern_add_event(rq, e, "device",
			  json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "text", arg(rq, "text"),
				    "device", or_empty(arg(rq, "device")), "done_by", by, "done_at",
				    when, "kept_at", or_empty(arg(rq, "kept_at")), "handed_to",
				    or_empty(arg(rq, "handed_to"))),
			  1);
	return 0;
}

static const char *member(const json_t *d, const char *key)
{
	return or_empty(json_string_value(json_object_get(d, key)));
}

char *concern_device_text(const json_t *d)
{
	const char *dev = member(d, "device"), *kept = member(d, "kept_at"),
		   *handed = member(d, "handed_to");
	char when[64];
	uk_time_words(member(d, "done_at"), when, sizeof when);
	return xasprintf("Device confiscated or searched%s%s%s by %s at %s%s%s%s%s",
			 *dev ? " (" : "", dev, *dev ? ")" : "", member(d, "done_by"), when,
			 *kept ? "; kept at: " : "", kept, *handed ? "; handed to: " : "", handed);
}
