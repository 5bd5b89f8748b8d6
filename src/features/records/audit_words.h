/* The Detail of an audit row in words, for the audit log's page
 * (audit_words.c). */
#ifndef STAFFROOM_AUDIT_WORDS_H
#define STAFFROOM_AUDIT_WORDS_H

/* "category=parent_post urgent=no" as "category: Abusive or defamatory post
 * by a parent or carer; urgent: no".  The caller frees the text. */
char *audit_detail_words(const char *detail);

#endif
