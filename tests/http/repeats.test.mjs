// The same form sent twice (a double click, a page sent again from the
// browser's history) keeps one record: the second answer is 409, saying
// what is already there, and nothing more is written or told.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { report, event, formOf } from './concern_helpers.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
const day = (offset) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

const kept = (rows) => ({ rows: count(rows), audit: count('audit'), told: count('notifications'),
  concerns: count('concerns'), events: count('concern_events') });

// send(): one POST of the form; the first answers `status`, the second 409 with nothing written.
async function twiceBy(send, rows, status = 201) {
  const first = await send();
  assert.equal(first.status, status, first.text);
  const before = kept(rows);
  const second = await send();
  assert.equal(second.status, 409, second.text);
  assert.deepEqual(kept(rows), before);
  return { first, second };
}

const twice = (client, path, form, rows, status) =>
  twiceBy(() => client.post(path, form), rows, status);

// A time typed on a form: UK local time, to the minute.
const ukNow = () => new Date().toLocaleString('sv-SE', { timeZone: 'Europe/London' })
  .slice(0, 16).replace(' ', 'T');

test('a subject access request recorded twice', async () => {
  const head = await s.login('head@demo.school');
  const form = { email: 'science@demo.school', received_on: day(-2) };
  const { first, second } = await twice(head, '/sar', form,
    "subject_access_requests WHERE received_on = '" + form.received_on + "'");
  assert.equal(second.body.error, "This person's request received on that day is already " +
    `recorded, as ${first.body.request.reference}.`);
  // Another day's request from the same person is a request of its own.
  assert.equal((await head.post('/sar', { ...form, received_on: day(-1) })).status, 201);
});

test('a filtering request sent twice, and again once it is decided', async () => {
  const teacher = await s.login('teacher@demo.school');
  const form = { kind: 'block', site: 'twice.example', reason: 'Pupils found it in a lesson.' };
  const { first, second } = await twice(teacher, '/filtering/requests', form,
    "filter_requests WHERE site = 'twice.example'");
  assert.match(second.body.error, new RegExp(`already asked for this, as ${first.body.request.reference}`));
  assert.equal((await teacher.post('/filtering/requests', { ...form, site: 'TWICE.example' })).status, 409);
  const network = await s.login('network@demo.school');
  assert.equal((await network.post(`/filtering/requests/${first.body.request.id}/decision`,
    { decision: 'refused', decision_reason: 'Needed for lessons.' })).status, 200);
  assert.equal((await teacher.post('/filtering/requests', form)).status, 201);
});

test('an approved service added twice', async () => {
  const deputy = await s.login('deputy@demo.school');
  const form = { name: 'Class walls', purpose: 'Shared boards in Year 6', review_on: day(100) };
  const { second } = await twice(deputy, '/permissions/services', form,
    "approved_services WHERE name = 'Class walls'");
  assert.match(second.body.error, /already on the register/);
});

test('a pupil put on the do-not-publish list twice', async () => {
  const dsl = await s.login('dsl@demo.school');
  const { second } = await twice(dsl, '/accounts/do-not-publish',
    { pupil_name: 'Jo Twice', class_name: '3B' }, "do_not_publish WHERE pupil_name = 'Jo Twice'");
  assert.equal(second.body.error, 'This pupil is already on the list.');
});

test('a concern reported twice, at once, and again once it is closed', async () => {
  const teacher = await s.login('teacher@demo.school');
  const form = { category: 'cyberbullying_pupil', summary: 'Year 9 group chat naming a pupil',
    details: 'Screenshots shown to me at break.', occurred_at: '2026-11-30T12:30', urgent: 'yes' };
  const { first, second } = await twiceBy(() => report(teacher, form), 'concerns');
  const ref = first.body.concern.reference;
  assert.equal(second.body.error, `You sent this report already, as ${ref}.`);
  // The form shows it as it shows any refusal.
  const page = await teacher.request('POST', '/concerns', { multipart: formOf(form), json: false });
  assert.equal(page.status, 409);
  assert.match(page.text, new RegExp(`You sent this report already, as ${ref}\\.`));
  // Two sent at the same moment: one case.
  const both = await Promise.all([0, 1].map(() => report(teacher, { ...form, summary: 'At once' })));
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
  assert.equal(count("concerns WHERE summary = 'At once'"), 1);
  // Other words are another concern; the same words once the case is closed are a new one.
  const other = await report(teacher, { ...form, summary: 'Another chat' });
  assert.equal(other.status, 201);
  assert.equal((await report(teacher, { ...form, summary: 'Another chat' })).status, 409);
  sql(s.db, `UPDATE concerns SET status = 'closed' WHERE reference = '${other.body.concern.reference}'`);
  assert.equal((await report(teacher, { ...form, summary: 'Another chat' })).status, 201);
  // Only the person's last report is compared: a report sent after another
  // is not a double click, and is filed.
  assert.equal((await report(teacher, form)).status, 201);
  assert.equal(count("concerns WHERE summary = 'Year 9 group chat naming a pupil'"), 2);
});

test('a moderation action naming a pupil logged twice raises one concern', async () => {
  const lead = await s.login('science@demo.school');
  const form = { action: 'hid', what: 'A comment naming a Year 7 pupil', names_pupil: 'yes' };
  const { first, second } = await twice(lead, '/accounts/1/moderation', form,
    'account_moderation');
  assert.equal(first.status, 201);
  assert.match(second.body.error, /^You logged this action already, and concern C-\d{4}-\d{6} was raised/);
  assert.equal((await lead.post('/accounts/1/moderation', { ...form, action: 'reported' })).status, 201);
});

test('an account check raising a concern, a comment logged and a mistake, each sent twice', async () => {
  const lead = await s.login('science@demo.school');
  const check = { checked_at: ukNow(), comments_found: 'yes', all_answered: 'no',
    open_concern: 'yes', summary: 'Abusive reply under the sports day post' };
  const c = await twice(lead, '/accounts/1/checks', check, 'account_checks');
  assert.match(c.second.body.error, /^You logged this check already, and concern C-/);
  const item = { received_at: ukNow(), kind: 'complaint', summary: 'Parent unhappy about a photo' };
  const i = await twice(lead, '/accounts/1/items', item, 'account_items');
  assert.match(i.second.body.error, /^You logged this complaint already: answer it by /);
  const m = await twice(lead, '/accounts/1/mistakes',
    { what: 'Posted a photo of the wrong class', removed: 'yes' }, 'account_mistakes');
  assert.match(m.second.body.error, /^You reported this mistake already/);
});

test('a post sent for sign-off twice', async () => {
  const lead = await s.login('science@demo.school');
  const form = { text: 'Well done to Year 8 for the science fair!', kind: 'post', others_material: 'no', posted_as: 'Mr Okafor, Science' };
  const { second } = await twice(lead, '/accounts/1/posts', form, 'account_posts');
  assert.match(second.body.error, /^You sent this post for sign-off already/);
  assert.equal((await lead.post('/accounts/1/posts', { ...form, kind: 'reply' })).status, 201);
});

test('a declaration, images on a device and a filtering check, each sent twice', async () => {
  const teacher = await s.login('teacher@demo.school');
  const d = await twice(teacher, '/conduct/declarations',
    { kind: 'parent', details: 'My neighbour is the parent of a pupil in 4C.' }, 'declarations');
  assert.equal(d.second.body.error,
    `You have declared this already, as D-${String(d.first.body.declaration.id).padStart(5, '0')}.`);
  const i = await twice(teacher, '/conduct/images', { taken_on: day(0), event: 'Sports day' },
    'device_images');
  assert.equal(i.second.body.error,
    `You recorded these images already, as DI-${String(i.first.body.images.id).padStart(5, '0')}.`);
  const network = await s.login('network@demo.school');
  const f = await twice(network, '/filtering/checks',
    { kind: 'check', done_on: day(0), tested: 'Tried the test sites from a pupil laptop' },
    'filter_checks');
  assert.match(f.second.body.error, /^You recorded this check already, as FC-\d{5}\.$/);
});

test('a case action sent twice writes one chronology entry', async () => {
  const dsl = await s.login('dsl@demo.school');
  const id = 1; // investigating in the demo
  const entries = `concern_events WHERE concern_id = ${id}`;
  const escalate = { action: 'escalate', to: 'police', reference: 'CAD 1234', text: 'Rang 101' };
  const e = await twiceBy(() => event(dsl, id, escalate), entries, 200);
  assert.match(e.second.body.error, /^You recorded this already, at .*: it is in the chronology\.$/);
  // Told to someone else, it is another entry.
  assert.equal((await event(dsl, id, { ...escalate, to: 'lado' })).status, 200);
  await twiceBy(() => event(dsl, id, { action: 'note', text: 'Spoke to form tutor.' }), entries, 200);
  // A device's time left empty is when it was recorded: a second later it is still the same entry.
  const device = { action: 'device', text: 'Phone handed to the police', device: 'iPhone' };
  await twiceBy(async () => {
    await new Promise((r) => setTimeout(r, 1100));
    return event(dsl, id, device);
  }, entries, 200);
});

test('a case assigned to the person it is assigned to', async () => {
  const head = await s.login('head@demo.school');
  const id = 1;
  const name = sql(s.db, `SELECT u.name FROM concerns c JOIN users u ON u.id = c.assignee_id WHERE c.id = ${id}`);
  const email = sql(s.db, `SELECT u.email FROM concerns c JOIN users u ON u.id = c.assignee_id WHERE c.id = ${id}`);
  const before = kept(`concern_events WHERE concern_id = ${id}`);
  const r = await event(head, id, { action: 'assign', assignee: email });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error, `This concern is already assigned to ${name}.`);
  assert.deepEqual(kept(`concern_events WHERE concern_id = ${id}`), before);
});

test('an account application, an exception request and a lesson sent twice keep one each', async () => {
  const teacher = await s.login('teacher@demo.school');
  const { application } = await import('./account_lib.mjs');
  const app = await twice(teacher, '/accounts/applications', application(), 'account_applications');
  assert.match(app.second.body.error, /You sent this application already/);
  const ask = await twice(teacher, '/permissions/exceptions', { what: 'Carry my phone on the trip',
    why: 'I lead a group away from the coach.', from_on: day(3), until_on: day(3) }, 'exception_requests');
  assert.equal(ask.second.body.error,
    `You sent this request already, as ${ask.first.body.exception.reference}.`);
  const lesson = await twice(teacher, '/permissions/lessons', { class_name: '9P1', lesson_on: day(1),
    service: 'YouTube', use: 'Comparing two adverts in media studies.' }, 'lesson_access');
  assert.match(lesson.second.body.error, /You recorded this lesson already/);
  // Another day is another lesson.
  assert.equal((await teacher.post('/permissions/lessons', { class_name: '9P1', lesson_on: day(2),
    service: 'YouTube', use: 'Comparing two adverts in media studies.' })).status, 201);
});

test('an account registered twice, or its handle registered again while it is open', async () => {
  const mod = await s.login('moderator@demo.school');
  const lead = await s.login('science@demo.school');
  const form = { platform: 'x', name: '@HillsideSci2', department: 'Science', lead: 'science@demo.school',
    visibility: 'open', url: 'https://x.com/hs2' };
  const { first, second } = await twice(mod, '/accounts', form, "social_accounts WHERE name = '@HillsideSci2'");
  assert.equal(second.body.error, '@HillsideSci2 on X/Twitter is already in the register, led by Daniel Reid.');
  const listed = async () => (await mod.get('/accounts')).body.accounts
    .filter((a) => a.name.toLowerCase() === '@hillsidesci2').length;
  assert.equal(await listed(), 1, 'one entry in the register');
  const told = (await lead.get('/')).body.notifications
    .filter((n) => n.kind === 'account_lead' && n.message.includes('@HillsideSci2'));
  assert.equal(told.length, 1, 'the lead is told once');
  // The same handle is the same account whenever it comes, whatever its case or address.
  const again = await mod.post('/accounts', { ...form, name: '@hillsidesci2', url: 'https://x.com/again' });
  assert.equal(again.status, 409, again.text);
  // On another platform it is another account; once closed, the handle may be registered again.
  assert.equal((await mod.post('/accounts', { ...form, platform: 'instagram' })).status, 201);
  const closed = await mod.post(`/accounts/${first.body.account.id}/close`, { reason: 'Handed back.',
    password_changed: 'yes', recovery_changed: 'yes', two_factor_moved: 'yes', content_archived: 'yes' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal((await mod.post('/accounts', form)).status, 201);
});

test('a policy version saved twice, or with the text of the current version', async () => {
  const admin = await s.login('admin@demo.school');
  const { authorise } = await import('./policy_lib.mjs');
  const p = await admin.post('/admin/policies', [['title', 'Twice policy'], ['applies_to', 'teacher']]);
  assert.equal(p.status, 201, p.text);
  const pid = p.body.policy.id;
  const form = { body: '## Rules\n\nBe kind.\n', summary: 'first', effective: day(0), review_due: day(400),
    confirm: 'yes' };
  const versions = `policy_versions WHERE policy_id = ${pid}`;
  const { first, second } = await twice(admin, `/admin/policies/${pid}/versions`, form, versions);
  assert.equal(second.body.error, 'This text is the same as version 1, a draft waiting to be authorised: ' +
    'record who authorised that draft instead of saving the text again.');
  const drafts = async () => (await admin.get(`/admin/policies/${pid}`)).body.drafts.length;
  assert.equal(await drafts(), 1);
  // Authorised, it is the current version: the same text again, with another summary, is refused too.
  await authorise(admin, pid, first.body.version.id);
  const current = await twiceBy(async () => admin.post(`/admin/policies/${pid}/versions`,
    { ...form, summary: 'again' }), versions, 409);
  assert.equal(current.second.body.error,
    'This text is the same as version 1, the current version: change the text to save a new version.');
  assert.equal(await drafts(), 0);
  // A changed text is a new draft, and that draft's text is refused in its turn.
  const next = { ...form, body: '## Rules\n\nBe kind, always.\n' };
  assert.equal((await admin.post(`/admin/policies/${pid}/versions`, next)).status, 201);
  const r = await admin.post(`/admin/policies/${pid}/versions`, next);
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.error, /^This text is the same as version 2, a draft waiting to be authorised/);
});

test('someone who is not staff added to an account twice', async () => {
  const mod = await s.login('moderator@demo.school');
  const form = { contributor_name: 'Pat Parent', relation: 'Parent (PTA)', paper_version_id: 1,
    paper_date: day(-1), training_on: day(-1) };
  const { second } = await twice(mod, '/accounts/2/contributors', form,
    "account_contributors WHERE name = 'Pat Parent'");
  assert.equal(second.body.error, 'Pat Parent already runs this account.');
  const named = async (id) => (await mod.get(`/accounts/${id}`)).body.contributors
    .filter((c) => c.name.toLowerCase() === 'pat parent');
  assert.equal((await named(2)).length, 1);
  // The same name is the same person whenever it comes; on another account it is added there.
  assert.equal((await mod.post('/accounts/2/contributors', { ...form, contributor_name: 'PAT PARENT' })).status, 409);
  assert.equal((await mod.post('/accounts/1/contributors', form)).status, 201);
  // Once they stop running it, they may be added again.
  const [pat] = await named(2);
  assert.equal((await mod.post(`/accounts/2/contributors/${pat.id}/remove`)).status, 200);
  assert.equal((await mod.post('/accounts/2/contributors', form)).status, 201);
});

test('a declaration renewed twice asks the headteacher once', async () => {
  const science = await s.login('science@demo.school');
  const head = await s.login('head@demo.school');
  const asked = async () => (await head.get('/')).body.notifications
    .filter((n) => n.link === '/conduct#declaration-2').length;
  const before = await asked();
  const { second } = await twice(science, '/conduct/declarations/2', { still: 'yes' },
    'declarations WHERE id = 2', 200);
  assert.equal(second.body.error,
    'You declared or renewed D-00002 today already; it is waiting to be acknowledged.');
  assert.equal(await asked(), before + 1);
  // Acknowledged, it may be renewed again; ended, it is gone.
  assert.equal((await head.post('/conduct/declarations/2/acknowledge')).status, 200);
  assert.equal((await science.post('/conduct/declarations/2', { still: 'yes' })).status, 200);
  assert.equal((await science.post('/conduct/declarations/2', { still: 'no' })).status, 200);
  assert.equal((await science.post('/conduct/declarations/2', { still: 'no' })).status, 404);
});

test('an account review recorded twice', async () => {
  const mod = await s.login('moderator@demo.school');
  const form = { outcome: 'continue', lead_ok: 'yes', contributors_ok: 'yes', purpose_ok: 'yes',
    monitoring_ok: 'yes' };
  const { second } = await twice(mod, '/accounts/1/review', form, 'account_reviews WHERE account_id = 1');
  assert.match(second.body.error, /^You recorded this review already, at \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d\.$/);
  assert.equal((await mod.get('/accounts/1')).body.reviews.length, 1);
  // Other answers are another review.
  assert.equal((await mod.post('/accounts/1/review', { ...form, notes: 'Checked with the lead.' })).status, 201);
  assert.equal((await mod.get('/accounts/1')).body.reviews.length, 2);
});

// A change that ends something (a service's approval, a second factor, a
// place among an account's runners), sent twice at the same moment: each
// copy finds it still there before its write, so the write asks again.
test('a withdrawal, a second factor\'s reset and a removal sent twice at once are made and audited once', async () => {
  const atOnce = (send) => Promise.all([0, 1].map(send));
  const oneDone = (answers, what) => {
    const statuses = answers.map((r) => r.status).sort();
    assert.equal(statuses[0], 200, `${what}: ${statuses}`);
    assert.ok(statuses[1] === 404 || statuses[1] === 409, `${what}: ${statuses}`);
  };
  const audited = (action) => count(`audit WHERE action = '${action}'`);

  const deputy = await s.login('deputy@demo.school');
  const service = (await deputy.get('/permissions')).body.services.find((x) => x.name === 'Google Classroom');
  let was = audited('service.withdraw');
  oneDone(await atOnce(() => deputy.post(`/permissions/services/${service.id}`, { action: 'withdraw' })), 'withdraw');
  assert.equal(audited('service.withdraw'), was + 1);

  const admin = await s.login('admin@demo.school');
  const ta = Number(sql(s.db, "SELECT id FROM users WHERE email = 'ta@demo.school'"));
  sql(s.db, `INSERT INTO totp(user_id, nonce, box, created_at, confirmed_at) VALUES (${ta}, x'00', x'00', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
  was = audited('2fa.reset');
  oneDone(await atOnce(() => admin.post(`/admin/two-factor/${ta}/reset`,
    { reason: 'Lost her phone', your_password: 'staffroom-demo' })), 'reset');
  assert.equal(audited('2fa.reset'), was + 1);

  const science = await s.login('science@demo.school');
  const cid = Number(sql(s.db, 'SELECT id FROM account_contributors WHERE account_id = 1 AND removed_at IS NULL ' +
    'AND user_id IS NOT NULL LIMIT 1'));
  was = audited('account.contributor_remove');
  oneDone(await atOnce(() => science.post(`/accounts/1/contributors/${cid}/remove`)), 'remove');
  assert.equal(audited('account.contributor_remove'), was + 1);
});
