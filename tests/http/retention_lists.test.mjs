// Records management for what the retention review did not know: entries
// taken off the do-not-publish list (pupils, and adults who asked not to be
// filmed, staff or not), the paper signature, its scan and the training of a
// contributor who is not staff once they stop running an account, answered
// subject access requests and reports of damage or faults dealt with.  Each
// is listed once past its rule, deleted only by a person with a reason, held
// by a legal hold; the disposal register names no one who is not staff; bad
// input changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, dateWords } from './lib.mjs';

let s;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['admin', 'head', 'dsl', 'dpo', 'teacher', 'moderator', 'network'])
    c[who] = await s.login(`${who}@demo.school`);
});
after(async () => { await s.stop(); });

const LIST = '/accounts/do-not-publish';
const dueKeys = async (who) => (await c[who].get('/admin/retention')).body.due
  .map((d) => `${d.record_type}:${d.record_id}`);
const del = (who, record_type, record_id, reason = 'Retention period over') =>
  c[who].post('/admin/retention/delete', { record_type, record_id: String(record_id), reason });
const one = (q) => sql(s.db, q);
// What a refusal must leave alone (the router's own refusal row aside).
const state = () => one("SELECT (SELECT count(*) FROM disposals) || ' ' || (SELECT count(*) FROM do_not_film) || ' ' || " +
  "(SELECT count(*) FROM do_not_publish) || ' ' || (SELECT count(*) FROM contributor_paper) || ' ' || " +
  "(SELECT count(*) FROM subject_access_requests) || ' ' || (SELECT count(*) FROM legal_holds) || ' ' || " +
  "(SELECT count(*) FROM fault_reports) || ' ' || (SELECT count(*) FROM notifications) || ' ' || " +
  "(SELECT group_concat(key || '=' || value) FROM settings WHERE key LIKE 'retention_%') || ' ' || " +
  "(SELECT count(*) FROM audit WHERE action != 'access.refused')");

test('the rules are settings in years, shown and changed with the others', async () => {
  const rules = (await c.admin.get('/admin/retention')).body.rules;
  assert.equal(rules.do_not_publish_years, '25');
  assert.equal(rules.do_not_film_years, '6');
  assert.equal(rules.sar_years, '6');
  assert.equal(rules.fault_years, '6');
  const was = state();
  for (const form of [{ sar_years: '0' }, { do_not_film_years: '101' }, { do_not_publish_years: 'many' }, { fault_years: '0' }]) {
    const r = await c.admin.post('/admin/retention/rules', form);
    assert.equal(r.status, 400, JSON.stringify(form) + r.text);
  }
  assert.equal(state(), was, 'a refused rule changes nothing');
});

test('entries taken off the do-not-publish list, pupils and adults, come due and are deleted', async () => {
  const pupil = (await c.dsl.post(LIST, { pupil_name: 'Ava Stone', class_name: '3B' })).body.pupil.id;
  const adult = (await c.dsl.post(`${LIST}/adults`, { adult_name: 'Pat Visitor', adult_note: 'Parent' })).body.adult.id;
  const own = (await c.teacher.post('/account/photos')).body.request.id;
  const still = (await c.dsl.post(`${LIST}/adults`, { adult_name: 'Sam Governor' })).body.adult.id;
  assert.equal((await c.dsl.post(`${LIST}/${pupil}/remove`)).status, 200);
  assert.equal((await c.dsl.post(`${LIST}/adults/${adult}/remove`)).status, 200);
  assert.equal((await c.teacher.post('/account/photos/withdraw')).status, 200);
  // Taken off today: kept, with who and when, and not yet due.
  let keys = await dueKeys('head');
  assert.ok(!keys.includes(`do_not_film:${adult}`));
  assert.equal(one(`SELECT removed_by IS NOT NULL AND removed_at IS NOT NULL FROM do_not_film WHERE id = ${adult}`), '1');
  const early = await del('head', 'do_not_film', adult);
  assert.equal(early.status, 409, early.text);
  assert.match(early.body.error, /not yet past its retention date/);

  // Seven years on: the adults are due (six years), the pupil not (25).
  one(`UPDATE do_not_film SET removed_at = '2018-03-01T10:00:00Z' WHERE id IN (${adult}, ${own})`);
  one(`UPDATE do_not_publish SET removed_at = '2018-03-01T10:00:00Z' WHERE id = ${pupil}`);
  keys = await dueKeys('head');
  assert.ok(keys.includes(`do_not_film:${adult}`), 'an adult added by name');
  assert.ok(keys.includes(`do_not_film:${own}`), "a member of staff's own, withdrawn");
  assert.ok(!keys.includes(`do_not_film:${still}`), 'still on the list: never due');
  assert.ok(!keys.includes(`do_not_publish:${pupil}`), 'a pupil: 25 years');
  const row = (await c.head.get('/admin/retention')).body.due.find((d) => d.record_type === 'do_not_film' && d.record_id === adult);
  assert.equal(row.due, '2024-03-01');
  assert.doesNotMatch(row.label, /Pat Visitor/, 'the label names no one who is not staff');
  assert.match(row.label, /, asked \d{1,2} [A-Z][a-z]{2} 20\d\d$/, 'the date in words');
  const html = (await c.head.page('/admin/retention')).text;
  assert.match(html, /Adult taken off the list of those not to be filmed/);
  // Its rule, read by the headteacher (the administrator changes it: name="do_not_film_years").
  assert.match(html, /<dt>Adults taken off the list of those not to be filmed: years after[^<]*<\/dt><dd>6<\/dd>/);
  one(`UPDATE do_not_publish SET removed_at = '2000-03-01T10:00:00Z' WHERE id = ${pupil}`);
  assert.ok((await dueKeys('head')).includes(`do_not_publish:${pupil}`));

  // Deleted through the review, with a row in the register and the audit log.
  const gone = await del('head', 'do_not_film', adult);
  assert.equal(gone.status, 200, gone.text);
  assert.equal(one(`SELECT count(*) FROM do_not_film WHERE id = ${adult}`), '0');
  assert.equal(one(`SELECT count(*) FROM disposals WHERE record_type = 'do_not_film' AND record_id = ${adult} AND label NOT LIKE '%Pat%'`), '1');
  assert.equal(one(`SELECT count(*) FROM audit WHERE action = 'retention.delete' AND object = 'do_not_film:${adult}'`), '1');
  assert.equal((await del('admin', 'do_not_publish', pupil)).status, 200);
  assert.equal(one(`SELECT count(*) FROM do_not_publish WHERE id = ${pupil}`), '0');
  // A legal hold works on them too.
  assert.equal((await c.head.post('/admin/retention/hold', { record_type: 'do_not_film', record_id: String(own), reason: 'Complaint about a photo' })).status, 201);
  assert.equal((await del('head', 'do_not_film', own)).status, 409);
  assert.equal(one(`SELECT count(*) FROM do_not_film WHERE id = ${own}`), '1');
});

test("a removed contributor's paper signature, scan and training come due and are deleted", async () => {
  const mod = c.moderator;
  const v = (await mod.get('/accounts/1')).body.paper_versions[0];
  const day = new Date().toISOString().slice(0, 10);
  const added = await mod.post('/accounts/1/contributors', { name: 'Priya Shah', relation: 'Parent (PTA)',
    paper_version_id: String(v.version_id), paper_date: day, training_on: day });
  assert.equal(added.status, 201, added.text);
  const cid = added.body.contributor.id;
  one(`INSERT INTO contributor_paper_scans VALUES (${cid}, 'paper.png', 'image/png', 1, '00', X'00')`);
  one(`INSERT INTO contributor_paper_scan_original VALUES (${cid}, '${'a'.repeat(64)}')`);
  assert.ok(!(await dueKeys('head')).includes(`contributor_paper:${cid}`), 'while they run it: never due');
  assert.equal((await mod.post(`/accounts/1/contributors/${cid}/remove`)).status, 200);
  assert.equal(one(`SELECT count(*) FROM contributor_paper WHERE contributor_id = ${cid}`), '1', 'kept after removal');
  assert.equal((await del('head', 'contributor_paper', cid)).status, 409, 'six years after removal');

  one(`UPDATE account_contributors SET removed_at = '2018-03-01T10:00:00Z' WHERE id = ${cid}`);
  const due = (await c.head.get('/admin/retention')).body.due;
  const paper = due.find((d) => d.record_type === 'contributor_paper' && d.record_id === cid);
  const training = due.find((d) => d.record_type === 'contributor_training' && d.record_id === cid);
  assert.ok(paper && training);
  assert.equal(paper.due, '2024-03-01');
  assert.match(paper.label, /with its scan/);
  assert.doesNotMatch(paper.label + training.label, /Priya/);
  assert.match(paper.label, new RegExp(`, dated ${dateWords(day)}, with its scan$`), 'the dates in words');
  assert.ok(training.label.endsWith(` (not staff), ${dateWords(day)}`), training.label);
  // A staff contributor's own signature is under the staff rule, not this one.
  const staff = one('SELECT id FROM account_contributors WHERE user_id IS NOT NULL AND removed_at IS NOT NULL LIMIT 1');
  if (staff) assert.ok(!due.some((d) => d.record_type.startsWith('contributor_') && String(d.record_id) === staff));

  assert.equal((await del('head', 'contributor_paper', cid)).status, 200);
  assert.equal(one(`SELECT (SELECT count(*) FROM contributor_paper WHERE contributor_id = ${cid}) + ` +
    `(SELECT count(*) FROM contributor_paper_scans WHERE contributor_id = ${cid}) + ` +
    `(SELECT count(*) FROM contributor_paper_scan_original WHERE contributor_id = ${cid})`), '0',
  'the scan, and the hash of the file as sent, go with the paper');
  assert.equal(one(`SELECT count(*) FROM contributor_training WHERE contributor_id = ${cid}`), '1', 'each is its own record');
  assert.equal((await del('admin', 'contributor_training', cid)).status, 200);
  assert.equal(one(`SELECT count(*) FROM contributor_training WHERE contributor_id = ${cid}`), '0');
  assert.equal(one(`SELECT count(*) FROM account_contributors WHERE id = ${cid}`), '1', 'the register keeps who ran it');
});

test('an answered subject access request comes due, is never shown to its subject, and is deleted', async () => {
  const rec = await c.dpo.post('/sar', { email: 'head@demo.school', received_on: '2018-01-05' });
  assert.equal(rec.status, 201, rec.text);
  const id = rec.body.request.id;
  const open = await c.dpo.post('/sar', { email: 'teacher@demo.school', received_on: '2018-01-05' });
  const openId = open.body.request.id;
  assert.ok(!(await dueKeys('admin')).includes(`sar:${id}`), 'open: never due');
  assert.equal((await c.dpo.post(`/sar/${id}/close`, { responded_on: '2018-01-20' })).status, 200);

  assert.ok((await dueKeys('admin')).includes(`sar:${id}`), 'six years after the response');
  assert.ok(!(await dueKeys('admin')).includes(`sar:${openId}`));
  assert.ok(!(await dueKeys('head')).includes(`sar:${id}`), 'not to the person it is about');
  const was = state();
  assert.equal((await c.head.post('/admin/retention/hold', { record_type: 'sar', record_id: String(id), reason: 'x' })).status, 404);
  assert.equal((await del('head', 'sar', id)).status, 404);
  assert.equal(state(), was, 'refused: nothing changed');

  assert.equal((await del('admin', 'sar', id)).status, 200);
  assert.equal(one(`SELECT count(*) FROM subject_access_requests WHERE id = ${id}`), '0');
  const label = one(`SELECT label FROM disposals WHERE record_type = 'sar' AND record_id = ${id}`);
  assert.match(label, /^SAR-0+\d+, received 5 Jan 2018, answered 20 Jan 2018$/);
  const reg = (who) => c[who].get('/admin/retention').then((r) => r.body.disposals.some((d) => d.record_type === 'sar'));
  assert.equal(await reg('admin'), true);
  assert.equal(await reg('head'), false, "the register's entry is not shown to its subject");

  // The highest request deleted: the next takes a number after it, never its number again.
  assert.equal((await c.dpo.post(`/sar/${openId}/close`, { responded_on: '2018-01-20' })).status, 200);
  assert.equal((await del('admin', 'sar', openId)).status, 200);
  assert.equal(one('SELECT count(*) FROM subject_access_requests WHERE id >= ' + openId), '0');
  const next = await c.dpo.post('/sar', { email: 'ta@demo.school', received_on: '2018-02-05' });
  assert.equal(next.status, 201, next.text);
  assert.equal(next.body.request.id, openId + 1);
});

test('a report of damage or a fault dealt with comes due, keeps its number, and is deleted with its notifications', async () => {
  const report = async (equipment) => {
    const r = await c.teacher.post('/faults', { equipment, location: 'Room 12', problem: 'No picture.',
      cause: 'Mrs Green knocked it.', stops_work: 'no' });
    assert.equal(r.status, 201, r.text);
    return r.body.fault.id;
  };
  const held = await report('Projector');
  const gone = await report('Visualiser');
  const open = await report('Printer');
  for (const id of [held, gone])
    assert.equal((await c.network.post(`/faults/${id}/decision`, { outcome: 'fixed', note: 'Cable reseated.' })).status, 200);
  // Dealt with today: kept six years, which its page says, and not yet due.
  const page = (await c.teacher.page(`/faults/${gone}`)).text;
  const until = `${Number(new Date().toISOString().slice(0, 4)) + 6}`;
  assert.match(page, new RegExp(`<dt>Kept until</dt><dd><time datetime="${until}-\\d\\d-\\d\\d">[^<]+</time>, then listed for the retention review</dd>`));
  assert.doesNotMatch((await c.teacher.page(`/faults/${open}`)).text, /Kept until/, 'open: no date yet');
  assert.ok(!(await dueKeys('head')).includes(`fault:${gone}`));
  assert.equal((await del('head', 'fault', gone)).status, 409);

  one(`UPDATE fault_reports SET reported_at = '2018-02-27T09:00:00Z', dealt_at = '2018-03-01T10:00:00Z' WHERE id IN (${held}, ${gone})`);
  one(`UPDATE fault_reports SET reported_at = '2018-02-27T09:00:00Z' WHERE id = ${open}`);
  for (const who of ['head', 'admin']) {
    const keys = await dueKeys(who);
    assert.ok(keys.includes(`fault:${gone}`) && keys.includes(`fault:${held}`), who);
    assert.ok(!keys.includes(`fault:${open}`), 'open: never due');
  }
  const row = (await c.admin.get('/admin/retention')).body.due.find((d) => d.record_type === 'fault' && d.record_id === gone);
  assert.equal(row.due, '2024-03-01');
  assert.equal(row.label, `FT-${String(gone).padStart(5, '0')}, reported 27 Feb 2018, dealt with 1 Mar 2018`,
    'its reference and dates: not what was said, nor who said it');
  assert.match((await c.head.page('/admin/retention')).text, /Report of damage or a fault/);

  // A legal hold keeps one: its page says so to the network manager, not to the reporter.
  assert.equal((await c.head.post('/admin/retention/hold', { record_type: 'fault', record_id: String(held), reason: 'Insurance claim' })).status, 201);
  assert.equal((await del('head', 'fault', held)).status, 409);
  assert.match((await c.network.page(`/faults/${held}`)).text, /a legal hold keeps it longer/);
  assert.doesNotMatch((await c.teacher.page(`/faults/${held}`)).text, /legal hold/);

  assert.ok(Number(one(`SELECT count(*) FROM notifications WHERE link = '/faults/${gone}'`)) > 0);
  const r = await del('admin', 'fault', gone);
  assert.equal(r.status, 200, r.text);
  assert.equal(one(`SELECT count(*) FROM fault_reports WHERE id = ${gone}`), '0');
  assert.equal(one(`SELECT count(*) FROM notifications WHERE link = '/faults/${gone}'`), '0', 'its notifications go with it');
  for (const who of ['teacher', 'network', 'head'])
    assert.equal((await c[who].get(`/faults/${gone}`)).status, 404, who);
  assert.ok(!(await c.teacher.get('/faults')).body.mine.some((f) => f.id === gone));
  assert.equal(one(`SELECT count(*) FROM disposals WHERE record_type = 'fault' AND record_id = ${gone} AND label NOT LIKE '%Green%'`), '1');
  // Its rows in the log: to those who read every report, not to an administrator who could not open it.
  const ref = `FT-${String(gone).padStart(5, '0')}`;
  const logged = (who) => c[who].get(`/audit?object=${ref}`).then((x) => x.body.audit.filter((a) => a.object === ref).length);
  assert.ok(await logged('head') >= 2, 'reported and dealt with');
  assert.equal(await logged('admin'), 0);

  // The highest report deleted: the next takes a number after it, never its number again.
  assert.equal((await c.network.post(`/faults/${open}/decision`, { outcome: 'not_fault', note: 'Out of paper.' })).status, 200);
  one(`UPDATE fault_reports SET dealt_at = '2018-03-01T10:00:00Z' WHERE id = ${open}`);
  assert.equal((await del('head', 'fault', open)).status, 200);
  assert.equal(one(`SELECT count(*) FROM fault_reports WHERE id >= ${open}`), '0');
  assert.equal(await report('Laptop'), open + 1);
});

test('bad input to the review is refused and changes nothing', async () => {
  const was = state();
  for (const [form, status] of [
    [{ record_type: 'pupil_list', record_id: '1', reason: 'x' }, 400],
    [{ record_type: 'sar', record_id: 'one', reason: 'x' }, 400],
    [{ record_type: 'contributor_paper', record_id: '1' }, 400],
    [{ record_type: 'contributor_paper', record_id: '99999', reason: 'x' }, 404],
    [{ record_type: 'do_not_publish', record_id: '99999', reason: 'x' }, 404],
    [{ record_type: 'fault', record_id: '99999', reason: 'x' }, 404],
  ]) {
    assert.equal((await c.head.post('/admin/retention/delete', form)).status, status, JSON.stringify(form));
    assert.equal((await c.head.post('/admin/retention/hold', form)).status, status, JSON.stringify(form));
  }
  // the words of the form's "Record type" choices, not the code
  const held = await c.head.post('/admin/retention/hold', { record_type: 'contributor_paper', record_id: '99999', reason: 'x' });
  assert.equal(held.body.error, 'There is no paper signature of a contributor who is not staff with that number.');
  const gone = await c.head.post('/admin/retention/delete', { record_type: 'do_not_publish', record_id: '99999', reason: 'x' });
  assert.match(gone.body.error, /^There is no pupil taken off the do-not-publish list with that number/);
  assert.equal(state(), was);
});

test('a refused legal hold is told beside each field of its form', async () => {
  const form = (fields) => c.head.request('POST', '/admin/retention/hold', { form: fields, json: false });
  // The field each message is about, and its message just above it.
  const beside = (html, field, message) => assert.match(html, new RegExp(
    `<p class="field-error" id="e-${field}">${message}</p>\\n<(input|select) id="f-${field}" [^>]*aria-describedby="(h-${field} )?e-${field}" aria-invalid="true"`));
  let r = await form({ record_type: 'training', record_id: '1', reason: '' });
  assert.equal(r.status, 400);
  beside(r.text, 'reason', 'Enter the reason\\.');
  r = await form({ record_type: 'training', record_id: 'the first', reason: 'A claim' });
  assert.equal(r.status, 400);
  beside(r.text, 'record_id', 'Record number must [^<]*');
  // Not above "Record type", which is not what it is about.
  assert.doesNotMatch(r.text, /id="e-record_id">[^<]*<\/p>\n<div class="field[^"]*"><label for="f-record_type">/);
  assert.match(r.text, /<label for="f-record_id">Record number<\/label>\n(<p class="hint"[^\n]*\n)?<p class="field-error" id="e-record_id">/);
});

test("a legal hold on a concern is placed by the reference staff know it by, or by its number", async () => {
  const [concern, reference] = one("SELECT id || '|' || reference FROM concerns WHERE status != 'closed' " +
    'AND about_id IS NULL ORDER BY id LIMIT 1').split('|');
  const hold = (record_id, record_type = 'concern') =>
    c.head.post('/admin/retention/hold', { record_type, record_id, reason: 'The police asked us to keep it' });
  const was = state();
  // A reference that is no concern's, a reference for a record that has none, and words.
  let r = await hold('C-1999-000001');
  assert.equal(r.status, 404);
  assert.equal(r.body.error, 'There is no concern with that reference.');
  r = await hold(reference, 'training');
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'record_id');
  assert.equal(r.body.error, 'Record number must be a whole number above 0.');
  r = await hold('the first one');
  assert.equal(r.status, 400);
  assert.equal(r.body.error, "Enter the concern's reference, like C-2026-000001, or its number.");
  assert.equal(state(), was);
  // The reference, in any case, holds the concern of that number.
  r = await hold(reference.toLowerCase());
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body, { record_type: 'concern', record_id: Number(concern) });
  assert.equal(one(`SELECT count(*) FROM legal_holds WHERE record_type = 'concern' AND record_id = ${concern}`), '1');
  assert.equal((await hold(concern)).status, 409, 'the same concern by its number');
  assert.equal((await c.head.post('/admin/retention/release',
    { record_type: 'concern', record_id: concern, reason: 'Done' })).status, 200);
  // The form says so.
  const page = (await c.head.page('/admin/retention')).text;
  assert.match(page, /<p class="hint" id="h-record_id">[^<]*its reference \(like C-2026-000001\)/);
  assert.doesNotMatch(page, /id="f-record_id" [^>]*inputmode="numeric"/);
});
