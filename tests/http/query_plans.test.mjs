// Every query the pages make, checked with EXPLAIN QUERY PLAN: none may read
// a whole table (a SCAN without an index, or of every entry of an index with
// no LIMIT to stop it, or to fill a Bloom filter or an automatic index)
// except the few small settings tables (src/db/plans.c).  The server is
// started with STAFFROOM_CHECK_PLANS=1, which checks each statement when it
// is first prepared and reports full scans on stderr; the test visits every
// page that lists or counts records, as each role, on a synthetic school
// with planner statistics (demo --scale), and then reads that report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, launch, sql } from './lib.mjs';

const ENV = { STAFFROOM_CHECK_PLANS: '1' };
// Not visited: /admin/retention, which reads its concerns due a page at a
// time from their index but works out the date of every other kind of kept
// record (leavers' signatures and training, faults, requests, lists) at each
// request, and lists every legal hold; and the headteacher's /aup/{id}, whose
// paper signature SQLite reads whole while the school has one (cheaper, on
// one row, than a look-up by its id).
const PAGES = [
  ['head', ['/', '/concerns', '/concerns?page=2', '/concerns?status=new', '/concerns?status=closed',
    '/concerns?category=parent_post', '/concerns?assigned=yes', '/concerns?overdue=yes', '/concerns/stats',
    '/concerns/stats?format=csv', '/aup', '/aup/history', '/aup/compliance', '/aup/compliance?page=2', '/aup/compliance.csv', '/audit',
    '/audit?before=1000', ['/audit', { actor: 'staff000001@scale.school' }], '/audit?action=concern.view',
    '/audit?object=C-2020-000100', '/audit?from=2020-01-01&to=2021-01-01', '/accounts', '/accounts/applications', '/training', '/training/untrained', '/training/untrained?page=2', '/concerns/mine', '/concerns/mine?page=2',
    '/concerns/1', '/concerns/about/5', '/concerns/about/5?page=2', '/conduct', '/permissions', '/account/photos',
    '/accounts/do-not-publish']],
  ['dsl', ['/', '/concerns', '/concerns?status=investigating', '/concerns/1', '/conduct', '/permissions']],
  ['dpo', ['/', '/concerns', '/breaches', '/breaches?page=2', '/breaches?format=csv', '/sar']],
  ['moderator', ['/', '/accounts', '/accounts?page=2', '/accounts/1', '/accounts/applications', '/accounts/applications?page=2', '/concerns',
    '/accounts/applications/1', '/accounts/1/posts/1', '/accounts/do-not-publish']],
  ['bursar', ['/', '/accounts/applications']],
  ['governor', ['/', '/aup/compliance', '/aup/compliance?page=2', '/concerns/stats', '/conduct', '/permissions']],
  ['admin', ['/', '/admin/staff', '/admin/staff/2', '/admin/staff?page=2', ['/admin/staff', { q: 'smith' }], '/admin/policies', '/admin/routing', '/admin/courses',
    '/training', ['/training', { q: 'patel' }], '/training?page=2', '/audit', '/admin/settings', '/admin/sessions', '/admin/mail',
    '/admin/policies/1', '/conduct', '/permissions', '/accounts/do-not-publish']],
  ['teacher', ['/', '/aup', '/concerns/mine', '/accounts', '/accounts/applications', '/training', '/account/sessions',
    '/filtering', '/faults', '/faults/3', '/account/photos', '/conduct', '/permissions', '/aup/1', '/aup/history']],
  ['network', ['/', '/filtering', '/faults', '/faults/3', '/permissions']],
  ['chair', ['/', '/filtering', '/breaches', '/breaches?format=csv']],
];

async function visitAll(s) {
  const seen = [];
  for (const [who, pages] of PAGES) {
    const c = await s.login(`${who}@demo.school`);
    for (const p of pages) {
      for (const json of [true, false]) {
        // [path, terms]: a search, sent by POST and then opened (core/search.h).
        const r = Array.isArray(p) ? await c.search(p[0], p[1], { json })
          : json ? await c.get(p) : await c.page(p);
        assert.equal(r.status, 200, `${who} ${p}`);
        seen.push(p);
      }
    }
  }
  return seen;
}

function scans(s) {
  return s.stderr().split('\n').filter((l) => l.includes('full table scan'));
}

let s;
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-plans-'));
  const db = path.join(dir, 'test.db');
  const made = cli(['demo', '--db', db, '--scale', '300']);
  if (made.code !== 0) throw new Error(made.stderr);
  s = await launch({ dir, db, env: ENV });
});
after(async () => { await s.stop(); });

test('no page reads a whole table', async () => {
  const seen = await visitAll(s);
  assert.ok(seen.length > 80);
  await s.stop(); // every line of stderr is in once the process has exited
  assert.deepEqual(scans(s), []);
});

// The demo school with one index dropped: WHO opening PAGE must make the
// check report a scan whose plan line includes PLAN.
// indexes: one name, or several dropped together.
async function reportedWithout(indexes, who, page, plan) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-plans-'));
  const db = path.join(dir, 'test.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  sql(db, [indexes].flat().map((i) => `DROP INDEX ${i};`).join(' '));
  const t = await launch({ dir, db, env: ENV });
  try {
    const c = await t.login(`${who}@demo.school`);
    assert.equal((await c.get(page)).status, 200);
  } finally {
    await t.stop();
  }
  assert.ok(scans(t).some((l) => l.includes(plan)), t.stderr());
}

test('the check does catch a full scan (an index dropped on a copy)', async () => {
  await reportedWithout('concerns_by_reporter', 'teacher', '/concerns/mine', 'SCAN concerns');
});

test('the check does catch a read of a whole index (a person\'s training records without their indexes)', async () => {
  // The records of one person are then found by walking every record in date order.
  await reportedWithout(['training_by_user', 'training_latest_by_user'], 'teacher', '/training',
    'SCAN t USING INDEX training_by_completed');
});

test('filing, reading and assigning a concern read no whole table', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-plans-'));
  const db = path.join(dir, 'test.db');
  assert.equal(cli(['demo', '--db', db, '--scale', '50']).code, 0);
  const t = await launch({ dir, db, env: ENV });
  try {
    const teacher = await t.login('teacher@demo.school');
    const fd = new FormData();
    fd.append('category', 'staff_conduct'); fd.append('summary', 'plans');
    fd.append('about', 'science@demo.school');
    const r = await teacher.request('POST', '/concerns', { multipart: fd });
    assert.ok([201, 202].includes(r.status), r.text);
    const id = r.body.concern.id;
    assert.equal((await teacher.get(`/concerns/mine/${id}`)).status, 200);
    const head = await t.login('head@demo.school');
    assert.equal((await head.get(`/concerns/${id}`)).status, 200);
    assert.equal((await head.post(`/concerns/${id}/events`, { action: 'assign', assignee: 'deputy@demo.school' })).status, 200);
    const deputy = await t.login('deputy@demo.school');
    for (const p of ['/', '/concerns', '/concerns?assigned=yes', `/concerns/${id}`]) assert.equal((await deputy.get(p)).status, 200, p);
    assert.equal((await (await t.login('admin@demo.school')).get('/')).status, 200);
  } finally {
    await t.stop();
  }
  // The reads only: the INSERTs' own plans (foreign-key look-ups) are another matter.
  assert.deepEqual(scans(t).filter((l) => / in: SELECT /.test(l)), []);
});

test('the same forms sent twice: finding the record already kept reads no whole table', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-plans-'));
  const db = path.join(dir, 'test.db');
  assert.equal(cli(['demo', '--db', db, '--scale', '50']).code, 0);
  const t = await launch({ dir, db, env: ENV });
  const today = new Date().toISOString().slice(0, 10);
  const ukNow = new Date().toLocaleString('sv-SE', { timeZone: 'Europe/London' })
    .slice(0, 16).replace(' ', 'T');
  const sends = [
    ['teacher', '/concerns', { category: 'other', summary: 'plans twice' }],
    ['teacher', '/conduct/declarations', { kind: 'parent', details: 'plans twice' }],
    ['teacher', '/conduct/images', { taken_on: today, event: 'plans twice' }],
    ['network', '/filtering/checks', { kind: 'check', done_on: today, tested: 'plans twice' }],
    ['teacher', '/faults', { equipment: 'plans twice', problem: 'plans twice', stops_work: 'no' }],
    ['science', '/accounts/1/moderation', { action: 'hid', what: 'plans twice', names_pupil: 'yes' }],
    ['science', '/accounts/1/mistakes', { what: 'plans twice' }],
    ['science', '/accounts/1/checks', { checked_at: ukNow, comments_found: 'no', all_answered: 'yes' }],
    ['science', '/accounts/1/items', { received_at: ukNow, kind: 'query', summary: 'plans twice' }],
    ['science', '/accounts/1/posts', { text: 'plans twice', kind: 'post', others_material: 'no', posted_as: 'Mr Okafor, Science' }],
    ['dsl', '/concerns/1/events', { action: 'note', text: 'plans twice' }],
    ['dsl', '/concerns/1/events', { action: 'assign', assignee: 'dsl@demo.school' }],
    ['moderator', '/accounts', { platform: 'x', name: '@plans', department: 'Science',
      lead: 'science@demo.school', visibility: 'open', url: 'https://x.com/plans' }],
    ['moderator', '/accounts/1/review', { outcome: 'continue', lead_ok: 'yes', contributors_ok: 'yes',
      purpose_ok: 'yes', monitoring_ok: 'yes' }],
    ['head', '/aup/compliance/remind', {}],
  ];
  try {
    for (const [who, p, form] of sends) {
      const c = await t.login(`${who}@demo.school`);
      const first = await c.post(p, form);
      assert.ok([200, 201, 202].includes(first.status), `${p} ${first.text}`);
      assert.equal((await c.post(p, form)).status, 409, p);
    }
    // A declaration made today is waiting to be acknowledged: renewing it is the repeat.
    const teacher = await t.login('teacher@demo.school');
    const own = (await teacher.get('/conduct')).body.declarations.find((d) => d.mine);
    assert.equal((await teacher.post(`/conduct/declarations/${own.id}`, { still: 'yes' })).status, 409);
    // Someone who is not staff, named once on the account.
    const mod = await t.login('moderator@demo.school');
    const paper = sql(db, 'SELECT id FROM policy_versions WHERE policy_id = 1 AND effective <= date() ' +
      'ORDER BY effective DESC, id DESC LIMIT 1');
    const pat = { contributor_name: 'Plans Parent', relation: 'Parent', paper_version_id: paper,
      paper_date: today, training_on: today };
    const added = await mod.post('/accounts/1/contributors', pat);
    assert.equal(added.status, 201, added.text);
    assert.equal((await mod.post('/accounts/1/contributors', pat)).status, 409);
  } finally {
    await t.stop();
  }
  assert.deepEqual(scans(t).filter((l) => / in: SELECT /.test(l)), []);
});

test('a school\'s database gets the planner\'s statistics: at the first page of the day, and again after a staff import', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-plans-'));
  const db = path.join(dir, 'test.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  const stats = () => Number(sql(db, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")) &&
    Number(sql(db, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'users'"));
  assert.equal(stats(), 0, 'demo makes none');
  const t = await launch({ dir, db });
  try {
    const head = await t.login('head@demo.school');
    assert.equal((await head.get('/')).status, 200);
    assert.ok(stats() > 0, 'gathered by the daily pass');
    // Gathered again after an import: a sample of what is there now.
    sql(db, 'DELETE FROM sqlite_stat1');
    const admin = await t.login('admin@demo.school');
    const lines = ['email,name,job_title,department,staff_type'];
    for (let i = 0; i < 30; i++) lines.push(`new${i}@demo.school,New Person ${i},Teacher,Maths,teacher`);
    const existing = sql(db, "SELECT email || ',' || name || ',' || job_title || ',' || department || ',' || staff_type FROM users WHERE active = 1").split('\n');
    const fd = new FormData();
    fd.append('file', new Blob([[...lines, ...existing].join('\n') + '\n'], { type: 'text/csv' }), 'staff.csv');
    const preview = await admin.request('POST', '/admin/import', { multipart: fd });
    assert.equal(preview.status, 200, preview.text);
    const done = await admin.post('/admin/import/confirm', { csv: preview.body.csv, stamp: preview.body.stamp });
    assert.equal(done.status, 200, done.text);
    assert.ok(stats() > 0, 'gathered after the import');
  } finally {
    await t.stop();
  }
});
