// A declaration, in a browser: a teacher declares a connection with a
// parent; the headteacher finds it on "My tasks" and acknowledges it; the
// teacher sees who acknowledged it and when; another member of staff never
// sees it.  With JavaScript on and again with it off.
import { test } from 'node:test';
import { openBrowser, startServer, MODES } from './lib.mjs';

const DETAILS = 'Ella in Year 2 is my neighbour\u2019s daughter; her mother and I are friends online.';

for (const mode of MODES) {
  test(`a declaration acknowledged by the headteacher (${mode.label})`, async () => {
    const server = await startServer();
    const b = await openBrowser({ js: mode.js });
    try {
      const { page } = b;
      await b.signIn(server.url, 'teacher@demo.school');
      await b.nav('Declarations');
      await b.expectHeading('Declarations and checks');
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Make a declaration' }) });
      await form.getByLabel('A connection with a parent').check();
      await form.getByLabel('Details').fill(DETAILS);
      await b.submit('Send the declaration', form);
      await b.expectText('Your declaration has been sent to the headteacher to acknowledge.');
      await b.expectText('Not yet acknowledged');
      await b.signOut();

      await b.signIn(server.url, 'head@demo.school');
      await b.follow(/declarations? to acknowledge/);
      await b.expectHeading('Declarations and checks');
      await b.expectText(DETAILS);
      await b.submit('Acknowledge the declaration of Amy Clarke');
      await b.expectText('The declaration is acknowledged.');
      await b.signOut();

      await b.signIn(server.url, 'teacher@demo.school');
      await b.nav('Declarations');
      await b.expectText(/Acknowledged by Helen Ashworth, \d+ \w{3} \d{4}, \d\d:\d\d\./);
      await b.signOut();

      await b.signIn(server.url, 'science@demo.school');
      await b.nav('Declarations');
      await b.expectNoText(DETAILS);
    } finally {
      await b.close();
      await server.stop();
    }
  });
}
