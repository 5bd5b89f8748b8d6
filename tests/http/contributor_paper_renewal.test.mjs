// A contributor who is not staff signs the agreement on paper; when that
// agreement is signed again every year (slyne's, policy_renewal.h), their
// paper is last year's once this year's renewal date has come, as a member
// of staff's signature is (ravens-wood §3: "including volunteers or
// parents"): the gate fails them, the account's page says they are due to
// sign again, and the account's lead is given a task.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, visibleText } from './lib.mjs';

const DAY = 86400e3;
const later = (days) => new Date(Date.now() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
// The UK date, as the server reads its clock's day.
const ukDay = (days) => new Date(Date.now() + days * DAY)
  .toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const tasksOf = async (c) => (await c.get('/')).body.tasks;
const rowOf = async (c, who) => (await c.get('/accounts/1')).body.contributors.find((x) => x.name === who);

async function restartAt(s, days) {
  await s.stop({ keep: true });
  return launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: later(days) } });
}

// The demo's agreement (policy 1) made yearly, renewed 30 days from now (1 March for 29 February,
// which a renewal day may not be); a parent added with a paper dated today.
async function yearlyWithParent(s) {
  const admin = await s.login('admin@demo.school');
  const renew = ukDay(30);
  const from = renew.slice(5) === '02-29' ? '03-01' : renew.slice(5);
  const r = await admin.post('/admin/policies/1', { renew_yearly: 'yes', renew_from: from });
  assert.equal(r.status, 200, r.text);
  const mod = await s.login('moderator@demo.school');
  const v = (await mod.get('/accounts/1')).body.paper_versions[0];
  const added = await mod.post('/accounts/1/contributors', {
    name: 'Pat Parent', relation: 'Parent (PTA)', paper_version_id: String(v.version_id),
    paper_date: ukDay(0), training_on: ukDay(0),
  });
  assert.equal(added.status, 201, added.text);
  return { cid: added.body.contributor.id, vid: v.version_id, renewDate: `${renew.slice(0, 4)}-${from}` };
}

test('a paper signature of a yearly agreement is last year\'s once the renewal date has come', async () => {
  let s = await startServer();
  try {
    const { vid, renewDate } = await yearlyWithParent(s);
    let mod = await s.login('moderator@demo.school');
    let row = await rowOf(mod, 'Pat Parent');
    assert.equal(row.passes, true, JSON.stringify(row.failing));
    assert.equal(row.paper.renewal_due, false);
    assert.equal(row.paper.renew_date, null);
    let lead = await s.login('science@demo.school');
    assert.ok(!(await tasksOf(lead)).some((t) => t.kind === 'account_paper_renewal'));

    // Forty days on, the renewal date has passed: the paper is last year's.
    s = await restartAt(s, 40);
    mod = await s.login('moderator@demo.school');
    row = await rowOf(mod, 'Pat Parent');
    assert.equal(row.passes, false);
    assert.equal(row.paper.renewal_due, true);
    assert.equal(row.paper.renew_date, renewDate);
    assert.deepEqual(row.failing.map((c) => c.name), ['paper_signed']);
    assert.match(row.failing[0].detail, /^Due to sign Staff acceptable-use agreement again for the year: it is signed again every year, this year from \d{1,2} [A-Z][a-z]{2} \d{4}, and the paper is dated/);
    // The page says so in the row, and the nightly pass flagged them for the moderator.
    assert.match(visibleText((await mod.page('/accounts/1')).text),
      /Pat Parent Parent \(PTA\) Signed Staff acceptable-use agreement \(version \d+\) on paper on [^;]+; recorded by [^;]+; due to sign it again for the year from \d/);
    const flags = (await mod.get('/accounts/1')).body.gate_flags.filter((f) => f.who === 'Pat Parent');
    assert.equal(flags.length, 1);
    assert.match(flags[0].failure, /^Due to sign /);
    assert.ok((await tasksOf(mod)).some((t) => t.kind === 'account_gate' && t.link === '/accounts/1'));
    // The lead, who may record the new paper, is given a task; a contributor is not.
    lead = await s.login('science@demo.school');
    const task = (await tasksOf(lead)).find((t) => t.kind === 'account_paper_renewal' && /Pat Parent/.test(t.message));
    assert.ok(task);
    assert.equal(task.link, '/accounts/1');
    assert.equal(task.message, "Pat Parent, who helps run the account '@HillsideScience', is due to sign " +
      'Staff acceptable-use agreement again for the year: record their new paper signature.');
    const teacher = await s.login('teacher@demo.school');
    assert.ok(!(await tasksOf(teacher)).some((t) => t.kind === 'account_paper_renewal'));

    // Last year's paper no longer lets someone new be added either.
    const late = await mod.post('/accounts/1/contributors', {
      name: 'Lee Volunteer', relation: 'Volunteer', paper_version_id: String(vid),
      paper_date: ukDay(0), training_on: ukDay(0),
    });
    assert.equal(late.status, 409, late.text);
    assert.match(late.body.error, /Due to sign Staff acceptable-use agreement again for the year/);
    const fresh = await mod.post('/accounts/1/contributors', {
      name: 'Lee Volunteer', relation: 'Volunteer', paper_version_id: String(vid),
      paper_date: ukDay(40), training_on: ukDay(40),
    });
    assert.equal(fresh.status, 201, fresh.text);
  } finally {
    await s.stop();
  }
});
