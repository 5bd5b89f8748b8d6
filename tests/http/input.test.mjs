// Bad input: a 4xx naming the problem, nothing written, and the server keeps serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';

let s, admin, users, audit;
before(async () => {
  s = await startServer();
  admin = await s.login('admin@demo.school');
});
after(async () => { await s.stop(); });

// A refusal by the access rules (403) is itself audited as access.refused;
// nothing else may be recorded.
const AUDITED = "SELECT count(*) FROM audit WHERE action != 'access.refused'";
const snapshot = () => { users = sql(s.db, 'SELECT count(*) FROM users'); audit = sql(s.db, AUDITED); };
const unchanged = () => {
  assert.equal(sql(s.db, 'SELECT count(*) FROM users'), users, 'no person was added');
  assert.equal(sql(s.db, AUDITED), audit, 'nothing was recorded');
};
const good = { email: 'valid@demo.school', name: 'Valid Name' };

async function refused(body, status, field, opts = {}) {
  snapshot();
  const r = await admin.request('POST', '/admin/staff', { body, contentType: 'application/x-www-form-urlencoded', ...opts });
  assert.equal(r.status, status, r.text);
  if (field) assert.equal(r.body.field, field);
  assert.ok(r.body.error.length > 10, 'the message says what is wrong');
  unchanged();
  return r;
}

const enc = (pairs) => new URLSearchParams([...pairs, ['csrf', admin.csrf]]).toString();

test('a missing required field names the field', async () => {
  const r = await refused(enc([['email', 'a@demo.school']]), 400, 'name');
  assert.equal(r.body.error, 'Enter the full name.');
});

test('an over-long field is refused', async () => {
  await refused(enc([['email', 'b@demo.school'], ['name', 'x'.repeat(201)]]), 400, 'name');
});

test('an unknown field is refused', async () => {
  await refused(enc([...Object.entries(good), ['is_admin', 'yes']]), 400, 'is_admin');
});

test('a duplicated field is refused', async () => {
  await refused(enc([...Object.entries(good), ['name', 'Second Name']]), 400, 'name');
});

test('wrong types are refused', async () => {
  await refused(enc([...Object.entries(good), ['staff_type', 'wizard']]), 400, 'staff_type');
  await refused(enc([['email', 'not an email'], ['name', 'N']]), 400, 'email');
  await refused(enc([...Object.entries(good), ['role', 'superuser']]), 400, 'role');
});

test('bad UTF-8 and NUL bytes are refused', async () => {
  const base = `email=c%40demo.school&csrf=${encodeURIComponent(admin.csrf)}`;
  await refused(`${base}&name=bad%FFbyte`, 400, 'name');
  await refused(`${base}&name=nul%00byte`, 400, 'name');
  await refused(`${base}&name=overlong%C0%AF`, 400, 'name');
  await refused(`${base}&name=line%0Abreak`, 400, 'name');
});

test('an oversized form is 413 and the server keeps serving', async () => {
  snapshot();
  const big = enc([...Object.entries(good), ['job_title', 'x'.repeat(1100 * 1024)]]);
  const r = await admin.request('POST', '/admin/staff', { body: big, contentType: 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 413);
  unchanged();
  assert.equal((await admin.get('/')).status, 200);
});

test('a body that is not a form is 415', async () => {
  await refused(JSON.stringify(good), 415, null, { contentType: 'application/json' });
  await refused('just text', 415, null, { contentType: 'text/plain' });
});

// A body the parsers cannot read whole, or would each read their own way, is
// refused before anything runs, in the same words through every front end
// (libmicrohttpd's post processor; cgicc behind FastCGI and CGI).
const UNREADABLE = 'The form could not be read.';
// Everything a request could leave behind, a refusal's access.refused row included.
const traces = () => ['users', 'training', 'audit'].map((t) => sql(s.db, `SELECT count(*) FROM ${t}`)).join();

test('a malformed multipart body is refused', async () => {
  const before = traces();
  const r = await admin.request('POST', '/admin/staff', { body: 'garbage without boundary',
    contentType: 'multipart/form-data' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error, UNREADABLE);
  assert.equal(traces(), before);
});

test('a multipart body cut short, or framed by another boundary, is not read at all', async () => {
  const head = await s.login('head@demo.school');
  const B = 'FormBoundaryq3Rb7Kx';
  const type = `multipart/form-data; boundary=${B}`;
  const part = (name, value, file) => `--${B}\r\nContent-Disposition: form-data; name="${name}"` +
    (file ? `; filename="${file}"\r\nContent-Type: text/csv` : '') + `\r\n\r\n${value}\r\n`;
  let day = 10;
  const csv = () => 'email,course,completed_on,expires_on\r\n' +
    `teacher@demo.school,safeguarding,${new Date(Date.now() - day++ * 86400000).toISOString().slice(0, 10)},`;
  const parts = () => part('csrf', head.csrf) + part('file', csv(), 'training.csv');
  const send = (body, contentType = type) => head.request('POST', '/training/import', { body, contentType });
  const before = traces();
  for (const [what, body, contentType] of [
    ['cut off inside its closing boundary', `${parts()}--${B.slice(0, 2)}`],
    ['with no closing boundary', parts()],
    ['with no closing boundary, the file first', part('file', csv(), 'training.csv') + part('csrf', head.csrf)],
    ['with no part', ''],
    ['framed by another boundary than its Content-Type names', `${parts()}--${B}--\r\n`,
      'multipart/form-data; boundary=SomethingElse'],
    ['with a parameter after its boundary', `${parts()}--${B}--\r\n`, `${type}; charset=utf-8`],
    ['with text before its first boundary', `preamble\r\n${parts()}--${B}--\r\n`],
    ['with text after its closing boundary', `${parts()}--${B}--\r\nepilogue`],
  ]) {
    const r = await send(body, contentType);
    assert.equal(r.status, 400, `${what}: ${r.text}`);
    assert.equal(r.body.error, UNREADABLE, what);
  }
  assert.equal(traces(), before, 'nothing stored, nothing audited, not even a refusal');
  // Whole, it is read: also with the closing boundary's line break left off (RFC 2046
  // allows that) and with the boundary quoted in the Content-Type.
  for (const [body, contentType] of [[`${parts()}--${B}--\r\n`], [`${parts()}--${B}--`],
    [`${parts()}--${B}--\r\n`, `multipart/form-data; boundary="${B}"`]]) {
    const r = await send(body, contentType);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.imported, 1);
  }
});

test('a form body with a % not followed by two hex digits, or a field not name=value, is not read', async () => {
  const csrf = `csrf=${encodeURIComponent(admin.csrf)}`;
  const send = (body) => admin.request('POST', '/admin/staff', { body, contentType: 'application/x-www-form-urlencoded' });
  const before = traces();
  for (const body of [
    `email=pct1%40demo.school&${csrf}&name=bad%`,
    `email=pct2%40demo.school&${csrf}&name=x%zz`,
    `email=pct3%40demo.school&${csrf}&name=x%4`,
    `email=pct4%40demo.school&name=bad%&${csrf}`,
    `email=pct5%40demo.school&name=swallow%&job_title=teacher&department=d&${csrf}`,
    `email=pct7%40demo.school&name=N&${csrf}&department`,
    `email=pct8%40demo.school&department&name=N&${csrf}`,
    `email=pct9%40demo.school&name=A=B&${csrf}`,
    `email=pct10%40demo.school&name=N&=x&${csrf}`,
  ]) {
    const r = await send(body);
    assert.equal(r.status, 400, `${body}: ${r.text}`);
    assert.equal(r.body.error, UNREADABLE, body);
  }
  assert.equal(traces(), before, 'nothing stored, nothing audited, not even a refusal');
  // Well formed, each front end reads the same values; a ';' is part of a value, and an
  // empty field between two '&' is no field.
  const r = await send(`&email=pct6%40demo.school&&name=Semi%3Bcolon;kept+100%25&job_title=a%2bb&${csrf}&`);
  assert.equal(r.status, 201, r.text);
  assert.equal(sql(s.db, "SELECT name || '|' || job_title FROM users WHERE email = 'pct6@demo.school'"),
    'Semi;colon;kept 100%|a+b');
});

test('a file sent to a page that takes none is refused', async () => {
  snapshot();
  const fd = new FormData();
  fd.append('email', 'f@demo.school');
  fd.append('name', 'F');
  fd.append('photo', new Blob(['hello']), 'a.txt');
  const r = await admin.request('POST', '/admin/staff', { multipart: fd });
  assert.equal(r.status, 400);
  unchanged();
});

test('unknown or malformed query parameters on a page are refused', async () => {
  assert.equal((await admin.get('/admin/staff?page=abc')).status, 400);
  assert.equal((await admin.get('/admin/staff?page=0')).status, 400);
  assert.equal((await admin.get('/admin/staff?sort=name')).status, 400);
  assert.equal((await admin.get('/audit?from=yesterday')).body.field, 'from');
});

test('a refused HTML form comes back with the message beside the field and the values kept', async () => {
  const r = await admin.request('POST', '/admin/staff', { json: false,
    form: { email: 'kept@demo.school', name: 'x'.repeat(201), department: 'Kept Dept', password: 'secret-typed-1' } });
  assert.equal(r.status, 400);
  assert.match(r.text, /class="error-summary"/);
  assert.match(r.text, /value="kept@demo.school"/);
  assert.match(r.text, /value="Kept Dept"/);
  assert.doesNotMatch(r.text, /secret-typed-1/);
  assert.match(r.text, /class="field-error"/);
});

test('a text of only spaces says nothing, also where a handler asks for it', async () => {
  const count = (t) => Number(sql(s.db, `SELECT count(*) FROM ${t}`));
  // A check that reports a concern must say what was found.
  const mod = await s.login('moderator@demo.school');
  const acct = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = '@HillsideScience'"));
  const concerns = count('concerns'), checks = count('account_checks');
  const at = new Date(Date.now() - 60000).toISOString().slice(0, 19) + 'Z';
  let r = await mod.post(`/accounts/${acct}/checks`, { checked_at: at, comments_found: 'yes',
    all_answered: 'no', open_concern: 'yes', summary: '   ' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'summary');
  assert.deepEqual([count('concerns'), count('account_checks')], [concerns, checks]);
  // A rejected application says why.
  const app = sql(s.db, "SELECT id FROM account_applications WHERE status = 'forwarded' LIMIT 1");
  if (app) {
    const head = await s.login('head@demo.school');
    r = await head.post(`/accounts/applications/${app}/decision`, { decision: 'reject', reason: ' \t ' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'reason');
    assert.equal(sql(s.db, `SELECT status FROM account_applications WHERE id = ${app}`), 'forwarded');
  }
  // An optional text of only spaces is stored as nothing.
  r = await admin.post('/admin/staff', { email: 'spaces.dept@demo.school', name: 'Spaces Dept', department: '   ' });
  assert.equal(r.status, 201, r.text);
  assert.equal(sql(s.db, "SELECT coalesce(length(department), 0) FROM users " +
    "WHERE email = 'spaces.dept@demo.school'"), '0');
});

test('after all that, the server still serves and a good request works', async () => {
  const r = await admin.post('/admin/staff', good);
  assert.equal(r.status, 201);
  assert.equal(r.body.user.email, 'valid@demo.school');
  const dup = await admin.post('/admin/staff', good);
  assert.equal(dup.status, 409);
  assert.match(dup.body.error, /already/);
});
