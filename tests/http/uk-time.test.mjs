// Every date and time a person reads is UK time in words (Europe/London:
// BST in summer, GMT in winter), deadlines also say how far off they are;
// times typed into forms are UK time; JSON keeps ISO-8601 UTC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql } from './lib.mjs';
import { report, file } from './concern_helpers.mjs';

const JULY = '2026-07-14T13:00:00Z';    // 14:00 in the UK (BST)
const DECEMBER = '2026-12-01T20:01:00Z'; // 20:01 in the UK (GMT)

const time = (iso, words) => `<time datetime="${iso}">${words}</time>`;

test('a summer and a winter concern: UK time on the case page and the queue, UTC in JSON', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: JULY } });
  let s2;
  try {
    const t = await s.login('teacher@demo.school');
    const summer = await file(t, { category: 'other', summary: 'summer one', occurred_at: '2026-07-14T14:00' });
    const at = (id, col) => sql(s.db, `SELECT ${col} FROM concerns WHERE id = ${id}`);
    assert.equal(at(summer.id, 'occurred_at'), '2026-07-14T13:00:00Z', '14:00 typed in July is 13:00 UTC');
    const head = await s.login('head@demo.school');
    let q = await head.page('/concerns');
    const created = at(summer.id, 'created_at');
    assert.match(created, /^2026-07-14T13:0\d:\d\dZ$/);
    assert.ok(q.text.includes(time(created, `14 Jul 2026, 14:0${created[15]}`)), 'queue: received in BST');
    await s.stop({ keep: true });

    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: DECEMBER } });
    const t2 = await s2.login('teacher@demo.school');
    const winter = await file(t2, { category: 'other', summary: 'winter one', occurred_at: '2026-12-01T14:00' });
    assert.equal(at(winter.id, 'occurred_at'), '2026-12-01T14:00:00Z', '14:00 typed in December is 14:00 UTC');
    const h2 = await s2.login('head@demo.school');

    let page = await h2.page(`/concerns/${summer.id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(time('2026-07-14T13:00:00Z', '14 Jul 2026, 14:00')), 'case page: happened at 14:00 BST');
    assert.ok(page.text.includes(time(created, `14 Jul 2026, 14:0${created[15]}`)), 'case page: received in BST');
    page = await h2.page(`/concerns/${winter.id}`);
    assert.ok(page.text.includes(time('2026-12-01T14:00:00Z', '1 Dec 2026, 14:00')), 'case page: happened at 14:00 GMT');
    // Filed on Tuesday evening, not urgent: acknowledge by the end of Wednesday.
    assert.equal(at(winter.id, 'due_by'), '2026-12-02T23:59:59Z');
    assert.ok(page.text.includes(time('2026-12-02T23:59:59Z', '2 Dec 2026, 23:59 · due tomorrow')), 'the deadline in words');
    assert.doesNotMatch(page.text.replace(/datetime="[^"]*"/g, ''), /\d\d:\d\d:\d\dZ/, 'no raw UTC time outside datetime attributes');

    q = await h2.page('/concerns');
    assert.ok(q.text.includes(time(created, `14 Jul 2026, 14:0${created[15]}`)), 'queue: the summer one in BST');
    const wcreated = at(winter.id, 'created_at');
    assert.ok(q.text.includes(time(wcreated, `1 Dec 2026, 20:0${wcreated[15]}`)), 'queue: the winter one in GMT');
    assert.doesNotMatch(q.text.replace(/datetime="[^"]*"/g, ''), /\d\d:\d\d:\d\dZ/);

    // JSON keeps UTC.
    const j = await h2.get(`/concerns/${summer.id}`);
    assert.equal(j.body.concern.occurred_at, '2026-07-14T13:00:00Z');
    assert.equal(j.body.concern.created_at, created);
    const list = (await h2.get('/concerns')).body.concerns;
    assert.equal(list.find((c) => c.id === winter.id).due_by, '2026-12-02T23:59:59Z');
    assert.equal(list.find((c) => c.id === summer.id).created_at, created);
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});

test('a refused report shows the time back as typed (UK time); the labels say UK time', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: JULY } });
  try {
    const t = await s.login('teacher@demo.school');
    const form = await t.page('/concerns/new');
    assert.match(form.text, /When it happened \(UK time\)/);
    assert.doesNotMatch(form.text, /school time|\(UTC\)/);
    const fd = new FormData();
    for (const [k, v] of Object.entries({ category: 'other', summary: 'later', occurred_at: '2026-07-14T16:00' })) fd.append(k, v);
    // 16:00 BST is 15:00 UTC: still in the future at 14:00 BST.
    const r = await t.request('POST', '/concerns', { multipart: fd, json: false });
    assert.equal(r.status, 400);
    assert.match(r.text, /name="occurred_at" type="datetime-local" value="2026-07-14T16:00"/);
    const before = Number(sql(s.db, 'SELECT count(*) FROM concerns'));
    const ok = await report(t, { category: 'other', summary: 'earlier', occurred_at: '2026-07-14T13:30' });
    assert.equal(ok.status, 201, '13:30 BST is 12:30 UTC: in the past');
    assert.equal(Number(sql(s.db, 'SELECT count(*) FROM concerns')), before + 1);
  } finally {
    await s.stop().catch(() => {});
  }
});

test('a monitoring check is typed and shown in UK time', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: JULY } });
  try {
    const mod = await s.login('moderator@demo.school');
    const id = (await mod.get('/accounts')).body.accounts[0].id;
    let page = await mod.page(`/accounts/${id}`);
    assert.match(page.text, /When you checked \(UK time\)/);
    // Prefilled with now, in UK time: 14:0x on 14 July.
    assert.match(page.text, /name="checked_at" type="datetime-local" required value="2026-07-14T14:0\d"/);
    const r = await mod.post(`/accounts/${id}/checks`, { checked_at: '2026-07-14T09:15', comments_found: 'no', all_answered: 'yes' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.check.checked_at, '2026-07-14T08:15:00Z', 'JSON in UTC');
    page = await mod.page(`/accounts/${id}`);
    assert.ok(page.text.includes(time('2026-07-14T08:15:00Z', '14 Jul 2026, 09:15')));
    // Later than now in UK time is refused, naming the field; nothing is stored.
    const n = Number(sql(s.db, 'SELECT count(*) FROM account_checks'));
    const late = await mod.post(`/accounts/${id}/checks`, { checked_at: '2026-07-14T15:30', comments_found: 'no', all_answered: 'yes' });
    assert.equal(late.status, 400);
    assert.equal(late.body.field, 'checked_at');
    assert.equal(Number(sql(s.db, 'SELECT count(*) FROM account_checks')), n);
  } finally {
    await s.stop().catch(() => {});
  }
});

test('deadlines in words: a subject access request due in a month, then overdue', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: DECEMBER } });
  let s2;
  try {
    const dpo = await s.login('dpo@demo.school');
    const r = await dpo.post('/sar', { email: 'teacher@demo.school', received_on: '2026-11-20' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.request.due_on, '2026-12-21', 'JSON keeps the ISO date (Sunday 20th: the Monday)');
    let page = await dpo.page(r.body.request.id ? `/sar/${r.body.request.id}` : '/sar');
    assert.ok(page.text.includes(time('2026-11-20', '20 Nov 2026')));
    assert.ok(page.text.includes(time('2026-12-21', '21 Dec 2026 · due in 20 days')), page.text);
    await s.stop({ keep: true });
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-12-22T09:00:00Z' } });
    page = await (await s2.login('dpo@demo.school')).page('/sar');
    assert.ok(page.text.includes(time('2026-12-21', '21 Dec 2026 · 1 day overdue')));
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});

test('a breach in summer: aware at 09:00 BST, the ICO decision due in words on the case page and the breach log', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: JULY } });
  try {
    const admin = await s.login('admin@demo.school');
    assert.equal((await admin.post('/admin/closures', { day: '2026-07-20', label: 'INSET day' })).status, 201);
    assert.match((await admin.page('/admin/settings')).text, /<time datetime="2026-07-20">20 Jul 2026<\/time>/);
    const t = await s.login('teacher@demo.school');
    const b = await file(t, { category: 'data_breach', summary: 'Laptop lost', aware_at: '2026-07-14T09:00' });
    const dpo = await s.login('dpo@demo.school');
    const c = (await dpo.get(`/concerns/${b.id}`)).body.concern;
    assert.equal(c.breach.aware_at, '2026-07-14T08:00:00Z', 'JSON: UTC');
    assert.equal(c.ico_decision_due, '2026-07-17T08:00:00Z');
    const page = await dpo.page(`/concerns/${b.id}`);
    assert.ok(page.text.includes(time('2026-07-14T08:00:00Z', '14 Jul 2026, 09:00')), 'aware at 09:00 BST');
    assert.ok(page.text.includes(time('2026-07-17T08:00:00Z', '17 Jul 2026, 09:00 · due in 3 days')), 'the ICO decision');
    assert.match(page.text, /class="deadlines">.*<time datetime="2026-07-17T08:00:00Z">17 Jul 2026, 09:00 · due in 3 days<\/time>/);
    const log = await dpo.page('/breaches');
    assert.ok(log.text.includes(time('2026-07-17T08:00:00Z', '17 Jul 2026, 09:00 · due in 3 days')), 'the breach log');
    assert.doesNotMatch(log.text.replace(/datetime="[^"]*"/g, ''), /\d\d:\d\d:\d\dZ/);
  } finally {
    await s.stop().catch(() => {});
  }
});

test('the audit log filters by UK days: a sign-in at 00:30 BST is on the day the clock showed', async () => {
  // 23:30 UTC on the 17th is 00:30 BST on the 18th.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-07-17T23:30:00Z' } });
  try {
    const admin = await s.login('admin@demo.school');
    const signIns = async (from, to) => (await admin.get(`/audit?action=login&from=${from}&to=${to}`))
      .body.audit.filter((a) => a.actor === 'admin@demo.school');
    assert.equal((await signIns('2026-07-18', '2026-07-18')).length, 1, 'on the 18th');
    assert.equal((await signIns('2026-07-17', '2026-07-17')).length, 0, 'not on the 17th');
    assert.equal((await signIns('2026-07-01', '2026-07-17')).length, 0, 'To ends with the 17th in UK time');
    assert.equal((await signIns('2026-07-19', '2026-07-31')).length, 0, 'From starts with the 19th');
    assert.equal((await signIns('2026-07-18', '2026-07-31')).length, 1);
  } finally {
    await s.stop().catch(() => {});
  }
});
