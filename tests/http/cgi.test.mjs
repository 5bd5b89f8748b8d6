// `staffroom cgi` run directly, as a web server runs it, with crafted CGI
// environments: a body whose CONTENT_LENGTH is missing, not a number, or
// not the body's length, a body over the limits, and paths with ".." or an
// encoded NUL are refused with a 4xx that says what went wrong, and nothing
// is written.  A good report through the same door is the control.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, ROOT, AS_ROOT, UNPRIVILEGED, cli, sql, handOver, PASSWORD } from './lib.mjs';

const FORM = 'application/x-www-form-urlencoded';

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-cgi-'));
  const db = path.join(dir, 'test.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  const config = path.join(dir, 'staffroom.conf');
  writeFileSync(config, `db = ${db}\nshare = ${ROOT}\n`);
  handOver(dir);
  return { dir, db, config };
}

// One CGI request: env holds the request's variables, body goes to stdin.
function cgi(t, env, body = '') {
  const [file, args] = AS_ROOT ? [UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN]] : [BIN, []];
  const r = spawnSync(file, args, {
    input: body,
    env: { PATH: process.env.PATH, ASAN_OPTIONS: process.env.ASAN_OPTIONS || '', STAFFROOM_CONFIG: t.config,
      GATEWAY_INTERFACE: 'CGI/1.1', REMOTE_ADDR: '127.0.0.1', HTTP_ACCEPT: 'application/json', ...env },
  });
  const out = r.stdout.toString('utf8');
  const [head, ...rest] = out.split('\r\n\r\n');
  const status = Number((head.match(/^Status: (\d+)/) || [])[1]);
  assert.ok(status, `no Status line: ${out}\n${r.stderr}`);
  const text = rest.join('\r\n\r\n');
  return { status, head, text, body: head.includes('application/json') ? JSON.parse(text) : null };
}

const request = (method, p, extra = {}) => ({ REQUEST_METHOD: method, PATH_INFO: p, REQUEST_URI: p, ...extra });

function signIn(t) {
  const body = new URLSearchParams({ email: 'teacher@demo.school', password: PASSWORD }).toString();
  const r = cgi(t, request('POST', '/login', { CONTENT_TYPE: FORM, CONTENT_LENGTH: String(body.length) }), body);
  assert.equal(r.status, 200, r.text);
  return { cookie: `sr_session=${r.head.match(/sr_session=([^;]*)/)[1]}`, csrf: r.body.csrf };
}

const written = (db) => sql(db, 'SELECT (SELECT count(*) FROM concerns) || \'/\' || (SELECT count(*) FROM audit)');

test('cgi: a page and a report through the CGI environment, as the web server passes them', () => {
  const t = setup();
  try {
    const login = cgi(t, request('GET', '/login', { HTTP_ACCEPT: 'text/html' }));
    assert.equal(login.status, 200);
    assert.match(login.head, /Content-Security-Policy: /);
    assert.match(login.text, /<form/);
    const who = signIn(t);
    const before = Number(sql(t.db, 'SELECT count(*) FROM concerns'));
    const body = new URLSearchParams({ category: 'other', summary: 'Seen by the gate', csrf: who.csrf }).toString();
    const r = cgi(t, request('POST', '/concerns', { CONTENT_TYPE: FORM, CONTENT_LENGTH: String(body.length),
      HTTP_COOKIE: who.cookie }), body);
    assert.equal(r.status, 201, r.text);
    assert.equal(Number(sql(t.db, 'SELECT count(*) FROM concerns')), before + 1);
    assert.equal(cli(['audit', 'verify', '--db', t.db]).code, 0);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test('cgi: bad lengths, bodies over the limits and bad paths are a 4xx, and nothing is written', () => {
  const t = setup();
  try {
    const who = signIn(t);
    const body = new URLSearchParams({ category: 'other', summary: 'Should not be saved', csrf: who.csrf }).toString();
    const post = (extra, b = body, p = '/concerns') =>
      cgi(t, request('POST', p, { CONTENT_TYPE: FORM, HTTP_COOKIE: who.cookie, ...extra }), b);
    const before = written(t.db);
    const cases = [
      ['no CONTENT_LENGTH', post({}), 411, /Its length was not given/],
      ['CONTENT_LENGTH not a number', post({ CONTENT_LENGTH: `${body.length}x` }), 400, /could not be read/],
      ['CONTENT_LENGTH longer than the body', post({ CONTENT_LENGTH: String(body.length + 10) }), 400, /could not be read/],
      ['CONTENT_LENGTH shorter than the body', post({ CONTENT_LENGTH: String(body.length - 5) }), 400, /could not be read/],
      ['a form over form_max', post({ CONTENT_LENGTH: String(1048577) }, `${body}&x=${'a'.repeat(1048577)}`), 413,
        /The form is too large/],
      ['an upload over the limits', post({ CONTENT_TYPE: 'multipart/form-data; boundary=b',
        CONTENT_LENGTH: String(200 * 1024 * 1024) }, ''), 413, /The upload is too large/],
      ['.. in PATH_INFO', post({ CONTENT_LENGTH: String(body.length) }, body, '/concerns/../concerns'), 400,
        /not a page of staffroom/],
      ['%00 in the address', post({ CONTENT_LENGTH: String(body.length), REQUEST_URI: '/concerns%00' }), 400,
        /not a page of staffroom/],
      ['a control character in PATH_INFO', post({ CONTENT_LENGTH: String(body.length) }, body, '/concerns\x01'), 400,
        /not a page of staffroom/],
    ];
    for (const [what, r, status, message] of cases) {
      assert.equal(r.status, status, `${what}: ${r.text}`);
      assert.match(r.body.error, message, what);
      assert.equal(written(t.db), before, `${what}: nothing written`);
    }
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});
