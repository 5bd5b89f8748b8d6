// Signing in through the school's provider in a real browser, with
// JavaScript on and off: the sign-in page's button, the provider (a local
// oidc-provider set up like Entra ID, tests/oidc/provider.mjs), back to "My
// tasks"; signing out offers the provider's sign-out; an unknown person gets
// a page that says so.  Every staffroom page passes the harness's checks.
import { test, before, after } from 'node:test';
import { openBrowser, MODES } from './lib.mjs';
import { startProvider } from '../oidc/provider.mjs';
import { startWithProviders } from '../http/oidc_helpers.mjs';

let provider, server;
before(async () => {
  provider = await startProvider({ profile: 'entra', clientId: 'staffroom-entra' });
  server = await startWithProviders([provider]);
});
after(async () => {
  await server?.stop();
  await provider?.close();
});

for (const { js, label } of MODES) {
  test(`single sign-on with Microsoft 365 (${label})`, async () => {
    const b = await openBrowser({ js });
    try {
      await b.page.goto(`${server.url}/login`);
      await b.expectHeading('Sign in');
      await b.check();
      await b.expectText('Or sign in with a password');

      provider.setUser({ preferred_username: 'teacher@demo.school', name: 'Amy Clarke' }, ['pwd']);
      await b.follow('Sign in with Microsoft 365');
      await b.expectHeading('My tasks');

      await b.submit('Sign out');
      await b.expectHeading('Sign in');
      await b.expectText('You have signed out.');
      await b.expectText('sign out of Microsoft 365 too');

      await b.context.clearCookies(); // signed out of the provider too
      provider.setUser({ preferred_username: 'nobody@demo.school' }, ['pwd']);
      await b.follow('Sign in with Microsoft 365');
      await b.expectHeading('There is a problem');
      await b.expectText("No active member of staff has the address nobody@demo.school. Ask the school's staffroom administrator.");

      // The administrator's sign-in settings, reached from the school settings.
      await b.signIn(server.url, 'admin@demo.school');
      await b.page.goto(`${server.url}/admin/settings`);
      await b.check();
      await b.follow('Sign-in settings');
      await b.expectHeading('Sign-in settings');
      await b.expectText('Microsoft 365');
    } finally {
      await b.close();
    }
  });
}
