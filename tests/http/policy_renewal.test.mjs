// Yearly re-acknowledgement: a policy signed again every year from a date
// the school sets (1 September by default), without a new version.  The
// clock is moved across 1 September by relaunching on the same database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, visibleText } from './lib.mjs';
import { publish } from './policy_lib.mjs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));
// The next 1 September after today (UTC).
const now = new Date();
const septYear = now.getUTCMonth() >= 8 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (table, where = '1') => Number(sql(s.db, `SELECT count(*) FROM ${table} WHERE ${where}`));
// The CSV's rows of one policy, as objects keyed by its header.
const csvRows = async (c, title) => {
  const r = await c.get('/aup/compliance.csv');
  assert.equal(r.status, 200);
  assert.ok(r.text.startsWith('\uFEFF'), 'the UTF-8 byte-order mark');
  const [head, ...rows] = r.text.slice(1).split('\r\n').filter(Boolean).map((l) => JSON.parse(`[${l}]`));
  return rows.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]]))).filter((o) => o.policy === title);
};
// Reminds everyone outstanding; the reminders the teacher got about the policy.
const remindTeacher = async (head, title) => {
  const r = await head.post('/aup/compliance/remind');
  assert.equal(r.status, 200, r.text);
  return sql(s.db, `SELECT n.message FROM notifications n JOIN users u ON u.id = n.user_id
    WHERE u.email = 'teacher@demo.school' AND n.kind = 'aup_reminder'`).split('\n').filter((m) => m.includes(title));
};
const at = async (when) => {
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: when } });
};

test('the yearly setting: admin only, the date checked, nothing changed when refused', async () => {
  const a = await s.login('admin@demo.school');
  const p = await a.post('/admin/policies', [['title', 'Online safety agreement'], ['applies_to', 'teacher']]);
  const pid = p.body.policy.id;
  for (const [form, field] of [
    [{ renew_yearly: 'yes', renew_from: '02-30' }, 'renew_from'],
    [{ renew_yearly: 'yes', renew_from: '9-1' }, 'renew_from'],
    [{ renew_yearly: 'yes', renew_from: '02-29' }, 'renew_from'],
    [{ renew_yearly: 'yes', renew_from: '13-01' }, 'renew_from'],
    // Digits only: a blank or a sign is refused here, not by the database as "busy".
    [{ renew_yearly: 'yes', renew_from: ' 9-01' }, 'renew_from'],
    [{ renew_yearly: 'yes', renew_from: '+9-01' }, 'renew_from'],
    [{ renew_yearly: 'yes', renew_from: '09-+1' }, 'renew_from'],
    [{ renew_yearly: 'maybe' }, 'renew_yearly'],
    [{ renew_from: '09-01' }, 'renew_yearly'],
  ]) {
    const r = await a.post(`/admin/policies/${pid}`, form);
    assert.equal(r.status, 400, JSON.stringify(form));
    assert.equal(r.body.field, field);
  }
  assert.equal(count('policy_renewals', `policy_id = ${pid}`), 0, 'nothing changed');
  const head = await s.login('head@demo.school');
  assert.equal((await head.post(`/admin/policies/${pid}`, { renew_yearly: 'yes' })).status, 403);
  assert.equal((await a.post('/admin/policies/999999', { renew_yearly: 'yes' })).status, 404);
  const on = await a.post(`/admin/policies/${pid}`, { renew_yearly: 'yes' });
  assert.equal(on.status, 200, on.text);
  assert.deepEqual(on.body.policy, { id: pid, renew_yearly: true, renew_from: '09-01' });
  assert.equal(sql(s.db, `SELECT renew_from FROM policy_renewals WHERE policy_id = ${pid}`), '09-01');
  assert.equal(count('audit', "action = 'policy.renewal'"), 1);
  const page = await a.page(`/admin/policies/${pid}`);
  assert.match(page.text, /<legend>Signed again every year<\/legend>/);
  assert.match(page.text, /value="yes" checked/);
  await publish(a, pid, { body: '## Online safety\n\nReport what worries you.\n', summary: 'First.',
    effective: daysFromNow(0), review_due: `${septYear + 1}-12-01` });
});

test('the yearly setting may be chosen when the policy is created', async () => {
  const a = await s.login('admin@demo.school');
  const bad = await a.post('/admin/policies', [['title', 'Yearly at creation'], ['applies_to', 'teacher'], ['renew_yearly', 'yes'], ['renew_from', '04-31']]);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'renew_from');
  assert.equal(count('policies', "title = 'Yearly at creation'"), 0, 'nothing created');
  for (const from of [' 9-01', '+9-01', '09-+1']) {
    const sign = await a.post('/admin/policies', [['title', 'Yearly at creation'],
      ['applies_to', 'teacher'], ['renew_yearly', 'yes'], ['renew_from', from]]);
    assert.equal(sign.status, 400, `${JSON.stringify(from)}: ${sign.text}`);
    assert.equal(sign.body.field, 'renew_from');
  }
  assert.equal(count('policies', "title = 'Yearly at creation'"), 0, 'nothing created');
  const r = await a.post('/admin/policies', [['title', 'Yearly at creation'], ['applies_to', 'teacher'], ['renew_yearly', 'yes'], ['renew_from', '01-06']]);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.policy.renew_yearly, true);
  assert.equal(r.body.policy.renew_from, '01-06');
  assert.equal((await a.get(`/admin/policies/${r.body.policy.id}`)).body.policy.renewal.renew_from, '01-06');
  const plain = await a.post('/admin/policies', [['title', 'Once per version'], ['applies_to', 'teacher']]);
  assert.equal(plain.body.policy.renew_yearly, false);
  assert.equal(plain.body.policy.renew_from, null);
  assert.match((await a.page('/admin/policies')).text, /<label class="checkbox" for="f-renew_yearly">/);
});

test('the date is asked for as a day and a month in words, kept as MM-DD; an impossible day is refused by name', async () => {
  const a = await s.login('admin@demo.school');
  const p = await a.post('/admin/policies', [['title', 'Day and month'], ['applies_to', 'teacher']]);
  const pid = p.body.policy.id;
  let page = (await a.page(`/admin/policies/${pid}`)).text;
  // Not "09-01", which a UK reader takes for 9 January.
  assert.doesNotMatch(page, /month-day|value="09-01"|example 09-01|pattern="\[01\]/);
  assert.match(page, /<legend>The day the yearly signing starts<\/legend>/);
  assert.match(page, /<label for="f-renew_day">Day<\/label>\n<input id="f-renew_day" name="renew_day" [^>]*value="1"/);
  assert.match(page, /<label for="f-renew_month">Month<\/label>\n<select id="f-renew_month" name="renew_month">/);
  assert.match(page, /<option value="09" selected>September<\/option>/);
  assert.equal(page.match(/ selected>/g).length, 1);

  for (const [day, month, field, error] of [
    ['31', '04', 'renew_day', 'There is no 31 April: April has 30 days.'],
    ['30', '02', 'renew_day', 'There is no 30 February: February has 28 days.'],
    ['29', '02', 'renew_day', /^29 February comes only in leap years/],
    ['0', '06', 'renew_day', 'Enter a day of the month from 1 to 30.'],
    ['32', '01', 'renew_day', 'Enter a day of the month from 1 to 31.'],
    ['', '01', 'renew_day', 'Enter the day of the month the yearly signing starts.'],
    ['5', '', 'renew_month', 'Choose the month the yearly signing starts.'],
    ['5', '13', 'renew_month', 'Month is not one of the choices offered.'],
  ]) {
    const r = await a.post(`/admin/policies/${pid}`, { renew_yearly: 'yes', renew_day: day, renew_month: month });
    assert.equal(r.status, 400, `${day} ${month}`);
    assert.equal(r.body.field, field);
    if (typeof error === 'string') assert.equal(r.body.error, error);
    else assert.match(r.body.error, error);
  }
  assert.equal(count('policy_renewals', `policy_id = ${pid}`), 0, 'nothing changed');
  // In the browser: the problem beside the day, what was typed and chosen kept.
  const refused = await a.request('POST', `/admin/policies/${pid}`,
    { form: { renew_yearly: 'yes', renew_day: '31', renew_month: '04' }, json: false });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /<a href="#f-renew_day">There is no 31 April: April has 30 days\.<\/a>/);
  assert.match(refused.text, /<p class="field-error" id="e-renew_day">There is no 31 April: April has 30 days\.<\/p>/);
  assert.match(refused.text, /<input id="f-renew_day" [^>]*value="31" aria-describedby="h-renew_from e-renew_day" aria-invalid="true">/);
  assert.match(refused.text, /<option value="04" selected>April<\/option>/);
  assert.equal(refused.text.match(/ selected>/g).length, 1);

  const on = await a.post(`/admin/policies/${pid}`, { renew_yearly: 'yes', renew_day: '6', renew_month: '01' });
  assert.equal(on.status, 200, on.text);
  assert.equal(on.body.policy.renew_from, '01-06');
  assert.equal(sql(s.db, `SELECT renew_from FROM policy_renewals WHERE policy_id = ${pid}`), '01-06');
  page = (await a.page(`/admin/policies/${pid}`)).text;
  assert.match(page, /<input id="f-renew_day" name="renew_day" [^>]*value="6"/);
  assert.match(page, /<option value="01" selected>January<\/option>/);
  assert.equal((await a.get(`/admin/policies/${pid}`)).body.policy.renewal.renew_from, '01-06');

  // Creating a policy asks the same way.
  const list = (await a.page('/admin/policies')).text;
  assert.match(list, /<option value="09" selected>September<\/option>/);
  assert.doesNotMatch(list, /month-day/);
  const c = await a.post('/admin/policies', [['title', 'Yearly from March'], ['applies_to', 'teacher'],
    ['renew_yearly', 'yes'], ['renew_day', '15'], ['renew_month', '03']]);
  assert.equal(c.status, 201, c.text);
  assert.equal(c.body.policy.renew_from, '03-15');
  const bad = await a.request('POST', '/admin/policies', { json: false, form: [['title', 'Never made'],
    ['applies_to', 'teacher'], ['renew_yearly', 'yes'], ['renew_day', '31'], ['renew_month', '11']] });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<p class="field-error" id="e-renew_day">There is no 31 November: November has 30 days\.<\/p>/);
  assert.match(bad.text, /<option value="11" selected>November<\/option>/);
  assert.equal(count('policies', "title = 'Never made'"), 0);
});

test('across 1 September a signature from last year no longer counts: asked again, outstanding, signed again', async () => {
  const pid = Number(sql(s.db, "SELECT id FROM policies WHERE title = 'Online safety agreement'"));
  const vid = Number(sql(s.db, `SELECT id FROM policy_versions WHERE policy_id = ${pid}`));
  let t = await s.login('teacher@demo.school');
  assert.equal((await t.post('/aup/sign', { version_id: vid, typed_name: 'Amy Clarke', agree: 'yes' })).status, 201);
  const signers = count('signatures', `version_id = ${vid}`);

  await at(`${septYear}-08-31T12:00:00Z`);
  t = await s.login('teacher@demo.school');
  let mine = (await t.get('/aup')).body.policies.find((p) => p.id === pid);
  assert.equal(mine.signed, true, 'the day before the renewal date the signature counts');
  let head = await s.login('head@demo.school');
  let c = (await head.get('/aup/compliance')).body.policies.find((p) => p.policy_id === pid);
  assert.equal(c.renew_yearly, true);
  assert.equal(c.renewal_count, 0);
  const signedBefore = c.signed;
  assert.ok(!(await csvRows(head, 'Online safety agreement')).some((o) => o.email === 'teacher@demo.school'),
    'before the renewal date the CSV does not list whoever signed');
  assert.deepEqual(await remindTeacher(head, 'Online safety agreement'), [], 'nor is anyone who signed reminded');

  // 09:00 UTC on 1 September is 10:00 UK time: this year's renewal has begun.
  await at(`${septYear}-09-01T09:00:00Z`);
  t = await s.login('teacher@demo.school');
  mine = (await t.get('/aup')).body.policies.find((p) => p.id === pid);
  assert.equal(mine.signed, false);
  assert.equal(mine.renewal_due, true);
  const task = (await t.get('/')).body.tasks.find((x) => x.kind === 'aup_sign' && x.link === `/aup/${vid}`);
  assert.ok(task, 'asked again on "My tasks"');
  assert.match(task.message, /signed again every year/);
  const page = await t.get(`/aup/${vid}`);
  assert.equal(page.body.can_sign, true);
  assert.equal(page.body.renewal_due, true);
  assert.equal(page.body.renew_date, `${septYear}-09-01`);
  assert.match(visibleText((await t.page(`/aup/${vid}`)).text), /signed again every year from 1 Sep/);
  head = await s.login('head@demo.school');
  c = (await head.get('/aup/compliance')).body.policies.find((p) => p.policy_id === pid);
  assert.equal(c.renewal_count, signers);
  assert.equal(c.signed, signedBefore - signers);
  assert.equal(c.outstanding_count, c.required - c.signed);
  const amy = c.renewal_outstanding.find((o) => o.email === 'teacher@demo.school');
  assert.equal(amy.why, 'Signed last year; due again from 1 September');
  assert.equal(amy.days, 0);
  assert.match(visibleText((await head.page('/aup/compliance')).text),
    /Amy Clarke teacher@demo\.school PE .* Signed last year; due again from 1 September/);
  let rows = await csvRows(head, 'Online safety agreement');
  assert.deepEqual(rows.filter((o) => o.email === 'teacher@demo.school'),
    [{ policy: 'Online safety agreement', version: 1, email: 'teacher@demo.school', name: 'Amy Clarke', department: 'PE',
      staff_type: 'teacher', days: 0, why: 'Signed last year; due again from 1 September' }]);
  assert.equal(rows.filter((o) => o.why.startsWith('Signed last year')).length, c.renewal_count);
  const audited = count('audit', "action = 'aup.remind' AND object = 'teacher@demo.school'");
  // With the agreement she has not signed and the demo's code of conduct, due again too.
  const told = await remindTeacher(head, 'Online safety agreement');
  assert.equal(told.length, 1);
  assert.match(told[0], /^Reminder: 3 agreements still need your signature: .*Online safety agreement \(signed again every year\)\.$/);
  assert.equal(count('audit', "action = 'aup.remind' AND object = 'teacher@demo.school'"), audited + 1);
  const gov = await s.login('governor@demo.school');
  const g = (await gov.get('/aup/compliance')).body.policies.find((p) => p.policy_id === pid);
  assert.equal(g.renewal_count, signers);
  assert.equal(g.renewal_outstanding, undefined, 'governors see the figures only');

  const again = await t.post('/aup/sign', { version_id: vid, typed_name: 'Amy Clarke', agree: 'yes' });
  assert.equal(again.status, 201, again.text);
  assert.equal(count('signatures', `version_id = ${vid}`), signers, 'the first signature is kept as it was');
  assert.equal(count('policy_acknowledgements', `version_id = ${vid}`), 1);
  assert.equal((await t.post('/aup/sign', { version_id: vid, typed_name: 'Amy Clarke', agree: 'yes' })).status, 200,
    'signed for this year already');
  assert.equal(count('policy_acknowledgements', `version_id = ${vid}`), 1);
  mine = (await t.get('/aup')).body.policies.find((p) => p.id === pid);
  assert.equal(mine.signed, true);
  assert.ok(!(await t.get('/')).body.tasks.some((x) => x.link === `/aup/${vid}`));
  c = (await head.get('/aup/compliance')).body.policies.find((p) => p.policy_id === pid);
  assert.equal(c.renewal_count, signers - 1);
  rows = await csvRows(head, 'Online safety agreement');
  assert.ok(!rows.some((o) => o.email === 'teacher@demo.school'), 'signed again: off the CSV');
  assert.equal(rows.filter((o) => o.why.startsWith('Signed last year')).length, signers - 1);
  assert.equal((await remindTeacher(head, 'Online safety agreement')).length, 1, 'and not reminded again');

  const a = await s.login('admin@demo.school');
  assert.equal((await a.post(`/admin/policies/${pid}`, { renew_yearly: 'no' })).status, 200);
  c = (await head.get('/aup/compliance')).body.policies.find((p) => p.policy_id === pid);
  assert.equal(c.renew_yearly, false);
  assert.equal(c.signed, signedBefore, 'once per version again: every signature counts');
});
