/* The names of stored codes (names.h): one table per kind, derived from the
 * lists declared once, looked up by the template modifiers (x-role, …). */
#define _GNU_SOURCE
#include "core/names.h"
#include "core/audit_actions.h"
#include "core/roles.h"
#include "core/staff.h"

#include "lib/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct name {
	const char *code, *name;
};

#define NAME_(code, name) { code, name },
/* Roles have their words for sentences ("designated safeguarding lead"):
 * the same words, capitalised by code_name, name them on their own. */
#define ROLE_NAME_(id, name, words, routable) { name, words },

/* A kind's table, ended by a row of NULLs. */
#define NAMES_(list) list(NAME_) { NULL, NULL }

static const struct name roles[] = { ROLE_LIST(ROLE_NAME_) { NULL, NULL } };
static const struct name staff_types[] = { NAMES_(STAFF_TYPE_LIST) };
static const struct name concern_statuses[] = { NAMES_(CONCERN_STATUS_LIST) };
static const struct name application_statuses[] = { NAMES_(APPLICATION_STATUS_LIST) };
static const struct name application_steps[] = { NAMES_(APPLICATION_STEP_LIST) };
static const struct name application_decisions[] = { NAMES_(APPLICATION_DECISION_LIST) };
static const struct name account_statuses[] = { NAMES_(ACCOUNT_STATUS_LIST) };
static const struct name visibilities[] = { NAMES_(VISIBILITY_LIST) };
static const struct name policy_statuses[] = { NAMES_(POLICY_STATUS_LIST) };
static const struct name audit_actions[] = { NAMES_(AUDIT_ACTION_LIST) };
static const struct name record_types[] = { NAMES_(RECORD_TYPE_LIST) };

static const struct name *table(enum name_kind kind)
{
	switch (kind) {
	case NAME_ROLE:
		return roles;
	case NAME_STAFF_TYPE:
		return staff_types;
	case NAME_CONCERN_STATUS:
		return concern_statuses;
	case NAME_APPLICATION_STATUS:
		return application_statuses;
	case NAME_APPLICATION_STEP:
		return application_steps;
	case NAME_APPLICATION_DECISION:
		return application_decisions;
	case NAME_ACCOUNT_STATUS:
		return account_statuses;
	case NAME_VISIBILITY:
		return visibilities;
	case NAME_POLICY_STATUS:
		return policy_statuses;
	case NAME_AUDIT_ACTION:
		return audit_actions;
	case NAME_RECORD_TYPE:
		return record_types;
	}
	return roles;
}

const char *name_of(enum name_kind kind, const char *code)
{
	for (const struct name *n = table(kind); code && n->code; n++)
		if (strcmp(n->code, code) == 0)
			return n->name;
	return NULL;
}

int code_name(enum name_kind kind, const char *code, char *out, size_t size)
{
	if (size == 0)
		return 0;
	const char *found = name_of(kind, code);
	snprintf(out, size, "%s", found ? found : code ? code : "");
	if (found)
		out[0] = (char)toupper((unsigned char)out[0]);
	return found != NULL;
}

/* Copies the next code of a comma-separated list into code and moves *list
 * past it; 0 when the list has no more. */
static int next_code(const char **list, char *code, size_t size)
{
	if (!*list)
		return 0;
	*list += strspn(*list, ", ");
	size_t n = strcspn(*list, ", ");
	if (n == 0)
		return 0;
	snprintf(code, size, "%.*s", (int)n, *list);
	*list += n;
	return 1;
}

int code_names(enum name_kind kind, const char *list, char *out, size_t size)
{
	int unknown = 0;
	size_t len = 0;
	if (size == 0)
		return 0;
	out[0] = '\0';
	char code[64], name[128];
	while (next_code(&list, code, sizeof code)) {
		unknown += !code_name(kind, code, name, sizeof name);
		int w = snprintf(out + len, size - len, "%s%s", len ? ", " : "", name);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
	return unknown;
}

char *names_in_words(enum name_kind kind, const char *list, const char *conjunction)
{
	char code[64];
	int left = 0;
	for (const char *l = list; next_code(&l, code, sizeof code);)
		left++;
	char *out = xstrdup("");
	while (next_code(&list, code, sizeof code)) {
		const char *words = name_of(kind, code);
		if (!words)
			words = code;
		char *next = !out[0]     ? xstrdup(words)
			     : left == 1 ? xasprintf("%s %s %s", out, conjunction, words)
					 : xasprintf("%s, %s", out, words);
		free(out);
		out = next;
		left--;
	}
	return out;
}
