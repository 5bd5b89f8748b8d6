/* Choosing a password: the rules of password_rules.h, in the order that
 * gives the most useful message (a common password is said to be common,
 * not merely short). */
#define _GNU_SOURCE
#include "core/password_rules.h"
#include "core/auth.h"
#include "core/twofactor.h"
#include "db/db.h"
#include "lib/config.h"
#include "lib/util.h"

#include <stddef.h> /* crack.h uses size_t */
#include <crack.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOO_COMMON                                                                          \
	"This password is in a list of common passwords and words, or is one of them with a " \
	"few letters changed: choose a less common one, such as three unrelated words."
#define TOO_SIMPLE                                                                           \
	"This password is too simple: it repeats characters or follows a pattern. Choose one " \
	"that is harder to guess, such as three unrelated words."
#define TOO_PERSONAL                                                                     \
	"This password is too close to the name or e-mail address of the person it is for: " \
	"choose another."
#define UNCHECKED                                                                         \
	"Passwords cannot be checked just now (the list of common passwords cannot be read). " \
	"Please tell the school's administrator."

static const char unchecked[] = UNCHECKED, too_personal[] = TOO_PERSONAL;

/* cracklib keeps its dictionary and rules in static state. */
static pthread_mutex_t crack_mu = PTHREAD_MUTEX_INITIALIZER;

int password_min(unsigned roles)
{
	return roles & twofactor_required_roles() ? PASSWORD_MIN_TWOFACTOR : PASSWORD_MIN;
}

/* cracklib reports a dictionary it cannot open with perror(), which dup()s
 * standard error: a call the system-call filter forbids, so the whole server
 * would stop.  Its files are looked at first. */
static int dictionary_readable(void)
{
	static const char *const parts[] = { ".pwd", ".pwi" };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		char *path = xasprintf("%s%s", GetDefaultCracklibDict(), parts[i]);
		int ok = access(path, R_OK) == 0;
		free(path);
		if (!ok)
			return 0;
	}
	return 1;
}

/* cracklib's own reasons ("it is based on a dictionary word") in the words
 * of the form; NULL when it has none. */
static const char *crack_problem(const char *password, const struct password_owner *who)
{
	if (!dictionary_readable())
		return unchecked;
	char *local = who && who->email ? xstrndup(who->email, strcspn(who->email, "@")) : NULL;
	/* With a user given, cracklib compares with that name and gecos rather
	 * than looking up the process's own account in /etc/passwd. */
	pthread_mutex_lock(&crack_mu);
	const char *r = FascistCheckUser(password, GetDefaultCracklibDict(),
					 local ? local : "staffroom", who ? who->name : NULL);
	pthread_mutex_unlock(&crack_mu);
	free(local);
	if (!r)
		return NULL;
	if (strstr(r, "error loading"))
		return unchecked; /* refuse: a password unchecked could be a common one */
	if (strstr(r, "dictionary word"))
		return TOO_COMMON;
	if (strstr(r, "your") || strstr(r, "password entry"))
		return too_personal;
	if (strstr(r, "short"))
		return NULL; /* our own length rule says it in our words */
	return TOO_SIMPLE;
}

static char *school_name(void)
{
	/* The configuration file's school_name, when given, wins over the settings page. */
	if (cfg.school_name)
		return xstrdup(cfg.school_name);
	return db_text("SELECT value FROM settings WHERE key = 'school_name'", "");
}

const char *password_problem(const char *password, const struct password_owner *who)
{
	size_t n = utf8_chars(password);
	if (n > PASSWORD_MAX)
		return "A password may have at most 1024 characters.";
	/* cracklib's verdict first ("password123" is common before it holds
	 * "password"), but our words say better than it which name was used. */
	const char *why = crack_problem(password, who);
	if (!why || why == too_personal) {
		char *school = school_name();
		const char *mine = password_words_problem(password, who, school);
		free(school);
		why = mine ? mine : why;
	}
	if (why)
		return why;
	int min = password_min(who ? who->roles : 0);
	if (n < (size_t)min)
		return min == PASSWORD_MIN ? "A password needs at least 12 characters."
					   : "A password needs at least 10 characters.";
	return NULL;
}

int password_dictionary_check(void)
{
	const char *why = crack_problem("a sample to open the dictionary", NULL);
	if (why != unchecked)
		return 0;
	fprintf(stderr, "staffroom: cracklib's dictionary %s cannot be read: install the Debian "
			"package cracklib-runtime\n", GetDefaultCracklibDict());
	return -1;
}
