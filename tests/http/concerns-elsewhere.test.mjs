// A concern outside its own pages: a subject access request, the audit log,
// a school account's monitoring checks and the disposal register name it,
// or what it says, only to those who may open the case itself.  Each test
// first shows that the reader gets 404 on the case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, cli } from './lib.mjs';
import { PNG, file, event } from './concern_helpers.mjs';

let s;
const c = {};
const today = () => new Date().toISOString().slice(0, 10);

before(async () => {
  s = await startServer();
  for (const w of ['teacher', 'head', 'chair', 'admin', 'dpo', 'moderator', 'bursar', 'science']) {
    c[w] = await s.login(`${w}@demo.school`);
  }
});
after(async () => { await s.stop(); });

// The teacher's request, recorded once; both handlers (the DPO and the
// headteacher) open the same request.
let teacherSar;
async function recordSar() {
  if (teacherSar) return teacherSar;
  const r = await c.head.post('/sar', { email: 'teacher@demo.school', received_on: today() });
  assert.equal(r.status, 201, r.text);
  teacherSar = r.body.request.id;
  return teacherSar;
}

test('a subject access request never shows the headteacher a concern about them', async () => {
  const secret = 'Details only the chair may read';
  const x = await file(c.teacher, { category: 'staff_conduct', about: 'head@demo.school',
    summary: 'About the head', details: secret });
  assert.equal((await c.head.get(`/concerns/${x.id}`)).status, 404);
  const id = await recordSar();
  const page = await c.head.get(`/sar/${id}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes(x.reference), 'the page names the concern');
  assert.match((await c.head.page(`/sar/${id}`)).text, /A concern about you is never shown to you/);
  const exp = await c.head.get(`/sar/${id}/export`);
  assert.equal(exp.status, 200);
  assert.ok(!exp.text.includes(secret) && !exp.text.includes(x.reference), 'the export holds it');
  // Nor the other handler of requests, who may not open it either (it went to the chair
  // alone); the command line's export gives the reporter's own words.
  assert.equal((await c.dpo.get(`/concerns/${x.id}`)).status, 404);
  const other = await c.dpo.get(`/sar/${id}/export`);
  assert.ok(!other.text.includes(secret) && !other.text.includes(x.reference), 'the DPO reads it');
  const whole = JSON.parse(cli(['export', '--db', s.db, '--person', 'teacher@demo.school']).stdout);
  assert.equal(whole.concerns_reported.find((k) => k.reference === x.reference).details, secret);
});

test("nor does the export of someone told about it: the chair's notifications", async () => {
  const x = await file(c.teacher, { category: 'staff_conduct', about: 'head@demo.school',
    summary: 'About the head' });
  const y = await file(c.teacher, { category: 'staff_conduct', about: 'head@demo.school',
    summary: 'About the head, again' });
  const chair = sql(s.db, "SELECT id FROM users WHERE email = 'chair@demo.school'");
  assert.ok(Number(sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${chair} AND ` +
    `link IN ('/concerns/${x.id}', '/concerns/${y.id}')`)) >= 2, 'the chair was told');
  const r = await c.head.post('/sar', { email: 'chair@demo.school', received_on: today() });
  assert.equal(r.status, 201, r.text);
  const text = (await c.head.get(`/sar/${r.body.request.id}/export`)).text;
  for (const ref of [x.reference, y.reference]) assert.ok(!text.includes(ref), `the export names ${ref}`);
  const exp = JSON.parse(text);
  assert.deepEqual(exp.notifications.filter((n) => /^\/concerns\/(about\/|\d)/.test(n.link)), []);
  // Nor the DPO's, who may not open the cases either; the command line's export has them.
  const dpo = (await c.dpo.get(`/sar/${r.body.request.id}/export`)).text;
  for (const ref of [x.reference, y.reference]) assert.ok(!dpo.includes(ref), `the DPO reads ${ref}`);
  const whole = JSON.parse(cli(['export', '--db', s.db, '--person', 'chair@demo.school']).stdout);
  assert.ok(whole.notifications.some((n) => n.link === `/concerns/${x.id}`));
  assert.ok(whole.emails.length >= exp.emails.length);
});

test('recording a subject access request opens no case the reader may not open', async () => {
  // A report about the headteacher goes to the chair alone, a nude image about them too, and
  // a comment on a school account to the moderator alone: the DPO and the headteacher
  // (but for the comment) open none of them, and a request they record themselves shows them
  // nothing of them: not the report, its reference, the image's description or a
  // notification naming it.
  const secret = 'Allegation words for the chair alone';
  const where = 'Image kept on a phone in the head office';
  const x = await file(c.teacher, { category: 'staff_conduct', about: 'head@demo.school',
    summary: 'About the head, for the chair', details: secret });
  const img = await file(c.teacher, { category: 'sexting', about: 'head@demo.school',
    summary: 'An image, the head involved', image_location: where });
  const mod = await file(c.teacher, { category: 'account_comment', summary: 'Comment for the moderator',
    details: 'Comment words for the moderator alone' });
  for (const k of [x, img]) assert.equal((await c.dpo.get(`/concerns/${k.id}`)).status, 404);
  assert.equal((await c.head.get(`/concerns/${mod.id}`)).status, 404);
  const id = await recordSar();
  for (const [who, hidden] of [['dpo', [x, img, mod]], ['head', [x, img, mod]]]) {
    const page = await c[who].get(`/sar/${id}`);
    const exp = await c[who].get(`/sar/${id}/export`);
    assert.equal(exp.status, 200);
    for (const k of hidden) {
      assert.ok(!page.text.includes(k.reference), `${who}'s page names ${k.reference}`);
      assert.ok(!exp.text.includes(k.reference), `${who}'s export names ${k.reference}`);
    }
    for (const words of [secret, where, 'Comment words for the moderator alone'])
      assert.ok(!exp.text.includes(words), `${who}'s export holds "${words}"`);
  }
  // The chair's request, read by the DPO: no notification naming the chair's cases.
  const r = await c.dpo.post('/sar', { email: 'chair@demo.school', received_on: today() });
  assert.ok([201, 409].includes(r.status), r.text);
  const chairSar = r.status === 201 ? r.body.request.id
    : Number(sql(s.db, "SELECT max(s.id) FROM subject_access_requests s JOIN users u " +
      "ON u.id = s.subject_id WHERE u.email = 'chair@demo.school'"));
  const text = (await c.dpo.get(`/sar/${chairSar}/export`)).text;
  for (const k of [x, img]) assert.ok(!text.includes(k.reference), `the chair's export names ${k.reference}`);
  // The command line, on the server itself, has everything.
  const whole = JSON.parse(cli(['export', '--db', s.db, '--person', 'teacher@demo.school']).stdout);
  const refs = whole.concerns_reported.map((k) => k.reference);
  for (const k of [x, img, mod]) assert.ok(refs.includes(k.reference), `the full export lacks ${k.reference}`);
});

test('the export gives a reporter the chronology they were shown, not the outcome or notes', async () => {
  const x = await file(c.teacher, { category: 'parent_post', summary: 'A parent posted' });
  assert.equal((await event(c.head, x.id, { action: 'acknowledge' })).status, 200);
  for (const step of ['meeting', 'removal', 'police_consider', 'legal']) { // heatons 8.7, 8.9; wynstones
    assert.equal((await event(c.head, x.id, { action: 'step', step, outcome: 'done',
      text: `Step text for handlers: ${step}` })).status, 200);
  }
  assert.equal((await event(c.head, x.id, { action: 'close', outcome: 'Outcome text for handlers',
    outcome_category: 'other' })).status, 200);
  assert.equal((await event(c.head, x.id, { action: 'reopen', text: 'Reopened: new posts' })).status, 200);
  const shown = (await c.teacher.get(`/concerns/mine/${x.id}`)).body.concern.events;
  // The headteacher, who may open the case (the DPO may not, and is not given it).
  const text = (await c.head.get(`/sar/${await recordSar()}/export`)).text;
  const mine = JSON.parse(text).concerns_reported.find((k) => k.reference === x.reference);
  assert.deepEqual(mine.events, shown);
  assert.equal(mine.outcome, undefined);
  for (const hidden of ['Outcome text for handlers', 'Reopened: new posts', 'Step text for handlers']) {
    assert.ok(!text.includes(hidden), `the export holds "${hidden}"`);
  }
});

test("the audit log shows a reporter's download of their evidence only to those who may open the case", async () => {
  const upload = async (fields) => {
    const x = await file(c.teacher, fields, [{ name: 'photo-of-the-post.png', data: PNG, type: 'image/png' }]);
    const ev = sql(s.db, `SELECT id FROM evidence WHERE concern_id = ${x.id}`);
    assert.equal((await c.teacher.get(`/evidence/${ev}`, { json: false })).status, 200);
    return { x, ev };
  };
  const aboutHead = await upload({ category: 'staff_conduct', about: 'head@demo.school',
    summary: 'About the head, with a photo', confidential: 'yes' });
  const ordinary = await upload({ category: 'parent_post', summary: 'A parent posted a photo' });
  const rowsFor = async (who, ev) => (await c[who].get('/audit')).body.audit
    .filter((a) => a.object === `/evidence/${ev}` && a.action === 'export.download');
  assert.equal((await c.head.get(`/evidence/${aboutHead.ev}`)).status, 404);
  assert.deepEqual(await rowsFor('head', aboutHead.ev), []);
  assert.deepEqual(await rowsFor('admin', aboutHead.ev), []);
  // The head may open the other case, and sees its row; the administrator may not.
  assert.equal((await c.head.get(`/concerns/${ordinary.x.id}`)).status, 200);
  assert.equal((await rowsFor('head', ordinary.ev)).length, 1);
  assert.equal((await c.admin.get(`/concerns/${ordinary.x.id}`)).status, 404);
  assert.deepEqual(await rowsFor('admin', ordinary.ev), []);
});

test('an account check names the concern it raised only to those who may open it', async () => {
  const acct = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = '@HillsideScience'"));
  const at = new Date(Date.now() - 60000).toISOString().slice(0, 19) + 'Z';
  const r = await c.science.post(`/accounts/${acct}/checks`, { checked_at: at, comments_found: 'yes',
    all_answered: 'no', notes: 'An offensive comment', open_concern: 'yes',
    summary: 'An offensive comment under a post' });
  assert.equal(r.status, 201, r.text);
  const x = r.body.check.concern;
  const row = async (who) => (await c[who].get(`/accounts/${acct}`)).body.checks_log
    .find((k) => k.raised_concern && (k.concern_id === x.id || k.concern_id === null));
  assert.equal((await c.moderator.get(`/concerns/${x.id}`)).status, 200);
  assert.equal((await row('moderator')).concern_reference, x.reference);
  for (const who of ['head', 'bursar']) {
    assert.equal((await c[who].get(`/concerns/${x.id}`)).status, 404);
    const k = await row(who);
    assert.deepEqual([k.concern_id, k.concern_reference], [null, null], who);
    const html = (await c[who].page(`/accounts/${acct}`)).text;
    assert.ok(!html.includes(x.reference), `${who}'s page names the concern`);
    assert.match(html, /<td>Raised<\/td>/);
  }
});

test('a deleted concern about the headteacher stays out of their disposal register', async () => {
  const x = await file(c.teacher, { category: 'staff_conduct', about: 'head@demo.school',
    summary: 'About the head, later deleted' });
  for (const form of [{ action: 'acknowledge' },
    { action: 'threshold', level: 'harm_threshold', text: 'An allegation' },
    { action: 'escalate', to: 'lado', reference: 'LADO-5' },
    { action: 'close', outcome: 'Found malicious', outcome_category: 'malicious' }]) {
    assert.equal((await event(c.chair, x.id, form)).status, 200, form.action);
  }
  // Reviewed for deletion by the chair, who handles it; not by the administrator, who may not open it.
  assert.ok(!(await c.admin.get('/admin/retention')).body.due.some((d) => d.label === x.reference));
  assert.ok((await c.chair.get('/admin/retention')).body.due.some((d) => d.label === x.reference));
  const del = await c.chair.post('/admin/retention/delete', { record_type: 'concern',
    record_id: x.id, reason: 'A malicious allegation, reviewed with the LADO' });
  assert.equal(del.status, 200, del.text);
  const listed = async (who) => (await c[who].get('/admin/retention')).body.disposals
    .some((d) => d.label === x.reference);
  assert.equal(await listed('head'), false);
  assert.equal(await listed('chair'), true);
  assert.equal(await listed('admin'), false, 'nor to anyone who could not review it');
});

test('the audit log keeps what people wrote out of its details', async () => {
  const written = 'Written only in the record itself';
  const teacher = c.teacher;
  const f = await teacher.post('/filtering/requests', { kind: 'block', site: 'only-in-the-record.example',
    reason: written });
  assert.equal(f.status, 201, f.text);
  const lesson = await teacher.post('/permissions/lessons', { class_name: 'Class only-in-the-record',
    lesson_on: today(), service: 'Google Classroom', use: written });
  assert.equal(lesson.status, 201, lesson.text);
  const log = sql(s.db, "SELECT group_concat(object || ' ' || detail, ' | ') FROM audit " +
    "WHERE action IN ('filtering.request', 'lesson.authorise')");
  assert.doesNotMatch(log, /only-in-the-record/);
  assert.match(log, /lesson:\d+/);
});

// heatons 6.8: inappropriate content reached on school premises "must be
// reported to the school's network manager and Headteacher immediately";
// 7.3: "so that the site can be blocked".  About the headteacher, the report
// goes to the chair alone (KCSIE), and the network manager is asked only to
// block the site, in words that say nothing of the report.
test('content reached on school premises, about the headteacher: the chair has the report, the network manager a block request', async () => {
  const summary = 'Gambling site open on the hall PC during assembly';
  const network = await s.login('network@demo.school');
  const requests = () => Number(sql(s.db, 'SELECT count(*) FROM filter_requests'));
  const before = requests();
  // About someone else: the network manager receives the report itself.
  await file(c.teacher, { category: 'premises_content', summary, url: 'https://other-casino.example',
    about: 'science@demo.school' });
  assert.equal(requests(), before, 'no block request when the network manager has the report');

  const x = await file(c.teacher, { category: 'premises_content', summary, url: 'https://bad-casino.example',
    about: 'head@demo.school' });
  assert.equal(sql(s.db, `SELECT group_concat(role) FROM concern_recipient_roles WHERE concern_id = ${x.id}`), 'chair');
  assert.equal((await network.get(`/concerns/${x.id}`)).status, 404);
  assert.equal((await c.head.get(`/concerns/${x.id}`)).status, 404);
  const asked = (await network.get('/filtering')).body.requests
    .find((r) => r.site === 'https://bad-casino.example');
  assert.ok(asked, 'the network manager has a request to block the site');
  assert.equal(asked.kind, 'block');
  assert.equal(asked.may_decide, true);
  const words = JSON.stringify(asked);
  for (const secret of [summary, x.reference, 'Helen', 'Ashworth', 'headteacher', 'concern'])
    assert.ok(!words.includes(secret), `the request does not say ${secret}`);
  const told = sql(s.db, "SELECT group_concat(u.email || ': ' || n.message, ' | ') FROM notifications n " +
    `JOIN users u ON u.id = n.user_id WHERE n.link = '/filtering#request-${asked.id}'`);
  assert.match(told, /network@demo\.school: Filtering request F-\d+: block https:\/\/bad-casino\.example\./);
  assert.doesNotMatch(told, /head@demo\.school/, 'the headteacher is not told');
  assert.ok((await network.get('/')).body.tasks.some((t) => t.kind === 'filtering_block' && t.urgent));
  // The reporter sees it among their own requests, and its decision.
  assert.ok((await c.teacher.get('/filtering')).body.requests.some((r) => r.id === asked.id));
  const log = sql(s.db, "SELECT group_concat(object || ' ' || detail, ' | ') FROM audit WHERE action = 'filtering.request'");
  assert.doesNotMatch(log, /bad-casino/);

  // No address given: the network manager still hears, and whom to ask.
  const before2 = requests();
  await file(c.teacher, { category: 'premises_content', summary, about: 'head@demo.school' });
  assert.equal(requests(), before2 + 1);
  assert.match(sql(s.db, 'SELECT site FROM filter_requests ORDER BY id DESC LIMIT 1'), /ask the person who asked/);
});
