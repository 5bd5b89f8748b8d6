// Choosing a password (OWASP ASVS 5.0 6.2; Cyber Essentials): common passwords (cracklib's
// dictionary), the school's name, the person's name and e-mail and "staffroom" are refused with
// words that say why, against the password field, and nothing is written; 12 characters, or 10
// for someone whose role must use a second factor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, sql, cli, PASSWORD } from './lib.mjs';

let s, admin;
const id = (email) => sql(s.db, `SELECT id FROM users WHERE email = '${email}'`);
const hash = (email) => sql(s.db, `SELECT password_hash FROM users WHERE email = '${email}'`);
// A password a person sets is hashed at libsodium's interactive cost (argon2id, 64 MiB, two
// passes); only the demo's public password is hashed at the lowest.
const INTERACTIVE = /^\$argon2id\$v=19\$m=65536,t=2,p=1\$/;

before(async () => {
  s = await startServer();
  admin = await s.login('admin@demo.school');
  // The demo asks nobody for a second factor; here the DSL must use one.
  sql(s.db, "UPDATE settings SET value = 'dsl' WHERE key = 'require_2fa_roles'");
});
after(async () => { await s.stop(); });

// Amy Clarke, teacher@demo.school, a teacher at Hillside Academy.
const REFUSED = [
  ['password123', /in a list of common passwords/],
  ['HillsideAcademy1', /contains the school's name/],
  ['Hillside-rocks-2026', /contains the school's name/],
  ['amyclarke-2026!', /contains the person's name/],
  ['Clarke-kettle-drum', /contains the person's name/],
  ['teacher-kettle-drum', /contains the person's e-mail address/],
  ['my staffroom key 7', /contains the word "staffroom"/],
  ['Pa55w0rd-kettle', /contains the word "password"/],
  ['amber-otter', /needs at least 12 characters/],
];

test('an administrator setting a password: each refusal says why, and the old password still works', async () => {
  const before = hash('teacher@demo.school');
  const audits = sql(s.db, 'SELECT count(*) FROM audit');
  for (const [password, why] of REFUSED) {
    const r = await admin.post(`/admin/staff/${id('teacher@demo.school')}/password`, { password, your_password: PASSWORD });
    assert.equal(r.status, 400, password);
    assert.equal(r.body.field, 'password', password);
    assert.match(r.body.error, why, password);
  }
  assert.equal(hash('teacher@demo.school'), before);
  assert.equal(sql(s.db, 'SELECT count(*) FROM audit'), audits);
  assert.equal((await s.client().login('teacher@demo.school', PASSWORD)).status, 200);
  const ok = await admin.post(`/admin/staff/${id('teacher@demo.school')}/password`, { password: 'violet kettle drum', your_password: PASSWORD });
  assert.equal(ok.status, 200);
  assert.equal((await s.client().login('teacher@demo.school', 'violet kettle drum')).status, 200);
  assert.match(hash('teacher@demo.school'), INTERACTIVE);
  assert.doesNotMatch(before, INTERACTIVE, 'the demo password is hashed at the lowest cost');
});

test('11 characters: refused for a teacher, accepted for a DSL, who must use a second factor', async () => {
  const science = await admin.post(`/admin/staff/${id('science@demo.school')}/password`, { password: 'amber-otter', your_password: PASSWORD });
  assert.equal(science.status, 400);
  assert.match(science.body.error, /at least 12 characters/);
  const page = await admin.page(`/admin/staff/${id('science@demo.school')}`);
  assert.match(page.text, /New password \(at least 12 characters\)/);
  assert.match((await admin.page(`/admin/staff/${id('dsl@demo.school')}`)).text, /New password \(at least 10 characters\)/);
  const dsl = await admin.post(`/admin/staff/${id('dsl@demo.school')}/password`, { password: 'amber-otter', your_password: PASSWORD });
  assert.equal(dsl.status, 200);
  const ten = await admin.post(`/admin/staff/${id('dsl@demo.school')}/password`, { password: 'otter-lamp', your_password: PASSWORD });
  assert.equal(ten.status, 200);
  assert.match((await admin.post(`/admin/staff/${id('dsl@demo.school')}/password`, { password: 'otter-amb', your_password: PASSWORD })).body.error,
    /at least 10 characters/);
});

test('adding a person: the password is checked against the name and address typed, the form keeps the rest', async () => {
  const form = [['email', 'nia.jones@demo.school'], ['name', 'Nia Jones'], ['department', 'English'],
    ['staff_type', 'supply'], ['role', 'slt'], ['password', 'Nia-Jones-2026!']];
  const r = await admin.post('/admin/staff', form);
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'password');
  assert.match(r.body.error, /contains the person's name/);
  assert.equal(sql(s.db, "SELECT count(*) FROM users WHERE email = 'nia.jones@demo.school'"), '0');
  const page = await admin.request('POST', '/admin/staff', { form, json: false });
  assert.equal(page.status, 400);
  assert.match(page.text, /This password contains the person&#39;s name: choose one without it\./);
  assert.match(page.text, /value="nia\.jones@demo\.school"/);
  assert.match(page.text, /value="Nia Jones"/);
  assert.ok(!page.text.includes('Nia-Jones-2026!'), 'the password is not shown again');
  const ok = await admin.post('/admin/staff', form.map(([k, v]) => [k, k === 'password' ? 'quiet harbour lamp' : v]));
  assert.equal(ok.status, 201);
});

test('a link from an e-mail: the rules are those of the person it is for', async () => {
  const token = 'p'.repeat(43);
  sql(s.db, `INSERT INTO password_links(token_hash, user_id, purpose, sent_by, created_at, expires_at)
    VALUES ('${createHash('sha256').update(token).digest('hex')}', ${id('ta@demo.school')}, 'reset',
    'the person', '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z')`);
  const before = hash('ta@demo.school');
  const guest = s.client();
  for (const [password, why] of [['Fatima-Khan-77', /contains your name/], ['password123', /common passwords/],
    ['HillsideAcademy1', /school's name/], ['amber-otter', /at least 12 characters/]]) {
    const r = await guest.post('/password/set', { token, password, password_again: password }, { csrf: false });
    assert.equal(r.status, 400, password);
    assert.equal(r.body.field, 'password');
    assert.match(r.body.error, why, password);
  }
  assert.equal(hash('ta@demo.school'), before);
  assert.match((await guest.page(`/password/set?token=${token}`)).text, /At least 12 characters\./);
  const ok = await guest.post('/password/set', { token, password: 'zebra violin kettle', password_again: 'zebra violin kettle' },
    { csrf: false });
  assert.equal(ok.status, 200);
  assert.match(hash('ta@demo.school'), INTERACTIVE);
});

test('staffroom user add refuses the same passwords, saying why', () => {
  const add = (password, role = 'governor') => cli(['user', 'add', '--db', s.db, '--email', `rule.${role}@demo.school`,
    '--name', 'Rule Tester', '--role', role, '--password-stdin'], { input: `${password}\n` });
  let r = add('staffroom-demo');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /contains the word "staffroom"/);
  r = add('Rule-Tester-42');
  assert.match(r.stderr, /contains the person's name/);
  r = add('amber-otter');
  assert.match(r.stderr, /at least 12 characters/);
  assert.equal(sql(s.db, "SELECT count(*) FROM users WHERE email LIKE 'rule.%'"), '0');
  assert.equal(add('amber-otter', 'dsl').code, 0);
  assert.match(hash('rule.dsl@demo.school'), INTERACTIVE);
});
