// The termly staff sync: a re-import previews what it would change, writes
// nothing until confirmed, then writes it all at once, audited; people
// missing from the file are only listed, and leave when their leaving date
// is confirmed on their page, after seeing what they lead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, sql, cli } from './lib.mjs';

let s, admin;
before(async () => {
  s = await startServer();
  admin = await s.login('admin@demo.school');
});
after(() => s.stop());

const HEADER = 'email,name,job_title,department,staff_type';
const q = (v) => `"${String(v).replaceAll('"', '""')}"`;

// The school's file as it stands: every active person, as the list has them.
function currentFile() {
  const rows = JSON.parse(sql(s.db, "SELECT json_group_array(json_object('email', email, 'name', name, " +
    "'job_title', job_title, 'department', department, 'staff_type', staff_type)) FROM " +
    '(SELECT * FROM users WHERE active = 1 ORDER BY id)'));
  return rows;
}
const toCsv = (rows) => [HEADER, ...rows.map((r) =>
  [r.email, r.name, r.job_title, r.department, r.staff_type].map(q).join(','))].join('\r\n') + '\r\n';

function upload(client, text, opts = {}) {
  const fd = new FormData();
  fd.append('file', new Blob([text], { type: 'text/csv' }), 'staff.csv');
  return client.request('POST', '/admin/import', { multipart: fd, ...opts });
}
const count = (where) => Number(sql(s.db, `SELECT count(*) FROM ${where}`));

test('a re-import with one change, one new starter and one leaver: preview, then confirm', async () => {
  const rows = currentFile().filter((r) => r.email !== 'supply@demo.school');
  rows.find((r) => r.email === 'teacher@demo.school').job_title = 'Head of PE';
  rows.push({ email: 'new.starter@demo.school', name: 'Nia Starter', job_title: 'Teacher of art',
    department: 'Art', staff_type: 'Teaching staff' });
  const users = count('users'), audits = count('audit');

  const p = await upload(admin, toCsv(rows));
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.body.errors, []);
  assert.deepEqual(p.body.added.map((a) => [a.email, a.staff_type]), [['new.starter@demo.school', 'teacher']]);
  assert.deepEqual(p.body.changed.map((c) => [c.email, c.changes]),
    [['teacher@demo.school', [{ field: 'job_title', label: 'Job title', from: 'Teacher of PE', to: 'Head of PE',
      from_shown: 'Teacher of PE', to_shown: 'Head of PE' }]]]);
  assert.deepEqual(p.body.possibly_left.map((l) => l.email), ['supply@demo.school']);
  assert.equal(p.body.unchanged, rows.length - 2);
  assert.ok(p.body.csv && /^[0-9a-f]{64}$/.test(p.body.stamp));
  // nothing written before confirming
  assert.equal(count('users'), users);
  assert.equal(count('audit'), audits);
  assert.equal(sql(s.db, "SELECT job_title FROM users WHERE email = 'teacher@demo.school'"), 'Teacher of PE');

  const c = await admin.post('/admin/import/confirm', { csv: p.body.csv, stamp: p.body.stamp });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.added, 1);
  assert.equal(c.body.changed, 1);
  assert.equal(sql(s.db, "SELECT job_title FROM users WHERE email = 'teacher@demo.school'"), 'Head of PE');
  assert.equal(sql(s.db, "SELECT name || '|' || staff_type || '|' || active FROM users WHERE email = 'new.starter@demo.school'"),
    'Nia Starter|teacher|1');
  assert.equal(sql(s.db, "SELECT active FROM users WHERE email = 'supply@demo.school'"), '1', 'the leaver is not deactivated by the file');
  // audited: one row per person changed or added, and a summary
  assert.equal(sql(s.db, "SELECT detail FROM audit WHERE action = 'staff.sync_update' AND object = 'teacher@demo.school'"),
    'Job title: Teacher of PE → Head of PE');
  assert.equal(count("audit WHERE action = 'staff.add' AND object = 'new.starter@demo.school'"), 1);
  assert.match(sql(s.db, "SELECT detail FROM audit WHERE action = 'staff.sync'"), /added=1 changed=1 .*possibly_left=1/);
  assert.equal(count('audit'), audits + 3);

  // the same confirmation again is stale: the list has changed since
  const again = await admin.post('/admin/import/confirm', { csv: p.body.csv, stamp: p.body.stamp });
  assert.equal(again.status, 409);

  // the leaver is listed until their leaving is confirmed on their page
  const page = await admin.get('/admin/import');
  assert.deepEqual(page.body.possibly_left.map((l) => l.email), ['supply@demo.school']);
  const html = await admin.page('/admin/import');
  assert.match(html.text, /Possibly left[\s\S]*href="\/admin\/staff\/\d+#leaving"/);
  const id = sql(s.db, "SELECT id FROM users WHERE email = 'supply@demo.school'");
  const left = await admin.post(`/admin/staff/${id}/deactivate`, {});
  assert.equal(left.status, 200);
  assert.equal(sql(s.db, `SELECT active FROM users WHERE id = ${id}`), '0');
  assert.deepEqual((await admin.get('/admin/import')).body.possibly_left, []);
});

test('staff types: any case, and the common spellings; an unknown one is refused', async () => {
  const text = [HEADER,
    'a.one@demo.school,A One,,,Support Staff',
    'a.two@demo.school,A Two,,,TEACHING',
    'a.three@demo.school,A Three,,,supply teacher',
    'a.four@demo.school,A Four,,,Non-Teaching',
    'a.five@demo.school,A Five,,,  Volunteer ',
    'a.six@demo.school,A Six,,,',
  ].join('\n') + '\n';
  const p = await upload(admin, text);
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.body.added.map((a) => a.staff_type), ['support', 'teacher', 'supply', 'support', 'volunteer', 'teacher']);
  const bad = await upload(admin, `${HEADER}\na.seven@demo.school,A Seven,,,astronaut\n`);
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.line), [2]);
  assert.match(bad.body.errors[0].error, /staff type/);
});

test('an empty name cell keeps a listed person\'s name; a new person still needs one', async () => {
  const users = count('users'), audits = count('audit');
  const name = sql(s.db, "SELECT name FROM users WHERE email = 'teacher@demo.school'");
  const p = await upload(admin, `${HEADER}\nteacher@demo.school,,Head of Year 9,,\n`);
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.body.errors, []);
  assert.deepEqual(p.body.changed.map((c) => [c.email, c.name, c.changes.map((x) => x.field)]),
    [['teacher@demo.school', name, ['job_title']]]);
  const added = await upload(admin, `${HEADER}\nnameless@demo.school,,Teacher,,\n`);
  assert.equal(added.status, 400);
  assert.match(added.body.errors[0].error, /name is required/);
  assert.equal(count('users'), users);
  assert.equal(count('audit'), audits);
  assert.equal(sql(s.db, "SELECT name FROM users WHERE email = 'teacher@demo.school'"), name);
});

test('bad lines: each named by its line number, no confirmation offered, nothing written', async () => {
  const users = count('users'), audits = count('audit');
  const p = await upload(admin, [HEADER,
    'fine@demo.school,Fine,,,teacher',
    'not-an-email,Bob,,,support',
    'c@demo.school,,,,teacher',
    'fine@demo.school,Fine Again,,,teacher',
    'too,few,columns',
    'd@demo.school,"   ",,,teacher',
  ].join('\n') + '\n');
  assert.equal(p.status, 400);
  assert.deepEqual(p.body.errors.map((e) => e.line), [3, 4, 5, 6, 7]);
  assert.match(p.body.errors[0].error, /e-mail/);
  assert.match(p.body.errors[2].error, /twice/);
  assert.equal(p.body.errors[4].error, p.body.errors[1].error, 'a name of only spaces is no name');
  assert.equal(p.body.can_confirm, false);
  assert.equal(p.body.csv, undefined);
  const header = await upload(admin, 'mail,name\nz@demo.school,Zed\n');
  assert.equal(header.status, 400);
  assert.deepEqual(header.body.errors.map((e) => e.line), [1]);
  const html = await upload(admin, `${HEADER}\nnot-an-email,Bob,,,support\n`, { json: false });
  assert.equal(html.status, 400);
  assert.match(html.text, /Line 2:/);
  assert.doesNotMatch(html.text, /action="\/admin\/import\/confirm"/);
  // a damaged copy of the file, or none
  let r = await admin.post('/admin/import/confirm', { csv: '%%%', stamp: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'csv');
  r = await admin.post('/admin/import/confirm', { stamp: 'x' });
  assert.equal(r.status, 400);
  r = await admin.request('POST', '/admin/import', { multipart: new FormData() });
  assert.equal(r.status, 400);
  assert.equal(count('users'), users);
  assert.equal(count('audit'), audits);
});

test('a refused line is the line of the file: blank lines and line breaks in quoted cells counted', async () => {
  const users = count('users');
  const p = await upload(admin, [HEADER,
    'fine@demo.school,Fine,,,teacher',
    '',
    'not-an-email,Bob,,,support',
    'e@demo.school,Eve,"Teacher of\r\nmaths",,teacher',
    'f@demo.school,Fay,,,cook',
  ].join('\r\n') + '\r\n');
  assert.equal(p.status, 400);
  // (a job title of two lines is refused too, by the line it starts on)
  assert.deepEqual(p.body.errors.map((e) => e.line), [4, 5, 7]);
  assert.match(p.body.errors[2].error, /staff type/);
  const wide = await upload(admin, `${HEADER}\r\n\r\nz@demo.school,Zed,,,teacher${','.repeat(60)}\r\n`);
  assert.deepEqual(wide.body.errors.map((e) => e.line), [3]);
  assert.match(wide.body.errors[0].error, /more than 64 columns/);
  assert.equal(count('users'), users);
});

test('a stale preview is refused with 409 and writes nothing', async () => {
  const rows = currentFile();
  rows.push({ email: 'late@demo.school', name: 'Late Starter', job_title: '', department: '', staff_type: 'support' });
  const p = await upload(admin, toCsv(rows));
  assert.equal(p.status, 200, p.text);
  const id = sql(s.db, "SELECT id FROM users WHERE email = 'ta@demo.school'");
  const edit = await admin.post(`/admin/staff/${id}`, [['name', 'Fatima Khan-Ali'], ['staff_type', 'support'], ['job_title', 'Teaching assistant'], ['department', 'Year 3']]);
  assert.equal(edit.status, 200, edit.text);
  const audits = count('audit');
  const c = await admin.post('/admin/import/confirm', { csv: p.body.csv, stamp: p.body.stamp });
  assert.equal(c.status, 409);
  assert.equal(c.body.field, 'stamp');
  assert.match(c.body.error, /changed since this preview/);
  const html = await admin.request('POST', '/admin/import/confirm', { form: { csv: p.body.csv, stamp: p.body.stamp }, json: false });
  assert.equal(html.status, 409);
  assert.match(html.text, /The staff list has changed since this preview was made/);
  assert.equal(count("users WHERE email = 'late@demo.school'"), 0);
  assert.equal(count('audit'), audits);
  // a file other than the one previewed is refused the same way
  const other = await upload(admin, toCsv(currentFile()));
  const mixed = await admin.post('/admin/import/confirm', { csv: p.body.csv, stamp: other.body.stamp });
  assert.equal(mixed.status, 409);
});

test('without JavaScript: the preview page carries the file, and confirming goes back to the import page', async () => {
  const rows = currentFile();
  rows.push({ email: 'html.starter@demo.school', name: 'Hal Starter', job_title: '', department: '', staff_type: 'Support staff' });
  const p = await upload(admin, toCsv(rows), { json: false });
  assert.equal(p.status, 200);
  assert.match(p.text, /New people \(1\)/);
  const csv = p.text.match(/name="csv" value="([^"]*)"/)[1];
  const stamp = p.text.match(/name="stamp" value="([0-9a-f]{64})"/)[1];
  const c = await admin.request('POST', '/admin/import/confirm', { form: { csv, stamp }, json: false });
  assert.equal(c.status, 303);
  assert.equal(c.headers.get('location'), '/admin/import');
  assert.equal(sql(s.db, "SELECT staff_type FROM users WHERE email = 'html.starter@demo.school'"), 'support');
});

test('the template CSV', async () => {
  const r = await admin.get('/admin/import/template.csv');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="?staff-template\.csv/);
  // The byte-order mark every CSV handed out starts with; the import skips it.
  assert.equal(r.bytes.subarray(0, 3).toString('hex'), 'efbbbf');
  const lines = r.text.slice(1).trim().split(/\r?\n/);
  assert.equal(lines.length, 2);
  assert.equal(lines[0], HEADER);
  const p = await upload(admin, r.bytes);
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.added.length, 1);
  assert.match((await admin.page('/admin/import')).text, /href="\/admin\/import\/template.csv"/);
});

test('only an administrator imports', async () => {
  const teacher = await s.login('teacher@demo.school');
  const head = await s.login('head@demo.school');
  for (const c of [teacher, head]) {
    assert.equal((await c.get('/admin/import')).status, 403);
    assert.equal((await c.get('/admin/import/template.csv')).status, 403);
    assert.equal((await upload(c, `${HEADER}\nx@demo.school,X,,,teacher\n`)).status, 403);
    assert.equal((await c.post('/admin/import/confirm', { csv: 'eA', stamp: 'x' })).status, 403);
  }
  assert.equal(count("users WHERE email = 'x@demo.school'"), 0);
});

test('before a leaving date: what the person leads, only as far as the admin may open it', async () => {
  const lead = sql(s.db, "SELECT lead_id FROM social_accounts WHERE status = 'active' ORDER BY id LIMIT 1");
  const account = sql(s.db, `SELECT id FROM social_accounts WHERE lead_id = ${lead} AND status = 'active' ORDER BY name LIMIT 1`);
  const [open, hidden] = sql(s.db, 'SELECT id FROM concerns ORDER BY id LIMIT 2').split('\n');
  const adminBit = sql(s.db, "SELECT bit FROM role_bits WHERE role = 'admin'");
  sql(s.db, `UPDATE concerns SET assignee_id = ${lead}, status = 'investigating', about_id = NULL, recipient_mask = recipient_mask | ${adminBit} WHERE id = ${open}`);
  sql(s.db, `UPDATE concerns SET assignee_id = ${lead}, status = 'investigating', recipient_mask = recipient_mask & ~${adminBit} WHERE id = ${hidden}`);
  // An administrator who does not oversee accounts may not open them: none listed.
  let r = await admin.get(`/admin/staff/${lead}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.user.handover.accounts, []);
  // As moderator too (given on the command line: nobody gives themselves a
  // role that receives concerns), they see the account; the second case,
  // which they may not open, is neither listed nor counted.
  const grant = cli(['user', 'roles', '--db', s.db, '--email', 'admin@demo.school', '--set', 'admin,moderator']);
  assert.equal(grant.code, 0, grant.stderr);
  admin = await s.login('admin@demo.school');
  r = await admin.get(`/admin/staff/${lead}`);
  const h = r.body.user.handover;
  assert.ok(h.accounts.some((a) => String(a.id) === account), 'the account they lead');
  assert.deepEqual(h.cases.map((c) => String(c.id)), [open]);
  assert.equal(h.leads_nothing, false);
  const html = await admin.page(`/admin/staff/${lead}`);
  assert.match(html.text, /Before they leave: what they lead/);
  assert.match(html.text, new RegExp(`href="/accounts/${account}"`));
  assert.match(html.text, new RegExp(`href="/concerns/${open}"`));
  assert.doesNotMatch(html.text, new RegExp(`href="/concerns/${hidden}"`));
  // and the leaving can still be confirmed
  assert.match(html.text, /action="\/admin\/staff\/\d+\/deactivate"/);
  const someone = sql(s.db, "SELECT id FROM users WHERE email = 'volunteer@demo.school'");
  const none = await admin.get(`/admin/staff/${someone}`);
  assert.equal(none.body.user.handover.leads_nothing, true);
});

test('the command line: updates people already on the list and adds new ones, never deactivates', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-sync-'));
  const db = path.join(dir, 'cli.db');
  assert.equal(cli(['init', '--db', db]).code, 0);
  const file = path.join(dir, 'staff.csv');
  writeFileSync(file, `${HEADER}\na@x.school,Ann,Teacher,Maths,teacher\nb@x.school,Ben,TA,Year 1,Support Staff\n`);
  let r = cli(['import-staff', '--db', db, file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /added 2, updated 0/);
  writeFileSync(file, `${HEADER}\nA@X.school,Ann,Head of maths,Maths,TEACHING\nc@x.school,Cy,,,volunteer\n`);
  r = cli(['import-staff', '--db', db, file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /added 1, updated 1/);
  assert.match(r.stdout, /possibly left \(not deactivated\): b@x\.school/);
  assert.equal(sql(db, "SELECT job_title FROM users WHERE email = 'a@x.school'"), 'Head of maths');
  assert.equal(sql(db, "SELECT active || staff_type FROM users WHERE email = 'b@x.school'"), '1support');
  assert.equal(sql(db, "SELECT count(*) FROM audit WHERE action = 'staff.sync_update'"), '1');
  rmSync(dir, { recursive: true });
});

test('a file near the size limit previews and confirms through the form; a larger one is refused', async () => {
  const rows = currentFile();
  const pad = 'x'.repeat(60);
  for (let i = 0; i < 3600; i++) rows.push({ email: `big${i}@demo.school`, name: `Person ${i} ${pad}`, job_title: 'Teaching assistant', department: 'Year 2', staff_type: 'support' });
  const text = toCsv(rows);
  assert.ok(text.length > 400 * 1024 && text.length <= 512 * 1024, String(text.length));
  const p = await upload(admin, text, { json: false });
  assert.equal(p.status, 200);
  const csv = p.text.match(/name="csv" value="([^"]*)"/)[1];
  const stamp = p.text.match(/name="stamp" value="([0-9a-f]{64})"/)[1];
  const c = await admin.request('POST', '/admin/import/confirm', { form: { csv, stamp }, json: false });
  assert.equal(c.status, 303, c.text.slice(0, 300));
  assert.equal(count("users WHERE email LIKE 'big%@demo.school'"), 3600);
  const users = count('users');
  const big = await upload(admin, text + text.slice(HEADER.length + 2));
  assert.equal(big.status, 400);
  assert.equal(big.body.field, 'file');
  assert.equal(count('users'), users);
});

test('someone missing from the file with a leaving date set: the date reads as a UK date', async () => {
  const on = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  const set = await admin.post(`/admin/staff/${sql(s.db, "SELECT id FROM users WHERE email = 'ta@demo.school'")}/deactivate`,
    { left_on: on });
  assert.equal(set.status, 200, set.text);
  const rows = currentFile().filter((r) => r.email !== 'ta@demo.school');
  const p = await upload(admin, toCsv(rows));
  assert.equal(p.status, 200, p.text);
  const ta = p.body.possibly_left.find((l) => l.email === 'ta@demo.school');
  assert.match(ta.leaving_on, /^\d{4}-\d\d-\d\d$/, 'JSON keeps the ISO date');
  const shown = new RegExp(`leaves on <time datetime="${ta.leaving_on}">\\d{1,2} [A-Z][a-z]{2} \\d{4}</time>`);
  assert.match((await upload(admin, toCsv(rows), { json: false })).text, shown);
  const c = await admin.post('/admin/import/confirm', { csv: p.body.csv, stamp: p.body.stamp });
  assert.equal(c.status, 200, c.text);
  assert.match((await admin.page('/admin/import')).text, shown);
});
