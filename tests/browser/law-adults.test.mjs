// Concerns about adults in a browser: a member of staff records a low-level
// concern about a colleague and asks that their name be kept confidential;
// another refers themself.  The headteacher sees both, with who raised them,
// records a threshold decision and hands the first to the DSL, who is not
// told who raised it.  Run with JavaScript on and again with it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, MODES } from './lib.mjs';

const CATEGORY = "Concern about an adult's conduct (low-level concern or allegation)";
const LOW = 'Shouted at a pupil in the corridor and swore';
const SELF = 'I gave a pupil my personal phone number';

async function reportConcern(b, fill) {
  await b.nav('Report a concern');
  await b.expectHeading('Report a concern');
  await b.page.getByLabel(CATEGORY).check();
  await fill(b.page);
  await b.submit('Send the report');
  const flash = await b.flash();
  const ref = flash.match(/reference is (C-\d{4}-\d+)/)?.[1];
  assert.ok(ref, `the reference is given: ${flash}`);
  return { ref, flash };
}

async function openCase(b, ref) {
  await b.nav('Incident queue');
  await b.follow(ref);
  await b.expectHeading(`Concern ${ref}`);
}

function form(b, heading) {
  return b.page.locator('form', { has: b.page.getByRole('heading', { name: heading, exact: true }) });
}

for (const mode of MODES) {
  test(`a low-level concern and a self-referral, from report to threshold decision (${mode.label})`, async () => {
    const server = await startServer();
    const b = await openBrowser({ js: mode.js });
    try {
      await b.signIn(server.url, 'teacher@demo.school');
      const low = await reportConcern(b, async (page) => {
        await page.getByLabel(/^Summary/).fill(LOW);
        await page.getByLabel(/^If it is about an adult/).fill('science@demo.school');
        await page.getByLabel('Keep my name confidential').check();
      });
      await b.expectHeading(`My report ${low.ref}`);
      await b.signOut();

      await b.signIn(server.url, 'ta@demo.school');
      const self = await reportConcern(b, async (page) => {
        await page.getByLabel(/^Summary/).fill(SELF);
        await page.getByLabel('About me: I am referring myself').check();
      });
      assert.match(self.flash, /the headteacher will speak to you/);
      await b.expectHeading('Report a concern');
      await b.signOut();

      // The headteacher sees both, and who raised them.
      await b.signIn(server.url, 'head@demo.school');
      await openCase(b, self.ref);
      await b.expectText('a self-referral');
      await b.expectText('Fatima Khan');
      await openCase(b, low.ref);
      await b.expectText('Amy Clarke');
      await b.expectText('asked for confidentiality');
      await b.expectText('not yet recorded');
      await b.submit('Acknowledge', form(b, 'Acknowledge'));
      const t = form(b, 'Threshold decision');
      await t.getByLabel('A low-level concern').check();
      await t.getByLabel('Why (required)').fill('Inconsistent with the code of conduct; no harm to a child.');
      await t.getByLabel('Action taken').fill('Spoke to the teacher; a note on the low-level concerns record.');
      await b.submit('Record the decision', t);
      assert.equal(await b.flash(), 'The chronology has been updated.');
      await b.expectText('Threshold decision: a low-level concern');
      const a = form(b, 'Assign');
      await a.getByLabel('Assign to').selectOption({ label: 'Grace Okafor (dsl@demo.school)' });
      await b.submit('Assign', a);
      await b.signOut();

      // The DSL it was handed to is not told who raised it.
      await b.signIn(server.url, 'dsl@demo.school');
      await openCase(b, low.ref);
      await b.expectText(LOW);
      await b.expectText('Name withheld');
      for (const secret of ['Amy Clarke', 'teacher@demo.school']) await b.expectNoText(secret, b.page.locator('body'));
    } finally {
      await b.close();
      await server.stop();
    }
  });
}
