/* Yearly re-acknowledgement of a policy (see policy_renewal.h): slyne's
 * "reviewed on an annual basis", its staff agreement signed again each year. */
#define _GNU_SOURCE
#include "core/policy_renewal.h"
#include "db/db.h"
#include "lib/uk_time.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int renew_from_valid(const char *mmdd)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	/* Exactly two digits, a hyphen, two digits: sscanf's %d would also take a
	 * blank or a sign (" 9-01"), which the schema's CHECK then refuses as a 503. */
	if (!mmdd || strlen(mmdd) != 5 || mmdd[2] != '-')
		return 0;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (mmdd[i] < '0' || mmdd[i] > '9'))
			return 0;
	int m = (mmdd[0] - '0') * 10 + (mmdd[1] - '0');
	int d = (mmdd[3] - '0') * 10 + (mmdd[4] - '0');
	/* 29 February would renew only in leap years: refused. */
	return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] && !(m == 2 && d == 29);
}

/* The renewal date on or before TODAY for a renewal day FROM ("09-01"), and
 * its start in UTC.  Each thread keeps its last answer: the same day and
 * renewal day come on every page, and the arithmetic was a tenth of one. */
static void renewal_start(const char *today, const char *from, char since[24], char date[11])
{
	static __thread char kept_today[11], kept_from[6], kept_since[24], kept_date[11];
	if (strcmp(today, kept_today) == 0 && strcmp(from, kept_from) == 0) {
		memcpy(since, kept_since, sizeof kept_since);
		memcpy(date, kept_date, sizeof kept_date);
		return;
	}
	char local[17];
	int year = atoi(today);
	/* The most recent renewal date on or before today. */
	if (strcmp(today + 5, from) < 0)
		year--;
	snprintf(date, 11, "%04d-%.5s", year, from);
	snprintf(local, sizeof local, "%sT00:00", date);
	if (uk_time_to_utc(local, since) != 0)
		snprintf(since, 24, "%sT00:00:00Z", date);
	copy_str(kept_today, sizeof kept_today, today);
	copy_str(kept_from, sizeof kept_from, from);
	memcpy(kept_since, since, sizeof kept_since);
	memcpy(kept_date, date, sizeof kept_date);
}

int policy_renewal_since(int64_t policy_id, char since[24], char date[11])
{
	char *from = db_text("SELECT renew_from FROM policy_renewals WHERE policy_id = ?", "I",
			     policy_id);
	if (!from)
		return 0;
	char today[11];
	uk_today(today);
	renewal_start(today, from, since, date);
	free(from);
	return 1;
}

int policy_signed_since(int64_t version_id, int64_t user_id, const char *since,
			const char *date)
{
	/* A paper signature was made on the day written on the paper, not when
	 * the office typed it in (API.md: counted "only when it was made ... on
	 * or after this year's renewal date"): its UK date against the
	 * renewal's UK date. */
	return db_int(0,
		      "SELECT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = ? AND "
		      "s.user_id = ? AND coalesce((SELECT p.paper_date >= ? FROM "
		      "paper_signatures p WHERE p.signature_id = s.id), s.signed_at >= ?)) "
		      "OR EXISTS (SELECT 1 FROM policy_acknowledgements WHERE version_id = ? "
		      "AND user_id = ? AND acknowledged_at >= ?)",
		      "IIttIIt", version_id, user_id, date, since, version_id, user_id, since) == 1;
}

int policy_renewal_due(int64_t policy_id, int64_t version_id, int64_t user_id, char since[24],
		       char date[11])
{
	*date = '\0';
	if (!policy_renewal_since(policy_id, since, date))
		return 0;
	return db_int(0, "SELECT 1 FROM signatures WHERE version_id = ? AND user_id = ?", "II",
		      version_id, user_id) == 1 &&
	       !policy_signed_since(version_id, user_id, since, date);
}

int policy_acknowledge(int64_t version_id, int64_t user_id, const char *typed_name,
		       const char *address, const char *user_agent, const char *sha256)
{
	char at[ISO_LEN];
	iso_now(at);
	return db_exec("INSERT INTO policy_acknowledgements(version_id, user_id, typed_name, "
		       "acknowledged_at, address, user_agent, body_sha256) VALUES (?,?,?,?,?,?,?)",
		       "IIttttt", version_id, user_id, typed_name, at, address, user_agent,
		       sha256);
}
