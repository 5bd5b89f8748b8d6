// Many CGI processes writing one database at once: 50 reports sent together
// through lighttpd, each its own staffroom process.  WAL, the busy time-out
// and short write transactions keep every one of them, and the audit chain
// verifies afterwards.  A 503 with Retry-After is the answer only when the
// database stays busy past the time-out: the second test holds the write
// lock longer than that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startServer, cli, sql, FRONT } from './lib.mjs';

const REPORTS = 50;
// Ten from each of five people: a person may send twenty in ten minutes.
const PEOPLE = ['teacher', 'head', 'science', 'admin', 'ta'].map((p) => `${p}@demo.school`);

test('cgi: 50 reports at once, every one acknowledged and kept, the audit log verifies',
  { skip: FRONT !== 'cgi' && 'one process per request: runs in the cgi pass', timeout: 120000 }, async () => {
    const s = await startServer();
    try {
      const people = await Promise.all(PEOPLE.map((p) => s.login(p)));
      const before = Number(sql(s.db, 'SELECT count(*) FROM concerns'));
      const t0 = Date.now();
      const answers = await Promise.all(Array.from({ length: REPORTS }, (_, i) =>
        people[i % people.length].post('/concerns', { category: 'other', summary: `at once #${i}` })));
      const ms = Date.now() - t0;
      // Each write transaction is milliseconds long and the busy time-out is
      // five seconds: nobody waits that long, so nobody is refused.
      for (const [i, r] of answers.entries())
        assert.equal(r.status, 201, `report ${i}: ${r.status} ${r.text}`);
      const acked = answers.map((_, i) => i);
      for (const i of acked)
        assert.equal(sql(s.db, `SELECT count(*) FROM concerns WHERE summary = 'at once #${i}'`), '1', `report ${i} kept`);
      assert.equal(Number(sql(s.db, 'SELECT count(*) FROM concerns')), before + acked.length, 'nothing unacknowledged');
      const verify = cli(['audit', 'verify', '--db', s.db]);
      assert.equal(verify.code, 0, verify.stderr);
      console.log(`cgi concurrency: ${REPORTS} reports at once, ${acked.length} acknowledged and kept, ` +
        `${ms} ms in all`);
    } finally {
      await s.stop();
    }
  });

// Another program holds the database's write lock (BEGIN IMMEDIATE in the
// sqlite3 shell) for longer than the five-second busy time-out.
async function holdWriteLock(db) {
  const shell = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'inherit'] });
  shell.stdout.setEncoding('utf8');
  shell.stdin.write("BEGIN IMMEDIATE;\nSELECT 'held';\n");
  let seen = '';
  while (!seen.includes('held')) seen += (await once(shell.stdout, 'data'))[0];
  return async () => {
    shell.stdin.end('ROLLBACK;\n');
    await once(shell, 'exit');
  };
}

test('a report while the database stays busy past the time-out: 503 with Retry-After, nothing kept',
  { timeout: 60000 }, async () => {
    const s = await startServer();
    try {
      const teacher = await s.login('teacher@demo.school');
      const before = sql(s.db, 'SELECT count(*) FROM concerns');
      const release = await holdWriteLock(s.db);
      let r;
      try {
        r = await teacher.post('/concerns', { category: 'other', summary: 'while the lock is held' });
      } finally {
        await release();
      }
      assert.equal(r.status, 503, r.text);
      assert.ok(Number(r.headers.get('retry-after')) > 0, 'the refusal says when to try again');
      assert.equal(sql(s.db, 'SELECT count(*) FROM concerns'), before, 'nothing kept');
      const again = await teacher.post('/concerns', { category: 'other', summary: 'after the lock' });
      assert.equal(again.status, 201, again.text);
      const verify = cli(['audit', 'verify', '--db', s.db]);
      assert.equal(verify.code, 0, verify.stderr);
    } finally {
      await s.stop();
    }
  });
