/* How a form's label reads inside a sentence, for the messages about its
 * field (fields.c), where the label as it stands would not: an instruction
 * ("Type your full name to sign"), a date by its preposition ("From",
 * "Completed on"), a lone question word ("Why") or a choice made with a
 * button ("Approve again").  Kept by label, not in each route's field list,
 * so a label reads the same on every form that shows it; make check's labels
 * (tools/check_labels.py) asks for a row for every such label a form shows,
 * and refuses a row no form's label uses. */
#include "http/label_words.h"

#include <string.h>

static const struct {
	const char *label;
	const char *words; /* as it stands inside a sentence */
} label_words_list[] = {
	{ "Approve again", "whether to approve it again or withdraw it" },
	{ "Assign to", "the person to assign it to" },
	{ "Authorised by", "who authorised it" },
	{ "Completed on", "the date it was completed" },
	{ "Confiscated or searched by", "the person who confiscated or searched it" },
	{ "Done on", "the date it was done" },
	{ "Escalated to", "who it was escalated to" },
	{ "Expires on", "the date it expires" },
	{ "From", "the first day" },
	{ "Handed to", "the person it was handed to" },
	{ "Move and delete them by", "the date to move and delete them by" },
	{ "Next review by", "the date of the next review" },
	{ "Review by", "the date to review it by" },
	{ "Review due by", "the review date" },
	{ "Save as a draft", "whether to save it as a draft" },
	{ "Search by name, e-mail or course", "the search terms" },
	{ "Search by name, e-mail or department", "the search terms" },
	{ "Signed again every year", "whether it is signed again every year" },
	{ "Takes effect on", "the date it takes effect" },
	{ "To", "the last day" },
	{ "Type your full name to sign", "your full name" },
	{ "Until (the last day)", "the last day" },
	{ "When", "when it was done" },
	{ "Why", "the reason" },
};

const char *label_words(const char *label)
{
	if (!label)
		return NULL;
	for (size_t i = 0; i < sizeof label_words_list / sizeof *label_words_list; i++)
		if (strcmp(label_words_list[i].label, label) == 0)
			return label_words_list[i].words;
	return NULL;
}
