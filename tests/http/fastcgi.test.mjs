// `staffroom fastcgi` itself: the socket it makes, loopback TCP, and what it
// takes from the web server (HTTPS, the client's address).  The whole HTTP
// suite also runs through nginx and this front end (STAFFROOM_FRONT=fastcgi).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, cli, sql, startProcess, Client, FRONT, AS_ROOT, handOver, PASSWORD } from './lib.mjs';
import { startFastcgiFront, fastcgiParams, DEBIAN12_FASTCGI_PARAMS } from './fastcgi_front.mjs';

const skip = FRONT !== 'http' && 'starts its own pair: runs in the embedded-server pass';

function school() {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-fcgi-'));
  const db = path.join(dir, 'f.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  handOver(dir);
  return { dir, db };
}

async function stop(p) {
  const exited = new Promise((res) => p.proc.on('exit', res));
  p.proc.kill('SIGTERM');
  await exited;
  assert.equal(p.proc.exitCode, 0, p.stderr());
}

test('a unix socket only its owner and group may use; removed on stop', { skip }, async () => {
  const { dir, db } = school();
  const sock = path.join(dir, 's.sock');
  const p = await startProcess('fastcgi', db, `unix:${sock}`);
  const st = statSync(sock);
  assert.ok(st.isSocket());
  assert.equal(st.mode & 0o777, 0o660);
  if (AS_ROOT) assert.equal(st.uid, 65534, 'owned by the user it runs as');
  await stop(p);
  assert.throws(() => statSync(sock), /ENOENT/);
  rmSync(dir, { recursive: true, force: true });
});

test('loopback TCP; HTTPS=on from the web server makes the cookie Secure; the client address is the one nginx saw', { skip }, async () => {
  const { dir, db } = school();
  const p = await startProcess('fastcgi', db, '127.0.0.1:0');
  const upstream = p.address.replace(/^fastcgi /, '');
  assert.match(upstream, /^127\.0\.0\.1:\d+$/);
  const front = await startFastcgiFront(upstream, { extra: '\n      fastcgi_param HTTPS on;' });
  try {
    const c = new Client(front.url);
    const r = await c.login('teacher@demo.school');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('set-cookie'), /^__Host-sr_session=[^;]+; Path=\/;.*; Secure/);
    assert.match(r.headers.get('strict-transport-security'), /max-age=\d+; includeSubDomains/);
    assert.equal((await c.get('/')).status, 200, 'the cookie comes back through nginx');
    const addr = sql(db, "SELECT address FROM audit WHERE action = 'login' ORDER BY id DESC LIMIT 1");
    assert.equal(addr, '127.0.0.1');
  } finally {
    await front.stop();
    await stop(p);
  }
  rmSync(dir, { recursive: true, force: true });
});

// What a browser at the front's address sends: Origin with the port.
function post(front, where, body, cookie) {
  return fetch(`${front.url}${where}`, {
    method: 'POST', redirect: 'manual',
    headers: { Origin: front.url, Accept: 'application/json', ...(cookie ? { Cookie: cookie } : {}),
      'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
}

test("on a port of its own, with Debian's fastcgi_params and DEPLOY.md's line after it, staff sign in and forms post", { skip }, async () => {
  const { dir, db } = school();
  const sock = path.join(dir, 's.sock');
  const p = await startProcess('fastcgi', db, `unix:${sock}`);
  const front = await startFastcgiFront(`unix:${sock}`);
  try {
    assert.doesNotMatch(front.url, /:443$/);
    const signed = await post(front, '/login', { email: 'teacher@demo.school', password: PASSWORD });
    const text = await signed.text();
    assert.equal(signed.status, 200, text);
    const cookie = signed.headers.getSetCookie()[0].split(';')[0];
    const out = await post(front, '/logout', { csrf: JSON.parse(text).csrf }, cookie);
    assert.equal(out.status, 200, `a form posts through nginx: ${await out.text()}`);
  } finally {
    await front.stop();
    await stop(p);
  }
  assert.doesNotMatch(p.stderr(), /refused POST/);
  rmSync(dir, { recursive: true, force: true });
});

test("with Debian's fastcgi_params alone the port is lost: the form is refused, and the log says why", { skip }, async () => {
  const { dir, db } = school();
  const sock = path.join(dir, 's.sock');
  const p = await startProcess('fastcgi', db, `unix:${sock}`);
  const front = await startFastcgiFront(`unix:${sock}`,
    { params: fastcgiParams({ params: DEBIAN12_FASTCGI_PARAMS, deploy: false }) });
  try {
    const r = await post(front, '/login', { email: 'teacher@demo.school', password: PASSWORD });
    assert.equal(r.status, 403);
    assert.match((await r.json()).error, /did not come from staffroom/);
  } finally {
    await front.stop();
    await stop(p);
  }
  const port = new URL(front.url).port;
  const line = p.stderr().split('\n').find((l) => l.includes('refused POST')) ?? '';
  assert.match(line, new RegExp(`^staffroom: refused POST /login: its Origin http://127\\.0\\.0\\.1:${port} ` +
    'is not the host 127\\.0\\.0\\.1 it was sent to; only the port differs'), p.stderr());
  assert.match(line, /fastcgi_param HTTP_HOST \$http_host/);
  assert.doesNotMatch(p.stderr(), new RegExp(`${PASSWORD}|teacher@demo\\.school|sr_session`));
  rmSync(dir, { recursive: true, force: true });
});

test('a socket group the user is not in is named as such', { skip: skip || (!AS_ROOT && 'needs root to start as another user') }, () => {
  const { dir, db } = school();
  const sock = path.join(dir, 'g.sock');
  // Started as nobody (as systemd's User= would), asked for a group nobody is not in.
  const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', BIN, 'fastcgi', '--db', db,
    '--listen', `unix:${sock}`, '--socket-group', 'root'], { encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`cannot give the socket ${sock} to the group root: nobody is not a member of it ` +
    '\\(add it: adduser nobody root, then start again; or start as root with --user\\)'));
  rmSync(dir, { recursive: true, force: true });
});

test('fastcgi refuses a listening address it cannot use', { skip }, () => {
  const { dir, db } = school();
  const user = AS_ROOT ? ['--user', 'nobody'] : [];
  const rel = cli(['fastcgi', '--db', db, '--listen', 'unix:relative.sock', ...user]);
  assert.equal(rel.code, 2);
  assert.match(rel.stderr, /listen must be/);
  assert.equal(cli(['serve', '--db', db, '--listen', `unix:${dir}/x.sock`, ...user]).code, 2, 'serve takes HOST:PORT only');
  rmSync(dir, { recursive: true, force: true });
});

// mod_fcgid and spawn-fcgi bind the socket themselves and start the program
// with it as standard input; python plays that part here.
const SPAWNER = `
import os, socket, sys
path, args = sys.argv[1], sys.argv[2:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(path); os.chmod(path, 0o666); s.listen(16)
os.dup2(s.fileno(), 0)
os.execv(args[0], args)
`;

test('--listen stdin: the listening socket a process manager passes (mod_fcgid)', { skip }, async () => {
  const { dir, db } = school();
  const sock = path.join(dir, 'spawned.sock');
  const user = AS_ROOT ? ['--user', 'nobody'] : [];
  const proc = spawn('python3', ['-c', SPAWNER, sock, BIN, 'fastcgi', '--db', db, '--listen', 'stdin', ...user],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; if (/listening on fastcgi stdin/.test(out)) resolve(); });
    proc.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  const front = await startFastcgiFront(`unix:${sock}`);
  try {
    assert.equal((await new Client(front.url).login('teacher@demo.school')).status, 200);
  } finally {
    await front.stop();
    const exited = new Promise((res) => proc.on('exit', res));
    proc.kill('SIGTERM');
    await exited;
  }
  assert.equal(proc.exitCode, 0, err);
  const notSocket = cli(['fastcgi', '--db', db, '--listen', 'stdin', ...user]);
  assert.equal(notSocket.code, 1);
  assert.match(notSocket.stderr, /standard input is not a listening socket/);
  rmSync(dir, { recursive: true, force: true });
});
