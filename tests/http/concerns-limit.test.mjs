// One person may send at most 20 reports in 10 minutes (settings
// concern_report_limit, concern_report_window_minutes): the next is a 429
// with Retry-After that stores nothing and tells nobody; others still report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { PNG, report, file, counts } from './concern_helpers.mjs';

let s;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['teacher', 'science']) c[who] = await s.login(`${who}@demo.school`);
});
after(async () => { await s.stop(); });

const tables = () => ({ ...counts(s.db), notifications: Number(sql(s.db, 'SELECT count(*) FROM notifications')),
  outbox: Number(sql(s.db, 'SELECT count(*) FROM outbox')), audit: Number(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'concern.report'")) });

test('the 21st report in 10 minutes is refused with 429 and Retry-After; nothing is stored or sent', async () => {
  assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'concern_report_limit'"), '20');
  assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'concern_report_window_minutes'"), '10');
  // the demo school's cases were filed just now, and count
  const already = Number(sql(s.db, "SELECT count(*) FROM concerns c JOIN users u ON u.id = c.reporter_id WHERE u.email = 'teacher@demo.school'"));
  for (let i = already; i < 20; i++) await file(c.teacher, { category: 'other', summary: `report ${i}` });
  const before = tables();
  const r = await report(c.teacher, { category: 'other', summary: 'one too many', urgent: 'yes' }, [{ name: 'a.png', data: PNG }]);
  assert.equal(r.status, 429, r.text);
  const wait = Number(r.headers.get('retry-after'));
  assert.ok(wait > 0 && wait <= 600, String(wait));
  assert.match(r.body.error, /You have sent 20 reports in the last 10 minutes/);
  assert.match(r.body.error, /This report has not been sent and nothing has been saved/);
  assert.match(r.body.error, /speak to the safeguarding lead in person/);
  assert.deepEqual(tables(), before);
  // a browser gets the form back with what was typed
  const fd = new FormData();
  fd.append('category', 'other'); fd.append('summary', 'typed again');
  const page = await c.teacher.request('POST', '/concerns', { json: false, multipart: fd });
  assert.equal(page.status, 429);
  assert.match(page.text, /value="typed again"/);
  assert.match(page.text, /You have sent 20 reports/);
  assert.deepEqual(tables(), before);
  // someone else is not held up
  const other = await report(c.science, { category: 'other', summary: 'my own report' });
  assert.equal(other.status, 201, other.text);
  // once the oldest of the twenty is more than 10 minutes old, one more may go
  const id = sql(s.db, "SELECT min(c.id) FROM concerns c JOIN users u ON u.id = c.reporter_id WHERE u.email = 'teacher@demo.school'");
  sql(s.db, `UPDATE concerns SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-11 minutes') WHERE id = ${id}`);
  assert.equal((await report(c.teacher, { category: 'other', summary: 'later' })).status, 201);
  assert.equal((await report(c.teacher, { category: 'other', summary: 'and again' })).status, 429);
});

test('the limit is a setting', async () => {
  sql(s.db, "UPDATE settings SET value = '100' WHERE key = 'concern_report_limit'");
  try {
    assert.equal((await report(c.teacher, { category: 'other', summary: 'under a higher limit' })).status, 201);
  } finally {
    sql(s.db, "UPDATE settings SET value = '20' WHERE key = 'concern_report_limit'");
  }
});

test('a limit of one report in one minute reads in the singular', async () => {
  sql(s.db, "UPDATE settings SET value = '1' WHERE key = 'concern_report_limit'");
  sql(s.db, "UPDATE settings SET value = '1' WHERE key = 'concern_report_window_minutes'");
  try {
    const r = await report(c.science, { category: 'other', summary: 'within the minute' });
    assert.equal(r.status, 429, r.text);
    assert.match(r.body.error, /You have sent 1 report in the last 1 minute, the most/);
    assert.match(r.body.error, /Please send it again in 1 minute\./);
  } finally {
    sql(s.db, "UPDATE settings SET value = '20' WHERE key = 'concern_report_limit'");
    sql(s.db, "UPDATE settings SET value = '10' WHERE key = 'concern_report_window_minutes'");
  }
});
