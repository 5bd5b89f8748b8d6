// The disposal register (GET /admin/retention, HTML and JSON) and the audit
// log's row of each deletion name a deleted record and give the reason
// typed for deleting it: each entry is shown only to those who could review
// that record when it was deleted, and never to the person it was about.
// A concern is reviewed by those who may open it and by the headteacher
// unless it is about them; one about the headteacher by the chair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { file, event } from './concern_helpers.mjs';

async function people(s, who) {
  const c = {};
  for (const w of who) c[w] = await s.login(`${w}@demo.school`);
  return c;
}

// A teacher's report about `about`, received by `role` alone and closed by
// `handler` as a malicious allegation, which is due for review at once.
async function closedConcern(s, c, about, role, handler) {
  const x = await file(c.teacher, { category: 'staff_conduct', about: `${about}@demo.school`,
    summary: `An allegation about ${about}` });
  assert.equal(sql(s.db, `SELECT group_concat(role) FROM concern_recipient_roles WHERE concern_id = ${x.id}`), role);
  for (const form of [{ action: 'acknowledge' },
    { action: 'threshold', level: 'harm_threshold', text: 'An allegation' },
    { action: 'escalate', to: 'lado', reference: 'LADO-7' },
    { action: 'close', outcome: 'Found malicious', outcome_category: 'malicious' }]) {
    const r = await event(handler, x.id, form);
    assert.equal(r.status, 200, `${form.action}: ${r.text}`);
  }
  return x;
}

async function dispose(client, type, id, reason) {
  const r = await client.post('/admin/retention/delete', { record_type: type, record_id: String(id), reason });
  assert.equal(r.status, 200, r.text);
}

// What a reader is shown of one deletion: in the register's JSON, on its
// page, and in the audit log (JSON and page).
async function shown(client, reference, reason) {
  const json = (await client.get('/admin/retention')).body.disposals;
  const html = (await client.page('/admin/retention')).text;
  const register = json.some((d) => d.label === reference || d.reason === reason);
  assert.equal(html.includes(reference) || html.includes(reason), register, 'the page as the JSON');
  return register;
}
async function audited(client, id, reference, reason) {
  const rows = (await client.get('/audit')).body.audit;
  const json = rows.some((a) => a.object === `concern:${id}` || a.detail.includes(reason) ||
    a.detail.includes(reference));
  const html = (await client.page('/audit')).text;
  assert.equal(html.includes(reason), json, 'the page as the JSON');
  return json;
}

test('a deleted concern about a teacher is in the register and the audit log only for those who could review it', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const c = await people(s, ['teacher', 'head', 'admin', 'chair']);
  const x = await closedConcern(s, c, 'science', 'headteacher', c.head);
  // Neither the administrator nor the chair may open it, nor review it.
  for (const who of ['admin', 'chair']) {
    assert.equal((await c[who].get(`/concerns/${x.id}`)).status, 404, who);
    assert.ok(!(await c[who].get('/admin/retention')).body.due.some((d) => d.label === x.reference), who);
  }
  const reason = 'Malicious allegation against Daniel Reid, reviewed';
  await dispose(c.head, 'concern', x.id, reason);

  for (const who of ['admin', 'chair']) assert.equal(await shown(c[who], x.reference, reason), false, who);
  assert.equal(await audited(c.admin, x.id, x.reference, reason), false);
  assert.equal(await shown(c.head, x.reference, reason), true, 'the headteacher, who deleted it');
  assert.equal(await audited(c.head, x.id, x.reference, reason), true);
  // Not found by its object, nor offered as an action to filter by.
  const found = await c.admin.get(`/audit?object=concern:${x.id}`);
  assert.deepEqual(found.body.audit.filter((a) => a.action === 'retention.delete'), []);
  assert.ok(!found.body.actions.some((a) => a.action === 'retention.delete'));

  // The rule is the review's, not the deleter's: a second headteacher sees it too.
  sql(s.db, "INSERT INTO user_roles(user_id, role) SELECT id, 'headteacher' FROM users WHERE email = 'deputy@demo.school'");
  const deputy = await s.login('deputy@demo.school');
  assert.equal(await shown(deputy, x.reference, reason), true);
  assert.equal(await audited(deputy, x.id, x.reference, reason), true);
  // Other records stay the reviewers' of every kind of record, not the chair's.
  const science = sql(s.db, "SELECT id FROM users WHERE email = 'science@demo.school'");
  sql(s.db, `UPDATE users SET left_on = '2010-01-01' WHERE id = ${science}`);
  const sig = sql(s.db, `SELECT min(id) FROM signatures WHERE user_id = ${science}`);
  await dispose(c.admin, 'signature', sig, 'Signature kept long enough');
  const signature = async (who) => (await c[who].get('/admin/retention')).body.disposals
    .some((d) => d.record_type === 'signature');
  assert.equal(await signature('head'), true);
  assert.equal(await signature('admin'), true);
  assert.equal(await signature('chair'), false);
});

test('a deleted concern about the headteacher is the chair\'s, not the headteacher\'s nor the administrator\'s', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const c = await people(s, ['teacher', 'head', 'admin', 'chair']);
  const x = await closedConcern(s, c, 'head', 'chair', c.chair);
  const reason = 'Malicious allegation against Helen Ashworth, reviewed with the LADO';
  await dispose(c.chair, 'concern', x.id, reason);

  assert.equal(await shown(c.chair, x.reference, reason), true);
  assert.equal(await shown(c.head, x.reference, reason), false, 'never the person it was about');
  assert.equal(await shown(c.admin, x.reference, reason), false, 'nor an administrator it was not routed to');
  assert.equal(await audited(c.head, x.id, x.reference, reason), false);
  assert.equal(await audited(c.admin, x.id, x.reference, reason), false);
  // Whoever holds the chair's role, not only the one who deleted it.
  sql(s.db, "INSERT INTO user_roles(user_id, role) SELECT id, 'chair' FROM users WHERE email = 'governor@demo.school'");
  const governor = await s.login('governor@demo.school');
  assert.equal(await shown(governor, x.reference, reason), true);
  // A later headteacher, not the person it was about, still does not: it was about the headteacher.
  sql(s.db, "INSERT INTO user_roles(user_id, role) SELECT id, 'headteacher' FROM users WHERE email = 'deputy@demo.school'");
  const deputy = await s.login('deputy@demo.school');
  assert.equal(await shown(deputy, x.reference, reason), false);
  assert.equal(await audited(deputy, x.id, x.reference, reason), false);
});

test('a deleted subject access request about the headteacher stays out of their audit log', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const c = await people(s, ['dpo', 'head', 'admin']);
  const r = await c.dpo.post('/sar', { email: 'head@demo.school', received_on: '2018-01-05' });
  assert.equal(r.status, 201, r.text);
  const { id, reference } = r.body.request;
  assert.equal((await c.dpo.post(`/sar/${id}/close`, { responded_on: '2018-01-20' })).status, 200);
  const reason = 'Answered request of Helen Ashworth, kept long enough';
  await dispose(c.admin, 'sar', id, reason);
  const rows = (await c.head.get('/audit')).body.audit.filter((a) => a.object === reference ||
    a.object === `sar:${id}` || a.object.startsWith(`/sar/${id}`) || a.detail.includes(reason));
  assert.deepEqual(rows, [], 'neither the request\'s rows nor its deletion');
  assert.ok(!(await c.head.page('/audit')).text.includes(reason));
  assert.equal((await c.head.get('/admin/retention')).body.disposals.some((d) => d.record_type === 'sar'), false);
  assert.equal((await c.admin.get('/admin/retention')).body.disposals.some((d) => d.record_type === 'sar'), true);
});
