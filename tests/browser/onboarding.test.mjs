// A school coming on board, in a browser: the administrator invites a new
// member of staff, who follows the e-mailed link, chooses a password and is
// signed in; the termly staff file is imported again (one change, one new
// starter, one leaver), previewed, confirmed, and the leaver's leaving is
// confirmed on their page; times are read in UK time, summer and winter.
// Each journey runs with JavaScript on and again with it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, sql, MODES } from './lib.mjs';
import { startSink } from '../http/smtp_sink.mjs';

const BASE = 'https://staffroom.hillside.test';
const NEW_PASSWORD = 'a kettle on the common room table';
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

// The path of the one-time link in the last e-mail to this address.
async function linkTo(sink, email) {
  for (let i = 0; i < 300; i++) {
    const m = [...sink.messages].reverse().find((x) => x.to.some((t) => t.includes(email)));
    const found = m?.data.match(/https:\/\/staffroom\.hillside\.test(\/password\/set\?token=[A-Za-z0-9_-]{43})/);
    if (found) return found[1];
    await sleep(50);
  }
  throw new Error(`no invitation reached ${email}`);
}

async function withServer(options, fn) {
  const sink = await startSink();
  const args = ['--smtp-url', sink.url, '--mail-from', 'staffroom@hillside.test', '--base-url', BASE];
  const server = await startServer({ args, ...options });
  const b = await openBrowser({ js: options.js });
  try {
    await fn(server, b, sink);
  } finally {
    await b.close();
    await server.stop();
    await sink.close();
  }
}

for (const mode of MODES) {
  test(`an invitation: added, invited, the link sets a password and signs in (${mode.label})`, async () => {
    await withServer({ js: mode.js }, async (server, b, sink) => {
      const { page } = b;
      await b.signIn(server.url, 'admin@demo.school');
      await b.nav('Administration');
      await b.follow('Add a member of staff');
      await page.getByLabel('E-mail address').fill('nia.new@demo.school');
      await page.getByLabel('Full name').fill('Nia New');
      await page.getByLabel('Staff type').selectOption('teacher');
      await b.submit('Add');
      await b.expectHeading('Nia New');
      await b.expectText('cannot sign in yet');
      await b.submit('E-mail an invitation');
      assert.match(await b.flash(), /invitation/i);
      const link = await linkTo(sink, 'nia.new@demo.school');
      await b.signOut();

      await b.navigates(() => page.goto(`${server.url}${link}`));
      await b.expectHeading('Choose your password');
      await b.expectText('Welcome to staffroom, Nia New.');
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByLabel('The same password again').fill(NEW_PASSWORD);
      await b.submit('Save my password and sign in');
      await b.expectHeading('My tasks');
      assert.equal(sql(server.db, "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id " +
        "WHERE u.email = 'nia.new@demo.school'"), '1');

      // The link was spent: a second visit is refused, and the password works.
      await b.context.clearCookies();
      await b.navigates(() => page.goto(`${server.url}${link}`).catch(() => {}));
      await b.expectNoText('Choose a password for');
      await page.goto(`${server.url}/login`);
      await page.getByLabel('E-mail address').fill('nia.new@demo.school');
      await page.getByLabel('Password').fill(NEW_PASSWORD);
      await b.submit('Sign in');
      await b.expectHeading('My tasks');
    });
  });
}

const HEADER = 'email,name,job_title,department,staff_type';
const q = (v) => `"${String(v ?? '').replaceAll('"', '""')}"`;

// The school's file as the list stands: every active person.
function currentFile(db) {
  return JSON.parse(sql(db, "SELECT json_group_array(json_object('email', email, 'name', name, " +
    "'job_title', job_title, 'department', department, 'staff_type', staff_type)) FROM " +
    '(SELECT * FROM users WHERE active = 1 ORDER BY id)'));
}

for (const mode of MODES) {
  test(`the termly re-import: a change, a new starter and a leaver (${mode.label})`, async () => {
    await withServer({ js: mode.js }, async (server, b) => {
      const { page } = b;
      const rows = currentFile(server.db).filter((r) => r.email !== 'supply@demo.school');
      rows.find((r) => r.email === 'teacher@demo.school').job_title = 'Head of PE';
      rows.push({ email: 'sam.starter@demo.school', name: 'Sam Starter', job_title: 'Teaching assistant',
        department: 'Year 2', staff_type: 'Support Staff' });
      const csv = [HEADER, ...rows.map((r) =>
        [r.email, r.name, r.job_title, r.department, r.staff_type].map(q).join(','))].join('\r\n');

      await b.signIn(server.url, 'admin@demo.school');
      await b.nav('Administration');
      await b.follow('Import from CSV');
      await b.expectHeading('Import staff');
      await page.getByLabel('CSV file').setInputFiles({ name: 'staff.csv', mimeType: 'text/csv',
        buffer: Buffer.from(csv) });
      await b.submit('Check the file');
      await b.expectHeading('Check the staff import');
      await b.expectText('New people (1)');
      await b.expectText('Sam Starter (sam.starter@demo.school), Teaching assistant, Year 2');
      await b.expectText('Changes to people on the list (1)');
      await b.expectText('Job title: Teacher of PE → Head of PE');
      await b.expectText('Possibly left (1)');
      await b.expectText('supply@demo.school');
      assert.equal(sql(server.db, "SELECT count(*) FROM users WHERE email = 'sam.starter@demo.school'"), '0',
        'nothing is written by the preview');

      await b.submit('Confirm and update the staff list');
      await b.expectHeading('Import staff');
      assert.equal(sql(server.db, "SELECT staff_type || '|' || job_title FROM users " +
        "WHERE email = 'sam.starter@demo.school'"), 'support|Teaching assistant');
      assert.equal(sql(server.db, "SELECT job_title FROM users WHERE email = 'teacher@demo.school'"), 'Head of PE');
      assert.equal(sql(server.db, "SELECT active FROM users WHERE email = 'supply@demo.school'"), '1',
        'the file deactivates nobody');

      // The leaver is listed; their leaving is confirmed on their page.
      const left = page.locator('section', { has: page.getByRole('heading', { name: 'Possibly left' }) });
      const leaver = sql(server.db, "SELECT name FROM users WHERE email = 'supply@demo.school'");
      await b.follow(leaver, left);
      await b.expectHeading(leaver);
      await page.locator('#leaving').getByLabel('Leaving date').fill('');
      await b.submit('Save the leaving date or deactivate');
      assert.equal(sql(server.db, "SELECT active FROM users WHERE email = 'supply@demo.school'"), '0');
      await b.navigates(() => page.goto(`${server.url}/admin/import`));
      await b.expectNoText('supply@demo.school');
    });
  });
}

// The row of the queue that links to this case, following "Next page" as needed.
async function queueRow(b, ref) {
  const { page } = b;
  for (;;) {
    const row = page.locator('tr', { has: page.getByRole('link', { name: ref, exact: true }) });
    if (await row.count()) return row.first();
    const next = page.getByRole('link', { name: 'Next page' });
    assert.ok(await next.count(), `${ref} is in the queue`);
    await b.navigates(() => next.first().click());
  }
}

async function reportAt(b, summary, when) {
  const { page } = b;
  await b.nav('Report a concern');
  await page.getByLabel('Cyberbullying of a member of staff').check();
  await page.getByLabel(/^Summary/).fill(summary);
  await page.getByLabel('What happened').fill('Posts on a parents\u2019 group name a colleague.');
  await page.getByLabel('When it happened (UK time)').fill(when);
  await b.submit('Send the report');
  const ref = (await b.flash()).match(/its reference is (C-\d{4}-\d+)/)?.[1];
  assert.ok(ref, 'the reference is given');
  return ref;
}

for (const mode of MODES) {
  test(`UK time on the case page and the queue, summer and winter (${mode.label})`, async () => {
    await withServer({ js: mode.js }, async (server, b) => {
      const { page } = b;
      await b.signIn(server.url, 'teacher@demo.school');
      const summer = await reportAt(b, 'Summer-term posts', '2026-07-14T14:00');
      const winter = await reportAt(b, 'Winter-term posts', '2026-11-30T14:00');
      // Stored in UTC: 14:00 in July is 13:00Z (summer time), in November 14:00Z.
      assert.equal(sql(server.db, `SELECT occurred_at FROM concerns WHERE reference = '${summer}'`),
        '2026-07-14T13:00:00Z');
      assert.equal(sql(server.db, `SELECT occurred_at FROM concerns WHERE reference = '${winter}'`),
        '2026-11-30T14:00:00Z');
      // Received one summer and one winter evening (UTC in the database).
      sql(server.db, `UPDATE concerns SET created_at = '2026-07-14T19:05:00Z' WHERE reference = '${summer}'`);
      sql(server.db, `UPDATE concerns SET created_at = '2026-11-30T19:05:00Z' WHERE reference = '${winter}'`);
      await b.signOut();

      await b.signIn(server.url, 'head@demo.school');
      for (const [ref, occurred, received] of [[summer, '14 Jul 2026, 14:00', '14 Jul 2026, 20:05'],
        [winter, '30 Nov 2026, 14:00', '30 Nov 2026, 19:05']]) {
        await b.navigates(() => page.goto(`${server.url}/concerns`));
        const row = await queueRow(b, ref);
        assert.match(await row.innerText(), new RegExp(received), `${ref} received, in UK time, in the queue`);
        await b.navigates(() => row.getByRole('link', { name: ref, exact: true }).click());
        await b.expectHeading(new RegExp(ref));
        await b.expectText(occurred);
        await b.expectNoText('T13:00:00Z');
      }
    });
  });
}
