/* The command line: init, serve, demo, user, import-staff, audit verify and
 * new-anchor, backup, export, routes.  Exit 0 on success, 2 on a usage error, 1 on
 * failure (3: audit verify could not check the log), with a one-line message on
 * stderr. */
#define _GNU_SOURCE
#include "core/audit.h"
#include "core/audit_anchor.h"
#include "core/auth.h"
#include "core/password_rules.h"
#include "core/made_as_root.h"
#include "core/restore.h"
#include "lib/config.h"
#include "lib/config_file.h"
#include "http/cgi.h"
#include "http/fastcgi.h"
#include "db/db.h"
#include "core/demo.h"
#include "features/records/export.h"
#include "http/feature.h"
#include "http/router.h"
#include "lib/keyfile.h"
#include "lib/readfile.h"
#include "lib/std_fds.h"
#include "db/schema_upgrade.h"
#include "http/server.h"
#include "core/staff.h"
#include "core/staff_sync.h"
#include "core/leaving.h"
#include "core/mailer.h"
#include "http/static_files.h"
#include "http/template.h"
#include "lib/util.h"
#include "lib/uk_time.h"
#include "lib/json_get.h"
#include "lib/malware_scan.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* EXIT_UNCHECKED: audit verify could not look at the log (its key file or
 * anchor file cannot be read), which says nothing about the log itself. */
enum { EXIT_USAGE = 2, EXIT_UNCHECKED = 3 };

struct opts {
	const char *db, *email, *name, *department, *job_title, *staff_type, *set, *left_on,
		*key_file, *person;
	char *roles;
	int password_stdin, scale;
	int argc;
	char **argv;            /* what remains after the options */
};

static const char *usage_text =
	"usage: staffroom COMMAND [options]\n"
	"\n"
	"  init --db FILE [--key-file K]        create or upgrade the database\n"
	"  serve --db FILE [--listen HOST:PORT] [--tls-cert F --tls-key F] [limits...]\n"
	"                                       run the web server (see serve --help)\n"
	"  fastcgi --db FILE --listen unix:/PATH|HOST:PORT|stdin [limits...]\n"
	"                                       serve behind nginx or Apache (FastCGI)\n"
	"  cgi                                  answer one request as a CGI program (also when\n"
	"                                       run by a web server with no command)\n"
	"  demo --db FILE [--scale N]           create a demo school and print its sign-ins\n"
	"                                       (--scale: a synthetic school of N staff)\n"
	"  user add --db FILE --email E --name N [--role R]... [--department D]\n"
	"           [--job-title J] [--staff-type T] --password-stdin\n"
	"  user roles --db FILE --email E --set r1,r2\n"
	"  user deactivate --db FILE --email E [--left-on YYYY-MM-DD]\n"
	"  user list --db FILE\n"
	"  import-staff --db FILE staff.csv     columns "
	"email,name,job_title,department,staff_type\n"
	"                                       adds new people, updates those on the list,\n"
	"                                       lists those missing (never deactivates)\n"
	"  audit verify --db FILE               check the audit log's hash chain\n"
	"  audit new-anchor --db FILE           start a new anchor file in place of a lost one\n"
	"  backup --db FILE OUT                 a consistent copy, safe while serving\n"
	"  restore --db FILE BACKUP             put a backup in place of the database (stopped),\n"
	"                                       on record in its audit log; everyone signs in\n"
	"                                       again\n"
	"  export --db FILE --person EMAIL      everything held about one person, as JSON (subject "
	"access)\n"
	"  routes                               every route: method, path, roles and fields\n"
	"\n"
	"backup, audit verify and user list only read: they never upgrade the database.  The\n"
	"others upgrade an older one, but not while another staffroom (a server) has it open.\n"
	"\n"
	"Every command reads " CONFIG_DEFAULT_PATH " when it exists, or --config FILE;\n"
	"--no-config reads none.  Options on the command line win over the file.\n"
	"\n";

/* The usage, ending with the roles of ROLE_LIST, wrapped within 80 columns. */
static void usage(FILE *out)
{
	fputs(usage_text, out);
	int col = fprintf(out, "Roles:");
	for (int i = 0; i <= ROLE_COUNT; i++) {
		const char *word = i < ROLE_COUNT ? role_name(i) : "(everyone holds staff).";
		if (col + 1 + (int)strlen(word) > 80) {
			fputs("\n      ", out);
			col = 6;
		}
		col += fprintf(out, " %s", word);
	}
	fputs("\n", out);
}

/* The settings (config_file.c) are listed from their table. */
static void serve_help(void)
{
	printf("usage: staffroom serve|fastcgi [--config FILE | --no-config] [options]\n"
	       "Every setting below may also be given in the configuration file (default "
	       CONFIG_DEFAULT_PATH ",\nif it exists) as 'key = value', with '_' for '-'; "
	       "the command line wins.\n\n");
	for (size_t i = 0; i < settings_count; i++) {
		const struct setting *st = &settings_table[i];
		char flag[64];
		snprintf(flag, sizeof flag, "--%s%s", st->key,
			 st->type == S_BOOL ? "[=no]" : " VALUE");
		for (char *p = flag; *p; p++)
			if (*p == '_')
				*p = '-';
		printf("  %-28s %s\n", flag, st->help);
	}
	printf("  %-28s %s\n  %-28s %s\n", "--no-seccomp",
	       "do not install the system-call filter (debugging only)", "--seccomp-selftest",
	       "after the filter, make a forbidden call (the process must die)");
	/* The providers are groups of keys a flag could not carry: file only. */
	printf("\nSign-in providers (Microsoft 365, Google) are oidc.NAME.KEY lines in the "
	       "configuration\nfile only: issuer, client_id, client_secret_file, domains, "
	       "label, client_auth, claim.\n");
}

static int usage_error(const char *msg)
{
	fprintf(stderr, "staffroom: %s (try --help)\n", msg);
	return EXIT_USAGE;
}

static int fail(const char *msg)
{
	fprintf(stderr, "staffroom: %s\n", msg);
	return EXIT_FAILURE;
}

static long number(const char *s, long lo, long hi, int *bad)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || end == s || v < lo || v > hi)
		*bad = 1;
	return v;
}

enum {
	O_EMAIL = 256,
	O_NAME,
	O_ROLE,
	O_DEPT,
	O_JOB,
	O_TYPE,
	O_PWSTDIN,
	O_SET,
	O_LEFT,
	O_HELP,
	O_SCALE,
	O_NOSECCOMP,
	O_SELFTEST,
	O_CONFIG,
	O_NOCONFIG,
	O_PERSON,
	O_SETTING = 1000, /* plus the index in settings_table: keep it last */
};

static const struct option command_opts[] = {
	{ "email", required_argument, NULL, O_EMAIL },
	{ "name", required_argument, NULL, O_NAME },
	{ "role", required_argument, NULL, O_ROLE },
	{ "department", required_argument, NULL, O_DEPT },
	{ "job-title", required_argument, NULL, O_JOB },
	{ "staff-type", required_argument, NULL, O_TYPE },
	{ "password-stdin", no_argument, NULL, O_PWSTDIN },
	{ "set", required_argument, NULL, O_SET },
	{ "left-on", required_argument, NULL, O_LEFT },
	{ "scale", required_argument, NULL, O_SCALE },
	{ "no-seccomp", no_argument, NULL, O_NOSECCOMP },
	{ "seccomp-selftest", no_argument, NULL, O_SELFTEST },
	{ "config", required_argument, NULL, O_CONFIG },
	{ "no-config", no_argument, NULL, O_NOCONFIG },
	{ "person", required_argument, NULL, O_PERSON },
	{ "help", no_argument, NULL, O_HELP },
};

/* The command's own options plus one flag per setting. */
static struct option *long_options(void)
{
	static char names[sizeof command_opts / sizeof command_opts[0] + 64][40];
	size_t n = sizeof command_opts / sizeof command_opts[0];
	struct option *o = xcalloc(n + settings_count + 1, sizeof *o);
	memcpy(o, command_opts, sizeof command_opts);
	for (size_t i = 0; i < settings_count && i < 64; i++) {
		const struct setting *st = &settings_table[i];
		copy_str(names[i], sizeof names[i], st->key);
		for (char *p = names[i]; *p; p++)
			if (*p == '_')
				*p = '-';
		/* --secure-cookies, or --secure-cookies=no to turn off what the
		 * file turns on (the command line wins) */
		int has_arg = st->type == S_BOOL ? optional_argument : required_argument;
		o[n + i] = (struct option){ names[i], has_arg, NULL, O_SETTING + (int)i };
	}
	return o;
}

static int set_from_flag(int idx, const char *value)
{
	char err[200];
	config_set_by_flag(&settings_table[idx]);
	if (config_set(&settings_table[idx], value, err, sizeof err) == 0)
		return 0;
	/* The message starts with the key; the option is spelled with '-'. */
	size_t key = strlen(settings_table[idx].key);
	for (size_t i = 0; i < key && err[i]; i++)
		err[i] = err[i] == '_' ? '-' : err[i];
	fprintf(stderr, "staffroom: --%s\n", err);
	return 1;
}

/* A mistyped option is named, so that it can be found on a long line;
 * getopt has just stepped past it. */
static int bad_option(int c, char **argv, const struct option *opts)
{
	const char *arg = argv[optind - 1];
	int len = (int)strcspn(arg, "="), known = 0;
	for (const struct option *k = opts; k->name && len > 2; k++)
		known |= strncmp(k->name, arg + 2, (size_t)len - 2) == 0 &&
			 k->name[len - 2] == 0;
	char msg[200];
	if (strncmp(arg, "--", 2) != 0 && optopt)
		snprintf(msg, sizeof msg, "unknown option -%c", optopt);
	else if (known && arg[len])
		snprintf(msg, sizeof msg, "%.*s takes no value", len, arg);
	else if (c == ':')
		snprintf(msg, sizeof msg, "%.*s needs a value", len, arg);
	else
		snprintf(msg, sizeof msg, "unknown option %.*s", len, arg);
	usage_error(msg);
	return 2;
}

/* Parses every option any command takes; each command then checks that
 * what it needs is there.  Returns -1 for --help, 2 on a bad option (said
 * on stderr). */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	int c, bad = 0;
	struct option *opts = long_options();
	optind = 1;
	opterr = 0;
	while (!bad && (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case O_EMAIL: o->email = optarg; break;
		case O_NAME: o->name = optarg; break;
		case O_ROLE: {
			char *r = o->roles ? xasprintf("%s,%s", o->roles, optarg) : xstrdup(optarg);
			free(o->roles);
			o->roles = r;
			break;
		}
		case O_DEPT: o->department = optarg; break;
		case O_JOB: o->job_title = optarg; break;
		case O_TYPE: o->staff_type = optarg; break;
		case O_PWSTDIN: o->password_stdin = 1; break;
		case O_SET: o->set = optarg; break;
		case O_LEFT: o->left_on = optarg; break;
		case O_NOSECCOMP: cfg.seccomp = 0; break;
		case O_SELFTEST: cfg.seccomp_selftest = 1; break;
		case O_PERSON: o->person = optarg; break;
		case O_SCALE:
			o->scale = (int)number(optarg, 1, 1000000, &bad);
			if (bad)
				bad = usage_error("--scale wants a whole number from 1 to 1000000");
			break;
		case O_CONFIG: case O_NOCONFIG: break; /* read before the other options */
		case O_HELP: case 'h': free(opts); return -1;
		default:
			if (c >= O_SETTING && c < O_SETTING + (int)settings_count)
				bad = set_from_flag(c - O_SETTING, optarg ? optarg : "yes") ? 2 : 0;
			else
				bad = bad_option(c, argv, opts);
		}
	}
	free(opts);
	o->db = cfg.db_path;
	o->key_file = cfg.key_file;
	o->argc = argc - optind;
	o->argv = argv + optind;
	return bad;
}

/* The configuration file comes before the flags, so that flags win:
 * --config FILE (which must exist), else the default when it exists. */
static int read_config(int argc, char **argv)
{
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--no-config") == 0)
			return 0;
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strncmp(argv[i], "--config=", 9) == 0)
			path = argv[i] + 9;
	}
	/* A web server passes a CGI program no flags, only its environment. */
	const char *env = getenv("STAFFROOM_CONFIG");
	if (!path && env && *env)
		path = env;
	if (!path && access(CONFIG_DEFAULT_PATH, F_OK) == 0)
		path = CONFIG_DEFAULT_PATH;
	return path ? config_load(path) : 0;
}

/* An upgrade under a running server of the version before would stop it
 * (its statements name what the new schema changed): only a process that
 * holds the database alone upgrades it.  0, or EXIT_FAILURE having said so. */
static int upgrade_alone(const char *path, int before)
{
	int held = db_in_use_upgrade(1);
	if (held == 0)
		return 0;
	if (held < 0)
		fprintf(stderr,
			"staffroom: cannot lock the database %s to upgrade it (%s); nothing was "
			"changed\n",
			path, strerror(errno));
	else
		fprintf(stderr,
			"staffroom: the database %s has schema version %d, and this staffroom "
			"would upgrade it to %d, but a running staffroom server or command has it "
			"open, which would stop working on the upgraded database. Stop the server "
			"(systemctl stop staffroom, or the web server that starts it), let any "
			"command finish, run staffroom init --db %s, then start the new version; "
			"nothing was changed\n",
			path, before, SCHEMA_VERSION, path);
	return EXIT_FAILURE;
}

/* A database made by an older staffroom gets what schema.sql has added
 * since (told, unless the database is being created). */
static int upgrade(const char *path, int tell)
{
	int before = db_schema_version();
	if (before >= 1 && before < SCHEMA_VERSION && upgrade_alone(path, before) != 0)
		return EXIT_FAILURE;
	char *schema = share_path("schema.sql");
	int parts = schema_upgrade(schema);
	free(schema);
	db_in_use_upgrade(0);
	if (parts < 0)
		return fail("could not upgrade the database schema");
	if (parts > 0 && tell)
		fprintf(stderr, "staffroom: database upgraded to schema version %d\n",
			SCHEMA_VERSION);
	/* A database made before the audit chain was keyed: its plain chain is
	 * checked once and the keyed chain starts after it (init does this for
	 * a new database). */
	if (tell && before < AUDIT_KEYED_SCHEMA && parts > 0 &&
	    (audit_start_keyed() != 0 || audit_anchor_write() != 0))
		return fail("could not start the keyed audit chain");
	return 0;
}

static int writes_to_log; /* the command adds audit rows: it needs the key */

/* The chain's key, read and checked against the log before anything is
 * written with it. */
static int load_key(void)
{
	int k = audit_key_load();
	if (k == AUDIT_KEY_REFUSED)
		return EXIT_FAILURE; /* the key file and why are already said */
	if (k == 0)
		return audit_anchor_check() == 0 ? 0 : EXIT_FAILURE;
	char why[300];
	keyfile_problem(cfg.key_file, why, sizeof why);
	fprintf(stderr,
		"staffroom: cannot read the key file %s (%s), so the audit log cannot be "
		"written (--key-file)\n",
		cfg.key_file ? cfg.key_file : "(none)", why);
	return EXIT_FAILURE;
}

/* A command's hold on the database (db/in_use.c), kept until the process
 * ends; 0, or EXIT_FAILURE having said why.
 * - Shared (RESTORING 0), against a restore under way now or started while
 *   it runs: a server's, or a command's such as `user add`, whose writes
 *   would otherwise go to the file a restore puts aside.  Taken before the
 *   database is opened (an upgrade could write to it) and, in a server,
 *   before dropping root and the system-call filter.
 * - Exclusive (RESTORING 1), for restore: nothing is done while a server has
 *   the database open, as it would go on writing to the file put aside, its
 *   WAL removed under it, and lose or damage records it had already saved;
 *   and no server starts, no command runs and no second restore runs before
 *   this one has finished. */
static int hold_database(const char *path, int restoring)
{
	int held = db_in_use_lock(path, restoring);
	if (held == 0)
		return 0;
	int err = errno; /* of the lock file, if it could not be opened */
	char *lock = db_lock_path(path);
	const char *slash = strrchr(lock, '/');
	char *folder = slash ? xstrndup(lock, (size_t)(slash - lock)) : xstrdup(".");
	if (held < 0 && err == ENOENT)
		fprintf(stderr, "staffroom: the folder %s, where the database %s is to be, does "
				"not exist: create it (owned by the user staffroom runs as), or "
				"give another --db; nothing was changed\n",
			folder[0] ? folder : "/", path);
	else if (held < 0 && restoring)
		fprintf(stderr, "staffroom: cannot open the lock file %s (%s), so cannot tell "
				"whether a server is using the database: run restore as the user "
				"that owns it (sudo -u staffroom); nothing was changed\n",
			lock, strerror(err));
	else if (held < 0)
		fprintf(stderr, "staffroom: cannot open the lock file %s (%s); run staffroom "
				"as the user that owns the database, or as root (a server with "
				"--user)\n",
			lock, strerror(err));
	else if (!restoring && held == DB_IN_USE_UPGRADE)
		fprintf(stderr, "staffroom: the database %s is being upgraded by another "
				"staffroom command: run this again when it has finished; nothing "
				"was changed\n",
			path);
	else if (!restoring) /* only a restore's or an upgrade's lock refuses a shared one */
		fprintf(stderr, "staffroom: the database %s is being restored from a backup: "
				"run this again when the restore has finished; nothing was "
				"changed\n",
			path);
	else if (held == DB_IN_USE_RESTORE)
		fprintf(stderr, "staffroom: another restore of the database %s is under way; "
				"nothing was changed\n",
			path);
	else
		fprintf(stderr, "staffroom: the database %s is in use by a running staffroom "
				"server or command. Stop the server (systemctl stop staffroom, "
				"or the web server that starts it), let any command finish, and "
				"run restore again; nothing was changed\n",
			path);
	free(folder);
	free(lock);
	return EXIT_FAILURE;
}

/* HOLD: take the hold above first (every command but restore, which holds
 * the exclusive one itself, and CGI: see DEPLOY.md). */
static int open_db_as(const char *path, int must_exist, int hold)
{
	struct stat st;
	if (!path)
		return usage_error("--db FILE is required");
	if (must_exist && stat(path, &st) != 0)
		return fail("no database there: run 'staffroom init --db FILE' first");
	if (db_files_private(path) != 0)
		return EXIT_FAILURE;
	if (hold && hold_database(path, 0) != 0)
		return EXIT_FAILURE;
	db_configure(path);
	if (!cfg.key_file)
		cfg.key_file = keyfile_default(path);
	if (!db_handle()) {
		db_say_unreachable(path, NULL);
		return EXIT_FAILURE;
	}
	if (must_exist && db_schema_version() < 1)
		return fail(
			"the database is not initialised: run 'staffroom init --db FILE' first");
	if (must_exist && writes_to_log && load_key() != 0)
		return EXIT_FAILURE;
	return must_exist ? upgrade(path, 1) : 0;
}

static int open_db(const char *path, int must_exist)
{
	return open_db_as(path, must_exist, 1);
}

/* For a command that only reads (backup, audit verify, user list): as it
 * is, never upgraded nor written (db_read_only), whatever its schema, so
 * that a newer staffroom's backup or check leaves an older server's
 * database as that server needs it.  HOLD as for open_db_as: audit verify,
 * which also checks backups, holds nothing, leaving no lock file beside
 * one (a restore under way leaves the file it reads as it was). */
static int open_db_reading(const char *path, int hold)
{
	struct stat st;
	if (!path)
		return usage_error("--db FILE is required");
	if (stat(path, &st) != 0)
		return fail("no database there: run 'staffroom init --db FILE' first");
	if (hold && hold_database(path, 0) != 0)
		return EXIT_FAILURE;
	db_configure(path);
	db_read_only();
	if (!cfg.key_file)
		cfg.key_file = keyfile_default(path);
	if (!db_handle())
		return EXIT_FAILURE; /* said, with SQLite's reason */
	if (db_schema_version() < 1)
		return fail(
			"the database is not initialised: run 'staffroom init --db FILE' first");
	return 0;
}

/* A database whose audit log has rows was keyed: a new key in place of a
 * missing one would break its chain and lose its credentials for good. */
static int key_file_lost(void)
{
	struct stat st;
	if (stat(cfg.key_file, &st) == 0 ||
	    db_int(0, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit'",
		   "") == 0 ||
	    db_int(0, "SELECT count(*) FROM audit", "") == 0)
		return 0;
	fprintf(stderr,
		"staffroom: the key file %s is missing, but this database's audit log was "
		"made with it: restore the key file from where it is kept (it is backed up "
		"apart from the database); nothing was changed\n",
		cfg.key_file);
	return 1;
}

static int cmd_init(struct opts *o)
{
	int rc = open_db(o->db, 0);
	if (rc)
		return rc;
	if (key_file_lost())
		return EXIT_FAILURE;
	int before = db_schema_version();
	char *schema = share_path("schema.sql");
	rc = db_init_schema(schema);
	free(schema);
	if (rc != 0)
		return fail("could not create the database schema");
	/* A new database: the whole file was applied, and the parts added later
	 * are written to run again, so this only moves user_version on.  An
	 * existing one is upgraded here (DEPLOY.md, "Upgrade"). */
	rc = upgrade(o->db, 0);
	if (rc != 0)
		return rc;
	if (before >= 1 && before < SCHEMA_VERSION)
		fprintf(stderr, "staffroom: database upgraded to schema version %d\n",
			SCHEMA_VERSION);
	if (keyfile_ensure(cfg.key_file) != 0)
		return fail("could not create the key file");
	/* The log's first row starts the keyed chain, and its head is anchored
	 * at once: from now on an empty log is a removed log. */
	if (audit_start_keyed() != 0 || audit_anchor_write() != 0 || audit_anchor_note_today() != 0)
		return fail("could not start the audit log");
	printf("staffroom: database %s is ready (schema version %d)\n", o->db, db_schema_version());
	return 0;
}

/* ClamAV's signatures, when the school turned scanning on: loaded while
 * the folder can still be read (before dropping root and the system-call
 * filter).  Scanning asked for but impossible is a reason not to start, as
 * storing files unscanned would be worse (ASVS 5.0 5.4.3). */
static int load_virus_signatures(void)
{
	char err[512];
	if (!cfg.clamav_db || malware_load(cfg.clamav_db, err, sizeof err) == 0)
		return 0;
	fprintf(stderr, "staffroom: clamav_db: %s; uploads cannot be scanned\n", err);
	return EXIT_FAILURE;
}

/* A second thread reads the templates and learns the names they mention
 * while this one opens and checks the database (each a fifth of start-up's
 * own work), then both parse them: parsing is most of it, and the database
 * does not need it. */
static void *prepare_beside(void *arg)
{
	(void)arg;
	char *tpl = share_path("templates");
	int read = template_read(tpl);
	free(tpl);
	if (read != 0)
		return (void *)"cannot read the templates";
	template_learn();
	template_parse_share();
	return static_preload() != 0 ? (void *)"cannot read the static files" : NULL;
}

static int open_db_and_key(struct opts *o)
{
	int rc = load_virus_signatures();
	rc = rc ? rc : open_db(o->db, 1);
	if (rc)
		return rc;
	/* Read now, while still root and before the system-call filter: the
	 * chain's key, and the anchor file kept open for appending. */
	if (load_key() != 0)
		return EXIT_FAILURE;
	if (audit_anchor_open() != 0 || audit_anchor_write() != 0)
		return fail("cannot append to the audit anchor file");
	db_close_thread(); /* the workers open their own */
	db_close_writer();
	return 0;
}

/* What serve and fastcgi share: the database is there, the key file and the
 * templates are found, before any socket is opened. */
static int prepare_serving(struct opts *o)
{
	pthread_t helper;
	int beside = pthread_create(&helper, NULL, prepare_beside, NULL) == 0;
	void *problem = beside ? NULL : prepare_beside(NULL);
	int rc = open_db_and_key(o);
	if (beside) {
		template_parse_share();
		pthread_join(helper, &problem);
	}
	if (rc)
		return rc;
	if (template_ready() != 0)
		return fail("cannot read the templates");
	return problem ? fail(problem) : 0;
}

static int cmd_serve(struct opts *o)
{
	if (strncmp(cfg.listen, "unix:", 5) == 0 || strcmp(cfg.listen, "stdin") == 0)
		return usage_error(
			"serve listens on HOST:PORT; unix:/path and stdin are for fastcgi");
	/* Not started (a restore under way, say): no head to anchor at stop. */
	int rc = prepare_serving(o);
	if (rc == 0) {
		rc = server_run();
		audit_anchor_write(); /* the head at stop */
	}
	malware_unload();
	return rc;
}

static int cmd_fastcgi(struct opts *o)
{
	if (cfg.tls_cert)
		return usage_error(
			"fastcgi does not take a certificate: the web server in front holds it");
	/* Not started (a restore under way, say): no head to anchor at stop. */
	int rc = prepare_serving(o);
	if (rc == 0) {
		rc = fastcgi_run();
		audit_anchor_write(); /* the head at stop */
	}
	malware_unload();
	return rc;
}

/* One request, in a process of its own: only what that request needs is
 * read (templates as they are rendered, static files as they are asked
 * for), and no answer is written before a failure to start is known. */
static int cmd_cgi(struct opts *o)
{
	cfg.one_request = 1;
	/* Only a request that can carry files pays for the signatures; one that
	 * cannot have them loaded is refused by upload_check.c, not served. */
	const char *type = getenv("CONTENT_TYPE");
	if (type && strncasecmp(type, "multipart/form-data", 19) == 0)
		load_virus_signatures();
	int rc = cgi_enter_sandbox() != 0 ? 1 : open_db_as(o->db, 1, 0);
	if (rc == 0)
		rc = load_key();
	char *tpl = share_path("templates");
	if (rc == 0 && template_prepare(tpl) != 0)
		rc = fail("cannot read the templates");
	free(tpl);
	if (rc != 0) {
		cgi_unavailable();
		malware_unload();
		return rc;
	}
	rc = cgi_run();
	malware_unload();
	return rc;
}

static char *read_password(void)
{
	char buf[PASSWORD_MAX * 4 + 2];
	if (!fgets(buf, sizeof buf, stdin))
		return NULL;
	buf[strcspn(buf, "\r\n")] = 0;
	char *p = xstrdup(buf);
	sodium_memzero(buf, sizeof buf);
	return p;
}

static int cmd_user_add(struct opts *o)
{
	if (!o->email || !o->name)
		return usage_error("user add needs --email and --name");
	if (!o->password_stdin)
		return usage_error("user add needs --password-stdin (the password is read from "
				   "standard input)");
	unsigned roles = ROLE_STAFF;
	char bad[64];
	if (o->roles && roles_parse(o->roles, &roles, bad, sizeof bad) != 0) {
		fprintf(stderr, "staffroom: unknown role '%s'\n", bad);
		return EXIT_USAGE;
	}
	int rc = open_db(o->db, 1);
	if (rc)
		return rc;
	char *pw = read_password();
	struct password_owner who = { o->name, o->email, roles, 0 };
	const char *why = pw ? password_problem(pw, &who)
			     : "no password was given on standard input";
	if (why) {
		free(pw);
		return fail(why);
	}
	char hash[crypto_pwhash_STRBYTES];
	rc = password_hash(pw, hash);
	sodium_memzero(pw, strlen(pw));
	free(pw);
	if (rc != 0)
		return fail("could not hash the password (out of memory?)");
	struct staff_input in = { o->email,      o->name, o->job_title, o->department,
				  o->staff_type, roles,   hash,         0 };
	const char *field;
	if ((why = staff_problem(&in, &field)))
		return fail(why);
	int64_t id = db_begin() == 0 ? staff_add(NULL, &in) : -1;
	if (id < 0 || db_commit() != 0)
		return fail("could not add the person");
	printf("staffroom: added %s\n", o->email);
	return 0;
}

static int cmd_user_roles(struct opts *o)
{
	if (!o->email || !o->set)
		return usage_error("user roles needs --email and --set r1,r2");
	unsigned roles;
	char bad[64];
	if (roles_parse(o->set, &roles, bad, sizeof bad) != 0) {
		fprintf(stderr, "staffroom: unknown role '%s'\n", bad);
		return EXIT_USAGE;
	}
	int rc = open_db(o->db, 1);
	if (rc)
		return rc;
	int64_t id = staff_id(o->email);
	if (!id)
		return fail("no one with that e-mail address");
	if (db_begin() != 0 || staff_set_roles(NULL, id, roles) != 0 || db_commit() != 0)
		return fail("could not change the roles");
	return 0;
}

static int cmd_user_deactivate(struct opts *o)
{
	int y, m, d;
	if (!o->email)
		return usage_error("user deactivate needs --email");
	if (o->left_on && (strlen(o->left_on) != 10 || parse_date(o->left_on, &y, &m, &d) != 0))
		return usage_error("--left-on wants a date, YYYY-MM-DD");
	int rc = open_db(o->db, 1);
	if (rc)
		return rc;
	int64_t id = staff_id(o->email);
	if (!id)
		return fail("no one with that e-mail address");
	char joined[11], why[400];
	if (leaving_before_joining(id, o->left_on, joined)) {
		snprintf(why, sizeof why,
			 "the leaving date cannot be before %s, the day %s was added to staffroom",
			 joined, o->email);
		return fail(why);
	}
	int later = 0;
	if (db_begin() != 0 || leaving_set(NULL, id, o->left_on, &later) != 0 || db_commit() != 0)
		return fail("could not deactivate the person");
	if (later)
		printf("%s leaves on %s: they stay active until then\n", o->email, o->left_on);
	return 0;
}

static int cmd_user_list(struct opts *o)
{
	int rc = open_db_reading(o->db, 1);
	if (rc)
		return rc;
	json_t *rows =
		db_rows("SELECT u.id, u.email, u.name, u.staff_type, u.department, u.active, "
			"(SELECT group_concat(role, ',') FROM user_roles r WHERE r.user_id = u.id) "
			"AS roles "
			"FROM users u ORDER BY u.name",
			"");
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		printf("%s\t%s\t%s\t%s\t%s\t%s\n", json_str(r, "email"),
		       json_str(r, "name"),
		       json_str(r, "staff_type"),
		       json_str(r, "department"),
		       json_int(r, "active") ? "active" : "inactive",
		       json_str(r, "roles") ? json_str(r, "roles") : "");
	json_decref(rows);
	return 0;
}

/* The same sync as the import page, confirmed at once: people in the file
 * are added or updated; people missing from it are only listed (nobody is
 * deactivated from the command line: a leaving date is confirmed on their
 * page, after seeing what they lead). */
static void print_sync(const struct staff_sync *s)
{
	printf("staffroom: added %zu, updated %zu, unchanged %d\n", json_array_size(s->added),
	       json_array_size(s->changed), s->unchanged);
	size_t i;
	json_t *e;
	json_array_foreach(s->possibly_left, i, e)
		printf("staffroom: not in the file, possibly left (not deactivated): %s\n",
		       json_str(e, "email"));
	json_array_foreach(s->left_in_file, i, e)
		printf("staffroom: in the file but has left (not changed): %s\n",
		       json_str(e, "email"));
}

static int cmd_import(struct opts *o)
{
	if (o->argc != 1)
		return usage_error("import-staff needs one CSV file");
	int rc = open_db(o->db, 1);
	if (rc)
		return rc;
	size_t len;
	char *csv = read_whole_file(o->argv[0], &len, SIZE_MAX);
	if (!csv) {
		fprintf(stderr, "staffroom: cannot read the CSV file %s: %s\n", o->argv[0],
			strerror(errno));
		return EXIT_FAILURE;
	}
	if (db_begin() != 0) {
		free(csv);
		return fail("the database is busy: nothing was imported");
	}
	struct staff_sync s;
	staff_sync_read(csv, len, &s);
	free(csv);
	if (staff_sync_apply(NULL, &s) != 0 || db_commit() != 0) {
		db_rollback();
		size_t i;
		json_t *e;
		/* Line 0 is the whole file's problem. */
		json_array_foreach(s.refused, i, e) {
			long long line = json_int(e, "line");
			const char *why = json_str(e, "error");
			if (line)
				fprintf(stderr, "staffroom: %s, line %lld: %s\n", o->argv[0], line,
					why);
			else
				fprintf(stderr, "staffroom: %s: %s\n", o->argv[0], why);
		}
		staff_sync_free(&s);
		fprintf(stderr, "staffroom: nothing was imported\n");
		return EXIT_FAILURE;
	}
	/* As after the web import: the planner learns the new sizes now. */
	db_refresh_statistics();
	print_sync(&s);
	staff_sync_free(&s);
	return 0;
}

/* A log from before the keyed chain has nothing the key can check; this
 * staffroom would only key it by upgrading it, which verify never does. */
static int verifiable(const char *path)
{
	int version = db_schema_version();
	if (version >= AUDIT_KEYED_SCHEMA)
		return 1;
	fprintf(stderr,
		"staffroom: the database %s has schema version %d, from before the audit log was "
		"keyed (version %d): check it with the staffroom release that made it, or upgrade "
		"a copy with this one (staffroom init --db COPY --key-file KEY) and check the "
		"copy\n",
		path, version, AUDIT_KEYED_SCHEMA);
	return 0;
}

static int cmd_audit_verify(struct opts *o)
{
	int rc = open_db_reading(o->db, 0);
	if (rc)
		return rc;
	char why[600], at[ISO_LEN];
	/* Not read by the check below, which would call every row unverifiable. */
	if (keyfile_problem(cfg.key_file, why, sizeof why) != 0) {
		fprintf(stderr,
			"staffroom: cannot check the audit log: the key file %s cannot be "
			"used: %s. The log itself was not looked at\n",
			cfg.key_file, why);
		return EXIT_UNCHECKED;
	}
	if (!verifiable(o->db))
		return EXIT_FAILURE;
	int bad = audit_check(why, sizeof why);
	if (bad == AUDIT_UNCHECKED) {
		fprintf(stderr, "staffroom: cannot check the audit log: %s\n", why);
		return EXIT_UNCHECKED;
	}
	if (bad) {
		/* Read whole while a server started and copied its WAL into it. */
		if (!db_read_unchanged())
			fprintf(stderr, "staffroom: the database %s changed while it was checked "
					"(a server started): run audit verify again\n",
				o->db);
		else
			fprintf(stderr, "staffroom: audit log %s: %s\n",
				bad == AUDIT_UNANCHORED ? "not verified" : "broken", why);
		return EXIT_FAILURE;
	}
	printf("staffroom: audit log intact (%lld rows; checked against the anchors in %s)\n",
	       (long long)db_int(0, "SELECT count(*) FROM audit", ""), audit_anchor_path());
	int64_t anew = audit_anchor_started_anew(at);
	if (anew)
		printf("staffroom: the anchor file was started anew at row %lld on %s (audit "
		       "new-anchor): rows removed from the end before then would not show here; "
		       "the daily anchor e-mails from before it still hold the heads\n",
		       (long long)anew, at);
	return 0;
}

/* A new anchor file in place of a lost one, started knowingly: verify finds
 * a missing file and every server and command stops for it, since a file
 * made afresh would hold only the head of a log that may have been cut
 * short meanwhile.  The row it writes says so on the audit page. */
static int cmd_audit_new_anchor(struct opts *o)
{
	audit_anchor_may_start();
	int rc = open_db(o->db, 1);
	if (rc)
		return rc;
	char why[400];
	if (audit_anchor_start_new(why, sizeof why) != 0)
		return fail(why);
	printf("staffroom: a new anchor file %s starts at the log's head; rows removed from the "
	       "end before now cannot be seen by it, so keep the daily anchor e-mails\n",
	       audit_anchor_path());
	return 0;
}

/* One copy with SQLite's online backup: 0, or -1 and why.  The file is
 * made first with open(), whose errno says why it cannot be: SQLite, failing
 * to create it, tries to open it read-only and keeps that attempt's error. */
static int backup_once(const char *to, char *why, size_t n)
{
	int fd = open(to, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(why, n, "cannot create the backup file %s: %s", to, strerror(errno));
		return -1;
	}
	close(fd);
	sqlite3 *out;
	if (sqlite3_open(to, &out) != SQLITE_OK) {
		snprintf(why, n, "cannot open the backup file %s: %s", to, sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	sqlite3_busy_timeout(out, 5000);
	sqlite3_backup *b = sqlite3_backup_init(out, "main", db_handle(), "main");
	int step = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	sqlite3_backup_finish(b); /* its error, if any, is the output connection's */
	int ok = step == SQLITE_DONE && sqlite3_errcode(out) == SQLITE_OK;
	if (!ok)
		snprintf(why, n, "the backup to %s failed: %s", to, sqlite3_errmsg(out));
	sqlite3_close(out);
	return ok ? 0 : -1;
}

/* SQLite's online backup: a consistent snapshot even while the server
 * writes, read through its WAL.  A database with no WAL is read whole; if a
 * server started and copied its WAL into the file meanwhile, the copy may
 * mix two states, and is made again from the database as it now is. */
static int cmd_backup(struct opts *o)
{
	if (o->argc != 1)
		return usage_error(o->argc ? "backup takes one output file"
					   : "backup needs the output file");
	int rc = open_db_reading(o->db, 1);
	if (rc)
		return rc;
	char why[PATH_MAX + 200];
	for (int tries = 0; tries < 3; tries++) {
		if (backup_once(o->argv[0], why, sizeof why) != 0)
			return fail(why);
		if (db_read_unchanged()) {
			printf("staffroom: backed up to %s\n", o->argv[0]);
			return 0;
		}
		db_close_thread(); /* opened again as it now is, through its WAL */
		if (!db_handle())
			return EXIT_FAILURE;
	}
	return fail("the database changed while it was copied, three times (a server starting "
		    "and stopping?): run backup again");
}

/* The anchor file kept under a new name (DEPLOY.md, "To restore"): it names
 * rows the restore removes, so a new one starts at the restored head. */
static char *anchors_kept_name(void)
{
	struct stat st;
	char at[ISO_LEN];
	iso_now(at);
	return stat(audit_anchor_path(), &st) == 0
		       ? xasprintf("%s.before-restore-%s", audit_anchor_path(), at)
		       : NULL;
}

/* The checked copy put in place of the database, its -wal and -shm gone. */
static int restore_swap(const char *copy, const char *db, const char *kept)
{
	if (kept && rename(audit_anchor_path(), kept) != 0)
		return fail("could not keep the anchor file under a new name; nothing was changed");
	char *wal = xasprintf("%s-wal", db), *shm = xasprintf("%s-shm", db);
	int rc = unlink(wal) == 0 || errno == ENOENT;
	rc = rc && (unlink(shm) == 0 || errno == ENOENT) && rename(copy, db) == 0;
	free(wal);
	free(shm);
	if (!rc && kept)
		rename(kept, audit_anchor_path());
	return rc ? 0 : fail("could not put the restored copy in place of the database");
}

/* What the school must do after a restore: the backup brings back the
 * records as they were, so what was changed since for someone's safety
 * (a leaver's account, a password or second factor reset after a
 * compromise) is undone until it is done again. */
static void restore_said(const char *backup, const struct restore_spent *spent)
{
	struct stat st;
	char taken[ISO_LEN] = "unknown";
	if (stat(backup, &st) == 0)
		iso_time(st.st_mtime, taken);
	printf("staffroom: everyone signs in again: the restore ended %d sessions and spent %d "
	       "one-time password links (send new invitations or resets where they are still "
	       "needed)\n"
	       "staffroom: changes made after the backup was last written (%s) are not in the "
	       "restored database: make again those that still matter, above all people who "
	       "have left (deactivate them), passwords and second factors reset, and roles "
	       "changed\n",
	       spent->sessions, spent->links, taken);
}

/* A backup in place of the database, with a row in the restored audit log
 * saying so (core/restore.c): copied and checked beside the database first,
 * so that a bad backup or a key that does not verify its log changes
 * nothing. */
static int cmd_restore(struct opts *o)
{
	if (o->argc != 1)
		return usage_error("restore needs the backup file");
	if (!o->db)
		return usage_error("--db FILE is required");
	if (hold_database(o->db, 1) != 0)
		return EXIT_FAILURE;
	char why[600];
	if (restore_check(o->argv[0], why, sizeof why) != 0) {
		fprintf(stderr, "staffroom: %s; nothing was changed\n", why);
		return EXIT_FAILURE;
	}
	if (!cfg.key_file)
		cfg.key_file = keyfile_default(o->db);
	/* A database reached through a symbolic link is the file it names: the
	 * copy made beside that file is renamed over it (over the link would
	 * leave the database as it was), and its -wal and -shm are there.  The
	 * key and anchor files are found from the name given, as by every
	 * command. */
	char *real = realpath(o->db, NULL);
	const char *db = real ? real : o->db;
	char *copy = xasprintf("%s.restoring", db), *kept = anchors_kept_name();
	unlink(copy);
	int rc = restore_copy(o->argv[0], copy) != 0 ? fail("could not copy the backup") : 0;
	rc = rc ? rc : open_db_as(copy, 1, 0);
	if (rc == 0 && audit_verify_chain(why, sizeof why) != 0) {
		fprintf(stderr, "staffroom: the backup's audit log does not verify: %s\n", why);
		rc = EXIT_FAILURE;
	}
	struct restore_spent spent = { 0, 0 };
	if (rc == 0 && restore_audit(o->argv[0], kept, &spent) != 0)
		rc = fail("could not write the restore to the audit log");
	db_close_thread();
	db_close_writer();
	rc = rc ? rc : restore_swap(copy, db, kept);
	int linked = strcmp(db, o->db) != 0;
	if (rc) {
		unlink(copy);
		fprintf(stderr, "staffroom: the database %s is as it was\n", o->db);
	} else {
		printf("staffroom: %s%s%s%s restored from %s%s%s\n", o->db,
		       linked ? " (the file " : "", linked ? db : "", linked ? ")" : "", o->argv[0],
		       kept ? "; the old anchor file is kept as " : "", kept ? kept : "");
		restore_said(o->argv[0], &spent);
	}
	free(copy);
	free(kept);
	free(real);
	return rc ? rc : open_db_as(o->db, 1, 0);
}

static int cmd_export(struct opts *o)
{
	if (!o->person)
		return usage_error("export needs --person EMAIL");
	int rc = open_db(o->db, 1);
	if (rc)
		return rc;
	char *json = export_person(o->person, 0);
	if (!json)
		return fail("no one with that e-mail address");
	/* An export on the command line is audited like one from the web
	 * (ASVS 5.0 16.3.3), and is not printed if it cannot be. */
	rc = db_begin();
	if (rc == 0) {
		audit_as(0, "command line", "", "sar.export", o->person,
			 "exported on the command line");
		rc = db_commit();
	}
	if (rc != 0) {
		free(json);
		return fail("could not write the export to the audit log");
	}
	puts(json);
	free(json);
	return 0;
}

/* The route table, for people and for the test that holds docs/API.md to it. */
static int cmd_routes(struct opts *o)
{
	(void)o;
	router_print(stdout);
	return 0;
}

static int cmd_demo(struct opts *o)
{
	int rc = cmd_init(o);
	if (rc)
		return rc;
	return demo_create(o->scale, features_demo, demo_scale) == 0 ? 0
							 : fail("could not create the demo school");
}

/* Commands that add rows to the audit log: its head is anchored after them,
 * so that rows they wrote cannot later be removed unseen. */
static int writes_log(int (*run)(struct opts *))
{
	return run == cmd_demo || run == cmd_user_add || run == cmd_user_roles ||
	       run == cmd_user_deactivate || run == cmd_import || run == cmd_export ||
	       run == cmd_restore || run == cmd_audit_new_anchor;
}

struct command {
	const char *name, *sub;
	int (*run)(struct opts *);
	const char *help;
};

static const struct command commands[] = {
	{ "init", NULL, cmd_init, "usage: staffroom init --db FILE [--key-file FILE]\n" },
	{ "serve", NULL, cmd_serve, NULL },
	{ "fastcgi", NULL, cmd_fastcgi, NULL },
	{ "cgi", NULL, cmd_cgi, "usage: staffroom cgi  (the request from the CGI environment)\n" },
	{ "demo", NULL, cmd_demo, "usage: staffroom demo --db FILE [--scale N]\n" },
	{ "user", "add", cmd_user_add,
	  "usage: staffroom user add --db FILE --email E --name N [--role R]... "
	  "[--department D] [--job-title J] [--staff-type "
	  "teacher|support|supply|governor|contractor|volunteer] "
	  "--password-stdin\n" },
	{ "user", "roles", cmd_user_roles,
	  "usage: staffroom user roles --db FILE --email E --set r1,r2\n" },
	{ "user", "deactivate", cmd_user_deactivate,
	  "usage: staffroom user deactivate --db FILE --email E [--left-on YYYY-MM-DD]\n" },
	{ "user", "list", cmd_user_list, "usage: staffroom user list --db FILE\n" },
	{ "import-staff", NULL, cmd_import, "usage: staffroom import-staff --db FILE staff.csv\n" },
	{ "audit", "verify", cmd_audit_verify, "usage: staffroom audit verify --db FILE\n" },
	{ "audit", "new-anchor", cmd_audit_new_anchor,
	  "usage: staffroom audit new-anchor --db FILE   (in place of a lost anchor file)\n" },
	{ "backup", NULL, cmd_backup, "usage: staffroom backup --db FILE OUT\n" },
	{ "restore", NULL, cmd_restore, "usage: staffroom restore --db FILE BACKUP\n" },
	{ "export", NULL, cmd_export, "usage: staffroom export --db FILE --person EMAIL\n" },
	{ "routes", NULL, cmd_routes, "usage: staffroom routes\n" },
};

int main(int argc, char **argv)
{
	/* The database, its -wal and -shm files and backups hold personal and
	 * special category data (safeguarding concerns): readable by the
	 * service's user alone, also when started outside systemd's UMask=0077
	 * (UK GDPR Article 32, security of processing; see docs/SOURCES.md).
	 * SQLite creates the -wal and -shm files with the database's mode, less
	 * the umask. */
	umask(S_IRWXG | S_IRWXO);
	std_fds_fill(); /* before the first open() */
	if (sodium_init() < 0)
		return fail("libsodium could not start");
	config_defaults();
	clock_init();
	uk_time_init(); /* before any thread and the sandbox: it reads the zone file */
	normalise_name_init(); /* before the sandbox too: it reads the locale's files */
	mailer_check_links(features_link_opens);
	/* Run by a web server as a CGI program (installed as staffroom.cgi):
	 * any arguments are the query's words (RFC 3875, 4.4), not flags. */
	static char *as_cgi[] = { NULL, "cgi", NULL };
	if (getenv("GATEWAY_INTERFACE") && (argc < 2 || strcmp(argv[1], "cgi") != 0)) {
		as_cgi[0] = argv[0];
		argc = 2;
		argv = as_cgi;
	}
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		const struct command *c = &commands[i];
		if (strcmp(argv[1], c->name) != 0)
			continue;
		int skip = 1;
		if (c->sub) {
			if (argc < 3 || strcmp(argv[2], c->sub) != 0)
				continue;
			skip = 2;
		}
		struct opts o = { 0 };
		/* A CGI program that cannot start still answers: a 503 the web
		 * server passes on; the reason went to its error log. */
		int cgi = c->run == cmd_cgi;
		if (read_config(argc - skip, argv + skip) != 0) {
			if (cgi)
				cgi_unavailable();
			return EXIT_USAGE;
		}
		int p = parse_opts(argc - skip, argv + skip, &o);
		char why[512];
		int rc;
		if (p < 0) {
			if (c->help)
				fputs(c->help, stdout);
			else
				serve_help();
			rc = 0;
		} else if (p > 0) {
			rc = EXIT_USAGE; /* the option or its value is already named */
		} else if ((rc = config_check(why, sizeof why)) != 0) {
			/* A file's problem is fixed in the file: --help would not help. */
			if (rc == CONFIG_IN_FILE)
				fprintf(stderr, "staffroom: %s\n", why);
			rc = rc == CONFIG_IN_FILE ? EXIT_USAGE : usage_error(why);
			if (cgi)
				cgi_unavailable();
		} else if (o.argc && c->run != cmd_import && c->run != cmd_backup &&
			   c->run != cmd_restore) {
			rc = usage_error("unexpected argument");
		} else {
			writes_to_log = writes_log(c->run);
			/* Not the servers: once they have left root they cannot give
			 * anything away. */
			if (c->run != cmd_serve && c->run != cmd_fastcgi && c->run != cmd_cgi)
				made_as_root_note();
			/* A restore starts the anchor file anew at the restored head. */
			if (c->run == cmd_restore)
				audit_anchor_may_start();
			rc = c->run(&o);
			if (rc == 0 && writes_log(c->run) && audit_anchor_write() != 0)
				rc = fail("could not append to the audit anchor file");
		}
		free(o.roles);
		db_close_thread();
		db_close_writer();
		made_as_root_give();
		return rc;
	}
	if (argc >= 2 && (strcmp(argv[1], "user") == 0 || strcmp(argv[1], "audit") == 0)) {
		if (argc >= 3 && strcmp(argv[2], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (argc < 3) {
			usage(stderr); /* asked for nothing: a mistake, so on standard error */
			return EXIT_USAGE;
		}
		fprintf(stderr, "staffroom: unknown command '%s %s' (try --help)\n", argv[1],
			argv[2]);
		return EXIT_USAGE;
	}
	fprintf(stderr, "staffroom: unknown command '%s' (try --help)\n", argv[1]);
	return EXIT_USAGE;
}
