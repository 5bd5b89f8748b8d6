// Evidence rules: no file at all in a sexting report (UKCIS, "Sharing nudes
// and semi-nudes", 2024: staff never copy, store or save such images), and a
// stored file's name takes the extension of the type found in its bytes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { PNG, JPEG, PDF, report, file, counts } from './concern_helpers.mjs';

let s;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['head', 'dsl', 'teacher']) c[who] = await s.login(`${who}@demo.school`);
});
after(async () => { await s.stop(); });

const tables = () => ({ ...counts(s.db), notifications: Number(sql(s.db, 'SELECT count(*) FROM notifications')),
  audit: Number(sql(s.db, 'SELECT count(*) FROM audit')) });

test('a sexting report refuses every file, whatever its name or type, and stores nothing', async () => {
  const files = [
    { name: 'photo.png', data: PNG, type: 'image/png' },
    { name: 'photo.jpg', data: JPEG, type: 'image/jpeg' },
    { name: 'scan.pdf', data: PDF, type: 'application/pdf' },
    { name: 'notes.txt', data: Buffer.from('Where the image is: Year 10 group chat.\n'), type: 'text/plain' },
    { name: 'innocent.txt', data: PNG, type: 'text/plain' },
    { name: 'nothing', data: Buffer.from('x'), type: 'application/octet-stream' },
  ];
  for (const f of files) {
    const before = tables();
    const r = await report(c.teacher, { category: 'sexting', summary: 'Image shared among pupils' }, [f]);
    assert.equal(r.status, 400, `${f.name}: ${r.text}`);
    assert.equal(r.body.field, 'evidence');
    assert.match(r.body.error, /must never view, copy, print, share, store or save such images/);
    assert.match(r.body.error, /describe where the image is/);
    assert.match(r.body.error, /Nothing has been stored/);
    assert.deepEqual(tables(), before, f.name);
  }
  // a browser gets the form back, with what was typed and the reason by the field
  const fd = new FormData();
  fd.append('category', 'sexting'); fd.append('summary', 'typed summary');
  fd.append('evidence', new Blob([PNG], { type: 'image/png' }), 'p.png');
  const page = await c.teacher.request('POST', '/concerns', { json: false, multipart: fd });
  assert.equal(page.status, 400);
  assert.match(page.text, /value="typed summary"/);
  assert.match(page.text, /class="field-error" id="e-evidence">Do not attach any file/);
  // described instead of attached: accepted
  const ok = await file(c.teacher, { category: 'sexting', summary: 'Described', details: 'On a Year 10 pupil\'s phone, in Snapchat.' });
  assert.equal(Number(sql(s.db, `SELECT count(*) FROM evidence WHERE concern_id = ${ok.id}`)), 0);
});

test('the report form says up front, by the evidence field, that a sexting report takes no file', async () => {
  const r = await c.teacher.page('/concerns/new');
  const field = r.text.slice(r.text.indexOf('<label for="f-evidence"'), r.text.indexOf('<input id="f-evidence"'));
  assert.match(visibleText(field), /Nude or semi-nude image of a young person: attach no file at all, not even a screenshot\./);
  assert.match(r.text, /<input id="f-evidence" name="evidence" type="file" aria-describedby="evidence-sexting"/);
});

test('a picture already stored in a sexting case is never shown inline', async () => {
  const { id } = await file(c.teacher, { category: 'sexting', summary: 'Older case' });
  // as a database from before the rule would hold it
  sql(s.db, `INSERT INTO evidence(concern_id, filename, type, size, sha256, bytes, added_at, added_by) VALUES (${id}, 'x.png', 'image/png', ${PNG.length}, 'x', X'${PNG.toString('hex')}', '2026-01-01T00:00:00Z', 1)`);
  const ev = (await c.dsl.get(`/concerns/${id}`)).body.concern.evidence[0];
  assert.equal(ev.image, false);
  const d = await c.dsl.get(`${ev.url}?inline=yes`, { json: false });
  assert.equal(d.status, 200);
  assert.match(d.headers.get('content-disposition'), /^attachment; /);
  assert.match(d.headers.get('content-security-policy'), /; sandbox$/, 'evidence opened as a page runs nothing');
  assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(!(await c.dsl.page(`/concerns/${id}`)).text.includes(`<img src="${ev.url}`));
});

test('a file is stored, listed, audited and served under a name with the extension of its contents', async () => {
  const text = Buffer.from('Posted at 14:05 on Tuesday.\n');
  const files = [
    { name: 'x.html', data: text, type: 'text/html', want: 'x.txt' },
    { name: 'run.js', data: text, type: 'text/javascript', want: 'run.txt' },
    { name: 'app.hta', data: text, type: 'application/hta', want: 'app.txt' },
    { name: 'logo.svg', data: text, type: 'image/svg+xml', want: 'logo.txt' },
  ];
  const r1 = await file(c.teacher, { category: 'other', summary: 'names' }, files);
  const r2 = await file(c.teacher, { category: 'other', summary: 'more names' }, [
    { name: 'shot.gif', data: PNG, type: 'image/gif', want: 'shot.png' },
    { name: 'photo.jpeg.exe', data: JPEG, want: 'photo.jpeg.jpg' },
    { name: 'letter', data: PDF, want: 'letter.pdf' },
    { name: '.html', data: text, want: 'evidence.txt' },
    { name: 'notes.txt', data: text, want: 'notes.txt' },
  ]);
  const wanted = [...files.map((f) => f.want), 'shot.png', 'photo.jpeg.jpg', 'letter.pdf', 'evidence.txt', 'notes.txt'];
  const ev = [...(await c.head.get(`/concerns/${r1.id}`)).body.concern.evidence, ...(await c.head.get(`/concerns/${r2.id}`)).body.concern.evidence];
  assert.deepEqual(ev.map((e) => e.filename), wanted);
  const mine = (await c.teacher.get(`/concerns/mine/${r1.id}`)).body.concern;
  assert.deepEqual(mine.evidence.map((e) => e.filename), wanted.slice(0, 4));
  assert.deepEqual(mine.events.filter((e) => e.action === 'evidence').map((e) => e.what), wanted.slice(0, 4).map((n) => `Evidence added: ${n}`));
  for (let i = 0; i < ev.length; i++) {
    const d = await c.head.get(ev[i].url, { json: false });
    assert.equal(d.headers.get('content-disposition'), `attachment; filename="${wanted[i]}"; filename*=UTF-8''${wanted[i]}`);
    assert.equal(sql(s.db, `SELECT detail FROM audit WHERE action = 'evidence.download' ORDER BY id DESC LIMIT 1`), `evidence=${ev[i].id}`, 'the number, never the file\'s name');
  }
  const html = (await c.head.page(`/concerns/${r1.id}`)).text;
  assert.ok(!/x\.html|run\.js|app\.hta|logo\.svg/.test(html), 'the uploaded names never appear');
  // a row stored before the rule is served under the fixed name too
  sql(s.db, `INSERT INTO evidence(concern_id, filename, type, size, sha256, bytes, added_at, added_by) VALUES (${r1.id}, 'old.html', 'text/plain', 2, 'x', X'6869', '2026-01-01T00:00:00Z', 1)`);
  const old = (await c.head.get(`/concerns/${r1.id}`)).body.concern.evidence.at(-1);
  assert.equal(old.filename, 'old.txt');
  assert.equal(old.size_words, '2 bytes');
  sql(s.db, `INSERT INTO evidence(concern_id, filename, type, size, sha256, bytes, added_at, added_by) VALUES (${r1.id}, 'one.txt', 'text/plain', 1, 'x', X'68', '2026-01-01T00:00:00Z', 1)`);
  assert.match((await c.head.page(`/concerns/${r1.id}`)).text, /\(text\/plain, 1 byte, SHA-256 x/);
  assert.match((await c.head.get(old.url, { json: false })).headers.get('content-disposition'), /filename="old\.txt"/);
});
