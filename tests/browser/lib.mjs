// Browser harness: Debian's chromium driven by playwright-core against the
// real `staffroom serve` (started by tests/http/lib.mjs on a free loopback
// port with a fresh demo database).  Every page a test lands on can be put
// through check(): tidy on the HTML the server sent, axe-core on the page the
// browser built, and our own heading-order test.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export { startServer, PASSWORD, ROOT, sql } from '../http/lib.mjs';
import { PASSWORD, ROOT } from '../http/lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = path.join(HERE, 'node_modules/axe-core/axe.min.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Where screenshots go: build/screenshots by default, so that `make test`
// leaves the committed ones alone; `make screenshots` points this at
// docs/screenshots.
export const SHOTS = path.resolve(ROOT, process.env.STAFFROOM_SCREENSHOTS || 'build/screenshots');

// tidy 5.6 predates these HTML5 attributes and calls them "proprietary";
// each is valid HTML (WHATWG) and each is used on purpose.  Any other tidy
// warning fails the test.
const TIDY_ALLOWED = [
  /proprietary attribute "aria-current"/, // marks the current page in the navigation
  /<div> proprietary attribute "autofocus"/, // a refused form's error summary takes the focus
  /proprietary attribute "inputmode"/, // the URL field on the concern form
  /proprietary attribute "loading"/, // evidence pictures load lazily
  /proprietary attribute "minlength"/, // a new password's shortest length, checked as typed
  /proprietary attribute "referrerpolicy"/, // evidence pictures send no referrer
];

// A browser of its own (a fresh profile directory) for one test.
// js: false turns JavaScript off for every page in it.
export async function openBrowser({ js = true, width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'staffroom-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: js,
    // The product's CSP (script-src 'self') rightly blocks the axe script
    // the test injects; the test's own browser lets it in.
    bypassCSP: true,
    viewport: { width, height },
    locale: 'en-GB',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(15000);
  return new Browser(context, page, profile, js);
}

export class Browser {
  constructor(context, page, profile, js) {
    Object.assign(this, { context, page, profile, js, checked: [], lastDocument: null });
    // Keep the HTML of the latest page the server sent (redirects carry none).
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'document' || r.request().frame() !== page.mainFrame()) return;
      if (r.status() >= 300 && r.status() < 400) return;
      this.lastDocument = { url: r.url(), status: r.status(), text: r.text() };
    });
  }

  async close() {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }

  // Signs in from the sign-in page, as a person does.
  async signIn(base, email) {
    await this.context.clearCookies(); // whoever used this browser before is gone
    await this.page.goto(`${base}/`);
    await this.expectHeading('Sign in');
    await this.check();
    await this.page.getByLabel('E-mail address').fill(email);
    await this.page.getByLabel('Password').fill(PASSWORD);
    await this.submit('Sign in');
    await this.expectHeading('My tasks');
  }

  async signOut() {
    await this.submit('Sign out');
    await this.expectHeading('Sign in');
    await this.expectText('You have signed out.');
  }

  // Follows a link by its visible name (in the main content unless scope is given).
  async follow(name, scope = this.page.locator('main')) {
    await this.navigates(() => scope.getByRole('link', { name, exact: true }).first().click());
  }

  // Does what leads to a new page, waits until that page has loaded (not
  // just until the old one is still there), then checks it.
  async navigates(action) {
    const page = this.page;
    const arrived = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
    arrived.catch(() => {}); // when the action itself fails, its error is the one to report
    await action();
    await arrived;
    await page.waitForLoadState('load');
    await this.check();
  }

  async nav(name) {
    await this.follow(name, this.page.getByRole('navigation', { name: 'Main' }));
  }

  // Presses a button by its visible name (optionally inside a form or section).
  async submit(name, scope = this.page) {
    await this.navigates(() => scope.getByRole('button', { name, exact: true }).click());
  }

  async expectHeading(text) {
    const h1 = this.page.locator('h1');
    await h1.waitFor();
    const got = (await h1.innerText()).trim();
    if (text instanceof RegExp) assert.match(got, text);
    else assert.equal(got, text);
  }

  async expectText(text, scope = this.page.locator('main')) {
    const seen = await scope.innerText();
    if (text instanceof RegExp) assert.match(seen, text);
    else assert.ok(seen.includes(text), `expected to see "${text}" on ${this.page.url()}, saw:\n${seen}`);
  }

  async expectNoText(text, scope = this.page.locator('main')) {
    const seen = await scope.innerText();
    assert.ok(!seen.includes(text), `did not expect "${text}" on ${this.page.url()}`);
  }

  async flash() {
    const f = this.page.locator('.flash');
    return (await f.count()) ? (await f.first().innerText()).trim() : '';
  }

  // Every check a page must pass; the tests call it on every page they land on.
  async check() {
    const doc = this.lastDocument;
    assert.ok(doc, `no page was loaded (${this.page.url()})`);
    const where = new URL(doc.url).pathname;
    tidy(await doc.text, where);
    await headingsInOrder(this.page, where);
    if (this.js) await axe(this.page, where);
    this.checked.push(where);
  }

  // A screenshot of what is on screen (not the whole page: small files).
  async screenshot(name) {
    mkdirSync(SHOTS, { recursive: true });
    const w = this.page.viewportSize().width;
    const file = path.join(SHOTS, `${name}-${w}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    return file;
  }
}

// HTML validation with Debian's tidy: exit 2 is an error; warnings fail too,
// except the ones listed in TIDY_ALLOWED.
export function tidy(html, where) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-tidy-'));
  const file = path.join(dir, 'page.html');
  writeFileSync(file, html);
  const r = spawnSync('tidy', ['-q', '-e', '--show-warnings', 'yes', '-utf8', file], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.ok(r.status !== null && r.status <= 2, `tidy did not run: ${r.error || r.stderr}`);
  const problems = r.stderr.split('\n').filter((l) => l.trim() && !TIDY_ALLOWED.some((re) => re.test(l)));
  assert.deepEqual(problems, [], `tidy on ${where}:\n${problems.join('\n')}`);
}

// axe-core in the page: no violation of impact serious or critical.
async function axe(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
    `axe on ${where}`);
}

// One h1, and no heading skips a level on the way down (h2 → h4).
async function headingsInOrder(page, where) {
  // The error summary's "There is a problem" (h2) sits above the page's h1,
  // as in the GOV.UK pattern it follows; it is left out of the order.
  const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) =>
    hs.filter((h) => !h.closest('.error-summary')).map((h) => Number(h.tagName[1])));
  assert.equal(levels.filter((l) => l === 1).length, 1, `${where}: one h1 (headings ${levels.join(',')})`);
  assert.equal(levels[0], 1, `${where}: the h1 comes first (headings ${levels.join(',')})`);
  for (let i = 1; i < levels.length; i++) {
    assert.ok(levels[i] <= levels[i - 1] + 1, `${where}: heading h${levels[i]} follows h${levels[i - 1]} (headings ${levels.join(',')})`);
  }
}

// Both runs of a journey: JavaScript on, then off.
export const MODES = [{ js: true, label: 'JavaScript on' }, { js: false, label: 'JavaScript off' }];
