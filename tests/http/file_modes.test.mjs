// Files staffroom creates hold personal data: mode 0600 whatever the umask
// it was started with (systemd's UMask=0077 is not always there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, startServer, FRONT, handOver, serverCommand } from './lib.mjs';

// A permissive umask, as a shell or cron usually has; the server and the
// commands started below inherit it.
process.umask(0o022);

const mode = (f) => statSync(f).mode & 0o777;
function private0600(files) {
  for (const f of files) {
    assert.ok(existsSync(f), `${f} exists`);
    assert.equal(mode(f).toString(8), '600', `${path.basename(f)} is readable by its owner alone`);
  }
}

test('init, demo and backup create their files 0600', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-modes-'));
  const a = path.join(dir, 'a.db'), b = path.join(dir, 'b.db'), copy = path.join(dir, 'copy.db');
  assert.equal(cli(['init', '--db', a]).code, 0);
  assert.equal(cli(['demo', '--db', b]).code, 0);
  assert.equal(cli(['backup', '--db', b, copy]).code, 0);
  private0600([a, `${a}.key`, b, copy]);
  for (const f of [`${a}-wal`, `${a}-shm`, `${b}-wal`, `${b}-shm`, `${copy}-wal`])
    if (existsSync(f)) private0600([f]);
});

test('a served database, its -wal and -shm files are 0600', async () => {
  const s = await startServer();
  try {
    const c = await s.login('teacher@demo.school');
    assert.equal((await c.get('/')).status, 200);
    if (FRONT !== 'cgi') private0600([s.db, `${s.db}-wal`, `${s.db}-shm`]);
    else {
      // A CGI process that was the last to close the database removes its -wal and -shm
      // files: each is checked when it is there (and may go while it is looked at).
      private0600([s.db]);
      for (const f of [`${s.db}-wal`, `${s.db}-shm`]) {
        let m = null;
        try { m = mode(f); } catch (e) { if (e.code !== 'ENOENT') throw e; }
        if (m !== null) assert.equal(m.toString(8), '600', `${path.basename(f)} is readable by its owner alone`);
      }
    }
  } finally {
    await s.stop();
  }
});

// Starts `serve` or `fastcgi` (STAFFROOM_FRONT) as the service manager would,
// unprivileged; resolves once it listens (then stops it) or exits: {listening,
// code, signal, err, modes: the -wal's and -shm's while it listened}.
function startUp(db, dir) {
  const command = FRONT === 'fastcgi' ? ['fastcgi', '--listen', `unix:${dir}/f.sock`]
    : ['serve', '--listen', '127.0.0.1:0'];
  const [file, argv] = serverCommand([...command, '--db', db]);
  return new Promise((resolve) => {
    const p = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '', out = '', listening = false, modes = null;
    p.stderr.on('data', (d) => { err += d; });
    p.stdout.on('data', (d) => {
      out += d;
      if (listening || !/listening on/.test(out)) return;
      listening = true;
      modes = [`${db}-wal`, `${db}-shm`].map((f) => (existsSync(f) ? mode(f).toString(8) : null));
      p.kill('SIGTERM');
    });
    const t = setTimeout(() => p.kill('SIGKILL'), 20000);
    p.on('exit', (code, signal) => { clearTimeout(t); resolve({ listening, code, signal, err, modes }); });
  });
}

// A database copied in without its mode (scp, cp) is often 0644.  SQLite gives
// the -wal and -shm it makes the database's mode, so every record written
// would be readable by anyone on the machine; the server refuses to start,
// saying what to run, and is never killed by its system-call filter (that
// fchmod was forbidden).  A service group may read it (0640): that starts.
test('a database others may read is refused at start-up with the chmod to run; its group may read one',
  { skip: FRONT === 'cgi' && 'no server to start: a CGI program answers one request' }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-modes-'));
    const db = path.join(dir, 'm.db');
    assert.equal(cli(['demo', '--db', db]).code, 0);
    handOver(dir);
    const refused = (r, file, m) => {
      assert.equal(r.signal, null, `killed by ${r.signal}: ${r.err}`);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.listening, false);
      assert.match(r.err, new RegExp(`${file.replace(/[.]/g, '\\.')} can be read or changed by other users ` +
        `\\(mode ${m}\\): run 'chmod 600 ${file.replace(/[.]/g, '\\.')}'`));
    };
    for (const m of [0o644, 0o604, 0o666]) {
      chmodSync(db, m);
      refused(await startUp(db, dir), db, m.toString(8));
    }
    // A command that writes is refused the same way, before it makes a -wal.
    const roles = cli(['user', 'roles', '--db', db, '--email', 'teacher@demo.school', '--set', 'slt']);
    assert.equal(roles.code, 1);
    assert.match(roles.stderr, /can be read or changed by other users/);
    assert.equal(existsSync(`${db}-wal`), false);
    // A -wal left world-readable beside a private database is refused too.
    chmodSync(db, 0o600);
    writeFileSync(`${db}-wal`, '');
    handOver(dir);
    chmodSync(`${db}-wal`, 0o644);
    refused(await startUp(db, dir), `${db}-wal`, '644');
    rmSync(`${db}-wal`);
    // Its group may read it: it serves, and the files SQLite makes are the group's, no one else's.
    chmodSync(db, 0o640);
    const r = await startUp(db, dir);
    assert.equal(r.signal, null, `killed by ${r.signal}: ${r.err}`);
    assert.ok(r.listening, r.err);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.modes, ['640', '640']);
    rmSync(dir, { recursive: true, force: true });
  });
