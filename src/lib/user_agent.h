/* A few words for a browser's User-Agent ("Firefox on Windows"), so that a
 * person can tell their sessions apart on the sessions page. */
#ifndef STAFFROOM_USER_AGENT_H
#define STAFFROOM_USER_AGENT_H

#include <stddef.h>

/* Writes the words into out (always terminated); "Unknown browser" when
 * nothing is recognised, including an empty or NULL User-Agent. */
void user_agent_words(const char *ua, char *out, size_t size);

#endif
