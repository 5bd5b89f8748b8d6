// Sessions a person can see and end, and an administrator ending one
// person's or everyone's (ASVS 5.0 7.4.5, 7.5.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, sql, Client, PASSWORD } from './lib.mjs';
import { totp, nowStep } from './totp_lib.mjs';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0';

async function signIn(s, email, userAgent) {
  const c = new Client(s.url);
  const headers = userAgent ? { 'User-Agent': userAgent } : {};
  const r = await c.request('POST', '/login', { form: { email, password: PASSWORD }, csrf: false, headers });
  assert.equal(r.status, 200, r.text);
  c.csrf = r.body.csrf;
  return c;
}

const audited = (s, action, object) =>
  Number(sql(s.db, `SELECT count(*) FROM audit WHERE action = '${action}' AND object = '${object}'`));

test('a person sees their sessions and ends another, after their password; nobody else can', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const here = await signIn(s, 'teacher@demo.school');
  const there = await signIn(s, 'teacher@demo.school', FIREFOX);
  const list = await here.get('/account/sessions');
  assert.equal(list.status, 200);
  assert.equal(list.body.sessions.length, 2);
  const mine = list.body.sessions.find((x) => x.current);
  const other = list.body.sessions.find((x) => !x.current);
  assert.equal(other.browser, 'Firefox on Windows');
  assert.equal(other.user_agent, FIREFOX);
  assert.equal(other.address, '127.0.0.1');
  assert.match(other.started_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(!('token_hash' in other));
  const html = await here.page('/account/sessions');
  assert.match(html.text, /Firefox on Windows/);
  assert.match(html.text, /\(this one\)/);
  assert.match(html.text, new RegExp(`action="/account/sessions/${other.id}/end"`));
  assert.match((await here.page('/account/2fa')).text, /href="\/account\/sessions"/);

  // Refusals change nothing.
  const admin = await signIn(s, 'admin@demo.school');
  assert.equal((await admin.post(`/account/sessions/${other.id}/end`, { password: PASSWORD })).status, 404);
  assert.equal((await here.post('/account/sessions/999999/end', { password: PASSWORD })).status, 404);
  assert.equal((await here.post(`/account/sessions/${other.id}/end`, { password: PASSWORD }, { csrf: false })).status, 403);
  const wrong = await here.post(`/account/sessions/${other.id}/end`, { password: 'not my password' });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.errors?.[0]?.field ?? wrong.body.field, 'password');
  const none = await here.post(`/account/sessions/${other.id}/end`, {});
  assert.equal(none.status, 400);
  assert.match(none.text, /Enter your password/);
  // The page again: the problem is in that session's row, where the summary links, not in
  // "End every other session", which asks for the password too.
  const page = await here.request('POST', `/account/sessions/${other.id}/end`, { json: false, form: {} });
  assert.equal(page.status, 400);
  assert.match(page.text, new RegExp(`<li><a href="#p-${other.id}">Enter your password`));
  const [row, all] = [...page.text.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0])
    .filter((f) => /action="\/account\/sessions\/[^"]*"/.test(f));
  assert.match(row, new RegExp(`id="p-${other.id}"[^>]*aria-describedby="e-password" aria-invalid="true"`));
  assert.match(row, /<p class="field-error" id="e-password">Enter your password/);
  assert.doesNotMatch(all, /field-error|has-error|aria-invalid/);
  assert.equal(page.text.split('id="e-password"').length - 1, 1);
  const self = await here.post(`/account/sessions/${mine.id}/end`, { password: PASSWORD });
  assert.equal(self.status, 409);
  assert.match(self.text, /sign out/);
  assert.equal((await there.get('/account/sessions')).status, 200);
  assert.equal(audited(s, 'session.end', 'teacher@demo.school'), 0);

  const ended = await here.post(`/account/sessions/${other.id}/end`, { password: PASSWORD });
  assert.equal(ended.status, 200);
  assert.equal(ended.body.ended, 1);
  assert.equal((await there.get('/account/sessions')).status, 401);
  assert.equal((await here.get('/account/sessions')).body.sessions.length, 1);
  assert.equal(audited(s, 'session.end', 'teacher@demo.school'), 1);
});

test('the list of sessions scrolls in its own box on a phone', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const teacher = await signIn(s, 'teacher@demo.school', FIREFOX);
  assert.match((await teacher.page('/account/sessions')).text,
    /<div class="table-scroll" tabindex="0"><table class="data"><caption>Your sessions<\/caption>[^]*?<\/table><\/div>/);
});

test('a person ends all their other sessions at once', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const here = await signIn(s, 'teacher@demo.school');
  const two = await signIn(s, 'teacher@demo.school');
  const three = await signIn(s, 'teacher@demo.school');
  const colleague = await signIn(s, 'ta@demo.school');
  assert.equal((await here.post('/account/sessions/end-others', { password: PASSWORD }, { csrf: false })).status, 403);
  assert.equal((await two.get('/account/sessions')).status, 200);
  const r = await here.post('/account/sessions/end-others', { password: PASSWORD });
  assert.equal(r.status, 200);
  assert.equal(r.body.ended, 2);
  assert.equal((await two.get('/account/sessions')).status, 401);
  assert.equal((await three.get('/account/sessions')).status, 401);
  assert.equal((await here.get('/account/sessions')).status, 200);
  assert.equal((await colleague.get('/account/sessions')).status, 200);
  assert.equal(audited(s, 'session.end_others', 'teacher@demo.school'), 1);
  // In a browser: back to the page with the message.
  await signIn(s, 'teacher@demo.school');
  const html = await here.request('POST', '/account/sessions/end-others',
    { form: { password: PASSWORD }, json: false });
  assert.equal(html.status, 303);
  assert.equal(html.headers.get('location'), '/account/sessions');
  assert.match((await here.page('/account/sessions')).text, /Your other sessions have ended/);
});

test('an administrator signs one person out everywhere; others may not', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const id = sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
  const one = await signIn(s, 'teacher@demo.school');
  const two = await signIn(s, 'teacher@demo.school');
  const ta = await signIn(s, 'ta@demo.school');
  const admin = await signIn(s, 'admin@demo.school');
  assert.match((await admin.page(`/admin/staff/${id}`)).text,
    new RegExp(`action="/admin/staff/${id}/sessions/end"[\\s\\S]*Signed in now on 2 browsers`));
  assert.equal((await ta.post(`/admin/staff/${id}/sessions/end`)).status, 403);
  assert.equal((await admin.post(`/admin/staff/${id}/sessions/end`, {}, { csrf: false })).status, 403);
  assert.equal((await admin.post('/admin/staff/999999/sessions/end')).status, 404);
  assert.equal((await one.get('/account/sessions')).status, 200);
  const r = await admin.post(`/admin/staff/${id}/sessions/end`);
  assert.equal(r.status, 200);
  assert.equal(r.body.ended, 2);
  assert.equal((await one.get('/account/sessions')).status, 401);
  assert.equal((await two.get('/account/sessions')).status, 401);
  assert.equal((await ta.get('/account/sessions')).status, 200);
  assert.equal(audited(s, 'session.end_person', 'teacher@demo.school'), 1);
  assert.equal(sql(s.db, "SELECT actor FROM audit WHERE action = 'session.end_person'"), 'admin@demo.school');
  // One session reads as one.
  await signIn(s, 'teacher@demo.school');
  assert.match((await admin.page(`/admin/staff/${id}`)).text, /Signed in now on 1 browser or device\./);
  const ended = await admin.request('POST', `/admin/staff/${id}/sessions/end`, { json: false, form: {} });
  assert.equal(ended.status, 303);
  assert.match((await admin.page(ended.headers.get('location'))).text,
    /Amy Clarke has been signed out everywhere \(1 session ended\)\./);
  assert.equal(sql(s.db, "SELECT detail FROM audit WHERE action = 'session.end_person' ORDER BY id DESC LIMIT 1"),
    'ended 1 session of Amy Clarke');
  assert.match((await admin.page(`/admin/staff/${id}`)).text, /Signed in now on 0 browsers or devices\./);
});

test('a new password also ends sign-ins still waiting for their code', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const id = sql(s.db, "SELECT id FROM users WHERE email = 'ta@demo.school'");
  const owner = await signIn(s, 'ta@demo.school');
  const secret = (await owner.get('/account/2fa')).body.secret;
  assert.equal((await owner.post('/account/2fa/confirm', { code: totp(secret, nowStep()) })).status, 201);
  const halfway = async () => {
    const c = new Client(s.url);
    assert.equal((await c.login('ta@demo.school', PASSWORD)).body.second_factor, true);
    return c;
  };
  const pending = () => sql(s.db, `SELECT count(*) FROM pending_logins WHERE user_id = ${id}`);

  // An administrator sets a new password: the sign-in begun with the old one cannot finish.
  const before = await halfway();
  const admin = await signIn(s, 'admin@demo.school');
  assert.equal((await admin.post(`/admin/staff/${id}/password`, { password: 'orchard kettle drum 7', your_password: PASSWORD })).status, 200);
  assert.equal(pending(), '0');
  assert.notEqual((await before.post('/login/code', { code: totp(secret, nowStep() + 1) })).status, 200);

  // So does the person choosing a new one with an e-mailed link.
  sql(s.db, `UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'teacher@demo.school')
    WHERE id = ${id}`);
  const waiting = await halfway();
  const token = 'q'.repeat(43);
  sql(s.db, `INSERT INTO password_links(token_hash, user_id, purpose, sent_by, created_at, expires_at)
    VALUES ('${createHash('sha256').update(token).digest('hex')}', ${id}, 'reset', 'the person',
    '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z')`);
  const set = await new Client(s.url).post('/password/set', { token, password: 'zebra violin kettle',
    password_again: 'zebra violin kettle' }, { csrf: false });
  assert.equal(set.status, 200, set.text);
  assert.equal(pending(), '1', 'only the link\'s own code step is left');
  assert.notEqual((await waiting.post('/login/code', { code: totp(secret, nowStep() + 1) })).status, 200);
});

test('an administrator signs everyone out but keeps their own session', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const teacher = await signIn(s, 'teacher@demo.school');
  const head = await signIn(s, 'head@demo.school');
  const admin = await signIn(s, 'admin@demo.school');
  const adminElsewhere = await signIn(s, 'admin@demo.school');
  const page = await admin.page('/admin/sessions');
  assert.equal(page.status, 200);
  assert.match(page.text, /Sign everyone else out now/);
  assert.match((await admin.page('/admin/staff')).text, /href="\/admin\/sessions"/);
  assert.equal((await admin.get('/admin/sessions')).body.sessions, 4);
  assert.equal((await teacher.get('/admin/sessions')).status, 403);
  assert.equal((await teacher.post('/admin/sessions/end-all', { password: PASSWORD })).status, 403);
  assert.equal((await admin.post('/admin/sessions/end-all', { password: PASSWORD }, { csrf: false })).status, 403);
  assert.equal((await admin.post('/admin/sessions/end-all', {})).status, 400);
  assert.equal((await admin.post('/admin/sessions/end-all', { password: 'wrong password' })).status, 403);
  assert.equal((await teacher.get('/account/sessions')).status, 200);
  assert.equal(Number(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'session.end_everyone'")), 0);

  const r = await admin.post('/admin/sessions/end-all', { password: PASSWORD });
  assert.equal(r.status, 200);
  assert.equal(r.body.ended, 3);
  assert.equal(r.body.people, 3);
  for (const c of [teacher, head, adminElsewhere])
    assert.equal((await c.get('/account/sessions')).status, 401);
  assert.equal((await admin.get('/account/sessions')).status, 200);
  assert.equal(audited(s, 'session.end_everyone', 'everyone'), 1);
  assert.equal(sql(s.db, 'SELECT count(*) FROM sessions'), '1');
  assert.equal(sql(s.db, 'SELECT count(*) FROM session_info'), '1');
  // The counts read right for one, and for more than one.
  assert.match((await admin.page('/admin/sessions')).text, /<p class="lead">1 session is open now, of 1 person\.<\/p>/);
  await signIn(s, 'teacher@demo.school');
  assert.match((await admin.page('/admin/sessions')).text, /<p class="lead">2 sessions are open now, of 2 people\.<\/p>/);
  const again = await admin.request('POST', '/admin/sessions/end-all', { json: false, form: { password: PASSWORD } });
  assert.equal(again.status, 303);
  const after = (await admin.page(again.headers.get('location'))).text;
  assert.match(after, /Everyone else has been signed out \(1 session ended\)\./);
  assert.match(after, /<p class="lead">1 session is open now, of 1 person\.<\/p>/);
  assert.match(sql(s.db, "SELECT detail FROM audit WHERE action = 'session.end_everyone' ORDER BY id DESC LIMIT 1"),
    /^ended 1 session of 1 person;/);
});

test('each row asks for the password under its own id, and a refusal is told in that row', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const here = await signIn(s, 'teacher@demo.school');
  await signIn(s, 'teacher@demo.school', FIREFOX);
  await signIn(s, 'teacher@demo.school', FIREFOX);
  const others = (await here.get('/account/sessions')).body.sessions.filter((x) => !x.current);
  assert.equal(others.length, 2);
  const ids = (html) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  const unique = (html) => assert.deepEqual(ids(html), [...new Set(ids(html))]);
  // Each row's field is labelled by its own id; none is left without one.
  const page = (await here.page('/account/sessions')).text;
  unique(page);
  assert.doesNotMatch(page, /id="p-"/);
  for (const o of others)
    assert.match(page, new RegExp(`<label for="p-${o.id}">Your password</label>[^]*?<input id="p-${o.id}"`));

  // A wrong password in the second row: said in that row, where the summary's link lands.
  const [, second] = others;
  const r = await here.request('POST', `/account/sessions/${second.id}/end`,
    { form: { password: 'not my password' }, json: false });
  assert.equal(r.status, 403);
  unique(r.text);
  assert.match(r.text, new RegExp(`<a href="#p-${second.id}">That password is not right\\.</a>`));
  const row = r.text.match(new RegExp(`<form method="post" action="/account/sessions/${second.id}/end">[^]*?</form>`))[0];
  assert.match(row, /<p class="field-error" id="e-password">That password is not right\.<\/p>/);
  assert.match(row, new RegExp(`<input id="p-${second.id}" [^>]*aria-describedby="e-password" aria-invalid="true">`));
  const all = r.text.match(/<form class="stack card" method="post" action="\/account\/sessions\/end-others">[^]*?<\/form>/)[0];
  assert.doesNotMatch(all, /field-error|aria-invalid/);
  assert.equal(r.text.match(/class="field-error"/g).length, 1);

  // The same refusal of "End every other session" is told in its own form.
  const e = await here.request('POST', '/account/sessions/end-others',
    { form: { password: 'not my password' }, json: false });
  assert.equal(e.status, 403);
  unique(e.text);
  const form = e.text.match(/<form class="stack card" method="post" action="\/account\/sessions\/end-others">[^]*?<\/form>/)[0];
  assert.match(form, /<p class="field-error" id="e-password">[^]*<input id="f-password" [^>]*aria-invalid="true">/);
  assert.equal(e.text.match(/class="field-error"/g).length, 1);
});
