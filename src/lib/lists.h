/* Lists declared once as X-macros (roles, platforms, the concern codes):
 * what every such list derives the same way. */
#ifndef STAFFROOM_LISTS_H
#define STAFFROOM_LISTS_H

/* The F_CHOICE text "a|b|c" of a list, a constant: item(...) gives "|" and
 * one code, and the joined text is taken from its second character on. */
#define LIST_CHOICES(list, item) (&(list(item))[1])

#endif
