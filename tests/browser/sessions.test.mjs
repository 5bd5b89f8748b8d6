// Where you are signed in, as a person meets it: reached from Sign-in
// security, the other browser named, ending the others after the password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, PASSWORD } from './lib.mjs';
import { Client } from '../http/lib.mjs';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0';

let server, b;
before(async () => {
  server = await startServer();
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await server?.stop();
});

test('a person sees their other browser and signs it out', async () => {
  const { page } = b;
  await b.signIn(server.url, 'teacher@demo.school');
  const other = new Client(server.url);
  const r = await other.request('POST', '/login', { form: { email: 'teacher@demo.school', password: PASSWORD },
    csrf: false, headers: { 'User-Agent': FIREFOX } });
  assert.equal(r.status, 200);

  await b.nav('Sign-in security');
  await b.follow('Where you are signed in');
  await b.expectHeading('Where you are signed in');
  await b.expectText('Firefox on Windows');
  await b.expectText('(this one)');

  const form = page.locator('form', { has: page.getByRole('heading', { name: 'End every other session' }) });
  await form.getByLabel('Your password').fill('not my password');
  await b.submit('End all other sessions', form);
  await b.expectText('That password is not right.');
  assert.equal((await other.get('/account/sessions')).status, 200, 'nothing ended');

  await form.getByLabel('Your password').fill(PASSWORD);
  await b.submit('End all other sessions', form);
  assert.match(await b.flash(), /Your other sessions have ended/);
  await b.expectNoText('Firefox on Windows');
  assert.equal((await other.get('/account/sessions')).status, 401);
});
