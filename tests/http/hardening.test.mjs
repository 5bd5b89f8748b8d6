// The program itself: hardened build flags, no running as root, a seccomp filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, cli, AS_ROOT, handOver, startServer, FRONT, serverCommand, UNPRIVILEGED } from './lib.mjs';

const readelf = (flag) => spawnSync('readelf', ['-W', flag, BIN], { encoding: 'utf8' }).stdout;
const sanitized = /__asan_init/.test(readelf('--dyn-syms'));

test('the binary is PIE with full RELRO, stack protector and fortified calls', { skip: sanitized && 'sanitizer build' }, () => {
  assert.match(readelf('-h'), /Type:\s+DYN/);
  assert.match(readelf('-l'), /GNU_RELRO/);
  const dyn = readelf('-d');
  assert.match(dyn, /BIND_NOW|FLAGS_1.*NOW/);
  assert.match(dyn, /PIE/);
  const syms = readelf('--dyn-syms');
  assert.match(syms, /__stack_chk_fail/);
  assert.match(syms, /__\w+_chk@/, 'FORTIFY_SOURCE replaced some calls with checked ones');
});

function serve(listen = '127.0.0.1:0') {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-hard-'));
  const db = path.join(dir, 'h.db');
  cli(['init', '--db', db]);
  handOver(dir);
  // run(): as the service manager starts it (unprivileged); run(extra, true): as whoever runs the test.
  return { dir, db, run: (extra, asIs = false) => new Promise((resolve) => {
    const args = ['serve', '--db', db, '--listen', listen, ...extra];
    const [file, argv] = asIs ? [BIN, args] : serverCommand(args);
    const p = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => p.kill('SIGKILL'), 10000);
    p.on('exit', (code, signal) => { clearTimeout(t); resolve({ code, signal, err }); });
  }) };
}

test('the server refuses to run as root unless told whom to become', { skip: !AS_ROOT && 'not running as root' }, async () => {
  const s = serve();
  const r = await s.run([], true);
  assert.equal(r.code, 1);
  assert.match(r.err, /refusing to run as root/);
  const bad = await s.run(['--user', 'no-such-user-here'], true);
  assert.equal(bad.code, 1);
  rmSync(s.dir, { recursive: true });
});

test('started as the user it is told to become (systemd\'s User= with user in the file), it serves; as another user, it says why',
  { skip: !AS_ROOT && 'not running as root' }, async () => {
    const s = serve();
    // Started as nobody, as systemd starts it, with `user = nobody` still asked for.
    const asNobody = (user) => [UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN, 'serve', '--db', s.db,
      '--listen', '127.0.0.1:0', '--user', user]];
    const [file, argv] = asNobody('nobody');
    const p = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const listening = await new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), 10000);
      const seen = (d) => { out += d; if (/listening/.test(out)) { clearTimeout(t); resolve(true); } };
      p.stdout.on('data', seen);
      p.stderr.on('data', seen);
      p.on('exit', () => { clearTimeout(t); resolve(false); });
    });
    p.kill('SIGTERM');
    await new Promise((resolve) => (p.exitCode !== null ? resolve() : p.on('exit', resolve)));
    assert.ok(listening, out);
    const other = spawnSync(...asNobody('daemon'), { encoding: 'utf8', timeout: 10000 });
    assert.equal(other.status, 1);
    assert.match(other.stderr, /user \(--user or the configuration file\) is 'daemon', but the server was started as user id \d+/);
    rmSync(s.dir, { recursive: true });
  });

test('after start-up a forbidden system call kills the server', { skip: sanitized && 'sanitizer build runs unfiltered' }, async () => {
  const s = serve();
  const r = await s.run(['--seccomp-selftest']);
  assert.equal(r.signal, 'SIGSYS', `expected death by SIGSYS, got ${r.code}/${r.signal}: ${r.err}`);
  rmSync(s.dir, { recursive: true });
});

test('a second server on a port already in use fails instead of sharing it', { skip: FRONT !== 'http' && 'embedded server only' }, async () => {
  const first = await startServer();
  try {
    const port = new URL(first.url).port;
    const s = serve(`127.0.0.1:${port}`);
    const r = await s.run([]);
    assert.equal(r.code, 1, `the second server should not start: ${r.err}`);
    assert.match(r.err, /cannot listen/);
    rmSync(s.dir, { recursive: true });
    assert.equal((await first.client().get('/login')).status, 200, 'the first goes on serving');
  } finally {
    await first.stop();
  }
});

// As the run-as user, started by root with --user.  Its exit and stderr.
function serveAsNobody(db, args = []) {
  return new Promise((resolve) => {
    const p = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--user', 'nobody', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '', out = '';
    p.stderr.on('data', (d) => { err += d; });
    p.stdout.on('data', (d) => { out += d; if (/listening on/.test(out)) p.kill('SIGTERM'); });
    const t = setTimeout(() => p.kill('SIGKILL'), 10000);
    p.on('exit', (code) => { clearTimeout(t); resolve({ code, err, out }); });
  });
}

test('a database the run-as user cannot reach stops the server at start-up, with the reason', { skip: !AS_ROOT && 'not running as root' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-closed-')); // mode 0700, root's
  const db = path.join(dir, 'c.db');
  cli(['init', '--db', db]);
  const r = await serveAsNobody(db);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /cannot open the database .* as user nobody/);
  rmSync(dir, { recursive: true });
});

// SQLite opens a file it may not write read-only without a word: the server
// would start, and refuse the first report.
test('a database file the run-as user may read but not write stops the server at start-up, with the chown to run', { skip: !AS_ROOT && 'not running as root' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-readonly-'));
  const db = path.join(dir, 'r.db');
  cli(['init', '--db', db]);
  handOver(dir);
  chmodSync(db, 0o400);
  const r = await serveAsNobody(db);
  assert.equal(r.code, 1, r.err + r.out);
  assert.doesNotMatch(r.out, /listening on/);
  assert.match(r.err, /cannot open the database .* as user nobody: the file .*r\.db belongs to nobody:nogroup \(mode 400\), so nobody cannot read and write it/);
  chmodSync(db, 0o600);
  assert.equal((await serveAsNobody(db)).code, 0, 'writable again, it starts');
  rmSync(dir, { recursive: true });
});

// The templates are read and parsed, and the static files read, on a second
// thread while the first opens the database: what it finds wrong must still
// stop the server before it listens, with the reason.
test('a template that does not parse, or no static folder, stops the server at start-up, with the reason',
  { skip: !AS_ROOT && 'not running as root' }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-share-'));
    const db = path.join(dir, 's.db');
    cli(['init', '--db', db]);
    handOver(dir);
    const share = path.join(dir, 'share');
    const root = path.resolve(path.dirname(BIN), '..');
    for (const part of ['templates', 'static']) cpSync(path.join(root, part), path.join(share, part), { recursive: true });
    const serve = () => serveAsNobody(db, ['--share', share]);
    assert.equal((await serve()).code, 0, 'a copy of the share folder serves');
    appendFileSync(path.join(share, 'templates', 'home.tpl'), '{{#NEVER_CLOSED}}\n');
    let r = await serve();
    assert.equal(r.code, 1, r.err + r.out);
    assert.doesNotMatch(r.out, /listening on/);
    assert.match(r.err, /cannot read the templates/);
    cpSync(path.join(root, 'templates', 'home.tpl'), path.join(share, 'templates', 'home.tpl'));
    rmSync(path.join(share, 'static'), { recursive: true });
    r = await serve();
    assert.equal(r.code, 1, r.err + r.out);
    assert.doesNotMatch(r.out, /listening on/);
    assert.match(r.err, /cannot read the static files/);
    rmSync(dir, { recursive: true });
  });

// A service manager (systemd's User= or DynamicUser=) starts the server
// already unprivileged, so the filter goes on while libmicrohttpd's workers
// are still starting (and naming themselves).  Started 50 times that way,
// five at once to keep the machine busy, every one must serve and stop
// cleanly: none may die of SIGSYS.
test('started 50 times as an unprivileged user, the server always serves and stops cleanly',
  { skip: FRONT !== 'http' && 'embedded server only' }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-starts-'));
    const db = path.join(dir, 's.db');
    cli(['demo', '--db', db]);
    handOver(dir);
    const startOnce = () => new Promise((resolve) => {
      const [file, argv] = serverCommand(['serve', '--db', db, '--listen', '127.0.0.1:0']);
      const p = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '', err = '', served = null;
      p.stderr.on('data', (d) => { err += d; });
      p.stdout.on('data', async (d) => {
        out += d;
        const m = out.match(/listening on (\S+)\n/);
        if (!m || served !== null) return;
        served = (await fetch(`${m[1]}login`).catch(() => ({ status: 0 }))).status;
        p.kill('SIGTERM');
      });
      const t = setTimeout(() => p.kill('SIGKILL'), 20000);
      p.on('exit', (code, signal) => { clearTimeout(t); resolve({ code, signal, served, err }); });
    });
    const results = [];
    for (let round = 0; round < 10; round++) results.push(...await Promise.all(Array.from({ length: 5 }, startOnce)));
    rmSync(dir, { recursive: true, force: true });
    const bad = results.filter((r) => r.signal || r.code !== 0 || r.served !== 200);
    assert.equal(results.length, 50);
    assert.deepEqual(bad, [], `${bad.length} of 50 starts failed, e.g. ${JSON.stringify(bad[0])}`);
  });

test('FastCGI listens only on a unix socket or a loopback address: whoever reaches it names the client', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-fcgi-'));
  const db = path.join(dir, 'f.db');
  cli(['init', '--db', db]);
  handOver(dir);
  for (const where of ['0.0.0.0:0', '[::]:0']) {
    const [file, argv] = serverCommand(['fastcgi', '--db', db, '--listen', where]);
    const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 10000 });
    assert.notEqual(r.status, 0, where);
    assert.match(r.stderr, /fastcgi listens on a unix socket or a loopback address \(127\.0\.0\.1, \[::1\]\), not/, where);
  }
  // A name is not an address it could listen on: said before anything starts.
  const named = spawnSync(...serverCommand(['serve', '--db', db, '--listen', 'localhost:0']), { encoding: 'utf8', timeout: 10000 });
  assert.equal(named.status, 2);
  assert.match(named.stderr, /listen must be an IP address and a port/);
  rmSync(dir, { recursive: true });
});
