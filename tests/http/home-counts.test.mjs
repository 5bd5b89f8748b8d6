// "My tasks" counts new and overdue concerns exactly, as the queue does, with
// the queue's own rule of who may open a case: cases about the reader, or
// routed to roles they do not hold and not assigned to them, are never
// counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';

const PAST = '2000-01-01T00:00:00Z';
const FUTURE = '2999-01-01T00:00:00Z';

test('My tasks counts new and overdue concerns exactly, only those the reader may open', async () => {
  const s = await startServer();
  try {
    const id = (email) => Number(sql(s.db, `SELECT id FROM users WHERE email = '${email}'`));
    const head = id('head@demo.school'), teacher = id('teacher@demo.school');
    const bit = (role) => Number(sql(s.db, `SELECT bit FROM role_bits WHERE role = '${role}'`));
    let seq = 0;
    // k new cases filed by the teacher, due by `due`, routed to `mask`.
    const add = (k, due, { mask, about = 'NULL', assignee = 'NULL' }) => {
      const tag = `T${++seq}`;
      sql(s.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${k})
        INSERT INTO concerns(reference, reporter_id, category, summary, created_at, due_by,
          recipient_mask, about_id, assignee_id)
        SELECT '${tag}-' || i, ${teacher}, 'other', 'counted?', '1999-12-31T00:00:00Z', '${due}',
          ${mask}, ${about}, ${assignee} FROM n`);
    };
    const h = await s.login('head@demo.school');
    // What the queue counts for the head (exact, the same rule) against the task's words.
    const check = async (overdue, fresh) => {
      const q = (await h.get('/concerns')).body.counts;
      assert.deepEqual([q.overdue, q.new - q.overdue], [overdue, fresh], 'the queue agrees');
      const tasks = (await h.get('/')).body.tasks;
      const words = (kind) => tasks.find((t) => t.kind === kind)?.message ?? null;
      const say = (n, one, many) => n === 0 ? null : n === 1 ? `1 ${one}` : `${n} ${many}`;
      assert.equal(words('concern_overdue'),
        say(overdue, 'concern is overdue: not acknowledged in time.',
          'concerns are overdue: not acknowledged in time.'));
      assert.equal(words('concern_new'), say(fresh, 'new concern to acknowledge.', 'new concerns to acknowledge.'));
    };
    const q0 = (await h.get('/concerns')).body.counts;
    const overdue0 = q0.overdue, fresh0 = q0.new - q0.overdue;
    assert.ok(overdue0 < 50 && fresh0 < 50, 'the demo leaves room below 99');
    await check(overdue0, fresh0);

    // Hundreds the head may not open: about the head (even routed to the
    // headteacher), or routed only to the network manager.
    add(150, PAST, { mask: bit('headteacher'), about: head });
    add(150, PAST, { mask: bit('network_manager') });
    add(150, FUTURE, { mask: bit('headteacher') | bit('slt'), about: head });
    add(150, FUTURE, { mask: bit('dsl') });
    await check(overdue0, fresh0);

    // Up to 99 each.
    add(99 - overdue0, PAST, { mask: bit('headteacher') });
    add(99 - fresh0, FUTURE, { mask: bit('headteacher') | bit('dsl') });
    await check(99, 99);
    // One more each, assigned to the head though routed elsewhere.
    add(1, PAST, { mask: bit('network_manager'), assignee: head });
    add(1, FUTURE, { mask: 0, assignee: head });
    await check(100, 100);
    add(40, PAST, { mask: bit('headteacher') });
    await check(140, 100);
    const html = await h.page('/');
    assert.match(html.text, /140 concerns are overdue: not acknowledged in time\./);
    assert.match(html.text, /100 new concerns to acknowledge\./);
    // One overdue case acknowledged, one about the head: each count moves as the queue's.
    const one = sql(s.db, "SELECT min(id) FROM concerns WHERE reference LIKE 'T5-%'");
    sql(s.db, `UPDATE concerns SET status = 'acknowledged' WHERE id = ${one}`);
    await check(139, 100);
    sql(s.db, `UPDATE concerns SET about_id = ${head} WHERE reference = 'T5-2'`);
    await check(138, 100);

    // The network manager sees the ones routed to them, not the head's.
    const n = await s.login('network@demo.school');
    const nq = (await n.get('/concerns')).body.counts;
    assert.ok(nq.overdue >= 151);
    const nt = (await n.get('/')).body.tasks.find((t) => t.kind === 'concern_overdue');
    assert.equal(nt.message, `${nq.overdue} concerns are overdue: not acknowledged in time.`);
  } finally {
    await s.stop();
  }
});
