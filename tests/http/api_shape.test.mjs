// Keys docs/API.md documents are in a fresh demo school's JSON before
// anything is saved or sent: a default, a null or a false, never missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(() => s.stop());

test('the settings say the runners\' agreement before it is ever saved: empty, the only one in force', async () => {
  assert.equal(sql(s.db, "SELECT count(*) FROM settings WHERE key = 'runner_agreement'"), '0');
  const admin = await s.login('admin@demo.school');
  const r = await admin.get('/admin/settings');
  assert.equal(r.status, 200);
  assert.ok(Object.hasOwn(r.body, 'runner_agreement'), 'runner_agreement is there');
  assert.equal(r.body.runner_agreement, '');
});

test('a person with no leaving date has its words as null, not left out', async () => {
  const admin = await s.login('admin@demo.school');
  const id = sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
  const { user } = (await admin.get(`/admin/staff/${id}`)).body;
  for (const key of ['leaving_on', 'leaving_on_words', 'left_on', 'left_on_words']) {
    assert.ok(Object.hasOwn(user, key), key);
    assert.equal(user[key], null, key);
  }
});

test('the lesson form\'s services each say they are not chosen on a plain GET', async () => {
  const teacher = await s.login('teacher@demo.school');
  const { lesson_services } = (await teacher.get('/permissions')).body;
  assert.ok(lesson_services.length > 0);
  for (const row of lesson_services) assert.equal(row.chosen, false, row.name);
});
