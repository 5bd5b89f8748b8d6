/* Shared by the harnesses that need the database: the real schema in a
 * fresh database under /tmp (WAL rules out ":memory:"), removed at exit,
 * with one person and one live session whose token the harness knows. */
#ifndef FUZZ_DB_H
#define FUZZ_DB_H

#include "core/audit.h"
#include "lib/config.h"
#include "db/db.h"
#include "lib/keyfile.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define FUZZ_TOKEN "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define FUZZ_CSRF "csrf-token-for-the-fuzzer-0123456789abcdefg"

static char fuzz_dir[] = "/tmp/staffroom-fuzz-XXXXXX";

static void fuzz_db_remove(void)
{
	static const char *const files[] = { "/f.db", "/f.db-wal", "/f.db-shm", "/f.db.key" };
	db_close_thread();
	for (size_t i = 0; i < 4; i++) {
		char *p = xasprintf("%s%s", fuzz_dir, files[i]);
		unlink(p);
		free(p);
	}
	rmdir(fuzz_dir);
}

static void fuzz_db_open(void)
{
	char hash[65], at[ISO_LEN];
	config_defaults();
	if (!mkdtemp(fuzz_dir))
		abort();
	atexit(fuzz_db_remove);
	char *path = xasprintf("%s/f.db", fuzz_dir);
	db_configure(path);
	/* The audit chain is keyed: the harness's own key file, and the chain's start row. */
	static char key[64];
	snprintf(key, sizeof key, "%s.key", path);
	free(path);
	cfg.key_file = key;
	if (db_init_schema(SCHEMA_PATH) != 0 || keyfile_ensure(key) != 0 || audit_start_keyed() != 0) {
		fprintf(stderr, "fuzz: cannot apply %s or make the key file\n", SCHEMA_PATH);
		abort();
	}
	iso_now(at);
	sha256_hex(FUZZ_TOKEN, 43, hash);
	db_begin();
	db_exec("INSERT INTO users(id, email, name, created_at) VALUES (1, 'known@school.example', 'Known', ?)", "t", at);
	db_exec("INSERT INTO user_roles(user_id, role) VALUES (1, 'staff')", "");
	db_exec("INSERT INTO sessions(token_hash, user_id, csrf, created_at, last_seen) VALUES (?, 1, ?, ?, ?)", "ttII",
		hash, FUZZ_CSRF, (int64_t)now(), (int64_t)now());
	if (db_commit() != 0)
		abort();
}

#endif
