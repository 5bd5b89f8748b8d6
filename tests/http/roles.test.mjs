// Safeguarding roles (every role a concern may be routed to but the
// administrator's: headteacher, slt, dsl and chair open every concern; the
// moderator, business manager and network manager those routed to them; the
// DPO the breach log and subject access requests) open safeguarding records, so
// nobody gives one to themselves, and every grant, by anyone to anyone, on
// the web or the command line, is told to the headteacher and the chair in
// staffroom and by e-mail, without any detail of a case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, cli, visibleText } from './lib.mjs';
import { startSink } from './smtp_sink.mjs';
import { file } from './concern_helpers.mjs';

const mailArgs = (url) => ['--smtp-url', url, '--mail-from', 'staffroom@hillside.test', '--base-url', 'https://staff.test'];
const id = (db, email) => sql(db, `SELECT id FROM users WHERE email = '${email}'`);
const roles = (db, email) => sql(db, `SELECT group_concat(role, ',') FROM (SELECT role FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = '${email}' ORDER BY role)`);
const told = (db) => sql(db, "SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'role_grant' ORDER BY u.email").split('\n').filter(Boolean);

test('an administrator cannot give themselves a safeguarding role (JSON and the page); nothing changes', async () => {
  const s = await startServer();
  try {
    const admin = await s.login('admin@demo.school');
    const me = id(s.db, 'admin@demo.school');
    const before = roles(s.db, 'admin@demo.school');
    // The network manager receives reports of indecent images on the school's
    // machines, the moderator comments on its accounts: safeguarding roles too.
    for (const role of ['dsl', 'chair', 'headteacher', 'slt', 'dpo', 'network_manager', 'moderator',
      'business_manager']) {
      const r = await admin.post(`/admin/staff/${me}`, [['name', 'Changed Name'], ['staff_type', 'support'], ['role', 'admin'], ['role', role]]);
      assert.equal(r.status, 403, role);
      assert.match(r.body.error, /cannot give yourself a safeguarding role/);
    }
    assert.equal(roles(s.db, 'admin@demo.school'), before);
    assert.equal(sql(s.db, "SELECT name FROM users WHERE email = 'admin@demo.school'"), 'Chris Doyle', 'no partial write');
    assert.deepEqual(told(s.db), []);
    const page = await admin.request('POST', `/admin/staff/${me}`, { json: false,
      form: [['name', 'Chris Doyle'], ['staff_type', 'support'], ['role', 'admin'], ['role', 'dsl']] });
    assert.equal(page.status, 403);
    assert.match(visibleText(page.text), /cannot give yourself a safeguarding role/);
    assert.equal(roles(s.db, 'admin@demo.school'), before);
    // Changing their own other details, or taking a role that opens no case, still works.
    const ok = await admin.post(`/admin/staff/${me}`, [['name', 'Chris Doyle'], ['staff_type', 'support'], ['role', 'admin'], ['role', 'governor']]);
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(told(s.db), []);
  } finally {
    await s.stop();
  }
});

test('giving someone the dsl role tells the headteacher and the chair, in staffroom and by e-mail, with no case detail', async () => {
  const sink = await startSink();
  const s = await startServer({ args: mailArgs(sink.url) });
  try {
    await file(await s.login('teacher@demo.school'), { category: 'staff_conduct', summary: 'Narwhal-summary-4411', about: 'science@demo.school',
      details: 'Pangolin-details-8812', involved: 'Ocelot-person-2290' });
    const outboxBefore = Number(sql(s.db, 'SELECT count(*) FROM outbox'));
    const admin = await s.login('admin@demo.school');
    const ta = id(s.db, 'ta@demo.school');
    const r = await admin.post(`/admin/staff/${ta}`, [['name', sql(s.db, `SELECT name FROM users WHERE id = ${ta}`)],
      ['staff_type', 'support'], ['role', 'dsl']]);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(told(s.db), ['chair@demo.school', 'head@demo.school']);
    const msg = sql(s.db, "SELECT message FROM notifications WHERE kind = 'role_grant' LIMIT 1");
    assert.match(msg, /ta@demo\.school/);
    assert.match(msg, /the safeguarding role designated safeguarding lead by admin@demo\.school/);
    const mail = sql(s.db, `SELECT group_concat(to_addr || ' ' || subject || ' ' || body, '\n') FROM outbox WHERE id > ${outboxBefore}`);
    assert.match(mail, /head@demo\.school/);
    assert.match(mail, /chair@demo\.school/);
    assert.match(mail, /A safeguarding role has been given/);
    // The role in words, as the people told read it, never its stored code.
    assert.match(mail, /the safeguarding role designated safeguarding lead by/);
    assert.doesNotMatch(mail, /\bdsl\b/);
    for (const secret of [/Narwhal/, /Pangolin/, /Ocelot/]) {
      assert.doesNotMatch(msg, secret);
      assert.doesNotMatch(mail, secret);
    }
    // Taking a role away, or keeping one, tells nobody again.
    const again = await admin.post(`/admin/staff/${ta}`, [['name', 'Same'], ['staff_type', 'support'], ['role', 'dsl']]);
    assert.equal(again.status, 200);
    assert.equal(told(s.db).length, 2);
    // A new member of staff added with a safeguarding role is told too.
    const added = await admin.post('/admin/staff', [['email', 'new.slt@demo.school'], ['name', 'New Leader'], ['role', 'slt']]);
    assert.equal(added.status, 201, added.text);
    assert.equal(told(s.db).length, 4);
    // Two roles at once are both named, in words.
    const two = await admin.post('/admin/staff', [['email', 'new.head@demo.school'], ['name', 'New Head'],
      ['role', 'headteacher'], ['role', 'dpo']]);
    assert.equal(two.status, 201, two.text);
    assert.match(sql(s.db, "SELECT message FROM notifications WHERE kind = 'role_grant' ORDER BY id DESC LIMIT 1"),
      /the safeguarding roles headteacher and data protection officer by/);
  } finally {
    await s.stop();
    await sink.close();
  }
});

test('a grant on the command line tells the headteacher and the chair too', async () => {
  const s = await startServer();
  try {
    const r = cli(['user', 'roles', '--db', s.db, '--email', 'teacher@demo.school', '--set', 'chair']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(told(s.db), ['chair@demo.school', 'head@demo.school']);
    assert.match(sql(s.db, "SELECT message FROM notifications WHERE kind = 'role_grant' LIMIT 1"), /teacher@demo\.school.*chair.*command line/);
  } finally {
    await s.stop();
  }
});

test('giving someone the network manager role, which receives reports of indecent images, is told too', async () => {
  const s = await startServer();
  try {
    const admin = await s.login('admin@demo.school');
    const ta = id(s.db, 'ta@demo.school');
    const r = await admin.post(`/admin/staff/${ta}`, [['name', sql(s.db, `SELECT name FROM users WHERE id = ${ta}`)],
      ['staff_type', 'support'], ['role', 'network_manager']]);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(told(s.db), ['chair@demo.school', 'head@demo.school']);
    assert.match(sql(s.db, "SELECT message FROM notifications WHERE kind = 'role_grant' LIMIT 1"),
      /the safeguarding role network manager by admin@demo\.school/);
  } finally {
    await s.stop();
  }
});

test('a role taken away takes its notifications with it: a declaration and a decline told to the headteacher', async () => {
  const s = await startServer();
  try {
    const teacher = await s.login('teacher@demo.school');
    const d = await teacher.post('/conduct/declarations', { kind: 'parent', details: 'A neighbour\u2019s child in Year 2.' });
    assert.equal(d.status, 201, d.text);
    const vol = await s.login('volunteer@demo.school');
    const vid = sql(s.db, "SELECT v.id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE p.applies_to LIKE '%volunteer%' ORDER BY v.id LIMIT 1");
    const no = await vol.post('/aup/decline', { version_id: vid, reason: 'A reason of my own.' });
    assert.equal(no.status, 201, no.text);
    let head = await s.login('head@demo.school');
    const told = async () => (await head.get('/')).body.notifications
      .filter((n) => n.link === `/conduct#declaration-${d.body.declaration.id}` || n.link === '/aup/compliance');
    const before = await told();
    assert.equal(before.length, 2, JSON.stringify(before));
    assert.equal(cli(['user', 'roles', '--db', s.db, '--email', 'head@demo.school', '--set', 'staff']).code, 0);
    head = await s.login('head@demo.school');
    assert.deepEqual(await told(), [], 'no longer the headteacher: neither is listed');
    for (const n of before) assert.equal((await head.request('GET', `/notifications/${n.id}`, { json: false })).status, 404);
  } finally {
    await s.stop();
  }
});
