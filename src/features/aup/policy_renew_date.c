/* The day each year a policy is signed again from: kept, and sent by the
 * API, as MM-DD (policy_renewals.renew_from); asked for on the forms as a
 * day and a month in words, since a UK reader takes "09-01" for 9 January. */
#define _GNU_SOURCE
#include "features/aup/aup.h"
#include "core/policy_renewal.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The form's day and month as MM-DD, or -1 with the problem refused in rp. */
static int from_day_and_month(const char *day, const char *month, struct reply *rp,
			      char out[6])
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!day || !month) {
		reply_error(rp, 400, day ? "renew_month" : "renew_day",
			    day ? "Choose the month the yearly signing starts."
				: "Enter the day of the month the yearly signing starts.");
		return -1;
	}
	int m = atoi(month); /* one of 01..12: the field's choices */
	long d = strtol(day, NULL, 10);
	const char *name = month_name(m);
	if (m == 2 && d == 29) {
		/* It would renew only in leap years (renew_from_valid). */
		reply_error(rp, 400, "renew_day",
			    "29 February comes only in leap years, so in the others nobody would "
			    "be asked to sign again. Choose 28 February or 1 March.");
		return -1;
	}
	if (d >= 29 && d <= 31 && d > days[m - 1]) {
		reply_error(rp, 400, "renew_day", "There is no %ld %s: %s has %d days.", d, name,
			    name, days[m - 1]);
		return -1;
	}
	if (d < 1 || d > days[m - 1]) {
		reply_error(rp, 400, "renew_day", "Enter a day of the month from 1 to %d.",
			    days[m - 1]);
		return -1;
	}
	char mmdd[32];
	snprintf(mmdd, sizeof mmdd, "%02d-%02ld", m, d);
	copy_str(out, 6, mmdd);
	return 0;
}

int renewal_from_args(struct request *rq, struct reply *rp, char out[6])
{
	const char *day = arg(rq, "renew_day"), *month = arg(rq, "renew_month");
	if (day || month)
		return from_day_and_month(day, month, rp, out);
	const char *from = arg(rq, "renew_from") ? arg(rq, "renew_from") : "09-01";
	if (!renew_from_valid(from)) {
		reply_error(rp, 400, "renew_from",
			    "Enter the day the yearly signing starts as month and day, for example "
			    "09-01 for 1 September.");
		return -1;
	}
	copy_str(out, 6, from);
	return 0;
}

void renewal_date_fields(const struct request *rq, json_t *m, const char *mmdd)
{
	/* The month sent with a refused form, else the one kept: a refusal of
	 * another form of the page keeps the policy's own. */
	const char *sent = rq->is_post ? arg(rq, "renew_month") : NULL;
	json_t *months = json_array();
	for (int i = 1; i <= 12; i++) {
		char v[12];
		snprintf(v, sizeof v, "%02d", i);
		int chosen = sent ? strcmp(sent, v) == 0 : strncmp(mmdd, v, 2) == 0;
		json_array_append_new(months, json_pack("{s:s, s:s, s:b}", "value", v, "name",
							month_name(i), "chosen", chosen));
	}
	json_object_set_new(m, "renew_months", months);
	/* The day starts the form's field; what was typed is put over it. */
	json_t *form = json_object_get(m, "form");
	if (!json_is_object(form)) {
		form = json_object();
		json_object_set_new(m, "form", form);
	}
	json_object_set_new(form, "renew_day", json_sprintf("%d", atoi(mmdd + 3)));
}
