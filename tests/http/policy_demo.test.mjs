// The demo school's policies beyond the agreement: the staff code of
// conduct, signed again every September (most have this year, two have
// not), and a draft of its next version awaiting the governing body, which
// is in force for nobody.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, visibleText } from './lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const code = async (c) => (await c.get('/aup/compliance')).body.policies.find((p) => p.title === 'Staff code of conduct');

test('the code of conduct is signed again every September: most have this year, two are due', async () => {
  const head = await s.login('head@demo.school');
  const c = await code(head);
  assert.equal(c.version, 1);
  assert.equal(c.renew_yearly, true);
  assert.match(c.renew_date, /^\d{4}-09-01$/);
  assert.equal(c.required, 10, 'teachers and support staff');
  assert.equal(c.signed, 8);
  assert.equal(c.renewal_count, 2);
  assert.deepEqual(c.renewal_outstanding.map((o) => [o.name, o.why]), [
    ['Linda Morris', 'Signed last year; due again from 1 September'],
    ['Raj Singh', 'Signed last year; due again from 1 September'],
  ]);
  for (const o of c.renewal_outstanding) assert.ok(o.signed_at < `${c.renew_date}T00:00:00Z`, o.signed_at);
  const text = visibleText((await head.page('/aup/compliance')).text);
  assert.match(text, /Staff code of conduct, version 1/);
  assert.match(text, /Signed again every year from 1 Sep \d{4} ?: 2 of those outstanding signed before that date/);
  // The two are asked on "My tasks"; someone who signed again this year is not.
  const raj = await s.login('network@demo.school');
  const task = (await raj.get('/')).body.tasks.find((t) => t.link === `/aup/${c.version_id}`);
  assert.match(task.message, /Staff code of conduct is signed again every year/);
  const amy = await s.login('teacher@demo.school');
  assert.ok(!(await amy.get('/')).body.tasks.some((t) => t.link === `/aup/${c.version_id}`));
  const mine = (await amy.get('/aup')).body.policies.find((p) => p.title === 'Staff code of conduct');
  assert.equal(mine.signed, true);
  assert.ok(mine.signed_at < `${c.renew_date}T00:00:00Z`, 'her signature is last year\'s');
  assert.ok(mine.signed_again_at >= `${c.renew_date}`, 'signed again this year');
  assert.match(visibleText((await amy.page('/aup')).text), /Staff code of conduct 1 .* Signed .*, signed again \d+ Sep \d{4}/);
});

test('its version 2 is a draft awaiting the governing body: shown to leaders and the administrator, asked of nobody', async () => {
  const head = await s.login('head@demo.school');
  const list = await head.get('/aup');
  assert.equal(list.body.drafts.length, 1);
  const d = list.body.drafts[0];
  assert.equal(d.title, 'Staff code of conduct');
  assert.equal(d.version, 2);
  assert.match(d.summary, /low-level concerns/);
  assert.match(d.summary, /full governing body/);
  const page = await head.get(`/aup/${d.version_id}`);
  assert.equal(page.body.policy.status, 'draft');
  assert.equal(page.body.can_sign, false);
  assert.match(page.body.policy.body, /## Low-level concerns/);
  assert.match(visibleText((await head.page('/aup')).text),
    /Drafts awaiting authorisation Not in force: nobody is asked to sign a draft until it is authorised\. Staff code of conduct, version 2 \(draft, saved/);
  // The version in force is still version 1, for everyone.
  assert.equal((await code(head)).version, 1);
  const admin = await s.login('admin@demo.school');
  const row = (await admin.get('/admin/policies')).body.policies.find((p) => p.title === 'Staff code of conduct');
  assert.equal(row.drafts, 1);
  assert.equal(row.current_version, 1);
  assert.match(visibleText((await admin.page('/admin/policies')).text), /2 \(1 draft awaiting authorisation\)/);
  const detail = await admin.get(`/admin/policies/${row.id}`);
  assert.deepEqual(detail.body.drafts.map((v) => v.version), [2]);
  assert.equal(detail.body.policy.renewal.renew_from, '09-01');
  // Nobody else reads it, is asked to sign it, or sees the list of drafts.
  for (const who of ['teacher@demo.school', 'network@demo.school', 'governor@demo.school']) {
    const c = await s.login(who);
    assert.equal((await c.get(`/aup/${d.version_id}`)).status, 404, who);
    assert.ok(!('drafts' in (await c.get('/aup')).body), who);
    assert.ok(!(await c.get('/')).body.tasks.some((t) => t.link === `/aup/${d.version_id}`), who);
  }
});
