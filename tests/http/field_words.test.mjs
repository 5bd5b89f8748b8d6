// Every message about a field reads as English: named by its label ("Enter the
// full name."), or by its label's words where the label is an instruction, a
// date by its preposition or a lone "Why" (src/http/label_words.c), and a date
// given as a UK reader writes it, not as the form sends it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(() => s.stop());

const errors = (r) => Object.fromEntries(r.body.errors.map((e) => [e.field, e.error]));

test('signing a policy without a name asks for the full name', async () => {
  const t = await s.login('teacher@demo.school');
  const version_id = sql(s.db, 'SELECT id FROM policy_versions ORDER BY id LIMIT 1');
  const r = await t.post('/aup/sign', { version_id, agree: 'yes' });
  assert.equal(r.status, 400);
  assert.equal(errors(r).typed_name, 'Enter your full name.');
});

test('an exception or a service asks for its dates and reason in words', async () => {
  const t = await s.login('teacher@demo.school');
  let r = await t.post('/permissions/exceptions', { what: 'Show a film' });
  assert.equal(r.status, 400);
  assert.deepEqual(errors(r), {
    why: 'Enter the reason.', from_on: 'Enter the first day.', until_on: 'Enter the last day.',
  });
  r = await t.post('/permissions/exceptions',
    { what: 'Show a film', why: 'A lesson', from_on: '2026-02-30', until_on: '2026-03-01' });
  assert.equal(errors(r).from_on, 'The first day must be a real date, written like 2026-12-25 for 25 December 2026.');
  const head = await s.login('head@demo.school');
  r = await head.post('/permissions/services', { name: 'Padlet', purpose: 'Walls' });
  assert.equal(errors(r).review_on, 'Enter the date to review it by.');
  r = await head.post('/permissions/services/1', {});
  assert.equal(errors(r).action, 'Choose whether to approve it again or withdraw it.');
});

test('training, closures and the staff import say what is missing as a person would', async () => {
  const admin = await s.login('admin@demo.school');
  let r = await admin.post('/training', { email: 'teacher@demo.school', course: 'safeguarding' });
  assert.equal(errors(r).completed_on, 'Enter the date it was completed.');
  r = await admin.post('/admin/closures', { label: 'INSET day' });
  assert.equal(errors(r).day, 'Enter the day.');
  r = await admin.request('POST', '/admin/import', { multipart: new FormData() });
  assert.equal(r.status, 400);
  assert.equal(errors(r).file, 'Choose the CSV file.');
});

test("an account's yearly review says whether, and chooses the outcome", async () => {
  const moderator = await s.login('moderator@demo.school');
  const id = sql(s.db, 'SELECT id FROM social_accounts ORDER BY id LIMIT 1');
  const r = await moderator.post(`/accounts/${id}/review`, { notes: 'Looked at it.' });
  assert.equal(r.status, 400);
  assert.deepEqual(errors(r), {
    lead_ok: 'Say whether the lead is right for the account.',
    contributors_ok: 'Say whether the contributors are right.',
    purpose_ok: 'Say whether the account still serves its purpose.',
    monitoring_ok: 'Say whether it is monitored as the policy asks.',
    outcome: 'Choose the outcome.',
  });
  // In the browser: the same words in the summary and beside the field.
  const page = await moderator.request('POST', `/accounts/${id}/review`,
    { form: { notes: 'Looked at it.' }, json: false });
  assert.match(visibleText(page.text), /Say whether the lead is right for the account\./);
});

test('a date and time refused says how to write it and what that means to a UK reader', async () => {
  const teacher = await s.login('teacher@demo.school');
  const r = await teacher.post('/concerns',
    { category: 'other', summary: 'Something seen', occurred_at: 'last Tuesday' });
  assert.equal(r.status, 400);
  assert.equal(errors(r).occurred_at,
    'When it happened must be a real date and time, written like 2026-12-25T14:30 for 25 December 2026, 14:30.');
});

test('a value of the wrong kind is told its kind, not a length that would not mend it', async () => {
  const admin = await s.login('admin@demo.school');
  const r = await admin.post('/admin/settings', { invitation_days: 'abc' });
  assert.equal(r.status, 400);
  assert.match(errors(r).invitation_days, /must be a whole number\.$/);
  const teacher = await s.login('teacher@demo.school');
  const u = await teacher.post('/concerns', { category: 'other', summary: 'Something seen', urgent: 'maybe' });
  assert.equal(u.status, 400);
  assert.match(errors(u).urgent, /must be yes or no\.$/);
});
