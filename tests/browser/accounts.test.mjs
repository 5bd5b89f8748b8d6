// Journey 2 in a browser: a member of staff applies for a departmental
// account; the moderator forwards it; the decider sees the failing policy
// checks and cannot approve; the lead signs the agreement and has training
// recorded; the decider approves; the account is on the register and the
// applicant is told.  Run with JavaScript on and again with it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, MODES } from './lib.mjs';

const APPLICANT = 'teacher@demo.school'; // Amy Clarke: not signed, no social-media training
const ACCOUNT = 'Hillside PE News';

function today() {
  return new Date().toISOString().slice(0, 10);
}

async function apply(b) {
  const { page } = b;
  await b.nav('Social accounts');
  await b.follow('Apply for a new account');
  await b.expectHeading('Apply for a social-media account');
  await page.getByLabel('Platform', { exact: true }).selectOption({ label: 'Instagram' });
  await page.getByLabel('Proposed name or handle').fill(ACCOUNT);
  await page.getByLabel('Department', { exact: true }).fill('PE');
  await page.getByLabel('The aim of the account').fill('Share fixtures, results and kit reminders with families.');
  await page.getByLabel('The intended audience').fill('Parents and carers of pupils in years 7 to 11.');
  await page.getByLabel('How the account will be promoted').fill('The newsletter and the school website.');
  await page.getByLabel(/E-mail address of the lead/).fill(APPLICANT);
  await page.getByLabel('Open: anyone can see it').check();
  await page.getByLabel('How comments will be watched and answered').fill('Checked every school day at 8am and 3pm.');
  await b.submit('Send the application');
  await b.expectHeading(`Application: ${ACCOUNT}`);
  await b.expectText('Waiting for the moderator');
}

async function checkResults(b) {
  const rows = b.page.getByRole('table', { name: /The lead's standing/ }).locator('tbody tr');
  return rows.evaluateAll((trs) => trs.map((tr) => `${tr.cells[0].innerText.trim()}: ${tr.cells[1].innerText.trim()}`));
}

async function openApplication(b) {
  await b.nav('Social accounts');
  await b.follow('Applications');
  await b.follow(ACCOUNT);
  await b.expectHeading(`Application: ${ACCOUNT}`);
}

for (const mode of MODES) {
  test(`journey 2: an account application approved against the policy checks (${mode.label})`, async () => {
    const server = await startServer();
    const b = await openBrowser({ js: mode.js });
    try {
      const { page } = b;
      await b.signIn(server.url, APPLICANT);
      await apply(b);
      await b.signOut();

      // The moderator forwards it.
      await b.signIn(server.url, 'moderator@demo.school');
      await b.expectText(/\d+ account applications? waits? for your review/);
      await b.follow(`Amy Clarke applied for the Instagram account '${ACCOUNT}'.`);
      await b.expectHeading(`Application: ${ACCOUNT}`);
      await page.getByLabel('Forward for the final decision').check();
      // The lead fails checks: the moderator is warned and confirms beside the choice.
      await b.expectText('Has current social-media training: no');
      await page.getByLabel('Forward even though these checks fail').check();
      await page.getByLabel(/^Comment/).fill('A clear plan; the department has run a closed group before.');
      await b.submit('Record the review');
      await b.expectText('Waiting for a decision');
      await b.signOut();

      // The decider (the business manager by default) sees the failing checks
      // and an approval is refused, with the reason shown.
      await b.signIn(server.url, 'bursar@demo.school');
      await openApplication(b);
      const before = await checkResults(b);
      assert.ok(before.some((c) => /: no$/i.test(c)), `a check says no: ${before.join('; ')}`);
      // Approve is not available, with the reason beside it and a link to record the training.
      assert.ok(await page.getByLabel(/Approve: add the account/).isDisabled(), 'Approve is disabled');
      await b.expectText('Approve is not available.');
      assert.ok(await page.getByRole('button', { name: "Record the lead's social-media training" }).isVisible());
      await b.expectText('Waiting for a decision');
      await b.signOut();

      // The lead signs the current agreement…
      await b.signIn(server.url, APPLICANT);
      await b.navigates(() => page.locator('ul.tasks').first().getByRole('link', { name: /Please read and sign/ }).click());
      await page.getByLabel('I have read this agreement and I agree to follow it.').check();
      await page.getByLabel('Type your full name to sign').fill('Amy Clarke');
      await b.submit('Sign');
      await b.expectHeading('Record of my signature');
      await b.signOut();

      // …and the headteacher records her social-media training.
      await b.signIn(server.url, 'head@demo.school');
      await b.nav('Training');
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Record training' }) });
      await form.getByLabel('E-mail address of the person trained').fill(APPLICANT);
      await form.getByLabel('Course').selectOption({ label: 'Social-media policy' });
      await form.getByLabel('Completed on').fill(today());
      await b.submit('Save', form);
      assert.match(await b.flash(), /training record has been saved/);
      await b.signOut();

      // Every check passes now, and the decider approves.
      await b.signIn(server.url, 'bursar@demo.school');
      await openApplication(b);
      const after = await checkResults(b);
      assert.ok(after.length > 0 && after.every((c) => /: yes$/i.test(c)), `every check says yes: ${after.join('; ')}`);
      await page.getByLabel(/Approve: add the account/).check();
      await b.submit('Record the decision');
      assert.match(await b.flash(), /Approved: the account is now on the register/);
      await b.expectHeading(ACCOUNT);
      await b.follow('The application and its approval history');
      await b.expectText('Final decision: Approved');
      await b.signOut();

      // The register shows it, and the applicant has been told.
      await b.signIn(server.url, 'moderator@demo.school');
      await b.nav('Social accounts');
      const register = page.getByRole('table', { name: /Every school account/ });
      await b.expectText(ACCOUNT, register);
      await b.signOut();

      await b.signIn(server.url, APPLICANT);
      await b.expectText(ACCOUNT, page.getByRole('region', { name: 'Notifications' }));
      await b.nav('Social accounts');
      await b.expectText(ACCOUNT, page.getByRole('table', { name: /Accounts you lead/ }));
    } finally {
      await b.close();
      await server.stop();
    }
  });
}
