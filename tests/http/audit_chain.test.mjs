// The audit chain is keyed with a secret the database does not hold, and its
// head is anchored outside the database (the anchor file, and a daily e-mail
// to the headteacher).  An attacker with write access to the database file
// drops the append-only triggers with sqlite3, as one would, and then
// removes the last rows, rewrites the whole chain or empties the log:
// `staffroom audit verify` must fail with a clear message each time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, symlinkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync,
  writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AS_ROOT, BIN, ROOT, UNPRIVILEGED, cli, FRONT, handOver, launch, sql, startProcess, startServer } from './lib.mjs';
import { startSink } from './smtp_sink.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

const GENESIS = '0'.repeat(64);

function demo() {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-chain-'));
  const db = path.join(dir, 'chain.db');
  const r = cli(['demo', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  return { dir, db };
}

const verify = (db) => cli(['audit', 'verify', '--db', db]);

function run(db, script) {
  const r = spawnSync('sqlite3', [db], { input: script, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout;
}

function rows(db) {
  const out = spawnSync('sqlite3', ['-json', db, 'SELECT * FROM audit ORDER BY id'], { encoding: 'utf8' }).stdout;
  return out.trim() ? JSON.parse(out) : [];
}

// The plain chain of older staffroom versions: SHA-256 over each field with
// its length in bytes, as anyone reading the source can recompute it.
function plainHash(prev, a) {
  const f = (s) => `${Buffer.byteLength(s)}:${s}`;
  const text = `${prev}|${f(a.at)}|${a.actor_id ?? 0}|${f(a.actor)}|${f(a.address)}|${f(a.action)}|${f(a.object)}|${f(a.detail)}`;
  return createHash('sha256').update(text).digest('hex');
}

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const DROP = 'DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;\n';

// Rewrites every row's hashes as a consistent plain chain.
function rewritePlain(db, keep = () => true) {
  let prev = GENESIS;
  let script = `${DROP}BEGIN;\nDELETE FROM audit;\n`;
  for (const a of rows(db).filter(keep)) {
    const h = plainHash(prev, a);
    script += `INSERT INTO audit(id, at, actor_id, actor, address, action, object, detail, prev_hash, hash) VALUES (${a.id}, ${q(a.at)}, ${a.actor_id ?? 'NULL'}, ${q(a.actor)}, ${q(a.address)}, ${q(a.action)}, ${q(a.object)}, ${q(a.detail)}, ${q(prev)}, ${q(h)});\n`;
    prev = h;
  }
  run(db, `${script}COMMIT;\n`);
  return prev;
}

test('an intact log verifies, against its anchor file', () => {
  const { dir, db } = demo();
  assert.equal(statSync(`${db}.anchors`).mode & 0o777, 0o600);
  const r = verify(db);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /audit log intact \(\d+ rows; checked against the anchors/);
  assert.equal(sql(db, "SELECT action FROM audit WHERE id = 1"), 'audit.keyed');
  rmSync(dir, { recursive: true });
});

test('deleting the last rows is found', () => {
  const { dir, db } = demo();
  run(db, `${DROP}DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit);`);
  const r = verify(db);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /rows were removed from the end: the log ends at row \d+, but the anchor of .* names row \d+/);
  rmSync(dir, { recursive: true });
});

test('rewriting the whole chain with a recomputed plain chain is found', () => {
  const { dir, db } = demo();
  rewritePlain(db);
  let r = verify(db);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /audit log broken: row 1 does not match the chain/);
  // Without the keyed start row as well, and forged so that it looks untouched.
  const d2 = demo();
  rewritePlain(d2.db, (a) => a.action !== 'audit.keyed');
  r = verify(d2.db);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no keyed start row|is not the row anchored/);
  rmSync(dir, { recursive: true });
  rmSync(d2.dir, { recursive: true });
});

test('changing one row is found and the row named', () => {
  const { dir, db } = demo();
  run(db, `${DROP}UPDATE audit SET detail = 'forged' WHERE id = 5;`);
  const r = verify(db);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /row 5 does not match the chain/);
  rmSync(dir, { recursive: true });
});

test('an emptied log is found', () => {
  const { dir, db } = demo();
  run(db, `${DROP}DELETE FROM audit;`);
  const r = verify(db);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /the audit log is empty/);
  assert.doesNotMatch(r.stdout, /intact/);
  rmSync(dir, { recursive: true });
});

// Each anchor counts from the one before it rather than the whole log; a row
// removed from the middle after an anchor is still counted by the next one,
// so it is reported however often staffroom wrote its head since.
test('each anchor counts the rows up to its head; a row removed before the next anchor stays counted', () => {
  const { dir, db } = demo();
  const last = () => readFileSync(`${db}.anchors`, 'utf8').trim().split('\n').pop().split(' ');
  const addUser = (n) => {
    const r = cli(['user', 'add', '--db', db, '--email', `new${n}@demo.school`, '--name', `New Person ${n}`,
      '--password-stdin'], { input: 'a long pass phrase\n' });
    assert.equal(r.code, 0, r.stderr);
  };
  addUser(1);
  let [, id, , counted] = last();
  assert.equal(counted, sql(db, `SELECT count(*) FROM audit WHERE id <= ${id}`));
  run(db, `${DROP}DELETE FROM audit WHERE id = 5;`);
  addUser(2);
  [, id, , counted] = last();
  assert.equal(Number(counted), Number(sql(db, `SELECT count(*) FROM audit WHERE id <= ${id}`)) + 1,
    'the removed row is still counted');
  const r = verify(db);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /row 6 does not match the chain/);
  rmSync(dir, { recursive: true });
});

test('a missing anchor file or key file is a failure, not a pass', () => {
  const { dir, db } = demo();
  rmSync(`${db}.anchors`);
  let r = verify(db);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /audit log not verified: the anchor file .* is missing/);
  const d2 = demo();
  rmSync(`${d2.db}.key`);
  r = verify(d2.db);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /cannot check the audit log: the key file .* cannot be used: it does not exist/);
  rmSync(dir, { recursive: true });
  rmSync(d2.dir, { recursive: true });
});

test('a key file verify may not use is said to be so, with why, not called a broken log', () => {
  const { dir, db } = demo();
  chmodSync(`${db}.key`, 0o644);
  let r = verify(db);
  assert.equal(r.code, 3, 'its own exit status: the log was not checked');
  assert.equal(r.stderr, `staffroom: cannot check the audit log: the key file ${db}.key cannot be used: its mode ` +
    `644 lets other users read or change it: run 'chmod 600 ${db}.key' (or 640 for a service group). ` +
    'The log itself was not looked at\n');
  assert.doesNotMatch(r.stderr, /broken/);
  chmodSync(`${db}.key`, 0o600);
  if (AS_ROOT) {
    // Run as another user than the key file's owner (root here).
    handOver(dir);
    chownSync(`${db}.key`, 0, 0);
    const [file, args] = [UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN]];
    const as = spawnSync(file, [...args, 'audit', 'verify', '--db', db], { encoding: 'utf8' });
    assert.equal(as.status, 3, as.stderr);
    assert.match(as.stderr, /the key file .* cannot be used: it belongs to root with mode 600, and this runs as nobody: run it as root\./);
  }
  writeFileSync(`${db}.key`, 'short', { mode: 0o600 });
  r = verify(db);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /it holds 5 bytes, not the 32 of a key/);
  rmSync(dir, { recursive: true });
});

// staffroom cgi, run as a web server runs it, for one page.
function cgiPage(dir, db) {
  const config = path.join(dir, 'cgi.conf');
  writeFileSync(config, `db = ${db}\nshare = ${ROOT}\n`);
  handOver(dir);
  const [file, args] = AS_ROOT ? [UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN]] : [BIN, []];
  return spawnSync(file, args, { encoding: 'utf8', env: { PATH: process.env.PATH, STAFFROOM_CONFIG: config,
    GATEWAY_INTERFACE: 'CGI/1.1', REQUEST_METHOD: 'GET', PATH_INFO: '/login', REQUEST_URI: '/login',
    REMOTE_ADDR: '127.0.0.1' } });
}

test('a deleted anchor file is not made again: servers and commands stop, verify says why, and new-anchor starts one on record', () => {
  const { dir, db } = demo();
  // The file deleted and the log cut short: what a new file would hide.
  rmSync(`${db}.anchors`);
  run(db, `${DROP}DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit);`);
  const missing = new RegExp(`the audit anchor file ${db}\\.anchors is missing, but the audit log has \\d+ rows.*` +
    `'staffroom audit new-anchor --db ${db}' starts a new one, recorded in the audit log`);
  const v = verify(db);
  assert.equal(v.code, 1);
  assert.match(v.stderr, /^staffroom: audit log not verified: the anchor file .* is missing, so rows removed from the log's end cannot be seen/);
  assert.match(v.stderr, /'staffroom audit new-anchor' starts a new one/);
  const user = AS_ROOT ? ['--user', 'nobody'] : [];
  handOver(dir);
  for (const server of ['serve', 'fastcgi']) {
    const r = spawnSync(BIN, [server, '--db', db, '--listen', server === 'serve' ? '127.0.0.1:0' : `unix:${dir}/f.sock`, ...user],
      { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 1, `${server} started: ${r.stderr}`);
    assert.match(r.stderr, missing);
  }
  const page = cgiPage(dir, db);
  assert.match(page.stdout, /^Status: 503/);
  assert.match(page.stderr, missing);
  const rowsBefore = sql(db, 'SELECT count(*) FROM audit');
  const add = cli(['user', 'add', '--db', db, '--email', 'new@x.school', '--name', 'New Person', '--password-stdin'],
    { input: 'a long pass phrase\n' });
  assert.equal(add.code, 1);
  assert.match(add.stderr, missing);
  assert.equal(sql(db, 'SELECT count(*) FROM audit'), rowsBefore, 'nothing was written');
  assert.equal(existsSync(`${db}.anchors`), false, 'no command made the file');
  // Knowingly: a row says so, and the file starts at it.
  const started = cli(['audit', 'new-anchor', '--db', db]);
  assert.equal(started.code, 0, started.stderr);
  assert.match(started.stdout, /a new anchor file .* starts at the log's head/);
  assert.equal(statSync(`${db}.anchors`).mode & 0o777, 0o600);
  const row = JSON.parse(spawnSync('sqlite3', ['-json', db, 'SELECT * FROM audit ORDER BY id DESC LIMIT 1'], { encoding: 'utf8' }).stdout)[0];
  assert.equal(row.action, 'audit.anchor_new');
  assert.equal(row.actor, 'command line');
  assert.match(row.detail, new RegExp(`the anchor file ${db}\\.anchors was missing when the log ended at row ${row.id - 1}`));
  const ok = verify(db);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`the anchor file was started anew at row ${row.id}`));
  const again = cli(['audit', 'new-anchor', '--db', db]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is there: a new one starts only in place of a lost one/);
  rmSync(dir, { recursive: true });
});

test('a key file that is not the chain\'s is refused before anything is written under it', () => {
  const { dir, db } = demo();
  const good = readFileSync(`${db}.key`);
  writeFileSync(`${db}.key`, randomBytes(32), { mode: 0o600 });
  const before = sql(db, 'SELECT count(*) FROM audit');
  const wrong = new RegExp(`the audit log does not verify with the key file ${db}\\.key: none of its newest rows ` +
    'does, so the key file is not the one this log was made with');
  const add = cli(['user', 'add', '--db', db, '--email', 'new@x.school', '--name', 'New Person', '--password-stdin'],
    { input: 'a long pass phrase\n' });
  assert.equal(add.code, 1, add.stdout);
  assert.match(add.stderr, wrong);
  const serve = spawnSync(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--user', 'nobody'],
    { encoding: 'utf8', timeout: 10000 });
  assert.equal(serve.status, 1, `serve started with the wrong key: ${serve.stderr}`);
  assert.match(serve.stderr, wrong);
  assert.equal(sql(db, 'SELECT count(*) FROM audit'), before, 'rows were written under the wrong key');
  writeFileSync(`${db}.key`, good);
  assert.equal(verify(db).code, 0, 'with the right key back, the chain holds');
  rmSync(dir, { recursive: true });
});

test('a newest row changed since it was written is told apart from a wrong key file, and nothing is written', () => {
  const { dir, db } = demo();
  run(db, `DROP TRIGGER audit_no_update;
UPDATE audit SET detail = detail || ' (changed)' WHERE id = (SELECT max(id) FROM audit);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`);
  const before = sql(db, 'SELECT count(*) FROM audit');
  const add = cli(['user', 'add', '--db', db, '--email', 'new@x.school', '--name', 'New Person', '--password-stdin'],
    { input: 'a long pass phrase\n' });
  assert.equal(add.code, 1, add.stdout);
  assert.match(add.stderr, new RegExp(`the newest row of the audit log does not verify with the key file ${db}\\.key, ` +
    'though the rows before it do: that row was changed since it was written \\(run staffroom audit verify\\)'));
  assert.doesNotMatch(add.stderr, /not the one this log was made with/);
  assert.equal(sql(db, 'SELECT count(*) FROM audit'), before, 'nothing was written');
  rmSync(dir, { recursive: true });
});

test('a database made before the key: its plain chain is checked once and carried over', () => {
  const { dir, db } = demo();
  // What an older staffroom left: a plain chain, schema version 2, no anchors.
  const head = rewritePlain(db, (a) => a.action !== 'audit.keyed');
  const n = Number(sql(db, 'SELECT count(*) FROM audit'));
  const last = Number(sql(db, 'SELECT max(id) FROM audit'));
  run(db, `DROP TABLE audit_anchor_days; PRAGMA user_version = 2;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`);
  rmSync(`${db}.anchors`);
  const up = cli(['init', '--db', db]);
  assert.equal(up.code, 0, up.stderr);
  assert.match(up.stderr, new RegExp(`upgraded to schema version ${SCHEMA_VERSION}`));
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  const start = JSON.parse(spawnSync('sqlite3', ['-json', db, "SELECT * FROM audit WHERE action = 'audit.keyed'"], { encoding: 'utf8' }).stdout);
  assert.equal(start.length, 1);
  assert.equal(start[0].id, last + 1);
  assert.equal(start[0].prev_hash, head);
  assert.equal(start[0].detail, `old_rows=${n} old_head=${head} old_chain=intact`);
  let r = verify(db);
  assert.equal(r.code, 0, r.stderr);
  // New rows after the carry-over are keyed and verify too.
  assert.equal(cli(['user', 'roles', '--db', db, '--email', 'teacher@demo.school', '--set', 'slt']).code, 0);
  assert.equal(verify(db).code, 0);
  // The old rows are still checked.
  run(db, `${DROP}UPDATE audit SET detail = 'forged' WHERE id = 3;`);
  r = verify(db);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /row 3 does not match/);
  rmSync(dir, { recursive: true });
});

test("the day's anchor is the UK calendar day: at 00:30 BST it is already the next day", async () => {
  const sink = await startSink();
  // 23:30 UTC on 15 June 2026 is 00:30 British Summer Time on 16 June.
  const s = await startServer({
    args: ['--smtp-url', sink.url, '--mail-from', 'staffroom@hillside.test', '--base-url', 'https://staffroom.hillside.test'],
    env: { STAFFROOM_TEST_NOW: '2026-06-15T23:30:00Z' },
  });
  try {
    const msgs = await sink.waitFor(1);
    const m = msgs.find((x) => /^Subject: Daily audit anchor/m.test(x.data));
    assert.ok(m, 'the daily anchor e-mail was sent');
    assert.match(m.data, /daily anchor for [^\r\n]*, 16 June 2026\./);
    assert.equal(sql(s.db, "SELECT count(*) FROM audit_anchor_days WHERE day = '2026-06-16'"), '1');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit_anchor_days WHERE day = '2026-06-15'"), '0');
  } finally {
    await s.stop();
    await sink.close();
  }
});

test('once a day the server anchors the head and e-mails it to the headteacher, with no case detail', async () => {
  const sink = await startSink();
  const day = '2030-11-20';
  const s = await startServer({
    args: ['--smtp-url', sink.url, '--mail-from', 'staffroom@hillside.test', '--base-url', 'https://staffroom.hillside.test'],
    env: { STAFFROOM_TEST_NOW: `${day}T10:00:00Z` },
  });
  try {
    const msgs = await sink.waitFor(1);
    const m = msgs.find((x) => /^Subject: Daily audit anchor/m.test(x.data));
    assert.ok(m, 'the daily anchor e-mail was sent');
    assert.equal(m.to.length, 1);
    assert.match(m.to[0], /head@demo\.school/);
    assert.equal(sink.messages.filter((x) => /^Subject: Daily audit anchor/m.test(x.data)).length, 1, 'to the headteacher only');
    assert.match(m.data, /20 November 2030/);
    const id = m.data.match(/Newest row: (\d+)/)[1];
    const hash = m.data.match(/Its keyed hash: ([0-9a-f]{64})/)[1];
    assert.equal(sql(s.db, `SELECT hash FROM audit WHERE id = ${id}`), hash);
    assert.match(m.data, new RegExp(`Rows in the log: ${sql(s.db, `SELECT count(*) FROM audit WHERE id <= ${id}`)}`));
    assert.ok(readFileSync(`${s.db}.anchors`, 'utf8').includes(` ${id} ${hash} `), 'the same head is in the anchor file');
    assert.doesNotMatch(m.data, /C-\d{4}-\d+/, 'no case reference');
    assert.equal(sql(s.db, `SELECT count(*) FROM audit_anchor_days WHERE day = '${day}'`), '1');
    // Once a day: the background thread keeps running, but sends no second one.
    const teacher = await s.login('teacher@demo.school');
    assert.equal((await teacher.get('/')).status, 200);
    await new Promise((res) => setTimeout(res, 2500));
    assert.equal(sink.messages.filter((x) => /^Subject: Daily audit anchor/m.test(x.data)).length, 1);
  } finally {
    await s.stop({ keep: true });
    await sink.close();
  }
  // The server anchored its head on stopping: the whole log verifies.
  const r = verify(s.db);
  assert.equal(r.code, 0, r.stderr);
  rmSync(s.dir, { recursive: true, force: true });
});

test('the restore DEPLOY.md describes leaves a log that verifies, the old anchors kept', () => {
  const { dir, db } = demo();
  assert.equal(cli(['backup', '--db', db, `${dir}/bk.db`]).code, 0);
  assert.equal(cli(['user', 'add', '--db', db, '--email', 'late@x.school', '--name', 'Late Comer', '--password-stdin'],
    { input: 'a long pass phrase\n' }).code, 0);
  copyFileSync(`${dir}/bk.db`, db);
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  assert.match(verify(db).stderr, /removed from the end/);
  renameSync(`${db}.anchors`, `${db}.anchors.before-restore`);
  assert.equal(cli(['init', '--db', db]).code, 1, 'init makes no anchor file for a log that has rows');
  assert.equal(cli(['audit', 'new-anchor', '--db', db]).code, 0);
  assert.equal(verify(db).code, 0, verify(db).stderr);
  assert.match(readFileSync(`${db}.anchors.before-restore`, 'utf8'), /\S/);
  rmSync(dir, { recursive: true });
});

test('staffroom restore puts the backup in place and says so in the restored log', async () => {
  const { dir, db } = demo();
  const bk = `${dir}/bk.db`;
  assert.equal(cli(['backup', '--db', db, bk]).code, 0);
  assert.equal(cli(['user', 'add', '--db', db, '--email', 'late@x.school', '--name', 'Late Comer', '--password-stdin'],
    { input: 'a long pass phrase\n' }).code, 0);
  const before = readFileSync(db);
  const unchanged = () => assert.ok(readFileSync(db).equals(before), 'the database is as it was');
  // Bad input: no file, not a database, no backup named, a key that does
  // not verify the backup's log: refused, and nothing changes.
  let r = cli(['restore', '--db', db, `${dir}/none.db`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /there is no backup file .*none\.db; nothing was changed/);
  writeFileSync(`${dir}/junk.db`, 'not a database at all');
  r = cli(['restore', '--db', db, `${dir}/junk.db`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /junk\.db is not a backup of a staffroom database/);
  assert.equal(cli(['restore', '--db', db]).code, 2);
  const other = demo();
  r = cli(['restore', '--db', db, other.db]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /the key file is not the one this log was made with/);
  assert.match(r.stderr, /is as it was/);
  rmSync(other.dir, { recursive: true });
  unchanged();
  assert.equal(sql(db, `SELECT count(*) FROM users WHERE email = 'late@x.school'`), '1');
  assert.equal(sql(db, `SELECT count(*) FROM audit WHERE action = 'database.restore'`), '0');

  // The restore: the backup's records, the old anchors kept, a log that verifies.
  r = cli(['restore', '--db', db, bk]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, `SELECT count(*) FROM users WHERE email = 'late@x.school'`), '0');
  assert.equal(verify(db).code, 0, verify(db).stderr);
  const kept = r.stdout.match(/kept as (\S+)/)[1];
  assert.match(readFileSync(kept, 'utf8'), /\S/);
  // The newest row: a restore, from which file, by the command line, and when.
  const last = rows(db).at(-1);
  assert.equal(last.action, 'database.restore');
  assert.equal(last.actor, 'command line');
  assert.equal(last.object, bk);
  assert.match(last.detail, new RegExp(`from the backup file ${bk} .*the anchors before it are in ${kept}`));
  assert.ok(Math.abs(Date.parse(last.at) - Date.now()) < 60e3, last.at);
  // The administrator reads it on the audit log's page.
  const s = await launch({ dir, db });
  try {
    const admin = await s.login('admin@demo.school');
    const a = (await admin.get('/audit?action=database.restore')).body.audit;
    assert.equal(a.length, 1, JSON.stringify(a));
    assert.match((await admin.page('/audit?action=database.restore')).text, /Database restored from a backup/);
  } finally {
    await s.stop();
  }
});

// A restore swapped under a running server: the server goes on writing to
// the file put aside (its WAL removed under it), and records it has saved
// are lost.  Restore refuses while a server (serve or fastcgi) holds the
// database, changing nothing; once it has stopped, the same restore runs.
// A CGI process is not a running server: that front has none to stop.
test('staffroom restore refuses while a server has the database, and runs once it has stopped',
  { skip: FRONT === 'cgi' && 'no long-running server in front of a CGI program' }, async () => {
  const s = await startServer();
  const folder = path.join(s.dir, 'backups');
  mkdirSync(folder);
  const bk = path.join(folder, 'bk.db');
  assert.equal(cli(['backup', '--db', s.db, bk]).code, 0);
  // Written after the backup: one through the server, one on the command line.
  const admin = await s.login('admin@demo.school');
  assert.equal(cli(['user', 'add', '--db', s.db, '--email', 'late@x.school', '--name', 'Late Comer',
    '--password-stdin'], { input: 'a long pass phrase\n' }).code, 0);
  const late = () => sql(s.db, `SELECT count(*) FROM users WHERE email = 'late@x.school'`);
  const audited = sql(s.db, 'SELECT count(*) FROM audit');
  try {
    const r = cli(['restore', '--db', s.db, bk]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`the database ${s.db} is in use by a running staffroom server or command\\. ` +
      'Stop the server .*and run restore again; nothing was changed'));
    assert.equal(r.stdout, '');
    // The same database by another name (a symbolic link) is the same database.
    const link = path.join(s.dir, 'link.db');
    symlinkSync(s.db, link);
    const viaLink = cli(['restore', '--db', link, bk]);
    assert.equal(viaLink.code, 1, viaLink.stderr);
    assert.match(viaLink.stderr, /is in use by a running staffroom server or command/);
    assert.ok(lstatSync(link).isSymbolicLink());
    // Nothing changed: the later rows, no restore row, the anchors, no copy.
    assert.equal(late(), '1');
    assert.equal(sql(s.db, `SELECT count(*) FROM audit WHERE action = 'database.restore'`), '0');
    assert.ok(Number(sql(s.db, 'SELECT count(*) FROM audit')) >= Number(audited));
    assert.deepEqual(readdirSync(s.dir).filter((f) => /restoring|before-restore/.test(f)), []);
    assert.ok(existsSync(`${s.db}.anchors`));
    // The server goes on answering from the same database.
    assert.equal((await admin.get('/audit?action=user.add')).status, 200);
  } finally {
    await s.stop({ keep: true });
  }
  assert.equal(verify(s.db).code, 0, verify(s.db).stderr);
  assert.equal(late(), '1');
  // Stopped: the same restore runs, and leaves the backups' folder as it was.
  const r = cli(['restore', '--db', s.db, bk]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(late(), '0');
  assert.equal(verify(s.db).code, 0, verify(s.db).stderr);
  assert.deepEqual(readdirSync(folder), ['bk.db']);
  rmSync(s.dir, { recursive: true, force: true });
});

// A backup brings back sessions ended since (signed out, ended by an
// administrator after a suspected compromise) and one-time links used or
// replaced since.  The restore ends every session and spends every link in
// the restored copy before it takes the database's place, says so in the
// restored log, and tells the technician what to do again.
test('a restore signs everyone out and spends every one-time link, on record as the restore', async () => {
  const s = await startServer();
  const token = 'R'.repeat(43);
  const teacher = await s.login('teacher@demo.school');
  assert.equal((await teacher.get('/account/sessions')).status, 200);
  sql(s.db, `INSERT INTO password_links(token_hash, user_id, purpose, sent_by, created_at, expires_at)
    SELECT '${createHash('sha256').update(token).digest('hex')}', id, 'reset', 'the person',
      '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z' FROM users WHERE email = 'ta@demo.school'`);
  assert.equal((await s.client().page(`/password/set?token=${token}`)).status, 200);
  const bk = path.join(s.dir, 'bk.db');
  assert.equal(cli(['backup', '--db', s.db, bk]).code, 0);
  await s.stop({ keep: true });
  const r = cli(['restore', '--db', s.db, bk]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /everyone signs in again: the restore ended [1-9]\d* sessions and spent 1 one-time password links/);
  assert.match(r.stdout, /changes made after the backup was last written \(\d{4}-[^)]+\) are not in the restored database: make again .*people who have left \(deactivate them\), passwords and second factors reset/);
  const last = rows(s.db).at(-1);
  assert.equal(last.action, 'database.restore');
  assert.match(last.detail, /\d+ sessions ended and 1 one-time password links spent, so everyone signs in again/);
  assert.equal(sql(s.db, 'SELECT count(*) FROM sessions'), '0');
  assert.equal(sql(s.db, 'SELECT count(*) FROM password_links WHERE used_at IS NULL'), '0');
  const again = await launch({ dir: s.dir, db: s.db });
  try {
    // The browser still holds the cookie of its session from before the backup.
    const before = Object.assign(again.client(), { cookie: teacher.cookie, cookieName: teacher.cookieName });
    assert.equal((await before.get('/account/sessions')).status, 401, 'the session of the backup is ended');
    assert.equal((await again.client().page(`/password/set?token=${token}`)).status, 410, 'the link is spent');
    assert.equal((await (await again.login('teacher@demo.school')).get('/account/sessions')).status, 200);
  } finally {
    await again.stop({ keep: true });
  }
  const v = verify(s.db);
  assert.equal(v.code, 0, v.stderr);
  rmSync(s.dir, { recursive: true, force: true });
});

// The database's path is often a symbolic link (to a larger disk, say).  A
// restore through it puts the backup in place of the file it names, with
// that file's -wal and -shm, and leaves the link a link: a file put in the
// link's place would leave the database itself (which the lock file and
// SQLite's -wal and -shm follow) as it was.
test('restore through a symbolic link restores the file it names and leaves the link', () => {
  const { dir, db } = demo();
  const link = path.join(dir, 'link.db'), bk = path.join(dir, 'bk.db');
  symlinkSync(db, link);
  assert.equal(cli(['backup', '--db', link, bk]).code, 0);
  assert.equal(cli(['user', 'add', '--db', db, '--email', 'late@x.school', '--name', 'Late Comer', '--password-stdin'],
    { input: 'a long pass phrase\n' }).code, 0);
  const late = () => sql(db, `SELECT count(*) FROM users WHERE email = 'late@x.school'`);
  assert.equal(late(), '1');
  // The key and anchor files are found from the name given, as by every command.
  const r = cli(['restore', '--db', link, '--key-file', `${db}.key`, '--audit-anchor-file', `${db}.anchors`, bk]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`${link} \\(the file ${db}\\) restored from ${bk}`));
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal(late(), '0', 'the file it names holds the backup');
  assert.equal(sql(db, `SELECT count(*) FROM audit WHERE action = 'database.restore'`), '1');
  assert.deepEqual(readdirSync(dir).filter((f) => /restoring|-wal|-shm/.test(f)), []);
  const v = cli(['audit', 'verify', '--db', db]);
  assert.equal(v.code, 0, v.stderr);
  rmSync(dir, { recursive: true });
});

// A command that writes (user add here) while a restore is under way would
// write to the file the restore puts aside: it is refused and changes
// nothing.  The restore's exclusive lock is taken here by another process.
test('a command is refused while the database is being restored', async () => {
  const s = await startServer();
  await s.stop({ keep: true });
  const holder = spawn('python3', ['-c', 'import fcntl, sys\n' +
    'f = open(sys.argv[1], "a")\nfcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nprint("locked", flush=True)\nsys.stdin.read()',
  `${s.db}.lock`], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await new Promise((resolve, reject) => {
      holder.stdout.on('data', (d) => { if (String(d).includes('locked')) resolve(); });
      holder.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
    });
    const users = sql(s.db, 'SELECT count(*) FROM users');
    const r = cli(['user', 'add', '--db', s.db, '--email', 'during@x.school', '--name', 'During Restore',
      '--password-stdin'], { input: 'a long pass phrase\n' });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`the database ${s.db} is being restored from a backup: run this again when ` +
      'the restore has finished; nothing was changed'));
    assert.equal(sql(s.db, 'SELECT count(*) FROM users'), users);
  } finally {
    holder.stdin.end();
  }
  await new Promise((resolve) => holder.on('close', resolve));
  // Once it has finished, the same command runs.
  assert.equal(cli(['user', 'add', '--db', s.db, '--email', 'during@x.school', '--name', 'During Restore',
    '--password-stdin'], { input: 'a long pass phrase\n' }).code, 0);
  rmSync(s.dir, { recursive: true, force: true });
});

// Run as the service's user, as DEPLOY.md has the commands run.
const asService = (args, input = '') => {
  const r = spawnSync(UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN, ...args], { input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

// The server as the service manager starts it (unprivileged), on the files
// as they are (no handing over first); resolves {code, err}: 0 once it served
// and stopped, else its exit status and what it said.
async function serves(dir, db) {
  const listen = FRONT === 'fastcgi' ? `unix:${dir}/f.sock` : '127.0.0.1:0';
  let p;
  try {
    p = await startProcess(FRONT === 'fastcgi' ? 'fastcgi' : 'serve', db, listen);
  } catch (e) {
    return { code: 1, err: String(e.message) };
  }
  const exited = new Promise((res) => p.proc.on('exit', res));
  p.proc.kill('SIGTERM');
  await exited;
  return { code: p.proc.exitCode, err: p.stderr() };
}

// `sudo staffroom restore` (or init) without `-u staffroom`: what it makes
// beside the database is given to the database's owner (or, for a new one,
// its folder's), so that the service's user can start the server; a database
// it cannot open is named at start-up with its owner and the chown to run.
test('restore and init run as root leave their files to the database\'s owner, and the server starts',
  { skip: (!AS_ROOT && 'not running as root') || (FRONT === 'cgi' && 'no server to start') }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-root-'));
    handOver(dir);
    const db = path.join(dir, 'r.db'), bk = path.join(dir, 'bk.db');
    assert.equal(asService(['demo', '--db', db]).code, 0);
    assert.equal(asService(['backup', '--db', db, bk]).code, 0);
    const owners = (files) => files.map((f) => `${path.basename(f)} ${statSync(f).uid}:${statSync(f).gid}`);
    const theirs = (files) => assert.deepEqual(owners(files), files.map((f) => `${path.basename(f)} 65534:65534`));
    const r = cli(['restore', '--db', db, bk]);
    assert.equal(r.code, 0, r.stderr);
    theirs([db, `${db}.anchors`, `${db}.key`, `${db}.lock`, r.stdout.match(/kept as (\S+)/)[1]]);
    for (const f of [`${db}-wal`, `${db}-shm`]) if (existsSync(f)) theirs([f]);
    let up = await serves(dir, db);
    assert.equal(up.code, 0, up.err);
    // A new database in the service's folder, made by root.
    const made = path.join(dir, 'new.db');
    assert.equal(cli(['init', '--db', made]).code, 0);
    theirs([made, `${made}.anchors`, `${made}.key`, `${made}.lock`]);
    up = await serves(dir, made);
    assert.equal(up.code, 0, up.err);
    // Left root's by hand: the start-up names the file, its owner and what to run.
    chownSync(db, 0, 0);
    up = await serves(dir, db);
    assert.equal(up.code, 1, up.err);
    assert.match(up.err, new RegExp(`cannot open the database ${db} as user nobody: the file ${db} belongs to root:root ` +
      `\\(mode 600\\), so nobody cannot read and write it: run 'chown nobody: ${db}'`));
    assert.doesNotMatch(up.err, /check the folder/);
    rmSync(dir, { recursive: true, force: true });
  });
