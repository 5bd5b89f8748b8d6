// The account page's forms sent without JavaScript and refused: the "add a
// contributor" form has field names of its own (the details form has a
// "name" too), so each message shows once, beside its field; the
// contributor form and the yearly review come back with everything typed,
// ticked and chosen, and the other forms of the page do not take it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { count } from './account_lib.mjs';

let s, mod, version, accountName;
before(async () => {
  s = await startServer();
  mod = await s.login('moderator@demo.school');
  const page = await mod.get('/accounts/1');
  assert.equal(page.status, 200, page.text);
  version = page.body.paper_versions[0].version_id;
  accountName = page.body.account.name;
});
after(() => s.stop());

const isoDay = (days) => new Date(Date.now() + days * 86400e3).toISOString().slice(0, 10);

// The opening tag of the element with this id (a textarea with its text).
function tag(html, id) {
  const m = html.match(new RegExp(`<(input|select|textarea)[^>]*\\bid="${id}"[^>]*>`));
  assert.ok(m, `the page has #${id}`);
  if (m[1] !== 'textarea') return m[0];
  const at = html.indexOf(m[0]);
  return html.slice(at, html.indexOf('</textarea>', at));
}
const fieldErrors = (html) => [...html.matchAll(/<p class="field-error" id="([^"]+)">/g)].map((m) => m[1]);
const form = (fields) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};
const sendHtml = (path, fields) => mod.request('POST', path, { json: false, multipart: form(fields) });

test('the contributor form names its own fields; the details form keeps "name"', async () => {
  const html = (await mod.page('/accounts/1')).text;
  assert.match(tag(html, 'f-contributor_name'), /name="contributor_name"/);
  assert.match(tag(html, 'f-name'), /name="name"/, 'the details form');
  assert.equal((html.match(/ name="name"/g) || []).length, 1, 'one field is called name');
});

test('a refused contributor keeps what was typed and shows one message, beside its field', async () => {
  const before = { rows: count(s.db, 'account_contributors'), audit: count(s.db, 'audit') };
  const typed = {
    contributor_name: 'Priya Shah', relation: 'Parent (PTA)',
    paper_version_id: String(version), paper_date: isoDay(3),
  };
  let r = await sendHtml('/accounts/1/contributors', typed);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldErrors(r.text), ['e-paper_date']);
  assert.match(r.text, /id="e-paper_date">The date on the paper cannot be in the future/);
  assert.match(tag(r.text, 'f-contributor_name'), /value="Priya Shah"/);
  assert.match(tag(r.text, 'f-relation'), /value="Parent \(PTA\)"/);
  assert.match(tag(r.text, 'f-paper_date'), new RegExp(`value="${typed.paper_date}"`));
  assert.match(r.text, new RegExp(`<option value="${version}" selected>`), 'the version chosen');
  assert.match(tag(r.text, 'f-name'), new RegExp(`value="${accountName}"`),
    "the details form keeps the account's name");

  // No name: the message is beside the contributor's name, not the account's.
  r = await sendHtml('/accounts/1/contributors', { ...typed, contributor_name: '', paper_date: isoDay(-2) });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldErrors(r.text), ['e-contributor_name']);
  assert.match(r.text, /<a href="#f-contributor_name">Give the contributor&#39;s name/);
  assert.match(tag(r.text, 'f-contributor_name'), /aria-describedby="h-paper e-contributor_name"/);
  assert.doesNotMatch(tag(r.text, 'f-name'), /aria-describedby/);
  assert.match(tag(r.text, 'f-relation'), /value="Parent \(PTA\)"/);

  // A member of staff who is not on the list: the e-mail typed comes back.
  r = await sendHtml('/accounts/1/contributors', { email: 'nobody@demo.school' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldErrors(r.text), ['e-email']);
  assert.match(tag(r.text, 'f-email'), /value="nobody@demo.school"/);
  assert.deepEqual({ rows: count(s.db, 'account_contributors'), audit: count(s.db, 'audit') }, before,
    'nothing was written');
});

test('the API takes the documented name or the form\'s contributor_name, not both', async () => {
  const paper = { relation: 'Volunteer', paper_version_id: String(version), paper_date: isoDay(-1),
    training_on: isoDay(-1) };
  let r = await mod.post('/accounts/1/contributors', { ...paper, name: 'Sam Ode', contributor_name: 'Sam Ode' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'contributor_name');
  r = await mod.post('/accounts/1/contributors', { ...paper, relation: '' });
  assert.equal(r.body.field, 'name', 'a client that sends neither hears of "name"');
  r = await mod.post('/accounts/1/contributors', { ...paper, name: 'Sam Ode' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.contributor.name, 'Sam Ode');
  r = await mod.post('/accounts/1/contributors', { ...paper, contributor_name: 'Ann Lee' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.contributor.name, 'Ann Lee');
  const names = (await mod.get('/accounts/1')).body.contributors.map((c) => c.name);
  assert.ok(names.includes('Sam Ode') && names.includes('Ann Lee'), names.join());
});

test('a refused yearly review keeps every answer, note and tick in its own form only', async () => {
  const reviews = count(s.db, 'account_reviews'), audit = count(s.db, 'audit');
  const r = await sendHtml('/accounts/1/review', {
    lead_ok: 'yes', contributors_ok: 'no', purpose_ok: 'yes', monitoring_ok: 'no',
    notes: 'The PTA page moves to the PTA\'s own account.', outcome: 'close',
    password_changed: 'yes', recovery_changed: 'yes',
  });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldErrors(r.text), ['e-two_factor_moved', 'e-content_archived'],
    'a message for each box left unticked, in the review');
  const review = r.text.slice(r.text.indexOf('id="h-review"'), r.text.indexOf('Record the review'));
  assert.match(review, /id="e-two_factor_moved">Confirm that two-factor sign-in has been moved/);
  // The review's boxes take the ids the summary links to, each described by its message.
  assert.match(tag(r.text, 'f-two_factor_moved'), /name="two_factor_moved"[^>]*aria-describedby="e-two_factor_moved"/);
  for (const id of ['f-r-lead_ok-yes', 'f-r-contributors_ok-no', 'f-r-purpose_ok-yes',
    'f-r-monitoring_ok-no', 'f-r-close', 'f-password_changed', 'f-recovery_changed']) {
    assert.match(tag(r.text, id), / checked/, `${id} is ticked again`);
  }
  for (const id of ['f-r-lead_ok-no', 'f-r-continue', 'f-two_factor_moved', 'f-content_archived']) {
    assert.doesNotMatch(tag(r.text, id), / checked/, `${id} is not`);
  }
  assert.match(tag(r.text, 'f-notes'), /The PTA page moves to the PTA&#39;s own account\./);
  // The close form and the check's notes have the same names: they stay empty.
  for (const id of ['c-password_changed', 'c-recovery_changed']) {
    assert.doesNotMatch(tag(r.text, id), / checked/, `${id} (close form) is not ticked`);
  }
  assert.doesNotMatch(tag(r.text, 'f-check-notes'), /PTA/);
  assert.equal(count(s.db, 'account_reviews'), reviews);
  assert.equal(count(s.db, 'audit'), audit);
  assert.equal(sql(s.db, 'SELECT status FROM social_accounts WHERE id = 1'), 'active');
});

test('a refused close keeps its ticks in the close form, not the review', async () => {
  const r = await sendHtml('/accounts/1/close', { reason: 'Merged into the school page.', password_changed: 'yes' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fieldErrors(r.text),
    ['e-recovery_changed', 'e-two_factor_moved', 'e-content_archived']);
  assert.match(tag(r.text, 'f-password_changed'), / checked/);
  assert.match(tag(r.text, 'f-recovery_changed'), /aria-describedby="e-recovery_changed"/);
  assert.doesNotMatch(tag(r.text, 'r-password_changed'), / checked/);
  assert.match(tag(r.text, 'f-reason'), /Merged into the school page\./);
  assert.match(tag(r.text, 'f-r-notes'), /<textarea[^>]*>(&#10;)?$/, 'the review notes stay empty');
});

test('a details form opened before another moderator suspended the account is refused, not saved over it', async () => {
  const other = await s.login('moderator@demo.school');
  const id = sql(s.db, "SELECT id FROM social_accounts WHERE status = 'active' ORDER BY id DESC LIMIT 1");
  const detailsVersion = (html) => html.match(/name="version" value="([0-9a-f]{16})"/)[1];
  const stale = detailsVersion((await other.page(`/accounts/${id}`)).text);
  const name = sql(s.db, `SELECT name FROM social_accounts WHERE id = ${id}`);
  const r1 = await mod.post(`/accounts/${id}`, { name, url: '', status: 'suspended',
    version: detailsVersion((await mod.page(`/accounts/${id}`)).text) });
  assert.equal(r1.status, 200, r1.text);
  // The page opened before still shows "active": saving a new address from it would lift the suspension.
  const r2 = await other.request('POST', `/accounts/${id}`,
    { form: { name, url: 'https://example.org/new', status: 'active', version: stale }, json: false });
  assert.equal(r2.status, 409);
  assert.match(r2.text, /details were changed by someone else since you opened them: reload the page and make your change again\./);
  assert.equal(sql(s.db, `SELECT status || '|' || url FROM social_accounts WHERE id = ${id}`), 'suspended|');
  // Reloaded, the change is made; a JSON client without a version saves as before.
  const fresh = detailsVersion((await other.page(`/accounts/${id}`)).text);
  assert.equal((await other.post(`/accounts/${id}`, { name, url: 'https://example.org/new', status: 'suspended', version: fresh })).status, 200);
  assert.equal((await other.post(`/accounts/${id}`, { name, url: '', status: 'active' })).status, 200);
  assert.equal(sql(s.db, `SELECT status FROM social_accounts WHERE id = ${id}`), 'active');
});

test('the details form names each status in words, not by its code', async () => {
  const html = (await mod.page('/accounts/1')).text;
  const select = html.match(/<select id="f-status" name="status">[^]*?<\/select>/)[0];
  assert.match(select, /<option value="active">Active<\/option>/);
  assert.match(select, /<option value="suspended">Suspended<\/option>/);
  assert.doesNotMatch(select, />(active|suspended)</);
});
