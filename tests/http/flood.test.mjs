// Floods and slow clients: connections that send one byte every few seconds
// from one address and from many loopback addresses (127.0.0.2, ... all
// route to lo on Linux).  The per-address limit holds, and a normal client
// is still served (how fast is logged; speed is measured in make bench).  An upload abandoned half-way gives its
// memory back (the sanitizer build's leak check at exit; RSS in the
// release build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { startServer, FRONT } from './lib.mjs';

const embedded = FRONT !== 'http' && 'about the embedded server: runs in the serve passes';


const PER_ADDRESS = 8;
const sanitized = /build-asan/.test(process.env.STAFFROOM_BIN || '');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A connection that dribbles a request line, one byte every 2 s.  closed
// says whether the server hung up on it.
function slow(url, localAddress) {
  const { hostname, port } = new URL(url);
  const s = net.connect({ host: hostname, port: Number(port), localAddress });
  const c = { socket: s, closed: false, opened: false };
  const line = 'GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(100);
  let i = 0;
  s.on('connect', () => { c.opened = true; });
  const timer = setInterval(() => { if (!s.destroyed) s.write(line[i++ % line.length]); }, 2000);
  s.on('close', () => { c.closed = true; clearInterval(timer); });
  s.on('error', () => {});
  s.setNoDelay(true);
  s.write('G');
  c.end = () => { clearInterval(timer); s.destroy(); };
  return c;
}

async function timedGet(url, localAddress) {
  const { hostname, port } = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const s = net.connect({ host: hostname, port: Number(port), localAddress });
    let data = '';
    s.on('connect', () => s.write('GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    s.on('data', (d) => { data += d; });
    s.on('close', () => resolve({ ms: performance.now() - t0, status: Number((data.match(/^HTTP\/1\.1 (\d+)/) || [])[1] || 0) }));
    s.on('error', () => {});
  });
}

test('slow connections: the per-address limit holds and a normal client is served', { skip: embedded, timeout: 60000 }, async () => {
  const server = await startServer({ demo: false, args: ['--max-per-address', String(PER_ADDRESS), '--max-connections', '1000',
    '--connection-timeout', '30'] });
  const conns = [];
  try {
    // One address opens three times its allowance.
    for (let i = 0; i < PER_ADDRESS * 3; i++) conns.push(slow(server.url, '127.0.0.1'));
    // Forty more addresses open their full allowance each.
    for (let a = 2; a < 42; a++) for (let i = 0; i < PER_ADDRESS; i++) conns.push(slow(server.url, `127.0.0.${a}`));
    await sleep(4500);
    const one = conns.slice(0, PER_ADDRESS * 3);
    assert.equal(one.filter((c) => !c.closed).length, PER_ADDRESS, 'one address keeps exactly its allowance');
    const many = conns.slice(PER_ADDRESS * 3);
    assert.equal(many.filter((c) => !c.closed).length, 40 * PER_ADDRESS, 'every other address keeps its connections');
    // The flooding address gets nothing more; anyone else is served at once.
    const refused = await timedGet(server.url, '127.0.0.1');
    assert.equal(refused.status, 0, 'a further connection from the flooding address is closed unanswered');
    for (const addr of ['127.0.0.200', '127.0.0.201', '127.0.0.202']) {
      const r = await timedGet(server.url, addr);
      assert.equal(r.status, 200, `${addr} is served`);
      console.log(`flood: ${conns.filter((c) => !c.closed).length} slow connections held; ${addr} served in ${r.ms.toFixed(1)} ms`);
    }
  } finally {
    conns.forEach((c) => c.end());
    await server.stop();
  }
});

function rssKb(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
}

// Waits until the server has closed every connection whose client has gone
// (none of its sockets left in CLOSE_WAIT in /proc/net/tcp), so that each
// abandoned upload is over before the next: on a busy machine the server
// would otherwise still be reading several at once when RSS is read.
async function serverDone(url) {
  const port = ':' + Number(new URL(url).port).toString(16).toUpperCase().padStart(4, '0');
  const CLOSE_WAIT = '08';
  for (let i = 0; i < 200; i++) {
    const left = readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)
      .map((l) => l.trim().split(/\s+/)).filter((f) => f[1]?.endsWith(port) && f[3] === CLOSE_WAIT);
    if (!left.length) return;
    await sleep(50);
  }
}

// Sends the headers and half of a 4 MiB multipart body, then vanishes.
function abandonUpload(url, cookie) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: hostname, port: Number(port) });
    const total = 4 * 1024 * 1024;
    s.on('connect', () => {
      s.write(`POST /concerns HTTP/1.1\r\nHost: x\r\nCookie: sr_session=${cookie}\r\nAccept: application/json\r\n` +
        `Content-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: ${total}\r\n\r\n` +
        '--XYZ\r\nContent-Disposition: form-data; name="evidence"; filename="a.txt"\r\n\r\n');
      s.write(Buffer.alloc(total / 2, 'a'), () => setTimeout(() => { s.destroy(); resolve(); }, 50));
    });
    s.on('error', () => resolve());
  });
}

test('an upload abandoned half-way frees its memory', { skip: embedded, timeout: 60000 }, async () => {
  const server = await startServer();
  const c = await server.login('teacher@demo.school');
  try {
    await abandonUpload(server.url, c.cookie);
    await serverDone(server.url);
    await sleep(300);
    const before = rssKb(server.proc.pid);
    for (let i = 0; i < 30; i++) {
      await abandonUpload(server.url, c.cookie);
      await serverDone(server.url);
    }
    await sleep(300);
    const after = rssKb(server.proc.pid);
    console.log(`abandoned uploads: RSS ${before} kB before 30 more (60 MiB sent), ${after} kB after`);
    if (!sanitized) assert.ok(after - before < 16 * 1024, `RSS grew by ${after - before} kB`);
    assert.equal((await c.get('/concerns/mine')).status, 200, 'the server still answers');
  } finally {
    await server.stop(); // the sanitizer build fails here if anything leaked
  }
});
