// Administration pages, the audit log page and "My tasks".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, sql, ROOT, visibleText, PASSWORD } from './lib.mjs';

let s, admin;
before(async () => {
  s = await startServer();
  admin = await s.login('admin@demo.school');
});
after(async () => { await s.stop(); });

test('the staff list shows everyone with roles, searchable, in JSON and HTML', async () => {
  const r = await admin.get('/admin/staff');
  assert.equal(r.status, 200);
  assert.equal(r.body.staff.length, 15);
  const head = r.body.staff.find((p) => p.email === 'head@demo.school');
  assert.equal(head.roles, 'headteacher');
  const q = await admin.search('/admin/staff', { q: 'Science' });
  assert.deepEqual(q.body.staff.map((p) => p.email), ['science@demo.school']);
  const page = await admin.page('/admin/staff');
  assert.match(page.text, /<caption>Everyone on the staff list<\/caption>/);
  // Someone with no role beyond staff reads "None", not an empty cell.
  assert.match(page.text, /<td>teacher@demo\.school<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>Teacher<\/td><td>None<\/td>/);
  assert.match(page.text, /<td>head@demo\.school<\/td>(<td>[^<]*<\/td>){3}<td>Headteacher<\/td>/);
  assert.doesNotMatch(page.text, /<td><\/td>/);
  assert.match(page.text, /href="\/admin\/staff\/new"/);
});

test('add, edit and set a password for a member of staff through the pages', async () => {
  let r = await admin.post('/admin/staff', [['email', 'new.teacher@demo.school'], ['name', 'Nia Jones'],
    ['department', 'English'], ['staff_type', 'supply'], ['role', 'slt'], ['password', 'a good pass phrase']]);
  assert.equal(r.status, 201);
  const id = r.body.user.id;
  const nia = await s.login('new.teacher@demo.school', 'a good pass phrase');
  assert.deepEqual((await nia.get('/')).body.user.roles, ['staff', 'slt']);
  r = await admin.post(`/admin/staff/${id}`, [['name', 'Nia Jones-Evans'], ['staff_type', 'teacher'], ['department', 'English']]);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.user.roles, ['staff']);
  assert.equal(sql(s.db, `SELECT name || '/' || staff_type FROM users WHERE id = ${id}`), 'Nia Jones-Evans/teacher');
  // A name of only spaces is refused as an empty one is, when adding and when editing.
  const users = Number(sql(s.db, 'SELECT count(*) FROM users'));
  for (const name of ['', '   ']) {
    r = await admin.post('/admin/staff', { email: 'blank.name@demo.school', name });
    assert.equal(r.status, 400, JSON.stringify(name));
    assert.deepEqual(r.body.errors, [{ field: 'name', error: 'Enter the full name.' }]);
    r = await admin.post(`/admin/staff/${id}`, { name, staff_type: 'teacher' });
    assert.equal(r.status, 400, JSON.stringify(name));
    assert.deepEqual(r.body.errors, [{ field: 'name', error: 'Enter the full name.' }]);
  }
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM users')), users);
  assert.equal(sql(s.db, `SELECT name FROM users WHERE id = ${id}`), 'Nia Jones-Evans');
  r = await admin.post(`/admin/staff/${id}/password`, { password: 'short', your_password: PASSWORD });
  assert.equal(r.status, 400);
  // Choosing someone's password opens their account: the administrator types their own again.
  const hash = () => sql(s.db, `SELECT coalesce(password_hash, '') FROM users WHERE id = ${id}`);
  const before = hash();
  r = await admin.post(`/admin/staff/${id}/password`, { password: 'another good one' });
  assert.equal(r.status, 400);
  assert.deepEqual([r.body.field, r.body.error], ['your_password', 'Enter your password.']);
  r = await admin.post(`/admin/staff/${id}/password`, { password: 'another good one', your_password: 'not mine at all' });
  assert.equal(r.status, 403);
  assert.deepEqual([r.body.field, r.body.error], ['your_password', 'That password is not right.']);
  assert.equal(hash(), before, 'nothing changed');
  assert.match((await admin.page(`/admin/staff/${id}`)).text, /<label for="f-your_password">Your own password<\/label>/);
  r = await admin.post(`/admin/staff/${id}/password`, { password: 'another good one', your_password: PASSWORD });
  assert.equal(r.status, 200);
  assert.equal((await s.client().login('new.teacher@demo.school', 'another good one')).status, 200);
  const html = await admin.page(`/admin/staff/${id}`);
  assert.match(html.text, /<h1>Nia Jones-Evans<\/h1>/);
  assert.ok(Number(sql(s.db, "SELECT count(*) FROM audit WHERE object = 'new.teacher@demo.school'")) >= 4);
});

test('an administrator cannot remove their own admin role or deactivate themselves', async () => {
  const me = sql(s.db, "SELECT id FROM users WHERE email = 'admin@demo.school'");
  let r = await admin.post(`/admin/staff/${me}`, [['name', 'Chris Doyle'], ['staff_type', 'support']]);
  assert.equal(r.status, 409);
  r = await admin.post(`/admin/staff/${me}/deactivate`, {});
  assert.equal(r.status, 409);
  assert.equal(sql(s.db, `SELECT active FROM users WHERE id = ${me}`), '1');
});

test('CSV import from the browser: all rows or none, after a preview', async () => {
  const bad = new FormData();
  bad.append('file', new Blob(['email,name,job_title,department,staff_type\nok@demo.school,Ok,,,teacher\nbad,Bad,,,teacher\n']), 'staff.csv');
  let r = await admin.request('POST', '/admin/import', { multipart: bad });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.line), [3]);
  assert.equal(sql(s.db, "SELECT count(*) FROM users WHERE email = 'ok@demo.school'"), '0');
  // A header alone is refused, not read as everyone having left.
  const staffBefore = sql(s.db, 'SELECT count(*) FROM users WHERE active = 1');
  const empty = new FormData();
  empty.append('file', new Blob(['email,name,job_title,department,staff_type\r\n']), 'staff.csv');
  r = await admin.request('POST', '/admin/import', { multipart: empty });
  assert.equal(r.status, 400);
  assert.match(r.body.errors[0].error, /^The file has no rows of staff: /);
  assert.deepEqual(r.body.possibly_left, []);
  assert.equal(r.body.can_confirm, false);
  assert.equal(sql(s.db, 'SELECT count(*) FROM users WHERE active = 1'), staffBefore);
  const good = new FormData();
  good.append('file', new Blob(['email,name,job_title,department,staff_type\nok@demo.school,Ok,,,teacher\nok2@demo.school,Ok Two,,,support\n']), 'staff.csv');
  r = await admin.request('POST', '/admin/import', { multipart: good });
  assert.equal(r.status, 200);
  assert.equal(r.body.added.length, 2);
  assert.equal(sql(s.db, "SELECT count(*) FROM users WHERE email = 'ok@demo.school'"), '0', 'a preview writes nothing');
  r = await admin.post('/admin/import/confirm', { csv: r.body.csv, stamp: r.body.stamp });
  assert.equal(r.status, 200);
  assert.equal(r.body.added, 2);
  const html = await admin.page('/admin/import');
  assert.match(html.text, /enctype="multipart\/form-data"/);
});

test('settings: school name and closure days', async () => {
  let r = await admin.post('/admin/settings', { school_name: 'Riverside Primary' });
  assert.equal(r.status, 200);
  assert.match((await admin.page('/')).text, /Riverside Primary/);
  r = await admin.post('/admin/closures', { day: '2026-12-24', label: 'Christmas Eve' });
  assert.equal(r.status, 201);
  r = await admin.post('/admin/closures', { day: '24/12/2026' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'day');
  assert.deepEqual((await admin.get('/admin/settings')).body.closures, [{ day: '2026-12-24', label: 'Christmas Eve' }]);
  r = await admin.post('/admin/closures/remove', { day: '2026-12-24' });
  assert.equal(r.status, 200);
  assert.equal((await admin.post('/admin/closures/remove', { day: '2026-12-24' })).status, 404);
  r = await admin.post('/admin/settings', { account_decider: 'governors' });
  assert.equal(r.status, 400);
});

test('settings: every value out of range is refused at once, and nothing is saved', async () => {
  const settings = () => sql(s.db, 'SELECT group_concat(key || \'=\' || value) FROM (SELECT * FROM settings ORDER BY key)');
  const audited = () => sql(s.db, 'SELECT count(*) FROM audit');
  const before = [settings(), audited()];
  const r = await admin.post('/admin/settings', { pattern_window_days: '0', invitation_days: '99', school_name: 'Kept Out' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors, [
    { field: 'pattern_window_days', error: 'The period for a pattern of concerns must be between 1 and 3650 days.' },
    { field: 'invitation_days', error: 'Days an invitation link stays usable must be between 1 and 30.' },
  ]);
  assert.deepEqual([settings(), audited()], before, 'nothing saved or recorded');
  const page = await admin.request('POST', '/admin/settings', { json: false, form: { pattern_window_days: '0', invitation_days: '99' } });
  assert.equal(page.status, 400);
  assert.match(page.text, /id="e-pattern_window_days"/);
  assert.match(page.text, /id="e-invitation_days"/);
});

test('settings: the runners\' agreement is one of the list, so a number with anything after it is refused', async () => {
  const before = sql(s.db, "SELECT count(*) FROM settings WHERE key = 'runner_agreement'") + '|' +
    sql(s.db, "SELECT count(*) FROM audit WHERE action = 'settings.change'");
  const r = await admin.post('/admin/settings', { runner_agreement: '1abc' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'runner_agreement');
  assert.equal(r.body.error, 'Choose an agreement that applies to volunteers and to teachers or support staff.');
  assert.equal(sql(s.db, "SELECT count(*) FROM settings WHERE key = 'runner_agreement'") + '|' +
    sql(s.db, "SELECT count(*) FROM audit WHERE action = 'settings.change'"), before, 'nothing saved or recorded');
});

test('the audit log can be filtered by person, action, object and date', async () => {
  const head = await s.login('head@demo.school');
  let r = await head.search('/audit', { action: 'login', actor: 'head@demo.school' });
  assert.equal(r.status, 200);
  assert.ok(r.body.audit.length >= 1);
  assert.ok(r.body.audit.every((a) => a.action === 'login' && a.actor === 'head@demo.school'));
  r = await head.get('/audit?object=admin%40demo.school');
  assert.ok(r.body.audit.every((a) => a.object === 'admin@demo.school'));
  r = await head.get('/audit?from=2000-01-01&to=2000-01-02');
  assert.equal(r.body.audit.length, 0);
  const page = await head.page('/audit?action=login');
  assert.match(page.text, /<caption>Audit entries, newest first<\/caption>/);
});

test('My tasks shows an administrator who cannot sign in yet, and notifications can be marked read', async () => {
  await admin.post('/admin/staff', { email: 'nopass@demo.school', name: 'No Password' });
  const r = await admin.get('/');
  assert.ok(r.body.tasks.some((t) => t.kind === 'staff_without_sign_in'));
  const teacher = await s.login('teacher@demo.school');
  const tid = sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
  sql(s.db, `INSERT INTO notifications(user_id, kind, message, link, created_at) VALUES (${tid}, 'test', 'Hello <b>there</b>', '/', '2026-01-01T00:00:00Z')`);
  let home = await teacher.get('/');
  assert.ok(home.body.notifications.some((n) => n.message === 'Hello <b>there</b>'));
  assert.match((await teacher.page('/')).text, /Hello &lt;b&gt;there&lt;\/b&gt;/);
  assert.equal((await teacher.post('/notifications/read')).status, 200);
  home = await teacher.get('/');
  assert.equal(home.body.notifications.length, 0);
});

test('navigation follows roles', async () => {
  const teacher = await s.login('teacher@demo.school');
  const t = await teacher.page('/');
  assert.doesNotMatch(t.text, /href="\/admin\/staff"/);
  assert.doesNotMatch(t.text, /href="\/audit"/);
  const a = await admin.page('/');
  assert.match(a.text, /href="\/admin\/staff"/);
  assert.match(a.text, /aria-current="page">My tasks/);
});

test('every template escapes: AUTOESCAPE first, never :none, only the Markdown, line-keeping, UK time, name and query-string modifiers', () => {
  const dir = path.join(ROOT, 'templates');
  const files = readdirSync(dir).filter((f) => f.endsWith('.tpl'));
  assert.ok(files.length >= 10);
  for (const f of files) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    assert.ok(text.startsWith('{{%AUTOESCAPE context="HTML"}}'), `${f} must start with the AUTOESCAPE pragma`);
    assert.doesNotMatch(text, /:none\b/, `${f} prints a value raw`);
    // pre_escape is ctemplate's HTML escaping that keeps line breaks; x-uk-time and x-uk-due
    // write a time in words, the name modifiers a stored code as its name: escaped after them.
    const allowed = ['x-markdown', 'pre_escape', 'x-uk-time', 'x-uk-due', 'x-role', 'x-roles',
      'x-staff-type', 'x-staff-types', 'x-concern-status', 'x-application-status', 'x-application-step',
      'x-application-decision', 'x-account-status', 'x-visibility', 'x-policy-status', 'x-audit-action', 'x-record-type',
      'u' /* a value inside a URL's query string */];
    for (const m of text.matchAll(/\{\{[^}#/>!%]*:([a-z_-]+(?:=[^}:]*)?)/g)) assert.ok(allowed.includes(m[1]), `${f} uses modifier ${m[1]}`);
  }
});

test('a details form opened before another administrator saved is refused, not saved over it', async () => {
  const s = await startServer();
  try {
    const a1 = await s.login('admin@demo.school');
    const pw = 'tangerine-lighthouse-47-okapi';
    assert.equal((await a1.post('/admin/staff', { email: 'admin2@demo.school', name: 'Second Admin',
      staff_type: 'support', role: 'admin', password: pw })).status, 201);
    const a2 = await s.login('admin2@demo.school', pw);
    const id = sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
    const roles = () => sql(s.db, `SELECT group_concat(role) FROM user_roles WHERE user_id = ${id} ORDER BY role`);
    const version = (html) => html.match(/name="version" value="([0-9a-f]{16})"/)[1];
    // Both open the page; the first makes the teacher a designated safeguarding lead.
    const stale = version((await a2.page(`/admin/staff/${id}`)).text);
    const v1 = version((await a1.page(`/admin/staff/${id}`)).text);
    assert.equal(v1, stale);
    const details = { name: 'Terry Teacher', job_title: 'Teacher', department: 'Humanities', staff_type: 'teacher' };
    const r1 = await a1.post(`/admin/staff/${id}`, { ...details, role: 'dsl', version: v1 });
    assert.equal(r1.status, 200, r1.text);
    assert.match(roles(), /dsl/);
    // The second saves a job title from the page opened before: refused, the role kept.
    const r2 = await a2.request('POST', `/admin/staff/${id}`,
      { form: { ...details, job_title: 'Teacher of History', version: stale }, json: false });
    assert.equal(r2.status, 409);
    const words = "record was changed by someone else since you opened it: " +
      'reload the page and make your change again.';
    assert.ok(visibleText(r2.text).includes(`This person&#39;s ${words}`), visibleText(r2.text));
    assert.equal(version(r2.text), stale, 'the form shown again keeps the version it was opened with');
    assert.match(roles(), /dsl/);
    assert.equal(sql(s.db, `SELECT job_title FROM users WHERE id = ${id}`), 'Teacher');
    // Reloaded, the change is made.
    const fresh = version((await a2.page(`/admin/staff/${id}`)).text);
    assert.notEqual(fresh, stale);
    const r3 = await a2.post(`/admin/staff/${id}`, { ...details, job_title: 'Teacher of History', role: 'dsl', version: fresh });
    assert.equal(r3.status, 200, r3.text);
    assert.equal(sql(s.db, `SELECT job_title FROM users WHERE id = ${id}`), 'Teacher of History');
    // A JSON client that sends no version saves as before.
    assert.equal((await a2.post(`/admin/staff/${id}`, { ...details, role: 'dsl' })).status, 200);
  } finally {
    await s.stop();
  }
});

test('My tasks tells the administrator of a key role nobody active holds', async () => {
  const own = await startServer();
  try {
    const boss = await own.login('admin@demo.school');
    const unfilled = async () => (await boss.get('/')).body.tasks
      .filter((t) => t.kind === 'role_unfilled').map((t) => t.message);
    assert.deepEqual(await unfilled(), []);
    const id = sql(own.db, "SELECT id FROM users WHERE email = 'moderator@demo.school'");
    const r = await boss.post(`/admin/staff/${id}`, [['name', 'Tom Hughes'], ['staff_type', 'support'],
      ['department', 'Office']]);
    assert.equal(r.status, 200);
    assert.deepEqual(await unfilled(), ['No active member of staff holds the moderator role.']);
  } finally {
    await own.stop();
  }
});
