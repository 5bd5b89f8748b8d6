// CGI's cost is a process per request: the time to answer GET /login and a
// signed-in GET /concerns through lighttpd + `staffroom cgi`, against nginx +
// `staffroom fastcgi` in the same run, one request at a time (the start-up
// is what differs, not throughput).  Appends a section to
// bench/results-latest.md; `make bench` runs it after run.mjs.
import { appendFileSync } from 'node:fs';
import path from 'node:path';

const ROUNDS = Number(process.env.CGI_BENCH_ROUNDS || 200);
const PAGES = [['GET /login', null, '/login'], ['GET /concerns (signed in)', 'dsl@demo.school', '/concerns']];

async function timeFront(front) {
  process.env.STAFFROOM_FRONT = front;
  // lib.mjs reads STAFFROOM_FRONT when loaded: a fresh copy per front.
  const lib = await import(`../tests/http/lib.mjs?front=${front}`);
  const s = await lib.startServer();
  const out = {};
  try {
    for (const [name, who, p] of PAGES) {
      const c = who ? await s.login(who) : s.client();
      for (let i = 0; i < 10; i++) await c.page(p); // warm the page cache
      const ms = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t0 = process.hrtime.bigint();
        const r = await c.page(p);
        ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (r.status !== 200) throw new Error(`${front} ${p}: ${r.status}`);
      }
      ms.sort((a, b) => a - b);
      out[name] = { median: ms[ms.length >> 1], p90: ms[Math.floor(ms.length * 0.9)] };
    }
  } finally {
    await s.stop();
  }
  return out;
}

const fcgi = await timeFront('fastcgi');
const cgi = await timeFront('cgi');
const rows = PAGES.map(([name]) => `| ${name} | ${fcgi[name].median.toFixed(2)} | ${cgi[name].median.toFixed(2)} | ` +
  `${cgi[name].p90.toFixed(2)} | ${(cgi[name].median / fcgi[name].median).toFixed(1)}× |`);
const md = `\n## CGI against FastCGI (one request at a time, ${ROUNDS} each)\n\n` +
  '| page | FastCGI median ms | CGI median ms | CGI p90 ms | CGI / FastCGI |\n|---|---|---|---|---|\n' +
  `${rows.join('\n')}\n`;
process.stdout.write(md);
appendFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'results-latest.md'), md);
