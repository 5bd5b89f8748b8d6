// Leaving dates: a date after today is kept and applied on that day (the
// person stays active, signed in and counted until then); the admin can
// cancel it; a person who has left can be reactivated. Pages without
// JavaScript and JSON, all audited, compliance figures kept right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, cli, visibleText, PASSWORD } from './lib.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

const NOW = '2026-11-20T10:00:00Z';
const id = (db, email) => sql(db, `SELECT id FROM users WHERE email = '${email}'`);
const active = (db, email) => sql(db, `SELECT active FROM users WHERE email = '${email}'`);
// The kept head counts against the records: empty when they agree.
const countsDisagree = (db) => sql(db, `WITH staff AS (SELECT staff_type, department, count(*) AS n FROM users WHERE active = 1 GROUP BY 1, 2)
  SELECT * FROM (SELECT * FROM staff EXCEPT SELECT * FROM staff_counts WHERE n != 0
  UNION ALL SELECT * FROM (SELECT * FROM staff_counts WHERE n != 0 EXCEPT SELECT * FROM staff))`);
const lead = (db) => sql(db, "SELECT u.email FROM social_accounts a JOIN users u ON u.id = a.lead_id WHERE a.status != 'closed' ORDER BY a.id LIMIT 1");

// Stops the server and starts it again on the same database at another date.
async function restartOn(s, when) {
  await s.stop({ keep: true });
  return launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: when } });
}

test('a leaving date after today changes nothing until that day, then deactivates the person', async () => {
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const leaver = lead(s.db);
    const person = await s.login(leaver);
    const admin = await s.login('admin@demo.school');
    const staffBefore = sql(s.db, 'SELECT sum(n) FROM staff_counts');
    const r = await admin.post(`/admin/staff/${id(s.db, leaver)}/deactivate`, { left_on: '2026-12-18' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { deactivated: false, leaving_on: '2026-12-18' });
    // Nothing happens yet: still active, still signed in, still counted, account not flagged.
    assert.equal(active(s.db, leaver), '1');
    assert.equal((await person.get('/')).status, 200, 'not signed out');
    assert.equal(sql(s.db, 'SELECT sum(n) FROM staff_counts'), staffBefore);
    const mod = await s.login('moderator@demo.school');
    const accounts = (await mod.get('/accounts')).body.accounts;
    assert.ok(accounts.every((a) => a.lead_left === false), 'no account flagged "lead has left"');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'staff.leaving_date'"), '1');
    // The admin's page says when, in words, and offers to cancel.
    const page = await admin.page(`/admin/staff/${id(s.db, leaver)}`);
    assert.match(visibleText(page.text), /leaves on 18 Dec 2026/);
    assert.match(page.text, /action="\/admin\/staff\/\d+\/leaving\/cancel"/);
    assert.equal((await admin.get(`/admin/staff/${id(s.db, leaver)}`)).body.user.leaving_on, '2026-12-18');

    // The day before: still nothing.  On the day: deactivated before anyone is let in.
    s = await restartOn(s, '2026-12-17T16:00:00Z');
    assert.equal((await s.client().login(leaver)).status, 200);
    assert.equal(active(s.db, leaver), '1');
    s = await restartOn(s, '2026-12-18T07:00:00Z');
    assert.equal((await s.client().login(leaver)).status, 401);
    assert.equal(active(s.db, leaver), '0');
    assert.equal(sql(s.db, `SELECT left_on FROM users WHERE email = '${leaver}'`), '2026-12-18');
    assert.equal(sql(s.db, 'SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.active = 0'), '0');
    assert.equal(sql(s.db, 'SELECT count(*) FROM leaving_dates'), '0');
    assert.equal(countsDisagree(s.db), '');
    assert.equal(Number(sql(s.db, 'SELECT sum(n) FROM staff_counts')), Number(staffBefore) - 1);
    assert.match(sql(s.db, "SELECT detail FROM audit WHERE action = 'staff.deactivate' ORDER BY id DESC LIMIT 1"),
      /left_on=2026-12-18 \(set ahead by admin@demo\.school\)/);
    const mod2 = await s.login('moderator@demo.school');
    assert.ok((await mod2.get('/accounts')).body.accounts.some((a) => a.lead_left === true));
  } finally {
    await s.stop();
  }
});

test('today, an earlier date or no date still deactivates at once', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const admin = await s.login('admin@demo.school');
    const ta = await s.login('ta@demo.school');
    let r = await admin.post(`/admin/staff/${id(s.db, 'ta@demo.school')}/deactivate`, { left_on: '2026-11-20' });
    assert.deepEqual(r.body, { deactivated: true });
    assert.equal(active(s.db, 'ta@demo.school'), '0');
    assert.equal((await ta.get('/')).status, 401);
    r = await admin.post(`/admin/staff/${id(s.db, 'bursar@demo.school')}/deactivate`, { left_on: '2026-10-31' });
    assert.deepEqual(r.body, { deactivated: true });
    assert.equal(sql(s.db, "SELECT left_on FROM users WHERE email = 'bursar@demo.school'"), '2026-10-31');
    assert.equal(countsDisagree(s.db), '');
  } finally {
    await s.stop();
  }
});

test('the admin can cancel a leaving date set ahead (JSON and the page); 409 when there is none', async () => {
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const admin = await s.login('admin@demo.school');
    const who = id(s.db, 'teacher@demo.school');
    assert.equal((await admin.post(`/admin/staff/${who}/deactivate`, { left_on: '2027-07-23' })).status, 200);
    let r = await admin.post(`/admin/staff/${who}/leaving/cancel`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { leaving_cancelled: true });
    assert.equal(sql(s.db, 'SELECT count(*) FROM leaving_dates'), '0');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'staff.leaving_cancelled'"), '1');
    r = await admin.post(`/admin/staff/${who}/leaving/cancel`);
    assert.equal(r.status, 409);
    assert.match(r.body.error, /No leaving date/);
    assert.equal((await admin.post('/admin/staff/99999/leaving/cancel')).status, 404);
    // The same through the page, without JavaScript: a form post and a redirect back.
    assert.equal((await admin.post(`/admin/staff/${who}/deactivate`, { left_on: '2027-07-23' })).status, 200);
    const page = await admin.request('POST', `/admin/staff/${who}/leaving/cancel`, { json: false, form: {} });
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), `/admin/staff/${who}`);
    assert.match(visibleText((await admin.page(`/admin/staff/${who}`)).text), /leaving date has been cancelled/);
    // Others may not.
    assert.equal((await (await s.login('head@demo.school')).post(`/admin/staff/${who}/leaving/cancel`)).status, 403);
    s = await restartOn(s, '2027-07-24T09:00:00Z');
    assert.equal((await s.client().login('teacher@demo.school')).status, 200, 'still active after the date');
  } finally {
    await s.stop();
  }
});

test('a person who has left can be reactivated (audited), and their e-mail address is not "taken" silently', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const admin = await s.login('admin@demo.school');
    const who = id(s.db, 'ta@demo.school');
    assert.equal((await admin.post(`/admin/staff/${who}/deactivate`, {})).status, 200);
    const again = await admin.post('/admin/staff', { email: 'ta@demo.school', name: 'Returning Assistant' });
    assert.equal(again.status, 409);
    assert.match(again.body.error, /reactivate/);
    const page = await admin.page(`/admin/staff/${who}`);
    assert.match(visibleText(page.text), /Left on 20 Nov 2026/);
    assert.match(page.text, /action="\/admin\/staff\/\d+\/reactivate"/);
    let r = await admin.post(`/admin/staff/${who}/reactivate`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { reactivated: true });
    assert.equal(active(s.db, 'ta@demo.school'), '1');
    assert.equal(sql(s.db, `SELECT left_on IS NULL FROM users WHERE id = ${who}`), '1');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'staff.reactivate' AND object = 'ta@demo.school'"), '1');
    assert.equal(countsDisagree(s.db), '');
    assert.equal((await s.client().login('ta@demo.school', PASSWORD)).status, 200);
    r = await admin.post(`/admin/staff/${who}/reactivate`);
    assert.equal(r.status, 409);
    assert.match(r.body.error, /active already/);
    assert.equal((await admin.post('/admin/staff/99999/reactivate')).status, 404);
  } finally {
    await s.stop();
  }
});

test('a person who has left is given no new role until reactivated; the roles they hold stay', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const admin = await s.login('admin@demo.school');
    const who = id(s.db, 'ta@demo.school');
    assert.equal((await admin.post(`/admin/staff/${who}/deactivate`, {})).status, 200);
    const details = (await admin.get(`/admin/staff/${who}`)).body.user;
    const form = { name: details.name, job_title: details.job_title, department: details.department,
      staff_type: details.staff_type };
    const counts = () => sql(s.db, `SELECT (SELECT count(*) FROM user_roles WHERE user_id = ${who}) || ' ' ||
      (SELECT count(*) FROM notifications) || ' ' || (SELECT count(*) FROM audit WHERE action = 'staff.roles')`);
    const before = counts();
    const r = await admin.post(`/admin/staff/${who}`, { ...form, role: 'dsl' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.field, 'role');
    assert.equal(r.body.error, `${details.name} has left: reactivate them before giving them a role.`);
    assert.equal(counts(), before);
    // Their details can still be corrected.
    const fixed = await admin.post(`/admin/staff/${who}`, { ...form, job_title: 'Former assistant' });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(counts(), before);
  } finally {
    await s.stop();
  }
});

test('a leaving date before the person was added to staffroom is refused, on the page and the command line', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const admin = await s.login('admin@demo.school');
    const supply = id(s.db, 'supply@demo.school');
    const joined = sql(s.db, `SELECT date(created_at, 'localtime') FROM users WHERE id = ${supply}`);
    const [y, m, d] = joined.split('-').map(Number);
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
    const words = `The leaving date cannot be before ${d} ${month} ${y}, the day Owen Price was added to staffroom.`;
    const dayBefore = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    const deactivations = async () => (await admin.get('/audit?action=staff.deactivate')).body.audit.length;
    const before = await deactivations();
    for (const left_on of ['1990-01-01', dayBefore]) {
      const r = await admin.post(`/admin/staff/${supply}/deactivate`, { left_on });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, 'left_on');
      assert.equal(r.body.error, words);
    }
    const page = await admin.request('POST', `/admin/staff/${supply}/deactivate`, { json: false,
      form: { left_on: '1990-01-01' } });
    assert.equal(page.status, 400);
    assert.match(page.text, new RegExp(`<p class="field-error" id="e-left_on">${words.replace(/\./g, '\.')}</p>`));
    // Nothing written: still active, no leaving date, nothing in the log.
    const user = (await admin.get(`/admin/staff/${supply}`)).body.user;
    assert.equal(user.active, 1);
    assert.equal(user.left_on, null);
    assert.equal(await deactivations(), before);
    const cmd = cli(['user', 'deactivate', '--db', s.db, '--email', 'supply@demo.school', '--left-on', '1990-01-01'],
      { env: { STAFFROOM_TEST_NOW: NOW } });
    assert.equal(cmd.code, 1);
    assert.match(cmd.stderr, new RegExp(`the leaving date cannot be before ${joined}, the day supply@demo\.school was added`));
    assert.equal(active(s.db, 'supply@demo.school'), '1');
    // The day they were added is the earliest they can leave.
    const r = await admin.post(`/admin/staff/${supply}/deactivate`, { left_on: joined });
    assert.deepEqual(r.body, { deactivated: true });
  } finally {
    await s.stop();
  }
});

test('the command line keeps a leaving date after today too', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const r = cli(['user', 'deactivate', '--db', s.db, '--email', 'science@demo.school', '--left-on', '2099-08-31'],
      { env: { STAFFROOM_TEST_NOW: NOW } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(active(s.db, 'science@demo.school'), '1');
    assert.equal(sql(s.db, 'SELECT left_on || \' \' || set_by FROM leaving_dates'), '2099-08-31 the command line');
  } finally {
    await s.stop();
  }
});

test('a database from before leaving dates gets their table when it is opened', async () => {
  let s = await startServer();
  try {
    await s.stop({ keep: true });
    sql(s.db, 'DROP TABLE leaving_dates; PRAGMA user_version = 2;');
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: NOW } });
    assert.match(s.stderr(), new RegExp(`database upgraded to schema version ${SCHEMA_VERSION}`));
    const admin = await s.login('admin@demo.school');
    const r = await admin.post(`/admin/staff/${id(s.db, 'ta@demo.school')}/deactivate`, { left_on: '2027-01-08' });
    assert.deepEqual(r.body, { deactivated: false, leaving_on: '2027-01-08' });
  } finally {
    await s.stop();
  }
});

test('the day a person leaves is the UK calendar day: at 00:30 in summer, UTC still says yesterday', async () => {
  // Tuesday 16 June 2026, 00:30 in the UK (BST), is 23:30 UTC on Monday 15 June.
  const summerNight = '2026-06-15T23:30:00Z';
  let s = await startServer({ env: { STAFFROOM_TEST_NOW: summerNight } });
  try {
    const admin = await s.login('admin@demo.school');
    const r = await admin.post(`/admin/staff/${id(s.db, 'chair@demo.school')}/deactivate`, { left_on: '2026-06-16' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.deactivated, true, 'today in the UK: at once');
    assert.equal(active(s.db, 'chair@demo.school'), '0');
    // A date set ahead for that day is applied by the first request of the UK day.
    sql(s.db, `INSERT INTO leaving_dates(user_id, left_on, set_by, set_at) VALUES (${id(s.db, 'dsl@demo.school')}, ` +
      "'2026-06-16', 'admin@demo.school', '2026-06-01T09:00:00Z')");
    s = await restartOn(s, summerNight);
    await s.login('teacher@demo.school');
    assert.equal(active(s.db, 'dsl@demo.school'), '0');
  } finally {
    await s.stop();
  }
});
