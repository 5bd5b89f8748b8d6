// Journey 1 in a browser: a member of staff signs the current acceptable-use
// agreement; the task on the home page goes; a leader's compliance page shows
// the signature; an administrator publishes a new version and the task comes
// back.  Run with JavaScript on and again with it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, sql, MODES } from './lib.mjs';

const TEACHER = 'teacher@demo.school';
const TEACHER_NAME = 'Amy Clarke';

function today() {
  return new Date().toISOString().slice(0, 10);
}

for (const mode of MODES) {
  test(`journey 1: signing the acceptable-use agreement (${mode.label})`, async () => {
    const server = await startServer();
    const b = await openBrowser({ js: mode.js });
    try {
      const { page } = b;
      // The home page asks the teacher to sign.
      await b.signIn(server.url, TEACHER);
      const task = page.locator('ul.tasks').first().getByRole('link', { name: /Please read and sign/ });
      await assert.doesNotReject(task.waitFor(), 'the signing task is on the home page');
      const policyTitle = (await task.innerText()).replace(/^Please read and sign /, '').replace(/\.$/, '');
      await b.navigates(() => task.click());
      await b.expectHeading(new RegExp(`^${policyTitle}, version 1$`));

      // A mistake first: the box not ticked and a wrong name.  The form
      // comes back with the summary on top, the errors by the fields and
      // what was typed kept.
      await page.getByLabel('Type your full name to sign').fill('Amy Clark');
      await b.submit('Sign');
      const summary = page.locator('.error-summary');
      await assert.doesNotReject(summary.waitFor(), 'the error summary is shown');
      assert.match(await summary.innerText(), /There is a problem/);
      assert.ok(await page.locator('.field.has-error .field-error').count() >= 1, 'an error is shown by its field');
      assert.equal(await page.getByLabel('Type your full name to sign').inputValue(), 'Amy Clark');

      // Now properly.
      await page.getByLabel('I have read this agreement and I agree to follow it.').check();
      await page.getByLabel('Type your full name to sign').fill(TEACHER_NAME);
      await b.submit('Sign');
      await b.expectHeading('Record of my signature');
      const record = page.locator('.signature-record');
      assert.match(await record.innerText(), new RegExp(`Signed by\\s+${TEACHER_NAME} \\(${TEACHER}\\)`));
      assert.match(await record.innerText(), /SHA-256 of the text signed\s+[0-9a-f]{64}/);

      // The task has gone from the home page.
      await b.nav('My tasks');
      await b.expectNoText(`Please read and sign ${policyTitle}`);
      await b.nav('Agreements');
      await b.expectText('Signed');
      await b.signOut();

      // The headteacher's compliance page names the teacher no longer.
      await b.signIn(server.url, 'head@demo.school');
      await b.nav('Compliance');
      await b.expectHeading('Compliance');
      const outstanding = page.getByRole('table', { name: /Still to sign/ }).first();
      await b.expectNoText(TEACHER, outstanding);
      await b.expectText('volunteer@demo.school', outstanding);
      await b.signOut();

      // The administrator publishes version 2, in effect today.
      await b.signIn(server.url, 'admin@demo.school');
      await page.goto(`${server.url}/admin/policies`);
      await b.check();
      await b.follow(policyTitle);
      await b.expectHeading(policyTitle);
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Write a new version' }) });
      await form.getByLabel('The text, in Markdown').fill(
        '## Using social media\n\nKeep your accounts private and never add pupils as friends.\n\n## Reporting\n\nReport every concern the same day.');
      await form.getByLabel('What changed in this version').fill('Reporting must now happen the same day.');
      await form.getByLabel('Takes effect on').fill(today());
      const due = new Date(Date.now() + 365 * 86400e3).toISOString().slice(0, 10);
      await form.getByLabel('Review due by').fill(due);
      // A preview first: the text as staff will see it, nothing saved yet.
      await b.submit('Preview before saving', form);
      await b.expectHeading(`${policyTitle}: check version 2 before saving it`);
      await b.expectText('Nothing has been saved yet.');
      await assert.doesNotReject(page.getByRole('heading', { name: 'Reporting', level: 2 }).waitFor());
      await b.submit('Save as a draft');
      assert.match(await b.flash(), /Version 2 has been saved as a draft/);
      // The governing body's approval publishes it (wynstones' "Authorised by" footer).
      const authorise = page.locator('form', { has: page.getByRole('heading', { name: 'Authorise version 2' }) });
      await authorise.getByLabel('The governing body, at a meeting', { exact: true }).check();
      await authorise.getByLabel('Name of the headteacher, or of the body or committee').fill('Full governing body');
      await authorise.getByLabel('Date of the meeting (when a body or committee agreed it)').fill(today());
      await authorise.getByLabel('Minute reference (optional)').fill('7.2');
      await authorise.getByLabel('Date authorised').fill(today());
      await b.submit('Authorise and publish version 2', authorise);
      assert.match(await b.flash(), /The version has been authorised and published/);
      await b.signOut();

      // The teacher's task is back, naming the change.
      await b.signIn(server.url, TEACHER);
      const again = page.locator('ul.tasks').first().getByRole('link', { name: /A new version of .* \(version 2\) needs your signature/ });
      await assert.doesNotReject(again.waitFor(), 'the task comes back for version 2');
      assert.match(await again.innerText(), /Reporting must now happen the same day\./);
      await b.navigates(() => again.click());
      await b.expectHeading(`${policyTitle}, version 2`);
      await b.expectText('Reporting must now happen the same day.');
    } finally {
      await b.close();
      await server.stop();
    }
  });
}

// A whole school's outstanding list comes in pages: the links between them
// are in a navigation landmark named for the policy, work with JavaScript on
// and off, and every page passes tidy and axe.
for (const mode of MODES) {
  test(`the compliance list in pages (${mode.label})`, async () => {
    const server = await startServer();
    sql(server.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
      INSERT INTO users(email, name, department, staff_type, created_at)
      SELECT printf('p%03d@demo.school', i), printf('Person %03d', i), 'Maths', 'teacher', '2020-01-01T09:00:00Z' FROM n`);
    const b = await openBrowser({ js: mode.js });
    try {
      const { page } = b;
      await b.signIn(server.url, 'head@demo.school');
      await b.nav('Compliance');
      await b.expectHeading('Compliance');
      // The code of conduct has its own list (the new teachers have not signed it either).
      const agreement = page.getByRole('region', { name: 'Staff acceptable-use agreement, version 1' });
      const pages = agreement.getByRole('navigation', { name: /^Pages of the people still to sign .*, version 1$/ });
      assert.equal(await pages.count(), 1, 'one pager, named for its policy');
      const table = agreement.getByRole('table', { name: /Still to sign, longest waiting first \(page 1 of 3\)/ });
      assert.equal(await table.locator('tbody tr').count(), 50);
      await b.expectText(/127\s+outstanding/);
      await b.follow('Next page', pages);
      assert.match(page.url(), /\/aup\/compliance\?page=2#h-policy-\d+$/);
      await b.expectText('(page 2 of 3)');
      await b.follow('Next page', pages);
      await b.expectText('(page 3 of 3)');
      assert.equal(await pages.getByRole('link', { name: 'Next page' }).count(), 0, 'no next page after the last');
      await b.follow('Previous page', pages);
      await b.expectText('(page 2 of 3)');
      // Past the end: said in words, with the way back to the last page.
      await b.navigates(() => page.goto(`${server.url}/aup/compliance?page=7`));
      await b.expectText('There is no page 7 of the people still to sign this version: the last page is 3.');
      await b.follow('Previous page', pages);
      await b.expectText('(page 3 of 3)');
    } finally {
      await b.close();
      await server.stop();
    }
  });
}
