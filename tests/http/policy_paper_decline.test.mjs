// Paper signatures entered by a leader on someone's behalf, and "I do not
// agree": a decline with its reason, told to the headteacher.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { publish } from './policy_lib.mjs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (table, where = '1') => Number(sql(s.db, `SELECT count(*) FROM ${table} WHERE ${where}`));
const demoAgreement = () => Number(sql(s.db, "SELECT v.id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE p.title = 'Staff acceptable-use agreement' ORDER BY v.id DESC LIMIT 1"));
const effective = (vid) => sql(s.db, `SELECT effective FROM policy_versions WHERE id = ${vid}`);

test('a paper signature is entered by a leader: it counts, and says who recorded it and the date on the paper', async () => {
  const vid = demoAgreement();
  const bursar = await s.login('bursar@demo.school');
  const before = (await bursar.get('/aup/compliance')).body.policies.find((p) => p.version_id === vid);
  assert.ok(before.outstanding.some((o) => o.email === 'volunteer@demo.school'));
  const paperDate = effective(vid);
  const changes = () => [count('signatures'), count('paper_signatures'), count('audit', "action = 'aup.sign_paper'")];
  const was = changes();
  const bad = [
    [{ email: 'nobody@demo.school', version_id: vid, paper_date: paperDate }, 400, 'email'],
    [{ email: 'volunteer@demo.school', version_id: vid, paper_date: daysFromNow(2) }, 400, 'paper_date'],
    [{ email: 'volunteer@demo.school', version_id: vid, paper_date: '2001-01-01' }, 400, 'paper_date'],
    [{ email: 'volunteer@demo.school', version_id: vid, paper_date: '2026-02-30' }, 400, 'paper_date'],
    [{ email: 'volunteer@demo.school', version_id: 999999, paper_date: paperDate }, 404, undefined],
    [{ email: 'head@demo.school', version_id: vid, paper_date: paperDate }, 409, undefined],
    [{ email: 'bursar@demo.school', version_id: vid, paper_date: paperDate }, 400, 'email'],
  ];
  for (const [form, status, field] of bad) {
    const r = await bursar.post('/aup/compliance/paper', form);
    assert.equal(r.status, status, JSON.stringify(form) + r.text);
    if (field) assert.equal(r.body.field, field);
  }
  const own = await bursar.post('/aup/compliance/paper', { email: 'bursar@demo.school', version_id: vid, paper_date: paperDate });
  assert.equal(own.body.error, 'Your own paper signature is entered by another leader, so that no one vouches for themselves.');
  const admin = await s.login('admin@demo.school');
  const gp = await admin.post('/admin/policies', [['title', 'Governors\' visits'], ['applies_to', 'governor']]);
  const gv = (await publish(admin, gp.body.policy.id, { body: '## Visits\n\nSign in.\n', summary: 'First.', effective: daysFromNow(0), review_due: daysFromNow(365) })).body.version.id;
  const notMine = await bursar.post('/aup/compliance/paper', { email: 'volunteer@demo.school', version_id: gv, paper_date: daysFromNow(0) });
  assert.equal(notMine.status, 409, 'the policy does not apply to a volunteer');
  assert.match(notMine.body.error, /does not apply/);
  const teacher = await s.login('teacher@demo.school');
  assert.equal((await teacher.post('/aup/compliance/paper', { email: 'volunteer@demo.school', version_id: vid, paper_date: paperDate })).status, 403);
  assert.deepEqual(changes(), was, 'nothing written by a refused entry');

  const ok = await bursar.post('/aup/compliance/paper', { email: 'volunteer@demo.school', version_id: vid, paper_date: paperDate });
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(changes(), [was[0] + 1, was[1] + 1, was[2] + 1]);
  const row = sql(s.db, `SELECT s.address || '|' || s.typed_name FROM signatures s JOIN users u ON u.id = s.user_id WHERE u.email = 'volunteer@demo.school' AND s.version_id = ${vid}`);
  assert.equal(row, 'paper|Ruth Bennett');
  assert.equal((await bursar.post('/aup/compliance/paper', { email: 'volunteer@demo.school', version_id: vid, paper_date: paperDate })).status, 409, 'already signed');
  const after = (await bursar.get('/aup/compliance')).body.policies.find((p) => p.version_id === vid);
  assert.equal(after.signed, before.signed + 1);
  assert.ok(!after.outstanding.some((o) => o.email === 'volunteer@demo.school'));
  const paper = after.paper_signatures.find((p) => p.email === 'volunteer@demo.school');
  assert.equal(paper.paper_date, paperDate);
  assert.equal(paper.recorded_by, 'Linda Morris');
  const html = visibleText((await bursar.page('/aup/compliance')).text);
  assert.match(html, /Ruth Bennett volunteer@demo\.school Signed on paper on .+, recorded by Linda Morris/);
  assert.match((await bursar.page('/aup/compliance')).text, /<label for="f-paper_date">Date on the paper<\/label>/);

  const vol = await s.login('volunteer@demo.school');
  assert.ok(!(await vol.get('/')).body.tasks.some((x) => x.kind === 'aup_sign' && x.link === `/aup/${vid}`));
  assert.match(visibleText((await vol.page(`/aup/${vid}`)).text), /Signed on paper on .+, recorded by Linda Morris/);
  const record = await vol.get(`/aup/${vid}/record`);
  assert.equal(record.body.signature.paper.recorded_by, 'Linda Morris');
  assert.match(visibleText((await vol.page(`/aup/${vid}/record`)).text), /Signed on paper on .+, recorded by Linda Morris/);
  const gov = await s.login('governor@demo.school');
  assert.equal((await gov.get('/aup/compliance')).body.policies.find((p) => p.version_id === vid).paper_signatures, undefined,
    'governors see figures, not names');
});

test('a decline is recorded with its reason and tells the headteacher; signing later counts', async () => {
  const a = await s.login('admin@demo.school');
  const p = await a.post('/admin/policies', [['title', 'Staff laptop agreement'], ['applies_to', 'teacher']]);
  const pid = p.body.policy.id;
  const v = await publish(a, pid, { body: '## Laptops\n\nKeep it locked.\n', summary: 'First.', effective: daysFromNow(0), review_due: daysFromNow(365) });
  const vid = v.body.version.id;
  const t = await s.login('science@demo.school');
  const page = await t.page(`/aup/${vid}`);
  assert.match(page.text, /<label for="f-reason">Why you do not agree<\/label>/);
  const was = [count('policy_declines'), count('notifications', "kind = 'aup_decline'")];
  assert.equal((await t.post('/aup/decline', { version_id: vid, reason: '   ' })).status, 400);
  assert.equal((await t.post('/aup/decline', { version_id: vid, reason: 'x'.repeat(2001) })).body.field, 'reason');
  assert.equal((await t.post('/aup/decline', { version_id: 999999, reason: 'No.' })).status, 404);
  const ta = await s.login('ta@demo.school');
  assert.equal((await ta.post('/aup/decline', { version_id: vid, reason: 'No.' })).status, 404, 'not my policy');
  assert.deepEqual([count('policy_declines'), count('notifications', "kind = 'aup_decline'")], was);

  const reason = 'I share my laptop with my family at home.\nI need a second one.';
  const r = await t.post('/aup/decline', { version_id: vid, reason });
  assert.equal(r.status, 201, r.text);
  assert.equal(count('audit', "action = 'aup.decline' AND actor = 'science@demo.school'"), 1);
  assert.equal((await t.post('/aup/decline', { version_id: vid, reason: 'Again.' })).status, 409);
  const head = await s.login('head@demo.school');
  const note = (await head.get('/')).body.notifications.find((n) => n.kind === 'aup_decline');
  assert.ok(note && note.link === '/aup/compliance' && note.message.includes('Daniel Reid'));
  // The reason may be personal and the notification is e-mailed: it is read on the page.
  assert.match(note.message, /: their reason is on the compliance page\.$/);
  assert.ok(!note.message.includes('laptop with my family'));
  assert.equal(r.body.told, 'the headteacher');
  assert.equal((await head.get(note.link)).status, 200, 'the headteacher may open the link');
  let c = (await head.get('/aup/compliance')).body.policies.find((x) => x.version_id === vid);
  assert.equal(c.declined_count, 1);
  const row = c.outstanding.find((o) => o.email === 'science@demo.school');
  assert.equal(row.decline_reason, reason);
  assert.match(visibleText((await head.page('/aup/compliance')).text), /Daniel Reid Declined on .+: I share my laptop/);
  const gov = await s.login('governor@demo.school');
  const g = (await gov.get('/aup/compliance')).body.policies.find((x) => x.version_id === vid);
  assert.equal(g.declined_count, 1);
  assert.equal(g.outstanding, undefined);
  assert.doesNotMatch((await gov.page('/aup/compliance')).text, /I share my laptop/);
  assert.match(visibleText((await t.page(`/aup/${vid}`)).text), /You said you do not agree/);

  assert.equal((await t.post('/aup/sign', { version_id: vid, typed_name: 'Daniel Reid', agree: 'yes' })).status, 201);
  c = (await head.get('/aup/compliance')).body.policies.find((x) => x.version_id === vid);
  assert.equal(c.declined_count, 0, 'signing later clears the decline\'s effect');
  assert.ok(!c.outstanding.some((o) => o.email === 'science@demo.school'));
  assert.equal(count('policy_declines', `version_id = ${vid}`), 1, 'the decline is kept as evidence');
  const t2 = await s.login('teacher@demo.school');
  assert.equal((await t2.post('/aup/sign', { version_id: vid, typed_name: 'Amy Clarke', agree: 'yes' })).status, 201);
  assert.equal((await t2.post('/aup/decline', { version_id: vid, reason: 'Changed my mind.' })).status, 409, 'already signed');
});

test('the demo school: a governor\'s paper signature and a supply teacher\'s decline', async () => {
  const head = await s.login('head@demo.school');
  const c = (await head.get('/aup/compliance')).body.policies.find((p) => p.title === 'Staff acceptable-use agreement');
  const paper = c.paper_signatures.find((p) => p.email === 'governor@demo.school');
  assert.equal(paper.recorded_by, 'Linda Morris');
  assert.ok(c.declined_count >= 1);
  assert.match(c.outstanding.find((o) => o.email === 'supply@demo.school').decline_reason, /three schools/);
});

// The headteacher declining, with no other headteacher, is told to the chair of governors, who
// does not open the compliance page and is asked to find out why; with neither, the person is
// told that nobody was.
test("the headteacher's own decline goes to the chair of governors", async () => {
  const a = await s.login('admin@demo.school');
  const p = await a.post('/admin/policies', [['title', 'Leaders laptop agreement'], ['applies_to', 'teacher']]);
  const v = await publish(a, p.body.policy.id, { body: '## Laptops\n\nLock it.\n', summary: 'First.', effective: daysFromNow(0), review_due: daysFromNow(365) });
  const vid = v.body.version.id;
  const head = await s.login('head@demo.school');
  const r = await head.post('/aup/decline', { version_id: vid, reason: 'A private matter.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.told, 'the chair of governors');
  const chair = await s.login('chair@demo.school');
  const note = (await chair.get('/')).body.notifications.find((n) => n.kind === 'aup_decline' && n.message.includes('Leaders laptop agreement'));
  assert.ok(note, 'the chair is told');
  assert.match(note.message, /^Helen Ashworth does not agree to Leaders laptop agreement \(version 1\)\. No other headteacher is in staffroom to be told, so you are, as chair of governors: ask them for their reason\.$/);
  assert.equal(note.link, '/');
  assert.equal(count('notifications', "kind = 'aup_decline' AND message LIKE '%A private matter%'"), 0);
  const page = await head.request('POST', '/aup/decline', { form: { version_id: vid, reason: 'Again.' }, json: false });
  assert.equal(page.status, 409);
});
