// With audit_syslog = yes each audit row, once committed, is also sent to
// the local syslog daemon (ASVS 5.0 16.4.3: a copy outside the database).
// The server runs in a mount namespace of its own whose /dev/log is a
// datagram socket this test listens on, so the lines that really leave the
// process (through glibc's syslog(3), past the system-call filter) are read
// back and compared with the database.  Needs root (CI) for the namespace
// and the drop to "nobody"; skipped, saying so, otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AS_ROOT, BIN, Client, PASSWORD, cli, handOver, listening, sql } from './lib.mjs';

// A receiver standing in for journald: every datagram, one per line.
const RECEIVER = `import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
open(sys.argv[2] + '.ready', 'w').close()
with open(sys.argv[2], 'ab', buffering=0) as f:
    while True:
        f.write(s.recv(65536).replace(b'\\n', b' ') + b'\\n')
`;

const canRun = AS_ROOT && spawnSync('unshare', ['-m', 'true']).status === 0 && existsSync('/usr/bin/python3');

async function startInNamespace(dir, db) {
  const got = path.join(dir, 'syslog.txt');
  const script = `set -e
mount --make-rprivate /
mkdir -p "$D/dev.orig"
mount --rbind /dev "$D/dev.orig"
mount -t tmpfs -o mode=755 tmpfs /dev
for f in null zero urandom random; do touch /dev/$f; mount --bind "$D/dev.orig/$f" /dev/$f; done
/usr/bin/python3 "$D/receiver.py" /dev/log "$D/syslog.txt" &
echo $! > "$D/receiver.pid"
while [ ! -e "$D/syslog.txt.ready" ]; do sleep 0.05; done
exec setpriv --reuid=nobody --regid=nogroup --clear-groups "$BIN" serve --config "$D/staffroom.conf" \\
  --db "$DB" --listen 127.0.0.1:0`;
  const proc = spawn('unshare', ['-m', 'sh', '-c', script], {
    env: { ...process.env, D: dir, DB: db, BIN }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const s = await listening(proc);
  return { ...s, url: s.address.replace(/\/$/, ''), got };
}

const lines = (got) => (existsSync(got) ? readFileSync(got, 'utf8') : '').split('\n').filter(Boolean)
  .map((l) => l.match(/staffroom\[\d+\]: audit (\{.*\})$/)).filter(Boolean).map((m) => JSON.parse(m[1]));

async function waitFor(got, pred) {
  for (let i = 0; i < 100; i++) {
    const hit = lines(got).find(pred);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

test('each committed audit row reaches syslog, as it is in the database', { skip: !canRun && 'needs root and unshare(1) to give the server its own /dev/log' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-syslog-'));
  const db = path.join(dir, 'test.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  writeFileSync(path.join(dir, 'staffroom.conf'), 'audit_syslog = yes\n');
  writeFileSync(path.join(dir, 'receiver.py'), RECEIVER);
  handOver(dir);
  const s = await startInNamespace(dir, db);
  try {
    const c = new Client(s.url);
    assert.equal((await c.login('teacher@demo.school', PASSWORD)).status, 200);
    assert.equal((await c.get('/admin/staff')).status, 403);
    const login = await waitFor(s.got, (a) => a.action === 'login' && a.actor === 'teacher@demo.school');
    assert.ok(login, `the sign-in reached syslog: ${readFileSync(s.got, 'utf8')}`);
    const refused = await waitFor(s.got, (a) => a.action === 'access.refused');
    assert.ok(refused, 'the refusal reached syslog');
    assert.equal(refused.outcome, 'refused');
    assert.match(refused.roles, /staff/);
    // The same row as in the database, hash and all.
    const row = JSON.parse(spawnSync('sqlite3', ['-json', db, `SELECT * FROM audit WHERE id = ${refused.id}`],
      { encoding: 'utf8' }).stdout)[0];
    for (const k of ['at', 'actor', 'roles', 'action', 'object', 'outcome', 'reason', 'detail', 'hash']) {
      assert.equal(refused[k], row[k], k);
    }
    // Nothing is sent that the database does not hold.
    const ids = new Set(sql(db, 'SELECT id FROM audit').split('\n').map(Number));
    for (const a of lines(s.got)) assert.ok(ids.has(a.id), `row ${a.id} is in the database`);
  } finally {
    const exited = new Promise((res) => s.proc.on('exit', res));
    s.proc.kill('SIGTERM');
    await exited;
    const pid = Number(readFileSync(path.join(dir, 'receiver.pid'), 'utf8'));
    if (pid) try { process.kill(pid); } catch { /* gone already */ }
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(s.proc.exitCode, 0, s.stderr());
});
