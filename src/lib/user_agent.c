/* A few words for a User-Agent.  Browsers name their ancestors too (Edge's
 * says "Chrome" and "Safari", Chrome's says "Safari"), so the tables are
 * read in order and the first match wins: the most specific first. */
#include "lib/user_agent.h"

#include <stdio.h>
#include <string.h>

struct ua_word {
	const char *token;
	const char *words;
};

static const struct ua_word browsers[] = {
	{ "Edg/", "Edge" },       { "EdgA/", "Edge" },     { "OPR/", "Opera" },
	{ "SamsungBrowser/", "Samsung Internet" },         { "Firefox/", "Firefox" },
	{ "FxiOS/", "Firefox" },  { "CriOS/", "Chrome" },  { "Chromium/", "Chromium" },
	{ "Chrome/", "Chrome" },  { "Safari/", "Safari" }, { "curl/", "curl" },
	{ "node", "a program (node)" },
	{ NULL, NULL },
};

static const struct ua_word systems[] = {
	{ "iPhone", "iPhone" }, { "iPad", "iPad" },         { "Android", "Android" },
	{ "CrOS", "ChromeOS" }, { "Windows", "Windows" },   { "Mac OS X", "macOS" },
	{ "Linux", "Linux" },   { NULL, NULL },
};

static const char *first_match(const char *ua, const struct ua_word *table)
{
	for (const struct ua_word *w = table; w->token; w++)
		if (strstr(ua, w->token))
			return w->words;
	return NULL;
}

void user_agent_words(const char *ua, char *out, size_t size)
{
	const char *browser = ua ? first_match(ua, browsers) : NULL;
	const char *system = ua ? first_match(ua, systems) : NULL;
	if (browser && system)
		snprintf(out, size, "%s on %s", browser, system);
	else if (browser || system)
		snprintf(out, size, "%s", browser ? browser : system);
	else
		snprintf(out, size, "Unknown browser");
}
