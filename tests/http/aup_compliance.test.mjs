// Compliance figures, the outstanding list as CSV, and reminders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText, PASSWORD } from './lib.mjs';

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
  assert.equal(p.required, 14);
  assert.equal(p.signed, 8);
  assert.equal(p.percent, 57);
  assert.equal(p.outstanding.length, 6);
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
  assert.match(visibleText(page.text), /14 must sign 8 have signed 57% signed 6 outstanding/);
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
  assert.match(visibleText((await head.page('/aup/compliance')).text), /14 must sign 9 have signed 64% signed 5 outstanding/);
});

test('a governor sees figures only: no names or e-mails anywhere, no CSV, no reminders', async () => {
  const g = await s.login('governor@demo.school');
  const r = await g.get('/aup/compliance');
  assert.equal(r.status, 200);
  const p = r.body.policies[0];
  assert.equal(p.required, 14);
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
  const add = await a.post('/admin/staff', { email: 'new@demo.school', name: 'Nina New', department: 'Art', staff_type: 'contractor', password: PASSWORD });
  assert.equal(add.status, 201);
  const after2 = await figures(head);
  assert.equal(after2.required, before.required);
  const nina = after2.outstanding.find((o) => o.email === 'new@demo.school');
  assert.equal(nina.days, 0, 'days count from the day they joined');
  const n = await s.login('new@demo.school');
  assert.ok((await n.get('/')).body.tasks.some((x) => x.kind === 'aup_sign' && x.link === `/aup/${before.version_id}`));
});

test('the CSV is quoted and neutralises formulas', async () => {
  const a = await s.login('admin@demo.school');
  assert.equal((await a.post('/admin/staff', { email: 'evil@demo.school', name: '=HYPERLINK("http://x","y")', department: '+Maths, "Upper"', staff_type: 'teacher' })).status, 201);
  assert.equal((await a.post('/admin/staff', { email: 'at@demo.school', name: '@SUM(A1)', department: '-1', staff_type: 'support' })).status, 201);
  const head = await s.login('bursar@demo.school');
  const r = await head.get('/aup/compliance.csv');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment/);
  const lines = r.text.split('\r\n');
  assert.equal(lines[0], '"policy","version","email","name","department","staff_type","days"');
  const evil = lines.find((l) => l.includes('evil@demo.school'));
  assert.ok(evil.includes('"\'=HYPERLINK(""http://x"",""y"")"'), evil);
  assert.ok(evil.includes('"\'+Maths, ""Upper"""'), evil);
  const at = lines.find((l) => l.includes('at@demo.school'));
  assert.ok(at.includes('"\'@SUM(A1)"') && at.includes('"\'-1"'), at);
  for (const l of lines.slice(1).filter(Boolean)) assert.doesNotMatch(l, /(^|,)"?[=+@-]/, l);
  assert.ok(lines.some((l) => l.includes('"volunteer@demo.school","Ruth Bennett","Library","volunteer",42')));
});

test('remind everyone outstanding: one notification per person, each audited', async () => {
  const head = await s.login('head@demo.school');
  const p = await figures(head);
  const outstanding = p.outstanding.map((o) => o.email).sort();
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
  const html = await head.request('POST', '/aup/compliance/remind', { json: false, form: {} });
  assert.equal(html.status, 303);
  assert.equal(html.headers.get('location'), '/aup/compliance');
});
