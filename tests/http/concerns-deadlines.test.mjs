// Deadlines in working days (weekends and closure days skipped), overdue
// marking in the queue and on My tasks, and the upload size limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql } from './lib.mjs';
import { PNG, report, file, counts } from './concern_helpers.mjs';

test('deadlines skip the weekend and a closure day; overdue cases are marked', async () => {
  // Friday 20 November 2026, 10:00; Monday 23 November is an INSET day.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-20T10:00:00Z' } });
  let s2, s3;
  try {
    const admin = await s.login('admin@demo.school');
    assert.equal((await admin.post('/admin/closures', { day: '2026-11-23', label: 'INSET day' })).status, 201);
    const t = await s.login('teacher@demo.school');
    const plain = await file(t, { category: 'other', summary: 'friday plain' });
    const urgent = await file(t, { category: 'other', summary: 'friday urgent', urgent: 'yes' });
    const due = (id) => sql(s.db, `SELECT due_by FROM concerns WHERE id = ${id}`);
    assert.equal(due(plain.id), '2026-11-24T23:59:59Z', 'one working day: not Saturday, Sunday or the INSET Monday');
    assert.equal(due(urgent.id), '2026-11-20T23:59:59Z', 'urgent: the same day');
    const head = await s.login('head@demo.school');
    // The demo's own concerns were filed at the real time the database was made: leave them out.
    const ours = (rows) => rows.map((x) => x.id).filter((id) => id > 4).sort((a, b) => a - b);
    assert.deepEqual(ours((await head.get('/concerns?overdue=yes')).body.concerns), []);
    await s.stop({ keep: true });

    // Saturday morning: the urgent one is overdue, the other is not.
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-21T09:00:00Z' } });
    const h2 = await s2.login('head@demo.school');
    const q = await h2.get('/concerns');
    assert.equal(q.body.concerns.find((x) => x.id === urgent.id).overdue, true);
    assert.equal(q.body.concerns.find((x) => x.id === plain.id).overdue, false);
    assert.deepEqual(ours((await h2.get('/concerns?overdue=yes')).body.concerns), [urgent.id]);
    assert.ok(q.body.counts.overdue >= 1);
    const home = await h2.get('/');
    const task = home.body.tasks.find((x) => x.kind === 'concern_overdue');
    assert.ok(task && task.urgent && task.link === '/concerns?overdue=yes', JSON.stringify(home.body.tasks));
    const html = await h2.page('/concerns');
    assert.match(html.text, /<span class="badge status-overdue">Overdue<\/span>/);
    // filed on Saturday, urgent: due on the next working day, Tuesday (Monday is closed)
    const t2 = await s2.login('teacher@demo.school');
    const sat = await file(t2, { category: 'other', summary: 'saturday urgent', urgent: 'yes' });
    assert.equal(sql(s2.db, `SELECT due_by FROM concerns WHERE id = ${sat.id}`), '2026-11-24T23:59:59Z');
    // acknowledging takes it off the overdue list
    assert.equal((await h2.post(`/concerns/${urgent.id}/events`, { action: 'acknowledge' })).status, 200);
    assert.deepEqual(ours((await h2.get('/concerns?overdue=yes')).body.concerns), []);
    await s2.stop({ keep: true });

    // Wednesday: the plain Friday concern is now overdue too.
    s3 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-25T08:00:00Z' } });
    const h3 = await s3.login('head@demo.school');
    assert.deepEqual(ours((await h3.get('/concerns?overdue=yes')).body.concerns), [plain.id, sat.id]);
    const stats = await h3.get('/concerns/stats');
    assert.equal(typeof stats.body.median_hours_to_acknowledge, 'number');
    assert.equal(sql(s.db, `SELECT acknowledged_at FROM concerns WHERE id = ${urgent.id}`).slice(0, 13), '2026-11-21T09');
  } finally {
    for (const x of [s3, s2]) if (x) await x.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});

test('a file over the size limit, or too many files, is 413 and nothing is stored', async () => {
  const s = await startServer({ args: ['--upload-max', '2048', '--upload-files', '2'] });
  try {
    const t = await s.login('teacher@demo.school');
    const before = counts(s.db);
    const big = await report(t, { category: 'other', summary: 'big' }, [{ name: 'big.txt', data: Buffer.alloc(4096, 'a') }]);
    assert.equal(big.status, 413);
    assert.match(big.body.error, /too large/);
    const three = await report(t, { category: 'other', summary: 'three' },
      [1, 2, 3].map((i) => ({ name: `s${i}.png`, data: PNG })));
    assert.equal(three.status, 413);
    assert.match(three.body.error, /at most 2/);
    assert.deepEqual(counts(s.db), before);
    const two = await report(t, { category: 'other', summary: 'two' }, [1, 2].map((i) => ({ name: `s${i}.png`, data: PNG })));
    assert.equal(two.status, 201);
    assert.equal(sql(s.db, `SELECT count(*) FROM evidence WHERE concern_id = ${two.body.concern.id}`), '2');
  } finally {
    await s.stop();
  }
});
