// `staffroom routes` and docs/API.md must agree: every route the server has
// is documented (a heading or a table row of its own), and every route the
// document names exists.  API.md writes a route as `METHOD /path`, with
// names for its numbers ({version_id}) and sometimes a query (?page=N).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, ROOT } from './lib.mjs';

const ROUTE = /`(GET|POST|HEAD|PUT|PATCH|DELETE) (\/[^`\s]*)`/g;

// "GET /aup/{version_id}?x=1" and the router's "GET /aup/{id}" are one route.
const normal = (method, p) => `${method} ${p.replace(/\?.*/, '').replace(/\{[^}]*\}/g, '{id}')}`;

// The routes in the listing: each block starts with "METHOD PATTERN  roles: …".
export function listed(text) {
  const out = new Set();
  for (const m of text.matchAll(/^(GET|POST) (\S+)  roles: /gm)) out.add(normal(m[1], m[2]));
  return out;
}

// Documented: named in a heading, or in the first cell of a table row.
// Named: anywhere in the text.  Files under /static/ are not routes (static_files.c).
export function documented(md) {
  const documentedRoutes = new Set(), named = new Set();
  for (const line of md.split('\n')) {
    const heading = /^#+ /.test(line);
    const firstCell = /^\|/.test(line) ? line.split('|')[1] : '';
    for (const m of line.matchAll(ROUTE)) {
      if (m[2].startsWith('/static/')) continue;
      const r = normal(m[1], m[2]);
      named.add(r);
      if (heading || firstCell.includes(m[0])) documentedRoutes.add(r);
    }
  }
  return { documented: documentedRoutes, named };
}

export function disagreements(listing, md) {
  const routes = listed(listing);
  const doc = documented(md);
  return {
    undocumented: [...routes].filter((r) => !doc.documented.has(r)).sort(),
    unknown: [...doc.named].filter((r) => !routes.has(r)).sort(),
  };
}

const listing = () => {
  const r = cli(['routes', '--no-config']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};
const api = () => readFileSync(path.join(ROOT, 'docs/API.md'), 'utf8');

test('staffroom routes lists every route with its roles and fields', () => {
  const text = listing();
  assert.ok(listed(text).size > 50);
  assert.match(text, /^POST \/login {2}roles: public {2}no-csrf$/m);
  assert.match(text, /^GET \/concerns {2}roles: headteacher,slt,dsl,moderator,business_manager,network_manager,chair,admin,dpo$/m);
  assert.match(text, /^ {4}typed_name {2}text {2}max 200 {2}required$/m);
  assert.match(text, /^ {4}applies_to {2}choice {2}max 80 {2}required {2}multi {2}list {2}one of teacher\|/m);
  assert.equal(cli(['routes', '--no-config']).stdout, text, 'the listing is stable');
});

test('docs/API.md documents every route, and only routes that exist', () => {
  assert.deepEqual(disagreements(listing(), api()), { undocumented: [], unknown: [] });
});

test('the comparison catches a route left out and a route made up', () => {
  const md = api();
  const without = md.split('\n').filter((l) => !/^\| `POST \/admin\/closures\/remove`/.test(l)).join('\n');
  assert.notEqual(without, md);
  assert.deepEqual(disagreements(listing(), without).undocumented, ['POST /admin/closures/remove']);
  const headingGone = md.replace(/^### `GET \/concerns\/mine\/\{id\}`.*$/m, '### The case I reported');
  assert.deepEqual(disagreements(listing(), headingGone).undocumented, ['GET /concerns/mine/{id}']);
  const madeUp = `${md}\n### \`POST /concerns/{case_id}/archive\`\n`;
  assert.deepEqual(disagreements(listing(), madeUp).unknown, ['POST /concerns/{id}/archive']);
  // A route named only in prose is not documented.
  const prose = without.replace('## Static files', 'See `POST /admin/closures/remove`.\n\n## Static files');
  assert.deepEqual(disagreements(listing(), prose).undocumented, ['POST /admin/closures/remove']);
});
