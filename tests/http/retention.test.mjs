// Records management: records past their retention date are listed for
// review, deleted only by a person, never under a legal hold, leaving a
// disposal row and an audit row without the content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startServer, launch, cli, sql, dateWords } from './lib.mjs';
import { qualify } from './account_lib.mjs';
import { file, PNG } from './concern_helpers.mjs';

const id = (db, email) => sql(db, `SELECT id FROM users WHERE email = '${email}'`);

test('retention: review, legal hold, deletion with a register, the chronology and audit chain intact', async () => {
  // Fourteen years on from the demo data.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2040-06-01T10:00:00Z' } });
  try {
    const admin = await s.login('admin@demo.school');
    const head = await s.login('head@demo.school');
    const teacher = await s.login('teacher@demo.school');
    const governor = await s.login('governor@demo.school');
    assert.equal((await teacher.get('/admin/retention')).status, 403);
    assert.equal((await governor.get('/admin/retention')).status, 403);
    assert.equal((await (await s.login('chair@demo.school')).get('/admin/retention')).status, 200);
    assert.equal((await head.get('/admin/retention')).status, 200);

    const closed = sql(s.db, "SELECT id || '|' || reference FROM concerns WHERE status = 'closed'").split('|');
    const about = sql(s.db, "SELECT id FROM concerns WHERE about_id IS NOT NULL");
    sql(s.db, `UPDATE concerns SET status = 'closed', closed_at = '2026-03-01T10:00:00Z', created_at = '2026-02-01T10:00:00Z' WHERE id = ${about}`);
    const science = id(s.db, 'science@demo.school');
    const left = await admin.post(`/admin/staff/${science}/deactivate`, { left_on: '2030-01-01' });
    assert.equal(left.status, 200, left.text);

    let page = await head.get('/admin/retention');
    const keys = page.body.due.map((d) => `${d.record_type}:${d.record_id}`);
    assert.ok(keys.includes(`concern:${closed[0]}`), 'a closed concern, six years on');
    assert.ok(!keys.includes(`concern:${about}`), 'a concern about someone still at the school is kept');
    const sigs = sql(s.db, `SELECT id FROM signatures WHERE user_id = ${science}`).split('\n');
    const trainings = sql(s.db, `SELECT id FROM training WHERE user_id = ${science}`).split('\n');
    for (const x of sigs) assert.ok(keys.includes(`signature:${x}`));
    for (const x of trainings) assert.ok(keys.includes(`training:${x}`));
    // A training record is named by its course's title, as the training pages name it.
    const course = sql(s.db, `SELECT c.title FROM training t JOIN courses c ON c.code = t.course WHERE t.id = ${trainings[0]}`);
    const label = page.body.due.find((d) => d.record_type === 'training' && String(d.record_id) === trainings[0]).label;
    assert.ok(label.includes(`: ${course}, completed `), label);
    // Dates a person reads are in words, as every page shows them.
    const completed = sql(s.db, `SELECT completed_on FROM training WHERE id = ${trainings[0]}`);
    assert.ok(label.endsWith(`, completed ${dateWords(completed)}`), label);
    for (const d of page.body.due) assert.doesNotMatch(d.label, /\d{4}-\d\d-\d\d/, d.label);
    assert.doesNotMatch(label, /social_media_policy|safeguarding \d/);
    const ta = sql(s.db, "SELECT s.id FROM signatures s JOIN users u ON u.id = s.user_id WHERE u.email = 'ta@demo.school'");
    assert.ok(!keys.includes(`signature:${ta}`), 'someone still here keeps their signature');
    assert.equal(sql(s.db, 'SELECT count(*) FROM disposals'), '0', 'nothing is deleted by listing');

    // The headteacher leaves in 2031: ten years after leaving is 2041, so not yet...
    sql(s.db, `UPDATE users SET left_on = '2031-01-01' WHERE email = 'head@demo.school'`);
    // The concern is about the headteacher: the chair of governors, who handles it, reviews it.
    const chair = await s.login('chair@demo.school');
    page = await chair.get('/admin/retention');
    assert.ok(!page.body.due.some((d) => d.record_type === 'concern' && String(d.record_id) === about));
    const early = await chair.post('/admin/retention/delete', { record_type: 'concern', record_id: about, reason: 'tidy' });
    assert.equal(early.status, 409);
    assert.match(early.body.error, /1 Jan 2041/);
    // ...until the school shortens the retirement review.
    assert.equal((await head.post('/admin/retention/rules', { retirement_review_years: '5' })).status, 403);
    assert.equal((await admin.post('/admin/retention/rules', { retirement_review_years: '0' })).status, 400);
    // Every period out of range is named at once, and none is saved.
    const rules = () => sql(s.db, "SELECT group_concat(key || '=' || value) FROM (SELECT * FROM settings WHERE key LIKE 'retention_%' ORDER BY key)");
    const kept = rules();
    const both = await admin.post('/admin/retention/rules', { concern_years: '7', sar_years: '0', training_years: '101' });
    assert.equal(both.status, 400);
    assert.deepEqual(both.body.errors, [
      { field: 'training_years', error: 'The rule "Training records: years after the person leaves" must be a number of years from 1 to 100.' },
      { field: 'sar_years', error: 'The rule "Subject access requests: years after the response was sent" must be a number of years from 1 to 100.' },
    ]);
    assert.equal(rules(), kept);
    // On the page: each problem beside its field, where the summary links, the numbers as typed.
    const shown = await admin.request('POST', '/admin/retention/rules', { form: { concern_years: '7', sar_years: '0' }, json: false });
    assert.equal(shown.status, 400);
    assert.match(shown.text, /<a href="#f-sar_years">/);
    assert.match(shown.text, /<label for="f-sar_years">[^<]*<\/label><p class="field-error" id="e-sar_years">The rule &quot;Subject access requests: years after the response was sent&quot; must be a number of years from 1 to 100\.<\/p><input id="f-sar_years" [^>]*value="0" aria-describedby="e-sar_years" aria-invalid="true">/);
    assert.match(shown.text, /<input id="f-concern_years" [^>]*value="7">/);
    assert.equal((await admin.post('/admin/retention/rules', { retirement_review_years: '5' })).status, 200);
    page = await chair.get('/admin/retention');
    const row = page.body.due.find((d) => d.record_type === 'concern' && String(d.record_id) === about);
    assert.equal(row.due, '2036-02-01', 'ten years after the concern is the later date now');
    assert.ok(page.body.due.every((d) => d.record_type === 'concern'), 'the chair reviews concerns only');
    assert.ok(!page.body.due.some((d) => String(d.record_id) === closed[0]), 'not one they may not open');
    // Neither the headteacher it is about nor the administrator, to whom no concern is
    // routed, sees it, holds it or deletes it; the administrator reviews no concern.
    assert.ok(!(await head.get('/admin/retention')).body.due.some((d) => d.record_type === 'concern' && String(d.record_id) === about));
    page = await admin.get('/admin/retention');
    assert.ok(!page.body.due.some((d) => d.record_type === 'concern'), JSON.stringify(page.body.due));
    assert.ok(page.body.due.some((d) => d.record_type === 'signature'), 'other records are still theirs to review');
    for (const action of ['hold', 'delete']) {
      const r = await admin.post(`/admin/retention/${action}`, { record_type: 'concern', record_id: about, reason: 'x' });
      assert.equal(r.status, 404, action);
    }
    assert.equal(sql(s.db, 'SELECT count(*) FROM legal_holds'), '0');

    // Bad input changes nothing.
    for (const [form, status] of [
      [{ record_type: 'pupil', record_id: '1', reason: 'x' }, 400],
      [{ record_type: 'concern', record_id: '-1', reason: 'x' }, 400],
      [{ record_type: 'concern', record_id: closed[0] }, 400],
      [{ record_type: 'concern', record_id: '99999', reason: 'x' }, 404],
    ]) assert.equal((await head.post('/admin/retention/delete', form)).status, status, JSON.stringify(form));

    // A legal hold stops deletion; releasing it allows it again.
    const sig = sigs[0];
    assert.equal((await head.post('/admin/retention/hold', { record_type: 'signature', record_id: sig,
      reason: 'Employment tribunal claim' })).status, 201);
    assert.equal((await head.post('/admin/retention/hold', { record_type: 'signature', record_id: sig, reason: 'again' })).status, 409);
    assert.equal((await head.post('/admin/retention/hold', { record_type: 'training', record_id: '99999', reason: 'x' })).status, 404);
    page = await head.get('/admin/retention');
    assert.equal(page.body.due.find((d) => d.record_type === 'signature' && String(d.record_id) === sig).hold_reason,
      'Employment tribunal claim');
    // A row's form refused: its problem in that row, where the summary links; the hold form stays clean.
    const noWhy = await head.request('POST', '/admin/retention/release', { form: { record_type: 'signature', record_id: sig, reason: ' ' }, json: false });
    assert.equal(noWhy.status, 400);
    assert.match(noWhy.text, new RegExp(`<a href="#r-signature-${sig}">`));
    const heldRow = noWhy.text.match(new RegExp(`<form method="post" action="/admin/retention/release">[^]*?name="record_id" value="${sig}">[^]*?</form>`))[0];
    assert.match(heldRow, new RegExp(`<p class="field-error" id="e-reason">[^<]+</p><input id="r-signature-${sig}" [^>]*aria-invalid="true">`));
    const holdForm = noWhy.text.match(/<h3>Place a legal hold<\/h3>[^]*?<\/form>/)[0];
    assert.doesNotMatch(holdForm, /field-error|aria-invalid/);
    assert.equal(noWhy.text.match(/class="field-error"/g).length, 1);
    const held = await head.post('/admin/retention/delete', { record_type: 'signature', record_id: sig, reason: 'over' });
    assert.equal(held.status, 409);
    assert.equal(sql(s.db, `SELECT count(*) FROM signatures WHERE id = ${sig}`), '1');
    assert.equal((await head.post('/admin/retention/release', { record_type: 'signature', record_id: sig, reason: 'Claim settled' })).status, 200);
    assert.equal((await head.post('/admin/retention/delete', { record_type: 'signature', record_id: sig, reason: 'Retention period over' })).status, 200);
    assert.equal(sql(s.db, `SELECT count(*) FROM signatures WHERE id = ${sig}`), '0');

    // A concern goes with its chronology, evidence and recipients; the register keeps what, when, who, why.
    const summary = sql(s.db, `SELECT summary FROM concerns WHERE id = ${closed[0]}`);
    assert.ok(Number(sql(s.db, `SELECT count(*) FROM concern_events WHERE concern_id = ${closed[0]}`)) > 0);
    // Events of a concern not disposed of still cannot be deleted.
    assert.throws(() => sql(s.db, `DELETE FROM concern_events WHERE concern_id = ${about}`), /append-only/);
    const del = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: closed[0], reason: 'Retention period over' });
    assert.equal(del.status, 200, del.text);
    for (const t of ['concerns WHERE id', 'concern_events WHERE concern_id', 'concern_recipient_roles WHERE concern_id', 'evidence WHERE concern_id'])
      assert.equal(sql(s.db, `SELECT count(*) FROM ${t} = ${closed[0]}`), '0', t);
    assert.equal(sql(s.db, `SELECT label || '|' || reason || '|' || (SELECT email FROM users WHERE id = by_id) FROM disposals WHERE record_type = 'concern'`),
      `${closed[1]}|Retention period over|head@demo.school`);
    const auditRow = sql(s.db, `SELECT detail FROM audit WHERE action = 'retention.delete' AND object = 'concern:${closed[0]}'`);
    assert.match(auditRow, /Retention period over/);
    assert.ok(!auditRow.includes(summary), 'the audit row holds no content');
    assert.throws(() => sql(s.db, 'DELETE FROM disposals'), /append-only/);
    assert.equal((await head.post('/admin/retention/delete', { record_type: 'concern', record_id: closed[0], reason: 'x' })).status, 404);
    assert.equal(cli(['audit', 'verify', '--db', s.db]).code, 0);
    const html = await head.page('/admin/retention');
    assert.equal(html.status, 200);
    assert.match(html.text, /Disposal register/);
    assert.ok(html.text.includes(closed[1]));
    // In words: the kind of record and when it was deleted, UK time.
    assert.match(html.text, new RegExp(`<time datetime="[0-9T:Z-]+">[^<]*2040[^<]*</time>: Concern ${closed[1]}`));
    assert.match(html.text, /<td>Signature \d+: /, 'a due signature is named in words');
    assert.match(html.text, new RegExp(`Concern ${closed[1]}, deleted by Helen Ashworth: `), 'who deleted it, by name');
    // The deleted text is gone from the files too, not left in free pages.
    // The WAL is removed when the last connection closes, which a CGI
    // process ending after its answer may do between a look and a read.
    const bytesOf = (f) => {
      try { return readFileSync(f); } catch (e) { if (e.code === 'ENOENT' && f.endsWith('-wal')) return null; throw e; }
    };
    const notInFiles = (when) => {
      for (const f of [s.db, `${s.db}-wal`]) {
        const bytes = bytesOf(f);
        if (bytes) assert.ok(!bytes.includes(Buffer.from(summary)), `the deleted summary is not in ${path.basename(f)} ${when}`);
      }
    };
    notInFiles('while the server runs');
    await s.stop({ keep: true });
    notInFiles('after it stops');
  } finally {
    await s.stop();
  }
});

test('legal holds name the record as the due list does and the person by name; the rules are a list to those who may not change them', async () => {
  const s = await startServer();
  try {
    const head = await s.login('head@demo.school');
    const admin = await s.login('admin@demo.school');
    // With no hold and nothing deleted, the page says so, with no empty list.
    const none = (await head.page('/admin/retention')).text;
    assert.match(none, /No legal holds\./);
    assert.match(none, /Nothing has been deleted\./);
    assert.doesNotMatch(none, /<ul>\s*<\/ul>/);
    // Records not yet due: an open concern, a signature of someone still here, a pupil still on the list.
    const [concern, reference] = sql(s.db, "SELECT id || '|' || reference FROM concerns WHERE status != 'closed' " +
      'AND about_id IS NULL ORDER BY id LIMIT 1').split('|');
    const [sig, signed] = sql(s.db, "SELECT s.id || '|' || u.email || ': ' || p.title || ' version ' || v.number " +
      'FROM signatures s JOIN users u ON u.id = s.user_id JOIN policy_versions v ON v.id = s.version_id ' +
      "JOIN policies p ON p.id = v.policy_id WHERE u.email = 'ta@demo.school' ORDER BY s.id LIMIT 1").split('|');
    const pupil = sql(s.db, 'SELECT id FROM do_not_publish WHERE removed_at IS NULL ORDER BY id LIMIT 1');
    for (const [type, rid, reason] of [['concern', concern, 'Police asked us to keep it'], ['signature', sig, 'Claim'],
      ['do_not_publish', pupil, 'A complaint about a photo']])
      assert.equal((await head.post('/admin/retention/hold', { record_type: type, record_id: rid, reason })).status, 201);
    const holds = (await head.get('/admin/retention')).body.holds;
    const hold = (type) => holds.find((h) => h.record_type === type);
    assert.equal(hold('concern').label, reference);
    assert.equal(hold('signature').label, signed);
    assert.match(hold('do_not_publish').label, new RegExp(`^do-not-publish/${pupil}, on the list from \\d{1,2} [A-Z][a-z]{2} \\d{4}$`));
    assert.equal(hold('concern').placed_by, 'head@demo.school', 'the JSON keeps the address');
    assert.equal(hold('concern').placed_by_name, 'Helen Ashworth');
    const html = (await head.page('/admin/retention')).text;
    assert.match(html, new RegExp(`<li>Concern ${concern}: ${reference}\\. Reason: <span class="multiline">Police asked us to keep it</span> ` +
      '\\(placed <time datetime="[^"]+">[^<]+</time> by Helen Ashworth\\)'));
    assert.ok(html.includes(`<li>Signature ${sig}: ${signed}. Reason: <span class="multiline">Claim</span>`));
    assert.doesNotMatch(html, /by head@demo\.school/);

    // The headteacher reads the rules; only the administrator has the form.
    assert.doesNotMatch(html, /action="\/admin\/retention\/rules"/);
    assert.doesNotMatch(html, /name="concern_staff_years"/);
    assert.match(html, /<dt>Concerns about staff: years after the concern<\/dt><dd>10<\/dd>/);
    assert.match(html, /<dt>Subject access requests: years after the response was sent<\/dt><dd>6<\/dd>/);
    const adminPage = (await admin.page('/admin/retention')).text;
    assert.match(adminPage, /<form class="stack" method="post" action="\/admin\/retention\/rules">/);
    assert.match(adminPage, /<input id="f-concern_staff_years" name="concern_staff_years" type="number" min="1" max="100" required value="10">/);
    assert.match(adminPage, /<button class="btn" type="submit">Save rules<\/button>/);
    assert.doesNotMatch(adminPage, /<dt>Concerns about staff/);
  } finally {
    await s.stop();
  }
});

test('a leaver\'s declines and yearly signings again are due with their signatures, not before', async () => {
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: '2036-06-01T10:00:00Z' } });
  try {
    let admin = await s.login('admin@demo.school');
    let head = await s.login('head@demo.school');
    // The supply teacher declined the agreement; the head of science signed the code of conduct again this year.
    for (const email of ['supply@demo.school', 'science@demo.school'])
      assert.equal((await admin.post(`/admin/staff/${id(s.db, email)}/deactivate`, { left_on: '2030-07-31' })).status, 200);
    const decline = sql(s.db, `SELECT id FROM policy_declines WHERE user_id = ${id(s.db, 'supply@demo.school')}`);
    const ack = sql(s.db, `SELECT id FROM policy_acknowledgements WHERE user_id = ${id(s.db, 'science@demo.school')}`);
    const stays = sql(s.db, `SELECT id FROM policy_acknowledgements WHERE user_id = ${id(s.db, 'head@demo.school')}`);
    assert.ok(decline && ack && stays);
    const keys = async () => (await head.get('/admin/retention')).body.due.map((d) => `${d.record_type}:${d.record_id}`);

    // Six years after leaving is 31 July 2036: not yet.
    let due = await keys();
    assert.ok(!due.includes(`decline:${decline}`) && !due.includes(`acknowledgement:${ack}`));
    const early = await head.post('/admin/retention/delete', { record_type: 'decline', record_id: decline, reason: 'tidy' });
    assert.equal(early.status, 409);
    assert.match(early.body.error, /31 Jul 2036/);
    assert.equal(sql(s.db, `SELECT count(*) FROM policy_declines WHERE id = ${decline}`), '1');
    // A hold may be placed before the date, on a record of either kind.
    assert.equal((await head.post('/admin/retention/hold', { record_type: 'acknowledgement', record_id: ack,
      reason: 'Disciplinary appeal' })).status, 201);
    assert.equal((await head.post('/admin/retention/hold', { record_type: 'acknowledgement', record_id: '99999',
      reason: 'x' })).status, 404);
    assert.equal((await head.post('/admin/retention/hold', { record_type: 'declines', record_id: decline,
      reason: 'x' })).status, 400);

    await s.stop({ keep: true });
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2036-08-01T10:00:00Z' } });
    admin = await s.login('admin@demo.school');
    head = await s.login('head@demo.school');
    due = (await head.get('/admin/retention')).body.due;
    const row = due.find((d) => d.record_type === 'decline' && String(d.record_id) === decline);
    assert.equal(row.due, '2036-07-31');
    assert.equal(row.label, 'supply@demo.school: Staff acceptable-use agreement version 1, not agreed');
    assert.equal(due.find((d) => d.record_type === 'acknowledgement' && String(d.record_id) === ack).hold_reason,
      'Disciplinary appeal');
    assert.ok(!due.some((d) => d.record_type === 'acknowledgement' && String(d.record_id) === stays),
      'someone still at the school keeps theirs');
    const reason = sql(s.db, `SELECT reason FROM policy_declines WHERE id = ${decline}`);
    assert.equal((await head.post('/admin/retention/delete', { record_type: 'decline', record_id: decline,
      reason: 'Retention period over' })).status, 200);
    assert.equal(sql(s.db, `SELECT count(*) FROM policy_declines WHERE id = ${decline}`), '0');
    const audited = sql(s.db, `SELECT detail FROM audit WHERE action = 'retention.delete' AND object = 'decline:${decline}'`);
    assert.ok(audited && !audited.includes(reason), 'the audit row holds no content');
    assert.equal((await head.post('/admin/retention/delete', { record_type: 'acknowledgement', record_id: ack,
      reason: 'Retention period over' })).status, 409, 'held');
    assert.equal((await head.post('/admin/retention/release', { record_type: 'acknowledgement', record_id: ack,
      reason: 'Appeal heard' })).status, 200);
    assert.equal((await admin.post('/admin/retention/delete', { record_type: 'acknowledgement', record_id: ack,
      reason: 'Retention period over' })).status, 200);
    assert.equal(sql(s.db, `SELECT count(*) FROM policy_acknowledgements WHERE id = ${ack}`), '0');
    assert.equal(sql(s.db, `SELECT count(*) FROM policy_acknowledgements WHERE id = ${stays}`), '1');
    assert.equal(sql(s.db, "SELECT group_concat(record_type) FROM (SELECT record_type FROM disposals ORDER BY id)"),
      'decline,acknowledgement');
    assert.equal(cli(['audit', 'verify', '--db', s.db]).code, 0);
    assert.match((await head.page('/admin/retention')).text, /<option value="acknowledgement"/);
  } finally {
    await s.stop();
  }
});

test('a concern raised from a school account\'s check or moderation log is deleted, the entries stay', async () => {
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-23T12:00:00Z' } });
  try {
    qualify(s.db, 'science@demo.school');
    const mod = await s.login('moderator@demo.school');
    let r = await mod.post('/accounts', { platform: 'facebook', name: 'HillsideReplies',
      url: 'https://facebook.com/HillsideReplies', department: 'Science', lead: 'science@demo.school', visibility: 'open' });
    assert.equal(r.status, 201, r.text);
    const account = r.body.account.id;
    const science = await s.login('science@demo.school');
    r = await science.post(`/accounts/${account}/moderation`, { action: 'blocked', what: 'Abusive replies to a parent.',
      link: 'https://facebook.com/c/2', open_concern: 'yes', summary: 'Abusive replies to a parent' });
    assert.equal(r.status, 201, r.text);
    const moderation = r.body.moderation;
    r = await science.post(`/accounts/${account}/checks`, { checked_at: '2026-11-23T11:00', comments_found: 'yes',
      all_answered: 'no', notes: 'An abusive reply; hidden.', open_concern: 'yes', summary: 'Abusive reply found in a check' });
    assert.equal(r.status, 201, r.text);
    const check = r.body.check;
    const concerns = [moderation.concern.id, check.concern.id];
    for (const cid of concerns) {
      r = await mod.post(`/concerns/${cid}/events`, { action: 'acknowledge' });
      assert.ok(r.status < 300, r.text);
      r = await mod.post(`/concerns/${cid}/events`, { action: 'close', outcome: 'Author blocked.', outcome_category: 'content_removed' });
      assert.ok(r.status < 300, r.text);
    }
    await s.stop({ keep: true });
    // Seven years on: past the six years of "any other concern".
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2033-12-01T12:00:00Z' } });
    const head = await s.login('head@demo.school');
    for (const cid of concerns) {
      r = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(cid), reason: 'Retention period over' });
      assert.equal(r.status, 200, r.text);
      assert.equal(sql(s.db, `SELECT count(*) FROM concerns WHERE id = ${cid}`), '0');
    }
    // What was done on the account is still recorded, without the concern.
    assert.equal(sql(s.db, `SELECT action || '|' || coalesce(concern_id, '-') FROM account_moderation WHERE id = ${moderation.id}`), 'blocked|-');
    assert.equal(sql(s.db, `SELECT notes || '|' || coalesce(concern_id, '-') FROM account_checks WHERE id = ${check.id}`),
      'An abusive reply; hidden.|-');
    const log = (await (await s.login('moderator@demo.school')).get(`/accounts/${account}`)).body;
    assert.equal(JSON.stringify(log).includes(moderation.concern.reference), false, 'the account page names no deleted concern');
  } finally {
    await s.stop();
  }
});

test('a retention period runs from the UK date: closed at 00:30 BST on 2 June 2026, kept until 2 June 2032', async () => {
  // 23:30 UTC on 1 June is 00:30 on 2 June in the UK.
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-06-01T23:30:00Z' } });
  try {
    const teacher = await s.login('teacher@demo.school');
    const c = await file(teacher, { category: 'other', summary: 'A late-night concern' });
    const head = await s.login('head@demo.school');
    let r = await head.post(`/concerns/${c.id}/events`, { action: 'acknowledge' });
    assert.ok(r.status < 300, r.text);
    r = await head.post(`/concerns/${c.id}/events`, { action: 'close', outcome: 'Dealt with.', outcome_category: 'no_further_action' });
    assert.ok(r.status < 300, r.text);
    assert.match(sql(s.db, `SELECT closed_at FROM concerns WHERE id = ${c.id}`), /^2026-06-01T23:3/, 'stored in UTC');
    await s.stop({ keep: true });
    // 13:00 on 1 June 2032 in the UK: six years since closing are not over.
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2032-06-01T12:00:00Z' } });
    let head2 = await s.login('head@demo.school');
    assert.ok(!(await head2.get('/admin/retention')).body.due.some((d) => d.record_type === 'concern' && d.record_id === c.id));
    r = await head2.post('/admin/retention/delete', { record_type: 'concern', record_id: String(c.id), reason: 'Retention period over' });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.error, /2 Jun 2032/);
    await s.stop({ keep: true });
    // 00:30 on 2 June 2032 in the UK: due.
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2032-06-01T23:30:00Z' } });
    head2 = await s.login('head@demo.school');
    const row = (await head2.get('/admin/retention')).body.due.find((d) => d.record_type === 'concern' && d.record_id === c.id);
    assert.equal(row?.due, '2032-06-02');
  } finally {
    await s.stop();
  }
});

test('a safeguarding concern about pupils that names a member of staff is kept the later of both rules', async () => {
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-03-02T10:00:00Z' } });
  try {
    const ta = await s.login('ta@demo.school');
    const named = await file(ta, { category: 'pupil_contact', about: 'science@demo.school',
      summary: 'A Year 9 pupil messaged a teacher on Instagram late at night' });
    const stays = await file(ta, { category: 'sexting', about: 'supply@demo.school',
      summary: 'An image shared between pupils, shown to a supply teacher' });
    const dsl = await s.login('dsl@demo.school');
    for (const c of [named, stays]) {
      let r = await dsl.post(`/concerns/${c.id}/events`, { action: 'acknowledge' });
      assert.ok(r.status < 300, r.text);
      if (c === named) { // braunstone, slyne 5: the pupil told it is not acceptable
        r = await dsl.post(`/concerns/${c.id}/events`, { action: 'step', step: 'pupil_told', outcome: 'done', text: 'Told.' });
        assert.ok(r.status < 300, r.text);
      }
      if (c === stays) { // an image report naming an adult: the police are told before it closes
        r = await dsl.post(`/concerns/${c.id}/events`, { action: 'escalate', to: 'police' });
        assert.ok(r.status < 300, r.text);
        for (const step of ['parents', 'safeguarding_unit']) { // heatons 9.1
          r = await dsl.post(`/concerns/${c.id}/events`, { action: 'step', step, outcome: 'done', text: 'Told.' });
          assert.ok(r.status < 300, r.text);
        }
      }
      r = await dsl.post(`/concerns/${c.id}/events`, { action: 'close', outcome: 'Safeguarding plan in place.', outcome_category: 'resolved_in_school' });
      assert.ok(r.status < 300, r.text);
    }
    await s.stop({ keep: true });
    // The teacher leaves in July 2027: the staff rule alone would end in 2037.
    assert.equal(cli(['user', 'deactivate', '--db', s.db, '--email', 'science@demo.school', '--left-on', '2027-07-31']).code, 0);
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2040-06-01T10:00:00Z' } });
    let head = await s.login('head@demo.school');
    assert.ok(!(await head.get('/admin/retention')).body.due.some((d) => d.record_type === 'concern' && d.record_id === named.id));
    let r = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(named.id), reason: 'Retention period over' });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.error, /2 Mar 2051/, 'twenty-five years after closing');
    await s.stop({ keep: true });
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2051-03-02T10:00:00Z' } });
    head = await s.login('head@demo.school');
    const due = (await head.get('/admin/retention')).body.due;
    const row = due.find((d) => d.record_type === 'concern' && d.record_id === named.id);
    assert.equal(row?.due, '2051-03-02');
    assert.match(row.rule, /^concern about a member of staff: .*; as a safeguarding concern about pupils, never before its closing plus the safeguarding years$/);
    assert.match((await head.page('/admin/retention')).text, /as a safeguarding concern about pupils, never before its closing/);
    // Still at the school: the staff rule is not yet known, so neither is the later of the two.
    assert.ok(!due.some((d) => d.record_type === 'concern' && d.record_id === stays.id), 'the supply teacher has not left');
    r = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(stays.id), reason: 'Retention period over' });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.error, /not yet known/);
    r = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(named.id), reason: 'Retention period over' });
    assert.equal(r.status, 200, r.text);
  } finally {
    await s.stop();
  }
});

test('deleting a concern deletes the pattern warnings that name it, and their e-mails', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-23T12:00:00Z' } });
  try {
    const teacher = await s.login('teacher@demo.school');
    const head = await s.login('head@demo.school');
    const science = id(s.db, 'science@demo.school');
    const filed = [];
    for (let i = 0; i < 4; i++)
      filed.push(await file(teacher, { category: 'staff_conduct', about: 'science@demo.school', summary: `Conduct concern ${i}` }));
    const [, , third, fourth] = filed;
    const naming = (c) => sql(s.db, `SELECT group_concat(id) FROM notifications WHERE instr(message, '${c.reference}') > 0`);
    const warning = (await head.get('/')).body.notifications.find((n) => n.message.startsWith(`Concern ${third.reference} is concern number 3`));
    assert.equal(warning.link, `/concerns/about/${science}#concern-${third.id}`, 'the warning links to the concern it names');
    const opened = await head.get(`/notifications/${warning.id}`, { json: false });
    assert.equal(opened.headers.get('location'), warning.link);
    assert.match((await head.page(`/concerns/about/${science}`)).text, new RegExp(`<tr id="concern-${third.id}">`));
    // A warning written before the link named its concern: the person's page, and the words.
    const headId = id(s.db, 'head@demo.school');
    const old = (c, n) => {
      sql(s.db, `INSERT INTO notifications(user_id, kind, message, link, created_at) VALUES (${headId}, 'concern',
        'Concern ${c.reference} is concern number ${n} about the same member of staff within 365 days: look at all the concerns about them.',
        '/concerns/about/${science}', '2026-11-23T12:00:00Z')`);
      const nid = sql(s.db, 'SELECT max(id) FROM notifications');
      sql(s.db, `INSERT INTO outbox(notification_id, user_id, to_addr, subject, body, created_at, next_attempt_at)
        VALUES (${nid}, ${headId}, 'head@demo.school', 'Something to read', 'Concern ${c.reference}', '2026-11-23T12:00:00Z', 0)`);
      return nid;
    };
    old(third, 3);
    const kept = old(fourth, 4);
    const warned = naming(third).split(',');
    assert.ok(warned.length >= 3, 'filed, warned and the older warning');
    for (const [action, form] of [['acknowledge', {}], ['threshold', { level: 'harm_threshold', text: 'Could pose a risk.' }],
      ['escalate', { to: 'lado' }], ['close', { outcome: 'Found to be malicious.', outcome_category: 'malicious' }]]) {
      const r = await head.post(`/concerns/${third.id}/events`, { action, ...form });
      assert.ok(r.status < 300, r.text);
    }
    const r = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(third.id), reason: 'Malicious allegation removed' });
    assert.equal(r.status, 200, r.text);
    assert.equal(naming(third), '', 'no notification names the deleted concern');
    assert.equal(sql(s.db, `SELECT count(*) FROM outbox WHERE notification_id IN (${warned.join(',')}) OR instr(body, '${third.reference}') > 0`), '0');
    assert.ok(!(await head.page('/')).text.includes(third.reference));
    // The warning about another concern stays.
    assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE id = ${kept}`), '1');
    assert.equal(sql(s.db, `SELECT count(*) FROM outbox WHERE notification_id = ${kept}`), '1');
    assert.ok(naming(fourth).split(',').length >= 3);
  } finally {
    await s.stop();
  }
});

test('a deleted evidence file\'s name is nowhere in the audit log', async () => {
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-03-02T10:00:00Z' } });
  try {
    const teacher = await s.login('teacher@demo.school');
    const name = 'Ellie-Marsh-9C-threats.png';
    const c = await file(teacher, { category: 'other', summary: 'Threatening messages' }, [{ name, data: PNG, type: 'image/png' }]);
    const head = await s.login('head@demo.school');
    const ev = (await head.get(`/concerns/${c.id}`)).body.concern.evidence[0];
    // Downloaded by a handler (the handler's row) and by the reporter (the router's row).
    assert.equal((await head.get(`/evidence/${ev.id}`, { json: false })).status, 200);
    assert.equal((await teacher.get(`/evidence/${ev.id}`, { json: false })).status, 200);
    assert.equal(sql(s.db, `SELECT detail FROM audit WHERE action = 'evidence.download' AND object = '${c.reference}'`), `evidence=${ev.id}`);
    assert.equal(sql(s.db, `SELECT detail FROM audit WHERE action = 'export.download' AND object = '/evidence/${ev.id}'`), 'type=image/png');
    let r = await head.post(`/concerns/${c.id}/events`, { action: 'acknowledge' });
    assert.ok(r.status < 300, r.text);
    r = await head.post(`/concerns/${c.id}/events`, { action: 'close', outcome: 'Dealt with.', outcome_category: 'resolved_in_school' });
    assert.ok(r.status < 300, r.text);
    await s.stop({ keep: true });
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2033-06-01T10:00:00Z' } });
    const head2 = await s.login('head@demo.school');
    r = await head2.post('/admin/retention/delete', { record_type: 'concern', record_id: String(c.id), reason: 'Retention period over' });
    assert.equal(r.status, 200, r.text);
    assert.equal(sql(s.db, `SELECT count(*) FROM evidence WHERE concern_id = ${c.id}`), '0');
    assert.equal(sql(s.db, "SELECT action || ': ' || detail FROM audit WHERE instr(detail || object, 'Ellie-Marsh') > 0"), '');
    assert.equal(cli(['audit', 'verify', '--db', s.db]).code, 0);
  } finally {
    await s.stop();
  }
});

// Someone reading the database when a record is deleted (an online backup, a slow page) keeps the
// WAL from being emptied then: the erased text stays in the file until it is, so it is tried
// again once they let go, not left for the next deletion.
test('a deletion while someone reads still empties the WAL once they let go', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2040-06-01T10:00:00Z' } });
  try {
    const head = await s.login('head@demo.school');
    const [id, summary] = sql(s.db, "SELECT id || '|' || summary FROM concerns WHERE status = 'closed' LIMIT 1").split('|');
    assert.ok((await head.get('/admin/retention')).body.due.some((d) => d.record_type === 'concern' && String(d.record_id) === id));
    // A reader holding one snapshot for six seconds.
    const reader = spawn('sqlite3', [s.db], { stdio: ['pipe', 'ignore', 'inherit'] });
    const done = new Promise((res) => reader.on('exit', res));
    reader.stdin.end('BEGIN;\nSELECT count(*) FROM concerns;\n.shell sleep 6\nCOMMIT;\n');
    await new Promise((res) => setTimeout(res, 500));
    const del = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: id, reason: 'Retention period over' });
    assert.equal(del.status, 200, del.text);
    await done;
    const inFiles = () => [s.db, `${s.db}-wal`].some((f) => {
      try { return readFileSync(f).includes(Buffer.from(summary)); } catch { return false; }
    });
    // Tried again at the next turn of the background work (after a request's answer under CGI).
    for (let i = 0; i < 100 && inFiles(); i++) {
      await head.get('/');
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.ok(!inFiles(), 'the deleted summary is gone from the database and its WAL');
  } finally {
    await s.stop();
  }
});

// A deleted concern's number is never given to a new one: its reference in the audit log and the
// disposal register names one case only.
test('a new concern never takes the number of one deleted', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2040-06-01T10:00:00Z' } });
  try {
    const head = await s.login('head@demo.school');
    const newest = sql(s.db, 'SELECT max(id) FROM concerns');
    sql(s.db, `UPDATE concerns SET status = 'closed', closed_at = '2026-03-01T10:00:00Z', created_at = '2026-02-01T10:00:00Z', about_id = NULL WHERE id = ${newest}`);
    const due = (await head.get('/admin/retention')).body.due;
    assert.ok(due.some((d) => d.record_type === 'concern' && String(d.record_id) === newest), 'the newest is due');
    const ref = sql(s.db, `SELECT reference FROM concerns WHERE id = ${newest}`);
    const del = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: newest, reason: 'Retention period over' });
    assert.equal(del.status, 200, del.text);
    const fresh = await file(await s.login('teacher@demo.school'), { category: 'other', summary: 'After the deletion' });
    assert.equal(fresh.id, Number(newest) + 1);
    assert.notEqual(fresh.reference.slice(-6), ref.slice(-6));
    assert.equal(sql(s.db, `SELECT count(*) FROM disposals WHERE record_type = 'concern' AND record_id = ${fresh.id}`), '0');
  } finally {
    await s.stop();
  }
});

// Nor does a new file take the number of one deleted: an old audit row names /evidence/{id}.
test('a new evidence file never takes the number of one deleted', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2040-06-01T10:00:00Z' } });
  try {
    const teacher = await s.login('teacher@demo.school'), head = await s.login('head@demo.school');
    const png = [{ name: 'post.png', data: PNG, type: 'image/png' }];
    const first = await file(teacher, { category: 'other', summary: 'With a screenshot' }, png);
    const gone = Number(sql(s.db, `SELECT max(id) FROM evidence WHERE concern_id = ${first.id}`));
    assert.equal(gone, Number(sql(s.db, 'SELECT max(id) FROM evidence')), 'the highest number');
    sql(s.db, `UPDATE concerns SET status = 'closed', closed_at = '2026-03-01T10:00:00Z', created_at = '2026-02-01T10:00:00Z' WHERE id = ${first.id}`);
    const del = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(first.id), reason: 'Retention period over' });
    assert.equal(del.status, 200, del.text);
    const next = await file(teacher, { category: 'other', summary: 'Another screenshot' }, png);
    const id = Number(sql(s.db, `SELECT max(id) FROM evidence WHERE concern_id = ${next.id}`));
    assert.equal(id, gone + 1);
  } finally {
    await s.stop();
  }
});

// The date each closed concern is due is kept (concern_retention_due) for the review to read a page
// at a time; it must hold exactly what the rule (the view concern_retention_rule) gives after every
// change the date depends on, made by the pages or straight in the database.
test('the kept dates of closed concerns agree with their rule after every kind of change', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2040-06-01T10:00:00Z' } });
  try {
    const kept = () => sql(s.db, "SELECT group_concat(concern_id || '=' || due) FROM (SELECT * FROM concern_retention_due ORDER BY concern_id)");
    const rule = () => sql(s.db, "SELECT group_concat(concern_id || '=' || due) FROM (SELECT concern_id, due FROM concern_retention_rule " +
      'WHERE due IS NOT NULL ORDER BY concern_id)');
    const same = (why) => assert.equal(kept(), rule(), why);
    same('as made');
    const head = await s.login('head@demo.school'), admin = await s.login('admin@demo.school');
    const t = await s.login('teacher@demo.school');
    const c = await file(t, { category: 'staff_conduct', about: 'science@demo.school', summary: 'Kept or not' });
    sql(s.db, `UPDATE concerns SET status = 'closed', closed_at = '2026-03-01T10:00:00Z', created_at = '2026-02-01T10:00:00Z',
      outcome = 'Spoken to.', outcome_category = 'substantiated' WHERE id = ${c.id}`);
    same('closed as an allegation about someone still at the school');
    assert.equal(sql(s.db, `SELECT count(*) FROM concern_retention_due WHERE concern_id = ${c.id}`), '0', 'not yet known');
    const science = id(s.db, 'science@demo.school');
    assert.equal((await admin.post(`/admin/staff/${science}/deactivate`, { left_on: '2027-01-31' })).status, 200);
    same('the person it is about left');
    assert.equal(sql(s.db, `SELECT due FROM concern_retention_due WHERE concern_id = ${c.id}`), '2037-01-31', 'left plus the retirement review');
    assert.equal((await admin.post('/admin/retention/rules', { retirement_review_years: '12' })).status, 200);
    same('the years changed');
    assert.equal(sql(s.db, `SELECT due FROM concern_retention_due WHERE concern_id = ${c.id}`), '2039-01-31');
    assert.equal((await head.post(`/concerns/${c.id}/events`, { action: 'reopen', text: 'New information.' })).status, 200);
    same('reopened');
    assert.equal(sql(s.db, `SELECT count(*) FROM concern_retention_due WHERE concern_id = ${c.id}`), '0');
    sql(s.db, `UPDATE concerns SET status = 'closed', closed_at = '2026-06-01T23:30:00Z', outcome_category = 'malicious' WHERE id = ${c.id}`);
    same('closed again as malicious, in the database');
    assert.equal(sql(s.db, `SELECT due FROM concern_retention_due WHERE concern_id = ${c.id}`), '2026-06-02', 'the UK date of closing');
    sql(s.db, "UPDATE settings SET value = '9' WHERE key = 'retention_concern_years'");
    same('the years changed in the database');
    const r = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(c.id), reason: 'Malicious' });
    assert.equal(r.status, 200, r.text);
    same('deleted');
    assert.equal(sql(s.db, `SELECT count(*) FROM concern_retention_due WHERE concern_id = ${c.id}`), '0');
  } finally {
    await s.stop();
  }
});

test('the records due come fifty at a time in date order, the concerns of the page read from their index', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2040-06-01T10:00:00Z' } });
  try {
    const teacher = id(s.db, 'teacher@demo.school'), adminId = id(s.db, 'admin@demo.school');
    // 70 closed concerns a week apart, due six years after closing, every tenth assigned to the administrator.
    sql(s.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)
      INSERT INTO concerns(reference, reporter_id, category, summary, created_at, due_by, status, closed_at,
        recipient_mask, assignee_id)
      SELECT 'OLD-' || i, ${teacher}, 'parent_post', 'Old ' || i, strftime('%Y-%m-%dT%H:%M:%SZ', '2020-01-01', '+' || (i * 7) || ' days'),
        '2030-01-01', 'closed', strftime('%Y-%m-%dT%H:%M:%SZ', '2020-01-02', '+' || (i * 7) || ' days'),
        (SELECT bit FROM role_bits WHERE role = 'headteacher'), CASE WHEN i % 10 = 0 THEN ${adminId} END FROM n`);
    const all = async (client) => {
      const rows = [];
      for (let page = 1; ; page++) {
        const b = (await client.get(`/admin/retention?page=${page}`)).body;
        assert.equal(b.page, page);
        assert.ok(b.due.length <= 50);
        rows.push(...b.due);
        if (!b.next_page) return rows;
        assert.equal(b.next_page, page + 1);
      }
    };
    const order = (rows) => rows.map((d) => `${d.due} ${d.record_type} ${String(d.record_id).padStart(9, '0')}`);
    const head = await s.login('head@demo.school');
    const seen = await all(head);
    assert.ok(seen.length > 70, String(seen.length));
    assert.deepEqual(order(seen), [...order(seen)].sort(), 'by date, then kind, then number');
    const headId = id(s.db, 'head@demo.school');
    const due = sql(s.db, 'SELECT k.concern_id FROM concern_retention_due k JOIN concerns c ON c.id = k.concern_id ' +
      `WHERE k.due <= '2040-06-01' AND (c.about_id IS NULL OR c.about_id != ${headId}) ORDER BY k.concern_id`).split('\n').map(Number);
    assert.deepEqual(seen.filter((d) => d.record_type === 'concern').map((d) => d.record_id).sort((a, b) => a - b), due);
    const first = seen.find((d) => d.label === 'OLD-1');
    assert.deepEqual([first.due, first.rule], ['2026-01-09', 'concern: after closing']);
    const html = (await head.page('/admin/retention?page=2')).text;
    assert.match(html, /<nav class="pagination" aria-label="Pages of records due"><a href="\/admin\/retention\?page=1">Previous page<\/a>/);
    assert.equal((await head.get('/admin/retention?page=0')).status, 400);
    // The administrator's roles receive no case: the concerns they review are the seven assigned to them.
    const admin = await s.login('admin@demo.school');
    const theirs = (await all(admin)).filter((d) => d.record_type === 'concern').map((d) => d.label);
    assert.deepEqual(theirs, ['OLD-10', 'OLD-20', 'OLD-30', 'OLD-40', 'OLD-50', 'OLD-60', 'OLD-70']);
  } finally {
    await s.stop();
  }
});
