// A paper signature of a policy signed again every year counts from the day
// written on the paper, not from the day the office typed it in: API.md's
// "only when it was made (or made again) on or after this year's renewal
// date".  A paper signed in the summer holidays and entered on 2 September
// is last year's signature.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch } from './lib.mjs';

let s;
after(async () => { await s?.stop(); });
const at = async (when) => {
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: when } });
};

test('a paper dated before the renewal date is due again; one dated on it counts', async () => {
  s = await startServer({ env: { STAFFROOM_TEST_NOW: '2027-08-20T10:00:00Z' } });
  const a = await s.login('admin@demo.school');
  const p = await a.post('/admin/policies', [['title', 'Volunteer agreement'],
    ['applies_to', 'volunteer'], ['applies_to', 'supply'], ['renew_yearly', 'yes'],
    ['renew_from', '09-01']]);
  assert.equal(p.status, 201, p.text);
  const pid = p.body.policy.id;
  const v = await a.post(`/admin/policies/${pid}/versions`, { body: 'Be kind online.',
    summary: 'First.', effective: '2027-08-20', review_due: '2028-08-01', confirm: 'yes' });
  assert.equal(v.status, 201, v.text);
  const vid = v.body.version.id;
  const ok = await a.post(`/admin/policies/${pid}/versions/${vid}/authorise`, {
    authorised_by: 'headteacher', authoriser_name: 'Helen Ashworth', job_title: 'Headteacher',
    authorised_on: '2027-08-20' });
  assert.equal(ok.status, 200, ok.text);

  await at('2027-09-02T10:00:00Z');
  const bursar = await s.login('bursar@demo.school');
  for (const [email, paper_date] of [['volunteer@demo.school', '2027-08-25'],
    ['supply@demo.school', '2027-09-01']]) {
    const r = await bursar.post('/aup/compliance/paper', { email, version_id: vid, paper_date });
    assert.equal(r.status, 201, r.text);
  }
  const c = await bursar.get('/aup/compliance');
  const pol = c.body.policies.find((x) => x.version_id === vid);
  assert.equal(pol.renew_date, '2027-09-01');
  assert.equal(pol.required, 2);
  assert.equal(pol.signed, 1, 'only the paper of 1 September counts this year');
  assert.equal(pol.renewal_count, 1);
  assert.deepEqual(pol.renewal_outstanding.map((o) => o.email), ['volunteer@demo.school']);

  // The volunteer is asked to sign again; the supply teacher is not.
  const vol = await s.login('volunteer@demo.school');
  const mine = (await vol.get('/aup')).body.policies.find((x) => x.version_id === vid);
  assert.equal(mine.renewal_due, true);
  assert.equal(mine.signed, false);
  const page = await vol.get(`/aup/${vid}`);
  assert.equal(page.body.renewal_due, true);
  assert.equal(page.body.can_sign, true);
  const sup = await s.login('supply@demo.school');
  const theirs = (await sup.get('/aup')).body.policies.find((x) => x.version_id === vid);
  assert.equal(theirs.renewal_due, false);
  assert.equal(theirs.signed, true);
});
