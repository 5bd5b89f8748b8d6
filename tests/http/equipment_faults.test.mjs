// Damage and faults in equipment and software (slyne's staff agreement: "I
// will report any damage or faults involving equipment or software, however
// this may have happened"): anyone signed in reports one; the network
// manager is told, sees the open ones (those that stop someone working
// first) and marks each fixed or not a fault with a note; the reporter sees
// their own and is told; the headteacher reads them; anyone else gets 404;
// bad input is refused and stores nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { startSink } from './smtp_sink.mjs';

let s;
before(async () => { s = await startServer(); });
after(() => s.stop());

const count = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
const unread = (db, email, link) => Number(sql(db, 'SELECT count(*) FROM notifications n JOIN users u ON ' +
  `u.id = n.user_id WHERE u.email = '${email}' AND n.link = '${link}' AND n.read_at IS NULL`));
const FAULT = { equipment: 'Interactive whiteboard', location: 'Room 12', problem: 'The pen no longer draws.',
  cause: '', stops_work: 'yes' };
let n = 0;
// Each report its own, so that none is refused as the same one sent twice.
const fault = (extra = {}) => ({ ...FAULT, problem: `${FAULT.problem} (${++n})`, ...extra });

test('a report: the network manager told and dealing with it, the reporter told', async () => {
  const teacher = await s.login('teacher@demo.school');
  const network = await s.login('network@demo.school');
  const head = await s.login('head@demo.school');
  const r = await teacher.post('/faults', fault({ cause: 'I do not know.' }));
  assert.equal(r.status, 201, r.text);
  const { id, reference } = r.body.fault;
  assert.match(reference, /^FT-\d{5}$/);
  assert.equal(r.body.fault.stops_work, true);
  assert.equal(sql(s.db, `SELECT equipment || '|' || location || '|' || cause || '|' || stops_work FROM fault_reports WHERE id = ${id}`),
    'Interactive whiteboard|Room 12|I do not know.|1');
  const link = `/faults/${id}`;
  assert.equal(unread(s.db, 'network@demo.school', link), 1, 'the network manager is told');
  assert.equal(unread(s.db, 'head@demo.school', link), 0, 'the headteacher is not, with a network manager active');
  assert.equal(unread(s.db, 'teacher@demo.school', link), 0);
  assert.equal(count(`audit WHERE action = 'fault.report' AND object = '${reference}' AND detail = 'stops_work=yes'`), 1);
  assert.equal(count("audit WHERE action = 'fault.report' AND detail LIKE '%whiteboard%'"), 0, 'what is wrong stays out of the log');

  // On the network manager's tasks, urgent: it stops someone working.
  const task = (await network.get('/')).body.tasks.find((t) => t.kind === 'faults_open');
  assert.ok(task && task.urgent, 'an urgent task');
  assert.equal(task.link, '/faults');
  // Their list: open ones, those that stop someone working first, newest first.
  const list = (await network.get('/faults')).body;
  assert.equal(list.may_deal, true);
  assert.equal(list.to_deal[0].id, id);
  const order = list.to_deal.map((f) => [f.stops_work ? 1 : 0, f.id]);
  assert.deepEqual(order, [...order].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
  assert.ok(list.to_deal.every((f) => f.open && f.outcome === null));
  assert.ok(list.dealt.every((f) => !f.open));
  // The headteacher reads the list and the report, but does not deal with it.
  const headList = (await head.get('/faults')).body;
  assert.equal(headList.may_read, true);
  assert.equal(headList.may_deal, false);
  assert.ok(headList.to_deal.some((f) => f.id === id));
  assert.equal((await head.get(link)).body.may_deal, false);
  assert.equal((await head.post(`${link}/decision`, { outcome: 'fixed', note: 'x' })).status, 403);

  const page = await network.page(link);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`action="${link}/decision"`));
  assert.match(visibleText(page.text), /Stops them working Yes/);
  const d = await network.post(`${link}/decision`, { outcome: 'fixed', note: 'New pen batteries fitted.' });
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(d.body.fault, { id, reference, outcome: 'fixed' });
  assert.equal(sql(s.db, `SELECT outcome || '|' || outcome_note || '|' || (dealt_by = (SELECT id FROM users WHERE email = 'network@demo.school')) FROM fault_reports WHERE id = ${id}`),
    'fixed|New pen batteries fitted.|1');
  assert.equal(unread(s.db, 'network@demo.school', link), 0, 'dealt with: the notification is cleared');
  assert.equal(sql(s.db, 'SELECT n.message FROM notifications n JOIN users u ON u.id = n.user_id ' +
    `WHERE u.email = 'teacher@demo.school' AND n.link = '${link}'`), `Your fault report ${reference} (Interactive whiteboard): fixed.`);
  assert.equal(count(`audit WHERE action = 'fault.decide' AND object = '${reference}' AND detail = 'outcome=fixed'`), 1);
  // Dealt with once: a second decision is refused and changes nothing.
  const again = await network.post(`${link}/decision`, { outcome: 'not_fault', note: 'Changed my mind.' });
  assert.equal(again.status, 409);
  assert.match(again.body.error, /already been dealt with/);
  assert.equal(sql(s.db, `SELECT outcome FROM fault_reports WHERE id = ${id}`), 'fixed');
  assert.equal(count(`audit WHERE action = 'fault.decide' AND object = '${reference}'`), 1);
  assert.doesNotMatch((await network.page(link)).text, /action="[^"]*decision"/, 'no form once dealt with');

  // The reporter sees it, its state and the note, in their list and its page.
  const mine = (await teacher.get('/faults')).body;
  assert.equal(mine.may_read, false);
  assert.equal(mine.to_deal, undefined);
  assert.equal(mine.dealt, undefined);
  assert.equal(mine.mine[0].id, id);
  assert.equal(mine.mine[0].outcome_label, 'Fixed');
  const own = await teacher.get(link);
  assert.equal(own.status, 200);
  assert.equal(own.body.fault.outcome_note, 'New pen batteries fitted.');
  assert.equal(own.body.may_deal, false);
  const text = visibleText((await teacher.page(link)).text);
  assert.match(text, /Fixed by Raj Singh, \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/, 'a date in words');
  assert.match(text, /New pen batteries fitted\./);
  assert.doesNotMatch(text, /not_fault|stops_work/, 'words, not codes');
});

test('the page says to report whatever the cause, and works as a plain form', async () => {
  const volunteer = await s.login('volunteer@demo.school');
  const page = await volunteer.page('/faults');
  assert.equal(page.status, 200);
  assert.match(visibleText(page.text), /however it happened/);
  assert.match(page.text, /<label for="f-equipment">Equipment or software<\/label>/);
  assert.match(page.text, /<legend>Does it stop you working\?<\/legend>/);
  // A browser: 303 to the report's page, with the message.
  const r = await volunteer.request('POST', '/faults', { json: false,
    form: { equipment: 'Library tablet 2', location: '', problem: 'The screen is cracked.', cause: '', stops_work: 'no' } });
  assert.equal(r.status, 303, r.text);
  const id = sql(s.db, "SELECT max(id) FROM fault_reports WHERE equipment = 'Library tablet 2'");
  assert.equal(r.headers.get('location'), `/faults/${id}`);
  const shown = visibleText((await volunteer.page(`/faults/${id}`)).text);
  assert.match(shown, /Your report has been sent to the network manager/);
  assert.match(shown, /Room or place Not given/);
  assert.match(shown, /How it happened Not known/);
  assert.match(shown, /Open\s*: the network manager has not dealt with it yet/);
  // Not stopping anyone: a task that is not urgent unless another one does.
  assert.equal(sql(s.db, `SELECT stops_work FROM fault_reports WHERE id = ${id}`), '0');
});

test('refused input: each problem named in the words of the page, nothing stored', async () => {
  const teacher = await s.login('teacher@demo.school');
  const stored = () => [count('fault_reports'), count("audit WHERE action GLOB 'fault.*'"), count('notifications')];
  const was = stored();
  const cases = [
    [{ equipment: '' }, 'equipment', /^Enter the equipment or software\.$/],
    [{ equipment: '   ' }, 'equipment', /^Enter the equipment or software\.$/],
    [{ problem: '' }, 'problem', /^Say what is wrong\.$/],
    [{ stops_work: '' }, 'stops_work', /Does it stop you working\?/],
    [{ stops_work: 'maybe' }, 'stops_work', /Does it stop you working\?/],
    [{ equipment: 'x'.repeat(201) }, 'equipment', /Equipment or software/],
    [{ location: 'x'.repeat(201) }, 'location', /Room or place/],
    [{ problem: 'x'.repeat(2001) }, 'problem', /What is wrong/],
    [{ cause: 'x'.repeat(2001) }, 'cause', /How it happened/],
  ];
  for (const [change, field, message] of cases) {
    const form = fault(change);
    for (const k of Object.keys(form)) if (form[k] === '' && k !== 'location' && k !== 'cause') delete form[k];
    const r = await teacher.post('/faults', form);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field);
    assert.match(r.body.error, message);
  }
  // Every problem at once, and the form shown again with what was typed.
  const both = await teacher.request('POST', '/faults', { json: false, form: { equipment: '', problem: '', location: 'Hall', cause: '' } });
  assert.equal(both.status, 400);
  const text = visibleText(both.text);
  assert.match(text, /Enter the equipment or software\./);
  assert.match(text, /Say what is wrong\./);
  assert.match(both.text, /id="f-location"[^>]*value="Hall"/);
  assert.match(both.text, /id="f-equipment"[^>]*aria-invalid="true"/);
  assert.deepEqual(stored(), was, 'nothing stored, logged or notified');

  // The same report sent twice (a double click) is kept once.
  const once = fault();
  assert.equal((await teacher.post('/faults', once)).status, 201);
  const twice = await teacher.post('/faults', once);
  assert.equal(twice.status, 409);
  assert.match(twice.body.error, /You have reported this fault already, as FT-\d{5}\./);
  assert.equal(count(`fault_reports WHERE problem = '${once.problem}'`), 1);
});

test('a decision: only the network manager; an unknown report 404; bad input changes nothing', async () => {
  const teacher = await s.login('teacher@demo.school');
  const network = await s.login('network@demo.school');
  const id = (await teacher.post('/faults', fault())).body.fault.id;
  const open = () => sql(s.db, `SELECT outcome IS NULL AND dealt_at IS NULL FROM fault_reports WHERE id = ${id}`);
  const decided = () => count("audit WHERE action = 'fault.decide'");
  const was = decided();
  for (const who of ['teacher@demo.school', 'science@demo.school', 'admin@demo.school', 'dsl@demo.school']) {
    const c = await s.login(who);
    const r = await c.post(`/faults/${id}/decision`, { outcome: 'fixed', note: 'Done.' });
    assert.equal(r.status, 403, who);
  }
  // As refused for a report that does not exist: the role is asked first.
  assert.equal((await teacher.post('/faults/999999/decision', { outcome: 'fixed', note: 'Done.' })).status, 403);
  assert.equal((await network.post('/faults/999999/decision', { outcome: 'fixed', note: 'Done.' })).status, 404);
  assert.equal((await network.get('/faults/999999')).status, 404);
  let r = await network.post(`/faults/${id}/decision`, { note: 'Done.' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'outcome');
  assert.match(r.body.error, /^Choose the outcome\.$/);
  r = await network.post(`/faults/${id}/decision`, { outcome: 'broken', note: 'Done.' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'outcome');
  r = await network.post(`/faults/${id}/decision`, { outcome: 'fixed', note: '' });
  assert.equal(r.status, 400);
  assert.match(r.body.error, /^Enter the note\.$/);
  r = await network.post(`/faults/${id}/decision`, { outcome: 'fixed', note: 'x'.repeat(2001) });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'note');
  // A browser sees the report again, with the problem beside its field.
  const page = await network.request('POST', `/faults/${id}/decision`, { json: false, form: { outcome: 'fixed', note: '' } });
  assert.equal(page.status, 400);
  assert.match(visibleText(page.text), /Enter the note\./);
  assert.match(page.text, /id="f-note"[^>]*aria-invalid="true"/);
  assert.match(page.text, /id="f-outcome-fixed"[^>]*checked/);
  assert.equal(open(), '1', 'still open');
  assert.equal(decided(), was, 'nothing logged');
  // Not a fault, with its note: dealt with.
  r = await network.post(`/faults/${id}/decision`, { outcome: 'not_fault', note: 'The pen was switched off.' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await teacher.get(`/faults/${id}`)).body.fault.outcome_label, 'Not a fault');
});

test("someone else's report is 404 to everyone but the reporter, the network manager and the headteacher", async () => {
  const teacher = await s.login('teacher@demo.school');
  const r = await teacher.post('/faults', fault({ equipment: 'Zebra-laptop-4471' }));
  const { id } = r.body.fault;
  for (const who of ['science@demo.school', 'admin@demo.school', 'dsl@demo.school', 'deputy@demo.school', 'chair@demo.school']) {
    const c = await s.login(who);
    assert.equal((await c.get(`/faults/${id}`)).status, 404, `${who}: JSON`);
    const page = await c.page(`/faults/${id}`);
    assert.equal(page.status, 404, `${who}: page`);
    assert.doesNotMatch(page.text, /Zebra/);
    const list = await c.get('/faults');
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.text, /Zebra/, `${who}: not in their lists`);
    assert.doesNotMatch((await c.page('/faults')).text, /Zebra/);
    assert.doesNotMatch((await c.get('/')).text, /Zebra|faults_open/, `${who}: no task or notification of it`);
    assert.equal(unread(s.db, who, `/faults/${id}`), 0);
  }
  // The refusals are logged, as every 404 of a record is.
  assert.ok(count(`audit WHERE action = 'access.refused' AND object = '/faults/${id}'`) >= 5);
  for (const who of ['network@demo.school', 'head@demo.school', 'teacher@demo.school'])
    assert.equal((await (await s.login(who)).get(`/faults/${id}`)).status, 200, who);
});

test('the demo school has fault reports: one open that stops a lesson, two dealt with', async () => {
  const network = await s.login('network@demo.school');
  const list = (await network.get('/faults')).body;
  assert.ok(list.to_deal.some((f) => f.equipment === 'Classroom projector' && f.stops_work));
  assert.ok(list.dealt.some((f) => f.equipment === 'Library laptop 3' && f.outcome === 'fixed'));
  assert.ok(list.dealt.some((f) => f.outcome === 'not_fault'));
  const mine = (await (await s.login('ta@demo.school')).get('/faults')).body.mine;
  assert.deepEqual(mine.map((f) => f.equipment), ['Library laptop 3']);
});

test('e-mail, and a network manager no longer: the headteacher told, the old link closed', async () => {
  const sink = await startSink();
  const BASE = 'https://staffroom.hillside.test';
  const t = await startServer({ args: ['--smtp-url', sink.url, '--mail-from', 'staffroom@hillside.test', '--base-url', BASE] });
  try {
    const teacher = await t.login('teacher@demo.school');
    let network = await t.login('network@demo.school');
    const r = await teacher.post('/faults', fault({ equipment: 'Hall speakers' }));
    assert.equal(r.status, 201, r.text);
    const { id, reference } = r.body.fault;
    const toNetwork = (await sink.waitFor(1)).find((m) => m.to.some((a) => a.includes('network@demo.school')));
    assert.ok(toNetwork, 'the network manager is e-mailed');
    assert.match(toNetwork.data, /^Subject: A fault has been reported \(/m);
    assert.ok(toNetwork.data.includes(`${BASE}/faults/${id}`));
    assert.ok(toNetwork.data.includes(`Fault ${reference} reported: Hall speakers. It stops someone working.`));

    assert.equal((await network.post(`/faults/${id}/decision`, { outcome: 'fixed', note: 'Cable replaced.' })).status, 200);
    const toTeacher = (await sink.waitFor(2)).find((m) => m.to.some((a) => a.includes('teacher@demo.school')));
    assert.ok(toTeacher, 'the reporter is e-mailed');
    assert.match(toTeacher.data, /^Subject: Your fault report has been dealt with \(/m);
    assert.ok(toTeacher.data.includes(`${BASE}/faults/${id}`));

    // An open report, then the network manager gives up the role.
    const second = (await teacher.post('/faults', fault({ equipment: 'Office printer', stops_work: 'no' }))).body.fault;
    const note = sql(t.db, 'SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id ' +
      `WHERE u.email = 'network@demo.school' AND n.link = '/faults/${second.id}'`);
    assert.ok(note);
    const admin = await t.login('admin@demo.school');
    const uid = sql(t.db, "SELECT id FROM users WHERE email = 'network@demo.school'");
    const edit = await admin.post(`/admin/staff/${uid}`, { name: 'Raj Singh', staff_type: 'support' });
    assert.equal(edit.status, 200, edit.text);
    network = await t.login('network@demo.school'); // a change of roles ends their sessions
    assert.equal((await network.get(`/faults/${second.id}`)).status, 404, 'no longer theirs to open');
    assert.equal((await network.get(`/notifications/${note}`)).status, 404, 'nor the notification');
    assert.ok(!(await network.get('/')).body.notifications.some((x) => x.link === `/faults/${second.id}`));
    assert.ok(!(await network.get('/')).body.tasks.some((x) => x.kind === 'faults_open'));
    assert.equal((await network.post(`/faults/${second.id}/decision`, { outcome: 'fixed', note: 'x' })).status, 403);
    // With no network manager active, the headteacher hears of a new report.
    const third = (await teacher.post('/faults', fault({ equipment: 'Staffroom kettle socket' }))).body.fault;
    assert.equal(sql(t.db, 'SELECT n.message FROM notifications n JOIN users u ON u.id = n.user_id ' +
      `WHERE u.email = 'head@demo.school' AND n.link = '/faults/${third.id}'`),
    `Fault ${third.reference} reported: Staffroom kettle socket. No network manager is active in staffroom to deal with it.`);
  } finally {
    await t.stop();
    await sink.close();
  }
});

test('a network manager deals with a fault they reported themselves, and is not told of their own doing', async () => {
  const network = await s.login('network@demo.school');
  const r = await network.post('/faults', fault({ equipment: 'Server room air conditioning', stops_work: 'no' }));
  assert.equal(r.status, 201, r.text);
  const link = `/faults/${r.body.fault.id}`;
  assert.equal(count(`notifications WHERE link = '${link}'`), 0, 'nobody else deals with faults here');
  assert.equal((await network.get(link)).body.may_deal, true);
  const d = await network.post(`${link}/decision`, { outcome: 'fixed', note: 'Filter cleaned.' });
  assert.equal(d.status, 200, d.text);
  assert.equal(count(`notifications WHERE link = '${link}'`), 0);
  assert.ok((await network.get('/faults')).body.mine.some((f) => f.id === r.body.fault.id && f.outcome === 'fixed'));
});
