// The program itself: hardened build flags, no running as root, a seccomp filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, cli, AS_ROOT, handOver, startServer, FRONT } from './lib.mjs';

const readelf = (flag) => spawnSync('readelf', ['-W', flag, BIN], { encoding: 'utf8' }).stdout;
const sanitized = /__asan_init/.test(readelf('--dyn-syms'));

test('the binary is PIE with full RELRO, stack protector and fortified calls', { skip: sanitized && 'sanitizer build' }, () => {
  assert.match(readelf('-h'), /Type:\s+DYN/);
  assert.match(readelf('-l'), /GNU_RELRO/);
  const dyn = readelf('-d');
  assert.match(dyn, /BIND_NOW|FLAGS_1.*NOW/);
  assert.match(dyn, /PIE/);
  const syms = readelf('--dyn-syms');
  assert.match(syms, /__stack_chk_fail/);
  assert.match(syms, /__\w+_chk@/, 'FORTIFY_SOURCE replaced some calls with checked ones');
});

function serve(listen = '127.0.0.1:0') {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-hard-'));
  const db = path.join(dir, 'h.db');
  cli(['init', '--db', db]);
  handOver(dir);
  return { dir, db, run: (extra) => new Promise((resolve) => {
    const p = spawn(BIN, ['serve', '--db', db, '--listen', listen, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => p.kill('SIGKILL'), 10000);
    p.on('exit', (code, signal) => { clearTimeout(t); resolve({ code, signal, err }); });
  }) };
}

test('the server refuses to run as root unless told whom to become', { skip: !AS_ROOT && 'not running as root' }, async () => {
  const s = serve();
  const r = await s.run([]);
  assert.equal(r.code, 1);
  assert.match(r.err, /refusing to run as root/);
  const bad = await s.run(['--user', 'no-such-user-here']);
  assert.equal(bad.code, 1);
  rmSync(s.dir, { recursive: true });
});

test('after start-up a forbidden system call kills the server', { skip: sanitized && 'sanitizer build runs unfiltered' }, async () => {
  const s = serve();
  const r = await s.run([...(AS_ROOT ? ['--user', 'nobody'] : []), '--seccomp-selftest']);
  assert.equal(r.signal, 'SIGSYS', `expected death by SIGSYS, got ${r.code}/${r.signal}: ${r.err}`);
  rmSync(s.dir, { recursive: true });
});

test('a second server on a port already in use fails instead of sharing it', { skip: FRONT === 'fastcgi' && 'embedded server only' }, async () => {
  const first = await startServer();
  try {
    const port = new URL(first.url).port;
    const s = serve(`127.0.0.1:${port}`);
    const r = await s.run(AS_ROOT ? ['--user', 'nobody'] : []);
    assert.equal(r.code, 1, `the second server should not start: ${r.err}`);
    assert.match(r.err, /cannot listen/);
    rmSync(s.dir, { recursive: true });
    assert.equal((await first.client().get('/login')).status, 200, 'the first goes on serving');
  } finally {
    await first.stop();
  }
});

test('a database the run-as user cannot reach stops the server at start-up, with the reason', { skip: !AS_ROOT && 'not running as root' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-closed-')); // mode 0700, root's
  const db = path.join(dir, 'c.db');
  cli(['init', '--db', db]);
  const r = await new Promise((resolve) => {
    const p = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--user', 'nobody'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => p.kill('SIGKILL'), 10000);
    p.on('exit', (code) => { clearTimeout(t); resolve({ code, err }); });
  });
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /cannot open the database .* as user nobody/);
  rmSync(dir, { recursive: true });
});
