// A refused form, read at a glance: every problem listed at once (JSON
// `errors`, the HTML summary linking to each field, each field marked), each
// named by the label its page shows, never a field code; nothing written; and
// everything typed, ticked and chosen still there when the form comes back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, sql, ROOT } from './lib.mjs';
import { report, counts, file, event } from './concern_helpers.mjs';

let s, admin, teacher;
before(async () => {
  s = await startServer();
  admin = await s.login('admin@demo.school');
  teacher = await s.login('teacher@demo.school');
});
after(async () => { await s.stop(); });

const audits = () => Number(sql(s.db, 'SELECT count(*) FROM audit'));
const CODE = /\b[a-z]+_[a-z_]+\b|The field '/; // snake_case or the old "The field 'x'" wording

function multipart(fields) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

// The summary's items: [href, text], in order.
function summary(html) {
  const box = html.match(/<div class="error-summary"[\s\S]*?<\/div>/);
  assert.ok(box, 'the page has an error summary');
  return [...box[0].matchAll(/<li><a href="([^"]*)">([^<]*)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
}

// The opening tag of the element with this id.
function tagOf(html, id) {
  const at = html.indexOf(`id="${id}"`);
  assert.ok(at >= 0, `${id} is on the page`);
  return html.slice(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
}

// The field with id f-NAME (or the box around it) is marked, with its message beside it;
// a field is marked invalid for screen readers too, a fieldset never (ARIA does not allow it).
// The message is e-NAME, or, for a field whose id carries its form's or row's name
// (f-meeting-text), the one message (e-...) the field is described by.
function marked(html, name, message) {
  const esc = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const described = (tagOf(html, `f-${name}`).match(/aria-describedby="([^"]*)"/) || [])[1] || '';
  const messages = described.split(' ').filter((d) => d.startsWith('e-'));
  assert.equal(messages.length, 1, `${name}: described by its message`);
  if (!name.includes('-')) assert.equal(messages[0], `e-${name}`, `${name}: its message is e-${name}`);
  assert.match(html, new RegExp(`<p class="field-error" id="${messages[0]}">${esc}</p>`), `${name}: message beside it`);
  const at = html.indexOf(`id="f-${name}"`);
  const start = html.lastIndexOf('<div class="field', at);
  const fieldset = html.lastIndexOf('<fieldset', at);
  const box = html.slice(Math.max(start, fieldset), at + 200);
  assert.match(box, /has-error/, `${name}: marked as in error`);
  const tag = tagOf(html, `f-${name}`);
  if (tag.startsWith('<fieldset')) assert.doesNotMatch(tag, /aria-invalid/, `${name}: a group is not marked invalid`);
  else assert.match(tag, /\saria-invalid="true"/, `${name}: marked invalid`);
}

test('a concern report with three problems lists all three, by their labels, and writes nothing', async () => {
  const before = { ...counts(s.db), audit: audits() };
  const bad = { occurred_at: 'last Tuesday', details: 'Someone posted about a pupil.' };
  const r = await report(teacher, bad);
  assert.equal(r.status, 400);
  const fields = r.body.errors.map((e) => e.field);
  assert.deepEqual(fields.sort(), ['category', 'occurred_at', 'summary']);
  assert.equal(r.body.field, r.body.errors[0].field, 'field stays the first problem');
  assert.equal(r.body.error, r.body.errors[0].error, 'error stays the first message');
  const by = Object.fromEntries(r.body.errors.map((e) => [e.field, e.error]));
  assert.equal(by.summary, 'Enter the summary.');
  assert.equal(by.category, 'Answer "What is it about?"');
  assert.match(by.occurred_at, /^When it happened must be a real date and time/);
  for (const e of r.body.errors) assert.doesNotMatch(e.error, CODE, e.error);
  assert.deepEqual({ ...counts(s.db), audit: audits() }, before, 'nothing was written');

  const page = await teacher.request('POST', '/concerns', { json: false, multipart: multipart(bad) });
  assert.equal(page.status, 400);
  const items = summary(page.text);
  assert.deepEqual(items.map(([href]) => href).sort(), ['#f-category', '#f-occurred_at', '#f-summary']);
  for (const [href, text] of items) {
    assert.doesNotMatch(text, CODE, text);
    marked(page.text, href.slice(3), text.replace(/&quot;/g, '"'));
  }
  assert.match(page.text, /&#10;Someone posted about a pupil\.<\/textarea>/, 'what was typed is kept');
  assert.doesNotMatch(tagOf(page.text, 'f-details'), /aria-invalid/, 'a field without a problem is not marked invalid');
  assert.doesNotMatch(tagOf(page.text, 'f-url'), /aria-invalid/, 'nor is one left empty');
  assert.equal(page.text.split('aria-invalid="true"').length - 1, 2, 'only the summary and the date are invalid');
  assert.deepEqual({ ...counts(s.db), audit: audits() }, before, 'nothing was written');
});

test("the report's own checks are listed together too, in the page's words", async () => {
  const before = counts(s.db);
  const r = await report(teacher, {
    category: 'staff_conduct', summary: 'About a colleague', self: 'yes', confidential: 'yes',
    about: 'head@demo.school', occurred_at: '2099-01-01T10:00',
  });
  assert.equal(r.status, 400);
  const fields = r.body.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['about', 'confidential', 'occurred_at']);
  assert.ok(r.body.errors.every((e) => !CODE.test(e.error)));
  assert.deepEqual(counts(s.db), before);
});

test("a case action left incomplete says what to do in the form's words", async () => {
  const c = await file(teacher, { category: 'parent_post' });
  const dsl = await s.login('dsl@demo.school');
  const before = counts(s.db);
  let r = await event(dsl, c.id, { action: 'note' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors, [{ field: 'text', error: 'Enter the note.' }]);
  assert.equal((await event(dsl, c.id, { action: 'acknowledge' })).status, 200);
  const after = counts(s.db);
  r = await event(dsl, c.id, { action: 'close' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error, 'Say what was done.');
  assert.equal(r.body.field, 'outcome');
  assert.deepEqual(counts(s.db), after);
  assert.equal(after.events, before.events + 1);
  // The page shown again keeps the note typed in the note form only.
  r = await dsl.request('POST', `/concerns/${c.id}/events`, { json: false, form: { action: 'escalate', text: 'Rang the LADO <today>' } });
  assert.equal(r.status, 400);
  assert.match(r.text, /Choose who it was escalated to\./);
  assert.match(r.text, /id="f-escalate-text" name="text" rows="3"[^>]*>&#10;Rang the LADO &lt;today&gt;<\/textarea>/);
  assert.match(r.text, /id="f-text" name="text" rows="4"[^>]*>&#10;<\/textarea>/, 'not in the note form');
});

async function staffId(email) {
  return (await admin.search('/admin/staff', { q: email })).body.staff[0].id;
}

test('adding staff with a bad e-mail address keeps the ticked roles, the staff type and the name', async () => {
  const before = Number(sql(s.db, 'SELECT count(*) FROM users'));
  const form = [['email', 'not an address'], ['name', 'Rhian Evans'], ['job_title', 'Head of Year 9'],
    ['staff_type', 'support'], ['role', 'dsl'], ['role', 'slt'], ['password', 'short']];
  const r = await admin.post('/admin/staff', form);
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['email']);
  assert.match(r.body.error, /^E-mail address must be in the form name@school\.org\.uk\.$/);
  const page = await admin.request('POST', '/admin/staff', { json: false, form });
  assert.equal(page.status, 400);
  assert.match(page.text, /value="Rhian Evans"/);
  assert.match(page.text, /value="Head of Year 9"/);
  assert.match(page.text, /<option value="support" selected>/);
  assert.doesNotMatch(page.text, /<option value="teacher" selected>/);
  assert.match(page.text, /value="dsl" checked>/);
  assert.match(page.text, /value="slt" checked>/);
  assert.doesNotMatch(page.text, /value="headteacher" checked>/);
  assert.doesNotMatch(page.text, /value="short"/, 'a password is never shown again');
  marked(page.text, 'email', r.body.error);
  for (const id of ['f-name', 'f-job_title', 'f-staff_type', 'f-password']) {
    assert.doesNotMatch(tagOf(page.text, id), /aria-invalid/, `${id} has no problem and is not marked invalid`);
  }
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM users')), before);
});

test("a new person's own problems come together: the password and the address already on the list", async () => {
  const r = await admin.post('/admin/staff', [['email', 'teacher@demo.school'], ['name', 'Second Teacher'],
    ['staff_type', 'teacher'], ['password', 'short']]);
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['password', 'email']);
  // Alone, an address already on the list is still a conflict.
  const dup = await admin.post('/admin/staff', [['email', 'teacher@demo.school'], ['name', 'Second Teacher']]);
  assert.equal(dup.status, 409);
  assert.equal(dup.body.field, 'email');
});

test('a refused staff edit keeps the ticked roles and the chosen staff type, not what is stored', async () => {
  const id = await staffId('science@demo.school');
  const stored = (await admin.get(`/admin/staff/${id}`)).body;
  const form = [['name', 'x'.repeat(201)], ['job_title', 'Head of Science'], ['staff_type', 'supply'],
    ['role', 'moderator'], ['role', 'dsl']];
  const r = await admin.request('POST', `/admin/staff/${id}`, { json: false, form });
  assert.equal(r.status, 400);
  assert.deepEqual(summary(r.text).map(([h]) => h), ['#f-name']);
  assert.match(r.text, /Full name must be 200 characters or fewer\./);
  assert.match(r.text, /<option value="supply" selected>/);
  assert.match(r.text, /value="moderator" checked>/);
  assert.match(r.text, /value="dsl" checked>/);
  assert.match(r.text, /id="f-job_title" name="job_title" type="text" value="Head of Science"/);
  assert.deepEqual((await admin.get(`/admin/staff/${id}`)).body, stored, 'nothing changed');
});

test('an account application keeps its platform and its open or closed choice', async () => {
  const before = Number(sql(s.db, 'SELECT count(*) FROM account_applications'));
  const form = { platform: 'instagram', name: 'Hillside Art', department: 'Art', lead: 'nobody@demo.school',
    visibility: 'closed', aim: 'Show work', audience: 'Families', promotion: 'Newsletter', monitoring: 'Daily' };
  const r = await teacher.request('POST', '/accounts/applications', { json: false, form });
  assert.equal(r.status, 400);
  assert.match(r.text, /<option value="instagram" selected>/);
  assert.match(r.text, /value="closed" checked>/);
  assert.doesNotMatch(r.text, /value="open" required checked>/);
  assert.match(r.text, /There is no member of staff with the e-mail address nobody@demo\.school\./);
  // Other without saying which, and an unknown lead: both at once.
  const both = await teacher.post('/accounts/applications', { ...form, platform: 'other' });
  assert.deepEqual(both.body.errors.map((e) => e.field), ['platform_other', 'lead']);
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM account_applications')), before);
});

test('a training record and a policy version list every problem at once', async () => {
  const head = await s.login('head@demo.school');
  const rows = Number(sql(s.db, 'SELECT count(*) FROM training'));
  let r = await head.post('/training', { email: 'nobody@demo.school', course: 'no_such_course', completed_on: '2099-01-01' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['email', 'course', 'completed_on']);
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM training')), rows);
  r = await head.post('/training', { completed_on: 'soon' });
  assert.deepEqual(r.body.errors.map((e) => e.error).sort(), [
    'Enter the course.', 'Enter the e-mail address of the person trained.',
    'The date it was completed must be a real date, written like 2026-12-25 for 25 December 2026.',
  ]);

  const versions = Number(sql(s.db, 'SELECT count(*) FROM policy_versions'));
  const audit = audits();
  r = await admin.post('/admin/policies/1/versions',
    { body: 'The text.', summary: 'New.', effective: '2020-01-01', review_due: '2019-01-01' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['effective', 'review_due']);
  // A summary of only spaces is refused as an empty one is, before anything else is read.
  const empty = await admin.post('/admin/policies/1/versions', { body: 'The text.', summary: '' });
  r = await admin.post('/admin/policies/1/versions', { body: 'The text.', summary: '   ' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors, empty.body.errors);
  assert.equal(r.body.field, 'summary');
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM policy_versions')), versions);
  assert.equal(audits(), audit);
});

test('JSON keeps its shape for a single problem: error and field, and errors with the one', async () => {
  const r = await teacher.post('/concerns', { category: 'other' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'summary');
  assert.equal(r.body.error, 'Enter the summary.');
  assert.deepEqual(r.body.errors, [{ field: 'summary', error: 'Enter the summary.' }]);
  // Only spaces say nothing: the same answer, and no concern stored.
  const concerns = Number(sql(s.db, 'SELECT count(*) FROM concerns'));
  const blank = await teacher.post('/concerns', { category: 'other', summary: '   ' });
  assert.equal(blank.status, 400);
  assert.deepEqual(blank.body.errors, [{ field: 'summary', error: 'Enter the summary.' }]);
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM concerns')), concerns);
});

test("make check's labels check refuses a form whose labels drift from its page", () => {
  const run = spawnSync('python3', ['tools/check_labels.py', 'tests/check/bad/labels', 'tests/check/bad/labels.c'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /POST \/motto: field author has no label/);
  assert.match(run.stdout, /POST \/motto: field motto: label "The school's motto" is not a <label> or <legend> of form/);
  assert.doesNotMatch(run.stdout, /field (version|year)/, 'a hidden field and a good label pass');
});

// The forms of a list's rows: each posts to its own row's address and names
// the row, and a row that may not be acted on has no form.
function forms(html, action) {
  return [...html.matchAll(/<form[^>]*action="([^"]*)"[\s\S]*?<\/form>/g)]
    .filter((m) => action.test(m[1])).map((m) => ({ action: m[1], html: m[0] }));
}

test("each row's form posts to that row: services, exceptions, the do-not-publish list", async () => {
  const head = await s.login('head@demo.school');
  const services = (await head.get('/permissions')).body.services;
  assert.ok(services.length >= 2);
  const page = (await head.page('/permissions')).text;
  const review = forms(page, /^\/permissions\/services\//);
  assert.deepEqual(review.map((f) => f.action), services.map((v) => `/permissions/services/${v.id}`));
  for (const [i, v] of services.entries()) {
    assert.ok(review[i].html.includes(`Approve ${v.name} again`), v.name);
    assert.ok(review[i].html.includes(`<label for="f-review-${v.id}">Next review by, for ${v.name}</label>`));
  }
  const tr = await teacher.page('/permissions');
  assert.equal(forms(tr.text, /^\/permissions\/services\//).length, 0, 'a teacher reviews no service');

  const bursar = await s.login('bursar@demo.school');
  const asked = await teacher.post('/permissions/exceptions', { what: 'Carry my phone on the trip',
    why: 'Contact with the coach driver.', from_on: '2030-01-10', until_on: '2030-01-11' });
  assert.equal(asked.status, 201);
  const rows = (await bursar.get('/permissions')).body.exceptions;
  const decided = rows.filter((e) => !e.open);
  assert.ok(decided.length >= 1 && rows.some((e) => e.may_decide));
  const html = (await bursar.page('/permissions')).text;
  const decisions = forms(html, /^\/permissions\/exceptions\/.*\/decision$/);
  assert.deepEqual(decisions.map((f) => f.action),
    rows.filter((e) => e.may_decide).map((e) => `/permissions/exceptions/${e.id}/decision`));
  for (const e of decided) {
    const li = html.match(new RegExp(`<li class="card" id="exception-${e.id}">[\\s\\S]*?</li>`))[0];
    assert.doesNotMatch(li, /<form/, `${e.reference} is decided: no form`);
  }
  const mine = asked.body.exception;
  assert.ok(decisions.find((f) => f.action.endsWith(`/${mine.id}/decision`))
    .html.includes(`Record the decision on ${mine.reference}`));

  const dsl = await s.login('dsl@demo.school');
  const pupils = (await dsl.get('/accounts/do-not-publish')).body.pupils;
  assert.ok(pupils.length >= 1);
  const dnp = forms((await dsl.page('/accounts/do-not-publish')).text, /\/remove$/);
  assert.deepEqual(dnp.map((f) => f.action), pupils.map((p) => `/accounts/do-not-publish/${p.id}/remove`));
  for (const [i, p] of pupils.entries()) assert.ok(dnp[i].html.includes(`Take ${p.pupil_name} off the list`));
});

test("an account's answers and mistakes are logged against their own row", async () => {
  const mod = await s.login('moderator@demo.school');
  const id = Number(sql(s.db, 'SELECT min(id) FROM social_accounts'));
  const reported = await mod.post(`/accounts/${id}/mistakes`, { what: 'Posted a pupil\'s full name.' });
  assert.ok(reported.status < 300, String(reported.status));
  const model = (await mod.get(`/accounts/${id}`)).body;
  assert.ok(model.items_open.length >= 1, 'an item waits for an answer');
  const open = model.mistakes.filter((m) => !m.outcome);
  assert.ok(open.length >= 1);
  const html = (await mod.page(`/accounts/${id}`)).text;
  assert.deepEqual(forms(html, /\/items\/[^/]*\/answer$/).map((f) => f.action),
    model.items_open.map((i) => `/accounts/${id}/items/${i.id}/answer`));
  assert.deepEqual(forms(html, /\/mistakes\/[^/]*\/resolve$/).map((f) => f.action),
    open.map((m) => `/accounts/${id}/mistakes/${m.id}/resolve`));
});

test('a refused authorisation marks the fields of the draft it was for, where the summary links', async () => {
  const pid = Number(sql(s.db, 'SELECT v.policy_id FROM policy_versions v JOIN policy_authorisations a ' +
    'ON a.version_id = v.id WHERE a.authorised_by IS NULL LIMIT 1'));
  const draft = (await admin.get(`/admin/policies/${pid}`)).body.drafts[0];
  const r = await admin.request('POST', `/admin/policies/${pid}/versions/${draft.version_id}/authorise`, {
    json: false, form: { authorised_by: 'governing_body', authoriser_name: 'Full governing body',
      meeting_date: '', authorised_on: '2026-12-01' } });
  assert.equal(r.status, 400);
  const links = summary(r.text);
  assert.deepEqual(links.map(([href]) => href), ['#f-meeting_date']);
  marked(r.text, 'meeting_date', links[0][1]);
  assert.match(r.text, new RegExp(`action="/admin/policies/${pid}/versions/${draft.version_id}/authorise"`));
});

// A refused form's summary takes the focus, and each of its links leads to a
// field of the form that was sent (an input, select, textarea or fieldset the
// page names once), marked, with its message beside it and described by it;
// no other form on the page shows a problem.
// Forms that post to the same address (a case's actions) are told apart by
// text only the one sent holds (its hidden action field).
function landsIn(html, action, holding = '') {
  assert.match(html, /<div class="error-summary" role="alert" id="error-summary" tabindex="-1" autofocus>/,
    'the summary takes the focus');
  const sent = forms(html, new RegExp(`^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    .filter((f) => f.html.includes(holding));
  assert.equal(sent.length, 1, `one form posts to ${action}${holding && ` holding ${holding}`}`);
  const links = summary(html);
  assert.ok(links.length >= 1, 'the summary links to a field');
  for (const [href, text] of links) {
    const id = href.slice(1);
    assert.equal(html.split(`id="${id}"`).length - 1, 1, `${href} is on the page once`);
    assert.match(sent[0].html, new RegExp(`<(input|select|textarea|fieldset)\\b[^>]*\\bid="${id}"`),
      `${href} is a field of the form sent`);
    marked(sent[0].html, id.slice(2), text.replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
  }
  assert.doesNotMatch(html.replace(sent[0].html, ''), /class="field-error"/, 'no other form shows a problem');
  assert.doesNotMatch(html.replace(sent[0].html, ''), /aria-invalid/, 'no other form has a field marked invalid');
  const fields = links.filter(([href]) => !tagOf(html, href.slice(1)).startsWith('<fieldset'));
  assert.equal(sent[0].html.split('aria-invalid="true"').length - 1, fields.length,
    'in the form sent, only the fields with a problem are marked invalid');
  return links.map(([href]) => href);
}

test('a refused sign-in moves the focus to the summary, and the password is described by its message', async () => {
  const visitor = s.client();
  const r = await visitor.request('POST', '/login', { json: false, csrf: false,
    form: { email: 'teacher@demo.school', password: 'not the password' } });
  assert.ok(r.status >= 400, String(r.status));
  assert.match(r.text, /<div class="error-summary" role="alert" id="error-summary" tabindex="-1" autofocus>/);
  const links = summary(r.text).map(([href]) => href);
  assert.ok(links.length >= 1);
  for (const href of links) {
    const name = href.slice(3);
    assert.match(r.text, new RegExp(`id="f-${name}"[^>]*aria-describedby="[^"]*e-${name}`), `${name} described`);
    assert.match(tagOf(r.text, `f-${name}`), /\saria-invalid="true"/, `${name} marked invalid`);
  }
  const ok = await s.client().request('GET', '/login', { json: false });
  assert.doesNotMatch(ok.text, /aria-describedby="e-/, 'no message, no description');
  assert.doesNotMatch(ok.text, /aria-invalid/, 'no message, nothing marked invalid');
});

// The account page holds many forms, several with the same field names.
async function accountForms() {
  const mod = await s.login('moderator@demo.school');
  const id = Number(sql(s.db, "SELECT min(id) FROM social_accounts WHERE status <> 'closed'"));
  const send = (path, form) => mod.request('POST', `/accounts/${id}${path}`, { json: false, form });
  return { mod, id, send };
}

test('a refused moderation action shows its problem in that form', async () => {
  const { id, send } = await accountForms();
  let r = await send('/moderation', { action: 'hid', what: '   ' });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/moderation`), ['#f-what']);
  r = await send('/moderation', { action: 'hid', what: 'Spam.', open_concern: 'yes' });
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/moderation`), ['#f-summary']);
});

test('a refused "I posted something I should not have" shows its problem in that form', async () => {
  const { id, send } = await accountForms();
  const r = await send('/mistakes', { what: '   ' });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/mistakes`), ['#f-what']);
});

test("a refused answer shows its problem in that item's form", async () => {
  const { mod, id, send } = await accountForms();
  const item = (await mod.get(`/accounts/${id}`)).body.items_open[0];
  assert.ok(item, 'an item waits for an answer');
  const r = await send(`/items/${item.id}/answer`, { answered_at: '2099-01-01T10:00', how: 'reply' });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/items/${item.id}/answer`), ['#f-answered_at']);
  assert.match(r.text, /id="f-answered_at"[^>]*value="2099-01-01T10:00"/, 'what was typed is kept');
});

test("a refused answer's notes lead to that item's own notes, not the check form's", async () => {
  const { mod, id, send } = await accountForms();
  const item = (await mod.get(`/accounts/${id}`)).body.items_open[0];
  // a form feed, as text copied from a PDF may hold
  const r = await send(`/items/${item.id}/answer`, { answered_at: '2026-01-05T10:00', how: 'reply',
    notes: 'Replied by e-mail.\fPage 2' });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/items/${item.id}/answer`), [`#f-answer_notes-${item.id}`]);
  assert.match(r.text, new RegExp(`<textarea id="f-answer_notes-${item.id}"[^>]*>&#10;Replied by e-mail\\.`),
    'what was typed is kept');
});

test("a refused record of what was done about a mistake shows its problem in that mistake's form", async () => {
  const { mod, id, send } = await accountForms();
  assert.ok((await mod.post(`/accounts/${id}/mistakes`, { what: 'Posted a pupil\'s first name.' })).status < 300);
  const mistake = (await mod.get(`/accounts/${id}`)).body.mistakes.find((m) => !m.outcome);
  const r = await send(`/mistakes/${mistake.id}/resolve`, { outcome: '   ' });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/mistakes/${mistake.id}/resolve`), ['#f-outcome']);
});

const ANSWERS = { lead_ok: 'yes', contributors_ok: 'yes', purpose_ok: 'yes', monitoring_ok: 'yes' };
const BOXES = ['#f-content_archived', '#f-password_changed', '#f-recovery_changed', '#f-two_factor_moved'];

test("a yearly review without an outcome leads to the review's own Outcome", async () => {
  const { id, send } = await accountForms();
  const r = await send('/review', ANSWERS);
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/review`), ['#f-outcome']);
});

test("a review or a close without the handover ticked leads to each box of the form sent", async () => {
  const { id, send } = await accountForms();
  let r = await send('/review', { ...ANSWERS, outcome: 'close', notes: 'It has not been used since July.' });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/review`).sort(), BOXES);
  r = await send('/close', { reason: 'Merged into the school page.' });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/${id}/close`).sort(), BOXES);
  assert.notEqual(sql(s.db, `SELECT status FROM social_accounts WHERE id = ${id}`), 'closed');
});

test("a refused review of a service shows its problem beside that service's date", async () => {
  const head = await s.login('head@demo.school');
  const service = (await head.get('/permissions')).body.services[0];
  const r = await head.request('POST', `/permissions/services/${service.id}`, { json: false,
    form: { action: 'review' } });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/permissions/services/${service.id}`), ['#f-review_on']);
  assert.match(r.text, /id="f-new-review_on"/, 'the new service form keeps a field of its own');
});

test("a refused final decision marks the decision's fieldset", async () => {
  const app = Number(sql(s.db, "SELECT min(id) FROM account_applications WHERE status = 'submitted'"));
  const mod = await s.login('moderator@demo.school');
  const forwarded = await mod.post(`/accounts/applications/${app}/review`, { decision: 'forward', confirm: 'yes' });
  assert.ok(forwarded.status < 300, forwarded.text);
  const bursar = await s.login('bursar@demo.school');
  const r = await bursar.request('POST', `/accounts/applications/${app}/decision`, { json: false,
    form: { reason: '' } });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/accounts/applications/${app}/decision`), ['#f-decision']);
});

test("a refused filtering check shows its problem in the check form, not the request form", async () => {
  const network = await s.login('network@demo.school');
  const r = await network.request('POST', '/filtering/checks', { json: false,
    form: { done_on: '2026-01-01', tested: 'Test pages' } });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, '/filtering/checks'), ['#f-kind']);
});

test('the rules a new password must meet are read with the field, as the code applies them', async () => {
  const page = (await admin.page('/admin/staff/new')).text;
  assert.match(page, /<label for="f-password">Password \(optional\)<\/label>/);
  assert.match(page, /<p class="hint" id="h-password">[^<]*At least 12 characters, or at least 10 for someone with a role that must use a second factor/);
  assert.match(page, /id="f-password"[^>]*aria-describedby="h-password"/);
});

test("a refused decision on a row shows its problem in that row's form: a filtering request, an exception", async () => {
  const network = await s.login('network@demo.school');
  assert.equal((await teacher.post('/filtering/requests', { kind: 'block', site: 'games.example',
    reason: 'Reached from the library computers.' })).status < 300, true);
  const request = (await network.get('/filtering')).body.requests.find((q) => q.open && q.may_decide);
  assert.ok(request, 'a request waits for a decision');
  let r = await network.request('POST', `/filtering/requests/${request.id}/decision`, { json: false,
    form: { decision: 'done', decision_reason: '   ' } });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/filtering/requests/${request.id}/decision`), ['#f-decision_reason']);

  const bursar = await s.login('bursar@demo.school');
  const exception = (await bursar.get('/permissions')).body.exceptions.find((e) => e.may_decide);
  assert.ok(exception, 'an exception waits for a decision');
  r = await bursar.request('POST', `/permissions/exceptions/${exception.id}/decision`, { json: false,
    form: { decision: 'approved', decision_reason: '   ' } });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, `/permissions/exceptions/${exception.id}/decision`), ['#f-decision_reason']);
});

test('a refused school name is marked and described by its message, when the name is not fixed in the configuration', async () => {
  const before = sql(s.db, "SELECT value FROM settings WHERE key = 'school_name'");
  const long = 'Hillside Academy '.repeat(8); // 136 characters: more than the field takes
  const json = await admin.post('/admin/settings', { school_name: long });
  assert.equal(json.status, 400, json.text);
  assert.equal(json.body.field, 'school_name');
  const html = (await admin.request('POST', '/admin/settings', { json: false, form: { school_name: long } })).text;
  marked(html, 'school_name', json.body.error);
  assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'school_name'"), before);
});

test("a refused action on a case leads to that action's own field: the case's forms share field names", async () => {
  const head = await s.login('head@demo.school');
  const id = Number(sql(s.db, "SELECT min(id) FROM concerns WHERE category = 'parent_post' AND status != 'closed'"));
  const send = (form, who = head, on = id) => who.request('POST', `/concerns/${on}/events`, { json: false, form });
  const to = `/concerns/${id}/events`;
  const step = '<input type="hidden" name="step" value="meeting">';
  let r = await send({ action: 'step', step: 'meeting' });
  assert.equal(r.status, 400);
  assert.deepEqual(landsIn(r.text, to, step), ['#f-meeting-outcome', '#f-meeting-text']);
  r = await send({ action: 'step', step: 'meeting', outcome: 'done', text: 'Met Mrs X', done_at: '2099-01-01T10:00' });
  assert.deepEqual(landsIn(r.text, to, step), ['#f-meeting-done_at']);
  r = await send({ action: 'device', device: 'A phone', text: '   ' });
  assert.deepEqual(landsIn(r.text, to, 'value="device"'), ['#f-device-text']);
  r = await send({ action: 'device', text: 'Kept in the office.', done_at: '2099-01-01T10:00' });
  assert.deepEqual(landsIn(r.text, to, 'value="device"'), ['#f-done_at']);
  r = await send({ action: 'escalate', to: 'police', text: 'x'.repeat(5001) });
  assert.deepEqual(landsIn(r.text, to, 'value="escalate"'), ['#f-escalate-text']);
  r = await send({ action: 'note', text: '   ' });
  assert.deepEqual(landsIn(r.text, to, 'value="note"'), ['#f-text']);

  const conduct = await file(teacher, { category: 'staff_conduct', summary: 'Shouted at a pupil', about: 'science@demo.school' });
  r = await send({ action: 'threshold', level: 'low_level', text: '   ' }, head, conduct.id);
  assert.deepEqual(landsIn(r.text, `/concerns/${conduct.id}/events`, 'value="threshold"'), ['#f-threshold-text']);

  const breach = await file(teacher, { category: 'data_breach', summary: 'Register left on the bus' });
  r = await send({ action: 'ico_decision', decision: 'no_report', text: '   ' }, head, breach.id);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(landsIn(r.text, `/concerns/${breach.id}/events`, 'value="ico_decision"'), ['#f-decision-text']);

  const dsl = await s.login('dsl@demo.school');
  const closed = (await file(teacher, { category: 'cyberbullying_pupil', summary: 'Name-calling in a group chat' })).id;
  assert.equal((await event(dsl, closed, { action: 'acknowledge' })).status, 200);
  assert.equal((await event(dsl, closed, { action: 'escalate', to: 'parents' })).status, 200); // heatons 8.3
  assert.equal((await event(dsl, closed, { action: 'close', outcome: 'Spoken to.', outcome_category: 'other' })).status, 200);
  r = await send({ action: 'reopen', text: '   ' }, dsl, closed);
  assert.deepEqual(landsIn(r.text, `/concerns/${closed}/events`, 'value="reopen"'), ['#f-reopen-text']);
});
