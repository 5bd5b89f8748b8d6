/* What the incident queue shows of each case so that it reads at a glance:
 * statuses by their names, a one-line summary, the one deadline that comes
 * next, and the counts as links to their lists.  The rows themselves are
 * read (and access-checked) by concern_case.c. */
#define _GNU_SOURCE
#include "core/notify.h"
#include "features/concerns/concern_internal.h"
#include "lib/json_get.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *concern_status_label(const char *code)
{
	const char *name = name_of(NAME_CONCERN_STATUS, code);
	return name ? name : code ? code : "";
}

/* The byte length of the first `chars` characters of UTF-8 text s (or all of it). */
static size_t utf8_prefix(const char *s, size_t len, size_t chars)
{
	size_t i = 0;
	for (size_t n = 0; i < len && n < chars; n++)
		do
			i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

char *concern_summary_line(const char *text, size_t max_chars)
{
	if (!text)
		return xstrdup("");
	size_t len = strcspn(text, "\r\n"), cut = utf8_prefix(text, len, max_chars);
	int more = text[len] != 0 || cut < len;
	if (cut < len) {
		/* At the last space, unless that would leave too little to read. */
		size_t sp = cut;
		while (sp > 0 && text[sp] != ' ')
			sp--;
		if (sp > cut / 2)
			cut = sp;
	}
	while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ';'))
		cut--;
	return xasprintf("%.*s%s", (int)cut, text, more ? "\xe2\x80\xa6" : "");
}

/* The one deadline that applies next: the acknowledgement while the case is
 * new, or the earliest legal clock still running, whichever comes first. */
static void next_deadline(json_t *row, const char *at)
{
	const char *due = NULL, *what = NULL;
	const char *legal = json_str(row, "deadline_due");
	const char *st = json_str(row, "status");
	if (st && strcmp(st, "new") == 0 && json_str(row, "due_by")) {
		due = json_str(row, "due_by");
		what = "Acknowledge";
	}
	if (legal && (!due || strcmp(legal, due) < 0)) {
		due = legal;
		what = concern_deadline_name(json_str(row, "deadline_kind"));
	}
	json_object_set_new(row, "next_due", due ? json_string(due) : json_null());
	json_object_set_new(row, "next_what", what ? json_string(what) : json_null());
	json_object_set_new(row, "next_overdue", json_boolean(due && strcmp(due, at) < 0));
}

void concern_queue_rows(json_t *rows, const char *at)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		char *line = concern_summary_line(json_str(row, "summary"), 100);
		json_object_set_new(row, "summary", json_string(line));
		free(line);
		json_object_set_new(row, "status_label",
				    json_string(concern_status_label(json_str(row, "status"))));
		next_deadline(row, at);
	}
}

/* The status filter: open cases (the default), each status, or all. */
json_t *concern_queue_statuses(const char *selected)
{
	const char *sel = selected ? selected : "open";
	json_t *a = json_array();
	json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", "open", "label",
					   "Open cases", "selected", strcmp(sel, "open") == 0));
#define STATUS_OPTION_(c, words)                                                          \
	json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", c, "label", words, \
					   "selected", strcmp(sel, c) == 0));
	CONCERN_STATUS_LIST(STATUS_OPTION_)
	json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code", "all", "label", "All cases",
					   "selected", strcmp(sel, "all") == 0));
	return a;
}

/* The counts at the top of the queue, each a link to its list. */
json_t *concern_count_links(const json_t *counts)
{
	json_t *a = json_array();
#define COUNT_LINK_(c, words)                                                          \
	json_array_append_new(a, json_pack("{s:s, s:I, s:s, s:b}", "label", words, "n", \
					   (json_int_t)json_int(counts, c), "link",     \
					   "/concerns?status=" c, "alert", 0));
	CONCERN_STATUS_LIST(COUNT_LINK_)
	json_int_t overdue = json_int(counts, "overdue");
	json_array_append_new(a, json_pack("{s:s, s:I, s:s, s:b}", "label", "Overdue", "n",
					   overdue, "link", "/concerns?overdue=yes", "alert",
					   overdue > 0));
	return a;
}

/* The filters as a query string ending in "&", for the page links; the
 * values have passed the route's F_CHOICE checks, so they need no escaping
 * beyond the template's. */
char *concern_queue_query(const char *status, const char *category, int assigned, int overdue,
			  int deadline)
{
	return xasprintf("%s%s%s%s%s%s%s%s%s", status ? "status=" : "", status ? status : "",
			 status ? "&" : "", category ? "category=" : "", category ? category : "",
			 category ? "&" : "", assigned ? "assigned=yes&" : "",
			 overdue ? "overdue=yes&" : "", deadline ? "deadline=overdue&" : "");
}

void concern_notes_done(int64_t concern_id, const char *was, const char *now_status)
{
	if (!was || !now_status || strcmp(was, now_status) == 0)
		return;
	if (strcmp(was, "new") != 0 && strcmp(now_status, "closed") != 0)
		return;
	char link[40];
	snprintf(link, sizeof link, "/concerns/%lld", (long long)concern_id);
	notify_done(link);
}
