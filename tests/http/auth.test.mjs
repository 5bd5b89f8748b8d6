// Sign-in, sessions and sign-out through the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';

let s;
before(async () => { s = await startServer({ args: ['--session-idle', '3'] }); });
after(async () => { await s.stop(); });

test('a good sign-in answers the user and a CSRF token, and sets a safe cookie', async () => {
  const c = s.client();
  const r = await c.login('head@demo.school');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.user, { email: 'head@demo.school', name: 'Helen Ashworth', roles: ['staff', 'headteacher'] });
  assert.match(r.body.csrf, /^[A-Za-z0-9_-]{43}$/);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\//);
  assert.doesNotMatch(cookie, /Secure/);
  assert.match(cookie, /^sr_session=/, 'plain loopback HTTP keeps the unprefixed name');
  const home = await c.get('/');
  assert.equal(home.status, 200);
  assert.equal(home.body.user.email, 'head@demo.school');
  assert.equal(home.body.csrf, r.body.csrf);
  // the database keeps only a hash of the token
  assert.equal(sql(s.db, `SELECT count(*) FROM sessions WHERE token_hash = '${c.cookie}'`), '0');
  assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'login' AND actor = 'head@demo.school'"), '1');
});

test('the HTML sign-in form redirects to / or to a local next page only', async () => {
  const c = s.client();
  let r = await c.request('POST', '/login', { json: false, csrf: false,
    form: { email: 'teacher@demo.school', password: 'staffroom-demo' } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/');
  r = await c.request('POST', '/login', { json: false, csrf: false,
    form: { email: 'teacher@demo.school', password: 'staffroom-demo', next: '//evil.example/' } });
  assert.equal(r.headers.get('location'), '/');
  r = await c.request('POST', '/login', { json: false, csrf: false,
    form: { email: 'teacher@demo.school', password: 'staffroom-demo', next: '/aup' } });
  assert.equal(r.headers.get('location'), '/aup');
});

test('each sign-in gets a new token', async () => {
  const a = await s.login('dsl@demo.school');
  const b = await s.login('dsl@demo.school');
  assert.notEqual(a.cookie, b.cookie);
});

test('a wrong password is 401, audited, and shows the form again in HTML', async () => {
  const c = s.client();
  const r = await c.login('deputy@demo.school', 'wrong password!');
  assert.equal(r.status, 401);
  assert.match(r.body.error, /not right/);
  const unknown = await c.login('nobody@demo.school', 'whatever123');
  assert.equal(unknown.status, 401);
  assert.equal(unknown.body.error, r.body.error, 'an unknown account is not told apart');
  assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'login.failed' AND object = 'deputy@demo.school'"), '1');
  const page = await c.request('POST', '/login', { json: false, csrf: false,
    form: { email: 'deputy@demo.school', password: 'wrong again!' } });
  assert.equal(page.status, 401);
  assert.match(page.text, /<form/);
  assert.match(page.text, /value="deputy@demo.school"/, 'the e-mail typed is kept');
  assert.doesNotMatch(page.text, /wrong again/, 'the password is never echoed');
});

test('repeated failures slow further attempts with a growing delay, then it lets the owner in', async () => {
  const c = s.client();
  for (let i = 0; i < 3; i++) assert.equal((await c.login('ta@demo.school', 'not the password')).status, 401);
  const slowed = await c.login('ta@demo.school', 'staffroom-demo');
  assert.equal(slowed.status, 429, 'even the right password waits');
  assert.equal(slowed.headers.get('retry-after'), '1');
  await new Promise((res) => setTimeout(res, 1100));
  assert.equal((await c.login('ta@demo.school', 'still not it')).status, 401);
  const again = await c.login('ta@demo.school', 'staffroom-demo');
  assert.equal(again.status, 429);
  assert.ok(Number(again.headers.get('retry-after')) >= 2, 'the delay grows');
  assert.ok(Number(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'login.failed' AND object = 'ta@demo.school'")) >= 6);
  await new Promise((res) => setTimeout(res, 2100));
  assert.equal((await c.login('ta@demo.school', 'staffroom-demo')).status, 200);
});

test('a session ends after the idle time-out', async () => {
  const c = await s.login('network@demo.school');
  assert.equal((await c.get('/')).status, 200);
  await new Promise((res) => setTimeout(res, 4200));
  const r = await c.get('/');
  assert.equal(r.status, 401);
  const page = await c.page('/');
  assert.equal(page.status, 303);
  assert.match(page.headers.get('location'), /^\/login\?next=%2F|^\/login\?next=\//);
});

test('sign-out ends the session and clears the cookie', async () => {
  const c = await s.login('bursar@demo.school');
  const old = c.cookie;
  const r = await c.post('/logout');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('set-cookie'), /Max-Age=0/);
  c.cookie = old;
  assert.equal((await c.get('/')).status, 401);
  assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'logout' AND actor = 'bursar@demo.school'"), '1');
});

test('deactivation and a role change end the person\'s sessions', async () => {
  const admin = await s.login('admin@demo.school');
  const sci = await s.login('science@demo.school');
  const id = sql(s.db, "SELECT id FROM users WHERE email = 'science@demo.school'");
  let r = await admin.post(`/admin/staff/${id}`, [['name', 'Daniel Reid'], ['staff_type', 'teacher'], ['role', 'moderator']]);
  assert.equal(r.status, 200);
  assert.equal((await sci.get('/')).status, 401, 'a role change signs the person out');
  const sci2 = await s.login('science@demo.school');
  assert.deepEqual((await sci2.get('/')).body.user.roles, ['staff', 'moderator']);
  r = await admin.post(`/admin/staff/${id}/deactivate`, { left_on: '2026-07-31' });
  assert.equal(r.status, 200);
  assert.equal((await sci2.get('/')).status, 401);
  assert.equal((await s.client().login('science@demo.school')).status, 401, 'a deactivated person cannot sign in');
});

test('told it is behind HTTPS, the session cookie is __Host- prefixed and Secure, and only that name signs in', async () => {
  const secure = await startServer({ args: ['--secure-cookies'] });
  try {
    const c = secure.client();
    const r = await c.login('teacher@demo.school');
    assert.equal(r.status, 200);
    const cookie = r.headers.get('set-cookie');
    assert.match(cookie, /^__Host-sr_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    assert.equal((await c.get('/')).body.user.email, 'teacher@demo.school');
    const plain = secure.client();
    plain.cookie = c.cookie; // the same token under the unprefixed name
    plain.cookieName = 'sr_session';
    assert.equal((await plain.get('/')).status, 401);
    const out = await c.post('/logout', {});
    assert.match(out.headers.get('set-cookie'), /^__Host-sr_session=; .*Max-Age=0; Secure$/, 'signing out clears the same cookie');
  } finally {
    await secure.stop();
  }
});
