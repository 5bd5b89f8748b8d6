// A post signed off before it goes out, in a browser (ravens-wood §9, §10):
// the lead of the Year 3 class blog submits a post with a photo of pupils
// and ticks the confirmations; a senior leader finds it on "My tasks", sees
// the photo and the confirmations and approves it; the author sees
// "Approved".  With JavaScript on and again with it off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, MODES } from './lib.mjs';

// A 1x1 PNG: the photo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const TEXT = 'Year 3 planted the new herb garden today. Thank you to the families who sent seeds!';

for (const mode of MODES) {
  test(`a post with a pupil's photo signed off by a senior leader (${mode.label})`, async () => {
    const server = await startServer();
    const b = await openBrowser({ js: mode.js });
    try {
      const { page } = b;
      await b.signIn(server.url, 'ta@demo.school');
      await b.nav('Social accounts');
      await b.follow('Year 3 class blog');
      await b.follow('Submit a post for sign-off');
      await b.expectHeading('Submit a post for sign-off');
      await page.getByLabel('A post to publish').check();
      await page.getByLabel('The text').fill(TEXT);
      await page.getByLabel('Where it will go out').fill('The class blog\u2019s front page');
      await page.getByLabel(/^A picture/).setInputFiles({ name: 'herbs.png', mimeType: 'image/png', buffer: PNG });
      // Without the confirmations the form comes back, naming each one.
      await b.submit('Send for sign-off');
      await b.expectText('Say whether any pupil is in the picture.');
      await b.expectText('Confirm that you are uploading this from a school device');
      await b.expectText("Say whether the post shares someone else's material.");
      await b.expectText('Say how the post makes clear who is posting it');
      await page.getByLabel(/^A picture/).setInputFiles({ name: 'herbs.png', mimeType: 'image/png', buffer: PNG });
      await page.getByLabel('How the post says who is posting it').fill('Mrs Khan, Year 3 teaching assistant');
      await page.getByLabel("No: it is all the school's own").check();
      await page.getByRole('group', { name: /is any pupil in the picture/ }).getByRole('radio', { name: 'Yes' }).check();
      await page.getByLabel(/Nobody in the picture is on the do-not-publish list/).check();
      await page.getByLabel("No pupil's name is next to the photo").check();
      await page.getByLabel('I am uploading this from a school device').check();
      await b.submit('Send for sign-off');
      await b.expectText('Sent to the senior leaders for sign-off.');
      await b.expectText('Waiting for sign-off');
      await b.expectText(TEXT);
      await b.signOut();

      await b.signIn(server.url, 'deputy@demo.school');
      await b.follow("A post for the account 'Year 3 class blog' waits for your sign-off.");
      await b.expectHeading('A post for Year 3 class blog');
      await b.expectText(TEXT);
      await b.expectText('Nobody in the picture is on the do-not-publish list (no pupil on it, and no adult who has asked not to be filmed or photographed): confirmed');
      await b.expectText('Uploaded from a school device: confirmed');
      const src = await page.locator('img.post-image').getAttribute('src');
      const img = await b.context.request.get(server.url + src);
      assert.equal(img.status(), 200);
      assert.equal(img.headers()['content-type'], 'image/png');
      await page.getByLabel('Approve: it may go out').check();
      await b.submit('Record your answer');
      await b.expectText('Your answer has been recorded and the author told.');
      await b.expectText(/Approved by Samir Patel/);
      await b.signOut();

      await b.signIn(server.url, 'ta@demo.school');
      await b.nav('Social accounts');
      await b.follow('Year 3 class blog');
      await b.expectText('Approved');
      await b.follow(/^A post by Fatima Khan/);
      await b.expectText(/Approved by Samir Patel, \d+ \w{3} \d{4}, \d\d:\d\d/);
      await b.signOut();

      // Someone who does not run the account never sees the photo.
      await b.signIn(server.url, 'teacher@demo.school');
      const hidden = await b.context.request.get(server.url + src);
      assert.equal(hidden.status(), 404);
    } finally {
      await b.close();
      await server.stop();
    }
  });
}
