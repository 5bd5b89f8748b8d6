// Journey 3 in a browser: a member of staff reports a concern with a
// screenshot attached; the headteacher finds it in the queue as new, opens
// it, looks at the evidence, assigns, escalates, adds a note, records the
// step the policy asks for (heatons 8.5: the police, or why not) and closes it
// with an outcome; the reporter sees the status change and none of the
// notes.  Run with JavaScript on and again with it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, MODES } from './lib.mjs';

const REPORTER = 'teacher@demo.school';
const SUMMARY = 'Abusive comments about a teacher on a parents\u2019 Facebook group';
const NOTE = 'Spoke to the teacher; she is supported by her line manager.';
const THEIR_REFERENCE = 'FB-REPORT-7731';
const STEP_REASON = 'The teacher did not want the police told; she is supported in school.';
const OUTCOME = 'The group admin removed the posts; the parent was invited in and apologised.';

async function report(b) {
  const { page } = b;
  await b.nav('Report a concern');
  await b.expectHeading('Report a concern');
  // The screenshot the teacher attaches is one of the page in front of her.
  const screenshot = await page.screenshot();
  await page.getByLabel('Cyberbullying of a member of staff').check();
  await page.getByLabel(/^Summary/).fill(SUMMARY);
  await page.getByLabel('What happened').fill('Three posts name a colleague and call her incompetent. One has a photo of her.');
  await page.getByLabel(/^Site or app/).fill('Facebook');
  const evidence = { name: 'screenshot.png', mimeType: 'image/png', buffer: screenshot };
  await page.getByLabel(/^Evidence/).setInputFiles(evidence);
  // Sent without when it happened: cyberbullying's evidence needs it, and
  // the form says so beside the field, keeping what was typed.
  await b.submit('Send the report');
  await b.expectText('Give the date and time the cyberbullying happened: they are part of its evidence.');
  assert.equal(await page.getByLabel(/^Summary/).inputValue(), SUMMARY);
  // Two days ago (as school time: within an hour of UTC either way).
  const when = new Date(Date.now() - 2 * 86400e3).toISOString().slice(0, 16);
  await page.getByLabel(/^When it happened/).fill(when);
  await page.getByLabel(/^Evidence/).setInputFiles(evidence);
  await b.submit('Send the report');
  const flash = await b.flash();
  const ref = flash.match(/its reference is (C-\d{4}-\d+)/)?.[1];
  assert.ok(ref, `the reference is given: ${flash}`);
  await b.expectHeading(`My report ${ref}`);
  await b.expectText('screenshot.png');
  return ref;
}

// The status shown on the case page, in words.
async function caseStatus(page) {
  return (await page.locator('main p.lead .badge').first().innerText()).trim().toLowerCase();
}

async function addToChronology(b, heading, fill, button) {
  const form = b.page.locator('form', { has: b.page.getByRole('heading', { name: heading, exact: true }) });
  await fill(form);
  await b.submit(button, form);
  assert.equal(await b.flash(), 'The chronology has been updated.');
}

for (const mode of MODES) {
  test(`journey 3: a concern from report to outcome (${mode.label})`, async () => {
    const server = await startServer();
    const b = await openBrowser({ js: mode.js });
    try {
      const { page } = b;
      await b.signIn(server.url, REPORTER);
      const ref = await report(b);
      await b.signOut();

      // The headteacher finds it in the queue, new and unassigned.
      await b.signIn(server.url, 'head@demo.school');
      await b.expectText(/\d+ new concerns? to acknowledge\./);
      await b.nav('Incident queue');
      await b.expectHeading('Incident queue');
      const row = page.locator('table.data tbody tr', { has: page.getByRole('link', { name: ref, exact: true }) });
      assert.match(await row.innerText(), /new/i);
      assert.match(await row.innerText(), /nobody yet/);
      await b.follow(ref);
      await b.expectHeading(`Concern ${ref}`);
      assert.equal(await caseStatus(page), 'new');
      await b.expectText(SUMMARY);

      // The evidence: the picture is shown on the page and has loaded.
      const img = page.getByRole('img', { name: 'Evidence picture screenshot.png' });
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
      assert.ok(await img.evaluate((el) => el.naturalWidth) >= 300, 'the screenshot is shown at its size');
      const download = page.getByRole('link', { name: 'Download screenshot.png' });
      const res = await page.request.get(new URL(await download.getAttribute('href'), page.url()).href);
      assert.equal(res.status(), 200);
      assert.equal(res.headers()['content-type'], 'image/png');

      // Acknowledge (the reporter is told), assign, escalate, note, close.
      await addToChronology(b, 'Acknowledge', () => {}, 'Acknowledge');
      assert.equal(await caseStatus(page), 'acknowledged');
      await addToChronology(b, 'Assign', (f) => f.getByLabel('Assign to').selectOption({ label: 'Samir Patel (deputy@demo.school)' }), 'Assign');
      await b.expectText('Samir Patel (deputy@demo.school)', page.getByRole('region', { name: 'The report', exact: true }));
      await addToChronology(b, 'Escalate', async (f) => {
        await f.getByLabel('Escalated to').selectOption({ label: 'The platform or site' });
        await f.getByLabel(/^Their reference/).fill(THEIR_REFERENCE);
        await f.getByLabel('Details').fill('Reported the three posts to Facebook.');
      }, 'Record escalation');
      assert.equal(await caseStatus(page), 'escalated');
      await addToChronology(b, 'Add a note', (f) => f.getByLabel(/^Note/).fill(NOTE), 'Add note');
      await b.expectText(NOTE, page.getByRole('region', { name: 'Chronology', exact: true }));
      // What the policy asks (heatons 8.5): the police step, recorded from its own form.
      const steps = page.getByRole('region', { name: 'What the policy asks', exact: true });
      const police = steps.locator('form', { has: page.locator('input[name="step"][value="police"]') });
      await police.getByLabel('Not done', { exact: true }).check();
      await police.getByLabel(/^Details, or the reason it was not done/).fill(STEP_REASON);
      await b.submit('Record this step', police);
      assert.equal(await b.flash(), 'The chronology has been updated.');
      await b.expectText('Not done', steps);
      await addToChronology(b, 'Close', async (f) => {
        await f.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Content removed' });
        await f.getByLabel(/^What was done/).fill(OUTCOME);
      }, 'Close the concern');
      assert.equal(await caseStatus(page), 'closed');
      await b.expectText('Content removed');
      await b.signOut();

      // The reporter sees it closed, and none of the internal notes.
      await b.signIn(server.url, REPORTER);
      await b.follow(new RegExp(`Your concern ${ref} \\([^)]+\\) has been closed`));
      await b.expectHeading(`My report ${ref}`);
      assert.equal((await page.locator('main p.lead .badge').first().innerText()).trim().toLowerCase(), 'closed');
      for (const secret of [NOTE, THEIR_REFERENCE, OUTCOME, 'Samir Patel']) await b.expectNoText(secret, page.locator('body'));
    } finally {
      await b.close();
      await server.stop();
    }
  });
}
