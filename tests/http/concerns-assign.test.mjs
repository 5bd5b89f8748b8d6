// Contact from a pupil goes to the DSL as well as the headteacher (the
// acceptable-use agreement: "Tell the DSL the same day"), and the headteacher
// may assign a case to any senior leader or DSL, who may then open it
// everywhere (CONCERN_MAY_OPEN), never to the person it is about.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launch, cli, sql } from './lib.mjs';
import { PNG, file, event } from './concern_helpers.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

let s;
const c = {};
before(async () => {
  s = await startServer();
  // dsl holds dsl and slt; deputy holds slt only
  for (const who of ['head', 'deputy', 'dsl', 'teacher', 'science', 'moderator', 'chair']) c[who] = await s.login(`${who}@demo.school`);
});
after(async () => { await s.stop(); });

const notes = (email, id) => Number(sql(s.db, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = '${email}' AND n.link = '/concerns/${id}'`));

test('contact from a pupil reaches the DSL and the headteacher', async () => {
  const { id } = await file(c.teacher, { category: 'pupil_contact', summary: 'Year 9 pupil sent a follow request' });
  assert.equal(sql(s.db, `SELECT group_concat(role) FROM (SELECT role FROM concern_recipient_roles WHERE concern_id = ${id} ORDER BY role)`), 'dsl,headteacher');
  assert.equal(notes('dsl@demo.school', id), 1);
  assert.equal(notes('head@demo.school', id), 1);
  assert.equal((await c.dsl.get(`/concerns/${id}`)).status, 200);
});

test('the headteacher assigns a case to a senior leader who was not sent it; they may then open it everywhere', async () => {
  const { id } = await file(c.teacher, { category: 'staff_conduct', summary: 'Colleague posts about pupils', about: 'science@demo.school' }, [{ name: 'p.png', data: PNG }]);
  const evid = sql(s.db, `SELECT id FROM evidence WHERE concern_id = ${id}`);
  // staff_conduct goes to the headteacher only: the deputy (slt) cannot see it yet
  assert.equal((await c.deputy.get(`/concerns/${id}`)).status, 404);
  assert.equal((await c.deputy.get(`/evidence/${evid}`, { json: false })).status, 404);
  const page = await c.head.get(`/concerns/${id}`);
  const offered = page.body.assignees.map((a) => a.email);
  for (const e of ['head@demo.school', 'deputy@demo.school', 'dsl@demo.school']) assert.ok(offered.includes(e), e);
  assert.ok(!offered.includes('teacher@demo.school') && !offered.includes('moderator@demo.school'));
  assert.ok(page.body.assignees.every((a) => Object.keys(a).sort().join() === 'email,name'));
  const qBefore = (await c.deputy.get('/concerns')).body;
  assert.ok(!qBefore.concerns.some((x) => x.id === id));
  // not a senior leader or DSL: refused, nothing changes
  for (const who of ['teacher@demo.school', 'moderator@demo.school', 'nobody@demo.school']) {
    const r = await event(c.head, id, { action: 'assign', assignee: who });
    assert.equal(r.status, 400, who);
    assert.equal(r.body.field, 'assignee');
  }
  assert.equal(sql(s.db, `SELECT assignee_id IS NULL FROM concerns WHERE id = ${id}`), '1');
  const r = await event(c.head, id, { action: 'assign', assignee: 'deputy@demo.school' });
  assert.equal(r.status, 200, r.text);
  assert.equal(sql(s.db, `SELECT detail FROM audit WHERE action = 'concern.assign' ORDER BY id DESC LIMIT 1`), 'deputy@demo.school');
  assert.equal(notes('deputy@demo.school', id), 1, 'the assignee is told');
  // now the deputy may open it: page, JSON, evidence, queue, counts, tasks, actions
  assert.equal((await c.deputy.get(`/concerns/${id}`)).status, 200);
  assert.equal((await c.deputy.page(`/concerns/${id}`)).status, 200);
  assert.equal((await c.deputy.get(`/evidence/${evid}`, { json: false })).status, 200);
  const q = (await c.deputy.get('/concerns')).body;
  assert.ok(q.concerns.some((x) => x.id === id));
  assert.equal(q.counts.new, qBefore.counts.new + 1);
  assert.ok((await c.deputy.get('/concerns?assigned=yes')).body.concerns.some((x) => x.id === id));
  const tasks = (await c.deputy.get('/')).body.tasks;
  assert.ok(tasks.some((t) => t.kind === 'concern_assigned'));
  assert.equal((await event(c.deputy, id, { action: 'acknowledge' })).status, 200);
  assert.equal((await event(c.deputy, id, { action: 'note', text: 'Spoke to the colleague.' })).status, 200);
  // others still may not
  assert.equal((await c.science.get(`/concerns/${id}`)).status, 404);
  assert.equal((await c.moderator.get(`/concerns/${id}`)).status, 404);
});

test('handed on to someone else, the case leaves the former assignee\'s notifications: not listed, not opened', async () => {
  const { id } = await file(c.teacher, { category: 'staff_conduct', summary: 'Handed on', about: 'science@demo.school' });
  assert.equal((await event(c.head, id, { action: 'assign', assignee: 'deputy@demo.school' })).status, 200);
  const mine = async () => (await c.deputy.get('/')).body.notifications.filter((n) => n.link === `/concerns/${id}`);
  const [told] = await mine();
  assert.ok(told, 'the assignee is told');
  assert.equal((await event(c.head, id, { action: 'assign', assignee: 'dsl@demo.school' })).status, 200);
  assert.equal((await c.deputy.get(`/concerns/${id}`)).status, 404);
  assert.deepEqual(await mine(), [], 'a notice of a case they may no longer open');
  assert.doesNotMatch((await c.deputy.page('/')).text, new RegExp(`/notifications/${told.id}"`));
  const open = await c.deputy.request('GET', `/notifications/${told.id}`, { json: false });
  assert.equal(open.status, 404);
  assert.equal(sql(s.db, `SELECT read_at IS NULL FROM notifications WHERE id = ${told.id}`), '1', 'nothing written');
  // The new assignee's notice opens.
  const dslNote = (await c.dsl.get('/')).body.notifications.find((n) => n.link === `/concerns/${id}`);
  assert.ok(dslNote);
  const go = await c.dsl.request('GET', `/notifications/${dslNote.id}`, { json: false });
  assert.equal(go.status, 303);
});

test('only the headteacher widens the choice; nobody may be assigned a case about themselves', async () => {
  // the DSL handles a pupil contact case but may not hand it to the deputy, who was not sent it
  const pc = await file(c.teacher, { category: 'cyberbullying_pupil', summary: 'Group chat' });
  const byDsl = await event(c.dsl, pc.id, { action: 'assign', assignee: 'deputy@demo.school' });
  assert.equal(byDsl.status, 400);
  assert.ok(!(await c.dsl.get(`/concerns/${pc.id}`)).body.assignees.some((a) => a.email === 'deputy@demo.school'));
  // a case about the deputy: never theirs, even from the headteacher
  const about = await file(c.teacher, { category: 'staff_conduct', summary: 'About the deputy', about: 'deputy@demo.school' });
  const r = await event(c.head, about.id, { action: 'assign', assignee: 'deputy@demo.school' });
  assert.equal(r.status, 400);
  assert.ok(!(await c.head.get(`/concerns/${about.id}`)).body.assignees.some((a) => a.email === 'deputy@demo.school'));
  assert.equal(sql(s.db, `SELECT assignee_id IS NULL FROM concerns WHERE id = ${about.id}`), '1');
  // forced in the database, the rule still keeps the subject out
  sql(s.db, `UPDATE concerns SET assignee_id = (SELECT id FROM users WHERE email = 'deputy@demo.school') WHERE id = ${about.id}`);
  assert.equal((await c.deputy.get(`/concerns/${about.id}`)).status, 404);
  assert.ok(!(await c.deputy.get('/concerns')).body.concerns.some((x) => x.id === about.id));
});

// An existing database: the upgrade adds the DSL where the old default is
// still in place, and leaves a school's own choice alone.
async function upgraded(prepare) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-routing-'));
  const db = path.join(dir, 'old.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  await prepare(db, dir);
  sql(db, "DELETE FROM routing WHERE category = 'pupil_contact' AND role = 'dsl'; PRAGMA user_version = 2;");
  const r = cli(['init', '--db', db]);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION), r.stderr);
  return sql(db, "SELECT group_concat(role) FROM (SELECT role FROM routing WHERE category = 'pupil_contact' ORDER BY role)");
}

test('the upgrade sends pupil contact to the DSL too, unless the school chose its routing', async () => {
  assert.equal(await upgraded(async () => {}), 'dsl,headteacher');
  // a school whose administrator set pupil contact to the headteacher alone keeps that
  assert.equal(await upgraded(async (db, dir) => {
    const srv = await launch({ dir, db });
    try {
      const admin = await srv.login('admin@demo.school');
      const form = [];
      for (const [cat, role] of sql(db, 'SELECT category, role FROM routing').split('\n').map((l) => l.split('|'))) {
        if (!(cat === 'pupil_contact' && role === 'dsl')) form.push([cat, role]);
      }
      assert.equal((await admin.post('/admin/routing', form)).status, 200);
    } finally { await srv.stop({ keep: true }); }
  }), 'headteacher');
});

// A closed case's page hides the assign, status, escalate and close forms, and
// the template reads their choices only inside them (template.h): the page
// leaves them out, its JSON keeps them, and reopening shows them again.
test('a closed case shows no form choices; its JSON keeps them; reopened, they are back', async () => {
  const { id } = await file(c.teacher, { category: 'pupil_contact', summary: 'Closed then reopened' });
  const open = async () => {
    const page = await c.head.page(`/concerns/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<option value="dsl@demo.school"/);
    assert.match(page.text, /<option value="police"/);
    assert.match(page.text, /value="content_removed"/);
  };
  await open();
  assert.equal((await event(c.head, id, { action: 'acknowledge' })).status, 200);
  assert.equal((await event(c.head, id, { action: 'step', step: 'pupil_told', outcome: 'done', text: 'Told.' })).status, 200);
  assert.equal((await event(c.head, id, { action: 'close', outcome: 'Done', outcome_category: 'other' })).status, 200);
  const closed = await c.head.page(`/concerns/${id}`);
  assert.equal(closed.status, 200);
  assert.doesNotMatch(closed.text, /id="f-assignee"|<option value="police"|value="content_removed"/);
  const json = (await c.head.get(`/concerns/${id}`)).body;
  assert.ok(json.assignees.some((a) => a.email === 'dsl@demo.school'));
  assert.ok(json.bodies.some((b) => b.code === 'police'));
  assert.ok(json.outcomes.some((o) => o.code === 'content_removed'));
  assert.equal((await event(c.head, id, { action: 'reopen', text: 'More came in' })).status, 200);
  await open();
});

// Someone whose roles now receive no case at all (the deputy become business manager) keeps the
// cases assigned to them: the queue lists those, read through the index of assigned cases, and
// nothing else, in every view of it.
test('someone whose roles receive no case sees exactly the cases assigned to them in the queue', async () => {
  const { id } = await file(c.teacher, { category: 'staff_conduct', summary: 'Assigned, then the role changed', about: 'science@demo.school' });
  const other = (await file(c.teacher, { category: 'staff_conduct', summary: 'Never assigned', about: 'science@demo.school' })).id;
  assert.equal((await event(c.head, id, { action: 'assign', assignee: 'deputy@demo.school' })).status, 200);
  // Both urgent: the urgent cases come first, and are read through the same index.
  sql(s.db, `UPDATE concerns SET urgent = 1 WHERE id IN (${id}, ${other})`);
  const deputy = sql(s.db, "SELECT id FROM users WHERE email = 'deputy@demo.school'");
  const roles = sql(s.db, `SELECT group_concat(role) FROM user_roles WHERE user_id = ${deputy}`);
  sql(s.db, `DELETE FROM user_roles WHERE user_id = ${deputy} AND role != 'staff'; ` +
    `INSERT INTO user_roles(user_id, role) VALUES (${deputy}, 'business_manager')`);
  try {
    assert.equal(sql(s.db, "SELECT count(*) FROM concerns WHERE (recipient_mask & (SELECT bit FROM role_bits " +
      "WHERE role = 'business_manager')) != 0"), '0', 'the role receives no case');
    // Open urgent cases first, then the rest newest first; never one about them.
    const assigned = sql(s.db, `SELECT group_concat(id) FROM (SELECT id FROM concerns WHERE assignee_id = ${deputy} ` +
      `AND status != 'closed' AND (about_id IS NULL OR about_id != ${deputy}) ` +
      'ORDER BY urgent DESC, created_at DESC, id DESC)');
    assert.ok(assigned.split(',').includes(String(id)));
    for (const q of ['/concerns', '/concerns?status=all', '/concerns?status=new', '/concerns?category=staff_conduct']) {
      const r = await c.deputy.get(q);
      assert.equal(r.status, 200, q);
      const ids = r.body.concerns.map((x) => x.id);
      assert.ok(ids.includes(id), q);
      assert.ok(!ids.includes(other), q);
      if (q === '/concerns') assert.equal(ids.join(), assigned);
    }
    const page = await c.deputy.page('/concerns');
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`href="/concerns/${id}"`));
    assert.doesNotMatch(page.text, new RegExp(`href="/concerns/${other}"`));
  } finally {
    sql(s.db, `DELETE FROM user_roles WHERE user_id = ${deputy}; ` +
      `INSERT INTO user_roles(user_id, role) SELECT ${deputy}, value FROM json_each('${JSON.stringify(roles.split(','))}')`);
  }
});
