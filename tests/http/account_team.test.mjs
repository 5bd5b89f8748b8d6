// Who runs a school account (ravens-wood §3 and §10): contributors, staff or
// not, behind the lead's gate, the nightly pass, reveals by the account's
// lead (not its contributors) and the password to change after they go, the
// yearly review and dormancy, and the platforms heatons and ravens-wood §1 name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, launch, sql, visibleText } from './lib.mjs';
import { CLOSE_TICKED, HEX64, auditRows, count, qualify, uid } from './account_lib.mjs';

const DAY = 86400e3;
const later = (days) => new Date(Date.now() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
const isoDay = (days) => later(days).slice(0, 10);
const tasksOf = async (c) => (await c.get('/')).body.tasks;

// Restarts the server on the same database with the clock moved on.
async function restartAt(s, days) {
  await s.stop({ keep: true });
  return launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: later(days) } });
}

// The current version of the first policy, as the page offers it.
async function currentVersion(mod) {
  const r = await mod.get('/accounts/1');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.paper_versions.length > 0);
  return r.body.paper_versions[0];
}

const parent = (version, overrides = {}) => ({
  name: 'Priya Shah', relation: 'Parent (PTA)', paper_version_id: String(version),
  paper_date: isoDay(-3), training_on: isoDay(-2), ...overrides,
});

test('the gate for a contributor who is not staff', async () => {
  let s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const v = await currentVersion(mod);
    const before = count(s.db, 'account_contributors');
    const papers = count(s.db, 'contributor_paper');
    // Refusals that change nothing: each names its field.
    for (const [form, status, field] of [
      [parent(v.version_id, { paper_date: isoDay(2) }), 400, 'paper_date'],
      [parent(v.version_id, { relation: '' }), 400, 'relation'],
      [parent(999999), 400, 'paper_version_id'],
      [parent(v.version_id, { paper_date: '2026-02-30' }), 400, 'paper_date'],
      [{ ...parent(v.version_id), email: 'teacher@demo.school' }, 400, 'email'],
      [{}, 400, 'name'],
    ]) {
      const r = await mod.post('/accounts/1/contributors', form);
      assert.equal(r.status, status, JSON.stringify(form) + r.text);
      assert.equal(r.body.field, field, r.text);
    }
    // Someone who may not see the account: 404; who sees it but neither
    // moderates nor leads it: 403.
    const teacher = await s.login('teacher@demo.school');
    assert.equal((await teacher.post('/accounts/1/contributors', parent(v.version_id))).status, 404);
    const deputy = await s.login('deputy@demo.school');
    assert.equal((await deputy.post('/accounts/1/contributors', parent(v.version_id))).status, 403);
    assert.equal((await mod.post('/accounts/99999/contributors', parent(v.version_id))).status, 404);
    // A paper signature of a version no longer in force: refused, 409.
    sql(s.db, `INSERT INTO policy_versions(policy_id, number, body, sha256, summary, effective,
      review_due, published_at) SELECT policy_id, number + 100, 'Newer.', '${HEX64}', 'S',
      '2000-01-01', '2099-01-01', '2000-01-01T00:00:00Z' FROM policy_versions WHERE id = ${v.version_id}`);
    // (an earlier effective date than the version in force: never current)
    const stale = Number(sql(s.db, 'SELECT max(id) FROM policy_versions'));
    const r0 = await mod.post('/accounts/1/contributors', parent(stale));
    assert.equal(r0.status, 409, r0.text);
    assert.equal(r0.body.field, 'paper_version_id');
    assert.match(r0.body.error, /Priya Shah does not pass the policy checks/);
    assert.equal(count(s.db, 'account_contributors'), before);
    assert.equal(count(s.db, 'contributor_paper'), papers);

    // ravens-wood §3 applies to parents and volunteers as to staff: without
    // social-media training, a paper dated before the version took effect, a
    // policy that is not for volunteers, or an unauthorised draft: refused.
    const refused = async (form, re) => {
      const x = await mod.post('/accounts/1/contributors', form);
      assert.equal(x.status, 409, x.text);
      assert.match(x.body.error, re);
    };
    await refused(parent(v.version_id, { training_on: '' }), /Has current social-media training: no/);
    // Training that has lapsed is refused as it is when recorded on its own: by its field.
    const lapsed = await mod.post('/accounts/1/contributors', parent(v.version_id, { training_on: '2020-01-01', training_expires: '2021-01-01' }));
    assert.equal(lapsed.status, 400, lapsed.text);
    assert.equal(lapsed.body.field, 'training_expires');
    assert.equal(lapsed.body.error, 'That training has already lapsed: give the dates of training that is current.');
    await refused(parent(v.version_id, { paper_date: '2015-01-01' }), /before .* took effect/);
    const staffOnly = Number(sql(s.db, `SELECT id FROM policy_versions WHERE policy_id =
      (SELECT id FROM policies WHERE instr(applies_to, 'volunteer') = 0 LIMIT 1) ORDER BY id LIMIT 1`));
    await refused(parent(staffOnly), /not an agreement for volunteers/);
    assert.ok(!(await mod.get('/accounts/1')).body.paper_versions.some((o) => o.version_id === staffOnly),
      'the form offers only agreements for volunteers');
    const admin = await s.login('admin@demo.school');
    const pid = sql(s.db, `SELECT policy_id FROM policy_versions WHERE id = ${v.version_id}`);
    const draft = await admin.post(`/admin/policies/${pid}/versions`, { body: 'A draft still to be agreed.',
      summary: 'draft', effective: isoDay(0), review_due: '2099-01-01', confirm: 'yes' });
    assert.equal(draft.status, 201, draft.text);
    await refused(parent(draft.body.version.id, { paper_date: isoDay(0) }), /paper signature is of version/);
    assert.equal(count(s.db, 'account_contributors'), before);

    // The lead may add them, with the paper signature on record (the draft,
    // effective today but not authorised, is not the version in force).
    const lead = await s.login('science@demo.school');
    let r = await lead.post('/accounts/1/contributors', parent(v.version_id));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.contributor.staff, false);
    const row = sql(s.db, `SELECT p.version_id || '|' || p.paper_date || '|' || p.recorded_by
      FROM contributor_paper p JOIN account_contributors c ON c.id = p.contributor_id
      WHERE c.name = 'Priya Shah'`);
    assert.equal(row, `${v.version_id}|${isoDay(-3)}|${uid(s.db, 'science@demo.school')}`);
    assert.equal(auditRows(s.db, 'account.contributor_add').length, 1);
    r = await mod.get('/accounts/1');
    const c = r.body.contributors.find((x) => x.name === 'Priya Shah');
    assert.equal(c.passes, true);
    assert.equal(c.relation, 'Parent (PTA)');
    assert.match(visibleText((await mod.page('/accounts/1')).text), /Priya Shah Parent \(PTA\)/);

    // A new version of that policy comes into force: the nightly pass flags
    // her (and the lead, who has not signed it either) and tells the moderator once.
    sql(s.db, `INSERT INTO policy_versions(policy_id, number, body, sha256, summary, effective,
      review_due, published_at) SELECT policy_id, 200, 'Version two hundred.', '${HEX64}', 'S',
      '${isoDay(0)}', '2099-01-01', '2000-01-01T00:00:00Z' FROM policy_versions WHERE id = ${v.version_id}`);
    s = await restartAt(s, 1);
    let m2 = await s.login('moderator@demo.school');
    r = await m2.get('/accounts/1');
    assert.ok(r.body.gate_flags.some((f) => /^Priya Shah no longer passes: Has not signed .*version 200/.test(f.words)),
      JSON.stringify(r.body.gate_flags));
    assert.equal(r.body.contributors.find((x) => x.name === 'Priya Shah').passes, false);
    assert.match(visibleText((await m2.page('/accounts/1')).text), /Priya Shah no longer passes/);
    const reg = (await m2.get('/accounts')).body.accounts.find((a) => a.id === 1);
    assert.equal(reg.gate_failing, true);
    assert.match((await m2.page('/accounts')).text, /no longer passes the checks/);
    const told = () => count(s.db, 'notifications',
      `kind = 'account_gate' AND user_id = ${uid(s.db, 'moderator@demo.school')} AND message LIKE 'Priya Shah%'`);
    assert.equal(told(), 1);
    assert.ok((await tasksOf(m2)).some((t) => t.kind === 'account_gate'));
    // The next night: still failing, not told again.
    s = await restartAt(s, 2);
    m2 = await s.login('moderator@demo.school');
    await m2.get('/accounts/1');
    assert.equal(told(), 1);
    // Removed from the account: the flag goes with her.
    const cid = Number(sql(s.db, `SELECT id FROM account_contributors WHERE name = 'Priya Shah'`));
    assert.equal((await m2.post(`/accounts/1/contributors/${cid}/remove`)).status, 200);
    assert.equal((await m2.post(`/accounts/1/contributors/${cid}/remove`)).status, 404);
    r = await m2.get('/accounts/1');
    assert.ok(!r.body.gate_flags.some((f) => f.who === 'Priya Shah'));
  } finally {
    await s.stop();
  }
});

test('a paper signature may carry a scan: a PDF or a picture, checked by its bytes, opened only by the moderator and the lead', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const v = await currentVersion(mod);
    // A whole picture: a picture is decoded to be stored without its metadata.
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const form = (file, name, extra = {}) => {
      const fd = new FormData();
      for (const [k, val] of Object.entries({ ...parent(v.version_id, { name: 'Sam Ode', relation: 'Volunteer' }), ...extra })) fd.append(k, val);
      fd.append('scan', new Blob([file]), name);
      return fd;
    };
    const before = count(s.db, 'account_contributors');
    // Not a PDF, JPEG or PNG whatever its name: 415, nothing stored.
    let r = await mod.request('POST', '/accounts/1/contributors', { multipart: form(Buffer.from('just words'), 'scan.pdf') });
    assert.equal(r.status, 415, r.text);
    assert.equal(r.body.field, 'scan');
    r = await mod.request('POST', '/accounts/1/contributors', { multipart: form(Buffer.alloc(0), 'empty.png') });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'scan');
    assert.equal(count(s.db, 'account_contributors'), before);
    assert.equal(count(s.db, 'contributor_paper_scans'), 0);
    r = await mod.request('POST', '/accounts/1/contributors', { multipart: form(PNG, 'signed.html') });
    assert.equal(r.status, 201, r.text);
    const cid = r.body.contributor.id;
    assert.equal(sql(s.db, `SELECT filename || '|' || type FROM contributor_paper_scans WHERE contributor_id = ${cid}`),
      `paper-signature-${cid}.png|image/png`);
    r = await mod.get(`/accounts/1/contributors/${cid}/scan`);
    assert.equal(r.status, 200);
    // what is kept: the picture rewritten, with the hash of what was sent beside it
    assert.deepEqual(r.bytes.subarray(0, 8), PNG.subarray(0, 8));
    assert.equal(sql(s.db, `SELECT s.sha256 || '|' || o.sha256 FROM contributor_paper_scans s JOIN contributor_paper_scan_original o USING (contributor_id) WHERE contributor_id = ${cid}`),
      `${createHash('sha256').update(r.bytes).digest('hex')}|${createHash('sha256').update(PNG).digest('hex')}`);
    assert.match(r.headers.get('content-disposition') || '', /attachment/);
    assert.equal(auditRows(s.db, 'account.paper_scan_download').length, 1);
    assert.equal((await (await s.login('science@demo.school')).get(`/accounts/1/contributors/${cid}/scan`)).status, 200);
    for (const who of ['deputy', 'teacher', 'bursar']) {
      const c = await s.login(`${who}@demo.school`);
      assert.equal((await c.get(`/accounts/1/contributors/${cid}/scan`)).status, 404, who);
    }
    assert.equal((await mod.get(`/accounts/2/contributors/${cid}/scan`)).status, 404);
    const html = (await mod.page('/accounts/1')).text;
    assert.match(html, new RegExp(`/accounts/1/contributors/${cid}/scan`));
    assert.match(html, new RegExp(`/accounts/1/contributors/${cid}/remove`));
    const deputyPage = (await (await s.login('deputy@demo.school')).page('/accounts/1')).text;
    assert.doesNotMatch(deputyPage, /contributors\/\d+\/(scan|remove)/);
    assert.match(visibleText(deputyPage), /Sam Ode Volunteer/);
  } finally {
    await s.stop();
  }
});

test('a member of staff is added only when they pass the lead\'s checks, and then sees the account', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const teacher = await s.login('teacher@demo.school');
    assert.equal((await teacher.get('/accounts/1')).status, 404);
    const before = count(s.db, 'account_contributors');
    let r = await mod.post('/accounts/1/contributors', { email: 'teacher@demo.school' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.field, 'email');
    assert.ok(r.body.checks.some((c) => c.name === 'lead_trained'));
    assert.equal(count(s.db, 'account_contributors'), before);
    r = await mod.post('/accounts/1/contributors', { email: 'nobody@demo.school' });
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'email');
    r = await mod.post('/accounts/1/contributors', { email: 'science@demo.school' });
    assert.equal(r.status, 409, 'the lead already runs it');
    qualify(s.db, 'teacher@demo.school');
    r = await mod.post('/accounts/1/contributors', { email: 'teacher@demo.school' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.contributor.staff, true);
    assert.equal((await teacher.get('/accounts/1')).status, 200);
    assert.ok((await teacher.get('/accounts')).body.accounts.some((a) => a.id === 1));
    // A contributor does not manage who runs the account.
    r = await teacher.post('/accounts/1/contributors', { email: 'ta@demo.school' });
    assert.equal(r.status, 403);
    const cid = r.body && Number(sql(s.db, 'SELECT max(id) FROM account_contributors'));
    assert.equal((await teacher.post(`/accounts/1/contributors/${cid}/remove`)).status, 403);
    assert.equal((await mod.post(`/accounts/2/contributors/${cid}/remove`)).status, 404);
    assert.equal((await mod.post(`/accounts/1/contributors/${cid}/remove`)).status, 200);
    assert.equal((await teacher.get('/accounts/1')).status, 404);
  } finally {
    await s.stop();
  }
});

test('the revealed-password rotation after a leaver', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    // The demo school: Amy Clarke saw the password, then stopped running the account.
    let d = await mod.get('/accounts/1');
    assert.equal(d.body.password_changes.length, 1);
    assert.match(d.body.password_changes[0].words, /revealed by Amy Clarke on /);
    assert.ok(d.body.contributors.some((c) => c.name === 'Joanne Fielding' && !c.staff && c.passes));
    assert.ok(d.body.contributors.some((c) => c.name === 'Tom Hughes' && c.staff && c.passes));
    // Storing new credentials is a change of password.
    assert.equal((await mod.post('/accounts/1/credentials', { login: 'hs', password: 'first-secret-1234' })).status, 200);
    d = await mod.get('/accounts/1');
    assert.equal(d.body.password_changes.length, 0);
    qualify(s.db, 'teacher@demo.school');
    assert.equal((await mod.post('/accounts/1/contributors', { email: 'teacher@demo.school' })).status, 201);
    // A contributor may not reveal them (404, as for someone who neither
    // leads the account nor is SLT or the moderator): ravens-wood §10 and the
    // agreement share them with the lead, the moderator and senior leaders.
    const teacher = await s.login('teacher@demo.school');
    const reveals = auditRows(s.db, 'account.credentials_reveal').length;
    for (const password of ['wrong-password', 'staffroom-demo']) {
      const r = await teacher.post('/accounts/1/credentials/reveal', { password });
      assert.equal(r.status, 404, r.text);
      assert.ok(!r.text.includes('first-secret-1234'));
    }
    assert.equal((await teacher.get('/accounts/1')).body.can_credentials, false);
    assert.doesNotMatch((await teacher.page('/accounts/1')).text, /credentials\/reveal/);
    assert.equal(auditRows(s.db, 'account.credentials_reveal').length, reveals);
    // The lead may reveal their own account's credentials.
    const lead = await s.login('science@demo.school');
    let r = await lead.post('/accounts/1/credentials/reveal', { password: 'wrong-password' });
    assert.equal(r.status, 403);
    r = await lead.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.credentials.password, 'first-secret-1234');
    const bursar = await s.login('bursar@demo.school');
    assert.equal((await bursar.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' })).status, 404);
    assert.equal((await teacher.post('/accounts/2/credentials/reveal', { password: 'staffroom-demo' })).status, 404);
    // Storing them stays with SLT and the moderator.
    assert.equal((await teacher.post('/accounts/1/credentials', { login: 'x', password: 'y-123456789' })).status, 404);
    r = await mod.get('/accounts/1');
    assert.equal(r.body.password_changes.length, 0, 'nothing to change while he leads it');

    // The account handed to the contributor, and its former lead kept on as
    // a contributor: he no longer may see it, so the password must be changed.
    assert.equal((await mod.post('/accounts/1/transfer', { lead: 'teacher@demo.school' })).status, 200);
    qualify(s.db, 'science@demo.school');
    assert.equal((await mod.post('/accounts/1/contributors', { email: 'science@demo.school' })).status, 201);
    r = await mod.get('/accounts/1');
    assert.equal(r.body.password_changes.length, 1);
    assert.match(r.body.password_changes[0].words, /^Change the password: revealed by Daniel Reid on /);
    assert.equal(r.body.account.password_change, true);
    assert.match(visibleText((await mod.page('/accounts/1')).text), /Change the password: revealed by \S+ \S+ on/);
    assert.ok((await tasksOf(mod)).some((t) => t.kind === 'account_password_change'));
    // Only the moderator records the change.
    const deputy = await s.login('deputy@demo.school');
    assert.equal((await deputy.post('/accounts/1/credentials/changed')).status, 403);
    assert.equal((await mod.post('/accounts/99999/credentials/changed')).status, 404);
    assert.equal((await mod.get('/accounts/1')).body.password_changes.length, 1);
    assert.equal((await mod.post('/accounts/1/credentials/changed')).status, 200);
    assert.equal((await mod.get('/accounts/1')).body.password_changes.length, 0);
    assert.equal(auditRows(s.db, 'account.password_changed').length, 1);

    // The new lead reveals, then leaves the school: the warning again, until
    // new credentials are stored.
    assert.equal((await teacher.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' })).status, 200);
    assert.equal((await mod.get('/accounts/1')).body.password_changes.length, 0);
    sql(s.db, `UPDATE users SET active = 0 WHERE email = 'teacher@demo.school'`);
    r = await mod.get('/accounts/1');
    assert.equal(r.body.password_changes.length, 1);
    assert.match(r.body.password_changes[0].words, /revealed by Amy Clarke on /);
    assert.equal((await mod.get('/accounts')).body.accounts.find((a) => a.id === 1).password_change, true);
    assert.equal((await mod.post('/accounts/1/credentials', { login: 'hs', password: 'second-secret-9876' })).status, 200);
    assert.equal((await mod.get('/accounts/1')).body.password_changes.length, 0);
    // A reveal by the moderator (not as a runner) asks nothing while they stay.
    assert.equal((await mod.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' })).status, 200);
    assert.equal((await mod.get('/accounts/1')).body.password_changes.length, 0);
    // A deputy head reveals it as SLT, then steps down from SLT and stays on
    // as a teacher: ravens-wood §10 shares it with SLT and the moderator only.
    assert.equal((await mod.post('/accounts/1/credentials/changed')).status, 200);
    const slt = await s.login('deputy@demo.school');
    assert.equal((await slt.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' })).status, 200);
    assert.equal((await mod.get('/accounts/1')).body.password_changes.length, 0, 'still SLT');
    sql(s.db, `DELETE FROM user_roles WHERE role = 'slt' AND user_id = ${uid(s.db, 'deputy@demo.school')}`);
    r = await mod.get('/accounts/1');
    assert.equal(r.body.password_changes.length, 1);
    assert.match(r.body.password_changes[0].words, /revealed by Samir Patel on /);
    assert.match((await tasksOf(mod)).find((t) => t.kind === 'account_password_change').message,
      /no longer SLT or the moderator/);
  } finally {
    await s.stop();
  }
});

test('the yearly review and dormancy with the clock moved forward', async () => {
  let s = await startServer();
  try {
    let mod = await s.login('moderator@demo.school');
    let r = await mod.get('/accounts/1');
    assert.equal(r.body.account.review_due, false);
    assert.equal(r.body.account.dormant, false);
    const mine = (tasks, kind) => tasks.some((t) => t.kind === kind && t.link === '/accounts/1');
    assert.ok(!mine(await tasksOf(mod), 'account_review_due'));

    s = await restartAt(s, 400);
    mod = await s.login('moderator@demo.school');
    r = await mod.get('/accounts/1');
    assert.equal(r.body.account.review_due, true);
    assert.equal(r.body.account.dormant, true);
    const tasks = await tasksOf(mod);
    assert.ok(mine(tasks, 'account_review_due'));
    assert.ok(mine(tasks, 'account_dormant'));
    const reg = (await mod.get('/accounts')).body.accounts.find((a) => a.id === 1);
    assert.equal(reg.dormant, true);
    assert.match(visibleText((await mod.page('/accounts/1')).text), /Dormant: nothing has been logged/);
    assert.match(visibleText((await mod.page('/accounts/1')).text), /\(more than 90 days\)/);
    // A setting of one day reads as one, on the page and in My tasks.
    sql(s.db, "UPDATE settings SET value = '1' WHERE key = 'account_dormant_days'");
    assert.match(visibleText((await mod.page('/accounts/1')).text), /\(more than 1 day\)/);
    assert.ok((await tasksOf(mod)).some((t) => t.kind === 'account_dormant' && /nothing has been logged for 1 day\./.test(t.message)));
    sql(s.db, "UPDATE settings SET value = '90' WHERE key = 'account_dormant_days'");

    const ok = { lead_ok: 'yes', contributors_ok: 'yes', purpose_ok: 'yes', monitoring_ok: 'no' };
    for (const [form, field] of [
      [{ ...ok }, 'outcome'],
      [{ ...ok, lead_ok: 'maybe', outcome: 'continue' }, 'lead_ok'],
      [{ ...ok, outcome: 'close' }, 'notes'],
      [{ ...ok, outcome: 'close', notes: 'No longer used.' }, 'password_changed'],
    ]) {
      r = await mod.post('/accounts/1/review', form);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, field);
    }
    // Closing without notes or ticks: each problem on its field, in the page's words only.
    r = await mod.post('/accounts/1/review', { ...ok, outcome: 'close' });
    assert.deepEqual(r.body.errors.map((e) => e.field),
      ['notes', 'password_changed', 'recovery_changed', 'two_factor_moved', 'content_archived']);
    assert.equal(r.body.error, 'Say in the notes why the account is being closed.');
    for (const e of r.body.errors) assert.doesNotMatch(e.error, /\(|_/, e.error);
    const lead = await s.login('science@demo.school');
    assert.equal((await lead.post('/accounts/1/review', { ...ok, outcome: 'continue' })).status, 403);
    assert.equal((await mod.post('/accounts/99999/review', { ...ok, outcome: 'continue' })).status, 404);
    assert.equal(count(s.db, 'account_reviews'), 0);

    r = await mod.post('/accounts/1/review', { ...ok, outcome: 'continue', notes: 'Monitoring to be weekly.' });
    assert.equal(r.status, 201, r.text);
    r = await mod.get('/accounts/1');
    assert.equal(r.body.account.review_due, false);
    assert.equal(r.body.account.dormant, false, 'a review that keeps it open starts the count again');
    assert.equal(r.body.reviews.length, 1);
    assert.equal(r.body.reviews[0].outcome, 'continue');
    assert.equal(auditRows(s.db, 'account.review').length, 1);
    // The list of reviews says what was decided in the review form's words.
    const reviewed = visibleText((await mod.page('/accounts/1')).text);
    assert.match(reviewed, /Tom Hughes: The account continues: Monitoring to be weekly\./);
    assert.doesNotMatch(reviewed, /: continue\b/);

    // A shorter dormancy setting, then a review that closes it through the checklist.
    // The admin sets it where the other settings are; out of range is refused.
    const admin = await s.login('admin@demo.school');
    let set = await admin.post('/admin/settings', { account_dormant_days: '0' });
    assert.equal(set.status, 400);
    assert.equal(set.body.field, 'account_dormant_days');
    assert.equal(sql(s.db, `SELECT value FROM settings WHERE key = 'account_dormant_days'`), '90');
    set = await admin.post('/admin/settings', { account_dormant_days: '30' });
    assert.equal(set.status, 200, set.text);
    assert.match((await admin.page('/admin/settings')).text, /id="f-account_dormant_days"[^>]*value="30"/);
    s = await restartAt(s, 440);
    mod = await s.login('moderator@demo.school');
    assert.equal((await mod.get('/accounts/1')).body.account.dormant, true);
    r = await mod.post('/accounts/1/review', {
      ...ok, outcome: 'close', notes: 'No longer used.', password_changed: 'yes',
      recovery_changed: 'yes', two_factor_moved: 'yes', content_archived: 'yes',
    });
    assert.equal(r.status, 201, r.text);
    r = await mod.get('/accounts/1');
    assert.equal(r.body.account.status, 'closed');
    assert.equal(r.body.account.dormant, false);
    assert.equal((await mod.post('/accounts/1/review', { ...ok, outcome: 'continue' })).status, 409);
  } finally {
    await s.stop();
  }
});

test('the next review is the anniversary of the UK date, and from 29 February it is 28 February', async () => {
  // 23:30 UTC on 17 July is 00:30 BST on the 18th.
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: '2027-07-17T23:30:00Z' } });
  try {
    const review = { lead_ok: 'yes', contributors_ok: 'yes', purpose_ok: 'yes', monitoring_ok: 'yes',
      outcome: 'continue' };
    let mod = await s.login('moderator@demo.school');
    let r = await mod.post('/accounts/1/review', review);
    assert.equal(r.status, 201, r.text);
    let account = (await mod.get('/accounts/1')).body.account;
    assert.match(account.last_review, /^2027-07-17T23:3/);
    assert.equal(account.review_due_on, '2028-07-18');
    assert.match(visibleText((await mod.page('/accounts/1')).text), /next due 18 Jul 2028 · due in 366 days/);

    await s.stop({ keep: true });
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2028-02-29T10:00:00Z' } });
    mod = await s.login('moderator@demo.school');
    r = await mod.post('/accounts/1/review', review);
    assert.equal(r.status, 201, r.text);
    account = (await mod.get('/accounts/1')).body.account;
    assert.equal(account.review_due_on, '2029-02-28', 'the last day of February, never more than a year');
    const page = visibleText((await mod.page('/accounts/1')).text);
    assert.match(page, /next due 28 Feb 2029 · due in 365 days/);
    assert.doesNotMatch(page, /2029-02-29/);
  } finally {
    await s.stop();
  }
});

test('the platforms include Teams, Zoom, Google Classroom, ClassDojo and games, with Other kept', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const page = (await mod.page('/accounts/new')).text;
    for (const label of ['Microsoft Teams', 'Zoom', 'Google Classroom', 'ClassDojo', 'Game with social features', 'Other'])
      assert.ok(page.includes(label), label);
    for (const platform of ['teams', 'zoom', 'classroom', 'classdojo', 'game']) {
      const r = await mod.post('/accounts', {
        platform, name: `hillside_${platform}`, department: 'Year 5', lead: 'science@demo.school',
        visibility: 'closed', url: `https://example.com/${platform}`,
      });
      assert.equal(r.status, 201, platform + r.text);
    }
    assert.equal(count(s.db, 'social_accounts', `platform IN ('teams','zoom','classroom','classdojo','game')`), 5);
  } finally {
    await s.stop();
  }
});

// A published, authorised policy in force today; resolves [policy id, version id].
async function policyInForce(admin, title, appliesTo) {
  const today = isoDay(0);
  let r = await admin.post('/admin/policies', { title, applies_to: appliesTo });
  assert.equal(r.status, 201, r.text);
  const pid = r.body.policy.id;
  r = await admin.post(`/admin/policies/${pid}/versions`, { body: 'Read this.', summary: 'First',
    effective: today, review_due: '2099-01-01', confirm: 'yes' });
  assert.equal(r.status, 201, r.text);
  const vid = r.body.version.id;
  r = await admin.post(`/admin/policies/${pid}/versions/${vid}/authorise`, { authorised_by: 'headteacher',
    authoriser_name: 'Helen Ashworth', job_title: 'Headteacher', authorised_on: today });
  assert.ok(r.status < 300, r.text);
  return [pid, vid];
}

test('the paper must be of the agreement staff and volunteers sign, not any policy for volunteers', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const admin = await s.login('admin@demo.school');
    const today = isoDay(0);
    // A policy for volunteers alone, published and in force: their car-park rules.
    const [, vid] = await policyInForce(admin, 'Visitor car park rules', 'volunteer');
    let r;
    const offered = (await mod.get('/accounts/1')).body.paper_versions;
    assert.ok(offered.length > 0);
    assert.ok(!offered.some((o) => o.version_id === vid), 'the form does not offer it');
    const before = count(s.db, 'account_contributors');
    const papers = count(s.db, 'contributor_paper');
    r = await mod.post('/accounts/1/contributors', parent(vid, { paper_date: today }));
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.field, 'paper_version_id');
    assert.match(r.body.error, /Visitor car park rules is not the agreement staff and volunteers sign to run a school account/);
    assert.ok(r.body.checks.some((k) => k.name === 'paper_signed'));
    assert.equal(count(s.db, 'account_contributors'), before);
    assert.equal(count(s.db, 'contributor_paper'), papers);
    // The agreement the page offers still passes.
    r = await mod.post('/accounts/1/contributors', parent(offered[0].version_id));
    assert.equal(r.status, 201, r.text);
    // A contributor already on record with such a paper fails the nightly checks.
    const cid = r.body.contributor.id;
    sql(s.db, `UPDATE contributor_paper SET version_id = ${vid} WHERE contributor_id = ${cid}`);
    const row = (await mod.get('/accounts/1')).body.contributors.find((x) => x.id === cid);
    assert.equal(row.passes, false);
    assert.match(row.failing[0].detail, /not the agreement staff and volunteers sign/);
  } finally {
    await s.stop();
  }
});

test('with another policy for staff and volunteers in force, the paper must be of the agreement chosen in School settings', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const admin = await s.login('admin@demo.school');
    const aup = await currentVersion(mod);
    const [, fireVid] = await policyInForce(admin, 'Fire safety', 'teacher,support,volunteer');
    const before = count(s.db, 'account_contributors');
    const papers = count(s.db, 'contributor_paper');
    // Two may be it and none is chosen: no paper passes, and the moderator is told who can fix it.
    let r = await mod.post('/accounts/1/contributors', parent(aup.version_id));
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.error, /More than one agreement is in force for staff and volunteers \(Staff acceptable-use agreement and Fire safety\): the administrator must choose in School settings the one people who are not staff sign to run a school account\./);
    assert.equal(count(s.db, 'account_contributors'), before);
    assert.equal((await mod.get('/accounts/1')).body.paper_versions.length, 2, 'both are offered until one is chosen');

    // School settings offer the policies that may be it, and refuse any other.
    let page = await admin.get('/admin/settings');
    assert.deepEqual(page.body.runner_agreements.map((o) => o.title).sort(), ['Fire safety', 'Staff acceptable-use agreement']);
    const html = (await admin.page('/admin/settings')).text;
    assert.match(html, /<label for="f-runner_agreement">The agreement people who are not staff sign on paper to run a school account<\/label>/);
    const conduct = sql(s.db, "SELECT id FROM policies WHERE applies_to = 'teacher,support' LIMIT 1");
    for (const bad of ['abc', '99999', conduct]) {
      r = await admin.post('/admin/settings', { runner_agreement: bad });
      assert.equal(r.status, 400, `${bad}: ${r.text}`);
      assert.equal(r.body.field, 'runner_agreement');
      assert.equal(r.body.error, 'Choose an agreement that applies to volunteers and to teachers or support staff.');
    }
    assert.equal(sql(s.db, "SELECT count(*) FROM settings WHERE key = 'runner_agreement'"), '0', 'nothing saved');
    r = await admin.post('/admin/settings', { runner_agreement: String(aup.policy_id) });
    assert.equal(r.status, 200, r.text);
    assert.equal(auditRows(s.db, 'settings.change').filter((x) => x.includes('|runner_agreement|')).length, 1);
    page = await admin.get('/admin/settings');
    assert.deepEqual(page.body.runner_agreements.filter((o) => o.chosen).map((o) => o.title), ['Staff acceptable-use agreement']);

    // Now the fire-safety paper is refused, the agreement's passes, and only its versions are offered.
    r = await mod.post('/accounts/1/contributors', parent(fireVid));
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.field, 'paper_version_id');
    assert.match(r.body.error, /Fire safety is not the agreement people who are not staff sign to run a school account: that is Staff acceptable-use agreement, chosen in School settings/);
    assert.equal(count(s.db, 'account_contributors'), before);
    assert.equal(count(s.db, 'contributor_paper'), papers);
    assert.deepEqual((await mod.get('/accounts/1')).body.paper_versions.map((v) => v.policy_id), [aup.policy_id]);
    r = await mod.post('/accounts/1/contributors', parent(aup.version_id));
    assert.equal(r.status, 201, r.text);
    // A contributor on record with the other paper fails the checks.
    const cid = r.body.contributor.id;
    sql(s.db, `UPDATE contributor_paper SET version_id = ${fireVid} WHERE contributor_id = ${cid}`);
    const row = (await mod.get('/accounts/1')).body.contributors.find((x) => x.id === cid);
    assert.equal(row.passes, false);
    assert.match(row.failing[0].detail, /Fire safety is not the agreement people who are not staff sign/);
  } finally {
    await s.stop();
  }
});

test('a contributor who is not staff, once they stop, is shown with what is kept and until when, to whoever sees the account, until the review deletes it', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const v = await currentVersion(mod);
    const added = await mod.post('/accounts/1/contributors', parent(v.version_id, { name: 'Jo Former', relation: 'Volunteer' }));
    assert.equal(added.status, 201, added.text);
    const cid = added.body.contributor.id;
    sql(s.db, `INSERT INTO contributor_paper_scans VALUES (${cid}, 'paper.png', 'image/png', 1, '00', X'00')`);
    const formerOf = async (c) => (await c.get('/accounts/1')).body.former_contributors.find((f) => f.id === cid);
    assert.equal(await formerOf(mod), undefined, 'while they run it: a current contributor');
    assert.equal((await mod.post(`/accounts/1/contributors/${cid}/remove`)).status, 200);
    // Removed at 00:30 on 1 July, UK time: six years from that UK date, for each.
    sql(s.db, `UPDATE account_contributors SET removed_at = '2026-06-30T23:30:00Z' WHERE id = ${cid}`);
    for (const who of ['moderator', 'science', 'deputy', 'bursar', 'head']) {
      const r = await (await s.login(`${who}@demo.school`)).get('/accounts/1');
      assert.equal(r.status, 200, who);
      for (const key of ['account', 'contributors', 'paper_versions', 'checks_log', 'former_contributors']) assert.ok(key in r.body, `${who}: ${key}`);
      assert.ok(!r.body.contributors.some((x) => x.id === cid), who);
      const f = r.body.former_contributors.find((x) => x.id === cid);
      assert.ok(f, who);
      assert.equal(f.name, 'Jo Former');
      assert.equal(f.relation, 'Volunteer');
      assert.equal(f.stopped_on, '2026-07-01');
      assert.equal(f.account_closed, false);
      assert.deepEqual(f.paper, { paper_date: isoDay(-3), has_scan: true, kept_until: '2032-07-01', held: false, listed: false });
      assert.deepEqual(f.training, { completed_on: isoDay(-2), kept_until: '2032-07-01', held: false, listed: false });
    }
    const html = (await mod.page('/accounts/1')).text;
    assert.match(html, /<h2 id="h-former">Former contributors<\/h2>/);
    assert.match(html, /<th scope="col">What is kept, and until when<\/th>/);
    assert.match(html, new RegExp(`/accounts/1/contributors/${cid}/scan`), 'the moderator opens the scan');
    assert.match(visibleText(html), /Jo Former Volunteer 1 Jul 2026 Paper signature dated .*, with its scan \(\s*the scan of the paper of Jo Former\s*\): kept until 1 Jul 2032\s*Social-media training done on .*: kept until 1 Jul 2032/);
    const deputyPage = (await (await s.login('deputy@demo.school')).page('/accounts/1')).text;
    assert.match(visibleText(deputyPage), /Jo Former Volunteer/);
    assert.doesNotMatch(deputyPage, new RegExp(`contributors/${cid}/scan`), 'the scan only for the moderator and the lead');
    // Whoever may not see the account sees none of it.
    const teacher = await s.login('teacher@demo.school');
    assert.equal((await teacher.get('/accounts/1')).status, 404);
    assert.doesNotMatch((await teacher.page('/accounts/1')).text, /Jo Former/);

    // Their years past, each is listed by the review and deleted there on its own.
    sql(s.db, `UPDATE account_contributors SET removed_at = '2018-03-01T10:00:00Z' WHERE id = ${cid}`);
    assert.equal((await formerOf(mod)).paper.listed, true);
    const head = await s.login('head@demo.school');
    const del = (record_type) => head.post('/admin/retention/delete', { record_type, record_id: String(cid), reason: 'Retention period over' });
    assert.equal((await del('contributor_paper')).status, 200);
    const left = await formerOf(mod);
    assert.equal(left.paper, null);
    assert.equal(left.training.kept_until, '2024-03-01');
    assert.equal((await del('contributor_training')).status, 200);
    assert.equal(await formerOf(mod), undefined, 'nothing kept: no longer shown');
    assert.doesNotMatch((await mod.page('/accounts/1')).text, /Jo Former/);

    // The account closed: those who still ran it stopped that day.
    const kit = await mod.post('/accounts/1/contributors', parent(v.version_id, { name: 'Kit Closed', relation: 'Parent' }));
    assert.equal(kit.status, 201, kit.text);
    assert.equal((await mod.post('/accounts/1/close', CLOSE_TICKED)).status, 200);
    const closed = (await mod.get('/accounts/1')).body.former_contributors.find((f) => f.id === kit.body.contributor.id);
    assert.equal(closed.account_closed, true);
    assert.equal(closed.stopped_on, new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()), 'the UK date it was closed');
    assert.equal(closed.paper.has_scan, false);
    assert.match(visibleText((await mod.page('/accounts/1')).text), /Kit Closed Parent .* \(the account was closed\)/);
  } finally {
    await s.stop();
  }
});
