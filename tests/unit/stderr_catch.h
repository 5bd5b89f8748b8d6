/* What the code under test writes to stderr, caught in a file while it runs
 * and handed back as text: for the checks whose only output is a report
 * there (the query-plan check, the template bridge). */
#ifndef STAFFROOM_STDERR_CATCH_H
#define STAFFROOM_STDERR_CATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct stderr_catch {
	FILE *file;
	int saved;
};

/* From now on stderr goes to a file; NULL file when none could be made. */
static inline struct stderr_catch stderr_catch_begin(void)
{
	struct stderr_catch c = { tmpfile(), -1 };
	fflush(stderr);
	if (c.file) {
		c.saved = dup(STDERR_FILENO);
		dup2(fileno(c.file), STDERR_FILENO);
	}
	return c;
}

/* stderr back where it was; what was written meanwhile (malloc'd, "" for
 * nothing), or NULL when it could not be caught or read. */
static inline char *stderr_catch_end(struct stderr_catch *c)
{
	fflush(stderr);
	if (!c->file)
		return NULL;
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	long n = ftell(c->file);
	char *text = n >= 0 ? calloc(1, (size_t)n + 1) : NULL;
	rewind(c->file);
	if (text && n > 0 && fread(text, 1, (size_t)n, c->file) != (size_t)n) {
		free(text);
		text = NULL;
	}
	fclose(c->file);
	return text;
}

#endif
