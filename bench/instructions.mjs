// Instructions per request, counted by callgrind: staffroom and the stack
// ceiling of each page (bench/ceiling.cc), one process each under
// valgrind.  For each scenario: a warm-up, then a marker request, K0
// requests, a marker, K1 requests, a marker.  callgrind dumps its counts on
// entering the marker's function (--dump-before), so the two dumps after
// the runs differ by exactly K1 - K0 requests and the same framing: no
// timing race with callgrind_control, and the same figure run after run.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, chownSync, rmSync } from 'node:fs';
import path from 'node:path';
import { waitLine, stop } from './proc.mjs';

const WARM = 10, K0 = 10, K1 = 210;
const AS_ROOT = process.getuid() === 0;

const LISTENING = /listening on (http:\/\/[0-9.]+:\d+)\//;
// Under valgrind a server takes far longer to start.
const waitListening = async (proc, what) => {
  const { m, out } = await waitLine(proc, LISTENING, what, 120000);
  return { url: m[1], out };
};

// As root, everything runs as nobody (the server would drop to it anyway;
// under valgrind it must be nobody from the start to write its counts).
function asUser(cmd, args) {
  return AS_ROOT ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', cmd, ...args]] : [cmd, args];
}

// A page (GET) or, when the scenario has a form, a POST of it (a report:
// staffroom answers 201 with the JSON of what it stored).  Each POST's
// summary carries a new number: the same report sent twice is refused.
let sent = 0;
async function get(url, s) {
  const headers = { Accept: s.json ? 'application/json' : 'text/html' };
  // A POST scenario's people ({cookie, csrf}) send in turn.
  const who = s.people ? s.people[sent % s.people.length] : s;
  if (who.cookie) headers.Cookie = `sr_session=${who.cookie}`;
  const o = { headers };
  if (s.form) {
    o.method = 'POST';
    const form = { ...s.form, ...(who.csrf ? { csrf: who.csrf } : {}) };
    if (form.summary) form.summary += ` ${++sent}`;
    o.body = new URLSearchParams(form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const r = await fetch(url + s.path, o);
  await r.arrayBuffer();
  if (r.status !== (s.form ? s.status : 200)) throw new Error(`${s.path} answered ${r.status}`);
}

// Staffroom's record of each page (see src/http/bench_capture.h): one
// request per scenario after a warm-up, on the server the counts use.
export async function capture(bin, db, dir, serverArgs, scenarios) {
  const file = path.join(dir, 'capture.jsonl');
  const user = AS_ROOT ? ['--user', 'nobody'] : [];
  const proc = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--no-seccomp', ...user, ...serverArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STAFFROOM_BENCH_CAPTURE: file } });
  const { url } = await waitListening(proc, 'staffroom');
  for (const s of scenarios) await get(url, s);
  writeFileSync(file, '');
  if (AS_ROOT) chownSync(file, 65534, 65534);
  for (const s of scenarios) await get(url, s);
  await stop(proc);
  return file;
}

function totals(file) {
  return Number(readFileSync(file, 'utf8').match(/^totals: (\d+)/m)[1]);
}

// cmd/args start a server printing "listening on URL/"; marker is the
// function a GET of /static/marker (staffroom: /static/favicon.svg) enters.
async function count(name, cmd, args, marker, markerPath, dir, scenarios, [warm, k0, k1] = [WARM, K0, K1]) {
  const out = path.join(dir, `callgrind-${name}.out`);
  for (const f of readdirSync(dir)) if (f.startsWith(`callgrind-${name}.out`)) writeFileSync(path.join(dir, f), '');
  const [c, a] = asUser('valgrind', ['--tool=callgrind', `--dump-before=${marker}`,
    `--callgrind-out-file=${out}`, cmd, ...args]);
  const proc = spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
  const { url, out: said } = await waitListening(proc, name);
  let markers = 0;
  const cut = async () => { await get(url, { path: markerPath, cookie: '' }); return ++markers; };
  const seen = [];
  for (const s of scenarios) {
    for (let i = 0; i < warm; i++) await get(url, s);
    await cut();
    for (let i = 0; i < k0; i++) await get(url, s);
    const a0 = await cut();
    for (let i = 0; i < k1; i++) await get(url, s);
    const a1 = await cut();
    seen.push([a0, a1]);
  }
  await stop(proc);
  return { said, perRequest: seen.map(([a0, a1]) => (totals(`${out}.${a1}`) - totals(`${out}.${a0}`)) / (k1 - k0)) };
}

// One run: staffroom (same binary, same flags as under wrk, but with no
// system-call filter: valgrind cannot install one, and the filter's cost is
// in the kernel, which callgrind does not count), then the ceiling.
export async function countRun({ bin, ceiling, templates, db, dir, serverArgs, scenarios, captureFile }) {
  const sr = await count('staffroom', bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--no-seccomp', ...serverArgs],
    'static_serve', '/static/favicon.svg', dir, scenarios);
  const ce = await count('ceiling', ceiling, ['0', captureFile, db, templates], 'bench_marker', '/static/marker', dir, scenarios);
  const different = ce.said.split('\n').filter((l) => l.includes('A DIFFERENT BODY'));
  return { staffroom: sr.perRequest, ceiling: ce.perRequest, different };
}

// Instructions per request of many pages, staffroom alone (no ceiling): the
// every-list comparison between sizes, where the count does not move from
// run to run as the time does.  Fewer requests each than above (the counts
// of a page differ by a few instructions between requests), a page each.
export async function countPages({ bin, db, dir, serverArgs, scenarios }) {
  const sr = await count('staffroom-lists', bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--no-seccomp', ...serverArgs],
    'static_serve', '/static/favicon.svg', dir, scenarios, [2, 1, 6]);
  return sr.perRequest;
}

// The raw single-row commit (bench/commit_ceiling.c) in instructions: the
// whole process run for K0 then for K1 commits, the difference per commit
// (start-up and exit cancel out).
async function countCommits(ceiling, dir) {
  const per = [];
  for (const k of [K0, K1]) {
    const out = path.join(dir, `callgrind-commit-${k}.out`);
    const [c, a] = asUser('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, ceiling, dir, '--commits', String(k)]);
    const proc = spawn(c, a, { stdio: ['ignore', 'ignore', 'pipe'] });
    const code = await new Promise((resolve) => proc.on('exit', resolve));
    if (code !== 0) throw new Error(`commit_ceiling under callgrind exited with ${code}`);
    per.push(totals(out));
    rmSync(out);
  }
  return (per[1] - per[0]) / (K1 - K0);
}

// Instructions per report (POST scenario), against the raw commit's.
export async function countPost({ bin, commitCeiling, db, dir, serverArgs, scenario }) {
  const sr = await count('staffroom-post', bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--no-seccomp', ...serverArgs],
    'static_serve', '/static/favicon.svg', dir, [scenario]);
  return { staffroom: sr.perRequest[0], ceiling: await countCommits(commitCeiling, dir) };
}
