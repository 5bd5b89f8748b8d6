// A block request made for a report about the headteacher is withheld from
// them.  Content reached on school machines is reported "so that the site
// can be blocked" (heatons 6.8 and 7.3); about the headteacher, the report
// goes to the chair alone (KCSIE part four), and the site is asked to be
// blocked as the reporter's own filtering request.  For the headteacher that
// request is not there: not on /filtering (JSON or page), not theirs to
// decide (404), not counted on "My tasks", not in their audit log, nor in a
// subject access export they read.  The network manager still decides it,
// even when the headteacher is the senior leader named for filtering; when
// nobody else decides, the DSL; when the headteacher is also the only DSL (a
// small primary school), the chair of governors, who receives the report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { file, report } from './concern_helpers.mjs';

let s;
const c = {};
const today = () => new Date().toISOString().slice(0, 10);
const idOf = (email) => sql(s.db, `SELECT id FROM users WHERE email = '${email}'`);
const requestFor = (site) => sql(s.db, `SELECT id FROM filter_requests WHERE site = '${site}'`);
const ref = (id) => `F-${String(id).padStart(5, '0')}`;
// The number of requests to block on a person's "My tasks" (0: no task).
const blockTask = async (who) => {
  const t = (await c[who].get('/')).body.tasks.find((k) => k.kind === 'filtering_block');
  return t ? Number(t.message.match(/^(\d+)/)[1]) : 0;
};

before(async () => {
  s = await startServer();
  for (const w of ['teacher', 'head', 'network', 'dsl', 'admin', 'dpo', 'deputy', 'chair', 'governor']) {
    c[w] = await s.login(`${w}@demo.school`);
  }
});
after(async () => { await s.stop(); });

test('the headteacher, named for filtering, never sees the request; the network manager decides it', async () => {
  const named = await c.head.post('/filtering/people', { leader: 'head@demo.school', governor: 'governor@demo.school' });
  assert.equal(named.status, 200, named.text);
  assert.equal((await c.head.get('/filtering')).body.may_decide_requests, true, 'the head decides requests');
  const tasksBefore = await blockTask('head');
  const site = 'https://withheld-casino.example';
  const x = await file(c.teacher, { category: 'premises_content', summary: 'A casino on the hall PC',
    url: site, about: 'head@demo.school' });
  const id = requestFor(site);
  assert.ok(id, 'the site is asked to be blocked');
  assert.equal(sql(s.db, `SELECT withheld_from FROM filter_requests WHERE id = ${id}`), idOf('head@demo.school'));

  // Not on the head's /filtering, as JSON or as the page.
  const mine = await c.head.get('/filtering');
  assert.ok(!mine.body.requests.some((r) => r.id === Number(id)), 'not listed for the head');
  assert.ok(!mine.text.includes('withheld-casino'), 'the site is not in the JSON');
  const page = await c.head.page('/filtering');
  assert.ok(!page.text.includes('withheld-casino'), 'nor on the page');
  assert.ok(!page.text.includes(`/filtering/requests/${id}/decision`), 'no form to decide it');
  // Not counted on the head's tasks, nor told.
  assert.equal(await blockTask('head'), tasksBefore, 'not counted for the head');
  assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${idOf('head@demo.school')} ` +
    `AND link = '/filtering#request-${id}'`), '0');
  // Not the head's to decide: 404, as a request that is not there, and nothing changes.
  const d = await c.head.post(`/filtering/requests/${id}/decision`, { decision: 'refused', decision_reason: 'No.' });
  assert.equal(d.status, 404, d.text);
  assert.equal(sql(s.db, `SELECT decision IS NULL FROM filter_requests WHERE id = ${id}`), '1');

  // Someone is still told, and decides: the network manager.
  assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${idOf('network@demo.school')} ` +
    `AND link = '/filtering#request-${id}'`), '1');
  const row = (await c.network.get('/filtering')).body.requests.find((r) => r.id === Number(id));
  assert.ok(row, 'the network manager sees it');
  assert.equal(row.may_decide, true);
  assert.ok(await blockTask('network') >= 1);
  // The DSL, who reads the whole record, still sees it: only the head is kept out.
  assert.ok((await c.dsl.get('/filtering')).body.requests.some((r) => r.id === Number(id)));
  const done = await c.network.post(`/filtering/requests/${id}/decision`, { decision: 'done',
    decision_reason: 'Blocked for every machine.' });
  assert.equal(done.status, 200, done.text);
  // The reporter sees it as their own, with its decision.
  const own = (await c.teacher.get('/filtering')).body.requests.find((r) => r.id === Number(id));
  assert.equal(own.decision, 'done');
  assert.equal(own.site, site);
  // Decided, still not there for the head.
  assert.ok(!(await c.head.get('/filtering')).text.includes('withheld-casino'));
  assert.equal((await c.head.post(`/filtering/requests/${id}/decision`, { decision: 'done',
    decision_reason: 'x' })).status, 404);

  // The audit log: the request's rows, and the head's refused tries, are kept
  // but not shown to the head; nor to the administrator, who may not open
  // the request either (audit_records.test.mjs).
  const rows = async (who, q = '') => (await c[who].get(`/audit${q}`)).body.audit
    .filter((a) => a.object === ref(id) || a.object.startsWith(`/filtering/requests/${id}/`));
  assert.deepEqual(await rows('head'), []);
  assert.deepEqual(await rows('head', `?object=${ref(id)}`), []);
  assert.deepEqual(await rows('admin'), []);
  const kept = sql(s.db, `SELECT action FROM audit WHERE object = '${ref(id)}' OR ` +
    `object GLOB '/filtering/requests/${id}/*'`).split('\n');
  assert.ok(kept.includes('filtering.request') && kept.includes('filtering.decide'), kept.join());
  assert.ok(kept.includes('access.refused'), 'the head\'s tries are logged');

  // A subject access export the head reads: not the reporter's request, nor
  // the network manager's notification of it.  The DPO reads both.
  for (const who of ['teacher', 'network']) {
    const r = await c.head.post('/sar', { email: `${who}@demo.school`, received_on: today() });
    assert.equal(r.status, 201, r.text);
    const text = (await c.head.get(`/sar/${r.body.request.id}/export`)).text;
    assert.ok(!text.includes('withheld-casino'), `the ${who}'s export for the head names the site`);
    assert.ok(!text.includes(`/filtering#request-${id}`), `the ${who}'s export for the head links to it`);
    assert.ok(!text.includes(x.reference));
    const whole = (await c.dpo.get(`/sar/${r.body.request.id}/export`)).text;
    assert.ok(whole.includes('withheld-casino'), `the DPO reads the ${who}'s whole export`);
  }
});

test('a network manager who reports it decides it themselves when the only other decider is the headteacher', async () => {
  // The head is still the named leader (the test above).
  const site = 'https://own-report.example';
  await file(c.network, { category: 'premises_content', summary: 'Reached on the library PC', url: site,
    about: 'head@demo.school' });
  const id = requestFor(site);
  const row = (await c.network.get('/filtering')).body.requests.find((r) => r.id === Number(id));
  assert.equal(row.may_decide, true, 'nobody else may see it');
  assert.ok(!(await c.head.get('/filtering')).text.includes('own-report'));
  const d = await c.network.post(`/filtering/requests/${id}/decision`, { decision: 'done', decision_reason: 'Blocked.' });
  assert.equal(d.status, 200, d.text);

  // With another leader named, that leader decides it, as any request of a decider's own.
  const named = await c.head.post('/filtering/people', { leader: 'deputy@demo.school', governor: 'governor@demo.school' });
  assert.equal(named.status, 200, named.text);
  const site2 = 'https://own-report-two.example';
  await file(c.network, { category: 'premises_content', summary: 'Reached again', url: site2, about: 'head@demo.school' });
  const id2 = requestFor(site2);
  assert.equal((await c.network.post(`/filtering/requests/${id2}/decision`, { decision: 'done',
    decision_reason: 'x' })).status, 403);
  assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${idOf('deputy@demo.school')} ` +
    `AND link = '/filtering#request-${id2}'`), '1', 'the named leader is told');
  assert.equal((await c.deputy.post(`/filtering/requests/${id2}/decision`, { decision: 'done',
    decision_reason: 'Blocked.' })).status, 200);
});

test('a headteacher who is also a network manager is neither told nor shown it', async () => {
  const head = idOf('head@demo.school');
  sql(s.db, `INSERT INTO user_roles(user_id, role) VALUES (${head}, 'network_manager')`);
  try {
    const h = await s.login('head@demo.school');
    const site = 'https://both-roles.example';
    await file(c.teacher, { category: 'premises_content', summary: 'Reached in the office', url: site,
      about: 'head@demo.school' });
    const id = requestFor(site);
    assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${head} ` +
      `AND link = '/filtering#request-${id}'`), '0', 'not told as a network manager');
    assert.ok(!(await h.get('/filtering')).text.includes('both-roles'));
    assert.equal((await h.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'x' })).status, 404);
    assert.equal((await c.network.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'Blocked.' })).status, 200);
  } finally {
    sql(s.db, `DELETE FROM user_roles WHERE user_id = ${head} AND role = 'network_manager'`);
  }
});

test('with no network manager and the headteacher the named leader, the DSL decides it', async () => {
  const named = await c.head.post('/filtering/people', { leader: 'head@demo.school', governor: 'governor@demo.school' });
  assert.equal(named.status, 200, named.text);
  const network = idOf('network@demo.school');
  const dslTasks = await blockTask('dsl');
  sql(s.db, `UPDATE users SET active = 0 WHERE id = ${network}`);
  try {
    const site = 'https://no-network-manager.example';
    await file(c.teacher, { category: 'premises_content', summary: 'Reached in the hall', url: site,
      about: 'head@demo.school' });
    const id = requestFor(site);
    // The DSL, who reads the whole record, is told, has it on "My tasks" and may decide it.
    assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${idOf('dsl@demo.school')} ` +
      `AND link = '/filtering#request-${id}'`), '1', 'the DSL is told');
    assert.equal(await blockTask('dsl'), dslTasks + 1);
    const row = (await c.dsl.get('/filtering')).body.requests.find((r) => r.id === Number(id));
    assert.equal(row.may_decide, true);
    assert.ok((await c.dsl.page('/filtering')).text.includes(`/filtering/requests/${id}/decision`), 'the form');
    // Still not there for the head: neither listed, counted nor theirs to decide.
    assert.ok(!(await c.head.get('/filtering')).text.includes('no-network-manager'));
    assert.equal((await c.head.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'x' })).status, 404);
    // Nobody else stands in: the reporter sees it as their own but does not
    // decide it (403); the deputy does not read the record (404).
    for (const [who, status] of [['teacher', 403], ['deputy', 404]]) {
      assert.equal((await c[who].post(`/filtering/requests/${id}/decision`, { decision: 'done',
        decision_reason: 'x' })).status, status, who);
    }
    // A request that is not withheld stays the named leader's (the head's): the DSL is refused.
    const open = await c.teacher.post('/filtering/requests', { kind: 'block', site: 'https://plain.example',
      reason: 'A game site.' });
    assert.equal(open.status, 201, open.text);
    const plain = await c.dsl.post(`/filtering/requests/${open.body.request.id}/decision`, { decision: 'done',
      decision_reason: 'x' });
    assert.equal(plain.status, 403, plain.text);
    assert.match(plain.body.error, /Only the network manager or the senior leader named for filtering/);
    // A bad decision is refused and changes nothing.
    const bad = await c.dsl.post(`/filtering/requests/${id}/decision`, { decision: 'maybe', decision_reason: 'x' });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(sql(s.db, `SELECT decision IS NULL FROM filter_requests WHERE id = ${id}`), '1');
    const done = await c.dsl.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'Blocked on the filter.' });
    assert.equal(done.status, 200, done.text);
    assert.equal(sql(s.db, `SELECT decided_by FROM filter_requests WHERE id = ${id}`), idOf('dsl@demo.school'));
    assert.equal(await blockTask('dsl'), dslTasks, 'off the DSL\'s tasks once decided');
  } finally {
    sql(s.db, `UPDATE users SET active = 1 WHERE id = ${network}`);
  }
  // With a network manager active again, a new one is theirs, not the DSL's.
  const site = 'https://network-back.example';
  await file(c.teacher, { category: 'premises_content', summary: 'Reached again', url: site, about: 'head@demo.school' });
  const id = requestFor(site);
  assert.equal((await c.dsl.get('/filtering')).body.requests.find((r) => r.id === Number(id)).may_decide, false);
  assert.equal((await c.dsl.post(`/filtering/requests/${id}/decision`, { decision: 'done',
    decision_reason: 'x' })).status, 403);
  assert.equal((await c.network.post(`/filtering/requests/${id}/decision`, { decision: 'done',
    decision_reason: 'Blocked.' })).status, 200);
});

// A small primary school: the headteacher is the only DSL and the only
// network manager.  The DSL's role is held by nobody else, so the chair of
// governors, who receives the report about the head (KCSIE part four),
// decides the request.  Returns a function that puts the roles back.
const headHoldsAll = () => {
  const head = idOf('head@demo.school'), dsl = idOf('dsl@demo.school'), network = idOf('network@demo.school');
  sql(s.db, `INSERT OR IGNORE INTO user_roles(user_id, role) VALUES (${head}, 'dsl'), (${head}, 'network_manager');
    DELETE FROM user_roles WHERE user_id = ${dsl} AND role = 'dsl';
    DELETE FROM user_roles WHERE user_id = ${network} AND role = 'network_manager'`);
  return () => sql(s.db, `DELETE FROM user_roles WHERE user_id = ${head} AND role IN ('dsl', 'network_manager');
    INSERT OR IGNORE INTO user_roles(user_id, role) VALUES (${dsl}, 'dsl'), (${network}, 'network_manager')`);
};
const told = (email, id) => sql(s.db, `SELECT count(*) FROM notifications WHERE user_id = ${idOf(email)} ` +
  `AND link = '/filtering#request-${id}'`);

test('the headteacher the only DSL and network manager: the chair of governors decides it', async () => {
  const named = await c.head.post('/filtering/people', { leader: 'head@demo.school', governor: 'governor@demo.school' });
  assert.equal(named.status, 200, named.text);
  const chairTasks = await blockTask('chair');
  const headTasks = await blockTask('head');
  const restore = headHoldsAll();
  try {
    const site = 'https://small-primary.example';
    await file(c.teacher, { category: 'premises_content', summary: 'Reached in class 2', url: site,
      about: 'head@demo.school' });
    const id = requestFor(site);
    // The chair is told, has it on "My tasks", sees that request alone and decides it.
    assert.equal(told('chair@demo.school', id), '1', 'the chair is told');
    assert.equal(await blockTask('chair'), chairTasks + 1);
    const mine = await c.chair.get('/filtering');
    assert.equal(mine.body.may_read, false, 'the chair does not read the whole record');
    const row = mine.body.requests.find((r) => r.id === Number(id));
    assert.ok(row, 'the chair sees the request');
    assert.equal(row.may_decide, true);
    assert.equal(row.nobody_decides, false);
    assert.equal(row.stand_in, true, 'marked as the chair\'s to decide, not the chair\'s own');
    assert.equal(mine.body.stands_in, true);
    assert.ok(!mine.text.includes('withheld-casino'), 'nor any other request');
    const chairPage = (await c.chair.page('/filtering')).text;
    assert.ok(chairPage.includes(`/filtering/requests/${id}/decision`), 'the form');
    assert.match(chairPage, /<h2 id="h-requests">Requests for you to decide, then your own<\/h2>/);
    assert.match(chairPage, /For you to decide as chair of governors: the safeguarding lead cannot decide it\./);
    // The person who asked still has it as their own request.
    const asker = await c.teacher.get('/filtering');
    assert.equal(asker.body.requests.find((r) => r.id === Number(id)).stand_in, false);
    assert.equal(asker.body.stands_in, false);
    assert.match((await c.teacher.page('/filtering')).text, /<h2 id="h-requests">My requests<\/h2>/);
    // Never the head: not told (as DSL or network manager), listed, counted, nor theirs to decide.
    assert.equal(told('head@demo.school', id), '0');
    assert.ok(!(await c.head.get('/filtering')).text.includes('small-primary'));
    assert.ok(!(await c.head.page('/filtering')).text.includes('small-primary'));
    assert.equal(await blockTask('head'), headTasks, 'not counted for the head');
    assert.equal((await c.head.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'x' })).status, 404);
    // The named governor reads the record but does not decide; the reporter does not.
    const g = (await c.governor.get('/filtering')).body.requests.find((r) => r.id === Number(id));
    assert.equal(g.may_decide, false);
    assert.equal((await c.governor.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'x' })).status, 403);
    assert.equal((await c.teacher.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'x' })).status, 403);
    // Any other request stays the head's: the chair neither sees nor decides it.
    const open = await c.teacher.post('/filtering/requests', { kind: 'block', site: 'https://plain-two.example',
      reason: 'A game site.' });
    assert.equal(open.status, 201, open.text);
    assert.equal((await c.chair.post(`/filtering/requests/${open.body.request.id}/decision`, { decision: 'done',
      decision_reason: 'x' })).status, 404);
    const done = await c.chair.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'Asked the IT company to block it.' });
    assert.equal(done.status, 200, done.text);
    assert.equal(sql(s.db, `SELECT decided_by FROM filter_requests WHERE id = ${id}`), idOf('chair@demo.school'));
    assert.equal(await blockTask('chair'), chairTasks, 'off the chair\'s tasks once decided');
    // Decided, it is the record's: the chair, who does not read the record, no longer has it
    // listed; sent again, their decision is the conflict of any decided request.
    assert.ok(!(await c.chair.get('/filtering')).text.includes('small-primary'));
    assert.equal((await c.chair.post(`/filtering/requests/${id}/decision`, { decision: 'refused',
      decision_reason: 'x' })).status, 409);
    assert.equal((await c.head.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'x' })).status, 404);
    assert.ok(!(await c.head.get('/filtering')).text.includes('small-primary'));
    await c.head.post(`/filtering/requests/${open.body.request.id}/decision`, { decision: 'done', decision_reason: 'x' });
  } finally {
    restore();
  }
});

test('with no chair of governors active either, the request waits and says nobody can decide it', async () => {
  sql(s.db, "UPDATE settings SET value = '' WHERE key = 'filtering_leader'");
  const chair = idOf('chair@demo.school');
  const restore = headHoldsAll();
  sql(s.db, `UPDATE users SET active = 0 WHERE id = ${chair}`);
  let id;
  try {
    const site = 'https://nobody-decides.example';
    // The report reaches nobody, and the reporter is told so (concerns-reach).
    const r = await report(c.teacher, { category: 'premises_content', summary: 'Reached in class 3', url: site,
      about: 'head@demo.school' });
    assert.equal(r.status, 202, r.text);
    id = requestFor(site);
    // The reporter and the named governor see that it waits with nobody to decide it.
    for (const who of ['teacher', 'governor']) {
      const row = (await c[who].get('/filtering')).body.requests.find((r) => r.id === Number(id));
      assert.equal(row.nobody_decides, true, who);
      assert.equal(row.may_decide, false, who);
      assert.match((await c[who].page('/filtering')).text, /Nobody can decide this request/, who);
    }
    // Still never the head's.
    assert.equal(told('head@demo.school', id), '0');
    assert.ok(!(await c.head.get('/filtering')).text.includes('nobody-decides'));
    assert.ok(!(await c.head.page('/filtering')).text.includes('Nobody can decide'));
    assert.equal((await c.head.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'x' })).status, 404);
  } finally {
    sql(s.db, `UPDATE users SET active = 1 WHERE id = ${chair}`);
  }
  try {
    // A chair active again finds it on "My tasks" and decides it.
    assert.ok(await blockTask('chair') >= 1);
    const row = (await c.chair.get('/filtering')).body.requests.find((r) => r.id === Number(id));
    assert.equal(row.may_decide, true);
    assert.equal(row.nobody_decides, false);
    assert.equal((await c.chair.post(`/filtering/requests/${id}/decision`, { decision: 'done',
      decision_reason: 'Blocked.' })).status, 200);
  } finally {
    restore();
  }
});
