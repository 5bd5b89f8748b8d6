// A contributor who is not staff signs the agreement on paper; when that
// agreement is signed again every year (slyne's, policy_renewal.h), their
// paper is last year's once this year's renewal date has come, as a member
// of staff's signature is (ravens-wood §3: "including volunteers or
// parents"): the gate fails them, the account's page says they are due to
// sign again, and the account's lead is given a task.  Whoever may enter
// the first paper (the moderator, the lead) enters the new one on the
// account's page; the first stays as evidence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, visibleText } from './lib.mjs';
import { auditRows, count, uid } from './account_lib.mjs';

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
    // A member of staff who signed before the renewal date is told it is the yearly renewal.
    const staff = (await mod.get('/accounts/1')).body.contributors
      .flatMap((c) => c.failing ?? []).find((c) => c.name === 'lead_signed_aup');
    assert.ok(staff);
    assert.match(staff.detail, /^Due to sign again for the year: Staff acceptable-use agreement \(version \d+\), from \d{1,2} [A-Z][a-z]{2} \d{4}\.$/);
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

test('the new year\'s paper is entered on the account\'s page; bad input and the wrong people change nothing', async () => {
  let s = await startServer();
  try {
    const { cid, vid, renewDate } = await yearlyWithParent(s);
    const path = `/accounts/1/contributors/${cid}/paper`;
    let mod = await s.login('moderator@demo.school');
    // While the paper counts there is nothing to enter, and no form.
    let row = await rowOf(mod, 'Pat Parent');
    assert.equal(row.may_record_paper, false);
    let r = await mod.post(path, { version_id: String(vid), signed_on: ukDay(0) });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.error, /^The paper signature of Pat Parent on record still counts/);

    s = await restartAt(s, 40);
    mod = await s.login('moderator@demo.school');
    row = await rowOf(mod, 'Pat Parent');
    assert.equal(row.may_record_paper, true);
    assert.equal((await (await s.login('deputy@demo.school')).get('/accounts/1')).body.contributors
      .find((x) => x.name === 'Pat Parent').may_record_paper, false, 'only those who may enter it see the form');
    const page = (await mod.page('/accounts/1')).text;
    assert.match(page, new RegExp(`<form class="stack card" method="post" action="${path}">\\s*<h3>New paper signature of Pat Parent</h3>`));
    assert.match(visibleText(page), /The agreement is signed again every year: enter the paper Pat Parent signed on or after \d{1,2} [A-Z][a-z]{2} \d{4} ?\. The paper on record is kept\. The version they signed Staff acceptable-use agreement, version \d+ The date on the paper Record the new paper signature of Pat Parent/);

    const again = () => count(s.db, 'contributor_paper_again', `contributor_id = ${cid}`);
    const audited = () => auditRows(s.db, 'account.contributor_paper').length;
    const first = sql(s.db, `SELECT version_id || '|' || paper_date || '|' || recorded_at FROM contributor_paper WHERE contributor_id = ${cid}`);
    for (const [form, status, field] of [
      [{}, 400, 'version_id'],
      [{ version_id: String(vid) }, 400, 'signed_on'],
      [{ version_id: String(vid), signed_on: 'last week' }, 400, 'signed_on'],
      [{ version_id: String(vid), signed_on: ukDay(41) }, 400, 'signed_on'],
      [{ version_id: String(vid), signed_on: ukDay(0) }, 400, 'signed_on'],
      [{ version_id: '99999', signed_on: ukDay(40) }, 400, 'version_id'],
      [{ version_id: String(vid), signed_on: ukDay(40), paper_date: ukDay(40) }, 400, 'paper_date'],
    ]) {
      r = await mod.post(path, form);
      assert.equal(r.status, status, JSON.stringify(form) + r.text);
      assert.equal(r.body.field, field, r.text);
    }
    r = await mod.post(path, { version_id: String(vid), signed_on: ukDay(0) });
    assert.equal(r.body.error, `The date on the paper is before this year's renewal date, ${
      (await import('./lib.mjs')).dateWords(renewDate)}, so it does not count as this year's signature: enter a paper signed on or after that date.`);
    // A browser's refused form comes back with the problem beside its own fields, the others untouched.
    const shown = await mod.post(path, { version_id: String(vid), signed_on: ukDay(41) }, { json: false });
    assert.equal(shown.status, 400);
    assert.match(shown.text, /<p class="field-error" id="e-signed_on">The date on the paper cannot be in the future\.<\/p>\s*<input id="f-signed_on" name="signed_on" type="date" required value="[^"]+" aria-describedby="h-paper-\d+ e-signed_on" aria-invalid="true">/);
    assert.doesNotMatch(shown.text, /id="e-paper_date"/);
    // Who may not add contributors may not enter their paper either.
    const teacher = await s.login('teacher@demo.school');
    assert.equal((await teacher.post(path, { version_id: String(vid), signed_on: ukDay(40) })).status, 404);
    const deputy = await s.login('deputy@demo.school');
    assert.equal((await deputy.post(path, { version_id: String(vid), signed_on: ukDay(40) })).status, 403);
    // Not a contributor of that account, none at all, or a member of staff.
    assert.equal((await mod.post(`/accounts/2/contributors/${cid}/paper`, { version_id: String(vid), signed_on: ukDay(40) })).status, 404);
    assert.equal((await mod.post('/accounts/1/contributors/99999/paper', { version_id: String(vid), signed_on: ukDay(40) })).status, 404);
    const staff = (await mod.get('/accounts/1')).body.contributors.find((c) => c.staff);
    r = await mod.post(`/accounts/1/contributors/${staff.id}/paper`, { version_id: String(vid), signed_on: ukDay(40) });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.error, /is a member of staff: they sign agreements in staffroom\./);
    assert.equal(again(), 0);
    assert.equal(audited(), 0);
    assert.equal((await rowOf(mod, 'Pat Parent')).passes, false);

    // The lead enters this year's paper: the flag and the task go at once, the first paper is kept.
    const lead = await s.login('science@demo.school');
    r = await lead.post(path, { version_id: String(vid), signed_on: ukDay(40) });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body, { paper: { contributor_id: cid, version_id: vid, paper_date: ukDay(40) }, passes: true });
    assert.equal(again(), 1);
    assert.equal(sql(s.db, `SELECT version_id || '|' || paper_date || '|' || recorded_by FROM contributor_paper_again WHERE contributor_id = ${cid}`),
      `${vid}|${ukDay(40)}|${uid(s.db, 'science@demo.school')}`);
    assert.equal(sql(s.db, `SELECT version_id || '|' || paper_date || '|' || recorded_at FROM contributor_paper WHERE contributor_id = ${cid}`), first);
    const rows = auditRows(s.db, 'account.contributor_paper');
    assert.equal(rows.length, 1);
    assert.match(rows[0], new RegExp(`\\|accounts/1\\|Pat Parent: paper signature of version ${vid} dated ${ukDay(40)}, in place of one that no longer counted \\(Due to sign `));
    row = await rowOf(mod, 'Pat Parent');
    assert.equal(row.passes, true);
    assert.equal(row.may_record_paper, false);
    assert.equal(row.paper.again, true);
    assert.equal(row.paper.paper_date, ukDay(40));
    assert.equal(row.paper.renewal_due, false);
    assert.equal(row.paper.recorded_by, 'Daniel Reid');
    assert.deepEqual((await mod.get('/accounts/1')).body.gate_flags.filter((f) => f.who === 'Pat Parent'), []);
    assert.ok(!(await tasksOf(lead)).some((t) => t.kind === 'account_paper_renewal' && /Pat Parent/.test(t.message)));
    assert.match(visibleText((await mod.page('/accounts/1')).text),
      /Pat Parent Parent \(PTA\) Signed Staff acceptable-use agreement \(version \d+\) on paper again on [^;]+; recorded by Daniel Reid/);
    // Sent again (a double click, or the moderator too): kept once.
    r = await mod.post(path, { version_id: String(vid), signed_on: ukDay(40) });
    assert.equal(r.status, 409, r.text);
    assert.equal(again(), 1);
    assert.equal(audited(), 1);

    // A year on it is due again, from the latest paper.
    s = await restartAt(s, 40 + 366);
    mod = await s.login('moderator@demo.school');
    row = await rowOf(mod, 'Pat Parent');
    assert.equal(row.paper.renewal_due, true);
    assert.equal(row.paper.paper_date, ukDay(40));
  } finally {
    await s.stop();
  }
});

test('a new version of the agreement is entered on paper the same way', async () => {
  let s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const joanne = (await mod.get('/accounts/1')).body.contributors.find((c) => c.name === 'Joanne Fielding');
    assert.equal(joanne.passes, true);
    const admin = await s.login('admin@demo.school');
    const { publish } = await import('./policy_lib.mjs');
    const v2 = (await publish(admin, 1, { body: 'Be kinder online.', summary: 'Second.',
      effective: ukDay(0), review_due: '2099-01-01' })).body.version.id;
    let row = (await mod.get('/accounts/1')).body.contributors.find((c) => c.name === 'Joanne Fielding');
    assert.equal(row.passes, false);
    assert.equal(row.may_record_paper, true);
    assert.equal(row.paper.renewal_due, false);
    const path = `/accounts/1/contributors/${joanne.id}/paper`;
    // The old version is no longer the one to sign.
    let r = await mod.post(path, { version_id: String(joanne.paper.version_id), signed_on: ukDay(0) });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.field, 'version_id');
    assert.equal(count(s.db, 'contributor_paper_again'), 0);
    r = await mod.post(path, { version_id: String(v2), signed_on: ukDay(0) });
    assert.equal(r.status, 201, r.text);
    row = (await mod.get('/accounts/1')).body.contributors.find((c) => c.name === 'Joanne Fielding');
    assert.equal(row.passes, true);
    assert.equal(row.paper.version_id, v2);
  } finally {
    await s.stop();
  }
});
