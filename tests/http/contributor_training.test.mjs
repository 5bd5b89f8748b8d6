// The social-media training of a contributor who is not staff, recorded or
// renewed after they were added (ravens-wood §3: "including volunteers or
// parents"): the moderator or the account's lead records it, the nightly
// flag goes at once, and the contributors table shows the paper's date and
// the training's, with "Not recorded" where there is none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, visibleText } from './lib.mjs';
import { auditRows, count, uid } from './account_lib.mjs';

const DAY = 86400e3;
const later = (days) => new Date(Date.now() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
const isoDay = (days) => later(days).slice(0, 10);
const UK_DATE = String.raw`\d{1,2} [A-Z][a-z]{2} \d{4}`;

async function restartAt(s, days) {
  await s.stop({ keep: true });
  return launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: later(days) } });
}

const flagsOf = async (c, who) => (await c.get('/accounts/1')).body.gate_flags.filter((f) => f.who === who);
const rowOf = async (c, who) => (await c.get('/accounts/1')).body.contributors.find((x) => x.name === who);

test('training recorded for a contributor added without it clears the flag; bad input changes nothing', async () => {
  let s = await startServer();
  try {
    let mod = await s.login('moderator@demo.school');
    const v = (await mod.get('/accounts/1')).body.paper_versions[0];
    const added = await mod.post('/accounts/1/contributors', {
      name: 'Priya Shah', relation: 'Parent (PTA)', paper_version_id: String(v.version_id),
      paper_date: isoDay(-3), training_on: isoDay(-2),
    });
    assert.equal(added.status, 201, added.text);
    const cid = added.body.contributor.id;
    // Added before training was asked for: no training on record.
    sql(s.db, `DELETE FROM contributor_training WHERE contributor_id = ${cid}`);
    s = await restartAt(s, 1);
    mod = await s.login('moderator@demo.school');
    assert.ok((await flagsOf(mod, 'Priya Shah')).some((f) => /social-media training/.test(f.failure)));
    let html = visibleText((await mod.page('/accounts/1')).text);
    assert.match(html, new RegExp(`Priya Shah Parent \\(PTA\\) Signed .* on paper on ${UK_DATE} ?; recorded by [^;]*? Not recorded`));

    const path = `/accounts/1/contributors/${cid}/training`;
    const rows = () => count(s.db, 'contributor_training', `contributor_id = ${cid}`);
    const audited = () => auditRows(s.db, 'account.contributor_training').length;
    for (const [form, field] of [
      [{}, 'completed_on'],
      [{ completed_on: 'last week' }, 'completed_on'],
      [{ completed_on: '2026-02-30' }, 'completed_on'],
      [{ completed_on: isoDay(5) }, 'completed_on'],
      [{ completed_on: isoDay(-10), expires_on: isoDay(-20) }, 'expires_on'],
      [{ completed_on: '2020-01-01', expires_on: '2021-01-01' }, 'expires_on'],
    ]) {
      const r = await mod.post(path, form);
      assert.equal(r.status, 400, JSON.stringify(form) + r.text);
      assert.equal(r.body.field, field, r.text);
    }
    // A browser's refused form comes back with the problem beside its own fields.
    const shown = await mod.post(path, { completed_on: isoDay(5) }, { json: false });
    assert.equal(shown.status, 400);
    assert.match(shown.text, /<p class="field-error" id="e-completed_on">The date of the training cannot be in the future\.<\/p>\s*<input id="f-completed_on" name="completed_on"/);
    // Who may not add contributors may not record their training either.
    const teacher = await s.login('teacher@demo.school');
    assert.equal((await teacher.post(path, { completed_on: isoDay(0) })).status, 404);
    const deputy = await s.login('deputy@demo.school');
    assert.equal((await deputy.post(path, { completed_on: isoDay(0) })).status, 403);
    // Not a contributor of that account, or none at all.
    assert.equal((await mod.post(`/accounts/2/contributors/${cid}/training`, { completed_on: isoDay(0) })).status, 404);
    assert.equal((await mod.post('/accounts/1/contributors/99999/training', { completed_on: isoDay(0) })).status, 404);
    assert.equal(rows(), 0);
    assert.equal(audited(), 0);
    assert.equal((await flagsOf(mod, 'Priya Shah')).length, 1);

    // Recorded: the flag goes at once, not the next night.
    let r = await mod.post(path, { completed_on: isoDay(-1), expires_on: isoDay(300) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.passes, true);
    assert.equal(sql(s.db, `SELECT completed_on || '|' || expires_on || '|' || recorded_by FROM contributor_training
      WHERE contributor_id = ${cid}`), `${isoDay(-1)}|${isoDay(300)}|${uid(s.db, 'moderator@demo.school')}`);
    assert.equal(audited(), 1);
    assert.match(auditRows(s.db, 'account.contributor_training')[0], /Priya Shah: social-media training recorded on/);
    assert.deepEqual(await flagsOf(mod, 'Priya Shah'), []);
    assert.equal((await rowOf(mod, 'Priya Shah')).passes, true);
    assert.equal((await rowOf(mod, 'Priya Shah')).training.expires_on, isoDay(300));
    // The same form sent again: kept once.
    r = await mod.post(path, { completed_on: isoDay(-1), expires_on: isoDay(300) });
    assert.equal(r.status, 409, r.text);
    assert.equal(audited(), 1);
    // The table shows the dates in words.
    const page = (await mod.page('/accounts/1')).text;
    assert.match(page, new RegExp(`Done on <time datetime="${isoDay(-1)}">${UK_DATE}</time>; lapses on <time datetime="${isoDay(300)}">${UK_DATE}</time>; recorded by Tom Hughes`));
    html = visibleText(page);
    assert.match(html, new RegExp(`Priya Shah Parent \\(PTA\\) Signed .* \\(version \\d+\\) on paper on ${UK_DATE} ?; recorded by [^;]*? Done on ${UK_DATE} ?; lapses on ${UK_DATE}`));

    // It lapses: flagged that night; the lead renews it and the flag goes.
    s = await restartAt(s, 302);
    mod = await s.login('moderator@demo.school');
    assert.ok((await flagsOf(mod, 'Priya Shah')).some((f) => /social-media training/.test(f.failure)));
    const lead = await s.login('science@demo.school');
    r = await lead.post(path, { completed_on: isoDay(301) });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await flagsOf(mod, 'Priya Shah'), []);
    assert.match(auditRows(s.db, 'account.contributor_training')[1], /renewed on .*, lapses never/);
    assert.match(visibleText((await mod.page('/accounts/1')).text), /Priya Shah Parent \(PTA\) Signed [^;]+; recorded by [^;]+ Done on [^;]+; does not lapse/);

    // Removed from the account: no longer found.
    assert.equal((await mod.post(`/accounts/1/contributors/${cid}/remove`)).status, 200);
    assert.equal((await mod.post(path, { completed_on: isoDay(301) })).status, 404);
  } finally {
    await s.stop();
  }
});

test('a member of staff who helps run an account is trained through the training records', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const staff = (await mod.get('/accounts/1')).body.contributors.find((c) => c.staff);
    assert.ok(staff, 'the demo account has a member of staff helping run it');
    const r = await mod.post(`/accounts/1/contributors/${staff.id}/training`, { completed_on: isoDay(0) });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.error, /is a member of staff/);
    assert.equal(count(s.db, 'contributor_training', `contributor_id = ${staff.id}`), 0);
    assert.match(visibleText((await mod.page('/accounts/1')).text), /Member of staff Signs in staffroom In the training records/);
  } finally {
    await s.stop();
  }
});
