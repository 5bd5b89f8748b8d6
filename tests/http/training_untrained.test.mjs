// Who still needs the social-media policy training (heatons 4.2: teachers and
// support staff trained at their safeguarding induction and by refreshers):
// leaders see the active teachers and support staff with no current record of
// the course, never trained or expired, and the training page counts them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, visibleText } from './lib.mjs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));

let s;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['head', 'deputy', 'bursar', 'admin', 'teacher', 'network', 'governor', 'moderator'])
    c[who] = await s.login(`${who}@demo.school`);
});
after(async () => { await s.stop(); });

const listed = async (who = c.head) => (await who.get('/training/untrained')).body.untrained.map((u) => u.email);
const records = () => sql(s.db, 'SELECT count(*) FROM training');

test('leaders see the teachers and support staff never trained or due a refresher, and only them', async () => {
  const r = await c.head.get('/training/untrained');
  assert.equal(r.status, 200, r.text);
  const emails = r.body.untrained.map((u) => u.email);
  assert.ok(emails.includes('teacher@demo.school'), 'a teacher never trained');
  assert.ok(emails.includes('ta@demo.school'), 'support staff never trained');
  const network = r.body.untrained.find((u) => u.email === 'network@demo.school');
  assert.ok(network, 'training that has expired is a refresher due');
  assert.ok(network.last_completed_on && network.last_expires_on < daysFromNow(0));
  for (const u of r.body.untrained) assert.ok(['teacher', 'support'].includes(u.staff_type), u.email);
  assert.ok(!emails.includes('supply@demo.school') && !emails.includes('volunteer@demo.school') &&
    !emails.includes('governor@demo.school'), 'the policy names teachers and support staff');
  assert.equal(r.body.total, emails.length);
  assert.deepEqual(emails, [...r.body.untrained].sort((a, b) => (a.name < b.name ? -1 : 1)).map((u) => u.email), 'by name');
  for (const who of ['deputy', 'bursar', 'admin']) assert.deepEqual(await listed(c[who]), emails, who);

  const html = visibleText((await c.head.page('/training/untrained')).text);
  assert.match(html, /Social-media policy training still needed/);
  assert.match(html, /Raj Singh network@demo\.school Support staff \d+ \w+ \d{4} ?, expired \d+ \w+ \d{4}/);
  assert.match(html, /Amy Clarke teacher@demo\.school Teacher Never/);
  const training = await c.head.get('/training');
  assert.equal(training.body.untrained_count, emails.length);
  assert.match(visibleText((await c.head.page('/training')).text),
    new RegExp(`${emails.length} teachers and support staff still need social-media policy training`));
  assert.match((await c.head.page('/training')).text, /<a href="\/training\/untrained">/);
});

test('recording current training takes a person off; expired training or a leaver does not count', async () => {
  let r = await c.head.post('/training', { email: 'teacher@demo.school', course: 'social_media_policy',
    completed_on: daysFromNow(-1), expires_on: daysFromNow(365) });
  assert.equal(r.status, 201, r.text);
  assert.ok(!(await listed()).includes('teacher@demo.school'));
  r = await c.head.post('/training', { email: 'ta@demo.school', course: 'social_media_policy',
    completed_on: daysFromNow(-400), expires_on: daysFromNow(-35) });
  assert.equal(r.status, 201, r.text);
  const ta = (await c.head.get('/training/untrained')).body.untrained.find((u) => u.email === 'ta@demo.school');
  assert.equal(ta.last_completed_on, daysFromNow(-400));
  assert.equal(ta.last_expires_on, daysFromNow(-35));
  // Another course is not this one.
  r = await c.head.post('/training', { email: 'dsl@demo.school', course: 'safeguarding', completed_on: daysFromNow(-2) });
  assert.equal(r.status, 201, r.text);
  assert.ok((await listed()).includes('dsl@demo.school'));
  const before = (await c.head.get('/training/untrained')).body.total;
  r = await c.admin.post(`/admin/staff/${sql(s.db, "SELECT id FROM users WHERE email = 'ta@demo.school'")}/deactivate`, { left_on: '' });
  assert.equal(r.status, 200, r.text);
  assert.ok(!(await listed()).includes('ta@demo.school'), 'someone who has left is not listed');
  assert.equal((await c.head.get('/training/untrained')).body.total, before - 1);
});

test('a page that is not a number is refused in words and changes nothing; past the end says so', async () => {
  const was = records();
  for (const page of ['0', 'abc', '-1']) {
    const r = await c.head.get(`/training/untrained?page=${page}`);
    assert.equal(r.status, 400, page);
    assert.equal(r.body.field, 'page');
  }
  const unknown = await c.head.get('/training/untrained?course=first_aid');
  assert.equal(unknown.status, 400);
  assert.equal(records(), was);
  const past = await c.head.get('/training/untrained?page=9');
  assert.equal(past.status, 200);
  assert.equal(past.body.past_end, true);
  assert.deepEqual(past.body.untrained, []);
  assert.match(visibleText((await c.head.page('/training/untrained?page=9')).text), /There is no page 9: the list has 1 pages?\./);
});

test('only leaders see who is untrained: everyone else is refused and told nothing', async () => {
  for (const who of ['teacher', 'network', 'governor', 'moderator']) {
    const r = await c[who].get('/training/untrained');
    assert.equal(r.status, 403, who);
    assert.doesNotMatch(r.text, /network@demo\.school|Raj Singh/, who);
    const own = await c[who].get('/training');
    assert.equal(own.body.untrained_count, undefined, who);
    assert.doesNotMatch((await c[who].page('/training')).text, /training\/untrained/, who);
  }
  const anon = await s.client().get('/training/untrained');
  assert.equal(anon.status, 401, 'not signed in');
  assert.doesNotMatch(anon.text, /network@demo\.school/);
});

test('the kept list of who needs the training agrees with the people and their records after every kind of change', async () => {
  const kept = () => sql(s.db, "SELECT group_concat(user_id || ':' || name || ':' || until, ',') FROM " +
    '(SELECT * FROM policy_training_until ORDER BY user_id)');
  const rule = () => sql(s.db, "SELECT group_concat(user_id || ':' || name || ':' || until, ',') FROM " +
    '(SELECT * FROM policy_training_until_rule ORDER BY user_id)');
  // And the kept number of people whose training runs to each day, against those rows.
  const counted = () => sql(s.db, "SELECT group_concat(until || '=' || n, ',') FROM " +
    '(SELECT * FROM policy_training_until_counts WHERE n != 0 ORDER BY until)');
  const byDay = () => sql(s.db, "SELECT group_concat(until || '=' || n, ',') FROM " +
    '(SELECT until, count(*) AS n FROM policy_training_until GROUP BY until ORDER BY until)');
  const same = (why) => {
    assert.equal(kept(), rule(), why);
    assert.equal(counted(), byDay(), `${why}: the number for each day`);
  };
  same('as the upgrade built it');
  const id = (email) => sql(s.db, `SELECT id FROM users WHERE email = '${email}'`);
  const r = await c.head.post('/training', { email: 'science@demo.school', course: 'social_media_policy',
    completed_on: daysFromNow(-3) });
  assert.equal(r.status, 201, r.text);
  assert.match(kept(), new RegExp(`(^|,)${id('science@demo.school')}:[^:]+:9999-12-31(,|$)`), 'one that does not run out');
  same('a record without an expiry');
  const science = id('science@demo.school');
  sql(s.db, `UPDATE training SET expires_on = '${daysFromNow(-1)}' WHERE user_id = ${science}`);
  same('a record changed');
  sql(s.db, `UPDATE users SET name = 'Renamed Person' WHERE id = ${science}`);
  same('a name changed');
  sql(s.db, `UPDATE users SET staff_type = 'volunteer' WHERE id = ${science}`);
  same('no longer a teacher');
  sql(s.db, `UPDATE users SET staff_type = 'support' WHERE id = ${science}`);
  same('support staff again');
  sql(s.db, `DELETE FROM training WHERE user_id = ${science}`);
  same('the record deleted (retention)');
  sql(s.db, "INSERT INTO users(email, name, staff_type, created_at) VALUES ('new.ta@demo.school', 'New Assistant', 'support', '2026-01-01T00:00:00Z')");
  same('someone new');
  sql(s.db, `UPDATE training SET user_id = ${id('new.ta@demo.school')} WHERE id = (SELECT min(id) FROM training WHERE course = 'social_media_policy')`);
  same('a record moved to another person');
  assert.equal((await c.head.get('/training/untrained')).body.total,
    Number(sql(s.db, `SELECT count(*) FROM policy_training_until_rule WHERE until < '${daysFromNow(0)}'`)));
});

// The list is read from who had let the training lapse by the day's first
// request (policy_training_lapsed, made once a day and kept through it by
// triggers); before that is made for today, from everyone's day.  Either way
// it is the rule's list, page by page in order of name.
test('the list from who had lapsed by the day\'s first request is the rule\'s, through the day and the next', async () => {
  let t = await startServer();
  try {
    const head = await t.login('head@demo.school');
    const pages = async (who) => {
      const ids = [];
      for (let page = 1, n = 1; page <= n; page++) {
        const r = await who.get(`/training/untrained?page=${page}`);
        assert.equal(r.status, 200, r.text);
        n = r.body.pages;
        ids.push(...r.body.untrained.map((u) => String(u.id)));
      }
      return ids.join(',');
    };
    const rule = (day) => sql(t.db, 'SELECT group_concat(user_id) FROM (SELECT user_id FROM policy_training_until_rule ' +
      `WHERE until < '${day}' ORDER BY name, user_id)`);
    const lapsedOn = () => sql(t.db, 'SELECT day FROM policy_training_lapsed_on');
    // The school's day (UK), as the server reads it.
    const today = sql(t.db, "SELECT date('now', 'localtime')");
    // Enough people for two pages.
    sql(t.db, 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) ' +
      "INSERT INTO users(email, name, staff_type, created_at) SELECT 'lapsed' || i || '@demo.school', " +
      "'Lapsed Person ' || printf('%02d', i), 'support', '2026-01-01T00:00:00Z' FROM n");
    assert.equal(lapsedOn(), today, 'made for today');
    assert.equal(await pages(head), rule(today), 'as made');
    assert.ok(rule(today).split(',').length > 50, 'more than a page');
    const id = (email) => sql(t.db, `SELECT id FROM users WHERE email = '${email}'`);
    const r = await head.post('/training', { email: 'lapsed7@demo.school', course: 'social_media_policy',
      completed_on: daysFromNow(-5), expires_on: today });
    assert.equal(r.status, 201, r.text);
    assert.ok(!(await pages(head)).split(',').includes(id('lapsed7@demo.school')), 'trained until the end of today');
    assert.equal(await pages(head), rule(today), 'training recorded');
    sql(t.db, "UPDATE users SET name = 'Aardvark Renamed' WHERE email = 'lapsed9@demo.school'");
    assert.equal(await pages(head), rule(today), 'a name changed');
    sql(t.db, "UPDATE users SET active = 0 WHERE email = 'lapsed10@demo.school'");
    assert.equal(await pages(head), rule(today), 'a leaver');
    sql(t.db, "INSERT INTO users(email, name, staff_type, created_at) VALUES ('lapsed.new@demo.school', 'Zed New', 'teacher', '2026-01-01T00:00:00Z')");
    assert.equal(await pages(head), rule(today), 'someone new');
    sql(t.db, `UPDATE training SET expires_on = '${daysFromNow(-2)}' WHERE user_id = ${id('lapsed7@demo.school')}`);
    assert.equal(await pages(head), rule(today), 'a record changed to have run out');
    assert.equal(sql(t.db, 'SELECT count(*) FROM policy_training_lapsed'), String(rule(today).split(',').length));
    // Made for another day: the list reads everyone's day instead, and says the same.
    sql(t.db, "UPDATE policy_training_lapsed_on SET day = '2000-01-01'");
    assert.equal(await pages(head), rule(today), 'not made for today');
    // Tomorrow: training that ran to today has lapsed, and the first request makes the list again.
    sql(t.db, `UPDATE training SET expires_on = '${today}' WHERE user_id = ${id('lapsed7@demo.school')}`);
    const tomorrow = sql(t.db, "SELECT date('now', 'localtime', '+1 day')");
    await t.stop({ keep: true });
    t = await launch({ dir: t.dir, db: t.db, env: { STAFFROOM_TEST_NOW: `${tomorrow}T11:30:00Z` } });
    const head2 = await t.login('head@demo.school');
    assert.equal(await pages(head2), rule(tomorrow), 'the next day');
    assert.equal(lapsedOn(), tomorrow, 'made for the new day');
    assert.ok((await pages(head2)).split(',').includes(id('lapsed7@demo.school')), 'lapsed overnight');
  } finally {
    await t.stop();
  }
});
