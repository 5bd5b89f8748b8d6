/* A policy's review date, as the schools write it: a date, or a term
 * (wynstones: "Review Date: Michaelmas Term 2019").  A term is kept in the
 * words typed and shown so; the date it stands for (the term's first day)
 * orders the policies and starts the reminders.  Autumn and Michaelmas
 * terms start on 1 September, Spring and Lent on 1 January, Summer and
 * Trinity on the school's date (settings: summer_term_starts, MM-DD,
 * 1 April unless set). */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "db/db.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *word;
	const char *starts; /* MM-DD, or NULL: the school's summer date */
} terms[] = {
	{ "Autumn", "09-01" }, { "Michaelmas", "09-01" }, { "Spring", "01-01" },
	{ "Lent", "01-01" },   { "Summer", NULL },        { "Trinity", NULL },
};

static void summer_starts(char out[6])
{
	char *v = db_text("SELECT value FROM settings WHERE key = 'summer_term_starts'", "");
	int y, m, d;
	char probe[11];
	snprintf(probe, sizeof probe, "2001-%.5s", v ? v : "");
	/* Anything but a real MM-DD (2001 is not a leap year) is the default. */
	snprintf(out, 6, "%s", v && strlen(v) == 5 && parse_date(probe, &y, &m, &d) == 0 ? v
										: "04-01");
	free(v);
}

/* "Michaelmas Term 2027": 0 with the term's first day in date and its
 * words, capitalised as the table has them, in words; -1 otherwise. */
static int term_date(const char *in, char date[11], char words[40])
{
	char name[16], term[8], tail;
	int year;
	if (sscanf(in, " %15[A-Za-z] %7[A-Za-z] %4d %c", name, term, &year, &tail) != 3 ||
	    strcasecmp(term, "term") != 0 || year < 2000 || year > 2999)
		return -1;
	for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
		if (strcasecmp(name, terms[i].word) != 0)
			continue;
		char summer[6];
		if (!terms[i].starts)
			summer_starts(summer);
		snprintf(date, 11, "%04d-%.5s", year, terms[i].starts ? terms[i].starts : summer);
		snprintf(words, 40, "%s Term %04d", terms[i].word, year);
		return 0;
	}
	return -1;
}

/* The month named by its English name or its first three letters; 0 if none. */
static int month_named(const char *name)
{
	for (int m = 1; m <= 12; m++)
		if (strcasecmp(name, month_name(m)) == 0 ||
		    (strlen(name) == 3 && strncasecmp(name, month_name(m), 3) == 0))
			return m;
	return 0;
}

/* A date as a UK reader writes it, "1/9/2027" (day first) or "1 September
 * 2027": 0 with it as YYYY-MM-DD in date, -1 otherwise. */
static int uk_written_date(const char *in, char date[11])
{
	int d, m = 0, y, yy, mm, dd;
	char name[12], tail;
	if (sscanf(in, " %2d/%2d/%4d %c", &d, &m, &y, &tail) != 3 &&
	    (sscanf(in, " %2d %11[A-Za-z] %4d %c", &d, name, &y, &tail) != 3 ||
	     !(m = month_named(name))))
		return -1;
	if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	char iso[16];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
	if (parse_date(iso, &yy, &mm, &dd) != 0)
		return -1; /* 31 April, 29 February of a common year */
	memcpy(date, iso, 11);
	return 0;
}

int review_due_parse(const char *in, char date[11], char words[40])
{
	int y, m, d;
	words[0] = 0;
	if (in && strlen(in) == 10 && parse_date(in, &y, &m, &d) == 0) {
		memcpy(date, in, 11);
		return 0;
	}
	if (in && uk_written_date(in, date) == 0)
		return 0;
	return in ? term_date(in, date, words) : -1;
}
