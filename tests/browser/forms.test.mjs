// Forms as a person meets them: a refused form comes back with the problem
// summarised on top (each linking to its field), the error beside the field,
// and what was typed still there; every field has a label; focus can be seen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer } from './lib.mjs';

let server, b;
before(async () => {
  server = await startServer();
  b = await openBrowser({ js: false });
});
after(async () => {
  await b?.close();
  await server?.stop();
});

// Every link in the summary points at a field on the page, which shows its error.
async function summaryLinksToFields(page) {
  const links = page.locator('.error-summary a');
  assert.ok(await links.count() >= 1, 'the summary links to the field');
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    const target = page.locator(href);
    assert.equal(await target.count(), 1, `${href} is on the page`);
    const box = page.locator('.has-error', { has: target }).or(page.locator(`${href}.has-error`));
    assert.ok(await box.count() >= 1, `${href} is marked as the field in error`);
  }
}

test('a wrong password: summary, the e-mail kept, the password not', async () => {
  const { page } = b;
  await b.context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-mail address').fill('teacher@demo.school');
  await page.getByLabel('Password').fill('not-the-password');
  await b.submit('Sign in');
  await b.expectHeading('Sign in');
  assert.match(await page.locator('.error-summary').innerText(), /There is a problem/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary',
    'the keyboard starts at the summary, with no script');
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('href')), /^#f-/,
    'the next Tab is the summary\'s link to the field');
  assert.equal(await page.getByLabel('E-mail address').inputValue(), 'teacher@demo.school');
  assert.equal(await page.getByLabel('Password').inputValue(), '');
});

test('an account application with an unknown lead keeps everything typed', async () => {
  const { page } = b;
  await b.signIn(server.url, 'teacher@demo.school');
  await page.goto(`${server.url}/accounts/apply`);
  const typed = {
    'Proposed name or handle': 'Hillside Drama',
    'The aim of the account': 'Show rehearsals & performances <live>.',
    'The intended audience': 'Families',
    'How the account will be promoted': 'Posters',
    'How comments will be watched and answered': 'Daily',
  };
  await page.getByLabel('Platform', { exact: true }).selectOption({ label: 'Facebook' });
  for (const [label, value] of Object.entries(typed)) await page.getByLabel(label).fill(value);
  await page.getByLabel('Department', { exact: true }).fill('Drama');
  await page.getByLabel(/E-mail address of the lead/).fill('nobody@demo.school');
  await page.getByLabel('Closed: only approved followers can see it').check();
  await b.submit('Send the application');
  await summaryLinksToFields(page);
  const lead = page.locator('.field.has-error', { has: page.getByLabel(/E-mail address of the lead/) });
  assert.ok(await lead.locator('.field-error').isVisible(), 'the error is beside the lead field');
  for (const [label, value] of Object.entries(typed)) assert.equal(await page.getByLabel(label).inputValue(), value, label);
  assert.equal(await page.getByLabel(/E-mail address of the lead/).inputValue(), 'nobody@demo.school');
  assert.ok(await page.getByLabel('Closed: only approved followers can see it').isChecked());
  assert.equal(await page.getByLabel('Platform', { exact: true }).inputValue(), 'facebook');
});

test('a report with several problems lists them all, each by its label, and keeps its choice and ticks', async () => {
  const { page } = b;
  await b.signIn(server.url, 'teacher@demo.school');
  await page.goto(`${server.url}/concerns/new`);
  await page.getByLabel(/an adult.s conduct \(low-level/).check();
  await page.getByLabel(/^Summary/).fill('Comments made to a pupil');
  await page.getByLabel(/^When it happened/).fill('2099-06-01T14:00');
  await page.getByLabel(/^If it is about an adult/).fill('nobody@demo.school');
  await page.getByLabel(/About me: I am referring/).check();
  await page.getByLabel('Keep my name confidential').check();
  await page.getByLabel(/Urgent: someone may be/).check();
  await b.submit('Send the report');
  await b.expectHeading('Report a concern');
  const items = await page.locator('.error-summary li').allInnerTexts();
  assert.equal(items.length, 3, `three problems listed: ${items.join(' | ')}`);
  for (const text of items) assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, `no field code in "${text}"`);
  await summaryLinksToFields(page);
  assert.ok(await page.getByLabel(/an adult.s conduct \(low-level/).isChecked(), 'the radio button is kept');
  for (const tick of [/About me: I am referring/, 'Keep my name confidential', /Urgent: someone may be/]) {
    assert.ok(await page.getByLabel(tick).isChecked(), `${tick} is still ticked`);
  }
  assert.equal(await page.getByLabel(/^Summary/).inputValue(), 'Comments made to a pupil');
  // A select is kept too: the application's platform, with two problems listed.
  await page.goto(`${server.url}/accounts/apply`);
  await page.getByLabel('Platform', { exact: true }).selectOption({ label: 'Other' });
  for (const label of ['Proposed name or handle', 'The aim of the account', 'The intended audience',
    'How the account will be promoted', 'How comments will be watched and answered']) await page.getByLabel(label).fill('x');
  await page.getByLabel('Department', { exact: true }).fill('Drama');
  await page.getByLabel(/E-mail address of the lead/).fill('nobody@demo.school');
  await page.getByLabel('Open: anyone can see it').check();
  await b.submit('Send the application');
  assert.equal(await page.locator('.error-summary li').count(), 2);
  await summaryLinksToFields(page);
  assert.equal(await page.getByLabel('Platform', { exact: true }).inputValue(), 'other');
  assert.ok(await page.getByLabel('Open: anyone can see it').isChecked());
});

test('every field on the forms has a label', async () => {
  const { page } = b;
  await b.signIn(server.url, 'admin@demo.school');
  for (const p of ['/concerns/new', '/accounts/apply', '/admin/staff/new', '/admin/policies/1', '/admin/settings', '/training']) {
    await page.goto(server.url + p);
    const unlabelled = await page.locator('main input:not([type=hidden]), main select, main textarea').evaluateAll((els) =>
      els.filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map((e) => e.name || e.id));
    assert.deepEqual(unlabelled, [], `${p}: fields without a label`);
  }
});

test('the keyboard: the skip link comes first and focus is always visible', async () => {
  const { page } = b;
  await b.signIn(server.url, 'teacher@demo.school');
  await page.goto(`${server.url}/concerns/new`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  assert.ok(await skip.evaluate((e) => e === document.activeElement), 'the skip link is the first stop');
  assert.ok((await skip.boundingBox()).y >= 0, 'the skip link shows when focused');
  // Tab through the page: every stop shows an outline.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const style = await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { tag: `${e.tagName} ${e.id || e.getAttribute('href') || ''}`, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    assert.notEqual(style.outline, 'none', `${style.tag} shows focus`);
    assert.ok(style.width >= 2, `${style.tag} focus outline is at least 2 px`);
  }
});
