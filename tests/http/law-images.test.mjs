// Nude or semi-nude images of under-18s are never copied into staffroom
// (UKCIS, "Sharing nudes and semi-nudes", 2024): a `sexting` report, or a
// `premises_content` report ticked "an indecent image of a child", takes no
// file by any route; it asks for a description, is urgent, reaches the DSL
// with an e-mail, and an adult involved starts the police clock.  Devices
// confiscated or searched are chronology events (DfE, "Searching, screening
// and confiscation", 2022).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, sql, cli, visibleText } from './lib.mjs';
import { startSink } from './smtp_sink.mjs';
import { PNG, JPEG, PDF, report, file, counts, event } from './concern_helpers.mjs';
import { IN_LISTS_42 } from './schema_in_lists.mjs';

const NOW = '2026-11-20T10:00:00Z'; // a Friday, GMT
const MARK = 'IMGMARK-5b7e1d93c4';
const mailArgs = (url) => ['--smtp-url', url, '--mail-from', 'staffroom@hillside.test', '--base-url',
  'https://staffroom.hillside.test'];
const KINDS = [
  { name: 'sexting', fields: { category: 'sexting' } },
  { name: 'indecent image on a school device', fields: { category: 'premises_content', indecent_image: 'yes' } },
];

let s, sink;
const c = {};
before(async () => {
  sink = await startSink();
  s = await startServer({ args: mailArgs(sink.url), env: { STAFFROOM_TEST_NOW: NOW } });
  for (const who of ['head', 'dsl', 'teacher', 'science', 'network', 'chair', 'admin'])
    c[who] = await s.login(`${who}@demo.school`);
});
after(async () => {
  await s.stop();
  await sink.close();
});

const tables = () => ({ ...counts(s.db),
  notifications: Number(sql(s.db, 'SELECT count(*) FROM notifications')),
  outbox: Number(sql(s.db, 'SELECT count(*) FROM outbox')),
  // a refusal's own audit row (access.refused) is not a change
  audit: Number(sql(s.db, "SELECT count(*) FROM audit WHERE action != 'access.refused'")),
  images: Number(sql(s.db, 'SELECT count(*) FROM concern_image_reports')),
  deadlines: Number(sql(s.db, 'SELECT count(*) FROM concern_deadlines')) });

// Every file under the server's directory (database, WAL, key files, anchor…).
function bytesOnDisk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    // A CGI process that was the last to close the database removes its -wal and -shm
    // files, perhaps between the listing and the read: a file gone is not on disk.
    let st, bytes;
    try {
      st = statSync(p);
      bytes = st.isFile() ? readFileSync(p) : null; // not the FastCGI socket
    } catch (e) {
      if (e.code === 'ENOENT') continue;
      throw e;
    }
    if (st.isDirectory()) out.push(...bytesOnDisk(p));
    else if (bytes) out.push([p, bytes]);
  }
  return out;
}
const markOnDisk = () => bytesOnDisk(s.dir).filter(([, b]) => b.includes(MARK)).map(([p]) => p);

const marked = (b) => Buffer.concat([b, Buffer.from(`\n${MARK}\n`)]);
const FILE_SETS = [
  [{ name: 'photo.png', data: marked(PNG), type: 'image/png' }],
  [{ name: 'photo.jpg', data: marked(JPEG), type: 'image/jpeg' }],
  [{ name: 'scan.pdf', data: marked(PDF), type: 'application/pdf' }],
  [{ name: 'notes.txt', data: Buffer.from(`Where it is: a Year 10 group chat. ${MARK}\n`), type: 'text/plain' }],
  [{ name: 'homework.txt', data: marked(PNG), type: 'text/plain' }],            // a picture renamed
  [{ name: 'essay.docx', data: marked(JPEG), type: 'application/msword' }],     // a type that lies
  [{ name: 'x', data: Buffer.from(`${MARK}`), type: 'image/png' }],              // text declared a picture
  [{ name: 'a.png', data: marked(PNG), type: 'image/png' },                      // several at once
    { name: 'b.txt', data: Buffer.from(`${MARK} b\n`), type: 'text/plain' },
    { name: 'c.pdf', data: marked(PDF), type: 'application/pdf' }],
];

test('an image report refuses every file, whatever is sent, and nothing of it is stored', async () => {
  for (const kind of KINDS) {
    for (const files of FILE_SETS) {
      const before = tables();
      const what = `${kind.name}: ${files.map((f) => f.name).join(', ')}`;
      const r = await report(c.teacher, { ...kind.fields, summary: 'Image shared among pupils',
        image_location: 'Year 10 group chat' }, files);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.body.field, 'evidence', what);
      assert.match(r.body.error, /staff must never view, copy, print, share, store or save such images/);
      assert.match(r.body.error, /describe where the image is \(the device, app, account or chat\), who has it and who has seen it/);
      assert.match(r.body.error, /Nothing has been stored/);
      assert.deepEqual(tables(), before, what);
    }
  }
  // a browser gets the form back with what was typed, the ticks kept, and the reason by the field
  const fd = new FormData();
  for (const [k, v] of Object.entries({ category: 'premises_content', indecent_image: 'yes', summary: 'typed summary',
    image_holders: 'Typed holders' })) fd.append(k, v);
  fd.append('evidence', new Blob([marked(PNG)], { type: 'image/png' }), 'p.png');
  const page = await c.teacher.request('POST', '/concerns', { json: false, multipart: fd });
  assert.equal(page.status, 400);
  assert.match(page.text, /value="typed summary"/);
  assert.match(page.text, /name="indecent_image" type="checkbox" value="yes" aria-describedby="indecent_image-hint" checked>/);
  assert.match(page.text, /Typed holders<\/textarea>/);
  assert.match(page.text, /class="field-error" id="e-evidence">Do not attach any file/);
  assert.deepEqual(markOnDisk(), []);
});

test('no other route attaches a file to such a case, and no file of it exists anywhere', async () => {
  const before = tables();
  const ids = [];
  for (const kind of KINDS) ids.push((await file(c.teacher, { ...kind.fields, summary: 'Described, not attached' })).id);
  // The routes that take files at all: the report form, two CSV imports, and on school
  // accounts a paper signature's scan and a post's picture (tables of their own, never a case's).
  const uploads = cli(['routes']).stdout.split('\n').filter((l) => /\bupload\b/.test(l)).map((l) => l.split(/\s+roles/)[0]);
  assert.deepEqual(uploads.sort(), ['POST /accounts/{id}/contributors', 'POST /accounts/{id}/posts',
    'POST /admin/import', 'POST /concerns', 'POST /training/import']);
  for (const id of ids) {
    for (const [who, action] of [['dsl', 'note'], ['head', 'device']]) {
      const fd = new FormData();
      fd.append('action', action);
      fd.append('text', 'with a file');
      fd.append('evidence', new Blob([marked(PNG)], { type: 'image/png' }), 'p.png');
      const r = await c[who].request('POST', `/concerns/${id}/events`, { multipart: fd });
      assert.equal(r.status, 400, r.text);
      assert.match(r.body.error, /does not take file uploads/);
    }
  }
  for (const route of ['/admin/import', '/training/import']) {
    const fd = new FormData();
    fd.append('file', new Blob([marked(PNG)], { type: 'image/png' }), 'p.png');
    const r = await c.admin.request('POST', route, { multipart: fd });
    assert.ok(r.status >= 400 && r.status < 500, `${route}: ${r.status}`);
  }
  // a file sent under another field's name is refused by the field check
  const fd = new FormData();
  for (const [k, v] of Object.entries({ category: 'sexting', summary: 'a file in a text field' })) fd.append(k, v);
  fd.append('image_location', new Blob([marked(PNG)], { type: 'image/png' }), 'p.png');
  const odd = await c.teacher.request('POST', '/concerns', { multipart: fd });
  assert.equal(odd.status, 400, odd.text);

  const after = tables();
  assert.equal(after.evidence, before.evidence, 'no evidence row at all');
  assert.equal(after.concerns, before.concerns + ids.length);
  assert.equal(sql(s.db, `SELECT count(*) FROM evidence WHERE concern_id IN (${ids.join(',')})`), '0');
  for (const id of ids) {
    const cs = (await c.dsl.get(`/concerns/${id}`)).body.concern;
    assert.deepEqual(cs.evidence, []);
    assert.deepEqual((await c.teacher.get(`/concerns/mine/${id}`)).body.concern.evidence, []);
    assert.ok(!cs.events.some((e) => e.action === 'evidence'));
  }
  // every evidence number there is, and a few beyond: none belongs to these cases
  const max = Number(sql(s.db, 'SELECT coalesce(max(id), 0) FROM evidence'));
  for (let n = 1; n <= max + 3; n++) {
    const r = await c.dsl.get(`/evidence/${n}`, { json: false });
    if (r.status === 200) assert.ok(!ids.includes(Number(sql(s.db, `SELECT concern_id FROM evidence WHERE id = ${n}`))));
    else assert.equal(r.status, 404);
  }
  assert.deepEqual(markOnDisk(), [], 'the bytes sent are nowhere on disk');
});

test('the report form asks for a description in a part of its own, which works without JavaScript', async () => {
  const r = await c.teacher.page('/concerns/new');
  assert.equal(r.status, 200);
  const part = r.text.slice(r.text.indexOf('<fieldset id="f-image"'), r.text.indexOf('</fieldset>', r.text.indexOf('<fieldset id="f-image"')));
  const words = visibleText(part);
  assert.match(words, /Only for a nude or semi-nude image, or an indecent image on a school device/);
  for (const [id, label] of [['indecent_image', 'An indecent image of a child'],
    ['image_location', 'Where the image is \\(the device, app, account or chat\\)'], ['image_holders', 'Who has it'],
    ['image_seen_by', 'Who has seen it'], ['adult_involved', 'An adult is involved'],
    ['told_dsl', 'I have told the designated safeguarding lead in person']]) {
    assert.match(part, new RegExp(`<label[^>]*for="f-${id}"[^>]*>(<input[^>]*>)? ?${label}`), id);
    assert.match(part, new RegExp(`id="f-${id}" name="${id}"`), id);
  }
  assert.ok(!/<script/.test(part));
});

test('the description is stored and shown; the report is urgent and reaches every DSL with an e-mail', async () => {
  // A school whose routing sends sexting to the headteacher alone still has the DSL told.
  sql(s.db, "DELETE FROM routing WHERE category = 'sexting' AND role = 'dsl'");
  sql(s.db, "INSERT INTO users(email, name, password_hash, staff_type, active, created_at) SELECT 'deputydsl@demo.school', 'Deputy DSL', password_hash, 'teacher', 1, created_at FROM users WHERE email = 'dsl@demo.school'");
  sql(s.db, "INSERT INTO user_roles(user_id, role) SELECT id, 'dsl' FROM users WHERE email = 'deputydsl@demo.school'");
  const mails = sink.messages.length;
  const desc = { image_location: 'Snapchat, on a Year 10 pupil\'s phone', image_holders: 'Two Year 10 pupils',
    image_seen_by: 'The form tutor saw the notification only', told_dsl: 'yes' };
  const r = await report(c.teacher, { category: 'sexting', summary: 'Image of a pupil shared', details: 'Told at break.', ...desc });
  assert.equal(r.status, 201, r.text);
  const { id, reference } = r.body.concern;
  assert.equal(sql(s.db, `SELECT urgent || ' ' || due_by FROM concerns WHERE id = ${id}`), '1 2026-11-20T23:59:59Z',
    'urgent although the form did not say so: acknowledged the same working day');
  assert.equal(sql(s.db, `SELECT group_concat(role, ',') FROM (SELECT role FROM concern_recipient_roles WHERE concern_id = ${id} ORDER BY role)`),
    'dsl,headteacher');
  const cs = (await c.dsl.get(`/concerns/${id}`)).body.concern;
  assert.equal(cs.urgent, true);
  assert.deepEqual(cs.image_report, { indecent_image: false, ...desc, adult_involved: false, told_dsl: true });
  assert.equal(cs.police_due, undefined, 'no adult involved: no police clock');
  assert.deepEqual(cs.evidence, []);
  // every DSL, the deputy included, and the headteacher: one notification and one e-mail each
  const told = sql(s.db, `SELECT group_concat(email, ',') FROM (SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.link = '/concerns/${id}' AND n.kind = 'concern_urgent' ORDER BY u.email)`);
  assert.equal(told, 'deputydsl@demo.school,dsl@demo.school,head@demo.school');
  const urgentTo = (who) => sink.messages.slice(mails).find((x) => x.to.some((t) => t.includes(`<${who}@demo.school>`))
    && /^Subject: An urgent concern needs your attention now \(/m.test(x.data));
  for (const who of ['deputydsl', 'dsl', 'head']) {
    for (let i = 0; i < 300 && !urgentTo(who); i++) await new Promise((res) => setTimeout(res, 50));
    assert.ok(urgentTo(who), `${who} is e-mailed`);
  }
  const msgs = sink.messages.slice(mails);
  for (const m of msgs)
    for (const secret of ['Snapchat', 'Year 10', 'form tutor', 'Image of a pupil', 'sexting', reference])
      assert.ok(!m.data.includes(secret), `an e-mail carried "${secret}"`);
  // the case page shows the description; the reporter sees their own words
  const html = visibleText((await c.dsl.page(`/concerns/${id}`)).text);
  assert.match(html, /The image, as described \(never stored\)/);
  assert.match(html, /Where it is Snapchat, on a Year 10 pupil&#39;s phone/);
  assert.match(html, /Reporter told the DSL in person Yes/);
  const mine = (await c.teacher.get(`/concerns/mine/${id}`)).body.concern;
  assert.deepEqual(mine.image_report, cs.image_report);
  assert.match(visibleText((await c.teacher.page(`/concerns/mine/${id}`)).text), /Who has it Two Year 10 pupils/);
  // and in their subject access export, as they wrote it
  const sar = JSON.parse(cli(['export', '--db', s.db, '--person', 'teacher@demo.school']).stdout);
  const own = sar.concerns_reported.find((x) => x.reference === reference);
  assert.deepEqual(own.image_report, { indecent_image: 0, ...desc, adult_involved: 0, told_dsl: 1 });
  assert.deepEqual(own.evidence, []);
  // nobody else sees any of it
  assert.equal((await c.science.get(`/concerns/${id}`)).status, 404);
  assert.equal((await c.science.get(`/concerns/mine/${id}`)).status, 404);
  assert.equal((await c.teacher.get(`/concerns/${id}`)).status, 404);

  // an indecent image on a school device: the network manager's routing, the DSL added
  const p = await file(c.teacher, { category: 'premises_content', indecent_image: 'yes', summary: 'Found on a library PC',
    image_location: 'Library PC 4, browser history' });
  assert.equal(sql(s.db, `SELECT group_concat(role, ',') FROM (SELECT role FROM concern_recipient_roles WHERE concern_id = ${p.id} ORDER BY role)`),
    'dsl,headteacher,network_manager');
  const pc = (await c.network.get(`/concerns/${p.id}`)).body.concern;
  assert.equal(pc.image_report.indecent_image, true);
  assert.equal(pc.urgent, true);
  // ordinary premises content without the tick is unchanged: not urgent, no DSL, files allowed
  const plain = await file(c.teacher, { category: 'premises_content', summary: 'Gambling site reached' },
    [{ name: 'shot.png', data: PNG, type: 'image/png' }]);
  assert.equal(sql(s.db, `SELECT urgent FROM concerns WHERE id = ${plain.id}`), '0');
  assert.equal(sql(s.db, `SELECT count(*) FROM concern_recipient_roles WHERE concern_id = ${plain.id} AND role = 'dsl'`), '0');
  assert.equal((await c.network.get(`/concerns/${plain.id}`)).body.concern.image_report, undefined);
});

test('an adult involved starts the police clock for the same day; telling the police meets it', async () => {
  const r = await file(c.teacher, { category: 'sexting', summary: 'An adult asked a pupil for images', adult_involved: 'yes',
    image_location: 'Instagram direct messages' });
  const cs = (await c.dsl.get(`/concerns/${r.id}`)).body.concern;
  assert.equal(cs.police_due, '2026-11-20T23:59:59Z');
  assert.equal(cs.image_report.adult_involved, true);
  assert.ok(cs.deadlines.some((d) => d.kind === 'police' && d.due_at === '2026-11-20T23:59:59Z' && !d.overdue));
  const row = (await c.dsl.get('/concerns')).body.concerns.find((x) => x.id === r.id);
  assert.equal(row.deadline_due, '2026-11-20T23:59:59Z');
  assert.equal(row.deadline_overdue, false);
  // a report about a member of staff involves an adult; about the headteacher it goes to the chair alone
  const h = await file(c.teacher, { category: 'sexting', summary: 'About the head', about: 'head@demo.school' });
  assert.equal(sql(s.db, `SELECT group_concat(role) FROM concern_recipient_roles WHERE concern_id = ${h.id}`), 'chair');
  const hc = (await c.chair.get(`/concerns/${h.id}`)).body.concern;
  assert.equal(hc.police_due, '2026-11-20T23:59:59Z');
  assert.equal((await c.dsl.get(`/concerns/${h.id}`)).status, 404);
  assert.equal((await c.head.get(`/concerns/${h.id}`)).status, 404, 'the subject never sees it');
  assert.ok(!(await c.head.get('/concerns')).body.concerns.some((x) => x.id === h.id));

  // The next morning: past the deadline, on My tasks and in the queue.
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, args: mailArgs(sink.url), env: { STAFFROOM_TEST_NOW: '2026-11-21T08:00:00Z' } });
  const dsl = await s.login('dsl@demo.school');
  const task = (await dsl.get('/')).body.tasks.find((t) => t.kind === 'concern_deadline');
  assert.ok(task && task.urgent && /Tell the police/.test(task.message), JSON.stringify(task));
  assert.ok((await dsl.get('/concerns?deadline=overdue')).body.concerns.some((x) => x.id === r.id));
  assert.equal((await event(dsl, r.id, { action: 'acknowledge' })).status, 200);
  assert.equal((await event(dsl, r.id, { action: 'escalate', to: 'police', reference: 'CAD 1234' })).status, 200);
  const done = (await dsl.get(`/concerns/${r.id}`)).body.concern;
  assert.equal(done.police_due, undefined);
  assert.ok(done.deadlines.find((d) => d.kind === 'police').met_at);
  assert.ok(!(await dsl.get('/concerns?deadline=overdue')).body.concerns.some((x) => x.id === r.id));
  for (const who of Object.keys(c)) c[who] = await s.login(`${who}@demo.school`);
});

test('the image fields belong to image reports only; bad values are refused and nothing is stored', async () => {
  const cases = [
    [{ category: 'other', image_location: 'a phone' }, 'image_location', /only for a nude or semi-nude image/],
    [{ category: 'cyberbullying_pupil', told_dsl: 'yes' }, 'told_dsl', /Leave it empty/],
    [{ category: 'sexting', indecent_image: 'yes' }, 'indecent_image', /only for the kind of concern 'Inappropriate content reached on school premises'/],
    [{ category: 'premises_content', image_holders: 'IT technician' }, 'image_holders', /tick 'An indecent image of a child'/],
    [{ category: 'sexting', adult_involved: 'yep' }, 'adult_involved', /yes or no/],
    [{ category: 'sexting', image_seen_by: 'x'.repeat(2001) }, 'image_seen_by', /./],
  ];
  for (const [fields, field, msg] of cases) {
    const before = tables();
    const r = await report(c.teacher, { summary: 'bad', ...fields });
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field);
    assert.match(r.body.error, msg);
    assert.deepEqual(tables(), before, field);
  }
  const page = await c.teacher.request('POST', '/concerns', { json: false, multipart: (() => {
    const fd = new FormData();
    fd.append('category', 'other'); fd.append('summary', 'kept'); fd.append('image_location', 'a phone');
    return fd;
  })() });
  assert.equal(page.status, 400);
  assert.match(page.text, /class="field-error" id="e-image_location">This part of the form is only for/);
  assert.match(page.text, /a phone<\/textarea>/);
});

test('a device confiscated or searched is an internal chronology event, on any open case', async () => {
  const img = await file(c.teacher, { category: 'sexting', summary: 'Phone taken' });
  const other = await file(c.teacher, { category: 'cyberbullying_pupil', summary: 'Threats by text' });
  const full = { action: 'device', text: 'Confiscated at break; not opened.', device: 'Black iPhone, Year 10 pupil',
    done_by: 'Mr Hughes, head of year', done_at: '2026-11-20T09:30', kept_at: 'The school office safe',
    handed_to: 'PC Jones, collar number 4521' };
  const r = await event(c.dsl, img.id, full);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.action, 'device');
  const ev = (await c.dsl.get(`/concerns/${img.id}`)).body.concern.events.at(-1);
  assert.equal(ev.action, 'device');
  assert.equal(ev.internal, true);
  assert.equal(ev.text, full.text);
  assert.deepEqual(ev.detail, { text: full.text, device: full.device, done_by: full.done_by, done_at: '2026-11-20T09:30:00Z',
    kept_at: full.kept_at, handed_to: full.handed_to });
  assert.equal(ev.what, 'Device confiscated or searched (Black iPhone, Year 10 pupil) by Mr Hughes, head of year at '
    + '20 Nov 2026, 09:30; kept at: The school office safe; handed to: PC Jones, collar number 4521');
  assert.equal(sql(s.db, `SELECT count(*) FROM audit a JOIN concerns c ON c.reference = a.object WHERE c.id = ${img.id} AND a.action = 'concern.device'`), '1');
  // defaults: the person recording it, now; on a case of another kind too
  const o = await event(c.dsl, other.id, { action: 'device', text: 'Phone searched with the pupil present.' });
  assert.equal(o.status, 200, o.text);
  const d = (await c.dsl.get(`/concerns/${other.id}`)).body.concern.events.at(-1).detail;
  assert.equal(d.done_by, 'Grace Okafor');
  assert.match(d.done_at, /^2026-11-2\dT/);
  // the reporter never sees it
  for (const id of [img.id, other.id])
    assert.ok(!(await c.teacher.get(`/concerns/mine/${id}`)).body.concern.events.some((e) => e.action === 'device'));
  // the case page has its own form
  const page = (await c.dsl.page(`/concerns/${img.id}`)).text;
  assert.match(page, /<input type="hidden" name="action" value="device">/);
  assert.match(page, /<label for="f-handed_to">Handed to/);
  assert.match(visibleText(page), /Device confiscated or searched \(Black iPhone/);
});

test('a device event: bad input is 400 naming the field, a closed case 409, others 404; nothing stored', async () => {
  const { id } = await file(c.teacher, { category: 'sexting', summary: 'Device checks', adult_involved: 'yes' });
  const bad = [
    [{ action: 'device' }, 'text'],
    [{ action: 'device', text: 'x', done_at: '2099-01-01T10:00' }, 'done_at'],
    [{ action: 'device', text: 'x', done_at: 'yesterday' }, 'done_at'],
    [{ action: 'device', text: 'x', device: 'd'.repeat(201) }, 'device'],
    [{ action: 'device', text: 'x', handed_to: 'bad\u0001' }, 'handed_to'],
  ];
  for (const [form, field] of bad) {
    const before = tables();
    const r = await event(c.dsl, id, form);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field);
    assert.deepEqual(tables(), before, field);
  }
  const future = await event(c.dsl, id, { action: 'device', text: 'x', done_at: '2099-01-01T10:00' });
  assert.match(future.body.error, /cannot be in the future/);
  // Not before what the concern is about happened, when that is known.
  const seen = await file(c.teacher, { category: 'sexting', summary: 'Seen on a phone', occurred_at: '2026-11-18T15:00' });
  const known = tables();
  const beforeIt = await event(c.dsl, seen.id, { action: 'device', text: 'x', done_at: '2026-11-17T09:00' });
  assert.equal(beforeIt.status, 400, beforeIt.text);
  assert.equal(beforeIt.body.field, 'done_at');
  assert.equal(beforeIt.body.error, 'When the device was confiscated or searched cannot be before 18 Nov 2026, 15:00, when it happened.');
  assert.deepEqual(tables(), known);
  assert.equal((await event(c.dsl, seen.id, { action: 'device', text: 'x', done_at: '2026-11-18T15:00' })).status, 200);
  const before = tables();
  for (const who of ['science', 'teacher', 'chair'])
    assert.equal((await event(c[who], id, { action: 'device', text: 'x' })).status, 404, who);
  assert.deepEqual(tables(), before);
  assert.equal((await event(c.dsl, id, { action: 'acknowledge' })).status, 200);
  // an adult is involved: the police are told before the case may close
  const early = await event(c.dsl, id, { action: 'close', outcome: 'Dealt with by the DSL.' });
  assert.equal(early.status, 409);
  assert.equal(early.body.error, 'Tell the police first (Escalate to the police), then close the case.');
  assert.equal((await event(c.dsl, id, { action: 'escalate', to: 'police' })).status, 200);
  // heatons 9.1: parents and the Safeguarding Unit, recorded before it closes
  for (const step of ['parents', 'safeguarding_unit'])
    assert.equal((await event(c.dsl, id, { action: 'step', step, outcome: 'done', text: 'Told.' })).status, 200);
  assert.equal((await event(c.dsl, id, { action: 'close', outcome: 'Dealt with by the DSL.' })).status, 200);
  const closed = await event(c.dsl, id, { action: 'device', text: 'Returned to parents.' });
  assert.equal(closed.status, 409);
  assert.match(closed.body.error, /closed/);
  // when the case is disposed of at the end of its retention, its description and clock go with it
  assert.equal(sql(s.db, `SELECT count(*) FROM concern_image_reports WHERE concern_id = ${id}`), '1');
  assert.equal(sql(s.db, `SELECT count(*) FROM concern_deadlines WHERE concern_id = ${id}`), '1');
  sql(s.db, `UPDATE concerns SET closed_at = '1990-01-01T00:00:00Z' WHERE id = ${id}`);
  const gone = await c.head.post('/admin/retention/delete', { record_type: 'concern', record_id: String(id), reason: 'Retention period over' });
  assert.equal(gone.status, 200, gone.text);
  assert.equal(sql(s.db, `SELECT count(*) FROM concern_image_reports WHERE concern_id = ${id}`), '0');
  assert.equal(sql(s.db, `SELECT count(*) FROM concern_deadlines WHERE concern_id = ${id}`), '0');
});

test('a database from before image reports is brought up to date: device events and descriptions work', async () => {
  const old = await startServer();
  await old.stop({ keep: true });
  // As the previous schema left it: no description table, no 'device' in the events' CHECK
  // (an IN list then, as every part before version 43 left it).
  sql(old.db, IN_LISTS_42);
  sql(old.db, `DROP TABLE concern_image_reports;
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = replace(replace(sql, ',''step''', ''),
      ',''threshold'',''copy_given'',''device'',''ico_decision''', '')
     WHERE name = 'concern_events';
    PRAGMA writable_schema = OFF; PRAGMA user_version = 5;`);
  assert.equal(sql(old.db, "SELECT instr(sql, 'device') FROM sqlite_schema WHERE name = 'concern_events'"), '0');
  const up = await launch({ dir: old.dir, db: old.db });
  try {
    assert.equal(sql(up.db, 'PRAGMA integrity_check'), 'ok');
    const t = await up.login('teacher@demo.school'), dsl = await up.login('dsl@demo.school');
    const r = await file(t, { category: 'sexting', summary: 'After the upgrade', image_location: 'A phone' });
    assert.equal((await dsl.get(`/concerns/${r.id}`)).body.concern.image_report.image_location, 'A phone');
    assert.equal((await event(dsl, r.id, { action: 'device', text: 'Phone confiscated.' })).status, 200);
  } finally {
    await up.stop();
  }
});
