// Pages a busy school reads at a glance: names not codes, the routing grid,
// a policy version previewed before it is published, compliance against the
// version before, and the warnings on an account application whose checks fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { authorise } from './policy_lib.mjs';
import { file } from './concern_helpers.mjs';
import { application, signAll, train, count } from './account_lib.mjs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));

// Codes that are not also English words, as a page would show them raw.
const RAW_CODES = [/\bdsl\b/, /\bslt\b/, /\bdpo\b/, /business_manager/, /network_manager/,
  /staff_type/, /cyberbullying_/, /\bsocial_media_policy\b/];
const CONCERN_STATUSES = ['new', 'acknowledged', 'investigating', 'escalated', 'closed'];
const APPLICATION_STATUSES = ['submitted', 'forwarded', 'returned', 'approved', 'rejected', 'withdrawn'];
const ACCOUNT_STATUSES = ['active', 'suspended', 'closed'];
const STAFF_TYPES = ['teacher', 'support', 'supply', 'governor', 'contractor', 'volunteer'];

// The words between the tags of <main>: what a person reads on the page.
function mainText(html) {
  const main = html.match(/<main[\s\S]*<\/main>/);
  return visibleText(main ? main[0] : html);
}

// No raw code as visible text: not in the text, and neither a badge nor a
// table cell holds a code on its own (a status, a staff type).
function assertNamesNotCodes(html, where) {
  const text = mainText(html).replace(/\S+@\S+/g, ' '); // e-mail addresses are not codes
  for (const re of RAW_CODES) assert.doesNotMatch(text, re, `${where}: shows a code (${re})`);
  for (const m of html.matchAll(/<span class="badge[^"]*">([^<]*)<\/span>/g)) {
    const shown = m[1].trim();
    for (const code of [...CONCERN_STATUSES, ...APPLICATION_STATUSES, ...ACCOUNT_STATUSES])
      assert.notEqual(shown, code, `${where}: a badge shows the code ${code}`);
  }
  for (const m of html.matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)) {
    const cell = m[1].trim();
    for (const code of [...STAFF_TYPES, ...CONCERN_STATUSES])
      assert.notEqual(cell, code, `${where}: a table cell shows the code ${code}`);
    assert.doesNotMatch(cell, /^[a-z_]+(, [a-z_]+)+$/, `${where}: a list of codes in a cell: ${cell}`);
  }
  for (const m of html.matchAll(/<option[^>]*>([^<]*)<\/option>/g))
    assert.ok(!STAFF_TYPES.includes(m[1].trim()), `${where}: an option shows the code ${m[1]}`);
}

// A new policy with no version yet, for governors and contractors.
async function governorCode(admin) {
  const r = await admin.post('/admin/policies', [['title', 'Governor code of conduct'], ['applies_to', 'governor'], ['applies_to', 'contractor']]);
  assert.equal(r.status, 201, r.text);
  return r.body.policy.id;
}

const uid = (db, email) => Number(sql(db, `SELECT id FROM users WHERE email = '${email}'`));

test('no page of the crawl shows a raw role, status or staff-type code as text', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const teacher = await s.login('teacher@demo.school');
  const concern = await file(teacher, { category: 'cyberbullying_staff', summary: 'Abusive replies on a class post' });
  const dsl = await s.login('dsl@demo.school');
  assert.equal((await dsl.post(`/concerns/${concern.id}/events`, { action: 'acknowledge' })).status, 200);
  assert.equal((await dsl.post(`/concerns/${concern.id}/events`, { action: 'status', status: 'investigating' })).status, 200);
  const applied = await teacher.post('/accounts/applications', application({ name: 'glance_history' }));
  assert.equal(applied.status, 201, applied.text);
  const appId = applied.body.application.id;
  const admin = await s.login('admin@demo.school');
  const head = await s.login('head@demo.school');
  const mod = await s.login('moderator@demo.school');
  const accountId = Number(sql(s.db, 'SELECT min(id) FROM social_accounts'));
  const pages = [
    [admin, '/admin/staff'], [admin, `/admin/staff/${uid(s.db, 'dsl@demo.school')}`],
    [admin, `/admin/staff/${uid(s.db, 'bursar@demo.school')}`], [admin, '/admin/staff/new'],
    [admin, '/admin/routing'], [admin, '/admin/two-factor'], [admin, '/admin/policies'],
    [head, '/aup/compliance'], [head, '/concerns/stats'], [dsl, `/concerns/${concern.id}`],
    [teacher, '/concerns/mine'], [teacher, `/concerns/mine/${concern.id}`],
    [mod, '/accounts'], [mod, `/accounts/${accountId}`], [mod, '/accounts/applications'],
    [mod, `/accounts/applications/${appId}`],
  ];
  for (const [c, p] of pages) {
    const r = await c.page(p);
    assert.equal(r.status, 200, `${p}: ${r.status}`);
    assertNamesNotCodes(r.text, p);
  }
  // The names that replace them.
  const staff = mainText((await admin.page('/admin/staff')).text);
  assert.match(staff, /Designated safeguarding lead/);
  assert.match(staff, /Business manager/);
  assert.match(staff, /Support staff/);
  const caseText = mainText((await dsl.page(`/concerns/${concern.id}`)).text);
  assert.match(caseText, /Investigating/);
  assert.match(mainText((await mod.page(`/accounts/applications/${appId}`)).text), /Waiting for the moderator/);
  // The staff import's preview names a staff type that changes.
  const people = JSON.parse(sql(s.db, "SELECT json_group_array(json_array(email, name, job_title, department, " +
    "CASE email WHEN 'ta@demo.school' THEN 'Volunteers' ELSE staff_type END)) FROM " +
    '(SELECT * FROM users WHERE active = 1 ORDER BY id)'));
  const csv = ['email,name,job_title,department,staff_type',
    ...people.map((r) => r.map((v) => `"${v}"`).join(','))].join('\r\n') + '\r\n';
  const fd = new FormData();
  fd.append('file', new Blob([csv], { type: 'text/csv' }), 'staff.csv');
  const preview = await admin.request('POST', '/admin/import', { multipart: fd, json: false });
  assert.equal(preview.status, 200);
  assertNamesNotCodes(preview.text, '/admin/import');
  assert.match(mainText(preview.text), /Staff type: Support staff → Volunteer/);
  // JSON keeps the codes.
  const json = await dsl.get(`/concerns/${concern.id}`);
  assert.equal(json.body.concern?.status ?? json.body.status, 'investigating');
});

test('the routing page is one grid of categories by roles, labelled cell by cell, and its POST round-trips', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const admin = await s.login('admin@demo.school');
  const html = (await admin.page('/admin/routing')).text;
  const main = html.match(/<main[\s\S]*<\/main>/)[0];
  assert.equal((main.match(/<table[ >]/g) || []).length, 1, 'one table');
  const model = (await admin.get('/admin/routing')).body;
  const roles = model.role_headers.map((r) => r.role);
  assert.ok(roles.includes('dsl') && roles.includes('business_manager'));
  const colHeads = [...main.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.equal(colHeads.length, roles.length + 1, 'a column per role, and one over the category names');
  assert.ok(colHeads.includes('Designated safeguarding lead'));
  assert.ok(colHeads.includes('Business manager'));
  const rowHeads = [...main.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.equal(rowHeads.length, model.routing.length, 'a row per category');
  assert.ok(rowHeads.includes('Cyberbullying of a member of staff'));
  const boxes = [...main.matchAll(/<input type="checkbox" id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(boxes.length, roles.length * model.routing.length);
  for (const id of boxes) assert.match(main, new RegExp(`<label class="visually-hidden" for="${id}">Send [^<]+ concerns to [^<]+</label>`));
  assert.match(main, /Send Cyberbullying of a member of staff concerns to Designated safeguarding lead<\/label>/);
  assert.match(main, /class="table-scroll[^"]*" tabindex="0" role="region"/, 'the grid scrolls in its own box');

  // The same fields as before: one repeated field per category, a role each.
  const pairs = [];
  for (const row of model.routing)
    for (const box of row.roles) if (box.held) pairs.push([row.category, box.role]);
  pairs.push(['other', 'business_manager']);
  const saved = await admin.post('/admin/routing', pairs);
  assert.equal(saved.status, 200, saved.text);
  const after = (await admin.get('/admin/routing')).body;
  for (const row of after.routing)
    for (const box of row.roles)
      assert.equal(box.held, pairs.some(([c, r]) => c === row.category && r === box.role), `${row.category}/${box.role}`);
  // A category with no role is refused, naming it, and nothing changes.
  const before = sql(s.db, 'SELECT group_concat(category || role) FROM routing');
  const refused = await admin.post('/admin/routing', pairs.filter(([c]) => c !== 'sexting'));
  assert.equal(refused.status, 400);
  assert.equal(refused.body.field, 'sexting');
  assert.equal(sql(s.db, 'SELECT group_concat(category || role) FROM routing'), before);
});

test('a new version shows a preview first: nothing is written until "Save as a draft"', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const admin = await s.login('admin@demo.school');
  const pid = await governorCode(admin);
  const form = {
    body: '# Conduct\n\nBe fair.\n\n## Meetings\n\nCome prepared.\n\n###### Small print\n\n<script>alert(1)</script>\n',
    summary: 'First version.\nTwo lines.', effective: '2026-12-14', review_due: '2027-07-01',
  };
  const state = () => ({
    // a refusal's own audit row (access.refused) is not a change
    versions: count(s.db, 'policy_versions'), audit: count(s.db, 'audit', "action != 'access.refused'"),
    notifications: count(s.db, 'notifications'),
  });
  const head = await s.login('head@demo.school'); // signing in is audited too
  const before = state();
  const preview = await admin.request('POST', `/admin/policies/${pid}/versions`, { json: false, form });
  assert.equal(preview.status, 200, preview.text);
  assert.deepEqual(state(), before, 'the preview writes nothing');
  const text = mainText(preview.text);
  assert.match(text, /check version 1 before saving it/);
  assert.match(text, /14 Dec 2026/, 'the date it takes effect, in UK words');
  assert.match(text, /1 Jul 2027/, 'the review date, in UK words');
  assert.match(text, /Governor, Contractor/, 'who must sign it, by name');
  assert.match(preview.text, /<h2>Conduct<\/h2>/, '# is shifted under the page title');
  assert.match(preview.text, /<h3>Meetings<\/h3>/);
  assert.match(preview.text, /<h6>Small print<\/h6>/, 'h6 stays h6');
  assert.equal((preview.text.match(/<h1[ >]/g) || []).length, 1, 'one main heading');
  assert.doesNotMatch(preview.text, /<script>alert/);
  assert.match(preview.text, /<button class="btn" type="submit" name="confirm" value="yes">Save as a draft<\/button>/);
  assert.match(preview.text, /name="confirm" value="change">Change it<\/button>/);
  // The typed text is carried in the confirm form exactly.
  const carried = preview.text.match(/<textarea id="c-body" name="body">&#10;([\s\S]*?)<\/textarea>/)[1];
  assert.equal(carried.replace(/&lt;/g, '<').replace(/&gt;/g, '>'), form.body);

  // JSON: the preview, and nothing published.
  const json = await admin.post(`/admin/policies/${pid}/versions`, form);
  assert.equal(json.status, 200);
  assert.equal(json.body.preview.number, 1);
  assert.equal(json.body.preview.body, form.body);
  assert.deepEqual(state(), before);

  // "Change it" brings back the form with what was typed; nothing written.
  const change = await admin.request('POST', `/admin/policies/${pid}/versions`, { json: false, form: { ...form, confirm: 'change' } });
  assert.equal(change.status, 200);
  assert.match(change.text, /<textarea id="f-body" name="body" rows="20" required aria-describedby="h-body">&#10;# Conduct/);
  assert.deepEqual(state(), before);

  // The confirmation is checked again: a bad date is refused, nothing written.
  const bad = await admin.post(`/admin/policies/${pid}/versions`, { ...form, review_due: '2026-12-01', confirm: 'yes' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'review_due');
  const odd = await admin.post(`/admin/policies/${pid}/versions`, { ...form, confirm: 'maybe' });
  assert.equal(odd.status, 400);
  assert.equal(odd.body.field, 'confirm');
  assert.equal((await head.post(`/admin/policies/${pid}/versions`, { ...form, confirm: 'yes' })).status, 403);
  assert.deepEqual(state(), before);

  const done = await admin.post(`/admin/policies/${pid}/versions`, { ...form, confirm: 'yes' });
  assert.equal(done.status, 201, done.text);
  assert.equal(count(s.db, 'policy_versions'), before.versions + 1, 'one version written');
  assert.equal(state().audit, before.audit + 1, 'one audit row: policy.publish');
  assert.equal(sql(s.db, 'SELECT action FROM audit ORDER BY id DESC LIMIT 1'), 'policy.publish');
  assert.equal(sql(s.db, `SELECT body FROM policy_versions WHERE id = ${done.body.version.id}`), form.body.trimEnd());
  await authorise(admin, pid, done.body.version.id);
  const gov = await s.login('governor@demo.school');
  const page = await gov.page(`/aup/${done.body.version.id}`);
  assert.match(page.text, /<h2>Conduct<\/h2>/);
  assert.equal((page.text.match(/<h1[ >]/g) || []).length, 1);
  assert.match(mainText(page.text), /Not the current version: Not yet in effect/, 'its status by name');
});

test('a text whose headings start at ## keeps them, in order under the title', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const admin = await s.login('admin@demo.school');
  const pid = await governorCode(admin);
  const r = await admin.post(`/admin/policies/${pid}/versions`, { body: 'Title\n=====\n\n## Part\n\ntext\n',
    summary: 'x', effective: daysFromNow(1), review_due: daysFromNow(300) });
  assert.equal(r.status, 200, 'a line underlined with = is a level-1 heading, accepted');
  const html = await admin.request('POST', `/admin/policies/${pid}/versions`, { json: false,
    form: { body: '## Part\n\ntext\n\n### Sub\n', summary: 'x', effective: daysFromNow(1), review_due: daysFromNow(300) } });
  assert.match(html.text, /<h2>Part<\/h2>/);
  assert.match(html.text, /<h3>Sub<\/h3>/);
});

test('compliance after a new version shows who signed the one before, and how many', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const head = await s.login('head@demo.school');
  const before = (await head.get('/aup/compliance')).body.policies[0];
  const signedV1 = before.signed;
  assert.ok(signedV1 > 0 && before.outstanding_total > 0);
  const admin = await s.login('admin@demo.school');
  const body = sql(s.db, `SELECT body FROM policy_versions WHERE id = ${before.version_id}`) + '\n\nOne more rule.\n';
  const pub = await admin.post(`/admin/policies/${before.policy_id}/versions`,
    { body, summary: 'One more rule.', effective: daysFromNow(0), review_due: daysFromNow(365), confirm: 'yes' });
  assert.equal(pub.status, 201, pub.text);
  await authorise(admin, before.policy_id, pub.body.version.id);
  const r = await head.get('/aup/compliance');
  const p = r.body.policies.find((x) => x.policy_id === before.policy_id);
  assert.equal(p.version, before.version + 1);
  assert.equal(p.has_previous, true);
  assert.equal(p.previous_number, before.version);
  assert.equal(p.signed_previous_only, signedV1, 'everyone who signed the old version has still to sign the new one');
  const signer = sql(s.db, `SELECT u.email FROM signatures g JOIN users u ON u.id = g.user_id
    WHERE g.version_id = ${before.version_id} ORDER BY u.email LIMIT 1`);
  const signedAt = sql(s.db, `SELECT g.signed_at FROM signatures g JOIN users u ON u.id = g.user_id
    WHERE g.version_id = ${before.version_id} AND u.email = '${signer}'`);
  const row = p.outstanding.find((o) => o.email === signer);
  assert.equal(row.previous_version, before.version);
  assert.equal(row.previous_signed_at, signedAt);
  const never = p.outstanding.find((o) => o.email === 'teacher@demo.school');
  assert.equal(never.previous_version, null);
  const text = mainText((await head.page('/aup/compliance')).text);
  assert.match(text, new RegExp(`${signedV1} signed version ${before.version} but not this one yet`));
  assert.match(text, new RegExp(`Signed version ${before.version} on \\d{1,2} [A-Z][a-z]{2} \\d{4}`));
  assert.match(text, /Never signed/);
  // A person who signs the new version leaves the count.
  const signerClient = await s.login(signer);
  const name = sql(s.db, `SELECT name FROM users WHERE email = '${signer}'`);
  const signed = await signerClient.post('/aup/sign', { version_id: p.version_id, typed_name: name, agree: 'yes' });
  assert.equal(signed.status, 201, signed.text);
  const again = (await head.get('/aup/compliance')).body.policies.find((x) => x.policy_id === before.policy_id);
  assert.equal(again.signed_previous_only, signedV1 - 1);
  // Governors see the figure, never the names.
  const gov = (await (await s.login('governor@demo.school')).get('/aup/compliance')).body.policies[0];
  assert.equal(gov.signed_previous_only, signedV1 - 1);
  assert.equal(gov.outstanding, undefined);
});

test('account checks read yes or no; forwarding with failing checks asks to confirm; Approve is disabled with the reason', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const teacher = await s.login('teacher@demo.school');
  const created = await teacher.post('/accounts/applications', application({ name: 'glance_pe' }));
  assert.equal(created.status, 201, created.text);
  const id = created.body.application.id;
  const mod = await s.login('moderator@demo.school');

  const page = await mod.page(`/accounts/applications/${id}`);
  const text = mainText(page.text);
  assert.match(text, /Named lead is an active member of staff yes/);
  assert.match(text, /Has current social-media training no/);
  assert.match(page.text, /id="forward-warning"/);
  assert.match(page.text, /<li>Has current social-media training: no<\/li>/);
  assert.match(page.text, /<label class="checkbox" for="f-confirm">/);

  // Forward without confirming: refused with the failing checks, nothing changes.
  const steps = count(s.db, 'approvals');
  const audits = count(s.db, 'audit');
  let r = await mod.post(`/accounts/applications/${id}/review`, { decision: 'forward' });
  assert.equal(r.status, 409);
  assert.equal(r.body.field, 'confirm');
  assert.match(r.body.error, /Has current social-media training: no/);
  assert.ok(r.body.checks.every((c) => c.ok === false));
  assert.equal(sql(s.db, `SELECT status FROM account_applications WHERE id = ${id}`), 'submitted');
  assert.equal(count(s.db, 'approvals'), steps);
  assert.equal(count(s.db, 'audit'), audits);
  // A browser sees the form again, with the warning beside the Forward choice.
  r = await mod.request('POST', `/accounts/applications/${id}/review`, { json: false, form: { decision: 'forward', comment: 'Kept' } });
  assert.equal(r.status, 409);
  assert.match(r.text, /Forward even though these checks fail/);
  assert.match(r.text, /class="field-error">Check before forwarding/);
  r = await mod.post(`/accounts/applications/${id}/review`, { decision: 'forward', confirm: 'perhaps' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'confirm');
  // Returning needs no confirmation; forwarding with it goes through.
  r = await mod.post(`/accounts/applications/${id}/review`, { decision: 'forward', confirm: 'yes', comment: 'Forwarded knowing the checks.' });
  assert.equal(r.status, 200, r.text);

  // The decider: Approve disabled, the reason beside it, a link to record the training.
  const bursar = await s.login('bursar@demo.school');
  const dec = await bursar.page(`/accounts/applications/${id}`);
  assert.match(dec.text, /<input id="f-decision-approve" type="radio" name="decision" value="approve" required disabled aria-describedby="approve-why">/);
  const why = dec.text.match(/<p class="hint" id="approve-why">([\s\S]*?)<\/p>/)[1];
  assert.match(why, /The account cannot be approved: the lead does not pass the policy checks\./);
  assert.match(why, /<button class="link" type="submit" form="lead-training">Record the lead(?:'|&#39;)s social-media training<\/button>/);
  // The button posts the lead's address to the training search: it is never in a URL.
  assert.match(dec.text, /<form id="lead-training" method="post" action="\/training\/search">.*name="q" value="teacher@demo\.school"/);
  const model = (await bursar.get(`/accounts/applications/${id}`)).body;
  r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
  assert.equal(r.status, 409);
  assert.equal(r.body.error, model.approve_blocked, 'the server refuses with the reason the page gives');
  assert.equal(sql(s.db, `SELECT status FROM account_applications WHERE id = ${id}`), 'forwarded');
  // The training page the link opens lists the lead for a leader.
  const training = await bursar.search('/training', { q: 'teacher@demo.school' }, { json: false });
  assert.equal(training.status, 200);
  assert.match(mainText(training.text), /Record training/);

  // Once the lead passes, Approve is offered and works.
  signAll(s.db, 'teacher@demo.school');
  train(s.db, 'teacher@demo.school');
  const ready = await bursar.page(`/accounts/applications/${id}`);
  assert.doesNotMatch(ready.text, /value="approve" required disabled/);
  assert.doesNotMatch(ready.text, /id="approve-why"/);
  r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
  assert.equal(r.status, 200, r.text);
  const history = mainText((await bursar.page(`/accounts/applications/${id}`)).text);
  assert.match(history, /Moderator(?:'|&#39;)s review: Forwarded for the final decision/);
  assert.match(history, /Has current social-media training: yes\./);
});

const UK_DATE = String.raw`\d{1,2} [A-Z][a-z]{2} \d{4}`;

test('dates read as UK dates, and an overdue yearly review says so', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const mod = await s.login('moderator@demo.school');
  const ids = sql(s.db, "SELECT id FROM social_accounts WHERE status != 'closed' ORDER BY id").split('\n').map(Number);
  const seen = { due: 0, ahead: 0, paper: 0 };
  for (const id of ids) {
    const a = (await mod.get(`/accounts/${id}`)).body.account;
    const html = (await mod.page(`/accounts/${id}`)).text;
    const words = a.review_due ? String.raw`\d+ days? overdue|overdue|due today` : String.raw`due (in \d+ days|tomorrow|today)`;
    assert.match(html, new RegExp(`next due <time datetime="${a.review_due_on}">${UK_DATE} · (${words})</time>`), `account ${id}`);
    seen[a.review_due ? 'due' : 'ahead']++;
    for (const m of html.matchAll(/on paper on <time datetime="(\d{4}-\d\d-\d\d)">([^<]*)<\/time>/g)) {
      assert.match(m[2], new RegExp(`^${UK_DATE}$`), `account ${id}: the paper's date`);
      seen.paper++;
    }
  }
  assert.ok(seen.due && seen.ahead && seen.paper, JSON.stringify(seen));

  const head = await s.login('head@demo.school');
  assert.match((await head.page('/sar')).text, new RegExp(`Today is <time datetime="\\d{4}-\\d\\d-\\d\\d">${UK_DATE}</time>\\.`));
});

test("the audit log's roles then read as names, not codes", async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const bursar = await s.login('bursar@demo.school');
  const asked = await bursar.post('/permissions/exceptions', { what: 'Use my own phone on the trip',
    why: 'To reach the coach company.', from_on: '2030-01-10', until_on: '2030-01-11' });
  assert.equal(asked.status, 201); // audited with the roles held then
  const admin = await s.login('admin@demo.school');
  const audit = (await admin.page('/audit')).text;
  assert.match(audit, /<td>bursar@demo\.school<\/td><td>Staff, Business manager<\/td>/);
  assert.doesNotMatch(audit, /<td>[a-z_]+(,[a-z_]+)+<\/td>/, 'no list of role codes');
});

test('an administrator reaches two-factor sign-in from the staff list and the school settings', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const admin = await s.login('admin@demo.school');
  for (const p of ['/admin/staff', '/admin/settings'])
    assert.match((await admin.page(p)).text, /<a [^>]*href="\/admin\/two-factor">Two-factor sign-in<\/a>/, p);
  assert.equal((await admin.page('/admin/two-factor')).status, 200);
});
