// Training records: one at a time, by CSV upload (all rows or none), the
// course list, and who sees what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (table, where = '1') => Number(sql(s.db, `SELECT count(*) FROM ${table} WHERE ${where}`));

function upload(c, csv, name = 'training.csv') {
  const fd = new FormData();
  fd.append('file', new Blob([csv], { type: 'text/csv' }), name);
  return c.request('POST', '/training/import', { multipart: fd });
}

test('everyone sees only their own records; the demo has current and expired training', async () => {
  const t = await s.login('teacher@demo.school');
  const r = await t.get('/training');
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.body.training));
  assert.equal(r.body.training.length, 1);
  assert.equal(r.body.training[0].email, 'teacher@demo.school');
  assert.equal(r.body.training[0].course, 'safeguarding');
  assert.equal(r.body.training[0].current, true);
  const n = await s.login('network@demo.school');
  const mine = (await n.get('/training')).body.training;
  assert.equal(mine.length, 1);
  assert.equal(mine[0].course, 'social_media_policy');
  assert.equal(mine[0].expired, true);
  assert.equal(mine[0].current, false);
  const page = await t.page('/training');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /action="\/training"/, 'no recording form for plain staff');
  assert.doesNotMatch(page.text, /Daniel Reid|Helen Ashworth/);
  const head = await s.login('head@demo.school');
  const all = (await head.get('/training')).body.training;
  assert.ok(all.length >= 7);
  assert.ok(new Set(all.map((x) => x.email)).size > 1, 'leaders see everyone');
});

test('a leader records training for one person: 201, audited, visible to that person', async () => {
  const head = await s.login('bursar@demo.school');
  const r = await head.post('/training', { email: 'SUPPLY@demo.school', course: 'social_media_policy', completed_on: daysFromNow(-3), expires_on: daysFromNow(362) });
  assert.equal(r.status, 201);
  assert.ok(r.body.training.id > 0);
  const sp = await s.login('supply@demo.school');
  const mine = (await sp.get('/training')).body.training;
  assert.equal(mine.length, 1);
  assert.equal(mine[0].current, true);
  assert.equal(count('audit', "action = 'training.record' AND actor = 'bursar@demo.school'"), 1);
  const none = await head.post('/training', { email: 'volunteer@demo.school', course: 'safeguarding', completed_on: daysFromNow(-1) });
  assert.equal(none.status, 201, 'expires_on is optional');
  assert.equal(none.body.training.expires_on, null);
  const html = await head.request('POST', '/training', { json: false, form: { email: 'ta@demo.school', course: 'social_media_policy', completed_on: daysFromNow(-1) } });
  assert.equal(html.status, 303);
  assert.equal(html.headers.get('location'), '/training');
});

test('bad input: 400 naming the field, 409 for a duplicate, and nothing stored', async () => {
  const head = await s.login('head@demo.school');
  const good = { email: 'science@demo.school', course: 'safeguarding', completed_on: daysFromNow(-10), expires_on: daysFromNow(700) };
  const before = count('training');
  const cases = [
    [{ ...good, email: 'nobody@demo.school' }, 400, 'email'],
    [{ ...good, email: 'not-an-email' }, 400, 'email'],
    [{ ...good, course: 'first_aid' }, 400, 'course'],
    [{ ...good, course: undefined }, 400, 'course'],
    [{ ...good, completed_on: '2026-13-01' }, 400, 'completed_on'],
    [{ ...good, completed_on: daysFromNow(5) }, 400, 'completed_on'],
    [{ ...good, expires_on: daysFromNow(-20) }, 400, 'expires_on'],
    [{ ...good, expires_on: 'soon' }, 400, 'expires_on'],
  ];
  for (const [form, status, field] of cases) {
    const f = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined));
    const r = await head.post('/training', f);
    assert.equal(r.status, status, JSON.stringify(f));
    assert.equal(r.body.field, field, JSON.stringify(f));
  }
  assert.equal(count('training'), before);
  assert.equal((await head.post('/training', good)).status, 201);
  const dup = await head.post('/training', good);
  assert.equal(dup.status, 409);
  assert.equal(count('training'), before + 1);
  const page = await head.request('POST', '/training', { json: false, form: { ...good, email: 'nobody@demo.school' } });
  assert.equal(page.status, 400);
  assert.match(page.text, /<p class="field-error" id="e-email">No one on the staff list has this e-mail address/);
  assert.match(page.text, /value="nobody@demo.school"/);
});

test('only leaders record or upload; plain staff and governors get 403', async () => {
  for (const who of ['teacher@demo.school', 'governor@demo.school', 'moderator@demo.school']) {
    const c = await s.login(who);
    const r = await c.post('/training', { email: 'teacher@demo.school', course: 'safeguarding', completed_on: daysFromNow(-1) });
    assert.equal(r.status, 403, who);
    assert.equal((await upload(c, 'email,course,completed_on,expires_on\n')).status, 403, who);
  }
});

test('a CSV upload stores every row, each audited', async () => {
  const head = await s.login('deputy@demo.school');
  const before = count('training');
  const csv = `email,course,completed_on,expires_on\r\nta@demo.school,safeguarding,${daysFromNow(-2)},${daysFromNow(700)}\r\n"moderator@demo.school","social_media_policy",${daysFromNow(-1)},\r\n`;
  const r = await upload(head, csv);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.imported, 2);
  assert.equal(count('training'), before + 2);
  assert.equal(count('audit', "action = 'training.record' AND actor = 'deputy@demo.school'"), 2);
  assert.equal(count('audit', "action = 'training.import'"), 1);
  assert.equal(count('training', "expires_on IS NULL AND user_id = (SELECT id FROM users WHERE email = 'moderator@demo.school')"), 1);
});

test('a CSV with a bad row imports nothing and reports errors by line', async () => {
  const head = await s.login('head@demo.school');
  const before = count('training');
  const auditBefore = count('audit');
  const csv = [
    'email,course,completed_on,expires_on',
    `teacher@demo.school,social_media_policy,${daysFromNow(-1)},${daysFromNow(364)}`,
    `ghost@demo.school,safeguarding,${daysFromNow(-1)},`,
    `science@demo.school,cooking,${daysFromNow(-1)},`,
    `ta@demo.school,safeguarding,2026-02-31,`,
    `dsl@demo.school,safeguarding,${daysFromNow(-1)}`,
    `admin@demo.school,safeguarding,${daysFromNow(-1)},${daysFromNow(-5)}`,
  ].join('\n') + '\n';
  const r = await upload(head, csv);
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.line), [3, 4, 5, 6, 7]);
  assert.match(r.body.errors[0].error, /email/);
  assert.match(r.body.errors[1].error, /course/);
  assert.match(r.body.errors[2].error, /completed_on/);
  assert.match(r.body.errors[3].error, /4 columns/);
  assert.match(r.body.errors[4].error, /expires_on/);
  assert.equal(count('training'), before, 'the good row was not stored either');
  assert.equal(count('audit'), auditBefore);
  const page = await head.request('POST', '/training/import', { json: false, multipart: (() => { const fd = new FormData(); fd.append('file', new Blob([csv]), 'x.csv'); return fd; })() });
  assert.equal(page.status, 400);
  assert.match(visibleText(page.text), /Line 3: email: No one on the staff list/);
  assert.match(page.text, /Nothing was imported/);
});

test('a CSV with a wrong header, bad quoting or a duplicate inside it imports nothing', async () => {
  const head = await s.login('head@demo.school');
  const before = count('training');
  let r = await upload(head, 'mail,course,done,expires\nteacher@demo.school,safeguarding,2026-01-01,\n');
  assert.equal(r.status, 400);
  assert.equal(r.body.errors[0].line, 1);
  r = await upload(head, 'email,course,completed_on,expires_on\n"teacher@demo.school,safeguarding,2026-01-01,\n');
  assert.equal(r.status, 400);
  r = await upload(head, 'email,course,completed_on,expires_on\n');
  assert.equal(r.status, 400);
  const line = `network@demo.school,safeguarding,${daysFromNow(-4)},`;
  r = await upload(head, `email,course,completed_on,expires_on\n${line}\n${line}\n`);
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.line), [3]);
  assert.match(r.body.errors[0].error, /already recorded/);
  assert.equal((await head.request('POST', '/training/import', { form: {} })).status, 400, 'no file');
  assert.equal(count('training'), before);
});

test('an upload with no file or two names the field by its label, CSV file', async () => {
  const head = await s.login('head@demo.school');
  const before = [count('training'), count('audit')];
  const send = (...files) => {
    const fd = new FormData();
    for (const [i, csv] of files.entries()) fd.append('file', new Blob([csv], { type: 'text/csv' }), `t${i}.csv`);
    return head.request('POST', '/training/import', { multipart: fd });
  };
  let r = await send();
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'file');
  assert.equal(r.body.error, 'Choose the CSV file.');
  const csv = `email,course,completed_on,expires_on\nteacher@demo.school,safeguarding,${daysFromNow(-30)},\n`;
  r = await send(csv, csv);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'file');
  assert.equal(r.body.error, 'CSV file takes at most 1 file.');
  assert.deepEqual([count('training'), count('audit')], before, 'nothing stored or recorded');
});

test('a refused row names the line of the file it starts on, blank lines and line breaks in cells counted', async () => {
  const head = await s.login('head@demo.school');
  const before = count('training');
  const csv = [
    'email,course,completed_on,expires_on',
    `science@demo.school,safeguarding,${daysFromNow(-2)},`,
    '',
    `ghost@demo.school,safeguarding,${daysFromNow(-2)},`,
    `"ta@demo.school","safe\r\nguarding",${daysFromNow(-2)},`,
    `nobody@demo.school,safeguarding,${daysFromNow(-2)},`,
  ].join('\r\n') + '\r\n';
  const r = await upload(head, csv);
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.line), [4, 5, 7]);
  assert.match(r.body.errors[1].error, /course/);
  assert.equal(count('training'), before);
});

test('every problem of a file at once: a duplicate after a refused row is reported with it', async () => {
  const head = await s.login('head@demo.school');
  const before = count('training'), audits = count('audit');
  const dup = `network@demo.school,safeguarding,${daysFromNow(-9)},`;
  const r = await upload(head, ['email,course,completed_on,expires_on',
    `ghost@demo.school,safeguarding,${daysFromNow(-9)},`, dup, dup].join('\n') + '\n');
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.line), [2, 4]);
  assert.match(r.body.errors[1].error, /already recorded/);
  assert.equal(count('training'), before, 'a refused file writes nothing');
  assert.equal(count('audit'), audits);
});

test('a file libcsv cannot read is explained in plain words, by its line', async () => {
  const head = await s.login('head@demo.school');
  const page = (csv) => head.request('POST', '/training/import', { json: false, multipart: (() => {
    const fd = new FormData(); fd.append('file', new Blob([csv]), 'x.csv'); return fd; })() });
  const header = 'email,course,completed_on,expires_on\r\n';
  let r = await upload(head, header + '\r\nteacher@demo.school,"safeguarding" course,2026-01-01,\r\n');
  assert.equal(r.status, 400);
  assert.equal(r.body.errors[0].line, 3);
  assert.match(r.body.errors[0].error, /quotation mark .* Put the whole cell in quotes and write the mark twice/);
  let text = visibleText((await page(header + 'q@demo.school,Jo "JJ" Smith,2026-01-01,\r\n')).text);
  assert.match(text, /Line 2: A cell on this line has a quotation mark/);
  assert.doesNotMatch(text, /strict checking|parsing data|record 2/);
  r = await upload(head, header + '"teacher@demo.school,safeguarding,2026-01-01,\r\n');
  assert.equal(r.body.errors[0].line, 2);
  assert.match(r.body.errors[0].error, /never closed/);
  // A file not in UTF-8 is named by the first line that is not.
  text = visibleText((await page(Buffer.concat([Buffer.from(header + 'Zo'), Buffer.from([0xeb, 0x0d, 0x0a])]))).text);
  assert.match(text, /Line 2: This line is not UTF-8 text/);
  assert.doesNotMatch(text, /Line 0/);
});

test('more than 64 columns is named by its line, not called a file too large', async () => {
  const head = await s.login('head@demo.school');
  const r = await upload(head, 'email,course,completed_on,expires_on\r\n' +
    `teacher@demo.school,safeguarding,${daysFromNow(-1)}` + ','.repeat(62) + '\r\n');
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.line), [2]);
  assert.match(r.body.errors[0].error, /more than 64 columns/);
  assert.doesNotMatch(r.body.errors[0].error, /too large|records/);
});

test('the administrator keeps the course list; new courses can be recorded against', async () => {
  const a = await s.login('admin@demo.school');
  const head = await s.login('head@demo.school');
  assert.equal((await head.get('/admin/courses')).status, 403);
  assert.equal((await head.post('/admin/courses', { code: 'first_aid', title: 'First aid' })).status, 403);
  const list = await a.page('/admin/courses');
  assert.equal(list.status, 200);
  assert.match(list.text, /social_media_policy/);
  assert.match(list.text, /<label for="f-code">/);
  for (const code of ['First_aid', '1aid', 'first-aid', 'x'.repeat(65)]) {
    const r = await a.post('/admin/courses', { code, title: 'First aid' });
    assert.equal(r.status, 400, code);
    assert.equal(r.body.field, 'code');
  }
  assert.equal((await a.post('/admin/courses', { code: 'first_aid' })).body.field, 'title');
  const spaces = await a.post('/admin/courses', { code: 'first_aid', title: '   ' });
  assert.equal(spaces.status, 400, 'a title of only spaces is no title');
  assert.equal(spaces.body.field, 'title');
  assert.equal(count('courses', "code = 'first_aid'"), 0);
  const ok = await a.post('/admin/courses', { code: 'first_aid', title: 'Paediatric first aid' });
  assert.equal(ok.status, 201);
  assert.equal((await a.post('/admin/courses', { code: 'first_aid', title: 'Again' })).status, 409);
  assert.equal(count('audit', "action = 'course.add' AND object = 'first_aid'"), 1);
  const r = await head.post('/training', { email: 'teacher@demo.school', course: 'first_aid', completed_on: daysFromNow(-1) });
  assert.equal(r.status, 201);
  const page = await a.page('/training');
  assert.match(page.text, /href="\/admin\/courses"/);
  // Each course's number of records is kept, and agrees with the records after every change.
  const counted = () => sql(s.db, "SELECT group_concat(course || '=' || n) FROM (SELECT course, count(*) AS n FROM training " +
    'GROUP BY course ORDER BY course)');
  const shown = async () => (await a.get('/admin/courses')).body.courses.filter((c) => c.records > 0)
    .map((c) => `${c.code}=${c.records}`).sort().join(',');
  assert.equal(await shown(), counted());
  assert.match(counted(), /first_aid=1/);
  sql(s.db, "UPDATE training SET course = 'first_aid' WHERE id = (SELECT min(id) FROM training WHERE course = 'safeguarding')");
  assert.equal(await shown(), counted(), 'a record moved to another course');
  assert.match(counted(), /first_aid=2/);
  sql(s.db, "DELETE FROM training WHERE course = 'first_aid'");
  assert.equal(await shown(), counted(), 'records deleted');
  assert.equal((await a.get('/admin/courses')).body.courses.find((c) => c.code === 'first_aid').records, 0);
});
