// Applications nobody could otherwise take on (ravens-wood §2 and §3): who
// decides when the business manager and the headteacher are both out of it,
// who reviews when the only moderator applied, where the people told of a
// decision are sent, and the senior leadership team, the headteacher among
// them, told of applications and of mistakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { application, qualify, uid } from './account_lib.mjs';

async function apply(client, overrides = {}) {
  const r = await client.post('/accounts/applications', application(overrides));
  assert.equal(r.status, 201, r.text);
  return r.body.application.id;
}

async function forward(s, id, reviewer = 'moderator@demo.school') {
  const r = await (await s.login(reviewer)).post(`/accounts/applications/${id}/review`,
    { decision: 'forward', confirm: 'yes' });
  assert.equal(r.status, 200, r.text);
}

// Who holds an unread notification linking to link, by e-mail address.
function told(db, link) {
  return sql(db, `SELECT group_concat(email, ',') FROM (SELECT u.email FROM notifications n
    JOIN users u ON u.id = n.user_id WHERE n.link = '${link}' AND n.read_at IS NULL ORDER BY u.email)`)
    .split(',').filter(Boolean);
}

const decides = async (c, id) => (await c.post(`/accounts/applications/${id}/decision`,
  { decision: 'reject', reason: 'Not this term.' })).status;

test('the business manager applies and the headteacher leads: a senior leader decides, told and tasked', async () => {
  const s = await startServer();
  try {
    const bursar = await s.login('bursar@demo.school');
    const head = await s.login('head@demo.school');
    const a = await apply(bursar, { name: 'office_news', lead: 'head@demo.school' });
    const b = await apply(head, { name: 'head_news', lead: 'bursar@demo.school' });
    for (const id of [a, b]) {
      await forward(s, id);
      const link = `/accounts/applications/${id}`;
      assert.deepEqual(told(s.db, link), ['deputy@demo.school', 'dsl@demo.school'], 'the senior leaders are told');
      const deputy = await s.login('deputy@demo.school');
      assert.equal((await deputy.get(link)).body.decider, 'slt');
      assert.equal((await deputy.get(link)).body.can_decide, true);
      assert.ok((await deputy.get('/')).body.tasks.some((t) => t.kind === 'account_decision'));
      for (const c of [bursar, head]) {
        assert.ok(!(await c.get('/')).body.tasks.some((t) => t.kind === 'account_decision'));
        const r = await c.post(`${link}/decision`, { decision: 'reject', reason: 'No.' });
        assert.equal(r.status, 403);
      }
      assert.equal(await decides(deputy, id), 200);
    }
  } finally { await s.stop(); }
});

test('with no senior leader free either, the chair of governors decides, and may open it', async () => {
  const s = await startServer();
  try {
    sql(s.db, `DELETE FROM user_roles WHERE role = 'slt'`);
    const bursar = await s.login('bursar@demo.school');
    const id = await apply(bursar, { name: 'office_news', lead: 'head@demo.school' });
    const link = `/accounts/applications/${id}`;
    const chair = await s.login('chair@demo.school');
    assert.equal((await chair.get(link)).status, 404, 'not theirs before it comes to them');
    await forward(s, id);
    assert.deepEqual(told(s.db, link), ['chair@demo.school']);
    const page = await chair.get(link);
    assert.equal(page.status, 200, 'the link they are sent opens');
    assert.equal(page.body.decider, 'chair');
    const task = (await chair.get('/')).body.tasks.find((t) => t.kind === 'account_decision');
    assert.equal(task?.link, link, 'a task linking to the application');
    assert.equal((await (await s.login('governor@demo.school')).get(link)).status, 404);
    assert.equal(await decides(await s.login('head@demo.school'), id), 403);
    // Approved, the chair is sent back to the application, which they may open, not to the
    // register entry, which they may not.
    qualify(s.db, 'head@demo.school');
    const approved = await chair.request('POST', `/accounts/applications/${id}/decision`,
      { form: { decision: 'approve' }, json: false });
    assert.equal(approved.status, 303, approved.text);
    assert.equal(approved.headers.get('location'), link);
    assert.equal((await chair.get(link)).status, 200);
    // A senior leader appointed since: the decision the chair took stays theirs to read.
    sql(s.db, `INSERT INTO user_roles(user_id, role) SELECT id, 'slt' FROM users WHERE email = 'deputy@demo.school'`);
    assert.equal((await chair.get(link)).status, 200);
  } finally { await s.stop(); }
});

test('the settings make SLT the decider: both senior leaders out of it, the headteacher decides', async () => {
  const s = await startServer();
  try {
    sql(s.db, `UPDATE settings SET value = 'slt' WHERE key = 'account_decider'`);
    const id = await apply(await s.login('deputy@demo.school'), { name: 'lead_news', lead: 'dsl@demo.school' });
    await forward(s, id);
    assert.deepEqual(told(s.db, `/accounts/applications/${id}`), ['head@demo.school']);
    assert.equal(await decides(await s.login('dsl@demo.school'), id), 403);
    assert.equal(await decides(await s.login('head@demo.school'), id), 200);
  } finally { await s.stop(); }
});

test('the only moderator applies: a senior leader reviews it, and is tasked; not while another moderator is left', async () => {
  const s = await startServer();
  try {
    const mod = await s.login('moderator@demo.school');
    const id = await apply(mod, { name: 'comms_news', lead: 'teacher@demo.school' });
    const review = `/accounts/applications/${id}/review`;
    let r = await mod.post(review, { decision: 'forward', confirm: 'yes' });
    assert.equal(r.status, 403);
    assert.match(r.body.error, /a senior leader reviews it/);
    for (const who of ['head', 'deputy']) {
      const c = await s.login(`${who}@demo.school`);
      assert.ok((await c.get('/')).body.tasks.some((t) => t.kind === 'account_review'), `${who} has the task`);
      assert.equal((await c.get(`/accounts/applications/${id}`)).body.can_review, true);
    }
    assert.equal((await (await s.login('teacher@demo.school')).post(review, { decision: 'forward' })).status, 403);
    assert.equal((await (await s.login('bursar@demo.school')).post(review, { decision: 'forward' })).status, 403);

    // Another moderator: theirs again.
    sql(s.db, `INSERT INTO user_roles(user_id, role) VALUES (${uid(s.db, 'ta@demo.school')}, 'moderator')`);
    const deputy = await s.login('deputy@demo.school');
    assert.ok(!(await deputy.get('/')).body.tasks.some((t) => t.kind === 'account_review'));
    assert.equal((await deputy.post(review, { decision: 'forward', confirm: 'yes' })).status, 403);
    sql(s.db, `DELETE FROM user_roles WHERE role = 'moderator' AND user_id = ${uid(s.db, 'ta@demo.school')}`);

    r = await deputy.post(review, { decision: 'forward', confirm: 'yes' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(told(s.db, `/accounts/applications/${id}`), ['bursar@demo.school']);
    assert.equal(await decides(deputy, id), 403, 'whoever reviewed it does not decide it');
    assert.equal(await decides(await s.login('bursar@demo.school'), id), 200);
  } finally { await s.stop(); }
});

test('an applicant who does not lead the account is sent to the application, the lead to the account', async () => {
  const s = await startServer();
  try {
    qualify(s.db, 'science@demo.school');
    const teacher = await s.login('teacher@demo.school');
    const id = await apply(teacher, { name: 'science_club', lead: 'science@demo.school' });
    await forward(s, id);
    const r = await (await s.login('bursar@demo.school')).post(`/accounts/applications/${id}/decision`,
      { decision: 'approve' });
    assert.equal(r.status, 200, r.text);
    const account = r.body.account.id;
    const lead = await s.login('science@demo.school');
    for (const [c, link] of [[teacher, `/accounts/applications/${id}`], [lead, `/accounts/${account}`]]) {
      const n = (await c.get('/')).body.notifications.find((x) => x.kind === 'account_approved');
      assert.equal(n?.link, link);
      assert.equal((await c.get(n.link)).status, 200, `${link} opens`);
    }
  } finally { await s.stop(); }
});

test('the headteacher is told of applications and mistakes as SLT, once, and never of their own', async () => {
  const s = await startServer();
  try {
    const teacher = await s.login('teacher@demo.school');
    const id = await apply(teacher, { name: 'pe_fixtures' });
    const everyone = ['deputy@demo.school', 'dsl@demo.school', 'head@demo.school', 'moderator@demo.school'];
    assert.deepEqual(told(s.db, `/accounts/applications/${id}`), everyone);
    const own = await apply(await s.login('head@demo.school'), { name: 'head_blog' });
    assert.deepEqual(told(s.db, `/accounts/applications/${own}`),
      ['deputy@demo.school', 'dsl@demo.school', 'moderator@demo.school']);
    // A headteacher who also holds the slt role is told once.
    sql(s.db, `INSERT INTO user_roles(user_id, role) VALUES (${uid(s.db, 'head@demo.school')}, 'slt')`);
    const again = await apply(teacher, { name: 'pe_results' });
    assert.deepEqual(told(s.db, `/accounts/applications/${again}`), everyone);
    sql(s.db, `DELETE FROM user_roles WHERE role = 'slt' AND user_id = ${uid(s.db, 'head@demo.school')}`);

    const account = Number(sql(s.db, `SELECT id FROM social_accounts WHERE lead_id = ${uid(s.db, 'science@demo.school')} LIMIT 1`));
    let r = await (await s.login('science@demo.school')).post(`/accounts/${account}/mistakes`,
      { what: 'Posted the wrong date for parents\' evening.' });
    assert.equal(r.status, 201, r.text);
    const mistake = r.body.mistake.id;
    assert.deepEqual(told(s.db, `/accounts/${account}#mistake-${mistake}`), everyone);
    const head = await s.login('head@demo.school');
    assert.ok((await head.get(`/accounts/${account}`)).body.mistakes.some((m) => m.id === mistake), 'and sees it');
    r = await (await s.login('moderator@demo.school')).post(`/accounts/${account}/mistakes`,
      { what: 'A typo in the club times.' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(told(s.db, `/accounts/${account}#mistake-${r.body.mistake.id}`),
      ['deputy@demo.school', 'dsl@demo.school', 'head@demo.school']);
  } finally { await s.stop(); }
});

// Registering an account that already existed needs no application, so the senior leaders are
// told of each one: none, the moderator's own above all, goes on the register unseen.
test('an existing account registered by the moderator is told to the senior leaders', async () => {
  const s = await startServer();
  try {
    qualify(s.db, 'moderator@demo.school');
    const mod = await s.login('moderator@demo.school');
    const r = await mod.post('/accounts', { platform: 'youtube', name: 'Hillside Comms', url: 'https://youtube.com/@hillsidecomms',
      department: 'Office', lead: 'moderator@demo.school', visibility: 'open' });
    assert.equal(r.status, 201, r.text);
    const told = sql(s.db, `SELECT group_concat(email) FROM (SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE n.kind = 'account_registered' AND n.link = '/accounts/${r.body.account.id}' ORDER BY u.email)`);
    assert.equal(told, 'deputy@demo.school,dsl@demo.school,head@demo.school');
    const head = await s.login('head@demo.school');
    const note = (await head.get('/')).body.notifications.find((n) => n.link === `/accounts/${r.body.account.id}`);
    assert.match(note.message, /added the existing school account 'Hillside Comms' to the register, without an application\./);
    assert.equal((await head.get(`/accounts/${r.body.account.id}`)).status, 200);
  } finally {
    await s.stop();
  }
});

// My tasks counts the applications waiting from kept numbers, less the reader's own, and reads
// only the decider's applications to find those nobody of the role may decide: its numbers must
// be those of the applications themselves, each of whose pages says whether this reader may
// review or decide it, as the people holding the roles come and go.
test('the numbers of applications waiting on My tasks are those whose pages say the reader may act', async () => {
  const s = await startServer();
  try {
    const people = ['moderator', 'head', 'deputy', 'dsl', 'bursar', 'chair', 'teacher'];
    const c = {};
    for (const p of people) c[p] = await s.login(`${p}@demo.school`);
    // Waiting for review: from a teacher, and from the moderator; waiting for a decision: the
    // bursar leads one, applies for another, and reviewed a third; the head applied for one.
    const ids = [];
    for (const [who, o] of [['teacher', {}], ['teacher', { lead: 'dsl@demo.school' }], ['moderator', {}],
      ['teacher', { lead: 'bursar@demo.school' }], ['bursar', {}], ['head', {}], ['teacher', {}], ['dsl', {}]])
      ids.push(await apply(c[who], { name: `waiting_${ids.length}`, ...o }));
    for (const id of ids.slice(3)) await forward(s, id);
    sql(s.db, `INSERT INTO approvals(application_id, step, decision, comment, actor_id, at)
      VALUES (${ids[6]}, 'review', 'forward', 'Looked at it too.', ${uid(s.db, 'bursar@demo.school')}, '2026-01-01T00:00:00Z')`);
    const number = (tasks, kind) => tasks.filter((t) => t.kind === kind)
      .reduce((n, t) => n + Number((t.message.match(/^(\d+) account application/) ?? [0, 1])[1]), 0);
    const check = async (why) => {
      const all = sql(s.db, "SELECT group_concat(id) FROM account_applications WHERE status IN ('submitted', 'forwarded')")
        .split(',').map(Number);
      for (const p of people) {
        let review = 0, decide = 0;
        for (const id of all) {
          const r = await c[p].get(`/accounts/applications/${id}`);
          if (r.status !== 200) continue;
          review += r.body.can_review === true;
          decide += r.body.can_decide === true;
        }
        const home = await c[p].get('/');
        assert.equal(home.status, 200, `${why}: ${p} ${home.text.slice(0, 300)}`);
        const tasks = home.body.tasks;
        assert.equal(number(tasks, 'account_review'), review, `${why}: ${p} reviews`);
        assert.equal(number(tasks, 'account_decision'), decide, `${why}: ${p} decides`);
      }
    };
    await check('as they are');
    sql(s.db, `INSERT INTO user_roles(user_id, role) VALUES (${uid(s.db, 'ta@demo.school')}, 'moderator')`);
    await check('two moderators');
    sql(s.db, "DELETE FROM user_roles WHERE role = 'moderator'");
    await check('no moderator');
    sql(s.db, `UPDATE users SET active = 0 WHERE email = 'bursar@demo.school'`);
    people.splice(people.indexOf('bursar'), 1); // signed out by leaving
    await check('the business manager gone');
    sql(s.db, "DELETE FROM user_roles WHERE role = 'slt'");
    await check('no senior leader either');
    assert.equal(sql(s.db, "SELECT group_concat(status || '=' || n) FROM (SELECT * FROM application_status_counts WHERE n != 0 ORDER BY status)"),
      sql(s.db, "SELECT group_concat(status || '=' || n) FROM (SELECT status, count(*) AS n FROM account_applications GROUP BY status ORDER BY status)"));
  } finally { await s.stop(); }
});
