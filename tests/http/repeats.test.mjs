// The same form sent twice (a double click, a page sent again from the
// browser's history) keeps one record: the second answer is 409, saying
// what is already there, and nothing more is written or told.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
const day = (offset) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

async function twice(client, path, form, rows) {
  const first = await client.post(path, form);
  assert.equal(first.status, 201, first.text);
  const before = { rows: count(rows), audit: count('audit'), told: count('notifications') };
  const second = await client.post(path, form);
  assert.equal(second.status, 409, second.text);
  assert.deepEqual({ rows: count(rows), audit: count('audit'), told: count('notifications') }, before);
  return { first, second };
}

test('a subject access request recorded twice', async () => {
  const head = await s.login('head@demo.school');
  const form = { email: 'science@demo.school', received_on: day(-2) };
  const { first, second } = await twice(head, '/sar', form,
    "subject_access_requests WHERE received_on = '" + form.received_on + "'");
  assert.equal(second.body.error, "This person's request received on that day is already " +
    `recorded, as ${first.body.request.reference}.`);
  // Another day's request from the same person is a request of its own.
  assert.equal((await head.post('/sar', { ...form, received_on: day(-1) })).status, 201);
});

test('a filtering request sent twice, and again once it is decided', async () => {
  const teacher = await s.login('teacher@demo.school');
  const form = { kind: 'block', site: 'twice.example', reason: 'Pupils found it in a lesson.' };
  const { first, second } = await twice(teacher, '/filtering/requests', form,
    "filter_requests WHERE site = 'twice.example'");
  assert.match(second.body.error, new RegExp(`already asked for this, as ${first.body.request.reference}`));
  assert.equal((await teacher.post('/filtering/requests', { ...form, site: 'TWICE.example' })).status, 409);
  const network = await s.login('network@demo.school');
  assert.equal((await network.post(`/filtering/requests/${first.body.request.id}/decision`,
    { decision: 'refused', decision_reason: 'Needed for lessons.' })).status, 200);
  assert.equal((await teacher.post('/filtering/requests', form)).status, 201);
});

test('an approved service added twice', async () => {
  const deputy = await s.login('deputy@demo.school');
  const form = { name: 'Class walls', purpose: 'Shared boards in Year 6', review_on: day(100) };
  const { second } = await twice(deputy, '/permissions/services', form,
    "approved_services WHERE name = 'Class walls'");
  assert.match(second.body.error, /already on the register/);
});

test('a pupil put on the do-not-publish list twice', async () => {
  const dsl = await s.login('dsl@demo.school');
  const { second } = await twice(dsl, '/accounts/do-not-publish',
    { pupil_name: 'Jo Twice', class_name: '3B' }, "do_not_publish WHERE pupil_name = 'Jo Twice'");
  assert.equal(second.body.error, 'This pupil is already on the list.');
});
