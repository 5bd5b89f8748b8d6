// The acceptable-use agreement: reading, signing, versions and publishing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, sql, visibleText, ROOT } from './lib.mjs';
import { authorise } from './policy_lib.mjs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));
const V2_SUMMARY = readFileSync(path.join(ROOT, 'src/demo/acceptable-use-v2-summary.txt'), 'utf8').trim();

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (table, where = '1') => Number(sql(s.db, `SELECT count(*) FROM ${table} WHERE ${where}`));

async function demoVersion(c) {
  const r = await c.get('/aup');
  assert.equal(r.status, 200);
  return r.body.policies[0];
}

test('GET /aup lists the current version with the documented shape; the teacher has a task', async () => {
  const t = await s.login('teacher@demo.school');
  const r = await t.get('/aup');
  assert.equal(r.status, 200);
  // The agreement, then the code of conduct signed again every September (the teacher has, this year).
  assert.deepEqual(r.body.policies.map((x) => x.title), ['Staff acceptable-use agreement', 'Staff code of conduct']);
  assert.equal(r.body.policies[1].signed, true);
  const p = r.body.policies[0];
  for (const k of ['id', 'title', 'version', 'version_id', 'sha256', 'effective', 'signed', 'signed_at']) assert.ok(k in p, k);
  assert.equal(p.title, 'Staff acceptable-use agreement');
  assert.equal(p.version, 1);
  assert.equal(p.signed, false);
  assert.equal(p.signed_at, null);
  assert.match(p.sha256, /^[0-9a-f]{64}$/);
  const home = await t.get('/');
  const task = home.body.tasks.find((x) => x.kind === 'aup_sign');
  assert.ok(task, 'the unsigned agreement is a task');
  assert.equal(task.link, `/aup/${p.version_id}`);
  const head = await s.login('head@demo.school');
  const hp = await demoVersion(head);
  assert.equal(hp.signed, true, 'the demo headteacher has signed');
  assert.match(hp.signed_at, /^\d{4}-\d\d-\d\dT/);
  assert.ok(!(await head.get('/')).body.tasks.some((x) => x.kind === 'aup_sign'));
});

test('the stored hash is the SHA-256 of the exact Markdown body, and the page renders it', async () => {
  const t = await s.login('teacher@demo.school');
  const p = await demoVersion(t);
  const body = sql(s.db, `SELECT hex(body) FROM policy_versions WHERE id = ${p.version_id}`);
  const bytes = Buffer.from(body, 'hex');
  assert.equal(createHash('sha256').update(bytes).digest('hex'), p.sha256);
  const page = await t.page(`/aup/${p.version_id}`);
  assert.equal(page.status, 200);
  assert.equal((page.text.match(/<h1[ >]/g) || []).length, 1, 'one main heading');
  assert.match(page.text, /<h2>Passwords and security<\/h2>/);
  assert.match(page.text, /name="typed_name"/);
  assert.match(page.text, /<label for="f-typed_name">/);
  assert.match(visibleText(page.text), /As it appears on your account: Amy Clarke/);
});

test('signing is refused without agree, with a wrong name, for an unknown version; nothing is stored', async () => {
  const t = await s.login('teacher@demo.school');
  const { version_id } = await demoVersion(t);
  const before = count('signatures');
  let r = await t.post('/aup/sign', { version_id, typed_name: 'Amy Clarke' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'agree');
  r = await t.post('/aup/sign', { version_id, typed_name: 'Amy Clarke', agree: 'no' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'agree');
  r = await t.post('/aup/sign', { version_id, typed_name: 'Amy Clark', agree: 'yes' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'typed_name');
  assert.match(r.body.error, /does not match the name on your account/);
  r = await t.post('/aup/sign', { version_id, typed_name: 'Helen Ashworth', agree: 'yes' });
  assert.equal(r.status, 400, "someone else's name is refused");
  r = await t.post('/aup/sign', { version_id, agree: 'yes' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'typed_name');
  r = await t.post('/aup/sign', { version_id: 'abc', typed_name: 'Amy Clarke', agree: 'yes' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'version_id');
  r = await t.post('/aup/sign', { version_id: 99999, typed_name: 'Amy Clarke', agree: 'yes' });
  assert.equal(r.status, 404);
  r = await t.post('/aup/sign', { version_id, typed_name: 'Amy Clarke', agree: 'yes' }, { csrf: 'wrong' });
  assert.equal(r.status, 403);
  assert.equal(count('signatures'), before);
  assert.equal(count('audit', "action = 'aup.sign' AND actor = 'teacher@demo.school'"), 0);
});

test('a refused signature in the browser shows the form again with the message and the typed name', async () => {
  const t = await s.login('teacher@demo.school');
  const { version_id } = await demoVersion(t);
  const r = await t.post('/aup/sign', { version_id, typed_name: 'Amy Clerk', agree: 'yes' }, { json: false });
  assert.equal(r.status, 400);
  assert.match(r.text, /class="error-summary"/);
  assert.match(r.text, /<p class="field-error" id="e-typed_name">The name you typed does not match/);
  assert.match(r.text, /value="Amy Clerk"/);
});

test('signing records name, time, address, user agent and hash; signing again adds no row', async () => {
  const t = await s.login('teacher@demo.school');
  const p = await demoVersion(t);
  const r = await t.post('/aup/sign', { version_id: p.version_id, typed_name: '  amy    CLARKE ', agree: 'yes' },
    { headers: { 'User-Agent': 'TestBrowser/1.0' } });
  assert.equal(r.status, 201);
  assert.equal(r.body.signature.body_sha256, p.sha256);
  assert.equal(r.body.already_signed, false);
  const row = sql(s.db, `SELECT quote(s.typed_name), s.address, s.user_agent, s.body_sha256, s.signed_at FROM signatures s
    JOIN users u ON u.id = s.user_id WHERE u.email = 'teacher@demo.school' AND s.version_id = ${p.version_id}`).split('|');
  assert.equal(row[0], "'  amy    CLARKE '", 'the name is stored as typed');
  assert.equal(row[1], '127.0.0.1');
  assert.equal(row[2], 'TestBrowser/1.0');
  assert.equal(row[3], p.sha256);
  assert.match(row[4], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(count('audit', "action = 'aup.sign' AND actor = 'teacher@demo.school'"), 1);

  const again = await t.post('/aup/sign', { version_id: p.version_id, typed_name: 'Amy Clarke', agree: 'yes' });
  assert.equal(again.status, 200);
  assert.equal(again.body.already_signed, true);
  assert.equal(count('signatures', `version_id = ${p.version_id} AND user_id = (SELECT id FROM users WHERE email = 'teacher@demo.school')`), 1);
  assert.equal(count('audit', "action = 'aup.sign' AND actor = 'teacher@demo.school'"), 1);

  const now = await demoVersion(t);
  assert.equal(now.signed, true);
  assert.ok(!(await t.get('/')).body.tasks.some((x) => x.kind === 'aup_sign'), 'the task has gone');
});

test('the printable record and my history show my signature; another person without one gets 404', async () => {
  const t = await s.login('teacher@demo.school');
  const p = await demoVersion(t);
  const rec = await t.get(`/aup/${p.version_id}/record`);
  assert.equal(rec.status, 200);
  assert.equal(rec.body.signature.body_sha256, p.sha256);
  assert.equal(rec.body.signature.email, 'teacher@demo.school');
  const page = await t.page(`/aup/${p.version_id}/record`);
  assert.match(visibleText(page.text), new RegExp(`SHA-256 of the text signed ${p.sha256}`));
  assert.match(page.text, /class="signature-record"/);
  const hist = await t.get('/aup/history');
  assert.equal(hist.status, 200);
  const mine = hist.body.signatures.filter((x) => x.policy_id === p.id);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].version_id, p.version_id);
  assert.equal(mine[0].current, true);
  const supply = await s.login('supply@demo.school');
  assert.equal((await supply.get(`/aup/${p.version_id}/record`)).status, 404);
  assert.deepEqual((await supply.get('/aup/history')).body.signatures, []);
  assert.equal((await t.get('/aup/99999/record')).status, 404);
  assert.equal((await t.get('/aup/99999')).status, 404);
});

test('signing in the browser redirects to the record with a message', async () => {
  const c = await s.login('volunteer@demo.school');
  const p = await demoVersion(c);
  const r = await c.post('/aup/sign', { version_id: p.version_id, typed_name: 'Ruth Bennett', agree: 'yes' }, { json: false });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/aup/${p.version_id}/record`);
  const next = await c.page(`/aup/${p.version_id}/record`);
  assert.match(next.text, /Thank you: your signature has been recorded/);
});

test('only an administrator creates policies; bad input is refused with the field', async () => {
  const head = await s.login('head@demo.school');
  assert.equal((await head.post('/admin/policies', { title: 'X', applies_to: 'teacher' })).status, 403);
  assert.equal((await head.get('/admin/policies')).status, 403);
  const a = await s.login('admin@demo.school');
  const before = count('policies');
  const created = count('audit', "action = 'policy.create'");
  let r = await a.post('/admin/policies', { applies_to: 'teacher' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'title');
  const spaces = await a.post('/admin/policies', { title: '   ', applies_to: 'teacher' });
  assert.equal(spaces.status, 400, 'a title of only spaces is no title');
  assert.deepEqual(spaces.body.errors, r.body.errors);
  r = await a.post('/admin/policies', { title: 'Governor code', applies_to: 'pupils' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'applies_to');
  r = await a.post('/admin/policies', { title: 'Governor code' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'applies_to');
  r = await a.post('/admin/policies', { title: 'staff ACCEPTABLE-use agreement', applies_to: 'teacher' });
  assert.equal(r.status, 409);
  assert.equal(count('policies'), before);
  r = await a.post('/admin/policies', [['title', 'Governor code of conduct'], ['applies_to', 'governor, contractor'], ['applies_to', 'governor']]);
  assert.equal(r.status, 201);
  assert.ok(r.body.policy.id > 0);
  assert.equal(sql(s.db, `SELECT applies_to FROM policies WHERE id = ${r.body.policy.id}`), 'governor,contractor');
  assert.equal(count('audit', "action = 'policy.create'"), created + 1);
  const list = await a.page('/admin/policies');
  assert.equal(list.status, 200);
  assert.match(list.text, /Governor code of conduct/);
});

test('publishing: admin only, dates and text checked, nothing partial stored', async () => {
  const a = await s.login('admin@demo.school');
  const pid = Number(sql(s.db, "SELECT id FROM policies WHERE title = 'Governor code of conduct'"));
  const good = { body: '## Conduct\n\nBe fair.\n', summary: 'First version.', effective: daysFromNow(0), review_due: daysFromNow(365) };
  const head = await s.login('head@demo.school');
  assert.equal((await head.post(`/admin/policies/${pid}/versions`, good)).status, 403);
  assert.equal((await a.post('/admin/policies/99999/versions', good)).status, 404);
  const before = count('policy_versions');
  const cases = [
    [{ ...good, effective: '2026-02-30' }, 'effective'],
    [{ ...good, effective: daysFromNow(-1) }, 'effective'],
    [{ ...good, review_due: good.effective }, 'review_due'],
    [{ ...good, summary: '' }, 'summary'],
    [{ ...good, body: '   \n  ' }, 'body'],
    [{ ...good, extra: 'x' }, 'extra'],
  ];
  for (const [form, field] of cases) {
    const r = await a.post(`/admin/policies/${pid}/versions`, form);
    assert.equal(r.status, 400, JSON.stringify(form));
    assert.equal(r.body.field, field);
  }
  assert.equal(count('policy_versions'), before);
  // The form answers with a preview; "Save as a draft" sends it again with confirm=yes.
  const r = await a.post(`/admin/policies/${pid}/versions`, { ...good, body: '## Conduct\n\n<script>alert(1)</script>\n\nBe fair.\n', confirm: 'yes' });
  assert.equal(r.status, 201);
  assert.ok(r.body.version.id > 0);
  assert.equal(r.body.version.number, 1);
  await authorise(a, pid, r.body.version.id);
  const gov = await s.login('governor@demo.school');
  const page = await gov.page(`/aup/${r.body.version.id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.match(page.text, /Be fair\./);
  assert.equal(count('audit', "action = 'policy.publish' AND actor = 'admin@demo.school'"), 1);
  assert.equal(count('notifications', `kind = 'aup_new_version' AND user_id IN (SELECT id FROM users WHERE staff_type IN ('governor','contractor'))`), 3, 'two governors and the DPO, a contractor');
  assert.equal(count('notifications', `kind = 'aup_new_version' AND user_id IN (SELECT id FROM users WHERE staff_type NOT IN ('governor','contractor'))`), 0);
  const admin = await a.page(`/admin/policies/${pid}`);
  assert.match(admin.text, /Version 1/);
  assert.match(admin.text, /<label for="f-body">/);
});

test('a policy applies only to its staff types: others cannot see it, leaders may read but not sign', async () => {
  const vid = Number(sql(s.db, "SELECT v.id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE p.title = 'Governor code of conduct'"));
  const t = await s.login('teacher@demo.school');
  assert.ok(!(await t.get('/aup')).body.policies.some((p) => p.version_id === vid));
  assert.equal((await t.get(`/aup/${vid}`)).status, 404);
  assert.equal((await t.post('/aup/sign', { version_id: vid, typed_name: 'Amy Clarke', agree: 'yes' })).status, 404);
  const head = await s.login('head@demo.school');
  assert.equal((await head.get(`/aup/${vid}`)).status, 200);
  const r = await head.post('/aup/sign', { version_id: vid, typed_name: 'Helen Ashworth', agree: 'yes' });
  assert.equal(r.status, 409);
  const chair = await s.login('chair@demo.school');
  const mine = (await chair.get('/aup')).body.policies.map((p) => p.version_id);
  assert.ok(mine.includes(vid));
  assert.ok((await chair.get('/')).body.tasks.some((x) => x.link === `/aup/${vid}`));
  assert.equal((await chair.post('/aup/sign', { version_id: vid, typed_name: 'margaret ellis', agree: 'yes' })).status, 201);
});

test('a new version makes earlier signatures out of date: task with the summary, re-sign, old one refused', async () => {
  const a = await s.login('admin@demo.school');
  const t = await s.login('teacher@demo.school');
  const v1 = await demoVersion(t);
  assert.equal(v1.signed, true);
  const body = sql(s.db, `SELECT body FROM policy_versions WHERE id = ${v1.version_id}`) + '\n\n## Messaging apps and AI tools\n\nNever enter pupils\' personal data into AI tools.\n';
  const r = await a.post(`/admin/policies/${v1.id}/versions`, { body, summary: V2_SUMMARY, effective: daysFromNow(0), review_due: daysFromNow(365), confirm: 'yes' });
  assert.equal(r.status, 201);
  const v2id = r.body.version.id;
  assert.equal(r.body.version.number, 2);
  await authorise(a, v1.id, v2id);
  const now = await demoVersion(t);
  assert.equal(now.version_id, v2id);
  assert.equal(now.version, 2);
  assert.equal(now.signed, false);
  assert.equal(now.signed_earlier, true);
  const task = (await t.get('/')).body.tasks.find((x) => x.kind === 'aup_sign');
  assert.ok(task);
  assert.match(task.message, /new version/);
  assert.ok(task.message.includes(V2_SUMMARY));
  assert.ok((await t.get('/')).body.notifications.some((n) => n.kind === 'aup_new_version' && n.link === `/aup/${v2id}`));
  const old = await t.post('/aup/sign', { version_id: v1.version_id, typed_name: 'Amy Clarke', agree: 'yes' });
  assert.equal(old.status, 409);
  assert.match(old.body.error, /replaced by a newer one/);
  const oldPage = await t.get(`/aup/${v1.version_id}`);
  assert.equal(oldPage.status, 200, 'an earlier version stays readable');
  assert.equal(oldPage.body.policy.status, 'superseded');
  const ok = await t.post('/aup/sign', { version_id: v2id, typed_name: 'Amy Clarke', agree: 'yes' });
  assert.equal(ok.status, 201);
  const hist = (await t.get('/aup/history')).body.signatures.filter((h) => h.policy_id === v1.id);
  assert.equal(hist.length, 2);
  assert.deepEqual(hist.map((h) => [h.version, h.current]).sort(), [[1, false], [2, true]]);
});

test('a version effective in the future is published but not current until its date', async () => {
  const a = await s.login('admin@demo.school');
  const t = await s.login('science@demo.school');
  const cur = await demoVersion(t);
  const future = daysFromNow(30);
  const body = sql(s.db, `SELECT body FROM policy_versions WHERE id = ${cur.version_id}`) + '\n\nOne more line.\n';
  const r = await a.post(`/admin/policies/${cur.id}/versions`, { body, summary: 'A line added.', effective: future, review_due: daysFromNow(400), confirm: 'yes' });
  assert.equal(r.status, 201);
  const v3 = r.body.version.id;
  await authorise(a, cur.id, v3);
  const list = (await t.get('/aup')).body;
  assert.equal(list.policies[0].version_id, cur.version_id, 'the current version is unchanged');
  assert.ok(list.upcoming.some((u) => u.version_id === v3));
  const early = await t.post('/aup/sign', { version_id: v3, typed_name: 'Daniel Reid', agree: 'yes' });
  assert.equal(early.status, 409);
  assert.match(early.body.error, /not taken effect yet/);
  const past = await a.post(`/admin/policies/${cur.id}/versions`, { body, summary: 'x', effective: daysFromNow(10), review_due: daysFromNow(400) });
  assert.equal(past.status, 400, 'a version cannot take effect before the latest one');
  assert.equal(past.body.field, 'effective');

  // Restart the same database with the clock on the future date.
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: `${future}T09:00:00Z` } });
  const t2 = await s.login('science@demo.school');
  const later = await demoVersion(t2);
  assert.equal(later.version_id, v3);
  assert.equal((await t2.post('/aup/sign', { version_id: v3, typed_name: 'Daniel Reid', agree: 'yes' })).status, 201);
});

test('a policy past its review date is flagged to the headteacher and administrator only', async () => {
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: `${daysFromNow(800)}T09:00:00Z` } });
  for (const who of ['head@demo.school', 'admin@demo.school']) {
    const c = await s.login(who);
    const tasks = (await c.get('/')).body.tasks.filter((x) => x.kind === 'policy_review_due');
    assert.ok(tasks.some((x) => /Staff acceptable-use agreement was due for review/.test(x.message)), who);
  }
  const admin = await s.login('admin@demo.school');
  const link = (await admin.get('/')).body.tasks.find((x) => x.kind === 'policy_review_due').link;
  assert.match(link, /^\/admin\/policies\/\d+$/);
  assert.equal((await admin.get(link)).status, 200);
  for (const who of ['deputy@demo.school', 'teacher@demo.school', 'governor@demo.school']) {
    const c = await s.login(who);
    assert.ok(!(await c.get('/')).body.tasks.some((x) => x.kind === 'policy_review_due'), who);
  }
});

// API.md: the typed name matches "ignoring case and extra spaces", whatever
// the letters: an accented capital typed in lower case, and the other way
// round, through the server as it runs (its sandbox included).
test('the typed name matches whatever the case of accented letters', async () => {
  const own = await startServer();
  try {
    const a = await own.login('admin@demo.school');
    const id = sql(own.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
    const e = await a.post(`/admin/staff/${id}`, { name: 'Émilie Ørsted-Łukasz', staff_type: 'teacher',
      department: 'PE', job_title: 'Teacher of PE' });
    assert.equal(e.status, 200, e.text);
    const t = await own.login('teacher@demo.school');
    const wrong = await t.post('/aup/sign', { version_id: 1, agree: 'yes', typed_name: 'émilie ørsted-lukasz' });
    assert.equal(wrong.status, 400, 'a different letter is still a different name');
    assert.equal(wrong.body.field, 'typed_name');
    const r = await t.post('/aup/sign', { version_id: 1, agree: 'yes', typed_name: '  émilie   ØRSTED-łUKASZ ' });
    assert.equal(r.status, 201, r.text);
  } finally {
    await own.stop();
  }
});
