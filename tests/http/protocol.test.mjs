// HTTP framing: the methods a 405 allows, and requests whose framing is
// ambiguous (request smuggling) answered 400 and the connection closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';
import { rawExchange, statuses } from './raw_http.mjs';

let s, teacher;
before(async () => {
  s = await startServer();
  teacher = await s.login('teacher@demo.school');
});
after(async () => { await s.stop(); });

const allow = (r) => (r.headers.get('allow') || '').split(/,\s*/).filter(Boolean).sort();

test('a 405 names the methods the page takes in Allow', async () => {
  let r = await teacher.request('GET', '/logout');
  assert.equal(r.status, 405);
  assert.deepEqual(allow(r), ['POST']);
  r = await teacher.request('PUT', '/concerns');
  assert.equal(r.status, 405);
  assert.deepEqual(allow(r), ['GET', 'HEAD', 'POST']);
  r = await teacher.request('POST', '/concerns/mine', { json: false });
  assert.equal(r.status, 405);
  assert.deepEqual(allow(r), ['GET', 'HEAD']);
  r = await teacher.request('DELETE', '/static/style.css');
  assert.equal(r.status, 405);
  assert.deepEqual(allow(r), ['GET', 'HEAD']);
});

// A request smuggled inside a POST whose length is given twice over.
const SMUGGLED = 'GET /login HTTP/1.1\r\nHost: x\r\n\r\n';
const CHUNKED = `0\r\n\r\n${SMUGGLED}`;
const ambiguous = [
  ['Content-Length and Transfer-Encoding', 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    `Content-Length: ${CHUNKED.length}\r\nTransfer-Encoding: chunked\r\n\r\n${CHUNKED}`],
  ['Transfer-Encoding and Content-Length', 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    `Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n${CHUNKED}`],
  ['two Content-Length headers', `POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`],
  ['two Host headers', `GET /login HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n${SMUGGLED}`],
  ['a NUL in a header', `GET /login HTTP/1.1\r\nHost: x\r\nX-Note: a\0b\r\n\r\n${SMUGGLED}`],
  ['a NUL at the start of a header', `GET /login HTTP/1.1\r\nHost: x\r\nUser-Agent: \0b\r\nAccept: */*\r\n\r\n${SMUGGLED}`],
];

for (const [what, bytes] of ambiguous) {
  test(`${what}: 400, the connection closed, and nothing after it answered`, async () => {
    const { text, closed } = await rawExchange(s.url, bytes);
    assert.deepEqual(statuses(text), [400], text.slice(0, 300));
    assert.ok(closed, 'the server closed the connection');
  });
}

test('a well-framed request is still answered, with the next one on the same connection', async () => {
  const { text } = await rawExchange(s.url, 'GET /login?next=%2Fa%20b HTTP/1.1\r\nHost: x\r\nX-Spaced:    a  b   \r\nX-Empty:\r\n' +
    `Cookie: sr_session=abc; other=1\r\n\r\n${SMUGGLED.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n')}`);
  assert.deepEqual(statuses(text), [200, 200]);
});
