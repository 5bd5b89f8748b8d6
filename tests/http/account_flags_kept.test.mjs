// The moderator's account tasks come from the facts kept of each account
// (account_state), read by range; the register works each account's flags
// out from its records.  Here the two are compared, kind by kind, at many
// moments: a weekday, a weekend, a closed week and the day after, around a
// review's anniversary in summer time and on 28 and 29 February, with few
// accounts of a kind (each named) and many (counted); and the kept rows are
// compared with the records after every kind of change.  The test's clock
// runs on from each moment, and the demo's records are made at whole hours
// and a second from its start: every moment here is half an hour from any
// time a flag changes (the seconds' edges are tests/unit/test_workdays.c's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql } from './lib.mjs';
import { uid } from './account_lib.mjs';

let s;
before(async () => { s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-12-07T10:30:00Z' } }); });
after(async () => { await s.stop(); });

// What the register says of each open account, by task kind.
const REGISTER = {
  account_lead_left: (a) => a.lead_left,
  account_monitoring_overdue: (a) => a.monitoring_overdue,
  account_gate: (a) => a.gate_failing && a.status !== 'closed',
  account_password_change: (a) => a.password_change && a.status !== 'closed',
  account_review_due: (a) => a.review_due,
  account_dormant: (a) => a.dormant,
};

async function registerFlags(mod) {
  const flagged = Object.fromEntries(Object.keys(REGISTER).map((k) => [k, []]));
  for (let page = 1, pages = 1; page <= pages; page++) {
    const r = await mod.get(`/accounts?page=${page}`);
    assert.equal(r.status, 200);
    pages = r.body.pages;
    for (const a of r.body.accounts)
      for (const [kind, has] of Object.entries(REGISTER))
        if (has(a)) flagged[kind].push(a.id);
  }
  return flagged;
}

// My tasks, by kind: the accounts named, or how many when they are counted.
async function taskFlags(mod) {
  const tasks = (await mod.get('/')).body.tasks;
  const out = {};
  for (const kind of Object.keys(REGISTER)) {
    const mine = tasks.filter((t) => t.kind === kind);
    if (mine.length === 1 && mine[0].link === '/accounts')
      out[kind] = { counted: Number(mine[0].message.match(/\d+/)[0]) };
    else
      out[kind] = { named: mine.map((t) => Number(t.link.split('/').pop())) };
  }
  return out;
}

let seen = { named: 0, counted: 0 };
async function agreeAt(now, why) {
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: now } });
  const mod = await s.login('moderator@demo.school');
  const reg = await registerFlags(mod);
  const tasks = await taskFlags(mod);
  for (const kind of Object.keys(REGISTER)) {
    const ids = reg[kind].sort((a, b) => a - b);
    if (ids.length > 5) {
      assert.deepEqual(tasks[kind], { counted: ids.length }, `${kind} at ${now} (${why})`);
      seen.counted++;
    } else {
      assert.deepEqual({ named: tasks[kind].named?.sort((a, b) => a - b) }, { named: ids },
        `${kind} at ${now} (${why})`);
      if (ids.length) seen.named++;
    }
  }
  return reg;
}

function keptMatchesRecords() {
  for (const [a, b] of [['account_state', 'account_state_source'], ['account_state_source', 'account_state']])
    assert.equal(sql(s.db, `SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT SELECT * FROM ${b})`), '0', `${a} less ${b}`);
}

function addAccount(name, createdAt, leadEmail) {
  sql(s.db, `INSERT INTO social_accounts(platform, name, url, department, lead_id, created_at)
    VALUES ('blog', '${name}', 'https://example.org/${name}', 'English', ${uid(s.db, leadEmail)}, '${createdAt}')`);
  return Number(sql(s.db, `SELECT id FROM social_accounts WHERE name = '${name}'`));
}

function check(id, at) {
  sql(s.db, `INSERT INTO account_checks(account_id, checked_at, comments_found, all_answered, by_id, recorded_at)
    VALUES (${id}, '${at}', 0, 1, ${uid(s.db, 'moderator@demo.school')}, '${at}')`);
}

test('the tasks name or count the same accounts as the register, at every moment', async () => {
  const lead = 'science@demo.school';
  // Checked on a Friday, a Saturday, a Sunday, a Monday.
  const checked = {
    friday: addAccount('KeptFriday', '2026-11-01T09:00:00Z', lead),
    saturday: addAccount('KeptSaturday', '2026-11-01T09:00:00Z', lead),
    sunday: addAccount('KeptSunday', '2026-11-01T09:00:00Z', lead),
    monday: addAccount('KeptMonday', '2026-11-01T09:00:00Z', lead),
  };
  check(checked.friday, '2026-12-04T09:00:00Z');
  check(checked.saturday, '2026-12-05T10:00:00Z');
  check(checked.sunday, '2026-12-06T09:00:00Z');
  check(checked.monday, '2026-12-07T09:00:00Z');
  keptMatchesRecords();
  await agreeAt('2026-12-07T10:30:00Z', 'Monday morning');
  let r = await agreeAt('2026-12-08T08:30:00Z', 'a day after the Monday check, less half an hour');
  assert.ok(!r.account_monitoring_overdue.includes(checked.monday));
  r = await agreeAt('2026-12-08T09:30:00Z', 'half an hour after');
  assert.ok(r.account_monitoring_overdue.includes(checked.monday));
  await agreeAt('2026-12-05T23:30:00Z', 'a Saturday night');

  // A closed Tuesday and Wednesday: the checks falling due in them wait for Thursday.
  sql(s.db, `INSERT INTO closure_days(day, label) VALUES ('2026-12-08', 'INSET day'), ('2026-12-09', 'INSET day')`);
  await agreeAt('2026-12-09T15:30:00Z', 'a closed Wednesday');
  await agreeAt('2026-12-10T09:30:00Z', 'the Thursday after');
  await agreeAt('2026-12-11T00:30:00Z', 'the Friday, just after midnight');
  sql(s.db, `DELETE FROM closure_days WHERE label = 'INSET day'`);

  // A review's anniversary in summer time: created at 00:30 BST on 18 July.
  const summer = addAccount('KeptSummer', '2026-07-17T23:30:00Z', lead);
  check(summer, '2027-07-10T09:00:00Z');
  r = await agreeAt('2027-07-17T22:30:00Z', '23:30 BST on 17 July');
  assert.ok(!r.account_review_due.includes(summer));
  const due = await agreeAt('2027-07-17T23:30:00Z', '00:30 BST on 18 July');
  assert.ok(due.account_review_due.includes(summer), 'its review is due on 18 July');

  // 29 February: reviewed then, due on 28 February; created on 28 February
  // before a leap year, due on the 28th, not the 29th.
  const leap = addAccount('KeptLeapReview', '2027-01-01T12:00:00Z', lead);
  sql(s.db, `INSERT INTO account_reviews(account_id, reviewed_at, reviewed_by, lead_ok, contributors_ok, purpose_ok, monitoring_ok, outcome)
    VALUES (${leap}, '2028-02-29T12:00:00Z', ${uid(s.db, 'moderator@demo.school')}, 1, 1, 1, 1, 'continue')`);
  const before28 = addAccount('KeptBefore28', '2027-02-28T12:00:00Z', lead);
  r = await agreeAt('2028-02-27T23:30:00Z', 'the day before 28 February 2028');
  assert.ok(!r.account_review_due.includes(before28));
  r = await agreeAt('2028-02-28T00:30:00Z', '28 February 2028');
  assert.ok(r.account_review_due.includes(before28));
  // On 29 February itself, a year back had no 29th: 1 March's is not yet due.
  const march1 = addAccount('KeptMarch1', '2027-03-01T12:00:00Z', lead);
  r = await agreeAt('2028-02-29T23:30:00Z', 'late on 29 February 2028');
  assert.ok(!r.account_review_due.includes(march1) && r.account_review_due.includes(before28));
  r = await agreeAt('2029-02-27T23:30:00Z', 'the day before 28 February 2029');
  assert.ok(!r.account_review_due.includes(leap));
  r = await agreeAt('2029-02-28T00:30:00Z', '28 February 2029');
  assert.ok(r.account_review_due.includes(leap));

  // Dormancy after a day's setting, and after the default.
  sql(s.db, `UPDATE settings SET value = '1' WHERE key = 'account_dormant_days'`);
  await agreeAt('2026-12-08T10:30:00Z', 'dormant after a day');
  sql(s.db, `UPDATE settings SET value = '90' WHERE key = 'account_dormant_days'`);

  // The lead leaves; a runner fails the checks; a leaver saw the password.
  sql(s.db, `UPDATE users SET active = 0 WHERE email = '${lead}'`);
  sql(s.db, `INSERT INTO account_gate_failures(account_id, runner, who, failure, found_at)
    VALUES (${checked.friday}, 'u:1', 'Someone', 'Has not signed.', '2026-12-07T02:00:00Z')`);
  sql(s.db, `INSERT INTO account_reveals(account_id, user_id, revealed_at, as_runner, changes_before)
    VALUES (${checked.sunday}, ${uid(s.db, lead)}, '2026-12-06T10:00:00Z', 1,
      (SELECT count(*) FROM account_password_changes WHERE account_id = ${checked.sunday}))`);
  keptMatchesRecords();
  r = await agreeAt('2026-12-07T10:30:00Z', 'a leaver, a failing runner, a reveal');
  assert.ok(r.account_lead_left.includes(checked.friday));
  assert.deepEqual(r.account_gate.filter((id) => id === checked.friday), [checked.friday]);
  assert.ok(r.account_password_change.includes(checked.sunday));

  // Many of a kind: counted, not named.
  for (let i = 0; i < 8; i++) addAccount(`KeptMany${i}`, '2025-01-0' + (i + 1) + 'T08:00:00Z', lead);
  r = await agreeAt('2026-12-07T10:30:00Z', 'many accounts of each kind');
  assert.ok(r.account_lead_left.length > 5 && r.account_review_due.length > 5);

  // The password changed, the runner passes, the lead is back, one closed.
  sql(s.db, `INSERT INTO account_password_changes(account_id, changed_at, changed_by)
    VALUES (${checked.sunday}, '2026-12-07T09:00:00Z', ${uid(s.db, 'moderator@demo.school')})`);
  sql(s.db, `DELETE FROM account_gate_failures WHERE account_id = ${checked.friday}`);
  sql(s.db, `UPDATE users SET active = 1 WHERE email = '${lead}'`);
  sql(s.db, `UPDATE social_accounts SET status = 'closed', closed_at = '2026-12-07T09:00:00Z' WHERE id = ${checked.monday}`);
  sql(s.db, `DELETE FROM account_checks WHERE account_id = ${checked.saturday}`);
  keptMatchesRecords();
  r = await agreeAt('2026-12-07T10:30:00Z', 'each put right');
  assert.ok(!r.account_password_change.includes(checked.sunday));
  assert.ok(!r.account_gate.includes(checked.friday));
  assert.equal(r.account_lead_left.length, 0);
  // Both ways of telling were met, several times each.
  assert.ok(seen.named >= 10 && seen.counted >= 5, JSON.stringify(seen));
});
