// Many CGI processes writing one database at once: 50 reports sent together
// through lighttpd, each its own staffroom process.  WAL, the busy time-out
// and short write transactions keep every acknowledged report; anything
// refused is a 503 with Retry-After (only when the database stayed busy past
// the time-out), and the audit chain verifies afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, sql, FRONT } from './lib.mjs';

const REPORTS = 50;
// Ten from each of five people: a person may send twenty in ten minutes.
const PEOPLE = ['teacher', 'head', 'science', 'admin', 'ta'].map((p) => `${p}@demo.school`);

test('cgi: 50 reports at once, every acknowledged one kept, the audit log verifies',
  { skip: FRONT !== 'cgi' && 'one process per request: runs in the cgi pass', timeout: 120000 }, async () => {
    const s = await startServer();
    try {
      const people = await Promise.all(PEOPLE.map((p) => s.login(p)));
      const before = Number(sql(s.db, 'SELECT count(*) FROM concerns'));
      const t0 = Date.now();
      const answers = await Promise.all(Array.from({ length: REPORTS }, (_, i) =>
        people[i % people.length].post('/concerns', { category: 'other', summary: `at once #${i}` })));
      const ms = Date.now() - t0;
      const acked = answers.map((r, i) => [r, i]).filter(([r]) => r.status === 201).map(([, i]) => i);
      for (const r of answers.filter((a) => a.status !== 201)) {
        assert.equal(r.status, 503, r.text);
        assert.ok(Number(r.headers.get('retry-after')) > 0, 'a refusal says when to try again');
      }
      for (const i of acked)
        assert.equal(sql(s.db, `SELECT count(*) FROM concerns WHERE summary = 'at once #${i}'`), '1', `report ${i} kept`);
      assert.equal(Number(sql(s.db, 'SELECT count(*) FROM concerns')), before + acked.length, 'nothing unacknowledged');
      const verify = cli(['audit', 'verify', '--db', s.db]);
      assert.equal(verify.code, 0, verify.stderr);
      console.log(`cgi concurrency: ${REPORTS} reports at once, ${acked.length} acknowledged and kept, ` +
        `${REPORTS - acked.length} refused with 503, ${ms} ms in all`);
    } finally {
      await s.stop();
    }
  });
