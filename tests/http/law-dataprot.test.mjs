// Data protection clocks and roles: the data protection officer's role and
// what it opens, personal data breaches (the 72-hour decision on reporting
// to the ICO, in calendar hours, and the breach log), and subject access
// requests (one calendar month; a date on a weekend moves to the Monday).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launch, sql, cli, visibleText } from './lib.mjs';
import { report, file, event } from './concern_helpers.mjs';

const rolesOf = (db, email) => sql(db, 'SELECT group_concat(role, \',\') FROM (SELECT role FROM user_roles r ' +
  `JOIN users u ON u.id = r.user_id WHERE u.email = '${email}' ORDER BY role)`);
const count = (db, table) => Number(sql(db, `SELECT count(*) FROM ${table}`));
const notified = (db, id) => sql(db, 'SELECT DISTINCT u.email FROM notifications n JOIN users u ON u.id = n.user_id ' +
  `WHERE n.link = '/concerns/${id}' ORDER BY u.email`).split('\n').filter(Boolean);

test('the dpo role is given on the command line and by the administrator', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-dpo-'));
  try {
    const db = path.join(dir, 'cli.db');
    assert.equal(cli(['init', '--db', db]).code, 0);
    const usage = cli(['--help']);
    assert.match(usage.stdout + usage.stderr, /Roles:[^(]*\bdpo\b/);
    const add = cli(['user', 'add', '--db', db, '--email', 'dpo@x.school', '--name', 'Data Officer', '--role', 'dpo',
      '--staff-type', 'contractor', '--password-stdin'], { input: 'a long pass phrase\n' });
    assert.equal(add.code, 0, add.stderr);
    assert.equal(rolesOf(db, 'dpo@x.school'), 'dpo,staff');
    const set = cli(['user', 'roles', '--db', db, '--email', 'dpo@x.school', '--set', 'slt,dpo']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(rolesOf(db, 'dpo@x.school'), 'dpo,slt,staff');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const s = await startServer();
  try {
    const admin = await s.login('admin@demo.school');
    const form = await admin.page('/admin/staff/new');
    assert.match(form.text, /<input type="checkbox" name="role" value="dpo">/);
    assert.match(visibleText(form.text), /Data protection officer, who.*breach log.*subject access requests/);
    const r = await admin.post('/admin/staff', [['email', 'new.dpo@demo.school'], ['name', 'Dee Officer'], ['role', 'dpo']]);
    assert.equal(r.status, 201, r.text);
    assert.equal(rolesOf(s.db, 'new.dpo@demo.school'), 'dpo,staff');
    const id = sql(s.db, "SELECT id FROM users WHERE email = 'new.dpo@demo.school'");
    assert.match((await admin.page(`/admin/staff/${id}`)).text, /value="dpo" checked/);
  } finally {
    await s.stop();
  }
});

test('the demo DPO opens breaches and requests only, and is told so on the page', async () => {
  const s = await startServer();
  try {
    assert.equal(rolesOf(s.db, 'dpo@demo.school'), 'dpo,staff');
    const t = await s.login('teacher@demo.school');
    const conduct = await file(t, { category: 'staff_conduct', summary: 'Conduct', about: 'science@demo.school' });
    const breach = await file(t, { category: 'data_breach', summary: 'Register left on the bus' });
    const dpo = await s.login('dpo@demo.school');
    const home = await dpo.page('/');
    assert.match(visibleText(home.text), /As data protection officer you receive reports of personal data breaches/);
    assert.match(home.text, /href="\/breaches">Breach log</);
    assert.match(home.text, /href="\/sar">Subject access requests</);
    assert.equal((await dpo.get(`/concerns/${conduct.id}`)).status, 404);
    assert.equal((await dpo.page(`/concerns/${conduct.id}`)).status, 404);
    assert.equal((await dpo.post(`/concerns/${conduct.id}/events`, { action: 'note', text: 'x' })).status, 404);
    assert.deepEqual((await dpo.get('/concerns')).body.concerns.map((c) => c.id), [breach.id]);
    assert.equal((await dpo.get(`/concerns/${breach.id}`)).status, 200);
    for (const p of ['/concerns/stats', '/admin/staff', '/audit', '/aup/compliance', '/admin/routing']) {
      assert.equal((await dpo.get(p)).status, 403, p);
    }
    const log = await dpo.page('/breaches');
    assert.equal(log.status, 200);
    assert.match(visibleText(log.text), /You do not see other concerns unless one is sent or assigned to you/);
    assert.equal((await dpo.get('/sar')).status, 200);
    // nobody else but the headteacher reaches the log or the requests; the chair's log holds
    // only breaches about the headteacher, so none here
    const chair = await s.login('chair@demo.school');
    assert.deepEqual((await chair.get('/breaches')).body.breaches, []);
    assert.equal((await chair.get('/sar')).status, 403);
    for (const who of ['teacher@demo.school', 'deputy@demo.school', 'dsl@demo.school', 'admin@demo.school']) {
      const c = await s.login(who);
      assert.equal((await c.get('/breaches')).status, 403, who);
      assert.equal((await c.get('/sar')).status, 403, who);
      assert.doesNotMatch((await c.page('/')).text, /href="\/breaches"/, who);
    }
  } finally {
    await s.stop();
  }
});

test('a breach goes to the DPO and the headteacher; the 72-hour clock runs through the weekend in hours', async () => {
  // Friday 20 November 2026, 16:00 (GMT: school time is UTC).
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-20T16:00:00Z' } });
  let s2, s3;
  try {
    const admin = await s.login('admin@demo.school');
    assert.equal((await admin.post('/admin/closures', { day: '2026-11-23', label: 'INSET day' })).status, 201);
    const t = await s.login('teacher@demo.school');
    const b = await file(t, { category: 'data_breach', summary: 'Laptop lost', aware_at: '2026-11-20T16:00' });
    const later = await file(t, { category: 'data_breach', summary: 'E-mail to the wrong parents' });
    assert.equal(sql(s.db, `SELECT group_concat(role) FROM (SELECT role FROM concern_recipient_roles WHERE concern_id = ${b.id} ORDER BY role)`),
      'dpo,headteacher');
    assert.deepEqual(notified(s.db, b.id), ['dpo@demo.school', 'head@demo.school']);
    const dpo = await s.login('dpo@demo.school');
    const c = (await dpo.get(`/concerns/${b.id}`)).body.concern;
    assert.equal(c.ico_decision_due, '2026-11-23T16:00:00Z', 'Friday 16:00 + 72 hours: Monday 16:00, the INSET day not counted out');
    assert.equal(c.breach.aware_at, '2026-11-20T16:00:00Z');
    // aware_at left out: aware when it was reported
    const d = (await dpo.get(`/concerns/${later.id}`)).body.concern;
    assert.match(d.breach.aware_at, /^2026-11-20T16:0/);
    const due = new Date(Date.parse(d.breach.aware_at) + 72 * 3600e3).toISOString().replace(/\.000Z$/, 'Z');
    assert.equal(d.ico_decision_due, due);
    const page = await dpo.page(`/concerns/${b.id}`);
    assert.match(visibleText(page.text), /Decide on reporting to the ICO by 23 Nov 2026, 16:00 · due in 3 days/);
    await s.stop({ keep: true });

    // Monday 15:59: not yet past.
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-23T15:59:00Z' } });
    const dpo2 = await s2.login('dpo@demo.school');
    assert.equal((await dpo2.get('/')).body.tasks.filter((x) => x.kind === 'concern_deadline').length, 0);
    assert.deepEqual((await dpo2.get('/concerns?deadline=overdue')).body.concerns, []);
    await s2.stop({ keep: true });

    // Monday 16:01: past the deadline, in My tasks and the queue of both recipients.
    s3 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-23T16:01:00Z' } });
    for (const who of ['dpo@demo.school', 'head@demo.school']) {
      const c3 = await s3.login(who);
      const task = (await c3.get('/')).body.tasks.find((x) => x.kind === 'concern_deadline');
      assert.ok(task && task.urgent && task.link === '/concerns?deadline=overdue', who);
      assert.match(task.message, /Decide whether to report the breach to the ICO/);
      const q = (await c3.get('/concerns?deadline=overdue')).body.concerns.map((x) => x.id);
      assert.ok(q.includes(b.id), who);
    }
    const dpo3 = await s3.login('dpo@demo.school');
    let row = (await dpo3.get('/breaches')).body.breaches.find((x) => x.id === b.id);
    assert.equal(row.late, true);
    assert.equal(row.deadline_words, 'Not decided: past the deadline');
    // A refused decision shows the form again with what was typed and chosen, and records nothing.
    const refused = await dpo3.post(`/concerns/${b.id}/events`, { action: 'ico_decision', decision: 'no_report',
      text: 'Typed reasons & more', ico_reference: 'ICO-REF-77' }, { json: false });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /An ICO reference is given only when the breach is reported/);
    assert.match(refused.text, /value="no_report" required checked>/);
    assert.doesNotMatch(refused.text, /value="report" required checked>/);
    assert.match(refused.text, /<textarea id="f-decision-text" name="text" rows="3" required>&#10;Typed reasons &amp; more<\/textarea>/);
    assert.match(refused.text, /id="f-ico_reference"[^>]*value="ICO-REF-77"/);
    assert.equal((await dpo3.get('/breaches')).body.breaches.find((x) => x.id === b.id).decision ?? null, null);
    // UK GDPR article 33: not closed before the decision, which a closed case could not take
    const early = await event(dpo3, b.id, { action: 'acknowledge' });
    assert.equal(early.status, 200);
    const shut = await event(dpo3, b.id, { action: 'close', outcome: 'Laptop found.' });
    assert.equal(shut.status, 409);
    assert.equal(shut.body.error, 'Decide whether to report the breach to the ICO first (Record the decision '
      + 'on reporting to the ICO), then close the case.');
    assert.equal(sql(s.db, `SELECT status FROM concerns WHERE id = ${b.id}`), 'acknowledged');
    // deciding now meets the clock, late
    const r = await event(dpo3, b.id, { action: 'ico_decision', decision: 'report', text: 'Pupil data on an unencrypted laptop.' });
    assert.equal(r.status, 200, r.text);
    const after = (await dpo3.get(`/concerns/${b.id}`)).body.concern;
    assert.ok(!('ico_decision_due' in after));
    assert.match(after.deadlines.find((x) => x.kind === 'ico_decision').met_at, /^2026-11-23T16:01/);
    row = (await dpo3.get('/breaches')).body.breaches.find((x) => x.id === b.id);
    assert.equal(row.late, true);
    assert.equal(row.deadline_words, 'Decided late');
    assert.ok(!(await dpo3.get('/concerns?deadline=overdue')).body.concerns.some((x) => x.id === b.id));
    assert.equal((await event(dpo3, b.id, { action: 'close', outcome: 'Laptop found.' })).status, 200);
  } finally {
    for (const x of [s3, s2]) if (x) await x.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});

test('the decision on reporting is recorded with its reasons; the breach log lists every breach, reported or not', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-20T10:00:00Z' } });
  try {
    const t = await s.login('teacher@demo.school');
    const a = await file(t, { category: 'data_breach', summary: 'Laptop stolen from a car', aware_at: '2026-11-19T09:30' });
    const b = await file(t, { category: 'data_breach', summary: 'Class list posted in the staff chat' });
    const aboutDpo = await file(t, { category: 'data_breach', summary: 'The DPO mailed the wrong list', about: 'dpo@demo.school' });
    const other = await file(t, { category: 'other', summary: 'Not a breach' });
    const dpo = await s.login('dpo@demo.school');
    const head = await s.login('head@demo.school');

    // first the decision, then the ICO's reference when it comes
    let r = await event(dpo, a.id, { action: 'ico_decision', decision: 'report', text: 'Risk to pupils: report it.', subjects_told: 'yes' });
    assert.equal(r.status, 200, r.text);
    r = await event(dpo, a.id, { action: 'ico_decision', decision: 'report', text: 'The ICO gave its reference.', ico_reference: 'ICO-00123' });
    assert.equal(r.status, 200, r.text);
    r = await event(head, b.id, { action: 'ico_decision', decision: 'no_report', text: 'Removed within minutes; seen by staff only.', subjects_told: 'no' });
    assert.equal(r.status, 200, r.text);
    const ca = (await dpo.get(`/concerns/${a.id}`)).body.concern;
    assert.equal(ca.breach.decision, 'report');
    assert.equal(ca.breach.ico_reference, 'ICO-00123');
    assert.equal(ca.breach.subjects_told, 'yes', 'kept when a later decision leaves it out');
    assert.equal(ca.breach.reasons, 'The ICO gave its reference.');
    assert.deepEqual(ca.events.filter((e) => e.action === 'ico_decision').map((e) => e.what),
      ['Breach reported to the ICO; the people affected were told', 'Breach reported to the ICO (ICO reference: ICO-00123)']);
    assert.ok(ca.events.filter((e) => e.action === 'ico_decision').every((e) => e.internal));
    assert.ok(!('ico_decision_due' in ca));
    // the reporter sees none of it
    const mine = (await t.get(`/concerns/mine/${a.id}`)).body.concern;
    assert.ok(!JSON.stringify(mine).includes('ICO-00123'));
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'concern.ico_decision'"), '3');

    // the log: JSON for the DPO leaves out the breach about the DPO
    const log = (await dpo.get('/breaches')).body.breaches;
    assert.deepEqual(log.map((x) => x.reference).sort(), [a.reference, b.reference].sort());
    const ra = log.find((x) => x.id === a.id), rb = log.find((x) => x.id === b.id);
    assert.equal(ra.aware_at, '2026-11-19T09:30:00Z');
    assert.equal(ra.decision_due, '2026-11-22T09:30:00Z');
    assert.equal(ra.decision_label, 'Reported to the ICO');
    assert.equal(ra.deadline_words, 'Decided in time');
    assert.equal(rb.decision_label, 'Not reported to the ICO');
    assert.equal(rb.reasons, 'Removed within minutes; seen by staff only.');
    assert.equal(rb.summary, 'Class list posted in the staff chat');
    assert.equal((await dpo.get(`/concerns/${aboutDpo.id}`)).status, 404);
    // the headteacher sees all three
    assert.equal((await head.get('/breaches')).body.breaches.length, 3);
    // Every cell of the log says something: the ICO's reference or why there is none, and when it
    // was decided or that it is not yet. After the reference: Became aware, What happened,
    // Decision, ICO reference, Decided, 72-hour deadline, People told.
    const cells = async (ref) => {
      const html = (await head.page('/breaches')).text;
      const row = html.match(new RegExp(`<tr><th scope="row"><a [^>]*>${ref}</a></th>(.*?)</tr>`))[1];
      return [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => visibleText(m[1]).trim());
    };
    assert.equal((await cells(a.reference))[3], 'ICO-00123');
    assert.equal((await cells(b.reference))[3], 'Not reported');
    assert.deepEqual((await cells(aboutDpo.reference)).slice(2, 5), ['Not decided yet', 'Not decided yet', 'Not decided yet']);
    r = await event(head, aboutDpo.id, { action: 'ico_decision', decision: 'report', text: 'Reported; the reference is to follow.' });
    assert.equal(r.status, 200, r.text);
    const reported = await cells(aboutDpo.reference);
    assert.equal(reported[3], 'Not recorded yet');
    assert.match(reported[4], /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/);
    for (const x of [a, b, aboutDpo]) assert.ok((await cells(x.reference)).every((cell) => cell !== ''), x.reference);
    assert.equal((await head.get('/breaches')).body.breaches.find((x) => x.id === b.id).ico_reference_label, 'Not reported');
    // HTML and CSV
    const html = await dpo.page('/breaches');
    // Eight columns scroll in their own box on a phone, not the page.
    assert.match(html.text, /<div class="table-scroll" tabindex="0"><table class="data"><caption>Personal data breaches, newest first<\/caption>[^]*?<\/table><\/div>/);
    const text = visibleText(html.text);
    assert.match(text, /Reported to the ICO/);
    assert.match(text, /Not reported to the ICO/);
    assert.match(text, /ICO-00123/);
    assert.doesNotMatch(text, /The DPO mailed the wrong list/);
    assert.match(html.text, /href="\/breaches\?format=csv"/);
    const csv = await dpo.get('/breaches?format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition'), /attachment; filename="breach-log\.csv"/);
    assert.equal(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'the UTF-8 mark Excel needs');
    const lines = csv.text.slice(1).trim().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^"reference","aware_at","summary"/);
    assert.ok(lines.some((l) => l.includes('"ICO-00123"')));
    assert.ok(lines.some((l) => l.includes('"no_report"')));

    // bad input: nothing is written
    const before = [count(s.db, 'concern_events'), count(s.db, 'concerns'), sql(s.db, 'SELECT group_concat(coalesce(decision, \'-\')) FROM breach_records')];
    const refused = async (client, id, form, status, field) => {
      const x = await event(client, id, form);
      assert.equal(x.status, status, JSON.stringify(form) + x.text);
      assert.equal(x.body.field, field, JSON.stringify(form));
    };
    await refused(dpo, b.id, { action: 'ico_decision', text: 'no decision' }, 400, 'decision');
    await refused(dpo, b.id, { action: 'ico_decision', decision: 'report' }, 400, 'text');
    await refused(dpo, b.id, { action: 'ico_decision', decision: 'maybe', text: 'x' }, 400, 'decision');
    await refused(dpo, b.id, { action: 'ico_decision', decision: 'no_report', text: 'x', ico_reference: 'ICO-1' }, 400, 'ico_reference');
    await refused(dpo, b.id, { action: 'ico_decision', decision: 'report', text: 'x', subjects_told: 'perhaps' }, 400, 'subjects_told');
    await refused(head, other.id, { action: 'ico_decision', decision: 'report', text: 'x' }, 409, 'action');
    assert.equal((await event(dpo, aboutDpo.id, { action: 'ico_decision', decision: 'report', text: 'x' })).status, 404);
    const bad = async (fields, field) => {
      const x = await report(t, { summary: 'A breach', ...fields });
      assert.equal(x.status, 400, JSON.stringify(fields) + x.text);
      assert.equal(x.body.field, field);
    };
    await bad({ category: 'data_breach', aware_at: '2026-11-21T10:00' }, 'aware_at');
    await bad({ category: 'data_breach', aware_at: 'yesterday' }, 'aware_at');
    await bad({ category: 'other', aware_at: '2026-11-19T10:00' }, 'aware_at');
    // Known before it happened: the 72 hours would be cut short.
    await bad({ category: 'data_breach', occurred_at: '2026-11-19T10:00', aware_at: '2026-11-18T10:00' }, 'aware_at');
    const form = await t.request('POST', '/concerns', { json: false, multipart: (() => {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ category: 'data_breach', summary: 'x', aware_at: '2027-01-01T10:00' })) fd.append(k, v);
      return fd;
    })() });
    assert.match(form.text, /When the school became aware of the breach cannot be in the future/);
    assert.match(form.text, /<label for="f-aware_at">/);
    assert.deepEqual([count(s.db, 'concern_events'), count(s.db, 'concerns'), sql(s.db, 'SELECT group_concat(coalesce(decision, \'-\')) FROM breach_records')], before);
    assert.equal(count(s.db, 'breach_records'), 3);
  } finally {
    await s.stop();
  }
});

test('the breach log CSV gives times in UK time, as the page shows them, in a form spreadsheets read', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-07-11T10:00:00Z' } });
  try {
    const t = await s.login('teacher@demo.school');
    const b = await file(t, { category: 'data_breach', summary: 'Laptop left on a train', aware_at: '2026-07-10T16:00' });
    const dpo = await s.login('dpo@demo.school');
    const row = (await dpo.get('/breaches')).body.breaches.find((x) => x.reference === b.reference);
    assert.equal(row.aware_at, '2026-07-10T15:00:00Z', 'JSON keeps UTC');
    assert.match(visibleText((await dpo.page('/breaches')).text), /10 Jul 2026, 16:00/);
    const csv = (await dpo.get('/breaches?format=csv', { json: false })).text;
    const line = csv.split('\r\n').find((l) => l.includes(b.reference));
    assert.ok(line.startsWith(`"${b.reference}","2026-07-10 16:00",`), line);
    assert.ok(line.includes('"2026-07-13 16:00"'), 'the decision due 72 hours later, in UK time: ' + line);
    assert.doesNotMatch(csv, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
  } finally {
    await s.stop();
  }
});

test('subject access requests: one calendar month, closures not counted out; the export is tied to the request', async () => {
  // Friday 18 December 2026; the school closes for Christmas.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-12-18T10:00:00Z' } });
  try {
    const admin = await s.login('admin@demo.school');
    for (const day of ['2026-12-21', '2026-12-22', '2027-01-04', '2027-01-18']) {
      assert.equal((await admin.post('/admin/closures', { day, label: 'Holiday' })).status, 201, day);
    }
    const sci = await s.login('science@demo.school');
    const about = await file(sci, { category: 'staff_conduct', summary: 'About Amy', about: 'teacher@demo.school' });
    const t = await s.login('teacher@demo.school');
    const named = await file(t, { category: 'other', summary: 'Pupils named', involved: 'Two pupils in Year 9' });
    const dpo = await s.login('dpo@demo.school');

    let r = await dpo.post('/sar', { email: 'teacher@demo.school', received_on: '2026-12-18', notes: 'Asked by e-mail for everything.' });
    assert.equal(r.status, 201, r.text);
    const sar = r.body.request;
    assert.equal(sar.due_on, '2027-01-18', 'the same date next month: the holidays and the closure on the day do not move it');
    r = await dpo.post('/sar', { email: 'ta@demo.school', received_on: '2026-01-31' });
    assert.equal(r.status, 201, r.text);
    const jan = r.body.request;
    assert.equal(jan.due_on, '2026-03-02', '31 January: the last day of February, a Saturday, so the Monday');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'sar.record'"), '2');

    // the list, My tasks and the page
    const list = (await dpo.get('/sar')).body.requests;
    assert.deepEqual(list.map((x) => [x.reference, x.overdue]), [[jan.reference, true], [sar.reference, false]]);
    const sarPage = (await dpo.page('/sar')).text;
    assert.match(visibleText(sarPage), /2 Mar 2026 · \d+ days overdue Overdue/);
    assert.match(sarPage, /<div class="table-scroll" tabindex="0"><table class="data"><caption>Requests, open ones first, soonest due first<\/caption>[^]*?<\/table><\/div>/,
      'the list scrolls in its own box on a phone');
    const tasks = (await dpo.get('/')).body.tasks;
    assert.ok(tasks.some((x) => x.kind === 'sar_overdue' && x.urgent && x.link === '/sar'), JSON.stringify(tasks));
    assert.ok(tasks.some((x) => x.kind === 'sar_open' && /1 subject access request to answer/.test(x.message)));
    const page = (await dpo.get(`/sar/${sar.id}`)).body.request;
    assert.equal(page.email, 'teacher@demo.school');
    assert.equal(page.notes, 'Asked by e-mail for everything.');
    // Both concerns went to the headteacher alone: the DPO, who may open neither, is shown
    // neither; the headteacher, the other handler of requests, weighs them.
    assert.deepEqual(page.third_parties, []);
    const head = await s.login('head@demo.school');
    const headPage = (await head.get(`/sar/${sar.id}`)).body.request;
    const refs = headPage.third_parties.map((x) => x.reference);
    assert.ok(refs.includes(about.reference) && refs.includes(named.reference), JSON.stringify(headPage.third_parties));
    assert.match(headPage.third_parties.find((x) => x.reference === about.reference).words, /who reported it and what was written are withheld/);
    assert.match(headPage.third_parties.find((x) => x.reference === named.reference).words, /names other people involved/);
    const html = visibleText((await head.page(`/sar/${sar.id}`)).text);
    assert.match(html, /Other people's details to consider before disclosure/);
    assert.match(html, new RegExp(`${about.reference} ?: A concern about this person`));

    // the export, downloaded and audited
    const ex = await head.get(`/sar/${sar.id}/export`);
    assert.equal(ex.status, 200);
    assert.match(ex.headers.get('content-type'), /^application\/json/);
    assert.match(ex.headers.get('content-disposition'), new RegExp(`attachment; filename="subject-access-${sar.reference}\\.json"`));
    assert.equal(ex.body.profile.email, 'teacher@demo.school');
    assert.ok(ex.body.concerns_about_them_for_review.some((x) => x.reference === about.reference));
    assert.equal(sql(s.db, `SELECT count(*) FROM audit WHERE action = 'sar.export' AND object = '${sar.reference}'`), '1');

    // the person it is about never sees it; a headteacher's own request is hidden from them
    assert.equal((await t.get('/sar')).status, 403);
    assert.equal((await t.get(`/sar/${sar.id}`)).status, 403);
    r = await dpo.post('/sar', { email: 'head@demo.school', received_on: '2026-12-17' });
    assert.equal(r.status, 201);
    const headSar = r.body.request;
    assert.equal((await head.get(`/sar/${headSar.id}`)).status, 404);
    assert.equal((await head.get(`/sar/${headSar.id}/export`)).status, 404);
    assert.equal((await head.post(`/sar/${headSar.id}/close`, { responded_on: '2026-12-18' })).status, 404);
    assert.ok(!(await head.get('/sar')).body.requests.some((x) => x.id === headSar.id));
    assert.ok((await head.get('/sar')).body.requests.some((x) => x.id === sar.id));
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'sar.export'"), '1', 'a refused export is not logged');

    // bad input: 400 naming the field, nothing written
    const n = count(s.db, 'subject_access_requests');
    const refused = async (client, form, field) => {
      const x = await client.post('/sar', form);
      assert.equal(x.status, 400, JSON.stringify(form) + x.text);
      assert.equal(x.body.field, field);
    };
    await refused(dpo, { email: 'parent@example.com', received_on: '2026-12-01' }, 'email');
    await refused(dpo, { received_on: '2026-12-01' }, 'email');
    await refused(dpo, { email: 'teacher@demo.school', received_on: '2026-12-25' }, 'received_on');
    await refused(dpo, { email: 'teacher@demo.school', received_on: '31/01/2026' }, 'received_on');
    await refused(dpo, { email: 'teacher@demo.school' }, 'received_on');
    // Before there was a right of access: a mistyped year.
    await refused(dpo, { email: 'teacher@demo.school', received_on: '1900-01-01' }, 'received_on');
    await refused(head, { email: 'head@demo.school', received_on: '2026-12-01' }, 'email');
    const shown = await dpo.request('POST', '/sar', { json: false, form: { email: 'teacher@demo.school', received_on: '2026-12-25' } });
    assert.match(shown.text, /The date received cannot be in the future/);
    assert.equal(count(s.db, 'subject_access_requests'), n);

    // closing records the date the response was sent
    const close = (id, on) => dpo.post(`/sar/${id}/close`, { responded_on: on });
    r = await close(sar.id, '2026-12-01');
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'responded_on');
    r = await close(sar.id, '2026-12-19');
    assert.equal(r.status, 400);
    assert.equal(sql(s.db, `SELECT count(*) FROM subject_access_requests WHERE responded_on IS NOT NULL`), '0');
    r = await close(sar.id, '2026-12-18');
    assert.equal(r.status, 200, r.text);
    assert.equal((await close(sar.id, '2026-12-18')).status, 409);
    assert.equal((await dpo.get(`/sar/${sar.id}`)).body.request.responded_on, '2026-12-18');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'sar.close'"), '1');
    const last = (await dpo.get('/sar')).body.requests.at(-1);
    assert.deepEqual([last.id, last.open, last.responded_on], [sar.id, false, '2026-12-18'], 'answered requests come last');
    assert.equal((await dpo.get('/sar/999')).status, 404);
  } finally {
    await s.stop();
  }
});

test('a subject access request due on a Saturday is due on the Monday, and not overdue on the Sunday', async () => {
  // Sunday 11 October 2026; a month after 10 September is Saturday 10 October.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-10-11T10:00:00Z' } });
  try {
    const dpo = await s.login('dpo@demo.school');
    const r = await dpo.post('/sar', { email: 'teacher@demo.school', received_on: '2026-09-10' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.request.due_on, '2026-10-12');
    assert.match(sql(s.db, "SELECT detail FROM audit WHERE action = 'sar.record'"), /due_on=2026-10-12/);
    const mine = (await dpo.get('/sar')).body.requests.find((x) => x.id === r.body.request.id);
    assert.equal(mine.overdue, false);
    const page = visibleText((await dpo.page('/sar')).text);
    assert.match(page, /12 Oct 2026 · due tomorrow/);
    assert.doesNotMatch(page, /overdue/i);
    assert.ok(!(await dpo.get('/')).body.tasks.some((x) => x.kind === 'sar_overdue'));
    const sunday = await dpo.post('/sar', { email: 'ta@demo.school', received_on: '2026-09-11' });
    assert.equal(sunday.body.request.due_on, '2026-10-12', 'Sunday 11 October: the Monday');
    const friday = await dpo.post('/sar', { email: 'bursar@demo.school', received_on: '2026-09-09' });
    assert.equal(friday.body.request.due_on, '2026-10-09', 'a Friday stays');
    assert.equal((await dpo.get('/sar')).body.requests.find((x) => x.id === friday.body.request.id).overdue, true);
  } finally {
    await s.stop();
  }
});

test('a breach past its retention date is deleted with its decision and its clock', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2040-06-01T10:00:00Z' } });
  try {
    const t = await s.login('teacher@demo.school');
    const b = await file(t, { category: 'data_breach', summary: 'Old breach' });
    const dpo = await s.login('dpo@demo.school');
    assert.equal((await event(dpo, b.id, { action: 'ico_decision', decision: 'no_report', text: 'Low risk.' })).status, 200);
    sql(s.db, `UPDATE concerns SET status = 'closed', closed_at = '2026-03-01T10:00:00Z', created_at = '2026-02-01T10:00:00Z' WHERE id = ${b.id}`);
    const head = await s.login('head@demo.school');
    const r = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: b.id, reason: 'Retention period over' });
    assert.equal(r.status, 200, r.text);
    for (const table of ['concerns', 'breach_records', 'concern_deadlines']) {
      assert.equal(sql(s.db, `SELECT count(*) FROM ${table} WHERE ${table === 'concerns' ? 'id' : 'concern_id'} = ${b.id}`), '0', table);
    }
    assert.deepEqual((await dpo.get('/breaches')).body.breaches, []);
  } finally {
    await s.stop();
  }
});

test('a breach stored without the report form has its breach record, and the log shows fifty at a time, the download every one', async () => {
  const s = await startServer();
  try {
    const t = await s.login('teacher@demo.school');
    const filed = await file(t, { category: 'data_breach', summary: 'Filed by the form' });
    // An import (or the synthetic school) stores concerns without the form: 60 breaches,
    // each aware when filed, an hour apart, routed as the form routes a breach.
    const teacher = sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
    sql(s.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
      INSERT INTO concerns(reference, reporter_id, category, summary, created_at, due_by, recipient_mask)
      SELECT 'IMPORT-' || i, ${teacher}, 'data_breach', 'Imported ' || i,
        strftime('%Y-%m-%dT%H:%M:%SZ', '2026-01-01', '+' || i || ' hours'), '2026-12-31T23:59:59Z',
        (SELECT recipient_mask FROM concerns WHERE id = ${filed.id}) FROM n`);
    assert.equal(sql(s.db, "SELECT count(*) FROM concerns c JOIN breach_records b ON b.concern_id = c.id " +
      "AND b.aware_at = c.created_at AND b.decision IS NULL WHERE c.reference LIKE 'IMPORT-%'"), '60');
    const dpo = await s.login('dpo@demo.school');
    const expected = sql(s.db, 'SELECT c.id FROM breach_records b JOIN concerns c ON c.id = b.concern_id ' +
      'ORDER BY b.aware_at DESC, c.id DESC').split('\n').map(Number);
    assert.ok(expected.length > 60 && expected.length <= 100, String(expected.length));
    const one = (await dpo.get('/breaches')).body;
    assert.deepEqual([one.page, one.next_page, one.prev_page], [1, 2, undefined]);
    const two = (await dpo.get('/breaches?page=2')).body;
    assert.deepEqual([two.page, two.next_page, two.prev_page], [2, undefined, 1]);
    assert.deepEqual([...one.breaches, ...two.breaches].map((x) => x.id), expected);
    assert.equal(one.breaches.length, 50);
    const html = await dpo.page('/breaches');
    assert.match(html.text, /<nav class="pagination" aria-label="Pages"> <a href="\/breaches\?page=2">Next page<\/a><\/nav>/);
    assert.match((await dpo.page('/breaches?page=2')).text, /<a href="\/breaches\?page=1">Previous page<\/a>/);
    for (const bad of ['0', 'x', '-1']) {
      const r = await dpo.get(`/breaches?page=${bad}`);
      assert.equal(r.status, 400, bad);
    }
    const csv = (await dpo.get('/breaches?format=csv', { json: false })).text.trim().split('\n');
    assert.equal(csv.length, expected.length + 1);
    const id = Number(sql(s.db, "SELECT id FROM concerns WHERE reference = 'IMPORT-1'"));
    assert.equal([...one.breaches, ...two.breaches].find((x) => x.id === id).aware_at, '2026-01-01T01:00:00Z');
    const b = await dpo.get(`/concerns/${id}`);
    assert.equal(b.status, 200);
    const created = sql(s.db, `SELECT created_at FROM concerns WHERE id = ${id}`);
    assert.equal(b.body.concern.breach.aware_at, created);
    assert.equal((await event(dpo, id, { action: 'ico_decision', decision: 'no_report', text: 'No risk.' })).status, 200);
    assert.equal(sql(s.db, `SELECT aware_at || ' ' || decision FROM breach_records WHERE concern_id = ${id}`), `${created} no_report`);
    // the case page offers the decision until the case is closed
    const form = /Record the decision on reporting to the ICO/;
    assert.match((await dpo.page(`/concerns/${id}`)).text, form);
    assert.equal((await event(dpo, id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(dpo, id, { action: 'close', outcome: 'Handled.' })).status, 200);
    assert.doesNotMatch((await dpo.page(`/concerns/${id}`)).text, form);
    assert.equal((await event(dpo, id, { action: 'ico_decision', decision: 'report', text: 'x' })).status, 409);
  } finally {
    await s.stop();
  }
});

test('the headteacher reads nothing of what is about them in an export or the audit log: actions on a concern about them, a request about them', async () => {
  const s = await startServer();
  try {
    const sci = await s.login('science@demo.school');
    const c = await file(sci, { category: 'staff_conduct', summary: 'About the head', about: 'head@demo.school' });
    const chair = await s.login('chair@demo.school');
    assert.equal((await event(chair, c.id, { action: 'acknowledge' })).status, 200);
    const head = await s.login('head@demo.school');
    const dpo = await s.login('dpo@demo.school');
    const sarOf = async (client, email) => {
      const r = await client.post('/sar', { email, received_on: '2026-12-01' });
      assert.equal(r.status, 201, r.text);
      return r.body.request;
    };
    const actions = async (client, sar) => {
      const r = await client.get(`/sar/${sar.id}/export`);
      assert.equal(r.status, 200, r.text);
      return r.body.actions_recorded.map((a) => a.action);
    };
    // The chair's and the reporter's actions on the case are not in their exports for the head,
    // but the DPO, who may not open the case either, does not read them; the command line does.
    const chairSar = await sarOf(head, 'chair@demo.school'), sciSar = await sarOf(head, 'science@demo.school');
    assert.ok(!(await actions(head, chairSar)).some((a) => a.startsWith('concern.')), 'the chair acted on a case about the head');
    assert.ok(!(await actions(head, sciSar)).includes('concern.report'), 'the science teacher reported the head');
    assert.ok(!(await actions(dpo, chairSar)).some((a) => a.startsWith('concern.')), 'a reader who may not open the case');
    const cliExport = JSON.parse(cli(['export', '--db', s.db, '--person', 'chair@demo.school']).stdout);
    assert.ok(cliExport.actions_recorded.some((a) => a.action === 'concern.acknowledge'), 'the command line reads every row');
    // A request about the head: not in the audit log they read, by reference or by path, nor in the DPO's export.
    const headSar = await sarOf(dpo, 'head@demo.school');
    assert.equal((await dpo.get(`/sar/${headSar.id}/export`)).status, 200);
    assert.equal((await head.get(`/sar/${headSar.id}`)).status, 404);
    const log = (await head.get('/audit')).body.audit;
    assert.ok(!log.some((a) => a.object === headSar.reference || a.object.startsWith(`/sar/${headSar.id}`)),
      JSON.stringify(log.filter((a) => /sar/i.test(a.action + a.object))));
    assert.deepEqual((await head.get(`/audit?object=${headSar.reference}`)).body.audit, []);
    assert.ok(log.some((a) => a.object === chairSar.reference), 'requests about others are still shown');
    const dpoSar = await sarOf(head, 'dpo@demo.school');
    const dpoActions = sql(s.db, `SELECT count(*) FROM audit WHERE actor = 'dpo@demo.school' AND object = '${headSar.reference}'`);
    assert.ok(Number(dpoActions) >= 2, 'the DPO recorded and exported the request about the head');
    const dpoExport = (await head.get(`/sar/${dpoSar.id}/export`)).body.actions_recorded;
    // The DPO's only request recorded is the head's; of their exports, the chair's is shown.
    assert.deepEqual(dpoExport.filter((a) => a.action.startsWith('sar.')).map((a) => a.action), ['sar.export'],
      JSON.stringify(dpoExport));
  } finally {
    await s.stop();
  }
});

test('a breach about the headteacher goes to the chair and the DPO, and is in their breach logs, never the head\'s', async () => {
  const s = await startServer();
  try {
    const t = await s.login('teacher@demo.school');
    const b = await file(t, { category: 'data_breach', summary: 'The head left pupil files on a train', about: 'head@demo.school' });
    assert.equal(sql(s.db, `SELECT group_concat(role) FROM (SELECT role FROM concern_recipient_roles WHERE concern_id = ${b.id} ORDER BY role)`),
      'chair,dpo');
    assert.deepEqual(notified(s.db, b.id), ['chair@demo.school', 'dpo@demo.school']);
    const chair = await s.login('chair@demo.school');
    const dpo = await s.login('dpo@demo.school');
    const head = await s.login('head@demo.school');
    for (const [who, client] of [['chair', chair], ['dpo', dpo]]) {
      const log = await client.get('/breaches');
      assert.equal(log.status, 200, who);
      assert.deepEqual(log.body.breaches.map((x) => x.id), [b.id], who);
      assert.match((await client.page('/')).text, /href="\/breaches">Breach log</, who);
    }
    assert.deepEqual((await head.get('/breaches')).body.breaches.map((x) => x.id), []);
    assert.equal((await head.get(`/concerns/${b.id}`)).status, 404);
    // The chair decides on reporting it, as the head would for any other breach.
    const r = await event(chair, b.id, { action: 'ico_decision', decision: 'no_report', text: 'Files recovered unopened.', subjects_told: 'no' });
    assert.equal(r.status, 200, r.text);
    assert.equal((await dpo.get('/breaches')).body.breaches[0].decision_label, 'Not reported to the ICO');
    // The chair's log is read from the cases sent to the chair and those assigned to them: a
    // breach about someone else is in it once assigned to the chair, and one neither sent nor
    // assigned to them is not; the download lists the same.
    const other = await file(t, { category: 'data_breach', summary: 'A laptop left in a taxi' });
    const assigned = await file(t, { category: 'data_breach', summary: 'A list e-mailed to the wrong parent' });
    sql(s.db, `UPDATE concerns SET assignee_id = (SELECT id FROM users WHERE email = 'chair@demo.school') WHERE id = ${assigned.id}`);
    const chairLog = (await chair.get('/breaches')).body.breaches.map((x) => x.id);
    assert.deepEqual(chairLog.toSorted(), [b.id, assigned.id].toSorted());
    assert.ok(!chairLog.includes(other.id));
    const csv = (await chair.get('/breaches?format=csv', { json: false })).text;
    for (const x of [b, assigned]) assert.ok(csv.includes(x.reference), x.reference);
    assert.ok(!csv.includes(other.reference));
    assert.equal(sql(s.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'concerns_to_chair'"), '1');
    // A governor who is not the chair has no breach log.
    assert.equal((await (await s.login('governor@demo.school')).get('/breaches')).status, 403);
  } finally {
    await s.stop();
  }
});
