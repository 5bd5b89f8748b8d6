#define _GNU_SOURCE
#include "core/demo.h"
#include "core/auth.h"
#include "db/db.h"
#include "core/staff.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct demo_person {
	const char *email, *name, *job, *dept, *type;
	unsigned roles;
};

static const struct demo_person people[] = {
	{ "head@demo.school", "Helen Ashworth", "Headteacher", "Leadership", "teacher",
	  ROLE_HEADTEACHER },
	{ "deputy@demo.school", "Samir Patel", "Deputy headteacher", "Leadership", "teacher",
	  ROLE_SLT },
	{ "dsl@demo.school", "Grace Okafor", "Designated safeguarding lead", "Pastoral", "teacher",
	  ROLE_DSL | ROLE_SLT },
	{ "moderator@demo.school", "Tom Hughes", "Communications officer", "Office", "support",
	  ROLE_MODERATOR },
	{ "bursar@demo.school", "Linda Morris", "School business manager", "Office", "support",
	  ROLE_BUSINESS_MANAGER },
	{ "network@demo.school", "Raj Singh", "Network manager", "IT", "support",
	  ROLE_NETWORK_MANAGER },
	{ "governor@demo.school", "Peter Blake", "Parent governor", "Governors", "governor",
	  ROLE_GOVERNOR },
	{ "chair@demo.school", "Margaret Ellis", "Chair of governors", "Governors", "governor",
	  ROLE_CHAIR | ROLE_GOVERNOR },
	{ "admin@demo.school", "Chris Doyle", "Office manager", "Office", "support", ROLE_ADMIN },
	{ "teacher@demo.school", "Amy Clarke", "Teacher of PE", "PE", "teacher", 0 },
	{ "science@demo.school", "Daniel Reid", "Head of science", "Science", "teacher", 0 },
	{ "ta@demo.school", "Fatima Khan", "Teaching assistant", "Year 3", "support", 0 },
	{ "supply@demo.school", "Owen Price", "Supply teacher", "Maths", "supply", 0 },
	{ "volunteer@demo.school", "Ruth Bennett", "Reading volunteer", "Library", "volunteer", 0 },
	/* Last, so that nobody else's id moves.  From outside the school, as
	 * many schools' DPOs are (UK GDPR article 37(6)): the DPO role alone,
	 * so the demo shows what that role opens and nothing more. */
	{ "dpo@demo.school", "Priya Shah", "Data protection officer (from outside the school)",
	  "External", "contractor", ROLE_DPO },
};

int64_t demo_user(const char *email)
{
	return staff_id(email);
}

static int demo_people(void)
{
	char hash[crypto_pwhash_STRBYTES];
	/* One hash serves every demo person: they all share the demo password,
	 * which is printed for anyone to use (password_hash_public). */
	if (password_hash_public(DEMO_PASSWORD, hash) != 0)
		return -1;
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
		const struct demo_person *p = &people[i];
		struct staff_input in = { p->email, p->name,  p->job, p->dept,
					  p->type,  p->roles, hash,   1 };
		if (staff_add(NULL, &in) < 0)
			return -1;
	}
	return 0;
}

int demo_create(int scale, int (*seed)(void), int (*grow)(int staff))
{
	if (db_int(0, "SELECT count(*) FROM users", "") > 0) {
		printf("staffroom: the database already has people in it; the demo school was not "
		       "added again\n");
		return 0;
	}
	if (db_begin() != 0)
		return -1;
	db_exec("UPDATE settings SET value = 'Hillside Academy' WHERE key = 'school_name'", "");
	/* Demo sign-ins are password-only, so anyone can try every role at once;
	 * a real school keeps schema.sql's list (see docs/RECORDS.md). */
	db_exec("UPDATE settings SET value = '' WHERE key = 'require_2fa_roles'", "");
	if (demo_people() != 0 || seed() != 0 || db_commit() != 0) {
		db_rollback();
		return -1;
	}
	if (scale > 0) {
		int64_t extra = scale - (int64_t)(sizeof people / sizeof people[0]);
		if (grow(extra > 0 ? (int)extra : 1) != 0)
			return -1;
		printf("staffroom: added %lld synthetic staff with ten years of records\n",
		       (long long)(extra > 0 ? extra : 1));
	}
	printf("staffroom: demo school created. Every demo sign-in uses the password '%s':\n",
	       DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
		json_t *r = roles_json(people[i].roles | ROLE_STAFF);
		char *s = json_dumps(r, JSON_COMPACT);
		printf("  %-24s %-18s %s\n", people[i].email, people[i].name, s);
		free(s);
		json_decref(r);
	}
	return 0;
}
