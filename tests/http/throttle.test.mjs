// Slowing password guessing without letting strangers lock staff out:
// failures count per account (and per account from one address), never per
// address alone, since a school's staff share one public address; the real
// client address is believed from a proxy only when it is a trusted one; and
// every screen that asks for a password again is slowed the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, PASSWORD } from './lib.mjs';
import { auditRows } from './account_lib.mjs';
import { totp } from './totp_lib.mjs';

const wait = (ms) => new Promise((res) => setTimeout(res, ms));

// Sets up a second factor for a signed-in client: turning it off asks the password again.
async function enrol(c) {
  const secret = (await c.get('/account/2fa')).body.secret;
  const r = await c.post('/account/2fa/confirm', { code: totp(secret) });
  assert.equal(r.status, 201, r.text);
}

test('failed sign-ins with strangers\' e-mail addresses from one address never stop a right password', async () => {
  const s = await startServer();
  try {
    const c = s.client();
    for (let i = 0; i < 26; i++) {
      const r = await c.login(`stranger${i}-${Math.random().toString(36).slice(2)}@example.org`, 'a guess 12345');
      assert.equal(r.status, 401, `failure ${i + 1}`);
    }
    const teacher = await s.client().login('teacher@demo.school');
    assert.equal(teacher.status, 200, teacher.text);
    // Nor does a run of wrong guesses at one colleague's account stop another.
    for (let i = 0; i < 8; i++) await c.login('ta@demo.school', 'not the password');
    const head = await s.client().login('head@demo.school');
    assert.equal(head.status, 200, head.text);
  } finally {
    await s.stop();
  }
});

test('guessing at one account from many addresses is still slowed (behind a trusted proxy)', async () => {
  const s = await startServer({ args: ['--trusted-proxy', '127.0.0.1, ::1'] });
  try {
    const from = (addr) => ({ 'X-Real-IP': addr });
    const c = s.client();
    const login = (email, password, addr) =>
      c.request('POST', '/login', { form: { email, password }, csrf: false, headers: from(addr) });
    // Three failures from one address slow that address for this account...
    for (let i = 0; i < 3; i++) assert.equal((await login('ta@demo.school', 'wrong guess!', '203.0.113.5')).status, 401);
    assert.equal((await login('ta@demo.school', PASSWORD, '203.0.113.5')).status, 429);
    // ...but the owner at another address still gets in (and that clears the count).
    assert.equal((await login('ta@demo.school', PASSWORD, '198.51.100.20')).status, 200);
    // Ten failures at one account from ten addresses slow it everywhere.
    for (let i = 0; i < 10; i++) {
      assert.equal((await login('deputy@demo.school', 'wrong guess!', `203.0.113.${100 + i}`)).status, 401);
    }
    const slowed = await login('deputy@demo.school', PASSWORD, '198.51.100.30');
    assert.equal(slowed.status, 429, 'even the right password waits');
    assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
    await wait(1100);
    assert.equal((await login('deputy@demo.school', PASSWORD, '198.51.100.30')).status, 200);
  } finally {
    await s.stop();
  }
});

test('the client address is taken from X-Real-IP or X-Forwarded-For only when the peer is a trusted proxy', async () => {
  const trusting = await startServer({ args: ['--trusted-proxy', '127.0.0.1,::1'] });
  const plain = await startServer();
  try {
    const lastLogin = (db) => sql(db, "SELECT address FROM audit WHERE action = 'login' ORDER BY id DESC LIMIT 1");
    const c = trusting.client();
    let r = await c.request('POST', '/login', { form: { email: 'head@demo.school', password: PASSWORD }, csrf: false,
      headers: { 'X-Real-IP': '203.0.113.7', 'X-Forwarded-For': '10.9.9.9, 203.0.113.7' } });
    assert.equal(r.status, 200);
    assert.equal(lastLogin(trusting.db), '203.0.113.7');
    // Only the last X-Forwarded-For entry is the proxy's; earlier ones are the client's to write.
    r = await c.request('POST', '/login', { form: { email: 'head@demo.school', password: PASSWORD }, csrf: false,
      headers: { 'X-Forwarded-For': '10.9.9.9, 198.51.100.9' } });
    assert.equal(r.status, 200);
    assert.equal(lastLogin(trusting.db), '198.51.100.9');
    // A header that holds no address is ignored.
    r = await c.request('POST', '/login', { form: { email: 'head@demo.school', password: PASSWORD }, csrf: false,
      headers: { 'X-Real-IP': 'not an address' } });
    assert.equal(r.status, 200);
    assert.match(lastLogin(trusting.db), /^(127\.0\.0\.1|::1)$/);
    // Without trusted_proxy the headers are never believed.
    r = await plain.client().request('POST', '/login', { form: { email: 'head@demo.school', password: PASSWORD },
      csrf: false, headers: { 'X-Real-IP': '203.0.113.7', 'X-Forwarded-For': '203.0.113.7' } });
    assert.equal(r.status, 200);
    assert.match(lastLogin(plain.db), /^(127\.0\.0\.1|::1)$/);
  } finally {
    await trusting.stop();
    await plain.stop();
  }
});

test('a trusted_proxy setting that is not a list of addresses stops the server with a clear message', async () => {
  // Named as given: the flag (--trusted-proxy), or the configuration file's key under the CGI front.
  await assert.rejects(startServer({ args: ['--trusted-proxy', 'nginx.local'] }), /trusted[-_]proxy must be IP addresses/);
});

test('revealing stored credentials: wrong passwords are slowed as at sign-in', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    assert.equal((await mod.post('/accounts/1/credentials', { login: 'x.login', password: 'secret-123456' })).status, 200);
    for (let i = 0; i < 3; i++) {
      assert.equal((await mod.post('/accounts/1/credentials/reveal', { password: `guess number ${i}` })).status, 403);
    }
    const slowed = await mod.post('/accounts/1/credentials/reveal', { password: PASSWORD });
    assert.equal(slowed.status, 429, 'the right password waits too');
    assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
    assert.match(slowed.body.error, /wait/);
    assert.equal(auditRows(s.db, 'account.credentials_reveal').length, 0, 'nothing was shown');
    await wait(1100);
    const shown = await mod.post('/accounts/1/credentials/reveal', { password: PASSWORD });
    assert.equal(shown.status, 200, shown.text);
    assert.equal(shown.body.credentials.login, 'x.login');
  } finally {
    await s.stop();
  }
});

test('two-factor changes that ask the password again are slowed as at sign-in', async () => {
  const s = await startServer();
  try {
    const c = await s.login('teacher@demo.school');
    await enrol(c);
    for (let i = 0; i < 3; i++) {
      assert.equal((await c.post('/account/2fa/remove', { password: `guess number ${i}` })).status, 403);
    }
    const slowed = await c.post('/account/2fa/remove', { password: PASSWORD });
    assert.equal(slowed.status, 429, 'the right password waits too');
    assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
    // The wrong guesses count against signing in as well: one mechanism.
    assert.equal((await s.client().login('teacher@demo.school')).status, 429);
    await wait(1100);
    const done = await c.post('/account/2fa/remove', { password: PASSWORD });
    assert.equal(done.status, 200, done.text);
  } finally {
    await s.stop();
  }
});

test('wrong passwords sent at the same moment are counted before any is checked', async () => {
  const s = await startServer();
  try {
    // Sixteen at once for one account from one address: the three free tries are checked,
    // the rest wait, however the slow password checks overlap.
    const email = 'teacher@demo.school';
    const signIns = await Promise.all(Array.from({ length: 16 }, (_, i) =>
      s.client().login(email, `wrong guess ${i}`)));
    const checked = signIns.filter((r) => r.status === 401).length;
    assert.equal(checked, 3, signIns.map((r) => r.status).join(','));
    assert.equal(signIns.filter((r) => r.status === 429).length, 13);
    assert.equal(sql(s.db, `SELECT failures FROM throttle WHERE key = 'acct:${email} from 127.0.0.1'`), '3');

    // The same for a password asked again.
    const c = await s.login('ta@demo.school');
    await enrol(c);
    const asked = await Promise.all(Array.from({ length: 16 }, (_, i) =>
      c.post('/account/2fa/remove', { password: `guess number ${i}` })));
    assert.equal(asked.filter((r) => r.status === 403).length, 3, asked.map((r) => r.status).join(','));
    assert.equal(asked.filter((r) => r.status === 429).length, 13);
  } finally {
    await s.stop();
  }
});
