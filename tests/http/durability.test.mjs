// Crash durability: the server is killed with SIGKILL while 1,000 reports
// (every fifth with evidence) are in flight, 20 times over.  Every report
// acknowledged with 201 must be there after a restart, with all its
// evidence byte for byte; the database must pass integrity_check and the
// audit chain must verify.  Release binary only: it is a load test, and
// the sanitizer build runs the same code paths in the other suites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { rmSync } from 'node:fs';
import { startServer, launch, cli, sql, Client, FRONT } from './lib.mjs';
import { PNG } from './concern_helpers.mjs';

const ROUNDS = 20;
const IN_FLIGHT = 1000;
const LIMITS = ['--max-connections', '4000', '--max-per-address', '4000', '--connection-timeout', '60'];
const sanitized = /build-asan/.test(process.env.STAFFROOM_BIN || '');
const sha = (b) => createHash('sha256').update(b).digest('hex');

function evidenceFor(round, i) {
  if (i % 5 !== 0) return [];
  const text = Buffer.from(`round ${round} report ${i}: what was seen\n`.repeat(1 + (i % 40)));
  return i % 10 === 0 ? [{ name: 'shot.png', data: PNG, type: 'image/png' }, { name: 'note.txt', data: text }]
    : [{ name: 'note.txt', data: text }];
}

// A multipart body built once, so the client keeps up with the server.
function body(client, round, i, files) {
  const b = `----dur${round}x${i}`;
  const part = (name, value, file) => Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"` +
    (file ? `; filename="${file}"\r\nContent-Type: application/octet-stream` : '') + '\r\n\r\n'), Buffer.from(value), Buffer.from('\r\n')]);
  const parts = [part('csrf', client.csrf), part('category', 'other'), part('summary', `durability r${round} #${i}`),
    ...files.map((f) => part('evidence', f.data, f.name)), Buffer.from(`--${b}--\r\n`)];
  return { type: `multipart/form-data; boundary=${b}`, data: Buffer.concat(parts) };
}

function post(url, client, b) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/concerns`, { method: 'POST', agent: false, headers: {
      Accept: 'application/json', Cookie: `sr_session=${client.cookie}`, 'Content-Type': b.type,
      'Content-Length': b.data.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(b.data);
  });
}

// Fires IN_FLIGHT reports at once and kills the server as soon as
// `killAfter` of them have been acknowledged.  Returns what was acknowledged.
async function round(server, client, n, killAfter) {
  const acked = [];
  let failed = 0;
  const jobs = [];
  for (let i = 0; i < IN_FLIGHT; i++) {
    const files = evidenceFor(n, i);
    jobs.push({ i, files, b: body(client, n, i, files) });
  }
  const all = jobs.map(({ i, files, b }) => post(server.url, client, b).then((r) => {
    if (r.status === 201) {
      acked.push({ id: JSON.parse(r.text).concern.id, summary: `durability r${n} #${i}`, files: files.map((f) => sha(f.data)).sort() });
      if (acked.length === killAfter) server.proc.kill('SIGKILL');
    } else if (r.status !== 503) {
      throw new Error(`unexpected ${r.status}: ${r.text}`);
    }
  }, () => { failed++; }));
  await Promise.all(all);
  if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGKILL');
  await new Promise((res) => (server.proc.exitCode !== null || server.proc.signalCode ? res() : server.proc.on('exit', res)));
  return { acked, failed };
}

// Files are compared by the hash of what was sent (a picture is stored rewritten).
function lost(db, n, acked) {
  const rows = JSON.parse(sql(db, `SELECT json_group_array(json_object('id', c.id, 'summary', c.summary,
    'files', (SELECT json_group_array(sha256) FROM (SELECT o.sha256 FROM evidence e JOIN evidence_original o ON o.evidence_id = e.id
      WHERE e.concern_id = c.id ORDER BY o.sha256))))
    FROM concerns c WHERE c.summary LIKE 'durability r${n} #%'`) || '[]');
  const have = new Map(rows.map((r) => [r.id, r]));
  return acked.filter((a) => {
    const r = have.get(a.id);
    return !r || r.summary !== a.summary || JSON.stringify(typeof r.files === "string" ? JSON.parse(r.files) : r.files) !== JSON.stringify(a.files);
  });
}

test(`SIGKILL with ${IN_FLIGHT} reports in flight, ${ROUNDS} rounds: nothing acknowledged is lost`,
  { skip: (sanitized && 'release binary only') || (FRONT !== 'http' && 'about the embedded server'), timeout: 240000 }, async () => {
    let server = await startServer({ args: LIMITS });
    // One person sends every report here: lift the per-person report limit.
    sql(server.db, "UPDATE settings SET value = '1000000' WHERE key = 'concern_report_limit'");
    const { dir, db } = server;
    const login = await server.login('teacher@demo.school');
    const client = new Client(server.url);
    client.cookie = login.cookie;
    client.csrf = login.csrf;
    let acknowledged = 0, lostTotal = 0, dropped = 0, cutRounds = 0;
    try {
      for (let n = 1; n <= ROUNDS; n++) {
        const killAfter = 1 + Math.floor(Math.random() * IN_FLIGHT * 0.6);
        const t0 = Date.now();
        const { acked, failed } = await round(server, client, n, killAfter);
        assert.ok(acked.length >= killAfter, `round ${n}: the kill came after ${killAfter} acknowledgements`);
        if (failed > 0) cutRounds++;
        acknowledged += acked.length;
        dropped += failed;
        if (process.env.DURABILITY_VERBOSE) console.log(`round ${n}: ${acked.length} acknowledged, ${failed} cut off, ${Date.now() - t0} ms`);
        server = await launch({ dir, db, args: LIMITS });
        client.base = server.url;
        const missing = lost(db, n, acked);
        lostTotal += missing.length;
        assert.deepEqual(missing, [], `round ${n}: acknowledged reports lost or incomplete`);
        // The server answers again straight after the restart.
        assert.equal((await client.get('/concerns/mine')).status, 200);
      }
    } finally {
      server.proc.kill('SIGKILL');
      await new Promise((res) => (server.proc.exitCode !== null || server.proc.signalCode ? res() : server.proc.on('exit', res)));
    }
    // The kill must have found requests in flight, or the test proves nothing.
    assert.ok(cutRounds >= ROUNDS / 2, `only ${cutRounds} rounds had requests in flight at the kill`);
    assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
    const verify = cli(['audit', 'verify', '--db', db]);
    assert.equal(verify.code, 0, verify.stderr);
    console.log(`durability: ${ROUNDS} rounds, ${acknowledged} reports acknowledged, ${lostTotal} lost, ` +
      `${dropped} cut off by the kill (never acknowledged); ${cutRounds} rounds killed mid-flight`);
    rmSync(dir, { recursive: true, force: true });
  });
