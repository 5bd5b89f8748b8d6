/* An oracle for HTML that must hold no markup from the input: every tag is
 * one the renderer itself writes, every attribute one it uses, and no link
 * or image points at a script scheme.  Attribute values are quoted with
 * quotes escaped, so a value cannot end early. */
#ifndef FUZZ_HTML_CHECK_H
#define FUZZ_HTML_CHECK_H

#include <ctype.h>
#include <string.h>
#include <strings.h>

static int in_list(const char *list, const char *s, size_t n)
{
	for (const char *p = list; *p;) {
		size_t m = strcspn(p, " ");
		if (m == n && strncasecmp(p, s, n) == 0)
			return 1;
		p += m + (p[m] == ' ');
	}
	return 0;
}

static int bad_scheme(const char *v)
{
	while (*v == ' ')
		v++;
	return !strncasecmp(v, "javascript:", 11) || !strncasecmp(v, "vbscript:", 9) || !strncasecmp(v, "data:text", 9);
}

/* 1 when html only holds the tags and attributes listed. */
static int html_only(const char *html, const char *tags, const char *attrs)
{
	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		if (!strncmp(p, "<!-- raw HTML omitted -->", 25) || !strncasecmp(p, "<!doctype html>", 15))
			continue;
		const char *q = p + 1 + (p[1] == '/');
		size_t n = 0;
		while (isalnum((unsigned char)q[n]))
			n++;
		if (!n || !in_list(tags, q, n))
			return 0;
		for (q += n; *q && *q != '>';) {
			if (*q == ' ' || *q == '/') {
				q++;
				continue;
			}
			size_t a = strcspn(q, "= />");
			if (!in_list(attrs, q, a))
				return 0;
			q += a;
			if (*q != '=')
				continue;
			if (q[1] != '"')
				return 0;
			if ((!strncasecmp(q - 4, "href", 4) || !strncasecmp(q - 3, "src", 3)) && bad_scheme(q + 2))
				return 0;
			const char *end = strchr(q + 2, '"');
			if (!end)
				return 0;
			q = end + 1;
		}
	}
	return 1;
}

#define MARKDOWN_TAGS "p h1 h2 h3 h4 h5 h6 a img em strong code pre ul ol li blockquote hr br"
#define MARKDOWN_ATTRS "href title src alt start class"

#endif
