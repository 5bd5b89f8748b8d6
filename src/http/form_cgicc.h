/* Form parsing by GNU cgicc (form_cgicc.cc), for the FastCGI front end:
 * libmicrohttpd's post processor only works on its own connections, and
 * cgicc is the Debian library that parses urlencoded and multipart bodies.
 * Plain C types only, as the C++ side cannot include request.h. */
#ifndef STAFFROOM_FORM_CGICC_H
#define STAFFROOM_FORM_CGICC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where the parts go; a non-zero return stops the parsing. */
struct form_sink {
	void *ctx;
	int (*field)(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen);
	int (*file)(void *ctx, const char *field, const char *filename, const char *data,
		    size_t len);
};

enum { FORM_OK = 0, FORM_STOPPED = -1, FORM_UNREADABLE = -2 };

/* A query string (is_query), or a form body: multipart with the given
 * boundary, or urlencoded when boundary is NULL. */
int form_cgicc_parse(const struct form_sink *sink, int is_query, const char *boundary,
		     const char *body, size_t len);

#ifdef __cplusplus
}
#endif

#endif
