// Print styles: the signed-agreement record, the compliance list and a case
// file print as records, without navigation, buttons or forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer } from './lib.mjs';

let server, b;
before(async () => {
  server = await startServer();
  b = await openBrowser({ js: true });
});
after(async () => {
  await b?.close();
  await server?.stop();
});

async function printed(person, path) {
  await b.context.clearCookies();
  await b.signIn(server.url, person);
  await b.navigates(() => b.page.goto(server.url + path));
  await b.page.emulateMedia({ media: 'print' });
  const shown = (sel) => b.page.locator(sel).first().isVisible();
  assert.equal(await shown('nav.main-nav'), false, `${path}: no navigation on paper`);
  assert.equal(await shown('form.signout'), false, `${path}: no sign-out button on paper`);
  assert.equal(await b.page.locator('main form').evaluateAll((fs) => fs.filter((f) => f.offsetParent !== null).length), 0,
    `${path}: no form on paper`);
  const pdf = await b.page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  return shown;
}

test('the signed-agreement record prints as a record', async () => {
  const shown = await printed('science@demo.school', '/aup/1/record');
  assert.ok(await shown('.signature-record'));
  assert.match(await b.page.locator('.signature-record').innerText(), /SHA-256 of the text signed/);
  assert.equal(await shown('main p.no-print'), false, 'the links under the record are left off');
  await b.page.emulateMedia({ media: 'screen' });
});

test('the compliance list prints with every name outstanding', async () => {
  const shown = await printed('head@demo.school', '/aup/compliance');
  assert.ok(await shown('table.data'));
  const names = b.page.getByRole('table', { name: /Still to sign/ }).first();
  assert.ok(await names.isVisible());
  assert.match(await names.innerText(), /volunteer@demo\.school/);
  // the table is not cut off by its scrolling box on paper
  assert.equal(await b.page.locator('.table-scroll').first().evaluate((e) => getComputedStyle(e).overflowX), 'visible');
  await b.page.emulateMedia({ media: 'screen' });
});

test('a case file prints with the chronology and a confidentiality line, not the action forms', async () => {
  const shown = await printed('head@demo.school', '/concerns/1');
  assert.ok(await shown('.print-warning'), 'the confidentiality line is printed');
  assert.ok(await shown('ol.timeline'), 'the chronology is printed');
  assert.equal(await b.page.getByRole('heading', { name: 'Add to the chronology' }).isVisible(), false);
  await b.page.emulateMedia({ media: 'screen' });
  assert.equal(await shown('.print-warning'), false, 'the line is for paper only');
});
