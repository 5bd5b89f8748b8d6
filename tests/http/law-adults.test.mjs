// Concerns about adults working in the school (KCSIE part four): self-referral,
// a confidential reporter, the threshold decision, the LADO clock in working
// days, the allegation outcomes (malicious off the person's file), and the
// LADO contact when nobody in school can act on a concern about the head.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, cli } from './lib.mjs';
import { PNG, report, file, counts, event } from './concern_helpers.mjs';

const uid = (db, email) => sql(db, `SELECT id FROM users WHERE email = '${email}'`);
const ABOUT = { category: 'staff_conduct', about: 'science@demo.school' };

test('bad input on the report form: 400 naming the field, nothing written', async () => {
  const s = await startServer();
  try {
    const t = await s.login('teacher@demo.school');
    const before = counts(s.db);
    const cases = [
      [{ category: 'other', self: 'yes' }, 'self'],
      [{ category: 'other', confidential: 'yes' }, 'confidential'],
      [{ category: 'staff_conduct' }, 'about'],
      [{ category: 'staff_conduct', self: 'yes', about: 'science@demo.school' }, 'about'],
      [{ category: 'staff_conduct', self: 'yes', confidential: 'yes' }, 'confidential'],
      [{ category: 'staff_conduct', about: 'teacher@demo.school' }, 'about'],
      [{ category: 'staff_conduct', about: 'science@demo.school', self: 'perhaps' }, 'self'],
    ];
    for (const [fields, field] of cases) {
      const r = await report(t, { summary: 'bad', ...fields });
      assert.equal(r.status, 400, JSON.stringify(fields));
      assert.equal(r.body.field, field, JSON.stringify(fields));
    }
    assert.deepEqual(counts(s.db), before);
    // The form's own words on the page
    const page = await t.page('/concerns/new');
    assert.match(page.text, /About me: I am referring myself/);
    assert.match(page.text, /Keep my name confidential/);
    assert.match(page.text, /low-level concern or allegation/);
  } finally {
    await s.stop();
  }
});

test('self-referral: to the head (the chair for the head); the subject gets 404 by every route', async () => {
  const s = await startServer();
  try {
    const t = await s.login('teacher@demo.school');
    const head = await s.login('head@demo.school');
    const chair = await s.login('chair@demo.school');
    const mine = await report(t, { category: 'staff_conduct', self: 'yes', summary: 'I messaged a pupil' });
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.body.self_referral, true);
    assert.match(mine.body.message, /the headteacher will speak to you/);
    assert.match(mine.body.concern.reference, /^C-\d{4}-\d{6}$/);
    const id = mine.body.concern.id;
    assert.equal(sql(s.db, `SELECT about_id FROM concerns WHERE id = ${id}`), uid(s.db, 'teacher@demo.school'));
    assert.equal(sql(s.db, `SELECT group_concat(role) FROM concern_recipient_roles WHERE concern_id = ${id}`), 'headteacher');
    // about = my own address with self=yes is the same thing
    const same = await report(t, { category: 'staff_conduct', self: 'yes', about: 'teacher@demo.school', summary: 'again' });
    assert.equal(same.status, 201);
    // The browser is told the head will speak to them, on a page they can open
    const html = await t.request('POST', '/concerns', { json: false, multipart: (() => {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ category: 'staff_conduct', self: 'yes', summary: 'third' })) fd.append(k, v);
      return fd;
    })() });
    assert.equal(html.status, 303);
    assert.equal(html.headers.get('location'), '/concerns/new');
    for (const p of [`/concerns/${id}`, `/concerns/mine/${id}`]) assert.equal((await t.get(p)).status, 404, p);
    assert.ok(!(await t.get('/concerns/mine')).body.concerns.some((c) => c.id === id));
    assert.equal((await head.get(`/concerns/${id}`)).status, 200);
    assert.equal((await event(head, id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(head, id, { action: 'status', status: 'investigating' })).status, 200);
    assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${uid(s.db, 'teacher@demo.school')} AND link LIKE '%/${id}'`), '0');
    assert.ok(!(await t.get('/')).body.notifications.some((n) => (n.link || '').endsWith(`/${id}`)));

    // The headteacher refers themself, with a file: the chair alone receives it.
    const fd = new FormData();
    for (const [k, v] of Object.entries({ category: 'staff_conduct', self: 'yes', summary: 'Head self-referral' })) fd.append(k, v);
    fd.append('evidence', new Blob([PNG], { type: 'image/png' }), 'me.png');
    const hr = await head.request('POST', '/concerns', { multipart: fd });
    assert.equal(hr.status, 201, hr.text);
    assert.match(hr.body.message, /chair of governors/);
    const hid = hr.body.concern.id;
    assert.equal(sql(s.db, `SELECT group_concat(role) FROM concern_recipient_roles WHERE concern_id = ${hid}`), 'chair');
    const evid = sql(s.db, `SELECT id FROM evidence WHERE concern_id = ${hid}`);
    for (const p of [`/concerns/${hid}`, `/concerns/mine/${hid}`, `/evidence/${evid}`]) assert.equal((await head.get(p)).status, 404, p);
    assert.ok(!(await head.get('/concerns')).body.concerns.some((c) => c.id === hid), 'not in the head\'s queue');
    assert.ok(!(await head.get(`/audit?object=${hr.body.concern.reference}`)).body.audit.length, 'nor in the audit log');
    assert.equal((await chair.get(`/concerns/${hid}`)).status, 200);
    assert.equal((await chair.get(`/evidence/${evid}`)).status, 200);
    assert.equal((await event(chair, hid, { action: 'acknowledge' })).status, 200);
    assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${uid(s.db, 'head@demo.school')} AND link LIKE '%/${hid}'`), '0');
  } finally {
    await s.stop();
  }
});

test('a confidential reporter is named only to the headteacher (or the chair for the head)', async () => {
  const s = await startServer();
  try {
    // The administrator is also a DSL here, so the head may hand them the case.
    assert.equal(cli(['user', 'roles', '--db', s.db, '--email', 'admin@demo.school', '--set', 'admin,dsl']).code, 0);
    const t = await s.login('teacher@demo.school');
    const head = await s.login('head@demo.school');
    const c = await file(t, { ...ABOUT, confidential: 'yes', summary: 'Shouts at pupils' }, [{ name: 'n.png', data: PNG }]);
    const hv = (await head.get(`/concerns/${c.id}`)).body.concern;
    assert.equal(hv.reporter, 'Amy Clarke');
    assert.equal(hv.reporter_confidential, true);
    assert.equal((await event(head, c.id, { action: 'assign', assignee: 'admin@demo.school' })).status, 200);
    const admin = await s.login('admin@demo.school');
    const dsl = await s.login('dsl@demo.school');
    for (const who of [admin]) {
      const r = await who.get(`/concerns/${c.id}`);
      assert.equal(r.status, 200);
      const v = r.body.concern;
      assert.equal(v.reporter, null);
      assert.equal(v.reporter_email, null);
      assert.equal(v.reporter_confidential, true);
      assert.ok(!JSON.stringify(r.body).includes('teacher@demo.school'), 'nowhere in the JSON');
      assert.ok(!JSON.stringify(r.body).includes('Amy Clarke'));
      const page = await who.page(`/concerns/${c.id}`);
      assert.ok(!page.text.includes('Amy Clarke') && !page.text.includes('teacher@demo.school'));
      assert.match(page.text, /Name withheld/);
      const q = await who.get('/concerns');
      assert.ok(!JSON.stringify(q.body).includes('teacher@demo.school'));
    }
    assert.equal((await dsl.get(`/concerns/${c.id}`)).status, 404, 'a DSL it was not given');
    // The audit log: the head sees who reported; the administrator sees the row, not who.
    const ref = c.reference;
    const headRows = (await head.get(`/audit?object=${ref}`)).body.audit;
    assert.equal(headRows.find((a) => a.action === 'concern.report').actor, 'teacher@demo.school');
    const adminRows = (await admin.get(`/audit?object=${ref}`)).body.audit;
    const rep = adminRows.find((a) => a.action === 'concern.report');
    assert.ok(rep, 'the row is there');
    assert.notEqual(rep.actor, 'teacher@demo.school');
    assert.equal(rep.address, '');
    assert.ok(!JSON.stringify(adminRows).includes('teacher@demo.school'));
    const byActor = (await admin.search('/audit', { actor: 'teacher@demo.school' })).body.audit;
    assert.ok(!byActor.some((a) => a.object === ref), 'a filter by person does not find it');
    assert.ok((await head.search('/audit', { actor: 'teacher@demo.school' })).body.audit.some((a) => a.object === ref));
    // The reporter still follows their own report.
    assert.equal((await t.get(`/concerns/mine/${c.id}`)).status, 200);
    // About the head: the chair is the one who may know.
    const h = await file(t, { category: 'staff_conduct', about: 'head@demo.school', confidential: 'yes', summary: 'About the head' });
    const chair = await s.login('chair@demo.school');
    assert.equal((await chair.get(`/concerns/${h.id}`)).body.concern.reporter, 'Amy Clarke');
  } finally {
    await s.stop();
  }
});

test('threshold decision, the LADO clock in working days, the allegation outcomes and retention', async () => {
  // Friday 20 November 2026; Monday 23 November is an INSET day.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-20T10:00:00Z' } });
  let s2;
  try {
    const admin = await s.login('admin@demo.school');
    assert.equal((await admin.post('/admin/closures', { day: '2026-11-23', label: 'INSET day' })).status, 201);
    const t = await s.login('teacher@demo.school');
    const head = await s.login('head@demo.school');
    const other = await file(t, { category: 'other', summary: 'not about an adult' });
    assert.equal((await event(head, other.id, { action: 'threshold', level: 'low_level', text: 'x' })).status, 409);
    // Any other case names its reporter as before.
    assert.equal((await head.get(`/concerns/${other.id}`)).body.concern.reporter_withheld, false);
    assert.match((await head.page(`/concerns/${other.id}`)).text, /Amy Clarke \(teacher@demo.school\)/);
    const c = await file(t, { ...ABOUT, summary: 'Gave a pupil a lift home' });
    assert.equal((await event(head, c.id, { action: 'acknowledge' })).status, 200);
    const before = counts(s.db);
    for (const [form, field] of [
      [{ action: 'threshold', level: 'low_level' }, 'text'],
      [{ action: 'threshold', text: 'why' }, 'level'],
      [{ action: 'threshold', level: 'serious', text: 'why' }, 'level'],
    ]) {
      const r = await event(head, c.id, form);
      assert.equal(r.status, 400, JSON.stringify(form));
      assert.equal(r.body.field, field);
    }
    const early = await event(head, c.id, { action: 'close', outcome: 'done', outcome_category: 'no_further_action' });
    assert.equal(early.status, 409);
    assert.match(early.body.error, /threshold decision/);
    assert.deepEqual(counts(s.db), before, 'nothing written');
    // Low-level first: no LADO clock, the ordinary outcomes.
    assert.equal((await event(head, c.id, { action: 'threshold', level: 'low_level', text: 'A lapse', action_taken: 'Spoke to them' })).status, 200);
    let v = (await head.get(`/concerns/${c.id}`)).body;
    assert.equal(v.concern.lado_due, undefined);
    assert.equal(v.concern.threshold.level, 'low_level');
    assert.ok(!v.outcomes.some((o) => o.code === 'malicious'));
    const wrong = await event(head, c.id, { action: 'close', outcome: 'x', outcome_category: 'malicious' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.field, 'outcome_category');
    // Corrected: it meets the harm threshold.  One working day: Tuesday 24th.
    assert.equal((await event(head, c.id, { action: 'threshold', level: 'harm_threshold', text: 'Alone with a pupil' })).status, 200);
    v = (await head.get(`/concerns/${c.id}`)).body;
    assert.equal(v.concern.lado_due, '2026-11-24T23:59:59Z');
    assert.equal(v.concern.allegation, true);
    assert.deepEqual(v.outcomes.map((o) => o.code), ['substantiated', 'false', 'malicious', 'unsubstantiated', 'unfounded']);
    assert.ok(v.outcomes.every((o) => o.definition));
    assert.equal((await head.get('/concerns')).body.concerns.find((x) => x.id === c.id).deadline_due, '2026-11-24T23:59:59Z');
    const page = await head.page(`/concerns/${c.id}`);
    assert.match(page.text, /Meets the harm threshold/);
    assert.match(page.text, /There is sufficient evidence to disprove the allegation and there has been a deliberate act to deceive/);
    await s.stop({ keep: true });

    // Wednesday: past the deadline, on My tasks and the queue's filter.
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-25T08:00:00Z' } });
    const h2 = await s2.login('head@demo.school');
    const task = (await h2.get('/')).body.tasks.find((x) => x.kind === 'concern_deadline');
    assert.ok(task && /LADO/.test(task.message), JSON.stringify(task));
    assert.ok((await h2.get('/concerns?deadline=overdue')).body.concerns.some((x) => x.id === c.id));
    const esc = await event(h2, c.id, { action: 'escalate', to: 'lado', reference: 'LADO-77', text: 'Advice: suspend pending enquiries' });
    assert.equal(esc.status, 200);
    v = (await h2.get(`/concerns/${c.id}`)).body.concern;
    assert.equal(v.lado_due, undefined, 'the clock is met');
    assert.ok(v.events.some((e) => e.action === 'escalate' && /LADO-77/.test(e.what) && /suspend/.test(e.text)));
    for (const oc of [undefined, 'no_further_action']) {
      const r = await event(h2, c.id, { action: 'close', outcome: 'x', ...(oc ? { outcome_category: oc } : {}) });
      assert.equal(r.status, 400, String(oc));
      assert.equal(r.body.field, 'outcome_category');
    }
    assert.equal((await event(h2, c.id, { action: 'close', outcome: 'Summary for the file', outcome_category: 'unsubstantiated' })).status, 200);
    // The copy given to the person, with its date
    const copies = () => sql(s.db, "SELECT count(*) FROM concern_events WHERE action = 'copy_given'");
    for (const [form, field] of [[{}, 'date'], [{ date: '2026-12-01' }, 'date'], [{ date: '2026-11-19' }, 'date']]) {
      const r = await event(h2, c.id, { action: 'copy_given', ...form });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, field);
    }
    // Not before the day it was reported (20 November).
    const beforeReport = await event(h2, c.id, { action: 'copy_given', date: '2026-11-19' });
    assert.equal(beforeReport.body.error, 'The copy cannot have been given before 20 Nov 2026, the day the concern was reported.');
    assert.equal(copies(), '0');
    assert.equal((await event(h2, c.id, { action: 'copy_given', date: '2026-11-25' })).status, 200);
    v = (await h2.get(`/concerns/${c.id}`)).body.concern;
    assert.equal(v.copy_given_on, '2026-11-25');
    assert.equal(v.outcome, 'Summary for the file');
    // Retention: until the later of 10 years from the allegation and the retirement review.
    const a2 = await s2.login('admin@demo.school');
    const due = async () => (await h2.post('/admin/retention/delete', { record_type: 'concern', record_id: String(c.id), reason: 'x' })).body.error;
    assert.match(await due(), /not yet known/, 'the person has not left');
    assert.equal(cli(['user', 'deactivate', '--db', s.db, '--email', 'science@demo.school', '--left-on', '2026-11-25']).code, 0);
    assert.match(await due(), /\(25 Nov 2036\)/);
    assert.equal((await a2.post('/admin/retention/rules', { allegation_years: '15' })).status, 200);
    assert.match(await due(), /\(20 Nov 2041\)/);
    assert.equal((await a2.post('/admin/retention/rules', { allegation_years: '0' })).status, 400);
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});

test('a malicious allegation leaves the person\'s file and waits for review for deletion', async () => {
  const s = await startServer();
  let db;
  let kept, gone;
  try {
    const t = await s.login('teacher@demo.school');
    const head = await s.login('head@demo.school');
    kept = await file(t, { ...ABOUT, summary: 'Low level, kept' });
    gone = await file(t, { ...ABOUT, summary: 'Made up' });
    for (const id of [kept.id, gone.id]) assert.equal((await event(head, id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(head, gone.id, { action: 'threshold', level: 'harm_threshold', text: 'Serious' })).status, 200);
    assert.equal((await event(head, gone.id, { action: 'escalate', to: 'lado', reference: 'L-1' })).status, 200);
    assert.equal((await event(head, gone.id, { action: 'close', outcome: 'Deliberately false', outcome_category: 'malicious' })).status, 200);
    assert.equal((await event(head, gone.id, { action: 'copy_given', date: '2020-01-01' })).status, 409);
    const list = (await head.get('/admin/retention')).body.due;
    const row = list.find((r) => r.record_type === 'concern' && r.record_id === gone.id);
    assert.ok(row, JSON.stringify(list));
    assert.equal(row.rule, 'malicious allegation: review for deletion');
    assert.ok(!list.some((r) => r.record_id === kept.id && r.record_type === 'concern'));
    assert.match((await head.page(`/concerns/${gone.id}`)).text, /kept only until it is reviewed for deletion/);
    db = s.db;
  } finally {
    await s.stop({ keep: true });
  }
  const r = cli(['export', '--db', db, '--person', 'science@demo.school']);
  assert.equal(r.code, 0, r.stderr);
  const refs = JSON.parse(r.stdout).concerns_about_them_for_review.map((c) => c.reference);
  assert.ok(refs.includes(kept.reference));
  assert.ok(!refs.includes(gone.reference), 'not on the person\'s file');
  // Deleted under review: the case goes with its clocks and how it was raised.
  const s2 = await launch({ dir: s.dir, db, env: {} });
  try {
    const head = await s2.login('head@demo.school');
    const del = await head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(gone.id), reason: 'Malicious: reviewed' });
    assert.equal(del.status, 200, del.text);
    assert.equal(sql(db, `SELECT count(*) FROM concern_adult WHERE concern_id = ${gone.id}`), '0');
  } finally {
    await s2.stop();
  }
});

test('about the head with no chair to act: the LADO contact and the deadline at once', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-20T10:00:00Z' } });
  try {
    const admin = await s.login('admin@demo.school');
    const contact = 'Jo Bloggs, 01234 567890, lado@county.example';
    assert.equal((await admin.post('/admin/settings', { lado_contact: contact })).status, 200);
    assert.equal((await admin.get('/admin/settings')).body.lado_contact, contact);
    assert.equal(cli(['user', 'deactivate', '--db', s.db, '--email', 'chair@demo.school']).code, 0);
    const t = await s.login('teacher@demo.school');
    const r = await report(t, { category: 'staff_conduct', about: 'head@demo.school', summary: 'Head and a pupil' });
    assert.equal(r.status, 202, r.text);
    assert.match(r.body.warning, /LADO/);
    assert.ok(r.body.warning.includes(contact));
    const id = r.body.concern.id;
    assert.equal(sql(s.db, `SELECT due_at FROM concern_deadlines WHERE concern_id = ${id} AND kind = 'lado'`), '2026-11-23T23:59:59Z');
    assert.ok((await t.get(`/concerns/mine/${id}`)).body.concern.fallback.includes(contact));
    // A new chair finds the case with the deadline and the contact.
    assert.equal(cli(['user', 'roles', '--db', s.db, '--email', 'governor@demo.school', '--set', 'governor,chair']).code, 0);
    const chair = await s.login('governor@demo.school');
    const v = (await chair.get(`/concerns/${id}`)).body.concern;
    assert.equal(v.lado_due, '2026-11-23T23:59:59Z');
    assert.equal(v.lado_contact, contact);
    assert.equal((await (await s.login('head@demo.school')).get(`/concerns/${id}`)).status, 404);
    // The officer changes and the new one is not known yet: the contact can be emptied,
    // and a settings form without the field leaves it as it is.
    assert.equal((await admin.post('/admin/settings', { school_name: 'Hillside Academy' })).status, 200);
    assert.equal((await admin.get('/admin/settings')).body.lado_contact, contact);
    assert.equal((await admin.post('/admin/settings', { lado_contact: '' })).status, 200);
    assert.equal((await admin.get('/admin/settings')).body.lado_contact, '');
    assert.match((await chair.page(`/concerns/${id}`)).text, /not set: the administrator adds it/);
  } finally {
    await s.stop();
  }
});

test('an allegation is not closed while the LADO clock runs; My tasks counts only the cases its link lists', async () => {
  // Wednesday 18 November 2026: the LADO is to be told by the end of Thursday.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-18T10:00:00Z' } });
  let s2;
  try {
    const t = await s.login('teacher@demo.school');
    const c = await file(t, { ...ABOUT, summary: 'Alone with a pupil' });
    const head = await s.login('head@demo.school');
    assert.equal((await event(head, c.id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(head, c.id, { action: 'threshold', level: 'harm_threshold', text: 'Meets it' })).status, 200);
    const before = counts(s.db);
    const close = { action: 'close', outcome: 'Summary', outcome_category: 'unfounded' };
    const r = await event(head, c.id, close);
    assert.equal(r.status, 409);
    assert.equal(r.body.error, 'Tell the LADO first (Escalate to the LADO), then close the case.');
    assert.deepEqual(counts(s.db), before, 'nothing written');
    assert.equal(sql(s.db, `SELECT status FROM concerns WHERE id = ${c.id}`), 'acknowledged');
    // A case closed with its clock still running (stored before the close was
    // refused) is not on the open list, so My tasks does not count it.
    const old = await file(t, { ...ABOUT, summary: 'Closed with the clock running' });
    assert.equal((await event(head, old.id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(head, old.id, { action: 'threshold', level: 'harm_threshold', text: 'Meets it' })).status, 200);
    sql(s.db, `UPDATE concerns SET status = 'closed', closed_at = '2026-11-18T11:00:00Z' WHERE id = ${old.id}`);
    await s.stop({ keep: true });

    // Friday: both clocks are past; only the open case is listed and counted.
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-20T10:00:00Z' } });
    const h2 = await s2.login('head@demo.school');
    const task = (await h2.get('/')).body.tasks.find((x) => x.kind === 'concern_deadline');
    assert.equal(task.message, '1 case past the deadline: Tell the LADO (the allegation meets the harm threshold).');
    assert.deepEqual((await h2.get(task.link)).body.concerns.map((x) => x.id), [c.id]);
    assert.equal((await event(h2, c.id, { action: 'escalate', to: 'lado', reference: 'LADO-9' })).status, 200);
    assert.equal((await event(h2, c.id, close)).status, 200);
    assert.equal((await h2.get('/')).body.tasks.find((x) => x.kind === 'concern_deadline'), undefined);
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});

test('the LADO told before the harm threshold is recorded: the clock starts met, at the escalation', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-18T10:00:00Z' } }); // Wednesday
  let s2;
  try {
    const t = await s.login('teacher@demo.school');
    const c = await file(t, { ...ABOUT, summary: 'Messaged a pupil at night' });
    const head = await s.login('head@demo.school');
    assert.equal((await event(head, c.id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(head, c.id, { action: 'escalate', to: 'lado', reference: 'LADO-1', text: 'Advice taken' })).status, 200);
    const told = sql(s.db, `SELECT at FROM concern_events WHERE concern_id = ${c.id} AND action = 'escalate'`);
    assert.equal((await event(head, c.id, { action: 'threshold', level: 'harm_threshold', text: 'The LADO agrees' })).status, 200);
    const v = (await head.get(`/concerns/${c.id}`)).body.concern;
    assert.equal(v.lado_due, undefined, 'no clock runs: the LADO was told');
    assert.deepEqual(v.deadlines.map((d) => [d.kind, d.met_at]), [['lado', told]]);
    await s.stop({ keep: true });

    // Friday: nothing past its deadline, and the allegation closes.
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-20T10:00:00Z' } });
    const h2 = await s2.login('head@demo.school');
    assert.equal((await h2.get('/')).body.tasks.find((x) => x.kind === 'concern_deadline'), undefined);
    assert.deepEqual((await h2.get('/concerns?deadline=overdue')).body.concerns, []);
    const close = { action: 'close', outcome: 'Summary', outcome_category: 'unsubstantiated' };
    assert.equal((await event(h2, c.id, close)).status, 200);
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});
