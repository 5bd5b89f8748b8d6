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
