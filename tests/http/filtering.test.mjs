// The filtering record: anyone asks for a site to be blocked or unblocked;
// the network manager or the named senior leader decides, with a reason;
// the asker sees only their own requests and the decision; checks and the
// yearly review are recorded by those responsible; a review a year old is
// due on "My tasks"; bad input changes nothing.
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

test('a request: sent to the network manager, decided with a reason, the asker told', async () => {
  const teacher = await s.login('teacher@demo.school');
  const network = await s.login('network@demo.school');
  const before = count('filter_requests');
  const r = await teacher.post('/filtering/requests', { kind: 'block', site: 'quiz-cheats.example',
    reason: 'Year 9 found answers to the end-of-topic quiz there.' });
  assert.equal(r.status, 201, r.text);
  assert.match(r.body.request.reference, /^F-\d{5}$/);
  assert.equal(count('filter_requests'), before + 1);
  const id = r.body.request.id;
  assert.equal(sql(s.db, "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id " +
    `WHERE u.email = 'network@demo.school' AND n.message LIKE '%${r.body.request.reference}%quiz-cheats.example%'`), '1');
  assert.equal(count(`audit WHERE action = 'filtering.request' AND object = '${r.body.request.reference}'`), 1);
  // Urgent on the network manager's tasks: a site to block.
  const task = (await tasksOf(network)).find((t) => t.kind === 'filtering_block');
  assert.ok(task && task.urgent, 'a block request is an urgent task');

  const d = await network.post(`/filtering/requests/${id}/decision`, { decision: 'done',
    decision_reason: 'Blocked for pupil accounts.' });
  assert.equal(d.status, 200, d.text);
  assert.equal(sql(s.db, `SELECT decision || '|' || decision_reason FROM filter_requests WHERE id = ${id}`),
    'done|Blocked for pupil accounts.');
  // Dealt with: the deciders' notifications of it are cleared.
  assert.equal(sql(s.db, "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id " +
    `WHERE u.email = 'network@demo.school' AND n.link = '/filtering#request-${id}' AND n.read_at IS NULL`), '0');
  // Decided once: a second decision is refused and changes nothing.
  const again = await network.post(`/filtering/requests/${id}/decision`, { decision: 'refused',
    decision_reason: 'Changed my mind.' });
  assert.equal(again.status, 409);
  assert.equal(sql(s.db, `SELECT decision FROM filter_requests WHERE id = ${id}`), 'done');

  // The asker sees their own request and its decision, and nothing else.
  const mine = await teacher.get('/filtering');
  assert.equal(mine.body.requests[0].id, id);
  assert.equal(mine.body.requests[0].decision, 'done');
  assert.ok(mine.body.requests.every((q) => q.requested_by === 'Amy Clarke'), 'only their own');
  assert.equal(mine.body.checks, undefined, 'no checks for someone not responsible');
  const html = visibleText((await teacher.page('/filtering')).text);
  assert.match(html, /Done by Raj Singh/);
  assert.doesNotMatch(html, /video\.example/, 'another person\'s request is not shown');
  assert.equal(sql(s.db, "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id " +
    `WHERE u.email = 'teacher@demo.school' AND n.message LIKE '%${r.body.request.reference}: done%'`), '1');
});

test('a decider does not decide their own request: the other decider does', async () => {
  const network = await s.login('network@demo.school');
  const deputy = await s.login('deputy@demo.school');
  const r = await network.post('/filtering/requests', { kind: 'unblock', site: 'own-request.example',
    reason: 'Needed for a lesson on the rivers of Europe.' });
  assert.equal(r.status, 201, r.text);
  const id = r.body.request.id;
  const row = (await network.get('/filtering')).body.requests.find((q) => q.id === id);
  assert.equal(row.may_decide, false);
  const html = (await network.page('/filtering')).text;
  assert.doesNotMatch(html, new RegExp(`action="/filtering/requests/${id}/decision"`), 'no form on their own');
  const own = await network.post(`/filtering/requests/${id}/decision`, { decision: 'done', decision_reason: 'x' });
  assert.equal(own.status, 403);
  assert.match(own.body.error, /someone else decides it/);
  assert.equal(sql(s.db, `SELECT decision IS NULL FROM filter_requests WHERE id = ${id}`), '1');
  assert.equal((await deputy.get('/filtering')).body.requests.find((q) => q.id === id).may_decide, true);
  assert.equal((await deputy.post(`/filtering/requests/${id}/decision`,
    { decision: 'done', decision_reason: 'Unblocked for the lesson.' })).status, 200);
});

test('who decides: not the asker, not another member of staff; someone else\'s request is 404', async () => {
  const ta = await s.login('ta@demo.school');
  const science = await s.login('science@demo.school');
  const open = sql(s.db, 'SELECT id FROM filter_requests WHERE decision IS NULL ORDER BY id LIMIT 1');
  const asker = sql(s.db, `SELECT u.email FROM filter_requests f JOIN users u ON u.id = f.requested_by WHERE f.id = ${open}`);
  assert.equal(asker, 'ta@demo.school');
  const own = await ta.post(`/filtering/requests/${open}/decision`, { decision: 'done', decision_reason: 'x' });
  assert.equal(own.status, 403);
  const other = await science.post(`/filtering/requests/${open}/decision`, { decision: 'done', decision_reason: 'x' });
  assert.equal(other.status, 404);
  assert.equal(sql(s.db, `SELECT decision IS NULL FROM filter_requests WHERE id = ${open}`), '1');
  assert.equal((await science.post('/filtering/requests/999999/decision', { decision: 'done', decision_reason: 'x' })).status, 404);
  // The named senior leader decides too, and the DSL reads the whole log.
  const deputy = await s.login('deputy@demo.school');
  assert.equal((await deputy.get('/filtering')).body.may_decide_requests, true);
  const dsl = await s.login('dsl@demo.school');
  const log = await dsl.get('/filtering');
  assert.equal(log.body.may_read, true);
  assert.equal(log.body.may_decide_requests, false);
  assert.ok(log.body.requests.length >= 3);
});

test('bad input: a clear 400 naming the field, nothing written', async () => {
  const teacher = await s.login('teacher@demo.school');
  const network = await s.login('network@demo.school');
  const head = await s.login('head@demo.school');
  const requests = count('filter_requests'), checks = count('filter_checks'), audits = count(CHANGES);
  let r = await teacher.post('/filtering/requests', { kind: 'delete', site: 'x.example', reason: 'y' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'kind');
  r = await teacher.post('/filtering/requests', { kind: 'block', reason: 'y' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'site');
  // Only spaces are no answer: both fields refused, and no request stored.
  r = await teacher.post('/filtering/requests', { kind: 'block', site: '   ', reason: '   ' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['site', 'reason']);
  r = await teacher.post('/filtering/requests', { kind: 'block', site: 'x.example', reason: '' }, { json: false });
  assert.equal(r.status, 400);
  assert.match(r.text, /class="error-summary"/);
  assert.match(r.text, /value="x\.example"/, 'what was typed is kept');
  r = await teacher.post('/filtering/requests', { kind: 'unblock', site: 'y.example', reason: '' }, { json: false });
  assert.match(r.text, /value="unblock" checked/, 'the choice is kept');
  assert.doesNotMatch(r.text, /value="block" checked/);
  assert.match((await teacher.page('/filtering')).text, /value="block" checked/, 'block is ticked at first');
  r = await network.post('/filtering/checks', { kind: 'check', done_on: '2999-01-01', tested: 'Test pages' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'done_on');
  r = await network.post('/filtering/checks', { kind: 'audit', done_on: '2026-01-01', tested: 'Test pages' });
  assert.equal(r.status, 400);
  r = await teacher.post('/filtering/checks', { kind: 'check', done_on: '2026-01-01', tested: 'Test pages' });
  assert.equal(r.status, 403, 'a member of staff does not record checks');
  r = await head.post('/filtering/people', { leader: 'teacher@demo.school', governor: 'governor@demo.school' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'leader');
  assert.match(r.body.error, /not an active member of staff who is a senior leader/);
  r = await head.post('/filtering/people', { leader: 'deputy@demo.school', governor: 'teacher@demo.school' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'governor');
  r = await head.post('/filtering/people', { leader: 'teacher@demo.school', governor: 'ta@demo.school' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['leader', 'governor'], 'both problems at once');
  assert.match(r.body.errors[1].error, /'ta@demo.school' is not an active member of staff who is a governor/);
  assert.equal((await teacher.post('/filtering/people', { leader: 'deputy@demo.school', governor: 'governor@demo.school' })).status, 403);
  assert.equal(count('filter_requests'), requests);
  assert.equal(count('filter_checks'), checks);
  assert.equal(count(CHANGES), audits);
  assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'filtering_leader'"),
    sql(s.db, "SELECT id FROM users WHERE email = 'deputy@demo.school'"));
});

test('the yearly review: due a year after the last, recorded by the named governor', async () => {
  const governor = await s.login('governor@demo.school');
  const chair = await s.login('chair@demo.school');
  assert.equal((await chair.get('/filtering')).body.may_read, false, 'only the named governor reads the record');
  let g = await governor.get('/filtering');
  assert.equal(g.body.may_record, true);
  assert.equal(g.body.governor.email, 'governor@demo.school');
  assert.match(g.body.review_due, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(!(await tasksOf(governor)).some((t) => t.kind === 'filtering_review'), 'not due yet');
  // A year passes since the last review: it is due for those responsible.
  sql(s.db, "UPDATE filter_checks SET done_on = date('now', '-366 days') WHERE kind = 'review'");
  const due = (await tasksOf(governor)).find((t) => t.kind === 'filtering_review');
  assert.ok(due && due.urgent && /yearly review/.test(due.message));
  const r = await governor.post('/filtering/checks', { kind: 'review', done_on: sql(s.db, "SELECT date('now')"),
    tested: 'The provision against the standards, with the deputy head.', actions: 'None.' });
  assert.equal(r.status, 201, r.text);
  assert.ok(!(await tasksOf(governor)).some((t) => t.kind === 'filtering_review'));
  g = await governor.get('/filtering');
  assert.equal(g.body.checks[0].kind, 'review');
  assert.equal(count("audit WHERE action = 'filtering.check'"), 1);

  // The headteacher names new people; someone who leaves is no longer named.
  const head = await s.login('head@demo.school');
  const p = await head.post('/filtering/people', { leader: 'dsl@demo.school', governor: 'chair@demo.school' });
  assert.equal(p.status, 200, p.text);
  assert.equal((await chair.get('/filtering')).body.may_record, true);
  assert.ok(!(await tasksOf(head)).some((t) => t.kind === 'filtering_people'));
  sql(s.db, "UPDATE users SET active = 0 WHERE email = 'chair@demo.school'");
  assert.ok((await tasksOf(head)).some((t) => t.kind === 'filtering_people'), 'a leaver leaves the duty unfilled');
  sql(s.db, "UPDATE users SET active = 1 WHERE email = 'chair@demo.school'");
});

test('a named leader or governor who loses the role that qualified them is no longer named', async () => {
  const head = await s.login('head@demo.school');
  const admin = await s.login('admin@demo.school');
  let p = await head.post('/filtering/people', { leader: 'deputy@demo.school', governor: 'governor@demo.school' });
  assert.equal(p.status, 200, p.text);
  const deputyId = sql(s.db, "SELECT id FROM users WHERE email = 'deputy@demo.school'");
  const governorId = sql(s.db, "SELECT id FROM users WHERE email = 'governor@demo.school'");
  // The deputy steps down from the leadership team, the governor from the board.
  let r = await admin.post(`/admin/staff/${deputyId}`, { name: 'Samir Patel', staff_type: 'teacher' });
  assert.equal(r.status, 200, r.text);
  r = await admin.post(`/admin/staff/${governorId}`, { name: sql(s.db, `SELECT name FROM users WHERE id = ${governorId}`),
    staff_type: 'volunteer' });
  assert.equal(r.status, 200, r.text);
  const deputy = await s.login('deputy@demo.school');
  const governor = await s.login('governor@demo.school');
  const d = await deputy.get('/filtering');
  assert.equal(d.body.may_decide_requests, false, 'no longer decides');
  assert.equal(d.body.may_read, false, 'no longer reads the whole record');
  assert.equal((await governor.get('/filtering')).body.may_record, false);
  const h = await head.get('/filtering');
  assert.equal(h.body.leader, null);
  assert.equal(h.body.governor, null);
  assert.ok((await tasksOf(head)).some((t) => t.kind === 'filtering_people'), 'the duties are unfilled');
  // A new request is neither shown to them nor theirs to decide.
  const told = () => count(`notifications WHERE user_id = ${deputyId} AND kind = 'filtering_request'`);
  const before = told();
  const teacher = await s.login('teacher@demo.school');
  const f = await teacher.post('/filtering/requests', { kind: 'unblock', site: 'role.example', reason: 'a lesson' });
  assert.equal(f.status, 201, f.text);
  assert.equal(told(), before, 'the former leader is not told of the request');
  const decide = await deputy.post(`/filtering/requests/${f.body.request.id}/decision`,
    { decision: 'done', decision_reason: 'x' });
  assert.equal(decide.status, 404);
  assert.equal(sql(s.db, `SELECT decision IS NULL FROM filter_requests WHERE id = ${f.body.request.id}`), '1');
  // Named again once qualified again.
  p = await head.post('/filtering/people', { leader: 'head@demo.school', governor: 'chair@demo.school' });
  assert.equal(p.status, 200, p.text);
});
