// Searches that name people are kept out of URLs (ASVS 5.0 14.2.1): the
// forms post to PATH/search, which keeps the terms and sends the browser to
// PATH?search=ID; only the person who searched can open that page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, PASSWORD } from './lib.mjs';

const PASSWORD2 = 'violet harbour lantern';

const FORMS = [
  // [list page, who, form field, a term, what the results must hold]
  ['/admin/staff', 'admin', 'q', 'science@demo.school', (b) => b.staff.map((p) => p.email)],
  ['/training', 'head', 'q', 'teacher@demo.school', (b) => [...new Set(b.training.map((t) => t.email))]],
  ['/audit', 'head', 'actor', 'teacher@demo.school', (b) => [...new Set(b.audit.map((a) => a.actor))]],
];

test('each search form posts, and its result page names only a number', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const made = await (await s.login('admin@demo.school')).post('/admin/staff',
    { email: 'admin2@demo.school', name: 'Second Admin', role: 'admin', password: PASSWORD2 });
  assert.equal(made.status, 201, made.text);
  const teacher = await s.login('teacher@demo.school');
  await teacher.get('/'); // an audit row by the teacher for the audit search to find
  sql(s.db, "INSERT INTO training(user_id, course, completed_on, recorded_by, recorded_at) SELECT id, 'safeguarding', '2026-09-01', id, '2026-09-01T10:00:00Z' FROM users WHERE email = 'teacher@demo.school'");
  for (const [path, who, field, term, found] of FORMS) {
    const c = await s.login(`${who}@demo.school`);
    const page = await c.page(path);
    const form = page.text.match(new RegExp(`<form[^>]*action="${path}/search"[^>]*>[\\s\\S]*?</form>`))?.[0];
    assert.ok(form, `${path} has a search form posting to ${path}/search`);
    assert.match(form, /method="post"/);
    assert.match(form, /name="csrf"/);
    assert.match(form, new RegExp(`name="${field}"`));
    assert.doesNotMatch(page.text, new RegExp(`method="get"[^>]*action="${path}"`));

    // A browser: 303 to a URL without the term, which shows the results.
    const sent = await c.request('POST', `${path}/search`, { form: { [field]: term }, json: false });
    assert.equal(sent.status, 303, `${path}: ${sent.text}`);
    const where = sent.headers.get('location');
    assert.match(where, new RegExp(`^${path}\\?search=\\d+$`));
    assert.ok(!where.includes(term.split('@')[0]), 'the term is not in the URL');
    const shown = await c.page(where);
    assert.equal(shown.status, 200);
    assert.match(shown.text, new RegExp(`name="${field}"[^>]*value="${term.replace('.', '\\.')}"`), 'the form shows the term');
    // JSON: the search's number and where its results are.
    const j = await c.post(`${path}/search`, { [field]: term });
    assert.equal(j.status, 200);
    assert.equal(j.body.location, where, 'the same terms are kept once');
    const results = await c.get(j.body.location);
    assert.deepEqual(found(results.body), [term], `${path} finds only ${term}`);
    // The same page without a search lists more than that.
    assert.ok(found((await c.get(path)).body).length > 1, `${path} unsearched lists others too`);

    // Refusals: no CSRF, someone else's search, an unknown one, the term in the query.
    assert.equal((await c.post(`${path}/search`, { [field]: 'other@demo.school' }, { csrf: false })).status, 403);
    const other = await s.login(`${who}@demo.school`);
    assert.equal((await other.get(where)).status, 200, 'a second session of the same person opens it');
    // Another person who may search the same list: the administrator's
    // search is another administrator's 404.
    const another = who === 'admin' ? await s.login('admin2@demo.school', PASSWORD2)
      : await s.login('admin@demo.school', PASSWORD);
    assert.equal((await another.get(where)).status, 404, `${path}: another person's search is 404`);
    assert.equal((await c.get(`${path}?search=999999`)).status, 404);
    assert.equal((await c.get(`${path}?${field}=${encodeURIComponent(term)}`)).status, 400,
      'the term in the URL is refused, not used');
    // An empty search shows the whole list again.
    const cleared = await c.post(`${path}/search`, {});
    assert.equal(cleared.body.location, path);
  }
  assert.equal(sql(s.db, "SELECT count(*) FROM searches WHERE term LIKE '%other@demo%'"), '0', 'refused searches keep nothing');
});

test('paging a search keeps the search and not the term', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const values = [];
  for (let i = 0; i < 120; i++)
    values.push(`('pager${String(i).padStart(3, '0')}@demo.school', 'Pager Person ${i}', 'Pagers', 'teacher', 1, '2026-01-01T00:00:00Z')`);
  sql(s.db, `INSERT INTO users(email, name, department, staff_type, active, created_at) VALUES ${values.join(',')}`);
  const admin = await s.login('admin@demo.school');
  const first = await admin.search('/admin/staff', { q: 'Pagers' }, { json: false });
  const next = first.text.match(/<a href="(\/admin\/staff\?search=\d+&amp;page=2)">Next page<\/a>/);
  assert.ok(next, 'the next-page link carries the search number');
  assert.doesNotMatch(first.text, /href="[^"]*Pagers/);
  const two = await admin.get(next[1].replace('&amp;', '&'));
  assert.equal(two.status, 200);
  assert.equal(two.body.staff.length, 20);
  assert.ok(two.body.staff.every((p) => p.department === 'Pagers'));
});

test('the audit log keeps every filter in its search and pages with it', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const head = await s.login('head@demo.school');
  for (let i = 0; i < 105; i++) await s.login('teacher@demo.school');
  const r = await head.search('/audit', { actor: 'teacher@demo.school', action: 'login' }, { json: false });
  assert.equal(r.status, 200);
  const older = r.text.match(/<a href="(\/audit\?before=\d+&amp;search=\d+)">Older entries<\/a>/);
  assert.ok(older, 'the older-entries link carries the search, not the person');
  const more = await head.get(older[1].replace('&amp;', '&'));
  assert.ok(more.body.audit.length >= 5);
  assert.ok(more.body.audit.every((a) => a.actor === 'teacher@demo.school' && a.action === 'login'));
  assert.equal((await head.post('/audit/search', { from: 'yesterday' })).status, 400);
});
