// The configuration file (flags win), and HTTPS from the embedded server
// with a certificate made for the test.  Both are about `staffroom serve`
// itself, so they run once, not again behind nginx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, chownSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, sql, startProcess, Client, FRONT, AS_ROOT, handOver } from './lib.mjs';

const skip = FRONT !== 'http' && 'about serve itself: runs in the embedded-server pass';

function school() {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-conf-'));
  const db = path.join(dir, 'c.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  return { dir, db };
}

async function stop(p) {
  const exited = new Promise((res) => p.proc.on('exit', res));
  p.proc.kill('SIGTERM');
  await exited;
  assert.equal(p.proc.exitCode, 0, p.stderr());
}

test('serve reads its settings from --config; a flag wins over the file', { skip }, async () => {
  const { dir, db } = school();
  const conf = path.join(dir, 'staffroom.conf');
  writeFileSync(conf, `# the school's settings\ndb = ${db}\nlisten = 127.0.0.1:1\nschool_name = Config Academy\n`
    + 'session_idle = 600\nsmtp_url = smtp://127.0.0.1:2525\nmail_from = staffroom@config.example\n'
    + 'base_url = https://staffroom.config.example\n');
  handOver(dir);
  // --listen on the command line wins over the file's unusable port 1.
  const p = await startProcess('serve', db, '127.0.0.1:0', ['--config', conf]);
  try {
    const url = p.address.replace(/\/$/, '');
    const page = await (await fetch(`${url}/login`)).text();
    assert.match(page, /Config Academy/, 'the name from the file');
    const admin = new Client(url);
    assert.equal((await admin.login('admin@demo.school')).status, 200);
    const form = await admin.page('/admin/settings');
    assert.match(form.text, /name="school_name"[^>]*value="Config Academy"[^>]*readonly/);
    const before = sql(db, "SELECT value FROM settings WHERE key = 'school_name'");
    const r = await admin.post('/admin/settings', { school_name: 'Something Else' });
    assert.equal(r.status, 409);
    assert.equal(r.body.field, 'school_name');
    assert.equal(sql(db, "SELECT value FROM settings WHERE key = 'school_name'"), before, 'nothing changed');
    assert.equal((await admin.post('/admin/settings', { school_name: 'Config Academy' })).status, 200);
  } finally { await stop(p); }
  // A flag given on the command line beats the file.
  const q = await startProcess('serve', db, '127.0.0.1:0', ['--config', conf, '--school-name', 'Flag School']);
  try {
    assert.match(await (await fetch(`${q.address}login`)).text(), /Flag School/);
  } finally { await stop(q); }
  // A yes/no key the file turns on is turned off by --key=no.
  writeFileSync(conf, readFileSync(conf, 'utf8') + 'secure_cookies = yes\n');
  for (const [flag, secure] of [[[], true], [['--secure-cookies=no'], false]]) {
    const r = await startProcess('serve', db, '127.0.0.1:0', ['--config', conf, ...flag]);
    try {
      const res = await fetch(`${r.address}login`, { method: 'POST', redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ email: 'admin@demo.school', password: 'staffroom-demo' }).toString() });
      assert.equal(/;\s*Secure/i.test(res.headers.get('set-cookie') || ''), secure, flag.join(' ') || 'the file alone');
    } finally { await stop(r); }
  }
  rmSync(dir, { recursive: true, force: true });
});

test('init and user list take the database from the file; --no-config ignores it', { skip }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-conf-'));
  const db = path.join(dir, 'from-file.db');
  const conf = path.join(dir, 'c.conf');
  writeFileSync(conf, `db = ${db}\n`);
  assert.equal(cli(['init', '--config', conf]).code, 0);
  assert.equal(cli(['user', 'list', '--config', conf]).code, 0);
  assert.equal(cli(['user', 'list', '--config', conf, '--no-config']).code, 2, 'no file: --db is missing');
  rmSync(dir, { recursive: true, force: true });
});

test('a bad configuration file stops the program with the line and the reason', { skip }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-conf-'));
  const conf = path.join(dir, 'bad.conf');
  const cases = [
    ['db = x.db\n# comment\nthread = 4\n', /bad\.conf:3: unknown setting 'thread'/],
    ['threads = 1000\n', /bad\.conf:1: threads must be a whole number from 1 to 256/],
    ['listen = 127.0.0.1:8080\nlisten = 127.0.0.1:8081\n', /:2: listen is already set on line 1/],
    ['tls_cert = /x.pem\n', /tls_cert and tls_key go together/],
    ['smtp_url = http://mail\n', /:1: smtp_url must start with smtp:\/\//],
  ];
  for (const [text, want] of cases) {
    writeFileSync(conf, text);
    const r = cli(['serve', '--config', conf]);
    assert.equal(r.code, 2, text);
    assert.match(r.stderr, want);
  }
  const missing = cli(['serve', '--config', path.join(dir, 'absent.conf')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read the configuration file/);
  assert.match(cli(['serve', '--threads', 'lots', '--db', 'x']).stderr, /threads must be a whole number/);
  const help = cli(['serve', '--help']);
  for (const flag of ['--tls-cert', '--socket-group', '--base-url', '--school-name', '--smtp-url', '--config'])
    assert.ok(help.stdout.includes(flag), flag);
  rmSync(dir, { recursive: true, force: true });
});

test('two settings that disagree: the file and line are named when one is in the file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-conf-'));
  const conf = path.join(dir, 'school.conf');
  const db = path.join(dir, 's.db');
  const cases = [
    [`db = ${db}\nsession_idle = 90000\nsession_lifetime = 80000\n`, [],
      /school\.conf:3: session_idle \(90000\) is longer than session_lifetime \(80000\)$/m],
    [`db = ${db}\nsession_lifetime = 80000\n`, ['--session-idle', '90000'], /school\.conf:2: session_idle/],
    [`db = ${db}\ntls_key = /k.pem\n`, [], /school\.conf:2: tls_cert and tls_key go together/],
    [`db = ${db}\noidc.entra.issuer = https://login.example.net/t/v2.0\noidc.entra.client_id = abc\n`, [],
      /school\.conf: oidc\.entra\.client_secret_file is missing$/m],
    [`db = ${db}\nsession_idle = 90000\n`, ['--session-idle', '100'], null],
  ];
  for (const [text, flags, want] of cases) {
    writeFileSync(conf, text);
    const r = cli(['init', '--config', conf, ...flags]);
    if (!want) {
      assert.equal(r.code, 0, `a flag that mends the file's value: ${r.stderr}`);
      continue;
    }
    assert.equal(r.code, 2, text);
    assert.match(r.stderr, want);
    assert.doesNotMatch(r.stderr, /try --help/);
  }
  const flags = cli(['init', '--no-config', '--db', db, '--session-idle', '90000', '--session-lifetime', '80000']);
  assert.equal(flags.code, 2);
  assert.match(flags.stderr, /^staffroom: session_idle \(90000\) is longer than session_lifetime \(80000\) \(try --help\)$/m);
  rmSync(dir, { recursive: true, force: true });
});

function makeCertificate(dir) {
  const cert = path.join(dir, 'cert.pem'), key = path.join(dir, 'key.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
  { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { cert, key };
}

function httpsRequest(url, { ca, method = 'GET', body, headers = {} }) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca, headers }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('serve --tls-cert --tls-key: HTTPS with a Secure cookie; plain HTTP gets nowhere', { skip }, async () => {
  const { dir, db } = school();
  const { cert, key } = makeCertificate(dir);
  handOver(dir);
  if (AS_ROOT) chownSync(key, 0, 0); // read before dropping root, as in /etc/ssl/private
  const asRoot = AS_ROOT ? ['--user', 'nobody'] : []; // started as root, to read the key, then dropped
  const p = await startProcess('serve', db, '127.0.0.1:0', ['--tls-cert', cert, '--tls-key', key, ...asRoot]);
  try {
    assert.match(p.address, /^https:\/\/127\.0\.0\.1:\d+\/$/);
    const ca = readFileSync(cert);
    const page = await httpsRequest(`${p.address}login`, { ca });
    assert.equal(page.status, 200);
    assert.match(page.text, /<form/);
    assert.match(page.headers['strict-transport-security'], /^max-age=\d+; includeSubDomains$/);
    const login = await httpsRequest(`${p.address}login`, { ca, method: 'POST',
      body: 'email=teacher%40demo.school&password=staffroom-demo',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' } });
    assert.equal(login.status, 200);
    const cookie = login.headers['set-cookie'].join('\n');
    assert.match(cookie, /^__Host-sr_session=[^;]+; Path=\/;.*Secure/, 'Secure and __Host- without --secure-cookies');
    assert.match(cookie, /HttpOnly/);
    assert.doesNotMatch(cookie, /Domain=/i, '__Host- cookies name no domain');
    // The session comes back under its __Host- name only: the same token as a plain
    // sr_session (which another site of the school's domain could set) is not a session.
    const token = cookie.match(/__Host-sr_session=([^;]+)/)[1];
    const as = (name) => httpsRequest(`${p.address}`, { ca, headers: { Accept: 'application/json', Cookie: `${name}=${token}` } });
    assert.equal((await as('__Host-sr_session')).status, 200);
    assert.notEqual((await as('sr_session')).status, 200);
    await assert.rejects(httpsRequest(`${p.address}login`, {}), /self[- ]signed|unable to verify|certificate/i,
      'an untrusted certificate is refused by the client');
    await assert.rejects(fetch(p.address.replace('https:', 'http:') + 'login'), 'plain HTTP is not served');
  } finally { await stop(p); }
  rmSync(dir, { recursive: true, force: true });
});

test('a certificate that cannot be read, or a key that does not match, stops serve', { skip }, async () => {
  const { dir, db } = school();
  const a = makeCertificate(dir);
  const other = mkdtempSync(path.join(tmpdir(), 'staffroom-conf-'));
  const b = makeCertificate(other);
  handOver(dir);
  const user = AS_ROOT ? ['--user', 'nobody'] : [];
  const mismatch = cli(['serve', '--db', db, '--listen', '127.0.0.1:0', ...user, '--tls-cert', a.cert, '--tls-key', b.key]);
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.stderr, /cannot listen.*certificate and key do not match/);
  const absent = cli(['serve', '--db', db, '--listen', '127.0.0.1:0', ...user, '--tls-cert', path.join(dir, 'no.pem'),
    '--tls-key', a.key]);
  assert.equal(absent.code, 1);
  assert.match(absent.stderr, /cannot read .*no\.pem/);
  assert.equal(cli(['fastcgi', '--db', db, '--tls-cert', a.cert, '--tls-key', a.key]).code, 2);
  rmSync(dir, { recursive: true, force: true });
  rmSync(other, { recursive: true, force: true });
});
