// Every page of the demo school, as the person who uses it: valid HTML, no
// serious axe violation, headings in order, no sideways scrolling on a 375 px
// phone or at 200% zoom, no count's label broken inside a word on a 375 or
// 390 px phone, and the main pages photographed at 1280 and 375 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { openBrowser, startServer, sql } from './lib.mjs';
import { file } from '../http/concern_helpers.mjs';

// person → [path, screenshot name or null]
const PAGES = {
  '': [['/login', 'sign-in'], ['/password/forgot', null]],
  'teacher@demo.school': [['/', 'home'], ['/aup', null], ['/aup/1', 'aup-sign'], ['/aup/history', null],
    ['/concerns/new', 'concern-new'], ['/concerns/mine', null], ['/accounts', null], ['/accounts/apply', null],
    ['/accounts/applications', null], ['/training', null], ['/filtering', null],
    ['/conduct', null], ['/permissions', null], ['/account/photos', null], ['/account/sessions', null],
    ['/faults', null], ['/faults/3', null]],
  'network@demo.school': [['/filtering', null], ['/faults', null], ['/faults/3', null]],
  'science@demo.school': [['/aup/1/record', 'aup-record'], ['/accounts/1', null], ['/accounts/1/posts/new', null],
    ['/accounts/1/posts/1', null], ['/accounts/do-not-publish', null]],
  'deputy@demo.school': [['/accounts/1/posts/1', 'account-post-signoff']],
  'dsl@demo.school': [['/accounts/do-not-publish', null]],
  'head@demo.school': [['/', 'home-headteacher'], ['/concerns', 'concern-queue'], ['/concerns/1', 'concern-case'],
    ['/aup/compliance', 'compliance'], ['/concerns/stats', 'statistics'], ['/audit', null], ['/training', null], ['/conduct', null],
    ['/breaches', null], ['/sar', null], ['/admin/retention', null]],
  'moderator@demo.school': [['/accounts', 'accounts-register'], ['/accounts/1', 'account'],
    ['/accounts/applications', null], ['/accounts/applications/1', 'account-application'], ['/accounts/new', null],
    ['/concerns', null]],
  'bursar@demo.school': [['/accounts/applications', null], ['/permissions', null]],
  'governor@demo.school': [['/aup/compliance', null], ['/concerns/stats', null]],
  'admin@demo.school': [['/admin/staff', 'admin-staff'], ['/admin/staff/1', null], ['/admin/staff/new', null],
    ['/admin/settings', null], ['/admin/policies', null], ['/admin/policies/1', null], ['/admin/routing', null],
    ['/admin/courses', null], ['/admin/import', null], ['/admin/two-factor', null], ['/admin/sessions', null], ['/admin/mail', null],
    ['/admin/sign-in', null], ['/admin/retention', null]],
};

const PHONE = { width: 375, height: 812 };
const PHONE_390 = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const ZOOM_200 = { width: 640, height: 450 }; // a 1280 × 900 window at 200% zoom

let server, b;
// What is kept after it leaves the list or the account, so that its tables are checked too.
const KEPT = `INSERT INTO do_not_publish(pupil_name, class_name, note, added_by, added_at, removed_by, removed_at)
  VALUES ('Rowan Ellis', 'Year 4', 'Parents asked', 1, '2025-09-01T09:00:00Z', 1, '2026-06-30T23:30:00Z');
INSERT INTO do_not_film(person_name, note, added_by, added_at, removed_by, removed_at)
  VALUES ('Alex Visitor', 'Visiting speaker', 1, '2025-09-01T09:00:00Z', 1, '2026-06-30T23:30:00Z');
INSERT INTO account_contributors(account_id, name, relation, added_by, added_at, removed_at, removed_by)
  VALUES (1, 'Sam Former', 'Volunteer', 1, '2025-09-01T09:00:00Z', '2026-06-30T23:30:00Z', 1);
INSERT INTO contributor_paper(contributor_id, version_id, paper_date, recorded_by, recorded_at)
  VALUES (last_insert_rowid(), (SELECT min(id) FROM policy_versions), '2025-09-01', 1, '2025-09-01T09:00:00Z');
INSERT INTO contributor_training(contributor_id, completed_on, recorded_by, recorded_at)
  SELECT max(id), '2025-09-02', 1, '2025-09-02T09:00:00Z' FROM account_contributors;`;

before(async () => {
  server = await startServer();
  sql(server.db, KEPT);
  // A breach and a subject access request, so that their lists have rows to check.
  await file(await server.login('teacher@demo.school'), { category: 'data_breach', summary: 'A class list sent to the wrong parent' });
  const dpo = await server.login('dpo@demo.school');
  const asked = await dpo.post('/sar', { email: 'teacher@demo.school', received_on: new Date().toISOString().slice(0, 10) });
  assert.equal(asked.status, 201, asked.text);
  b = await openBrowser({ js: true });
});
after(async () => {
  await b?.close();
  await server?.stop();
});

// Each word of a count's label ("Acknowledged") on one line: a word broken
// across two ("Acknowledge / d") is not read as one.
async function noLabelSplitsAWord(page, size, where) {
  await page.setViewportSize(size);
  const split = await page.evaluate(() => {
    const words = [];
    for (const label of document.querySelectorAll('.stat-label')) {
      const walk = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let t = walk.nextNode(); t; t = walk.nextNode()) {
        for (const m of t.data.matchAll(/\S+/g)) {
          const r = document.createRange();
          r.setStart(t, m.index);
          r.setEnd(t, m.index + m[0].length);
          if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1) words.push(m[0]);
        }
      }
    }
    return words;
  });
  assert.deepEqual(split, [], `${where} at ${size.width} px: a label breaks inside ${split.join(', ')}`);
}

async function noSidewaysScroll(page, size, where) {
  await page.setViewportSize(size);
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  assert.ok(scroll <= width, `${where} at ${size.width} px: the page is ${scroll} px wide`);
}

for (const [person, pages] of Object.entries(PAGES)) {
  test(`pages of ${person || 'a visitor'}`, async () => {
    const { page } = b;
    await b.context.clearCookies(); // a fresh start even if the last person's test failed
    await page.setViewportSize(DESKTOP);
    if (person) await b.signIn(server.url, person);
    for (const [p, shot] of pages) {
      await b.navigates(() => page.goto(server.url + p));
      assert.equal(b.lastDocument.status, 200, `${p} as ${person}`);
      assert.equal(new URL(page.url()).pathname, p, `${p} was not redirected`);
      if (shot) await shoot(shot);
      await noSidewaysScroll(page, PHONE, p);
      await noLabelSplitsAWord(page, PHONE, p);
      await noLabelSplitsAWord(page, PHONE_390, p);
      await noSidewaysScroll(page, ZOOM_200, p);
      await page.setViewportSize(DESKTOP);
    }
    if (person) await b.signOut();
  });
}

async function shoot(name) {
  for (const size of [DESKTOP, PHONE]) {
    await b.page.setViewportSize(size);
    const file = await b.screenshot(name);
    assert.ok(statSync(file).size < 300 * 1024, `${file} is under 300 KB`);
  }
  await b.page.setViewportSize(DESKTOP);
}
