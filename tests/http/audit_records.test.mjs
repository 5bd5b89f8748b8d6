// The audit log names a filtering request, an exception to the policies, an
// application for an account, a school account or a fault report only to
// those who may open it: a record a person may not see is 404 in every view.  The administrator
// reads the log but opens none of another's (their handlers answer 404), so
// neither the record's own rows (its reference, kind, dates, the account's
// name) nor the refusals naming its path are shown to them: not on the page,
// not in its JSON, not found by filtering by action or object, not offered
// as an action to filter by.  The headteacher, who opens them all, still
// reads every row; the administrator reads the rows of a request of their
// own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { application } from './account_lib.mjs';

let s;
const c = {};
const pad = (id) => String(id).padStart(5, '0');
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

before(async () => {
  s = await startServer();
  for (const w of ['teacher', 'head', 'admin']) c[w] = await s.login(`${w}@demo.school`);
});
after(async () => { await s.stop(); });

// Everything the reader's log shows for these queries, as one text.
async function log(who, queries) {
  const parts = [];
  for (const q of queries) {
    const r = await c[who].get(`/audit${q}`);
    assert.equal(r.status, 200, r.text);
    parts.push(JSON.stringify(r.body.audit));
  }
  return parts.join('\n');
}

// A record the administrator may not open (refused: 404) leaves no trace in
// their log, while the headteacher reads its rows and the refusal.
async function hiddenFromAdmin({ action, names, words = [], path, refuse }) {
  const r = await refuse();
  assert.equal(r.status, 404, 'the administrator may not open it');
  const queries = ['', `?action=${action}`, '?action=access.refused',
    ...names.map((n) => `?object=${encodeURIComponent(n)}`)];
  const seen = await log('admin', queries);
  for (const n of [...names, ...words]) assert.ok(!seen.includes(n), `the administrator's log names ${n}`);
  for (const q of queries.slice(3)) {
    assert.deepEqual((await c.admin.get(`/audit${q}`)).body.audit, [], `${q} finds nothing`);
  }
  const page = await c.admin.page(`/audit?action=${action}`);
  assert.equal(page.status, 200);
  for (const n of [...names, ...words]) assert.ok(!page.text.includes(n), `the page names ${n}`);
  const actions = (await c.admin.get('/audit')).body.actions.map((a) => a.action);
  assert.ok(!actions.includes(action), `${action} is offered as a filter`);

  const all = await log('head', queries);
  for (const n of [...names, ...words]) assert.ok(all.includes(n), `the headteacher's log lacks ${n}`);
  const refused = (await c.head.get(`/audit?object=${encodeURIComponent(path)}`)).body.audit;
  assert.ok(refused.some((x) => x.action === 'access.refused' && x.actor === 'admin@demo.school'),
    'the headteacher sees the refusal');
}

test('a filtering request: its rows are hidden from the administrator', async () => {
  const r = await c.teacher.post('/filtering/requests', { kind: 'unblock',
    site: 'https://audit-maps.example', reason: 'Year 4 geography lessons need it.' });
  assert.equal(r.status, 201, r.text);
  const { id, reference } = r.body.request;
  assert.equal(reference, `F-${pad(id)}`);
  const path = `/filtering/requests/${id}/decision`;
  await hiddenFromAdmin({ action: 'filtering.request', names: [reference, path], path,
    refuse: () => c.admin.post(path, { decision: 'done', decision_reason: 'Fine by me.' }) });
});

test('an exception to the policies: its rows are hidden from the administrator, not their own', async () => {
  const r = await c.teacher.post('/permissions/exceptions', { what: 'Carry my phone on the trip',
    why: 'I lead a group away from the coach.', from_on: day(3), until_on: day(3) });
  assert.equal(r.status, 201, r.text);
  const { id, reference } = r.body.exception;
  assert.equal(reference, `X-${pad(id)}`);
  const path = `/permissions/exceptions/${id}/decision`;
  await hiddenFromAdmin({ action: 'exception.request', names: [reference, path], path,
    refuse: () => c.admin.post(path, { decision: 'approved', decision_reason: 'Fine by me.' }) });
  // The administrator's own request is theirs to open, and so are its rows.
  const own = await c.admin.post('/permissions/exceptions', { what: 'Work from home on the inset day',
    why: 'The office is being painted.', from_on: day(4), until_on: day(4) });
  assert.equal(own.status, 201, own.text);
  const mine = await log('admin', ['?action=exception.request']);
  assert.ok(mine.includes(own.body.exception.reference), 'the administrator sees their own');
  assert.ok(!mine.includes(reference));
});

test('an application for an account: its rows are hidden from the administrator', async () => {
  const r = await c.teacher.post('/accounts/applications',
    application({ name: 'hillside_audit_trail' }));
  assert.equal(r.status, 201, r.text);
  const id = r.body.application.id;
  const object = `accounts/applications/${id}`, path = `/${object}`;
  await hiddenFromAdmin({ action: 'account.apply', names: [object, path],
    words: ['hillside_audit_trail'], path,
    refuse: () => c.admin.get(path) });
});

test('a school account: its rows are hidden from the administrator', async () => {
  const id = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = 'Year 3 class blog'"));
  const object = `accounts/${id}`, path = `/${object}`;
  await hiddenFromAdmin({ action: 'account.register', names: [object, path], path,
    refuse: () => c.admin.get(path) });
});

test('a fault report: its rows are hidden from the administrator, not their own', async () => {
  const r = await c.teacher.post('/faults', { equipment: 'Interactive whiteboard', location: 'Room 12',
    problem: 'The pen no longer writes.', stops_work: 'yes' });
  assert.equal(r.status, 201, r.text);
  const { id, reference } = r.body.fault;
  assert.equal(reference, `FT-${pad(id)}`);
  const path = `/faults/${id}`;
  await hiddenFromAdmin({ action: 'fault.report', names: [reference, path], path,
    refuse: () => c.admin.get(path) });
  // The administrator's own report is theirs to open, and so are its rows.
  const own = await c.admin.post('/faults', { equipment: 'Office printer', problem: 'It jams on every page.',
    stops_work: 'no' });
  assert.equal(own.status, 201, own.text);
  const mine = await log('admin', ['?action=fault.report']);
  assert.ok(mine.includes(own.body.fault.reference), 'the administrator sees their own');
  assert.ok(!mine.includes(reference));
});

// Records no page opens one by one, read only by some: a member of staff's
// own self-checks (by them alone), the lessons teachers authorise (by each
// teacher, the network manager and the leaders) and the checks of the
// filtering (by those who read its log).  Their rows are hidden from the
// administrator, who reads none of them, as the records are; the
// headteacher reads the lesson's and the check's rows, and no one's
// self-check but their own.
test('a self-check, a lesson authorised and a filtering check: their rows are hidden from those who do not read them', async () => {
  const network = await s.login('network@demo.school');
  let r = await c.teacher.post('/conduct/checks', { kind: 'search' });
  assert.equal(r.status, 200, r.text);
  r = await c.teacher.post('/permissions/lessons', { class_name: '6Audit', lesson_on: day(2),
    service: 'YouTube', use: 'Watching a volcano erupt in geography.' });
  assert.equal(r.status, 201, r.text);
  const lesson = `lesson:${r.body.lesson.id}`;
  r = await network.post('/filtering/checks', { kind: 'check', done_on: day(0),
    tested: 'The test pages of the filtering provider.' });
  assert.equal(r.status, 201, r.text);
  const check = `FC-${pad(r.body.check.id)}`;
  const rows = [['conduct.self_check', 'search'], ['lesson.authorise', lesson], ['filtering.check', check]];
  const seenBy = async (who) => {
    const seen = [];
    for (const [action, object] of rows) {
      const a = (await c[who].get(`/audit?action=${action}`)).body.audit;
      const o = (await c[who].get(`/audit?object=${encodeURIComponent(object)}`)).body.audit;
      if (a.some((x) => x.object === object && x.actor === 'teacher@demo.school' || x.object === check)) seen.push(action);
      else assert.ok(!o.some((x) => x.action === action), `${who} finds ${action} by its object`);
    }
    return seen;
  };
  // The page first: a search of the administrator's own is logged with the
  // object they looked for, and shown to them.
  const page = await c.admin.page('/audit');
  assert.ok(!page.text.includes(lesson) && !page.text.includes(check), 'the page names none');
  const offered = (await c.admin.get('/audit')).body.actions.map((x) => x.action);
  for (const [action] of rows) assert.ok(!offered.includes(action), `${action} is offered to the administrator`);
  assert.deepEqual(await seenBy('admin'), [], 'the administrator sees none');
  assert.deepEqual(await seenBy('head'), ['lesson.authorise', 'filtering.check'],
    'the headteacher sees the lesson and the check, not the self-check');
  // Their own rows stay theirs: the administrator's own self-check.
  assert.equal((await c.admin.post('/conduct/checks', { kind: 'privacy' })).status, 200);
  const own = (await c.admin.get('/audit?action=conduct.self_check')).body.audit;
  assert.ok(own.length >= 1 && own.every((x) => x.actor === 'admin@demo.school'), JSON.stringify(own));
});
