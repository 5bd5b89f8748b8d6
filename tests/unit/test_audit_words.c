/* The audit log's Detail read out in words: each "key=value" as "name:
 * value", dates as a UK reader writes them, codes as their names, and any
 * other text kept as it is. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "features/records/audit_words.h"
#include "lib/uk_time.h"

static void reads_as(const char *detail, const char *words)
{
	char *got = audit_detail_words(detail);
	assert_string_equal(got, words);
	free(got);
}

static void pairs_are_read_out(void **state)
{
	(void)state;
	reads_as("category=parent_post urgent=no",
		 "category: Abusive or defamatory post by a parent or carer; urgent: no");
	reads_as("name=Jo Bloggs type=support roles=staff,dsl",
		 "name: Jo Bloggs; staff type: Support staff; roles: Staff, Designated "
		 "safeguarding lead");
	reads_as("name=Raj Singh type=support roles=[\"staff\",\"network_manager\"]",
		 "name: Raj Singh; staff type: Support staff; roles: Staff, Network manager");
	reads_as("applies_to=teacher,support renew_from=09-01",
		 "applies to: Teacher, Support staff; signed again each year from: 1 September");
	reads_as("version=1 by=governing_body", "version: 1; by: governing body");
}

static void dates_are_read_in_uk_time(void **state)
{
	(void)state;
	reads_as("left_on=2027-07-31", "left on: 31 Jul 2027");
	/* Summer time: an hour ahead of UTC. */
	reads_as("checked_at=2026-06-01T09:30:00Z", "checked at: 1 Jun 2026, 10:30");
}

static void other_text_is_kept(void **state)
{
	(void)state;
	reads_as("", "");
	reads_as("filters: person  action", "filters: person action");
	reads_as("existing account: platform=blog", "existing account: platform: blog");
	reads_as("type=text/csv size=12", "type: text/csv; size in bytes: 12");
	reads_as("type=text/csv; charset=utf-8", "type: text/csv; charset=utf-8");
	reads_as("from_on=2026-12-20 until_on=2026-12-21", "from: 20 Dec 2026; until: 21 Dec 2026");
	reads_as("lead: a@x -> b@x", "lead: a@x -> b@x");
	reads_as("note=", "note: ");
	reads_as("=x Key=y", "=x Key=y");
	reads_as("renew_from=13-40", "signed again each year from: 13-40");
}

int main(void)
{
	uk_time_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pairs_are_read_out),
		cmocka_unit_test(dates_are_read_in_uk_time),
		cmocka_unit_test(other_text_is_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
