#!/usr/bin/env node
// The crawl that shows a refactor changed nothing a person or a client sees.
//   node tests/crawl/crawl.mjs OUTDIR            (STAFFROOM_BIN picks the binary)
// Creates the demo school on a fixed date, signs in as every demo person, and
// from "My tasks" and every GET route of `staffroom routes` (each {id} as the
// demo's ids 1 to 3) follows every link on every page (GET only, same site),
// saving each page as HTML and as JSON under OUTDIR/<person>/.
// CRAWL_ROUTES_BIN names the binary whose route table is read (default: the
// one crawled), so that a build from before a change is crawled by the same list.  What changes
// from run to run (CSRF tokens, two-factor secrets, chain hashes, clock times)
// is masked, so two crawls of the same behaviour give `diff -r` nothing.
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, cli, launch, PASSWORD, Client } from '../http/lib.mjs';

const out = process.argv[2];
if (!out) { console.error('usage: crawl.mjs OUTDIR'); process.exit(2); }
const NOW = '2026-11-20T10:00:00Z';
const PEOPLE = ['head', 'deputy', 'dsl', 'moderator', 'bursar', 'network', 'governor', 'chair', 'admin',
  'teacher', 'science', 'ta', 'supply', 'volunteer', 'dpo'];
const LIMIT = 600; // pages per person: the crawl stops by itself
const SKIP = /^\/(logout|static\/)/;

export function mask(text) {
  return text
    .replace(/("csrf"\s*:\s*"|name="csrf" value="|content=")[A-Za-z0-9_-]{20,}/g, '$1<csrf>')
    .replace(/otpauth:\/\/[^"'<\s]*/g, '<otpauth>')
    .replace(/(<path fill="#000" d=")[^"]*"/g, '$1<qr code>"')
    .replace(/data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g, '<image>')
    .replace(/\b[A-Z2-7]{16,}\b/g, '<secret>')
    .replace(/\b[0-9a-f]{64}\b/g, '<hash>')
    .replace(/(\d{4}-\d{2}-\d{2}[T ])\d{2}:\d{2}(:\d{2}(\.\d+)?)?/g, '$1<time>')
    .replace(/\b\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?\b/gi, '<time>');
}

// Every GET route, its {id}s as the demo's first ids.
function routeStarts() {
  const list = spawnSync(process.env.CRAWL_ROUTES_BIN || BIN, ['routes'], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`staffroom routes: ${list.stderr}`);
  const starts = [];
  for (const m of list.stdout.matchAll(/^GET (\S+)/gm)) {
    if (!m[1].includes('{id}')) starts.push(m[1]);
    else for (const id of [1, 2, 3]) starts.push(m[1].replaceAll('{id}', String(id)));
  }
  return starts.filter((p) => !SKIP.test(p));
}
const STARTS = routeStarts();

const fileName = (p) => (p === '/' ? 'index' : p.slice(1).replace(/[^A-Za-z0-9._-]/g, '_'));

function links(html) {
  const found = new Set();
  for (const m of html.matchAll(/href="(\/[^"#]*)"/g)) {
    const href = m[1].replace(/&amp;/g, '&');
    if (!SKIP.test(href)) found.add(href);
  }
  return found;
}

async function crawlAs(server, who) {
  const c = new Client(server.url);
  const r = await c.login(`${who}@demo.school`, PASSWORD);
  if (r.status !== 200) throw new Error(`sign-in as ${who}: ${r.status} ${r.text}`);
  const dir = path.join(out, who);
  mkdirSync(dir, { recursive: true });
  const queue = ['/', ...STARTS.filter((p) => p !== '/')], seen = new Set(queue);
  while (queue.length && seen.size <= LIMIT) {
    const p = queue.shift();
    const page = await c.request('GET', p, { json: false });
    const json = await c.request('GET', p, { json: true });
    writeFileSync(path.join(dir, `${fileName(p)}.html`), `${page.status}\n${mask(page.text)}`);
    const body = json.body ? JSON.stringify(json.body, null, 1) : json.text;
    writeFileSync(path.join(dir, `${fileName(p)}.json`), `${json.status}\n${mask(body)}`);
    if (page.status !== 200) continue;
    for (const l of links(page.text)) if (!seen.has(l)) { seen.add(l); queue.push(l); }
  }
  return seen.size;
}

const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-crawl-'));
const db = path.join(dir, 'crawl.db');
const env = { STAFFROOM_TEST_NOW: NOW };
const made = cli(['demo', '--db', db], { env });
if (made.code !== 0) throw new Error(made.stderr);
const server = await launch({ dir, db, env });
rmSync(out, { recursive: true, force: true });
let total = 0;
try {
  for (const who of PEOPLE) total += await crawlAs(server, who);
} finally {
  await server.stop();
}
console.log(`crawl: ${total} pages (each as HTML and JSON) for ${PEOPLE.length} people in ${out}`);
