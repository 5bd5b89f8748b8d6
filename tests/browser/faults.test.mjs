// A fault reported and dealt with as people do it, with no script: found in
// the navigation, the form filled by its labels, the report's page, the
// network manager's list and their decision, and the reporter reading it.
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

test('a volunteer reports a fault; the network manager marks it fixed; the volunteer reads what was done', async () => {
  const { page } = b;
  await b.signIn(server.url, 'volunteer@demo.school');
  await b.nav('Report a fault');
  await b.expectHeading('Report a fault');
  await b.expectText('however it happened');
  await page.getByLabel('Equipment or software').fill('Library printer');
  await page.getByLabel(/^Room or place/).fill('Library');
  await page.getByLabel('What is wrong').fill('Paper jams on every page.');
  await page.getByLabel(/Yes: I cannot do my work/).check();
  await b.submit('Report the fault');
  await b.expectHeading(/^Fault FT-\d{5}: Library printer$/);
  assert.match(await b.flash(), /sent to the network manager/);
  await b.expectText('How it happened\nNot known');
  const url = page.url();

  await b.signIn(server.url, 'network@demo.school');
  await b.follow(/faults? reported to deal with/);
  await b.expectHeading('Report a fault');
  const first = page.locator('section', { has: page.getByRole('heading', { name: 'Faults to deal with' }) })
    .locator('tbody tr').first();
  assert.match(await first.innerText(), /Library printer/, 'stopping someone working: at the top');
  await b.follow(/^FT-\d{5}$/, first);
  await page.getByLabel('Fixed').check();
  await page.getByLabel('Note').fill('Roller cleaned.');
  await b.submit('Record what was done');
  await b.expectText('Roller cleaned.');

  await b.signIn(server.url, 'volunteer@demo.school');
  await page.goto(url);
  await b.check();
  await b.expectText(/Fixed by Raj Singh, \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/);
  assert.equal(await page.getByRole('button', { name: 'Record what was done' }).count(), 0);
});
