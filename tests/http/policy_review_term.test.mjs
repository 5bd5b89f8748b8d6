// Review dates as the schools write them (wynstones: "Review Date: Michaelmas
// Term 2019"): a date or a term; the words are shown, the term's first day
// orders and reminds, 30 days before, the administrator and the headteacher.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, visibleText } from './lib.mjs';
import { publish } from './policy_lib.mjs';

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));
const year = new Date().getUTCFullYear() + 1; // every term of next year is after today

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

async function policy(a, title) {
  const p = await a.post('/admin/policies', [['title', title], ['applies_to', 'teacher']]);
  assert.equal(p.status, 201, p.text);
  return p.body.policy.id;
}
const version = { body: '## Rules\n\nBe kind.\n', summary: 'First.', effective: daysFromNow(0) };

test('a term is kept in its words and stands for its first day', async () => {
  const a = await s.login('admin@demo.school');
  const cases = [
    ['Michaelmas Term ' + year, `${year}-09-01`, 'Michaelmas Term ' + year],
    ['autumn term ' + year, `${year}-09-01`, 'Autumn Term ' + year],
    ['Lent Term ' + year, `${year}-01-01`, 'Lent Term ' + year],
    ['Spring Term ' + year, `${year}-01-01`, 'Spring Term ' + year],
    ['Summer Term ' + year, `${year}-04-01`, 'Summer Term ' + year],
    ['Trinity Term ' + year, `${year}-04-01`, 'Trinity Term ' + year],
    [`${year}-07-15`, `${year}-07-15`, null],
    // A date as a UK reader writes it: the day first, or the month in words.
    [`15/7/${year}`, `${year}-07-15`, null],
    [`3 September ${year}`, `${year}-09-03`, null],
    [`3 sep ${year}`, `${year}-09-03`, null],
  ];
  for (const [typed, date, words] of cases) {
    const pid = await policy(a, `Review ${typed}`);
    const preview = await a.post(`/admin/policies/${pid}/versions`, { ...version, review_due: typed });
    assert.equal(preview.status, 200, preview.text);
    const vid = (await publish(a, pid, { ...version, review_due: typed })).body.version.id;
    const v = (await a.get(`/aup/${vid}`)).body.policy;
    assert.equal(v.review_due, date, typed);
    assert.equal(v.review_term, words, typed);
    const admin = (await a.get(`/admin/policies/${pid}`)).body.versions[0];
    assert.equal(admin.review_term, words);
  }
  const t = await s.login('teacher@demo.school');
  const vid = Number(sql(s.db, `SELECT v.id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE p.title = 'Review Michaelmas Term ${year}'`));
  assert.match(visibleText((await t.page(`/aup/${vid}`)).text), new RegExp(`Review due Michaelmas Term ${year}, from 1 Sep ${year}`));
  const head = await s.login('head@demo.school');
  const c = (await head.get('/aup/compliance')).body.policies.find((p) => p.version_id === vid);
  assert.equal(c.review_term, `Michaelmas Term ${year}`);
  const form = await a.page(`/admin/policies/${Number(sql(s.db, `SELECT policy_id FROM policy_versions WHERE id = ${vid}`))}`);
  assert.match(form.text, /<input id="f-review_due" name="review_due" type="text"/);
});

test('the summer term starts on the school\'s date; anything else is refused naming the field', async () => {
  const a = await s.login('admin@demo.school');
  sql(s.db, "UPDATE settings SET value = '04-15' WHERE key = 'summer_term_starts'");
  const pid = await policy(a, 'Summer review policy');
  const vid = (await publish(a, pid, { ...version, review_due: `Trinity Term ${year}` })).body.version.id;
  assert.equal((await a.get(`/aup/${vid}`)).body.policy.review_due, `${year}-04-15`);
  sql(s.db, "UPDATE settings SET value = '04-01' WHERE key = 'summer_term_starts'");
  const versions = Number(sql(s.db, 'SELECT count(*) FROM policy_versions'));
  const other = await policy(a, 'Refused review policy');
  for (const typed of ['Winter Term 2027', `Michaelmas ${year}`, `Michaelmas Term ${year} and after`, 'next year', `${year}-02-30`, 'Spring Term 2001',
    `31/4/${year}`, `31 April ${year}`, `7/15/${year}`, `3 Septembre ${year}`]) {
    const r = await a.post(`/admin/policies/${other}/versions`, { ...version, review_due: typed, confirm: 'yes' });
    assert.equal(r.status, 400, typed);
    assert.equal(r.body.field, 'review_due', typed);
  }
  const html = await a.request('POST', `/admin/policies/${other}/versions`, { json: false, form: { ...version, review_due: 'Winter Term 2027' } });
  assert.match(visibleText(html.text), /as a date, like 1 September 2027 or 1\/9\/2027, or as a term, like Michaelmas Term 2027/);
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM policy_versions')), versions, 'nothing written');
});

test('30 days before the review the administrator and the headteacher are reminded', async () => {
  const title = `Review Michaelmas Term ${year}`;
  const due = new Date(`${year}-09-01T09:00:00Z`).getTime();
  const when = (days) => new Date(due - days * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: when(31) } });
  for (const who of ['admin@demo.school', 'head@demo.school']) {
    const c = await s.login(who);
    assert.ok(!(await c.get('/')).body.tasks.some((x) => x.kind === 'policy_review_soon' && x.message.startsWith(title)), who);
  }
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: when(20) } });
  for (const who of ['admin@demo.school', 'head@demo.school']) {
    const c = await s.login(who);
    const task = (await c.get('/')).body.tasks.find((x) => x.kind === 'policy_review_soon' && x.message.startsWith(title));
    assert.ok(task, who);
    assert.match(task.message, new RegExp(`due for review on Michaelmas Term ${year} \\(1 Sep ${year}\\)`));
    assert.equal((await c.get(task.link)).status, 200);
    assert.ok(!(await c.get('/')).body.tasks.some((x) => x.kind === 'policy_review_due' && x.message.startsWith(title)));
  }
  for (const who of ['teacher@demo.school', 'deputy@demo.school', 'governor@demo.school']) {
    const c = await s.login(who);
    assert.ok(!(await c.get('/')).body.tasks.some((x) => x.kind === 'policy_review_soon'), who);
  }
});
