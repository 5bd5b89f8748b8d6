// Every kind of error, as JSON and as a page: the headers every response
// carries are there, and nothing in the answer names SQL, a file path,
// source code or a stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, FRONT } from './lib.mjs';
import { report } from './concern_helpers.mjs';

const LEAKS = /select |insert |update |delete from|sqlite|sql error|constraint|\/tmp\/|\/work\/|\/var\/|\/usr\/|\.c:\d|\.cc|\.tpl|backtrace|stack|abort|segfault|errno|0x[0-9a-f]{6,}/i;

function checkHeaders(r, what) {
  const h = r.headers;
  assert.match(h.get('content-security-policy') || '', /default-src 'self'/, `${what}: CSP`);
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(h.get('x-frame-options'), 'DENY', `${what}: frame options`);
  assert.equal(h.get('referrer-policy'), 'same-origin', `${what}: referrer policy`);
  assert.equal(h.get('cache-control'), 'no-store', `${what}: not cached`);
  // Through nginx (the FastCGI pass) the front end names itself, without a version.
  assert.equal(h.get('server'), FRONT === 'fastcgi' ? 'nginx' : null, `${what}: no server banner`);
  assert.equal(h.get('x-powered-by'), null, `${what}: no powered-by`);
  assertCharset(r, what);
}

// Every text answer names its character set (ASVS 4.1.1).
export function assertCharset(r, what) {
  const type = r.headers.get('content-type') || '';
  if (/^(text\/|application\/json)/.test(type)) assert.match(type, /; charset=utf-8$/, `${what}: ${type}`);
}

function checkError(r, status, what) {
  assert.equal(r.status, status, `${what}: ${r.text.slice(0, 200)}`);
  checkHeaders(r, what);
  assert.doesNotMatch(r.text, LEAKS, `${what} gives nothing away`);
  if (r.body) assert.equal(typeof r.body.error, 'string', `${what}: a message in words`);
  else assert.match(r.text, /<html|<!doctype/i, `${what}: a page`);
}

test('every error kind, JSON and HTML, carries the headers and gives nothing away', async () => {
  const s = await startServer();
  try {
    const anon = s.client();
    const t = await s.login('teacher@demo.school');
    const big = 'x'.repeat(2 * 1024 * 1024);
    const cases = [
      ['404 unknown path', 404, (c, json) => c.request('GET', '/no/such/page', { json })],
      ['404 record not visible', 404, (c, json) => c.request('GET', '/concerns/999999', { json })],
      ['405 method', 405, (c, json) => c.request('PUT', '/concerns', { json })],
      ['400 unknown field', 400, (c, json) => c.request('GET', '/concerns/mine?evil=1', { json })],
      ['400 bad number', 400, (c, json) => c.request('GET', '/concerns/mine?page=1%27%20OR%201=1', { json })],
      ['400 bad UTF-8', 400, (c, json) => c.request('GET', '/concerns/mine?page=%FF', { json })],
      ['403 missing CSRF', 403, (c, json) => c.request('POST', '/concerns', { json, form: { category: 'other', summary: 's' }, csrf: false })],
      ['403 role', 403, (c, json) => c.request('GET', '/admin/staff', { json })],
      ['413 form too large', 413, (c, json) => c.request('POST', '/concerns', { json, form: { summary: big } })],
      ['415 body type', 415, (c, json) => c.request('POST', '/concerns', { json, body: '{"a":1}', contentType: 'application/json' })],
    ];
    for (const [what, status, send] of cases) {
      // Behind lighttpd (the cgi pass) bad UTF-8 in an address is refused by lighttpd itself.
      if (FRONT === 'cgi' && what === '400 bad UTF-8') {
        assert.equal((await send(t, true)).status, status, what);
        continue;
      }
      checkError(await send(t, true), status, `${what} (JSON)`);
      checkError(await send(t, false), status, `${what} (HTML)`);
    }
    checkError(await anon.request('GET', '/concerns/mine', { json: true }), 401, '401 not signed in (JSON)');
    const bad = await report(t, { category: 'other', summary: 's' }, [{ name: 'x.html', data: Buffer.from('<script>alert(1)</script>') }]);
    checkError(bad, 415, '415 evidence type');
    const login = await anon.request('POST', '/login', { form: { email: "x' OR 1=1 --", password: 'wrong-password' }, csrf: false });
    assert.ok(login.status >= 400 && login.status < 500);
    checkHeaders(login, 'failed sign-in');
    assert.doesNotMatch(login.text, LEAKS);
  } finally {
    await s.stop();
  }
});

test('a server error (503) gives nothing away either', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_ALLOC_LIMIT: String(256 * 1024) } });
  try {
    const t = await s.login('teacher@demo.school');
    const files = [{ name: 'big.txt', data: Buffer.alloc(512 * 1024, 'a') }];
    const json = await report(t, { category: 'other', summary: 's' }, files);
    checkError(json, 503, '503 (JSON)');
    assert.ok(Number(json.headers.get('retry-after')) > 0);
    const fd = new FormData();
    fd.append('category', 'other');
    fd.append('summary', 's');
    fd.append('evidence', new Blob([files[0].data]), 'big.txt');
    checkError(await t.request('POST', '/concerns', { multipart: fd, json: false }), 503, '503 (HTML)');
  } finally {
    await s.stop();
  }
});
