/* The bridge to ctemplate (template.cc, the only C++ file).  A jansson model
 * becomes a ctemplate dictionary:
 *   string/number  -> variable KEY, and section KEY when non-empty/non-zero
 *   true           -> section KEY;  false, null, "", 0, [] or {} -> section not_KEY
 *   object         -> section KEY with its members inside, and also each
 *                     member flattened as KEY_MEMBER
 *   array          -> section KEY repeated per element (a scalar element is
 *                     the variable "item"); KEY_count holds its length and
 *                     section has_KEY shows once when it is not empty
 * A list of the page's model that its template opens only inside sections
 * opened at the template's top level (a form's choices) gets its rows only
 * when one of those sections is shown: hidden, they could not change a byte.
 * A section a row does not show is looked up in the page's dictionary, so
 * a row's false flag would show the page's true one of the same name.  The
 * bridge says so on stderr when a row leaves out a section the page shows
 * (the tests fail on it): a page flag takes a name of its own.
 * Every template starts with {{%AUTOESCAPE context="HTML"}}; the only
 * modifier that skips escaping is :x-markdown, which renders Markdown with
 * raw HTML disabled.  :x-uk-time and :x-uk-due write an ISO time or date in
 * UK time in words (lib/uk_time.h), escaped after them. */
#ifndef STAFFROOM_TEMPLATE_H
#define STAFFROOM_TEMPLATE_H

#include <jansson.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Start-up in four steps, so that the work can be shared between threads:
 * template_read reads every template in dir; template_learn, after it and on
 * the same thread, learns the names each mentions; template_parse_share
 * parses those no other thread has taken (call it from any number of
 * threads: one called before template_read has ended waits for it);
 * template_ready, once every such call and template_learn have returned,
 * says whether all parsed (0) or not (-1).  template_init does them all on
 * one thread. */
int template_read(const char *dir);
void template_learn(void);
void template_parse_share(void);
int template_ready(void);
int template_init(const char *dir);
/* The same, but each template is read when first rendered (the CGI front end). */
int template_prepare(const char *dir);
/* Renders templates/NAME.tpl inside templates/layout.tpl; malloc'd, or NULL. */
char *template_render(const char *name, const json_t *page, const json_t *layout, size_t *len);
/* The same in two steps, for the benchmark's ceiling (bench/ceiling.cc),
 * which fills a page's dictionary once and expands it for every request.
 * The dictionary points into the models' strings: keep them until it is freed. */
/* The navigation is included as NAV from nav.tpl, filled from the layout's
 * "nav" links; or, when the layout names one in "nav_template", from a
 * fragment kept with template_keep_fragment: the same links for the same
 * roles on every page, rendered once instead of filled per request.
 * template_keep_fragment renders templates/NAME.tpl from MODEL (escaped as
 * every template is) and keeps the text under KEY; 0, or -1 when it could
 * not (the text would read as template markers, or KEY is taken). */
int template_keep_fragment(const char *key, const char *name, const json_t *model);
struct template_dict;
struct template_dict *template_fill(const char *name, const json_t *page, const json_t *layout);
char *template_expand(const struct template_dict *t, size_t *len);
void template_dict_free(struct template_dict *t);

#ifdef __cplusplus
}
#endif

#endif
