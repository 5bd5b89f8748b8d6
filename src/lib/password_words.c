/* Looking for the school's name, the person's name and e-mail address and
 * this service's words inside a password (OWASP ASVS 5.0 6.2.11). */
#define _GNU_SOURCE
#include "lib/password_words.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

/* Words of a school's name that say what kind of school it is rather than
 * which: "Academy" alone would refuse passwords at every academy. */
static const char *const generic_words[] = {
	"school",  "academy",   "primary", "secondary", "junior",  "infant", "infants",
	"nursery", "college",   "high",    "grammar",   "church",  "england", "catholic",
	"saint",   "community", "trust",   "federation", "the",    "and",    NULL,
};

/* Words about this service that guessers try first. */
static const struct {
	const char *word, *why;
} context_words[] = {
	{ "staffroom", "This password contains the word \"staffroom\": choose one without it." },
	{ "password", "This password contains the word \"password\": choose one without it." },
	{ "school", "This password contains the word \"school\": choose one without it." },
	{ NULL, NULL },
};

/* In the words of the person choosing their own password, or of an
 * administrator choosing one for someone else. */
static const char *const name_why[] = {
	"This password contains the person's name: choose one without it.",
	"This password contains your name: choose one without it.",
};
static const char *const email_why[] = {
	"This password contains the person's e-mail address: choose one without it.",
	"This password contains your e-mail address: choose one without it.",
};
#define SCHOOL_WHY "This password contains the school's name: choose one without it."

/* Lower-case letters and digits only; bytes of other scripts are kept as
 * they are, so a name in them is still looked for, case and all.  With leet
 * set, the digits and signs people put for letters are read as letters
 * ("Pa55w0rd"), "1" as leet names it ('i' or 'l'). */
static char *folded(const char *s, char leet)
{
	static const char from[] = "0345$@7", to[] = "oeassat";
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *sub = leet && c ? strchr(from, c) : NULL;
		if (sub)
			*o++ = to[sub - from];
		else if (leet && c == '1')
			*o++ = leet;
		else if (c >= 'A' && c <= 'Z')
			*o++ = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			*o++ = (char)c;
	}
	*o = 0;
	return out;
}

static int generic(const char *word)
{
	for (int i = 0; generic_words[i]; i++)
		if (strcmp(word, generic_words[i]) == 0)
			return 1;
	return 0;
}

/* Does the folded password contain the folded text (whole, when at least
 * PASSWORD_WHOLE_MIN) or one of its words (each at least PASSWORD_WORD_MIN
 * long, generic school words skipped when skip_generic)? */
static int contains_any(const char *pw, const char *text, int skip_generic)
{
	if (!text || !*text)
		return 0;
	char *whole = folded(text, 0);
	int hit = strlen(whole) >= PASSWORD_WHOLE_MIN && strstr(pw, whole);
	free(whole);
	char *copy = xstrdup(text), *save = NULL;
	for (char *w = strtok_r(copy, " .-_'+&,()/", &save); w && !hit;
	     w = strtok_r(NULL, " .-_'+&,()/", &save)) {
		char *f = folded(w, 0);
		hit = strlen(f) >= PASSWORD_WORD_MIN && !(skip_generic && generic(f)) &&
		      strstr(pw, f);
		free(f);
	}
	free(copy);
	return hit;
}

/* The e-mail's local part: "j.smith" of "j.smith@hillside.sch.uk". */
static char *local_part(const char *email)
{
	if (!email)
		return NULL;
	const char *at = strchr(email, '@');
	return at ? xstrndup(email, (size_t)(at - email)) : xstrdup(email);
}

/* The checks on one reading of the password. */
static const char *problem_in(const char *pw, const struct password_owner *who, const char *local,
			      const char *school_name)
{
	for (int i = 0; context_words[i].word; i++)
		if (strstr(pw, context_words[i].word))
			return context_words[i].why;
	if (who && contains_any(pw, who->name, 0))
		return name_why[who->own != 0];
	if (who && contains_any(pw, local, 0))
		return email_why[who->own != 0];
	if (contains_any(pw, school_name, 1))
		return SCHOOL_WHY;
	return NULL;
}

const char *password_words_problem(const char *password, const struct password_owner *who,
				   const char *school_name)
{
	static const char readings[] = { 0, 'i', 'l' };
	char *local = local_part(who ? who->email : NULL);
	const char *why = NULL;
	for (size_t i = 0; i < sizeof readings && !why; i++) {
		char *pw = folded(password, readings[i]);
		why = problem_in(pw, who, local, school_name);
		free(pw);
	}
	free(local);
	return why;
}
