// Access, CSRF, headers, escaping, static files and keep-alive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, sql, FRONT } from './lib.mjs';

let s, admin, teacher;
before(async () => {
  s = await startServer();
  admin = await s.login('admin@demo.school');
  teacher = await s.login('teacher@demo.school');
});
after(async () => { await s.stop(); });

const count = (table) => Number(sql(s.db, `SELECT count(*) FROM ${table}`));

test('a POST without the CSRF token, or with a wrong one, is 403 and changes nothing', async () => {
  const users = count('users');
  const form = { email: 'new1@demo.school', name: 'New One' };
  let r = await admin.post('/admin/staff', form, { csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.body.field, 'csrf');
  r = await admin.post('/admin/staff', form, { csrf: 'A'.repeat(43) });
  assert.equal(r.status, 403);
  r = await admin.post('/admin/staff', form, { csrf: teacher.csrf });
  assert.equal(r.status, 403, 'another session\'s token does not work');
  assert.equal(count('users'), users);
  r = await admin.post('/admin/staff', form, { csrf: false, headers: { 'X-CSRF-Token': admin.csrf } });
  assert.equal(r.status, 201, 'the token may come in the X-CSRF-Token header');
  assert.equal(count('users'), users + 1);
});

test('a cross-site Origin is refused even with the right token', async () => {
  const r = await admin.post('/admin/staff', { email: 'x2@demo.school', name: 'X' },
    { headers: { Origin: 'https://evil.example' } });
  assert.equal(r.status, 403);
  assert.equal(sql(s.db, "SELECT count(*) FROM users WHERE email = 'x2@demo.school'"), '0');
  // The server's log says why, with the two headers and nothing of the session.
  const host = new URL(s.url).host;
  const line = s.stderr().split('\n').find((l) => l.includes('evil.example')) ?? '';
  assert.equal(line, `staffroom: refused POST /admin/staff: its Origin https://evil.example is not the host ${host} it was sent to`);
  assert.ok(!s.stderr().includes(admin.cookie) && !s.stderr().includes(admin.csrf));
});

test('GET never changes state', async () => {
  const before1 = count('audit');
  const r = await admin.get('/admin/staff');
  assert.equal(r.status, 200);
  assert.equal((await admin.request('GET', '/logout')).status, 405);
  assert.equal(count('audit'), before1);
});

test('a page the user\'s roles do not allow is 403; signed out is 401 or a redirect', async () => {
  assert.equal((await teacher.get('/admin/staff')).status, 403);
  assert.equal((await teacher.get('/audit')).status, 403);
  assert.equal((await teacher.post('/admin/settings', { school_name: 'Hacked' })).status, 403);
  assert.notEqual(sql(s.db, "SELECT value FROM settings WHERE key = 'school_name'"), 'Hacked');
  const anon = s.client();
  assert.equal((await anon.get('/admin/staff')).status, 401);
  const page = await anon.page('/admin/staff');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login?next=/admin/staff');
});

test('an object that does not exist is 404, in JSON and in HTML', async () => {
  const r = await admin.get('/admin/staff/99999');
  assert.equal(r.status, 404);
  assert.ok(r.body.error);
  const h = await admin.page('/admin/staff/99999');
  assert.equal(h.status, 404);
  assert.match(h.text, /<h1>/);
  assert.equal((await admin.get('/no/such/page')).status, 404);
});

test('one model, two views: the same page as JSON and as HTML', async () => {
  const j = await admin.get('/admin/staff');
  assert.equal(j.status, 200);
  assert.match(j.headers.get('content-type'), /^application\/json/);
  const amy = j.body.staff.find((p) => p.email === 'teacher@demo.school');
  assert.equal(amy.name, 'Amy Clarke');
  const h = await admin.page('/admin/staff');
  assert.equal(h.status, 200);
  assert.match(h.headers.get('content-type'), /^text\/html/);
  assert.match(h.text, /Amy Clarke/);
  assert.match(h.text, /<title>Staff – Hillside Academy<\/title>/);
});

test('an XSS payload is shown escaped wherever it appears', async () => {
  const evil = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>';
  const r = await admin.post('/admin/staff', { email: 'xss@demo.school', name: evil, department: evil, job_title: evil });
  assert.equal(r.status, 201);
  const list = await admin.page('/admin/staff');
  assert.doesNotMatch(list.text, /<script>alert/);
  assert.doesNotMatch(list.text, /<img src=x/);
  assert.match(list.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const edit = await admin.page(`/admin/staff/${r.body.user.id}`);
  assert.doesNotMatch(edit.text, /value="<script>|"'><img/);
  const audit = await admin.page('/audit');
  assert.doesNotMatch(audit.text, /<script>alert/);
  const j = await admin.search('/admin/staff', { q: 'xss@demo' });
  assert.equal(j.body.staff.length, 1);
  assert.equal(j.body.staff[0].name, evil, 'stored exactly as typed; escaping is the view\'s job');
});

test('every response carries the security headers; signed-in pages are not cached', async () => {
  for (const r of [await admin.page('/'), await s.client().page('/login'), await admin.get('/nope'),
    await admin.page('/static/style.css')]) {
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'same-origin');
  }
  assert.equal((await admin.page('/')).headers.get('cache-control'), 'no-store');
});

test('every text answer names charset=utf-8: pages, JSON, CSV, static text, errors (ASVS 4.1.1)', async () => {
  const head = await s.login('head@demo.school');
  const answers = [
    ['HTML', await admin.page('/'), 'text/html'], ['JSON', await admin.get('/'), 'application/json'],
    ['JSON error', await admin.get('/nope'), 'application/json'], ['page error', await admin.page('/nope'), 'text/html'],
    ['CSV', await head.get('/aup/compliance.csv', { json: false }), 'text/csv'],
    ['style sheet', await admin.page('/static/style.css'), 'text/css'],
  ];
  for (const [what, r, type] of answers) {
    assert.ok(r.status < 500, what);
    assert.equal(r.headers.get('content-type'), `${type}; charset=utf-8`, what);
  }
});

test('a download carries a sandboxing CSP as well as attachment and nosniff (ASVS 3.4.3)', async () => {
  const head = await s.login('head@demo.school');
  const csv = await head.get('/aup/compliance.csv', { json: false });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /^attachment/);
  assert.match(csv.headers.get('content-security-policy'), /; sandbox$/);
  assert.equal(csv.headers.get('x-content-type-options'), 'nosniff');
  assert.doesNotMatch((await head.page('/')).headers.get('content-security-policy'), /sandbox/, 'pages are not sandboxed');
});

test('static files have types and caching; nothing outside static/ can be reached', async () => {
  const css = await s.client().get('/static/style.css', { json: false });
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.match(css.headers.get('cache-control'), /max-age=\d+/);
  for (const p of ['/static/../schema.sql', '/static/%2e%2e/schema.sql', '/static/..%2fschema.sql',
    '/static/%2E%2E%2Fschema.sql', '/static//etc/passwd', '/static/.hidden', '/static/style.css%00.png',
    '/static/', '/static/nothing.css']) {
    const r = await raw(`GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    // Behind nginx or lighttpd (the fastcgi and cgi passes) a NUL in the path is refused by
    // the web server itself.
    const nginxRefuses = FRONT !== 'http' && p.includes('%00');
    assert.match(r, nginxRefuses ? /^HTTP\/1\.1 400/ : /^HTTP\/1\.1 404/, `${p} must be 404`);
    assert.doesNotMatch(r, /CREATE TABLE/);
  }
});

function raw(text) {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname, () => sock.write(text));
    let out = '';
    sock.on('data', (d) => { out += d; });
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
    setTimeout(() => { sock.destroy(); resolve(out); }, 3000);
  });
}

test('keep-alive: two requests are answered on one connection', async () => {
  const req = `GET /login HTTP/1.1\r\nHost: x\r\n\r\n`;
  const out = await raw(req + req.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
  assert.equal((out.match(/HTTP\/1\.1 200/g) || []).length, 2);
  const first = out.slice(0, out.indexOf('</html>'));
  assert.doesNotMatch(first, /Connection: close/i);
});

test('methods other than GET, HEAD and POST are refused', async () => {
  const r = await raw('DELETE /admin/staff/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(r, /^HTTP\/1\.1 405/);
  const h = await raw('HEAD /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(h, /^HTTP\/1\.1 200/);
});
