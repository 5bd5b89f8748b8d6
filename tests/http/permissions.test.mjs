// Permissions asked for in advance: an exception decided by the business
// manager (or the headteacher, as the school sets) with a reason, seen by
// the person and the leaders only; the register of services approved for
// use with pupils, kept by senior leaders and reviewed; lessons a teacher
// authorises a service for, which the network manager is told of.  Bad
// input changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(() => s.stop());

const count = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
const tasksOf = async (c) => (await c.get('/')).body.tasks;
const day = (n) => sql(s.db, `SELECT date('now', '${n} days')`);
const unread = (email, link) => Number(sql(s.db, 'SELECT count(*) FROM notifications n JOIN users u ' +
  `ON u.id = n.user_id WHERE u.email = '${email}' AND n.link = '${link}' AND n.read_at IS NULL`));

test('an exception: asked, decided by the business manager with a reason, the person told', async () => {
  const teacher = await s.login('teacher@demo.school');
  const bursar = await s.login('bursar@demo.school');
  const r = await teacher.post('/permissions/exceptions', { what: 'Carry my own phone on the Year 5 trip',
    why: 'I lead a group away from the coach.', from_on: day('+3'), until_on: day('+3') });
  assert.equal(r.status, 201, r.text);
  const { id, reference } = r.body.exception;
  assert.match(reference, /^X-\d{5}$/);
  const link = `/permissions#exception-${id}`;
  assert.equal(unread('bursar@demo.school', link), 1, 'the business manager is told');
  assert.ok((await tasksOf(bursar)).some((t) => t.kind === 'exception_requests'));

  // Someone else's request: the person's own page does not list it; a
  // member of staff cannot decide it (404), nor the person themselves (403).
  const science = await s.login('science@demo.school');
  assert.ok(!(await science.get('/permissions')).body.exceptions.some((e) => e.id === id));
  assert.equal((await science.post(`/permissions/exceptions/${id}/decision`,
    { decision: 'approved', decision_reason: 'x' })).status, 404);
  assert.equal((await teacher.post(`/permissions/exceptions/${id}/decision`,
    { decision: 'approved', decision_reason: 'x' })).status, 403);
  const head = await s.login('head@demo.school');
  assert.equal((await head.post(`/permissions/exceptions/${id}/decision`,
    { decision: 'approved', decision_reason: 'x' })).status, 403, 'the business manager decides, by default');

  const d = await bursar.post(`/permissions/exceptions/${id}/decision`,
    { decision: 'approved', decision_reason: 'For the trip only; no photos of pupils on it.' });
  assert.equal(d.status, 200, d.text);
  assert.equal((await bursar.post(`/permissions/exceptions/${id}/decision`,
    { decision: 'refused', decision_reason: 'x' })).status, 409);
  assert.equal(unread('bursar@demo.school', link), 0, 'cleared once decided');
  assert.equal(unread('teacher@demo.school', link), 1, 'the person is told');
  const mine = (await teacher.get('/permissions')).body.exceptions.find((e) => e.id === id);
  assert.equal(mine.decision, 'approved');
  assert.match(visibleText((await teacher.page('/permissions')).text),
    /Approved by Linda Morris[\s\S]*For the trip only/);
  assert.equal(count(`audit WHERE action = 'exception.decide' AND object = '${reference}'`), 1);
});

test('the headteacher decides when the school says so', async () => {
  const head = await s.login('head@demo.school');
  const teacher = await s.login('teacher@demo.school');
  const bursar = await s.login('bursar@demo.school');
  assert.equal((await teacher.post('/permissions/decider', { decider: 'headteacher' })).status, 403);
  assert.equal((await head.post('/permissions/decider', { decider: 'headteacher' })).status, 200);
  const r = await teacher.post('/permissions/exceptions', { what: 'Use my own laptop at parents\u2019 evening',
    why: 'The hall has no school laptop.', from_on: day('+1'), until_on: day('+1') });
  assert.equal(r.status, 201, r.text);
  const id = r.body.exception.id;
  assert.equal((await bursar.post(`/permissions/exceptions/${id}/decision`,
    { decision: 'approved', decision_reason: 'x' })).status, 403);
  assert.equal((await head.post(`/permissions/exceptions/${id}/decision`,
    { decision: 'refused', decision_reason: 'Book the hall laptop from the office.' })).status, 200);
  assert.equal((await head.post('/permissions/decider', { decider: 'business_manager' })).status, 200);
});

test('the only business manager\'s own request goes to the headteacher, who is told', async () => {
  const bursar = await s.login('bursar@demo.school');
  const head = await s.login('head@demo.school');
  const r = await bursar.post('/permissions/exceptions', { what: 'Use my own phone to call parents on the residential',
    why: 'No school phone for the trip.', from_on: day('+2'), until_on: day('+2') });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.exception.decided_by, 'headteacher');
  const { id } = r.body.exception;
  const link = `/permissions#exception-${id}`;
  assert.equal(unread('head@demo.school', link), 1, 'the headteacher is told');
  assert.ok((await tasksOf(head)).some((t) => t.kind === 'exception_requests'));
  const row = (await head.get('/permissions')).body.exceptions.find((e) => e.id === id);
  assert.equal(row.may_decide, true);
  assert.equal((await bursar.post(`/permissions/exceptions/${id}/decision`,
    { decision: 'approved', decision_reason: 'x' })).status, 403);
  const deputy = await s.login('deputy@demo.school');
  const no = await deputy.post(`/permissions/exceptions/${id}/decision`, { decision: 'approved', decision_reason: 'x' });
  assert.equal(no.status, 403);
  assert.match(no.body.error, /decided by the headteacher/);
  const d = await head.post(`/permissions/exceptions/${id}/decision`, { decision: 'approved', decision_reason: 'For the trip.' });
  assert.equal(d.status, 200, d.text);
  assert.equal(unread('bursar@demo.school', link), 1, 'the business manager is told the decision');
  // With a second business manager, the request is theirs to decide again.
  sql(s.db, `INSERT INTO user_roles(user_id, role) SELECT id, 'business_manager' FROM users WHERE email = 'deputy@demo.school'`);
  try {
    const again = await bursar.post('/permissions/exceptions', { what: 'Own laptop at the fair', why: 'None free.',
      from_on: day('+2'), until_on: day('+2') });
    assert.equal(again.body.exception.decided_by, 'business_manager');
    assert.equal((await head.post(`/permissions/exceptions/${again.body.exception.id}/decision`,
      { decision: 'approved', decision_reason: 'x' })).status, 403);
  } finally {
    sql(s.db, `DELETE FROM user_roles WHERE role = 'business_manager' AND user_id = (SELECT id FROM users WHERE email = 'deputy@demo.school')`);
  }
});

test('exceptions with bad dates or fields are refused, all problems at once, nothing written', async () => {
  const teacher = await s.login('teacher@demo.school');
  const rows = count('exception_requests'), audits = count('audit');
  let r = await teacher.post('/permissions/exceptions', { what: 'x', why: 'y', from_on: day('-1'), until_on: day('-2') });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['from_on', 'until_on']);
  r = await teacher.post('/permissions/exceptions', { what: 'x', why: 'y', from_on: day('+1'), until_on: day('+400') });
  assert.equal(r.status, 400);
  assert.match(r.body.error, /a year at most/);
  r = await teacher.post('/permissions/exceptions', { why: 'y', from_on: day('+1'), until_on: day('+2') });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'what');
  assert.equal(count('exception_requests'), rows);
  assert.equal(count('audit'), audits);
});

test('the approved services register: everyone reads it, senior leaders keep it, reviews are due', async () => {
  const teacher = await s.login('teacher@demo.school');
  const deputy = await s.login('deputy@demo.school');
  const list = (await teacher.get('/permissions')).body.services;
  assert.ok(list.some((x) => x.name === 'Google Classroom'));
  // ClassDojo's review date has passed: due on the leaders' tasks.
  assert.ok(list.find((x) => x.name === 'ClassDojo').review_due);
  assert.ok((await tasksOf(deputy)).some((t) => t.kind === 'services_review'));
  assert.ok(!(await tasksOf(teacher)).some((t) => t.kind === 'services_review'));

  assert.equal((await teacher.post('/permissions/services', { name: 'Padlet', purpose: 'Walls', review_on: day('+100') })).status, 403);
  let r = await deputy.post('/permissions/services', { name: 'Padlet', purpose: 'Class walls in Year 6', review_on: day('-1') });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'review_on');
  r = await deputy.post('/permissions/services', { name: 'Padlet', purpose: 'Class walls in Year 6', review_on: day('+300') });
  assert.equal(r.status, 201, r.text);

  const dojo = sql(s.db, "SELECT id FROM approved_services WHERE name = 'ClassDojo'");
  assert.equal((await deputy.post(`/permissions/services/${dojo}`, { action: 'review' })).status, 400, 'a review gives the next date');
  r = await deputy.post(`/permissions/services/${dojo}`, { action: 'review', review_on: day('+365') });
  assert.equal(r.status, 200, r.text);
  assert.ok(!(await tasksOf(deputy)).some((t) => t.kind === 'services_review'));
  const padlet = sql(s.db, "SELECT id FROM approved_services WHERE name = 'Padlet'");
  assert.equal((await deputy.post(`/permissions/services/${padlet}`, { action: 'withdraw' })).status, 200);
  assert.ok(!(await teacher.get('/permissions')).body.services.some((x) => x.name === 'Padlet'));
  assert.equal(count("audit WHERE action IN ('service.approve', 'service.review', 'service.withdraw')"), 3);
});

test('a lesson authorised by a teacher: the network manager is told and sees it', async () => {
  const teacher = await s.login('teacher@demo.school');
  const network = await s.login('network@demo.school');
  const ta = await s.login('ta@demo.school');
  let r = await teacher.post('/permissions/lessons', { class_name: '9P1', lesson_on: day('-1'), service: 'YouTube', use: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'lesson_on');
  r = await teacher.post('/permissions/lessons', { class_name: '9P1', lesson_on: day('+0'),
    service: 'youtube', use: 'Comparing two sports brands\u2019 videos in media studies.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.lesson.service, 'YouTube', 'stored as the register spells it');
  assert.equal(sql(s.db, "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE " +
    "u.email = 'network@demo.school' AND n.message LIKE 'Amy Clarke has authorised YouTube for 9P1 on %'"), '1');
  assert.ok((await network.get('/permissions')).body.lessons.some((l) => l.class_name === '9P1' && l.upcoming));
  assert.ok((await tasksOf(network)).some((t) => t.kind === 'lesson_access' && t.urgent));
  assert.ok(!(await ta.get('/permissions')).body.lessons.some((l) => l.class_name === '9P1'),
    'another member of staff sees only their own');
});

// wynstones 1(b): "only ... if authorized by a teacher within a lesson";
// wynstones §3: "All social media services must be approved by School
// Management in advance".
test('only a teacher authorises a lesson, and only for a service on the register', async () => {
  const lessons = () => count('lesson_access');
  const told = () => count("notifications WHERE kind = 'lesson_access'");
  const before = [lessons(), told()];
  const teacher = await s.login('teacher@demo.school');
  let r = await teacher.post('/permissions/lessons', { class_name: 'Class 9', lesson_on: day('+1'),
    service: 'TikTok', use: 'Make a video' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'service');
  assert.match(r.body.error, /not one of the services approved for use with pupils/);
  // A withdrawn service is no longer on the register.
  const deputy = await s.login('deputy@demo.school');
  assert.equal((await deputy.post('/permissions/services', { name: 'Kahoot', purpose: 'Quizzes',
    review_on: day('+100') })).status, 201);
  const kahoot = sql(s.db, "SELECT id FROM approved_services WHERE name = 'Kahoot'");
  assert.equal((await deputy.post(`/permissions/services/${kahoot}`, { action: 'withdraw' })).status, 200);
  r = await teacher.post('/permissions/lessons', { class_name: 'Class 9', lesson_on: day('+1'),
    service: 'Kahoot', use: 'A quiz' });
  assert.equal(r.status, 400, r.text);
  for (const who of ['volunteer', 'governor', 'ta', 'bursar', 'supply', 'network']) {
    const c = await s.login(`${who}@demo.school`);
    r = await c.post('/permissions/lessons', { class_name: 'Class 10', lesson_on: day('+1'),
      service: 'YouTube', use: 'Research' });
    assert.equal(r.status, 403, `${who}: ${r.text}`);
    assert.match(r.body.error, /Only a teacher authorises a service for a lesson/);
    const page = await c.page('/permissions');
    assert.doesNotMatch(page.text, /action="\/permissions\/lessons"/, `${who} is shown no form`);
    assert.match(visibleText(page.text), /Only a teacher authorises a service for a lesson/);
  }
  assert.deepEqual([lessons(), told()], before, 'nothing was stored, nobody was told');
  // A teacher chooses from the register; a refused form keeps the choice.
  const page = await teacher.page('/permissions');
  assert.match(page.text, /<select id="f-service" name="service"[^>]*>.*<option value="Google Classroom">/s);
  assert.doesNotMatch(page.text, /Only a teacher authorises/);
  assert.deepEqual((await teacher.get('/permissions')).body.lesson_services.map((x) => x.name),
    ['ClassDojo', 'Google Classroom', 'YouTube']);
  r = await teacher.post('/permissions/lessons', { class_name: 'Class 9', lesson_on: day('-1'),
    service: 'YouTube', use: 'x' }, { json: false });
  assert.equal(r.status, 400);
  assert.match(r.text, /<option value="YouTube" selected>/);
});
