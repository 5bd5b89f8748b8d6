// The command line: init, user management, CSV import, audit verify, backup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, statSync, rmSync, existsSync, unlinkSync, chmodSync, chownSync,
  readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { AS_ROOT, BIN, ROOT, UNPRIVILEGED, cli, FRONT, handOver, sql, startServer } from './lib.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

const fresh = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-cli-'));
  return { dir, db: path.join(dir, 'cli.db') };
};

test('--help on every command exits 0; usage errors exit 2; failures exit 1', () => {
  for (const args of [['--help'], ['init', '--help'], ['serve', '--help'], ['demo', '--help'],
    ['user', 'add', '--help'], ['user', 'roles', '--help'], ['user', 'deactivate', '--help'],
    ['user', 'list', '--help'], ['import-staff', '--help'], ['audit', 'verify', '--help'], ['backup', '--help']]) {
    const r = cli(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /usage/);
  }
  assert.equal(cli([]).code, 2);
  assert.equal(cli(['frobnicate']).code, 2);
  assert.equal(cli(['init']).code, 2);
  assert.equal(cli(['init', '--db']).code, 2);
  const r = cli(['user', 'list', '--db', '/nonexistent/x.db']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, 'a one-line message');
  // A folder that is not there is named, not taken for someone else's.
  const none = cli(['init', '--db', '/nonexistent-dir/x.db']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^staffroom: the folder \/nonexistent-dir, where the database \/nonexistent-dir\/x\.db is to be, does not exist/);
  assert.doesNotMatch(none.stderr, /user that owns/);
});

test('a mistyped option, or one missing or not taking a value, is named', () => {
  for (const [args, said] of [
    [['backup', '--no-config', '--dbb', '/x.db', '/y.db'], /unknown option --dbb\b/],
    [['user', 'list', '--no-config', '--dbb=/x.db'], /unknown option --dbb \(/],
    [['user', 'list', '--no-config', '--db'], /--db needs a value/],
    [['user', 'list', '--no-config', '--no-config=yes'], /--no-config takes no value/],
    [['user', 'list', '--no-config', '-x'], /unknown option -x\b/],
    [['demo', '--no-config', '--scale', 'lots'], /--scale wants a whole number/]]) {
    const r = cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, said, args.join(' '));
  }
});

test('init creates the schema and a 0600 key file; running it twice changes nothing', () => {
  const { dir, db } = fresh();
  assert.equal(cli(['init', '--db', db]).code, 0);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(statSync(`${db}.key`).mode & 0o777, 0o600);
  const tables = sql(db, "SELECT count(*) FROM sqlite_master");
  const key = statSync(`${db}.key`).mtimeMs;
  assert.equal(cli(['init', '--db', db]).code, 0);
  assert.equal(sql(db, "SELECT count(*) FROM sqlite_master"), tables);
  assert.equal(statSync(`${db}.key`).mtimeMs, key, 'the key is never replaced');
  assert.equal(sql(db, 'SELECT count(*) FROM users'), '0', 'no default administrator exists');
  rmSync(dir, { recursive: true });
});

test('init on a keyed database whose key file is missing refuses and makes no new key', () => {
  const { dir, db } = fresh();
  assert.equal(cli(['init', '--db', db]).code, 0);
  unlinkSync(`${db}.key`); // restored onto a new server, the key not yet copied back
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 1, r.stdout);
  assert.doesNotMatch(r.stdout, /ready/);
  assert.match(r.stderr, new RegExp(`key file ${db}\\.key is missing.*restore`));
  assert.equal(existsSync(`${db}.key`), false, 'a new, different key file was made');
  rmSync(dir, { recursive: true });
});

test('a key file other users may read is refused, naming it and the chmod; group-readable is allowed', () => {
  const { dir, db } = fresh();
  assert.equal(cli(['init', '--db', db]).code, 0);
  const add = (email) => cli(['user', 'add', '--db', db, '--email', email, '--name', 'Some One', '--password-stdin'],
    { input: 'a long pass phrase\n' });
  chmodSync(`${db}.key`, 0o644);
  const said = new RegExp(`key file ${db}\\.key can be read .* by other users .*chmod 600 ${db}\\.key`);
  let r = add('a@x.school');
  assert.equal(r.code, 1);
  assert.match(r.stderr, said);
  r = spawnSync(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--user', 'nobody'],
    { encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 1, `serve started with a 0644 key file: ${r.stderr}`);
  assert.match(r.stderr, said);
  chmodSync(`${db}.key`, 0o640);
  assert.equal(add('b@x.school').code, 0);
  rmSync(dir, { recursive: true });
});

// staffroom cgi for one page, as the web server runs it: what it needs at
// start (the mail relay's password, the providers' secrets) read as for serve.
function cgiPage(dir, config) {
  handOver(dir);
  const [file, args] = AS_ROOT ? [UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN]] : [BIN, []];
  const r = spawnSync(file, args, { encoding: 'utf8', env: { PATH: process.env.PATH, STAFFROOM_CONFIG: config,
    GATEWAY_INTERFACE: 'CGI/1.1', REQUEST_METHOD: 'GET', PATH_INFO: '/login', REQUEST_URI: '/login',
    REMOTE_ADDR: '127.0.0.1' } });
  return { status: Number((r.stdout.match(/^Status: (\d+)/) || [])[1]), stderr: r.stderr };
}

test("the mail relay's password file and a provider's secret file follow the key file's rule, and a missing one is named with why", () => {
  const { dir, db } = fresh();
  assert.equal(cli(['demo', '--db', db]).code, 0);
  const smtp = path.join(dir, 'smtp-password'), secret = path.join(dir, 'entra-secret');
  writeFileSync(smtp, 'relay-password\n', { mode: 0o600 });
  writeFileSync(secret, 'client-secret\n', { mode: 0o600 });
  const config = path.join(dir, 'staffroom.conf');
  writeFileSync(config, `db = ${db}\nshare = ${ROOT}\nsmtp_url = smtp://127.0.0.1:25\nmail_from = s@x.school\n` +
    `base_url = https://staff.x.school\nsmtp_password_file = ${smtp}\n` +
    'oidc.entra.issuer = https://login.example.net/t/v2.0\noidc.entra.client_id = abc\n' +
    `oidc.entra.client_secret_file = ${secret}\noidc.entra.domains = x.school\n` +
    'oidc.entra.claim = preferred_username\n');
  const serve = () => spawnSync(BIN, ['serve', '--config', config, '--listen', '127.0.0.1:0', '--user', 'nobody'],
    { encoding: 'utf8', timeout: 10000 });
  for (const [file, what] of [[smtp, "the mail relay's password file \\(smtp_password_file\\)"],
    [secret, 'oidc\\.entra\\.client_secret_file']]) {
    chmodSync(file, 0o644);
    const said = new RegExp(`^staffroom: ${what} ${file} can be read or changed by other users \\(mode 644\\): ` +
      `run 'chmod 600 ${file}' \\(or 640 for a service group\\), then start again$`, 'm');
    const r = serve();
    assert.equal(r.status, 1, `serve started with a 0644 secret file: ${r.stderr}`);
    assert.match(r.stderr, said);
    const page = cgiPage(dir, config);
    assert.equal(page.status, 503);
    assert.match(page.stderr, said);
    chmodSync(file, 0o640);
  }
  assert.equal(cgiPage(dir, config).status, 200, 'group-readable is allowed, as for the key file');
  rmSync(smtp);
  const r = serve();
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`cannot read the mail relay's password file \\(smtp_password_file\\) ${smtp}: ` +
    'No such file or directory'));
  rmSync(dir, { recursive: true });
});

test('user add, roles, deactivate and list', () => {
  const { dir, db } = fresh();
  cli(['init', '--db', db]);
  let r = cli(['user', 'add', '--db', db, '--email', 'head@x.school', '--name', 'Head Teacher', '--role', 'headteacher',
    '--role', 'admin', '--department', 'SLT', '--job-title', 'Head', '--password-stdin'], { input: 'a long pass phrase\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(sql(db, "SELECT password_hash FROM users WHERE email = 'head@x.school'"), /^\$argon2id\$/);
  assert.equal(sql(db, "SELECT group_concat(role) FROM (SELECT role FROM user_roles ORDER BY role)"), 'admin,headteacher,staff');
  r = cli(['user', 'add', '--db', db, '--email', 's@x.school', '--name', 'S', '--password-stdin'], { input: 'short\n' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /12 characters/);
  r = cli(['user', 'add', '--db', db, '--email', 'v@x.school', '--name', 'V', '--staff-type', 'volunteer', '--role', 'wizard',
    '--password-stdin'], { input: 'a long pass phrase\n' });
  assert.equal(r.code, 2);
  r = cli(['user', 'add', '--db', db, '--email', 'head@x.school', '--name', 'Again', '--password-stdin'], { input: 'a long pass phrase\n' });
  assert.equal(r.code, 1);
  assert.equal(cli(['user', 'roles', '--db', db, '--email', 'head@x.school', '--set', 'dsl,slt']).code, 0);
  assert.equal(sql(db, "SELECT group_concat(role) FROM (SELECT role FROM user_roles ORDER BY role)"), 'dsl,slt,staff');
  assert.equal(cli(['user', 'roles', '--db', db, '--email', 'nobody@x.school', '--set', 'dsl']).code, 1);
  // Not before the day they were added; that day at the earliest (UK dates).
  const added = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/London' });
  r = cli(['user', 'deactivate', '--db', db, '--email', 'head@x.school', '--left-on', '2020-08-31']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /the leaving date cannot be before \d{4}-\d\d-\d\d, the day head@x\.school was added/);
  assert.equal(sql(db, "SELECT active FROM users"), '1');
  assert.equal(cli(['user', 'deactivate', '--db', db, '--email', 'head@x.school', '--left-on', added]).code, 0);
  assert.equal(sql(db, "SELECT active || ' ' || left_on FROM users"), `0 ${added}`);
  assert.equal(cli(['user', 'deactivate', '--db', db, '--email', 'head@x.school', '--left-on', '31/08/2026']).code, 2);
  r = cli(['user', 'list', '--db', db]);
  assert.match(r.stdout, /head@x.school\tHead Teacher\tteacher\tSLT\tinactive\t/);
  assert.ok(Number(sql(db, "SELECT count(*) FROM audit WHERE actor = 'command line'")) >= 3);
  assert.equal(cli(['audit', 'verify', '--db', db]).code, 0);
  rmSync(dir, { recursive: true });
});

test('import-staff: all rows or none, each bad row named by its line', () => {
  const { dir, db } = fresh();
  cli(['init', '--db', db]);
  const bad = path.join(dir, 'bad.csv');
  writeFileSync(bad, 'email,name,job_title,department,staff_type\n' +
    'a@x.school,Ann,Teacher,Maths,teacher\n' +
    'not-an-email,Bob,,,support\n' +
    'c@x.school,Cat,TA,,astronaut\n' +
    'a@x.school,Ann Again,,,teacher\n' +
    'd@x.school,"Dee, with comma",,,volunteer\n');
  let r = cli(['import-staff', '--db', db, bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /line 3: .*e-mail/);
  assert.match(r.stderr, /line 4: .*staff type/);
  assert.match(r.stderr, /line 5: .*twice/);
  assert.doesNotMatch(r.stderr, /line 2:|line 6:/);
  assert.equal(sql(db, 'SELECT count(*) FROM users'), '0', 'nothing was imported');
  const good = path.join(dir, 'good.csv');
  writeFileSync(good, 'email,name,job_title,department,staff_type\r\na@x.school,Ann,Teacher,Maths,teacher\r\n' +
    'd@x.school,"Dee, with comma",,,volunteer\r\n');
  r = cli(['import-staff', '--db', db, good]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, "SELECT name FROM users WHERE email = 'd@x.school'"), 'Dee, with comma');
  assert.equal(sql(db, "SELECT staff_type FROM users WHERE email = 'd@x.school'"), 'volunteer');
  const header = path.join(dir, 'header.csv');
  writeFileSync(header, 'mail,name\nz@x.school,Zed\n');
  assert.equal(cli(['import-staff', '--db', db, header]).code, 1);
  // A spreadsheet's Latin-1 "é": the line it is on, not "line 0".
  const latin1 = path.join(dir, 'latin1.csv');
  writeFileSync(latin1, Buffer.concat([Buffer.from('email,name,job_title,department,staff_type\r\n' +
    'e@x.school,Ed,,,teacher\r\nf@x.school,Jos'), Buffer.from([0xe9]), Buffer.from(',,,teacher\r\n')]));
  r = cli(['import-staff', '--db', db, latin1]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^staffroom: ${latin1}, line 3: This line is not UTF-8 text`, 'm'));
  assert.doesNotMatch(r.stderr, /line 0/);
  const gone = path.join(dir, 'gone.csv');
  r = cli(['import-staff', '--db', db, gone]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `staffroom: cannot read the CSV file ${gone}: No such file or directory\n`);
  rmSync(dir, { recursive: true });
});

test('audit verify finds a tampered row and names it', () => {
  const { dir, db } = fresh();
  cli(['demo', '--db', db]);
  assert.equal(cli(['audit', 'verify', '--db', db]).code, 0);
  sql(db, "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'forged' WHERE id = 3;");
  const r = cli(['audit', 'verify', '--db', db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /row 3\b/);
  rmSync(dir, { recursive: true });
});

test('backup makes a consistent copy while the server runs', async () => {
  const s = await startServer();
  const admin = await s.login('admin@demo.school');
  const writes = [];
  for (let i = 0; i < 20; i++) writes.push(admin.post('/admin/closures', { day: `2027-01-${String(i + 1).padStart(2, '0')}` }));
  const out = path.join(s.dir, 'backup.db');
  const r = cli(['backup', '--db', s.db, out]);
  await Promise.all(writes);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(out, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(out, 'SELECT count(*) FROM users'), sql(s.db, 'SELECT count(*) FROM users'));
  // The copy is checked with the live key and anchors: it holds every row they name so far.
  const v = cli(['audit', 'verify', '--db', out, '--key-file', `${s.db}.key`, '--audit-anchor-file', `${s.db}.anchors`]);
  assert.equal(v.code, 0, v.stderr);
  await s.stop();
});

// A newer staffroom installed while the older server still runs: its
// commands must not upgrade the database under that server, whose statements
// would then fail on the new schema.  Here the running server plays the older
// one: its database is put back one schema version.  What only reads
// (backup, audit verify, user list) leaves the database as it is; what would
// upgrade it is refused, saying to stop the server first; once stopped, init
// upgrades it.
test('commands that read leave an older server\'s database as it is; an upgrade waits for the server to stop',
  { skip: FRONT === 'cgi' && 'no long-running server in front of a CGI program' }, async () => {
    const s = await startServer();
    const older = String(SCHEMA_VERSION - 1);
    const version = () => sql(s.db, 'PRAGMA user_version');
    try {
      sql(s.db, `PRAGMA user_version = ${older}`);
      const out = path.join(s.dir, 'copy.db');
      for (const args of [['backup', '--db', s.db, out], ['audit', 'verify', '--db', s.db], ['user', 'list', '--db', s.db]]) {
        const r = cli(args);
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /upgraded/);
        assert.equal(version(), older, `${args.join(' ')} left the schema as it was`);
      }
      assert.equal(sql(out, 'PRAGMA user_version'), older, 'the backup is of the database as it is');
      const refused = new RegExp(`the database ${s.db} has schema version ${older}, and this staffroom would upgrade it ` +
        `to ${SCHEMA_VERSION}, but a running staffroom server or command has it open.*Stop the server .*` +
        `run staffroom init --db ${s.db}, then start the new version; nothing was changed`);
      const add = cli(['user', 'add', '--db', s.db, '--email', 'new@x.school', '--name', 'New Person', '--password-stdin'],
        { input: 'a long pass phrase\n' });
      assert.equal(add.code, 1, add.stderr);
      assert.match(add.stderr, refused);
      const init = cli(['init', '--db', s.db]);
      assert.equal(init.code, 1, init.stderr);
      assert.match(init.stderr, refused);
      assert.equal(version(), older);
      assert.equal(sql(s.db, "SELECT count(*) FROM users WHERE email = 'new@x.school'"), '0');
      assert.equal((await (await s.login('teacher@demo.school')).get('/')).status, 200, 'the server goes on');
    } finally {
      await s.stop({ keep: true });
    }
    const init = cli(['init', '--db', s.db]);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stderr, new RegExp(`database upgraded to schema version ${SCHEMA_VERSION}`));
    assert.equal(version(), String(SCHEMA_VERSION));
    rmSync(s.dir, { recursive: true, force: true });
  });

// A backup is checked where it is kept, perhaps read-only, and perhaps from
// before an upgrade: audit verify reads it as it is and leaves nothing beside
// it (no lock, -wal or -shm file).
test('audit verify reads a backup as it is, in a read-only folder, leaving nothing beside it', () => {
  const { dir, db } = fresh();
  assert.equal(cli(['demo', '--db', db]).code, 0);
  const folder = path.join(dir, 'backups'), bk = path.join(folder, 'bk.db');
  mkdirSync(folder);
  assert.equal(cli(['backup', '--db', db, bk]).code, 0);
  const older = String(SCHEMA_VERSION - 1);
  sql(bk, `PRAGMA user_version = ${older}`);
  assert.deepEqual(readdirSync(folder), ['bk.db']);
  // As someone who may only read it: the service's user, or the tests' own.
  handOver(dir);
  if (AS_ROOT) chownSync(bk, 65534, 65534);
  chmodSync(bk, 0o400);
  chmodSync(folder, 0o555);
  const verify = (file) => {
    const args = ['audit', 'verify', '--db', file, '--key-file', `${db}.key`, '--audit-anchor-file', `${db}.anchors`];
    const r = AS_ROOT ? spawnSync(UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN, ...args], { encoding: 'utf8' })
      : spawnSync(BIN, args, { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const r = verify(bk);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /audit log intact/);
  assert.deepEqual(readdirSync(folder), ['bk.db'], 'no lock, -wal or -shm file beside the backup');
  assert.equal(sql(bk, 'PRAGMA user_version'), older, 'not upgraded');
  // From before the keyed chain: nothing the key can check, and it says what to do.
  chmodSync(folder, 0o755);
  chmodSync(bk, 0o600);
  sql(bk, 'PRAGMA user_version = 2');
  chmodSync(folder, 0o555);
  const old = verify(bk);
  assert.equal(old.code, 1);
  assert.match(old.stderr, new RegExp(`${bk} has schema version 2, from before the audit log was keyed ` +
    '\\(version 3\\): check it with the staffroom release that made it, or upgrade a copy'));
  assert.equal(sql(bk, 'PRAGMA user_version'), '2');
  chmodSync(folder, 0o755);
  rmSync(dir, { recursive: true });
});

// A backup run from cron into a folder that is missing or not the
// service's: the message names the file and the system's reason.
test('a backup that cannot be written names the file and why', () => {
  const { dir, db } = fresh();
  assert.equal(cli(['init', '--db', db]).code, 0);
  const missing = path.join(dir, 'no-such-folder', 'bk.db');
  let r = cli(['backup', '--db', db, missing]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`cannot create the backup file ${missing}: No such file or directory`));
  const closed = path.join(dir, 'closed');
  mkdirSync(closed);
  handOver(dir);
  chmodSync(closed, 0o555);
  const args = ['backup', '--db', db, path.join(closed, 'bk.db')];
  const run = AS_ROOT ? spawnSync(UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN, ...args], { encoding: 'utf8' })
    : spawnSync(BIN, args, { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, new RegExp(`cannot create the backup file ${closed}/bk\\.db: Permission denied`));
  assert.deepEqual(readdirSync(closed), []);
  chmodSync(closed, 0o755);
  rmSync(dir, { recursive: true });
});

test('mistakes on the command line are named as typed, on standard error', () => {
  const { dir, db } = fresh();
  cli(['init', '--db', db]);
  let r = cli(['user', 'bogus']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'user bogus'/);
  r = cli(['user']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '', 'a mistake is not answered on standard output');
  assert.match(r.stderr, /^  user add --db FILE/m);
  r = cli(['serve', '--db', db, '--listen', '127.0.0.1:0', '--max-connections', '0']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--max-connections must be/);
  assert.doesNotMatch(r.stderr, /--max_connections/);
  r = cli(['backup', '--db', db, path.join(dir, 'a.db'), path.join(dir, 'b.db')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /backup takes one output file/);
  assert.ok(!existsSync(path.join(dir, 'a.db')), 'nothing written');
  rmSync(dir, { recursive: true });
});
