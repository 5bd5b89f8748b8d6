/* Words a password must not contain: the school's name, the person's name
 * and e-mail address, and words about this service (OWASP ASVS 5.0 6.2.11,
 * context-specific words).  Pure: no database, no dictionary. */
#ifndef STAFFROOM_PASSWORD_WORDS_H
#define STAFFROOM_PASSWORD_WORDS_H

/* Shorter name parts and school words are not looked for: "Li" or "Ng"
 * would refuse half of all passwords and guessing them adds little. */
#define PASSWORD_WORD_MIN 4
/* A whole name or e-mail local part (letters and digits only) is looked for
 * from this length: "Tom Lee" is "tomlee". */
#define PASSWORD_WHOLE_MIN 3

struct password_owner {
	const char *name;    /* "Jane Smith"; NULL when not known */
	const char *email;   /* "j.smith@hillside.sch.uk"; NULL when not known */
	unsigned roles;      /* role bits, for the length a second factor allows */
	int own;             /* 1: they choose it themselves ("your name"), 0: someone else does */
};

/* NULL when the password contains none of the words, otherwise why not, in
 * words for the form.  Case is ignored, and so are spaces and punctuation
 * ("Hillside-Academy 1" contains "Hillside Academy"). */
const char *password_words_problem(const char *password, const struct password_owner *who,
				   const char *school_name);

#endif
