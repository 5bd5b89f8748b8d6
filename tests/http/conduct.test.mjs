// Images on a member of staff's own device: recorded with the event, due
// to be moved and deleted by the end of the next working day, confirmed by
// the person alone; overdue ones show to them and to the headteacher, and
// to nobody else; bad input changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(() => s.stop());

const count = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
// Audit rows of changes: a refusal's own row (access.refused) is not one.
const CHANGES = "audit WHERE action != 'access.refused'";
const tasksOf = async (c) => (await c.get('/')).body.tasks;
const today = () => sql(s.db, "SELECT date('now')");

test('recorded, due the next working day, confirmed once by its owner', async () => {
  const teacher = await s.login('teacher@demo.school');
  const r = await teacher.post('/conduct/images', { taken_on: today(), event: 'Year 5 rounders tournament' });
  assert.equal(r.status, 201, r.text);
  const { id, due_by: due } = r.body.images;
  // The end of a working day after today: a weekday, in the future.
  assert.ok(due > new Date().toISOString(), due);
  assert.ok(![0, 6].includes(new Date(due).getUTCDay()), `${due} is a weekday`);
  assert.equal(count(`audit WHERE action = 'conduct.images' AND object = 'DI-${String(id).padStart(5, '0')}'`), 1);
  assert.ok((await tasksOf(teacher)).some((t) => t.kind === 'device_images' && !t.urgent));

  // Only its owner confirms; for anyone else it does not exist.
  const science = await s.login('science@demo.school');
  assert.equal((await science.post(`/conduct/images/${id}/cleared`, { confirm: 'yes' })).status, 404);
  const head = await s.login('head@demo.school');
  assert.equal((await head.post(`/conduct/images/${id}/cleared`, { confirm: 'yes' })).status, 404);
  assert.equal((await teacher.post(`/conduct/images/${id}/cleared`, {})).status, 400, 'the confirmation is needed');
  assert.equal(sql(s.db, `SELECT cleared_at IS NULL FROM device_images WHERE id = ${id}`), '1');
  const ok = await teacher.post(`/conduct/images/${id}/cleared`, { confirm: 'yes' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await teacher.post(`/conduct/images/${id}/cleared`, { confirm: 'yes' })).status, 409);
  assert.ok(!(await tasksOf(teacher)).some((t) => t.kind.startsWith('device_images')));
  // Nobody else's records are listed for a member of staff.
  const page = await science.get('/conduct');
  assert.ok(page.body.images.every((i) => i.name === 'Daniel Reid'));
  assert.equal(page.body.images_overdue, undefined);
});

test('overdue: urgent for the person and for the headteacher only', async () => {
  const science = await s.login('science@demo.school');
  const head = await s.login('head@demo.school');
  const dsl = await s.login('dsl@demo.school');
  sql(s.db, "UPDATE device_images SET due_by = '2026-01-05T23:59:59Z' WHERE cleared_at IS NULL AND " +
    "user_id = (SELECT id FROM users WHERE email = 'science@demo.school')");
  const mine = (await tasksOf(science)).find((t) => t.kind === 'device_images_overdue');
  assert.ok(mine && mine.urgent);
  const staff = (await tasksOf(head)).find((t) => t.kind === 'device_images_staff');
  assert.ok(staff && staff.urgent && /1 record of images/.test(staff.message));
  const listed = await head.get('/conduct');
  assert.ok(listed.body.images_overdue.some((i) => i.name === 'Daniel Reid' && /science museum/.test(i.event)));
  assert.match(visibleText((await head.page('/conduct')).text), /Daniel Reid: Year 8 trip/);
  assert.ok(!(await tasksOf(dsl)).some((t) => t.kind.startsWith('device_images')));
  assert.equal((await dsl.get('/conduct')).body.images_overdue, undefined);
});

test('bad input: a clear 400 naming the field, nothing written', async () => {
  const teacher = await s.login('teacher@demo.school');
  const rows = count('device_images'), audits = count(CHANGES);
  let r = await teacher.post('/conduct/images', { taken_on: '2999-01-01', event: 'Sports day' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'taken_on');
  assert.match(r.body.error, /cannot be in the future/);
  r = await teacher.post('/conduct/images', { taken_on: today() });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'event');
  r = await teacher.post('/conduct/images', { taken_on: 'yesterday', event: 'Sports day' }, { json: false });
  assert.equal(r.status, 400);
  assert.match(r.text, /class="error-summary"/);
  assert.match(r.text, /value="Sports day"/, 'what was typed is kept');
  assert.equal((await teacher.post('/conduct/images/999999/cleared', { confirm: 'yes' })).status, 404);
  assert.equal(count('device_images'), rows);
  assert.equal(count(CHANGES), audits);
});

test('a declaration: seen by the person, the headteacher and the DSL only; acknowledged; renewed yearly', async () => {
  const teacher = await s.login('teacher@demo.school');
  const head = await s.login('head@demo.school');
  const dsl = await s.login('dsl@demo.school');
  const science = await s.login('science@demo.school');
  const chair = await s.login('chair@demo.school');
  const r = await teacher.post('/conduct/declarations', { kind: 'parent',
    details: 'Ella in Year 2 is my neighbour\u2019s daughter; her mother and I are friends online.' });
  assert.equal(r.status, 201, r.text);
  const id = r.body.declaration.id;
  assert.equal(sql(s.db, "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id " +
    "WHERE u.email = 'head@demo.school' AND n.message = 'Amy Clarke has declared a connection with a parent: acknowledge it.'"), '1');
  assert.equal(count("audit WHERE action = 'declaration.add' AND detail NOT LIKE '%Ella%'"), 1, 'no details on the log');

  const ids = async (c) => (await c.get('/conduct')).body.declarations.map((d) => d.id);
  assert.ok((await ids(teacher)).includes(id));
  assert.ok((await ids(head)).includes(id));
  assert.ok((await ids(dsl)).includes(id));
  assert.ok(!(await ids(science)).includes(id), 'another member of staff does not see it');
  assert.ok(!(await ids(chair)).includes(id), 'nor does the chair, for someone other than the headteacher');
  assert.doesNotMatch((await science.page('/conduct')).text, /neighbour/);
  for (const c of [science, chair])
    assert.equal((await c.post(`/conduct/declarations/${id}/acknowledge`)).status, 404);
  assert.equal((await dsl.post(`/conduct/declarations/${id}/acknowledge`)).status, 403, 'the DSL reads, the headteacher acknowledges');
  assert.equal((await teacher.post(`/conduct/declarations/${id}/acknowledge`)).status, 403);
  assert.ok((await tasksOf(head)).some((t) => t.kind === 'declaration_acknowledge'));

  const ack = await head.post(`/conduct/declarations/${id}/acknowledge`);
  assert.equal(ack.status, 200, ack.text);
  assert.equal((await head.post(`/conduct/declarations/${id}/acknowledge`)).status, 409);
  assert.equal(sql(s.db, "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE " +
    `u.email = 'head@demo.school' AND n.link = '/conduct#declaration-${id}' AND n.read_at IS NULL`), '0',
    'the headteacher\'s notification cleared once acknowledged');
  assert.equal(sql(s.db, `SELECT acknowledged_by = (SELECT id FROM users WHERE email = 'head@demo.school') FROM declarations WHERE id = ${id}`), '1');

  // A year on, the person is asked to renew; a renewal is acknowledged again.
  assert.ok(!(await tasksOf(teacher)).some((t) => t.kind === 'declaration_renew'));
  sql(s.db, `UPDATE declarations SET declared_on = date('now', '-1 year', '-1 day') WHERE id = ${id}`);
  assert.ok((await tasksOf(teacher)).some((t) => t.kind === 'declaration_renew'));
  assert.equal((await head.post(`/conduct/declarations/${id}`, { still: 'yes' })).status, 403, 'only its maker renews it');
  assert.equal((await science.post(`/conduct/declarations/${id}`, { still: 'yes' })).status, 404);
  const renew = await teacher.post(`/conduct/declarations/${id}`, { still: 'yes' });
  assert.equal(renew.status, 200, renew.text);
  assert.equal(sql(s.db, `SELECT declared_on = date('now') AND acknowledged_at IS NULL FROM declarations WHERE id = ${id}`), '1');
  assert.ok(!(await tasksOf(teacher)).some((t) => t.kind === 'declaration_renew'));
  // It no longer applies: gone from every list.
  const end = await teacher.post(`/conduct/declarations/${id}`, { still: 'no' });
  assert.equal(end.status, 200);
  assert.ok(!(await ids(head)).includes(id));
  assert.equal((await head.post(`/conduct/declarations/${id}/acknowledge`)).status, 404);
});

test("the headteacher's own declaration goes to the chair of governors", async () => {
  const head = await s.login('head@demo.school');
  const chair = await s.login('chair@demo.school');
  const r = await head.post('/conduct/declarations', { kind: 'account', details: 'I write a blog about school leadership.' });
  assert.equal(r.status, 201, r.text);
  const id = r.body.declaration.id;
  assert.equal((await head.post(`/conduct/declarations/${id}/acknowledge`)).status, 403, 'not by the headteacher');
  assert.ok((await chair.get('/conduct')).body.declarations.some((d) => d.id === id && d.may_acknowledge));
  assert.equal((await chair.post(`/conduct/declarations/${id}/acknowledge`)).status, 200);
});

test('the audit log names a declaration or an image record only to those who see it', async () => {
  // The administrator reads the log, but sees no declaration and no one else's image
  // record: their rows (and a refusal naming one) are left out for them, as the records are.
  const science = await s.login('science@demo.school');
  const head = await s.login('head@demo.school');
  const admin = await s.login('admin@demo.school');
  let r = await science.post('/conduct/declarations', { kind: 'pupil', details: 'Tutor of a Year 9 pupil outside school.' });
  assert.equal(r.status, 201, r.text);
  const d = `D-${String(r.body.declaration.id).padStart(5, '0')}`;
  r = await head.post('/conduct/declarations', { kind: 'parent', details: 'A parent on the PTA is my cousin.' });
  assert.equal(r.status, 201, r.text);
  const hd = `D-${String(r.body.declaration.id).padStart(5, '0')}`;
  r = await science.post('/conduct/images', { taken_on: today(), event: 'Science fair' });
  assert.equal(r.status, 201, r.text);
  const di = r.body.images.id, dref = `DI-${String(di).padStart(5, '0')}`;
  const declId = Number(d.slice(2));
  assert.equal((await admin.post(`/conduct/declarations/${declId}/acknowledge`)).status, 404);
  assert.equal((await admin.post(`/conduct/images/${di}/cleared`, { confirm: 'yes' })).status, 404);
  const log = async (c) => {
    const rows = [];
    for (const action of ['declaration.add', 'conduct.images', 'access.refused'])
      rows.push(...(await c.get(`/audit?action=${action}`)).body.audit);
    return JSON.stringify(rows);
  };
  const seen = await log(admin);
  for (const x of [d, hd, dref, `/conduct/declarations/${declId}/`, `/conduct/images/${di}/`])
    assert.ok(!seen.includes(x), `the administrator's log names ${x}`);
  assert.ok(!(await admin.page('/audit?action=declaration.add')).text.includes(d));
  // The headteacher, who sees every declaration and oversees image records, reads them all.
  const all = await log(head);
  for (const x of [d, hd, dref]) assert.ok(all.includes(x), `the headteacher's log lacks ${x}`);
});

test('a declaration with bad input is refused and nothing is written', async () => {
  const teacher = await s.login('teacher@demo.school');
  const rows = count('declarations'), audits = count(CHANGES), notes = count('notifications');
  let r = await teacher.post('/conduct/declarations', { kind: 'friend', details: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'kind');
  r = await teacher.post('/conduct/declarations', { kind: 'pupil', details: '' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'details');
  const empty = r.body.error;
  r = await teacher.post('/conduct/declarations', { kind: 'pupil', details: '  \n  ' });
  assert.equal(r.status, 400, 'details of only spaces are no details');
  assert.equal(r.body.field, 'details');
  assert.equal(r.body.error, empty);
  const page = await teacher.post('/conduct/declarations', { kind: 'account', details: '' }, { json: false });
  assert.match(page.text, /value="account" checked/, 'the choice is kept');
  assert.doesNotMatch(page.text, /value="parent" checked/);
  r = await teacher.post('/conduct/declarations/1', { still: 'maybe' });
  assert.equal(r.status, 400);
  assert.equal(count('declarations'), rows);
  assert.equal(count(CHANGES), audits);
  assert.equal(count('notifications'), notes);
});

test('self-checks: due at induction and yearly, recorded with the date only', async () => {
  const volunteer = await s.login('volunteer@demo.school');
  const teacher = await s.login('teacher@demo.school');
  // The volunteer has just joined: both checks are on "My tasks".
  const due = (await tasksOf(volunteer)).filter((t) => t.kind === 'self_check');
  assert.equal(due.length, 2);
  assert.ok(due.some((t) => /privacy settings/.test(t.message)) && due.some((t) => /Search for yourself/.test(t.message)));
  assert.ok(!(await tasksOf(teacher)).some((t) => t.kind === 'self_check'), 'done in September');
  const page = await volunteer.get('/conduct');
  assert.deepEqual(page.body.self_checks.map((c) => [c.kind, c.due]), [['privacy', true], ['search', true]]);
  assert.equal(typeof page.body.induction.to_sign, 'number');
  assert.equal(typeof page.body.induction.trained, 'boolean');

  const r = await volunteer.post('/conduct/checks', { kind: 'privacy' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.self_check.done_on, today());
  assert.equal((await volunteer.post('/conduct/checks', { kind: 'privacy' })).status, 200);
  assert.equal(count("self_checks WHERE kind = 'privacy' AND user_id = (SELECT id FROM users WHERE email = 'volunteer@demo.school')"), 1,
    'once a day');
  assert.deepEqual((await tasksOf(volunteer)).filter((t) => t.kind === 'self_check').length, 1);
  assert.equal((await volunteer.post('/conduct/checks', { kind: 'stalk' })).status, 400);

  // A year on, due again.
  sql(s.db, "UPDATE self_checks SET done_on = date('now', '-1 year') WHERE user_id = (SELECT id FROM users WHERE email = 'teacher@demo.school')");
  assert.equal((await tasksOf(teacher)).filter((t) => t.kind === 'self_check').length, 2);
});
