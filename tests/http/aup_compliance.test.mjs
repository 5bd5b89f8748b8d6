// Compliance figures, the outstanding list as CSV, and reminders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launch, cli, sql, visibleText } from './lib.mjs';
import { authorise } from './policy_lib.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

const NINA_PASSWORD = 'amber otter lamp';
const DEMO = [
  ['head@demo.school', 'Helen Ashworth'], ['deputy@demo.school', 'Samir Patel'], ['dsl@demo.school', 'Grace Okafor'],
  ['moderator@demo.school', 'Tom Hughes'], ['bursar@demo.school', 'Linda Morris'], ['network@demo.school', 'Raj Singh'],
  ['governor@demo.school', 'Peter Blake'], ['chair@demo.school', 'Margaret Ellis'], ['admin@demo.school', 'Chris Doyle'],
  ['teacher@demo.school', 'Amy Clarke'], ['science@demo.school', 'Daniel Reid'], ['ta@demo.school', 'Fatima Khan'],
  ['supply@demo.school', 'Owen Price'], ['volunteer@demo.school', 'Ruth Bennett'],
];

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (table, where = '1') => Number(sql(s.db, `SELECT count(*) FROM ${table} WHERE ${where}`));
const figures = async (c) => (await c.get('/aup/compliance')).body.policies[0];

test('leaders see required, signed, percentage, splits and the outstanding people with days', async () => {
  const head = await s.login('head@demo.school');
  const r = await head.get('/aup/compliance');
  assert.equal(r.status, 200);
  const p = r.body.policies[0];
  for (const k of ['version_id', 'required', 'signed', 'outstanding']) assert.ok(k in p, k);
  assert.equal(p.required, 15);
  assert.equal(p.signed, 8);
  assert.equal(p.percent, 53);
  assert.equal(p.outstanding.length, 7);
  const teacher = p.outstanding.find((o) => o.email === 'teacher@demo.school');
  assert.deepEqual(Object.keys(teacher).filter((k) => ['email', 'name', 'department', 'days'].includes(k)).sort(),
    ['days', 'department', 'email', 'name']);
  assert.equal(teacher.name, 'Amy Clarke');
  assert.equal(teacher.department, 'PE');
  assert.equal(teacher.days, 42, 'days since the version took effect');
  const gov = p.by_staff_type.find((g) => g.staff_type === 'governor');
  assert.deepEqual(gov, { staff_type: 'governor', required: 2, signed: 1, percent: 50 });
  const pe = p.by_department.find((g) => g.department === 'PE');
  assert.deepEqual(pe, { department: 'PE', required: 1, signed: 0, percent: 0 });
  for (const who of ['deputy@demo.school', 'bursar@demo.school', 'admin@demo.school']) {
    const c = await s.login(who);
    assert.equal((await c.get('/aup/compliance')).status, 200, who);
  }
  const page = await head.page('/aup/compliance');
  assert.equal(page.status, 200);
  assert.match(visibleText(page.text), /15 must sign 8 have signed 53% signed 7 outstanding/);
  assert.match(page.text, /Amy Clarke/);
});

test('the figures change when someone signs, in JSON and on the page', async () => {
  const head = await s.login('head@demo.school');
  const t = await s.login('teacher@demo.school');
  const p = await figures(head);
  assert.equal((await t.post('/aup/sign', { version_id: p.version_id, typed_name: 'Amy Clarke', agree: 'yes' })).status, 201);
  const q = await figures(head);
  assert.equal(q.signed, p.signed + 1);
  assert.ok(!q.outstanding.some((o) => o.email === 'teacher@demo.school'));
  assert.match(visibleText((await head.page('/aup/compliance')).text), /15 must sign 9 have signed 60% signed 6 outstanding/);
});

test('a governor sees figures only: no names or e-mails anywhere, no CSV, no reminders', async () => {
  const g = await s.login('governor@demo.school');
  const r = await g.get('/aup/compliance');
  assert.equal(r.status, 200);
  const p = r.body.policies[0];
  assert.equal(p.required, 15);
  assert.ok(!('outstanding' in p));
  const page = await g.page('/aup/compliance');
  assert.equal(page.status, 200);
  for (const [email, name] of DEMO) {
    assert.ok(!r.text.includes(email), `JSON holds ${email}`);
    assert.ok(!r.text.includes(name), `JSON holds ${name}`);
    assert.ok(!page.text.includes(email), `page holds ${email}`);
    if (name !== 'Peter Blake') assert.ok(!page.text.includes(name), `page holds ${name}`); // the layout greets the governor
  }
  assert.equal((await g.get('/aup/compliance.csv')).status, 403);
  assert.equal((await g.post('/aup/compliance/remind')).status, 403);
});

test('staff without a leading role get 403', async () => {
  for (const who of ['teacher@demo.school', 'moderator@demo.school', 'network@demo.school', 'ta@demo.school']) {
    const c = await s.login(who);
    assert.equal((await c.get('/aup/compliance')).status, 403, who);
    assert.equal((await c.get('/aup/compliance.csv')).status, 403, who);
    assert.equal((await c.post('/aup/compliance/remind')).status, 403, who);
  }
  assert.equal((await s.client().get('/aup/compliance')).status, 401);
});

test('only active people count; people added later are required and get the task at once', async () => {
  const a = await s.login('admin@demo.school');
  const head = await s.login('head@demo.school');
  const before = await figures(head);
  const supplyId = sql(s.db, "SELECT id FROM users WHERE email = 'supply@demo.school'");
  assert.equal((await a.post(`/admin/staff/${supplyId}/deactivate`, {})).status, 200);
  const after1 = await figures(head);
  assert.equal(after1.required, before.required - 1);
  assert.ok(!after1.outstanding.some((o) => o.email === 'supply@demo.school'));
  const add = await a.post('/admin/staff', { email: 'new@demo.school', name: 'Nina New', department: 'Art', staff_type: 'contractor', password: NINA_PASSWORD });
  assert.equal(add.status, 201);
  const after2 = await figures(head);
  assert.equal(after2.required, before.required);
  const nina = after2.outstanding.find((o) => o.email === 'new@demo.school');
  assert.equal(nina.days, 0, 'days count from the day they joined');
  const n = await s.login('new@demo.school', NINA_PASSWORD);
  assert.ok((await n.get('/')).body.tasks.some((x) => x.kind === 'aup_sign' && x.link === `/aup/${before.version_id}`));
});

test('the CSV is quoted and neutralises formulas', async () => {
  const a = await s.login('admin@demo.school');
  assert.equal((await a.post('/admin/staff', { email: 'evil@demo.school', name: '=HYPERLINK("http://x","y")', department: '+Maths, "Upper"', staff_type: 'teacher' })).status, 201);
  assert.equal((await a.post('/admin/staff', { email: 'at@demo.school', name: '@SUM(A1)', department: '-1', staff_type: 'support' })).status, 201);
  assert.equal((await a.post('/admin/staff', { email: 'zoe@demo.school', name: 'Zoë Ó Briain', department: 'Français', staff_type: 'teacher' })).status, 201);
  const head = await s.login('bursar@demo.school');
  const r = await head.get('/aup/compliance.csv');
  assert.equal(r.status, 200);
  // UTF-8 with its byte-order mark: without it Excel shows "ZoÃ« Ã\u0093 Briain".
  assert.equal(r.bytes.subarray(0, 3).toString('hex'), 'efbbbf');
  assert.ok(r.bytes.includes(Buffer.from('"Zoë Ó Briain","Français"')));
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment/);
  const lines = r.text.split('\r\n');
  assert.equal(lines[0], '\uFEFF"policy","version","email","name","department","staff_type","days","why"');
  const evil = lines.find((l) => l.includes('evil@demo.school'));
  assert.ok(evil.includes('"\'=HYPERLINK(""http://x"",""y"")"'), evil);
  assert.ok(evil.includes('"\'+Maths, ""Upper"""'), evil);
  const at = lines.find((l) => l.includes('at@demo.school'));
  assert.ok(at.includes('"\'@SUM(A1)"') && at.includes('"\'-1"'), at);
  for (const l of lines.slice(1).filter(Boolean)) assert.doesNotMatch(l, /(^|,)"?[=+@-]/, l);
  assert.ok(lines.some((l) => l.includes('"volunteer@demo.school","Ruth Bennett","Library","volunteer",42,"Not yet signed"')));
  // The code of conduct, signed again every September: the two who have not this year.
  const again = lines.filter((l) => l.endsWith(',"Signed last year; due again from 1 September"'));
  assert.deepEqual(again.map((l) => l.split(',')[2]), ['"bursar@demo.school"', '"network@demo.school"']);
  assert.ok(again.every((l) => l.startsWith('"Staff code of conduct",1,')));
});

test('remind everyone outstanding: one notification per person, each audited', async () => {
  const head = await s.login('head@demo.school');
  const [p, code] = (await head.get('/aup/compliance')).body.policies;
  // Those still to sign the agreement, and those due to sign the code of conduct again.
  const outstanding = [...new Set([...p.outstanding, ...code.renewal_outstanding].map((o) => o.email))].sort();
  assert.ok(outstanding.includes('bursar@demo.school'), 'signed the agreement, due again for the code');
  const notesBefore = count('notifications', "kind = 'aup_reminder'");
  const r = await head.post('/aup/compliance/remind');
  assert.equal(r.status, 200);
  assert.equal(r.body.reminded, outstanding.length);
  assert.equal(count('notifications', "kind = 'aup_reminder'") - notesBefore, outstanding.length);
  const reminded = sql(s.db, "SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'aup_reminder' ORDER BY u.email").split('\n').sort();
  assert.deepEqual(reminded, outstanding);
  const audited = sql(s.db, "SELECT object FROM audit WHERE action = 'aup.remind' ORDER BY object").split('\n').sort();
  assert.deepEqual(audited, outstanding);
  const v = await s.login('volunteer@demo.school');
  assert.ok((await v.get('/')).body.notifications.some((n) => n.kind === 'aup_reminder' && n.link === '/aup'));
  const t = await s.login('teacher@demo.school');
  assert.ok(!(await t.get('/')).body.notifications.some((n) => n.kind === 'aup_reminder'), 'signed people are not reminded');
  // Reminded in the last day, with nothing new to sign: not reminded again.
  const state = () => [count('notifications', "kind = 'aup_reminder'"), count('audit')];
  const written = state();
  const again = await head.post('/aup/compliance/remind');
  assert.equal(again.status, 409, again.text);
  assert.equal(again.body.error,
    'Everyone still to sign has been reminded of the same in the last day: nobody has been reminded again.');
  const page = await head.request('POST', '/aup/compliance/remind', { json: false, form: {} });
  assert.equal(page.status, 409);
  assert.match(visibleText(page.text), /Everyone still to sign has been reminded of the same in the last day/);
  assert.deepEqual(state(), written, 'no notification, no audit row');
  assert.equal((await v.get('/')).body.notifications.filter((n) => n.kind === 'aup_reminder').length, 1);
  // A day on for one of them: only they are reminded, and the answer says so.
  sql(s.db, "UPDATE notifications SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-25 hours') " +
    "WHERE kind = 'aup_reminder' AND user_id = (SELECT id FROM users WHERE email = 'volunteer@demo.school')");
  const html = await head.request('POST', '/aup/compliance/remind', { json: false, form: {} });
  assert.equal(html.status, 303);
  assert.equal(html.headers.get('location'), '/aup/compliance');
  assert.match(visibleText((await head.page('/aup/compliance')).text),
    new RegExp(`1 person has been reminded; ${outstanding.length - 1} people were reminded of the same ` +
      'in the last day and were not reminded again\\.'));
  assert.equal((await v.get('/')).body.notifications.filter((n) => n.kind === 'aup_reminder').length, 2);
  sql(s.db, "UPDATE notifications SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-25 hours') " +
    "WHERE kind = 'aup_reminder' AND user_id = (SELECT id FROM users WHERE email = 'bursar@demo.school')");
  const json = await head.post('/aup/compliance/remind');
  assert.equal(json.status, 200, json.text);
  assert.deepEqual(json.body, { reminded: 1, reminded_already: outstanding.length - 1 });
  assert.equal(count('audit', "action = 'aup.remind'"), outstanding.length + 2);
});

// Paging the outstanding list, and the kept figures (schema version 2)
// against the records, on a school of its own with more than a page of
// people outstanding.

// What the kept tables must hold, worked out from the records: every line
// is a disagreement.
const KEPT_DISAGREE = `
WITH truth AS (SELECT v.id AS version_id, u.id AS user_id, max(v.effective, date(u.created_at, 'localtime')) AS since,
    u.name, u.staff_type, u.department
  FROM policies p JOIN policy_versions v ON v.policy_id = p.id
  JOIN users u ON u.active = 1 AND instr(',' || p.applies_to || ',', ',' || u.staff_type || ',') > 0
  WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = v.id AND s.user_id = u.id)),
groups AS (SELECT version_id, staff_type, department, count(*) AS n FROM awaiting_signature GROUP BY 1, 2, 3),
staff AS (SELECT staff_type, department, count(*) AS n FROM users WHERE active = 1 GROUP BY 1, 2)
SELECT 'awaiting lacks ' || user_id || '/' || version_id FROM (SELECT * FROM truth EXCEPT SELECT * FROM awaiting_signature)
UNION ALL SELECT 'awaiting has ' || user_id || '/' || version_id FROM (SELECT * FROM awaiting_signature EXCEPT SELECT * FROM truth)
UNION ALL SELECT 'awaiting_counts ' || version_id || '/' || staff_type || '/' || department FROM (
  SELECT * FROM groups EXCEPT SELECT * FROM awaiting_counts WHERE n != 0
  UNION ALL SELECT * FROM (SELECT * FROM awaiting_counts WHERE n != 0 EXCEPT SELECT * FROM groups))
UNION ALL SELECT 'staff_counts ' || staff_type || '/' || department FROM (
  SELECT * FROM staff EXCEPT SELECT * FROM staff_counts WHERE n != 0
  UNION ALL SELECT * FROM (SELECT * FROM staff_counts WHERE n != 0 EXCEPT SELECT * FROM staff))`;
const disagreements = (db) => sql(db, KEPT_DISAGREE).split('\n').filter(Boolean);

// The list's order as it was defined before it was kept: days waiting, most
// first, then name (then id, for people with the same name).
const expectedOrder = (db, vid) => sql(db, `SELECT u.email FROM users u JOIN policy_versions v ON v.id = ${vid}
  JOIN policies p ON p.id = v.policy_id WHERE u.active = 1 AND instr(',' || p.applies_to || ',', ',' || u.staff_type || ',') > 0
  AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = v.id AND s.user_id = u.id)
  ORDER BY max(v.effective, date(u.created_at, 'localtime')), u.name, u.id`).split('\n');

const daysFromNow = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

let big;
before(async () => {
  big = await startServer();
  // 120 more teachers outstanding (127 in all: three pages), joined on different days,
  // two with the same name, none able to sign in.
  sql(big.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
    INSERT INTO users(email, name, department, staff_type, created_at)
    SELECT printf('p%03d@demo.school', i), CASE WHEN i IN (7, 8) THEN 'Same Name' ELSE printf('Person %03d', 121 - i) END,
      CASE WHEN i % 2 THEN 'Odd' ELSE 'Even' END, 'teacher',
      CASE WHEN i % 3 = 0 THEN strftime('%Y-%m-%dT09:00:00Z', 'now', printf('-%d days', i % 30)) ELSE '2020-01-01T09:00:00Z' END
    FROM n`);
});
after(async () => { await big.stop(); });

test('the outstanding list comes in pages of 50 that together are the whole list, in its order, like the CSV', async () => {
  const head = await big.login('head@demo.school');
  const pages = [];
  for (let n = 1; n <= 3; n++) {
    const r = await head.get(`/aup/compliance?page=${n}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.page, n);
    assert.equal(r.body.per_page, 50);
    const p = r.body.policies[0];
    assert.equal(p.outstanding_count, 127);
    assert.equal(p.required, 135);
    assert.equal(p.pages, 3);
    assert.equal(p.page, n);
    assert.equal(p.paged, true);
    assert.equal(p.outstanding.length, n < 3 ? 50 : 27);
    assert.equal(p.next_page, n < 3 ? n + 1 : undefined);
    assert.equal(p.prev_page, n > 1 ? n - 1 : undefined);
    assert.ok(!('past_end' in p));
    pages.push(p.outstanding);
  }
  const emails = pages.flat().map((o) => o.email);
  assert.equal(new Set(emails).size, 127, 'no one is on two pages');
  const vid = (await head.get('/aup/compliance')).body.policies[0].version_id;
  assert.deepEqual(emails, expectedOrder(big.db, vid));
  const days = pages.flat().map((o) => o.days);
  assert.deepEqual(days, [...days].sort((a, b) => b - a), 'longest waiting first');
  // The CSV is never paged: everyone, in the same order.
  const csv = await head.get('/aup/compliance.csv');
  const rows = csv.text.split('\r\n').slice(1).filter((l) => l.startsWith('"Staff acceptable-use agreement",'));
  assert.equal(rows.length, 127);
  assert.deepEqual(rows.map((l) => l.split(',')[2].replace(/"/g, '')), emails);
});

test('the pages link to each other without JavaScript, in a labelled navigation landmark', async () => {
  const head = await big.login('head@demo.school');
  const { version_id: vid, title, version } = (await head.get('/aup/compliance')).body.policies[0];
  const one = await head.page('/aup/compliance');
  assert.equal(one.status, 200);
  assert.ok(one.text.includes(`<nav class="pagination" aria-label="Pages of the people still to sign ${title}, version ${version}">`));
  assert.ok(one.text.includes(`<a href="/aup/compliance?page=2#h-policy-${vid}">Next page</a>`));
  assert.ok(!one.text.includes('Previous page'));
  assert.match(visibleText(one.text), /Still to sign, longest waiting first \(page 1 of 3\)/);
  assert.match(visibleText(one.text), /135 must sign 8 have signed 5% signed 127 outstanding/, 'the figures are for everyone, not the page');
  const two = await head.page('/aup/compliance?page=2');
  assert.ok(two.text.includes(`<a href="/aup/compliance?page=1#h-policy-${vid}">Previous page</a>`));
  assert.ok(two.text.includes(`<a href="/aup/compliance?page=3#h-policy-${vid}">Next page</a>`));
  const three = await head.page('/aup/compliance?page=3');
  assert.ok(!three.text.includes('Next page'));
  // A list that fits on one page has no page links (the small demo school).
  const small = await s.login('head@demo.school');
  assert.ok(!(await small.page('/aup/compliance')).text.includes('class="pagination"'));
  assert.equal((await small.get('/aup/compliance')).body.policies[0].paged, false);
});

test('a page past the end is empty and points back to the last page; a bad page number is refused', async () => {
  const head = await big.login('head@demo.school');
  const r = await head.get('/aup/compliance?page=9');
  assert.equal(r.status, 200);
  const p = r.body.policies[0];
  assert.deepEqual(p.outstanding, []);
  assert.equal(p.past_end, true);
  assert.equal(p.prev_page, 3);
  assert.equal(p.next_page, undefined);
  assert.equal(p.outstanding_count, 127, 'the figures are still there');
  const html = await head.page('/aup/compliance?page=9');
  assert.equal(html.status, 200);
  assert.match(visibleText(html.text), /There is no page 9 of the people still to sign this version: the last page is 3\./);
  assert.match(html.text, /<a href="\/aup\/compliance\?page=3#h-policy-\d+">Previous page<\/a>/);
  for (const bad of ['0', '-1', 'abc', '1.5', '2%20OR%201=1', '9999999']) {
    const b = await head.get(`/aup/compliance?page=${bad}`);
    assert.equal(b.status, 400, bad);
    assert.equal(b.body.field, 'page', bad);
  }
  assert.equal((await head.page('/aup/compliance?page=0')).status, 400);
  // A governor may page too, and still sees no names.
  const g = await big.login('governor@demo.school');
  const gp = await g.get('/aup/compliance?page=2');
  assert.equal(gp.status, 200);
  assert.ok(!('outstanding' in gp.body.policies[0]) && !('next_page' in gp.body.policies[0]));
  assert.ok(!gp.text.includes('@demo.school'));
});

test('the figures follow signatures, people joining, changing and leaving, and new versions', async () => {
  const head = await big.login('head@demo.school');
  const a = await big.login('admin@demo.school');
  assert.deepEqual(disagreements(big.db), []);
  const group = (p, key, value) => p[`by_${key}`].find((x) => x[key] === value);
  const before = (await head.get('/aup/compliance')).body.policies[0];

  // Someone signs: on every count at once, and gone from every page.
  const v = await big.login('volunteer@demo.school');
  assert.equal((await v.post('/aup/sign', { version_id: before.version_id, typed_name: 'Ruth Bennett', agree: 'yes' })).status, 201);
  let p = (await head.get('/aup/compliance')).body.policies[0];
  assert.equal(p.signed, before.signed + 1);
  assert.equal(p.outstanding_count, before.outstanding_count - 1);
  assert.equal(group(p, 'staff_type', 'volunteer').signed, group(before, 'staff_type', 'volunteer').signed + 1);
  assert.equal(group(p, 'department', 'Library').signed, group(before, 'department', 'Library').signed + 1);
  for (let n = 1; n <= 3; n++) {
    const list = (await head.get(`/aup/compliance?page=${n}`)).body.policies[0].outstanding;
    assert.ok(!list.some((o) => o.email === 'volunteer@demo.school'), `page ${n}`);
  }
  assert.deepEqual(disagreements(big.db), []);

  // Signatures written straight to the database (as by another tool) count too,
  // and one removed (as by retention) makes that person outstanding again.
  const p001 = sql(big.db, "SELECT id FROM users WHERE email = 'p001@demo.school'");
  sql(big.db, `INSERT INTO signatures(version_id, user_id, typed_name, signed_at, address, user_agent, body_sha256)
    VALUES (${before.version_id}, ${p001}, 'Person', '2026-11-20T10:00:00Z', '', '', '')`);
  p = (await head.get('/aup/compliance')).body.policies[0];
  assert.equal(p.outstanding_count, before.outstanding_count - 2);
  assert.equal(p.pages, 3);
  sql(big.db, `DELETE FROM signatures WHERE user_id = ${p001}`);
  assert.equal((await head.get('/aup/compliance')).body.policies[0].outstanding_count, before.outstanding_count - 1);
  assert.deepEqual(disagreements(big.db), []);

  // A person changes department, staff type and name, and one leaves.
  const p002 = sql(big.db, "SELECT id FROM users WHERE email = 'p002@demo.school'");
  assert.equal((await a.post(`/admin/staff/${p002}`, [['name', 'Renamed Person'], ['staff_type', 'support'], ['department', 'Moved']])).status, 200);
  const p003 = sql(big.db, "SELECT id FROM users WHERE email = 'p003@demo.school'");
  assert.equal((await a.post(`/admin/staff/${p003}/deactivate`, {})).status, 200);
  p = (await head.get('/aup/compliance')).body.policies[0];
  assert.equal(p.required, before.required - 1);
  assert.deepEqual(group(p, 'department', 'Moved'), { department: 'Moved', required: 1, signed: 0, percent: 0 });
  const all = [];
  for (let n = 1; n <= p.pages; n++) all.push(...(await head.get(`/aup/compliance?page=${n}`)).body.policies[0].outstanding);
  assert.equal(all.find((o) => o.email === 'p002@demo.school').name, 'Renamed Person');
  assert.ok(!all.some((o) => o.email === 'p003@demo.school'));
  assert.deepEqual(all.map((o) => o.email), expectedOrder(big.db, before.version_id));
  assert.deepEqual(disagreements(big.db), []);

  // A new policy, a version of it, and someone joining afterwards.
  const pol = await a.post('/admin/policies', [['title', 'Support staff code'], ['applies_to', 'support']]);
  assert.equal(pol.status, 201);
  const ver = await a.post(`/admin/policies/${pol.body.policy.id}/versions`,
    { body: '## Code\n\nBe kind.\n', summary: 'First.', effective: daysFromNow(0), review_due: daysFromNow(365), confirm: 'yes' });
  assert.equal(ver.status, 201);
  await authorise(a, pol.body.policy.id, ver.body.version.id);
  assert.equal((await a.post('/admin/staff', { email: 'late@demo.school', name: 'Late Joiner', department: 'Office', staff_type: 'support' })).status, 201);
  const code = (await head.get('/aup/compliance')).body.policies.find((x) => x.title === 'Support staff code');
  const supportNow = Number(sql(big.db, "SELECT count(*) FROM users WHERE active = 1 AND staff_type = 'support'"));
  assert.equal(code.required, supportNow);
  assert.equal(code.outstanding_count, supportNow);
  assert.ok(code.outstanding.some((o) => o.email === 'late@demo.school' && o.days === 0));
  assert.deepEqual(disagreements(big.db), []);
});

test('a database from before schema version 2 gets the kept figures when it is opened', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-upgrade-'));
  const db = path.join(dir, 'old.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  // What the previous staffroom made: none of version 2's tables or triggers, user_version 1.
  const made = sql(db, "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('table', 'trigger', 'view') AND (name LIKE 'awaiting%' OR name LIKE 'staff_counts%') AND NOT (type = 'trigger' AND tbl_name LIKE 'awaiting%')").split('\n');
  sql(db, made.map((m) => `DROP ${m};`).join(' ') + ' PRAGMA user_version = 1;');
  assert.equal(sql(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'awaiting%' OR name LIKE 'staff_counts%'"), '0');
  const old = await launch({ dir, db });
  try {
    assert.match(old.stderr(), new RegExp(`database upgraded to schema version ${SCHEMA_VERSION}`));
    assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
    assert.deepEqual(disagreements(db), []);
    const head = await old.login('head@demo.school');
    const p = (await head.get('/aup/compliance')).body.policies[0];
    assert.equal(p.required, 15);
    assert.equal(p.signed, 8);
    assert.equal(p.outstanding.length, 7);
  } finally {
    await old.stop({ keep: true });
  }
  // Opened again: nothing more to do, and nothing said.
  const again = cli(['init', '--db', db]);
  assert.equal(again.code, 0);
  assert.doesNotMatch(again.stderr, /upgraded/);
  rmSync(dir, { recursive: true, force: true });
});

// Days waiting count from the UK day someone joined: at 00:30 BST on 2 July
// (23:30 UTC on 1 July) it is already 2 July at school.
test('someone added just after midnight UK time has waited 0 days that day, also after an upgrade', async () => {
  let srv = await startServer({ env: { STAFFROOM_TEST_NOW: '2027-07-01T23:30:00Z' } });
  const waiting = async () => {
    const head = await srv.login('head@demo.school');
    const c = await head.get('/aup/compliance');
    assert.equal(c.status, 200, c.text);
    return c.body.policies[0].outstanding.find((o) => o.email === 'new.teacher@demo.school');
  };
  try {
    const a = await srv.login('admin@demo.school');
    const add = await a.post('/admin/staff', { email: 'new.teacher@demo.school', name: 'Nadia New',
      department: 'History', staff_type: 'teacher' });
    assert.equal(add.status, 201, add.text);
    assert.equal((await waiting()).days, 0);
    assert.deepEqual(disagreements(srv.db), []);
    // A database from before schema version 30 kept the UTC day; opened, it is put right.
    sql(srv.db, `UPDATE awaiting_signature SET since = '2027-07-01' WHERE user_id =
      (SELECT id FROM users WHERE email = 'new.teacher@demo.school'); PRAGMA user_version = 29;`);
    await srv.stop({ keep: true });
    srv = await launch({ dir: srv.dir, db: srv.db, env: { STAFFROOM_TEST_NOW: '2027-07-01T23:40:00Z' } });
    assert.equal(sql(srv.db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
    assert.equal((await waiting()).days, 0);
    assert.deepEqual(disagreements(srv.db), []);
  } finally {
    await srv.stop();
  }
});
