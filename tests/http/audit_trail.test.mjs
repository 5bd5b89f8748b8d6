// The audit trail is complete (ASVS 5.0 16.2.1, 16.3.2, 16.3.3): each row
// says the actor's roles then and the outcome with its reason; a record a
// person may not open (404) and a page their roles do not reach (403) are
// written down as refused; every export and download is written down; the
// chain still verifies, and a row's outcome cannot be blanked to pass it off
// as an older row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, sql, cli } from './lib.mjs';
import { PNG, file } from './concern_helpers.mjs';

let s, concern, evidence;
const c = {};
const rows = (where) => JSON.parse(spawnSync('sqlite3', ['-json', '-cmd', '.timeout 10000', s.db,
  `SELECT * FROM audit WHERE ${where} ORDER BY id`], { encoding: 'utf8' }).stdout || '[]');
const last = (where) => rows(where).at(-1);

before(async () => {
  s = await startServer();
  for (const who of ['teacher', 'head', 'dsl', 'admin', 'dpo']) c[who] = await s.login(`${who}@demo.school`);
  concern = await file(c.dsl, { category: 'other', summary: 'audit trail case' },
    [{ name: 'trail.png', data: PNG, type: 'image/png' }]);
  evidence = sql(s.db, `SELECT id FROM evidence WHERE concern_id = ${concern.id}`);
});
after(async () => { await s.stop(); });

test('a record the person may not open is refused, and the refusal is audited with who and their roles', async () => {
  const r = await c.teacher.get(`/concerns/${concern.id}`);
  assert.equal(r.status, 404);
  const a = last(`action = 'access.refused' AND actor = 'teacher@demo.school'`);
  assert.ok(a, 'a refused row');
  assert.equal(a.object, `/concerns/${concern.id}`);
  assert.equal(a.outcome, 'refused');
  assert.match(a.reason, /no such page, or you may not see it/);
  assert.match(a.roles, /\bstaff\b/);
  assert.match(a.detail, /^GET \/concerns\/\d+ \(404\)$/);
  // Evidence too.
  assert.equal((await c.teacher.get(`/evidence/${evidence}`)).status, 404);
  assert.ok(last(`action = 'access.refused' AND object = '/evidence/${evidence}'`));
});

test('a page the roles do not reach (403) is audited as refused', async () => {
  const r = await c.teacher.get('/admin/staff');
  assert.equal(r.status, 403);
  const a = last(`action = 'access.refused' AND object = '/admin/staff'`);
  assert.equal(a.actor, 'teacher@demo.school');
  assert.equal(a.outcome, 'refused');
  assert.match(a.reason, /roles do not give you access/);
});

test('a mistyped address and a caller not signed in write nothing', async () => {
  const before = Number(sql(s.db, 'SELECT count(*) FROM audit'));
  assert.equal((await c.teacher.get('/no-such-page-here')).status, 404);
  assert.equal((await c.teacher.get('/static/no-such-file.css')).status, 404);
  assert.equal((await s.client().get(`/concerns/${concern.id}`)).status, 401);
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM audit')), before);
});

test('every export and download is audited, once', async () => {
  const downloads = [
    [c.head, '/aup/compliance.csv', 'export.download'],
    [c.head, '/concerns/stats?format=csv', 'export.download'],
    [c.dpo, '/breaches?format=csv', 'export.download'],
    [c.admin, '/admin/import/template.csv', 'export.download'],
    [c.head, `/evidence/${evidence}`, 'evidence.download'],
    // The reporter's own file: the handler writes no row, the router does.
    [c.dsl, `/evidence/${evidence}`, 'export.download'],
  ];
  for (const [client, p, action] of downloads) {
    const n = Number(sql(s.db, 'SELECT count(*) FROM audit'));
    const r = await client.get(p, { json: false });
    assert.equal(r.status, 200, p);
    const added = rows(`id > (SELECT max(id) FROM audit) - ${Number(sql(s.db, 'SELECT count(*) FROM audit')) - n}`);
    assert.deepEqual(added.map((a) => a.action), [action], `${p}: one row`);
    assert.equal(added[0].outcome, 'allowed');
    assert.notEqual(added[0].roles, '');
  }
  assert.match(last("action = 'export.download' AND object = '/concerns/stats'").detail, /^type=text\/csv/);
  // The reporter's own file: the path and the type, never the file's name.
  assert.match(last(`action = 'export.download' AND object = '/evidence/${evidence}'`).detail, /^type=image\/png$/);
  // The subject access export writes its own row (sar.export), not a second one.
  const sar = await c.dpo.post('/sar', { email: 'teacher@demo.school', received_on: new Date().toISOString().slice(0, 10) });
  assert.ok([200, 201, 303].includes(sar.status), sar.text);
  const id = sql(s.db, 'SELECT max(id) FROM subject_access_requests');
  const n = Number(sql(s.db, 'SELECT count(*) FROM audit'));
  assert.equal((await c.dpo.get(`/sar/${id}/export`)).status, 200);
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM audit')), n + 1);
  assert.equal(last('1').action, 'sar.export');
});

test('reading the audit log is audited, and the page and its JSON show roles and outcome', async () => {
  await c.teacher.get('/admin/staff');
  const r = await c.admin.get('/audit?action=access.refused');
  assert.equal(r.status, 200);
  const a = r.body.audit.find((x) => x.object === '/admin/staff');
  assert.ok(a, 'the refusal is on the page');
  assert.equal(a.outcome, 'refused');
  assert.match(a.roles, /staff/);
  assert.match(a.outcome_text, /^refused: Your roles do not give you access/);
  const v = last("action = 'audit.view'");
  assert.equal(v.actor, 'admin@demo.school');
  assert.equal(v.detail, 'filters: action');
  const html = await c.admin.page('/audit?action=access.refused');
  assert.match(html.text, /Roles then/);
  assert.match(html.text, /refused: Your roles do not give you access/);
});

test('a refusal naming a case is shown only to those who may open the case', async () => {
  const admin = await c.admin.get('/audit?action=access.refused');
  assert.ok(!admin.body.audit.some((x) => x.object === `/concerns/${concern.id}` || x.object === `/evidence/${evidence}`),
    'the administrator may not open the case, so does not see who tried');
  const head = await c.head.get('/audit?action=access.refused');
  assert.ok(head.body.audit.some((x) => x.object === `/concerns/${concern.id}`), 'the headteacher may open it');
});

test('a sign-in is recorded with the roles the person signs in with', async () => {
  const a = last("action = 'login' AND actor = 'dsl@demo.school'");
  assert.equal(a.roles, 'staff,slt,dsl');
  const html = await c.admin.page('/audit?action=login');
  assert.match(html.text, /<td>dsl@demo\.school<\/td><td>Staff, Senior leader, Designated safeguarding lead<\/td><td>[^<]*<\/td><td>Signed in<\/td>/);
  assert.doesNotMatch(html.text, /<td>[^<]+@demo\.school<\/td><td><\/td><td>[^<]*<\/td><td>Signed in<\/td>/, 'no sign-in without its roles');
});

test('a refused sign-in says refused and why', async () => {
  const r = await s.client().login('teacher@demo.school', 'not-the-password');
  assert.notEqual(r.status, 200);
  const a = last("action = 'login.failed'");
  assert.equal(a.outcome, 'refused');
  assert.notEqual(a.reason, '');
});

test('the chain verifies with the new columns, and blanking an outcome is found', async () => {
  let v = cli(['audit', 'verify', '--db', s.db]);
  assert.equal(v.code, 0, v.stderr);
  const id = last("action = 'access.refused'").id;
  // An attacker who can write the file drops the triggers and passes a
  // refusal off as an older row (no outcome, hashed the old way).
  sql(s.db, `DROP TRIGGER audit_no_update; UPDATE audit SET outcome = '', roles = '', reason = '' WHERE id = ${id};`);
  v = cli(['audit', 'verify', '--db', s.db]);
  assert.equal(v.code, 1);
  assert.match(v.stderr, new RegExp(`row ${id} does not match`));
});

test('the page reads each detail out in words, a date as a UK reader writes it; the JSON keeps it as written', async () => {
  const reported = (await c.head.get('/audit?action=concern.report')).body.audit.find((x) => x.object === concern.reference);
  assert.equal(reported.detail, 'category=other urgent=no');
  assert.match(reported.detail_words, /^category: [A-Z][a-z]+[^=_]*; urgent: no$/);
  const draft = (await c.head.get('/audit?action=policy.publish')).body.audit.find((x) => x.detail.includes('effective='));
  assert.ok(draft, 'the demo saved a draft');
  assert.match(draft.detail_words, /version: \d+; in effect from: \d{1,2} [A-Z][a-z]{2} \d{4}; review due: \d{1,2} [A-Z][a-z]{2} \d{4}; SHA-256 fingerprint: [0-9a-f]{64}$/);
  // "type" names a file's kind as well as a staff type: kept as it is.
  const download = (await c.head.get('/audit?action=export.download')).body.audit.find((x) => x.detail.startsWith('type=text/csv'));
  assert.ok(download, 'an export was downloaded');
  assert.match(download.detail_words, /^type: text\/csv/);
  const html = await c.head.page('/audit?action=concern.report');
  assert.ok(html.text.includes(`<td>${reported.detail_words}</td>`), 'the page shows the words');
  assert.doesNotMatch(html.text, /<td>category=/);
});
