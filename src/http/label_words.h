/* A form label's words inside a sentence, where the label would not read as
 * English there (label_words.c). */
#ifndef STAFFROOM_LABEL_WORDS_H
#define STAFFROOM_LABEL_WORDS_H

/* The words for LABEL ("the first day" for "From"), or NULL when the label
 * reads as it stands. */
const char *label_words(const char *label);

#endif
