// Policies authorised as the schools do it (wynstones' "Authorised by" footer,
// slyne's "approved" header): a version written is a draft until the
// headteacher, the governing body or a committee authorises it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, visibleText } from './lib.mjs';
import { utcToday } from './policy_lib.mjs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (table, where = '1') => Number(sql(s.db, `SELECT count(*) FROM ${table} WHERE ${where}`));

async function draft(admin, title, applies = 'teacher,governor') {
  const p = await admin.post('/admin/policies', [['title', title], ['applies_to', applies]]);
  assert.equal(p.status, 201, p.text);
  const pid = p.body.policy.id;
  const v = await admin.post(`/admin/policies/${pid}/versions`, { body: `## ${title}\n\nBe kind.\n`,
    summary: 'First version.', effective: daysFromNow(0), review_due: daysFromNow(365), confirm: 'yes' });
  assert.equal(v.status, 201, v.text);
  return { pid, vid: v.body.version.id };
}

const board = { authorised_by: 'governing_body', authoriser_name: 'Full governing body',
  meeting_date: daysFromNow(-3), minute_ref: '7.2', authorised_on: daysFromNow(-2) };

test('a version written is a draft: read by the administrator and leaders only, not current, not signable, nobody told', async () => {
  const a = await s.login('admin@demo.school');
  const notes = count('notifications', "kind = 'aup_new_version'");
  const { pid, vid } = await draft(a, 'Staff dress code');
  assert.equal(count('notifications', "kind = 'aup_new_version'"), notes, 'nobody is told of a draft');
  const t = await s.login('teacher@demo.school');
  assert.ok(!(await t.get('/aup')).body.policies.some((p) => p.id === pid));
  assert.ok(!(await t.get('/aup')).body.upcoming.some((u) => u.version_id === vid));
  assert.equal((await t.get(`/aup/${vid}`)).status, 404);
  assert.equal((await t.post('/aup/sign', { version_id: vid, typed_name: 'Amy Clarke', agree: 'yes' })).status, 404);
  assert.ok(!(await t.get('/')).body.tasks.some((x) => x.link === `/aup/${vid}`));
  const gov = await s.login('governor@demo.school');
  assert.equal((await gov.get(`/aup/${vid}`)).status, 404, 'a governor it applies to does not read a draft');
  assert.ok(!(await gov.get('/aup/compliance')).body.policies.some((p) => p.policy_id === pid));
  const head = await s.login('head@demo.school');
  const page = await head.get(`/aup/${vid}`);
  assert.equal(page.status, 200);
  assert.equal(page.body.policy.status, 'draft');
  assert.equal(page.body.policy.draft, true);
  assert.equal(page.body.policy.authorisation, null);
  assert.equal(page.body.can_sign, false);
  // Refused as a draft, in the paper form's words: not "replaced by a newer one".
  const signed = await head.post('/aup/sign', { version_id: vid, typed_name: 'Helen Ashworth', agree: 'yes' });
  assert.equal(signed.status, 409);
  assert.equal(signed.body.error, 'This version is a draft: it can be signed once it has been authorised.');
  const bursar = await s.login('bursar@demo.school');
  const paper = await bursar.post('/aup/compliance/paper', { email: 'teacher@demo.school', version_id: vid,
    paper_date: utcToday() });
  assert.equal(paper.status, 409);
  assert.equal(paper.body.error, signed.body.error);
  assert.equal(count('signatures', `version_id = ${vid}`), 0);
  const html = await head.page(`/aup/${vid}`);
  assert.match(visibleText(html.text), /A draft waiting to be authorised/);
  const adminPage = await a.get(`/admin/policies/${pid}`);
  assert.equal(adminPage.body.drafts.length, 1);
  assert.equal(adminPage.body.versions[0].draft, true);
  const form = await a.page(`/admin/policies/${pid}`);
  assert.match(form.text, new RegExp(`action="/admin/policies/${pid}/versions/${vid}/authorise"`));
  assert.match(form.text, /<legend>Authorised by<\/legend>/);
});

test('authorising: the form checked field by field, nothing changed when refused', async () => {
  const a = await s.login('admin@demo.school');
  const { pid, vid } = await draft(a, 'Mobile phone policy');
  const url = `/admin/policies/${pid}/versions/${vid}/authorise`;
  const audits = count('audit', "action = 'policy.authorise'");
  const cases = [
    [{ ...board, authorised_by: 'deputy' }, 'authorised_by'],
    [{ ...board, authoriser_name: '' }, 'authoriser_name'],
    [{ ...board, meeting_date: '' }, 'meeting_date'],
    [{ ...board, meeting_date: daysFromNow(2), authorised_on: daysFromNow(-1) }, 'meeting_date'],
    [{ ...board, authorised_on: daysFromNow(2) }, 'authorised_on'],
    [{ ...board, authorised_on: daysFromNow(-5) }, 'authorised_on'],
    [{ ...board, authorised_on: '2026-02-30' }, 'authorised_on'],
    [{ ...board, minute_ref: 'x'.repeat(101) }, 'minute_ref'],
    [{ authorised_by: 'headteacher', authoriser_name: 'Helen Ashworth', authorised_on: utcToday() }, 'job_title'],
  ];
  for (const [form, field] of cases) {
    const r = await a.post(url, form);
    assert.equal(r.status, 400, JSON.stringify(form));
    assert.equal(r.body.field, field, JSON.stringify(form));
  }
  const html = await a.request('POST', url, { json: false, form: { ...board, meeting_date: '' } });
  assert.equal(html.status, 400);
  assert.match(visibleText(html.text), /Enter the date of the meeting that agreed this version/);
  // The new version's form below still starts from the latest text.
  assert.match(html.text, /<textarea id="f-body" name="body"[^>]*>&#10;## Mobile phone policy/);
  const head = await s.login('head@demo.school');
  assert.equal((await head.post(url, board)).status, 403);
  assert.equal((await a.post(`/admin/policies/${pid}/versions/999999/authorise`, board)).status, 404);
  const other = Number(sql(s.db, 'SELECT min(id) FROM policy_versions'));
  assert.equal((await a.post(`/admin/policies/${pid}/versions/${other}/authorise`, board)).status, 404,
    'a version of another policy');
  assert.equal(count('audit', "action = 'policy.authorise'"), audits);
  assert.equal((await a.get(`/aup/${vid}`)).body.policy.status, 'draft');
});

test('authorised by the governing body: published, announced, signable, and the signed text says who authorised it', async () => {
  const a = await s.login('admin@demo.school');
  const { pid, vid } = await draft(a, 'Email and messaging policy', 'teacher');
  const url = `/admin/policies/${pid}/versions/${vid}/authorise`;
  const r = await a.post(url, board);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.authorisation.authorised_by, 'governing_body');
  assert.equal(r.body.authorisation.minute_ref, '7.2');
  assert.equal(r.body.authorisation.recorded_by, 'Chris Doyle');
  assert.equal(count('notifications', `kind = 'aup_new_version' AND link = '/aup/${vid}'`),
    count('users', "active = 1 AND staff_type = 'teacher'"));
  assert.equal(count('audit', "action = 'policy.authorise' AND actor = 'admin@demo.school'"), 1);
  assert.equal((await a.post(url, board)).status, 409, 'a version is authorised once');
  assert.equal(count('notifications', `kind = 'aup_new_version' AND link = '/aup/${vid}'`),
    count('users', "active = 1 AND staff_type = 'teacher'"), 'nobody is told twice');
  const demo = Number(sql(s.db, "SELECT v.id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE p.title = 'Staff acceptable-use agreement'"));
  const demoPid = Number(sql(s.db, `SELECT policy_id FROM policy_versions WHERE id = ${demo}`));
  assert.equal((await a.post(`/admin/policies/${demoPid}/versions/${demo}/authorise`, board)).status, 409);

  const t = await s.login('teacher@demo.school');
  const mine = (await t.get('/aup')).body.policies.find((p) => p.id === pid);
  assert.equal(mine.version_id, vid);
  assert.ok((await t.get('/')).body.tasks.some((x) => x.kind === 'aup_sign' && x.link === `/aup/${vid}`));
  const page = await t.page(`/aup/${vid}`);
  const text = visibleText(page.text);
  assert.match(text, /Authorised by/);
  assert.match(text, /Full governing body, meeting of .*, minute 7\.2; authorised on/);
  assert.equal((await t.post('/aup/sign', { version_id: vid, typed_name: 'Amy Clarke', agree: 'yes' })).status, 201);
  const record = visibleText((await t.page(`/aup/${vid}/record`)).text);
  assert.match(record, /Version authorised by Full governing body/);
  const admin = visibleText((await a.page(`/admin/policies/${pid}`)).text);
  assert.match(admin, /Full governing body/);
  assert.doesNotMatch(admin, /Authorise and publish version 1/);
});

test('authorised by the headteacher: the job title is kept and shown, no meeting', async () => {
  const a = await s.login('admin@demo.school');
  const { pid, vid } = await draft(a, 'Photography policy', 'teacher');
  const r = await a.post(`/admin/policies/${pid}/versions/${vid}/authorise`, { authorised_by: 'headteacher',
    authoriser_name: 'Helen Ashworth', job_title: 'Headteacher', meeting_date: daysFromNow(-1), authorised_on: utcToday() });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.authorisation.job_title, 'Headteacher');
  assert.equal(r.body.authorisation.meeting_date, null, 'a headteacher authorises without a meeting');
  const t = await s.login('teacher@demo.school');
  assert.match(visibleText((await t.page(`/aup/${vid}`)).text), /Helen Ashworth, Headteacher; authorised on/);
});

test('the demo school\'s agreement was authorised by the full governing body', async () => {
  const t = await s.login('teacher@demo.school');
  const p = (await t.get('/aup')).body.policies.find((x) => x.title === 'Staff acceptable-use agreement');
  const v = (await t.get(`/aup/${p.version_id}`)).body.policy;
  assert.equal(v.authorisation.authorised_by, 'governing_body');
  assert.equal(v.authorisation.authoriser_name, 'Full governing body');
  assert.equal(v.authorisation.minute_ref, '7.2');
});

test('only published versions fix the earliest date of the next: a draft for later does not', async () => {
  const a = await s.login('admin@demo.school');
  const p = await a.post('/admin/policies', [['title', 'Laptop agreement'], ['applies_to', 'teacher']]);
  const pid = p.body.policy.id;
  const write = (body, effective) => a.post(`/admin/policies/${pid}/versions`, {
    body, summary: 'Changed.', effective, review_due: daysFromNow(400), confirm: 'yes' });
  const v1 = await write('v1', daysFromNow(10));
  assert.equal(v1.status, 201, v1.text);
  const ok = await a.post(`/admin/policies/${pid}/versions/${v1.body.version.id}/authorise`, board);
  assert.equal(ok.status, 200, ok.text);
  // Prepared for next term and never authorised.
  assert.equal((await write('v2 draft', daysFromNow(120))).status, 201);
  const sooner = await write('v3', daysFromNow(30));
  assert.equal(sooner.status, 201, sooner.text);
  assert.equal(sooner.body.version.status, 'draft');
  // The published version still does.
  const r = await write('v4', daysFromNow(5));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'effective');
  assert.match(r.text, /latest published version/);
});

test('drafts are authorised in order: an overtaken draft, or one for before the latest published, is refused', async () => {
  const a = await s.login('admin@demo.school');
  const p = await a.post('/admin/policies', [['title', 'Staff car park rules'], ['applies_to', 'teacher']]);
  const pid = p.body.policy.id;
  const write = async (body, effective) => {
    const r = await a.post(`/admin/policies/${pid}/versions`, {
      body, summary: 'Changed.', effective, review_due: daysFromNow(400), confirm: 'yes' });
    assert.equal(r.status, 201, r.text);
    return r.body.version.id;
  };
  const v1 = await write('v1', daysFromNow(0));
  assert.equal((await a.post(`/admin/policies/${pid}/versions/${v1}/authorise`, board)).status, 200);
  const v2 = await write('v2', daysFromNow(40));
  const v3 = await write('v3', daysFromNow(20));
  const v4 = await write('v4', daysFromNow(30));
  const written = () => [count('audit', "action = 'policy.authorise'"),
    count('notifications', "kind = 'aup_new_version'"),
    count('policy_authorisations', `version_id IN (${v2}, ${v3}, ${v4}) AND authorised_by IS NOT NULL`)];
  assert.equal((await a.post(`/admin/policies/${pid}/versions/${v3}/authorise`, board)).status, 200);
  const was = written();
  // Version 3 is authorised: version 2 would replace it once its later date came.
  const over = await a.post(`/admin/policies/${pid}/versions/${v2}/authorise`, board);
  assert.equal(over.status, 409, over.text);
  assert.match(over.body.error, /^Version 2 has been overtaken: version 3 of this policy has already been authorised/);
  assert.match(over.body.error, /save it again under "Write a new version"/);
  assert.deepEqual(written(), was, 'nothing written, nobody told');
  assert.equal((await a.get(`/aup/${v2}`)).body.policy.status, 'draft');
  // Version 4 is newer but for before version 3's date: version 3 would replace it.
  const before = await a.post(`/admin/policies/${pid}/versions/${v4}/authorise`, board);
  assert.equal(before.status, 200, before.text);
  const v5 = await write('v5', daysFromNow(35));
  const v6 = await write('v6', daysFromNow(32));
  assert.equal((await a.post(`/admin/policies/${pid}/versions/${v5}/authorise`, board)).status, 200);
  const after5 = written();
  const early = await a.post(`/admin/policies/${pid}/versions/${v6}/authorise`, board);
  assert.equal(early.status, 409, early.text);
  assert.equal(early.body.field, 'effective');
  assert.match(early.body.error, /cannot be earlier than that of the latest published version/);
  assert.deepEqual(written(), after5, 'nothing written, nobody told');
  assert.equal((await a.get(`/aup/${v6}`)).body.policy.status, 'draft');
});

test('a draft whose date has passed is not published backdated: its text is saved again with a new date', async () => {
  const s1 = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-09-01T09:00:00Z' } });
  let s2;
  try {
    const a1 = await s1.login('admin@demo.school');
    const p = await a1.post('/admin/policies', [['title', 'Visitors policy'], ['applies_to', 'teacher']]);
    const pid = p.body.policy.id;
    const form = { body: '## Visitors\n\nSign in at reception.\n', summary: 'First version.',
      effective: '2026-09-29', review_due: '2027-09-01', confirm: 'yes' };
    const v = await a1.post(`/admin/policies/${pid}/versions`, form);
    assert.equal(v.status, 201, v.text);
    const vid = v.body.version.id;
    await s1.stop({ keep: true });

    s2 = await launch({ dir: s1.dir, db: s1.db, env: { STAFFROOM_TEST_NOW: '2026-11-10T09:00:00Z' } });
    const a = await s2.login('admin@demo.school');
    const n = (table, where) => Number(sql(s2.db, `SELECT count(*) FROM ${table} WHERE ${where}`));
    const before = [n('audit', "action = 'policy.authorise'"), n('notifications', "kind = 'aup_new_version'")];
    const late = { ...board, meeting_date: '2026-11-09', authorised_on: '2026-11-10' };
    const url = `/admin/policies/${pid}/versions/${vid}/authorise`;
    const r = await a.post(url, late);
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.field, 'effective');
    assert.match(r.body.error, /29 Sep 2026, which has passed/);
    assert.match(r.body.error, /"Takes effect on" date from today/);
    assert.deepEqual([n('audit', "action = 'policy.authorise'"), n('notifications', "kind = 'aup_new_version'")],
      before, 'nothing written, nobody told');
    assert.equal((await a.get(`/aup/${vid}`)).body.policy.status, 'draft');
    const html = await a.request('POST', url, { json: false, form: late });
    assert.equal(html.status, 409);
    assert.match(visibleText(html.text), /Change the date first/);
    assert.match(html.text, /<input id="f-effective" name="effective" type="date" required value="2026-11-10"/);
    // The date is changed by saving the same text again, which the stale draft does not block.
    const again = await a.post(`/admin/policies/${pid}/versions`, { ...form, effective: '2026-11-10' });
    assert.equal(again.status, 201, again.text);
    const ok = await a.post(`/admin/policies/${pid}/versions/${again.body.version.id}/authorise`, late);
    assert.equal(ok.status, 200, ok.text);
    assert.match(sql(s2.db, `SELECT message FROM notifications WHERE link = '/aup/${again.body.version.id}' LIMIT 1`),
      /takes effect on 10 Nov 2026/);
    const same = await a.post(`/admin/policies/${pid}/versions`, { ...form, effective: '2026-11-20' });
    assert.equal(same.status, 409, 'the text published is still not saved twice');
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s1.stop().catch(() => {});
  }
});

// A version published with no authorisation on record (stored before authorisations were) is no
// draft: authorising it is refused as authorised already, not as a draft whose date has passed.
test('a version published with no authorisation on record is not taken for a draft', async () => {
  const a = await s.login('admin@demo.school');
  const [vid, pid] = sql(s.db, "SELECT v.id || '|' || v.policy_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id " +
    "WHERE p.title = 'Staff acceptable-use agreement' ORDER BY v.id LIMIT 1").split('|');
  sql(s.db, `DELETE FROM policy_authorisations WHERE version_id = ${vid}`);
  const r = await a.post(`/admin/policies/${pid}/versions/${vid}/authorise`, { ...board, authorised_on: utcToday() });
  assert.equal(r.status, 409, r.text);
  assert.doesNotMatch(r.body.error, /has passed/);
  assert.equal(count('policy_authorisations', `version_id = ${vid}`), 0, 'nothing written');
});
