// A report must always reach someone who may act on it.  When nobody active
// holds the receiving role, the concern is still stored, the reporter is told
// on the spot (202) that it has NOT reached anyone and whom to contact, and
// the administrator and the headteacher see a standing warning on "My tasks"
// naming the empty role, never a case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { report, counts } from './concern_helpers.mjs';

let s;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['head', 'admin', 'teacher', 'chair', 'science', 'moderator']) c[who] = await s.login(`${who}@demo.school`);
});
after(async () => { await s.stop(); });

const active = (email, on) => sql(s.db, `UPDATE users SET active = ${on ? 1 : 0} WHERE email = '${email}'`);
const notified = (id) => Number(sql(s.db, `SELECT count(*) FROM notifications WHERE link = '/concerns/${id}'`));
const unreached = async (who) => (await c[who].get('/')).body.tasks.filter((t) => t.kind === 'concern_unreached');

test('a concern about the headteacher with no active chair: stored, 202 "NOT reached", the LADO named', async () => {
  active('chair@demo.school', false);
  try {
    const before = counts(s.db);
    const r = await report(c.teacher, { category: 'staff_conduct', summary: 'Head follows pupils', about: 'head@demo.school' });
    assert.equal(r.status, 202, r.text);
    assert.equal(r.body.delivered, false);
    assert.match(r.body.warning, /has NOT reached anyone/);
    assert.match(r.body.warning, /local authority designated officer \(LADO\)/);
    assert.match(r.body.warning, new RegExp(r.body.concern.reference));
    const { id } = r.body.concern;
    // stored, routed to the chair, waiting: never lost
    assert.equal(counts(s.db).concerns, before.concerns + 1);
    assert.equal(sql(s.db, `SELECT group_concat(role) FROM concern_recipient_roles WHERE concern_id = ${id}`), 'chair');
    assert.equal(notified(id), 0);
    // the reporter's page says so, for as long as it is true
    const mine = await c.teacher.page(`/concerns/mine/${id}`);
    assert.match(visibleText(mine.text), /Your report has not reached anyone yet/);
    assert.match(visibleText(mine.text), /\(LADO\)/);
    assert.equal((await c.teacher.get(`/concerns/mine/${id}`)).body.concern.delivered, false);
    // a browser gets the same words after the redirect
    const fd = new FormData();
    for (const [k, v] of Object.entries({ category: 'staff_conduct', summary: 'Again', about: 'head@demo.school' })) fd.append(k, v);
    const html = await c.teacher.request('POST', '/concerns', { json: false, multipart: fd });
    assert.equal(html.status, 303);
    const next = await c.teacher.page(html.headers.get('location'));
    assert.match(visibleText(next.text), /has NOT reached anyone yet/);
    // the standing warning, with no case detail, for the head and the admin only
    const want = 'No chair of governors is active in staffroom: concerns about the headteacher reach nobody.';
    const head = await unreached('head');
    assert.equal(head.length, 1);
    assert.equal(head[0].message, `${want} Ask the administrator to give the role to someone.`);
    assert.equal(head[0].urgent, true);
    const page = visibleText((await c.head.page('/')).text);
    assert.ok(page.includes(want));
    assert.ok(!page.includes(r.body.concern.reference) && !page.includes('Head follows pupils'), 'no case detail');
    const admin = await unreached('admin');
    assert.equal(admin.length, 1);
    assert.ok(admin[0].message.startsWith(want));
    assert.equal((await unreached('teacher')).length, 0);
    // once a chair is active again, the case is theirs and the warning goes
    active('chair@demo.school', true);
    assert.equal((await c.chair.get(`/concerns/${id}`)).status, 200);
    assert.ok((await c.chair.get('/concerns')).body.concerns.some((x) => x.id === id));
    assert.equal((await unreached('head')).length, 0);
    assert.equal((await c.teacher.get(`/concerns/mine/${id}`)).body.concern.delivered, true);
  } finally {
    active('chair@demo.school', true);
  }
});

test('any category whose receiving roles are all empty: 202, whom to contact, and a warning naming the roles', async () => {
  active('moderator@demo.school', false);
  try {
    const r = await report(c.science, { category: 'account_comment', summary: 'Rude reply on our page' });
    assert.equal(r.status, 202, r.text);
    assert.equal(r.body.delivered, false);
    assert.match(r.body.warning, /NOT reached anyone/);
    assert.match(r.body.warning, /Speak to the headteacher/);
    assert.equal(notified(r.body.concern.id), 0);
    const msgs = (await unreached('admin')).map((t) => t.message);
    assert.deepEqual(msgs, ["No moderator is active in staffroom: concerns of the kind 'Offensive comment on a school account' reach nobody. Give the role to someone, or change the routing."]);
    assert.equal((await unreached('head')).length, 1);
    // a category that still reaches someone is answered as before
    const ok = await report(c.science, { category: 'other', summary: 'Reaches the head' });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.delivered, true);
    assert.ok(!('warning' in ok.body));
  } finally {
    active('moderator@demo.school', true);
  }
  assert.equal((await unreached('admin')).length, 0);
});

test('a pupil at risk with no DSL and no headteacher: children\'s social care and the police named', async () => {
  active('dsl@demo.school', false);
  active('head@demo.school', false);
  try {
    const r = await report(c.teacher, { category: 'sexting', summary: 'Image shared in a Year 10 chat' });
    assert.equal(r.status, 202, r.text);
    assert.match(r.body.warning, /children's social care/);
    assert.match(r.body.warning, /police on 999/);
    const msgs = (await unreached('admin')).map((t) => t.message);
    assert.ok(msgs.includes("No designated safeguarding lead or headteacher is active in staffroom: concerns of the kind 'Nude or semi-nude image of a young person' reach nobody. Give the role to someone, or change the routing."), msgs.join('\n'));
  } finally {
    active('dsl@demo.school', true);
    active('head@demo.school', true);
  }
});

test('a concern raised from a school account reaches someone, or says it has not', async () => {
  // The demo's science account, run by its lead (who passes the checks).
  const acct = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = '@HillsideScience'"));
  const at = new Date(Date.now() - 60000).toISOString().slice(0, 19) + 'Z';
  const check = { checked_at: at, comments_found: 'yes', all_answered: 'no', open_concern: 'yes',
    summary: 'A threatening comment under a post' };
  let r = await c.science.post(`/accounts/${acct}/checks`, check);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.check.concern.delivered, true);
  active('moderator@demo.school', false);
  active('dsl@demo.school', false);
  try {
    // Another comment (the same check sent again would be refused as a repeat).
    r = await c.science.post(`/accounts/${acct}/checks`, { ...check, summary: 'Another comment' });
    assert.equal(r.status, 202, r.text);
    assert.equal(notified(r.body.check.concern.id), 0);
    assert.equal(r.body.check.concern.delivered, false);
    assert.match(r.body.check.concern.warning, /has NOT reached anyone/);
    const page = await c.science.request('POST', `/accounts/${acct}/checks`, { json: false,
      form: { ...check, summary: 'A third comment' } });
    assert.equal(page.status, 303);
    const said = visibleText((await c.science.page(page.headers.get('location'))).text);
    assert.match(said, /has NOT reached anyone/);
    assert.doesNotMatch(said, /sent to the moderator/);
    // A comment naming a pupil: urgent, and the words for a pupil at risk.
    r = await c.science.post(`/accounts/${acct}/moderation`, { action: 'deleted',
      what: 'A comment naming a Year 8 pupil', names_pupil: 'yes' });
    assert.equal(r.status, 202, r.text);
    assert.equal(notified(r.body.moderation.concern.id), 0);
    assert.equal(r.body.moderation.concern.delivered, false);
    assert.match(r.body.moderation.concern.warning, /children's social care/);
  } finally {
    active('moderator@demo.school', true);
    active('dsl@demo.school', true);
  }
});
