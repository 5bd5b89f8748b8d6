// Test harness: starts the real `staffroom serve` on a free loopback port
// with a fresh database, and a small client that keeps the session cookie
// and CSRF token.  STAFFROOM_BIN picks the binary (the sanitizer build in
// `make test`'s second pass).  STAFFROOM_FRONT=fastcgi runs every test
// through nginx instead: `staffroom fastcgi` on a unix socket, nginx with
// fastcgi_pass on a loopback port (see fastcgi_front.mjs); STAFFROOM_FRONT=cgi
// through lighttpd running `staffroom cgi` for each request (cgi_front.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chownSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFastcgiFront } from './fastcgi_front.mjs';
import { startCgiFront } from './cgi_front.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.STAFFROOM_BIN ? path.resolve(process.env.STAFFROOM_BIN)
  : path.join(ROOT, 'build/staffroom');
export const PASSWORD = 'staffroom-demo';
export const FRONT = ['fastcgi', 'cgi'].includes(process.env.STAFFROOM_FRONT) ? process.env.STAFFROOM_FRONT : 'http';
const SANITIZER = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/;
// The template bridge's report of a row that leaves out a section the page shows, so
// shows the page's (src/http/template.cc, report_left_out): a row's false flag, the page's true one.
const SHADOWED_ROW = /staffroom: template \S+: a row leaves out section \S+, which the page shows/;

export function cli(args, { input = '', env = {} } = {}) {
  const r = spawnSync(BIN, args, { input, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (SANITIZER.test(r.stderr)) throw new Error(`sanitizer report from staffroom ${args.join(' ')}:\n${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function sql(db, statement) {
  // sqlite3 would make a database named after whatever it is given ("[object Object]").
  if (typeof db !== 'string') throw new TypeError(`sql() takes the database's path, not a ${typeof db}`);
  // The server writes in the background too: wait for its write lock as it waits for ours.
  // In the server's zone (src/lib/uk_time.c), for SQL's 'localtime'.
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 10000', db, statement],
    { encoding: 'utf8', env: { ...process.env, TZ: 'Europe/London' } });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout.trim();
}

// A date alone as the pages show it, in words: "2026-08-27" as "27 Aug 2026" (src/lib/uk_time.c).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function dateWords(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

// Starts a server.  demo: true gives the demo school (one person per role,
// password PASSWORD); otherwise an empty database.
export async function startServer({ demo = true, args = [], env = {} } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-test-'));
  const db = path.join(dir, 'test.db');
  const made = cli([demo ? 'demo' : 'init', '--db', db]);
  if (made.code !== 0) throw new Error(`cannot create the database: ${made.stderr}`);
  return launch({ dir, db, args, env });
}

// The server refuses to run as root; tests running as root (CI) hand the
// files to "nobody" and tell the server to become that user.
export const AS_ROOT = process.getuid?.() === 0;
export function handOver(dir) {
  if (!AS_ROOT) return;
  chownSync(dir, 65534, 65534);
  for (const f of readdirSync(dir)) {
    // A CGI process of the server just stopped may still be closing the
    // database, and the last to close it removes the -wal and -shm files.
    try { chownSync(path.join(dir, f), 65534, 65534); } catch (e) { if (e.code !== 'ENOENT') throw e; }
  }
}

// How a school's service manager starts the server: already as an
// unprivileged user (systemd's User= or DynamicUser=), never as root.  Tests
// running as root (CI) become "nobody" with setpriv before staffroom starts;
// a test that passes --user itself exercises the start-as-root-and-drop path.
export const UNPRIVILEGED = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
export function serverCommand(args) {
  if (!AS_ROOT || args.includes('--user')) return [BIN, args];
  return [UNPRIVILEGED[0], [...UNPRIVILEGED.slice(1), BIN, ...args]];
}

// Starts `staffroom COMMAND --db DB --listen LISTEN ...` and waits for its
// "listening on" line; resolves {proc, address, stderr()}.
export function startProcess(command, db, listen, args = [], env = {}) {
  const [file, argv] = serverCommand([command, '--db', db, '--listen', listen, ...args]);
  return listening(spawn(file, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

// Waits for a started server's "listening on" line; resolves {proc, address, stderr()}.
export function listening(proc) {
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (\S+(?: \S+)?)\n/);
      if (m) { clearTimeout(timer); resolve({ proc, address: m[1], stderr: () => stderr }); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
}

// Under CGI the day's audit anchor (and its e-mail to the headteacher) is written by the process
// of the day's first request, after its answer (src/http/cgi.c): wait for it once at the start,
// so that no test counting what a request stored sees it land in the middle.  The day is the UK
// date of the server's clock (STAFFROOM_TEST_NOW when set); a server that writes no anchor is
// waited for a few seconds, no more.
async function anchorWritten(url, db, now) {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(now ? new Date(now) : new Date());
  await (await fetch(`${url}/login`)).arrayBuffer();
  for (let i = 0; i < 100; i++) {
    if (sql(db, `SELECT count(*) FROM audit_anchor_days WHERE day = '${day}'`) !== '0') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// tlsAtFront: the front end tells staffroom the browser's connection is
// encrypted, as nginx (fastcgi_param HTTPS on) or a CGI server (HTTPS=on)
// does when it ends TLS; only for the fastcgi and cgi fronts.
export async function launch({ dir, db, args = [], env = {}, tlsAtFront = false }) {
  if (tlsAtFront && FRONT === 'http') throw new Error('tlsAtFront needs STAFFROOM_FRONT=fastcgi or cgi');
  handOver(dir);
  let proc, url, stderr, front = null;
  if (FRONT === 'cgi') {
    // No process of staffroom's own: lighttpd starts one per request.
    front = await startCgiFront({ dir, db, bin: BIN, share: ROOT, args,
      env: tlsAtFront ? { ...env, HTTPS: 'on' } : env });
    ({ url, proc, stderr } = front);
    await anchorWritten(url, db, env.STAFFROOM_TEST_NOW);
  } else if (FRONT === 'fastcgi') {
    const sock = path.join(dir, 'fcgi.sock');
    ({ proc, stderr } = await startProcess('fastcgi', db, `unix:${sock}`, args, env));
    front = await startFastcgiFront(`unix:${sock}`,
      { extra: tlsAtFront ? '\n      fastcgi_param HTTPS on;' : '' });
    url = front.url;
  } else {
    let address;
    ({ proc, address, stderr } = await startProcess('serve', db, '127.0.0.1:0', args, env));
    url = address.replace(/\/$/, '');
  }
  const server = {
    url, db, dir, proc, front,
    stderr,
    client: () => new Client(url),
    async login(email, password = PASSWORD) {
      const c = new Client(url);
      const r = await c.login(email, password);
      if (r.status !== 200) throw new Error(`sign-in as ${email} failed: ${r.status} ${r.text}`);
      return c;
    },
    // Stops the server and fails if it crashed or a sanitizer spoke.
    async stop({ keep = false } = {}) {
      if (front) await front.stop();
      if (proc.exitCode === null) {
        const exited = new Promise((res) => proc.on('exit', res));
        proc.kill('SIGTERM');
        await exited;
      }
      if (SANITIZER.test(stderr())) throw new Error(`sanitizer report:\n${stderr()}`);
      if (SHADOWED_ROW.test(stderr())) throw new Error(`a row shows its page's section:\n${stderr()}`);
      // lighttpd (the cgi front) exits 0 or 1 when stopped, depending on whether a program was
      // still running; its programs' crashes were answers (500) and their stderr is checked above.
      const clean = FRONT === 'cgi' ? [0, 1].includes(proc.exitCode) : proc.exitCode === 0;
      if (!clean) throw new Error(`server exited with ${proc.exitCode} (signal ${proc.signalCode}):\n${stderr()}`);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = null;
    this.csrf = null;
  }

  // Sends a request; returns {status, headers, text, body (parsed JSON or null)}.
  // opts: json (Accept JSON, default true), form (object or array of pairs),
  // multipart (FormData), csrf (false to omit, a string to send that),
  // headers, body (raw), contentType.
  async request(method, p, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (opts.json !== false) headers.Accept = 'application/json';
    else headers.Accept = headers.Accept || 'text/html';
    const jar = [this.cookie && `${this.cookieName || 'sr_session'}=${this.cookie}`, this.sso && `sr_sso=${this.sso}`]
      .filter(Boolean);
    if (jar.length) headers.Cookie = jar.join('; ');
    let body = opts.body;
    if (method === 'POST' && body === undefined) {
      if (opts.multipart) {
        body = opts.multipart;
        if (opts.csrf !== false && !body.has('csrf')) body.append('csrf', opts.csrf ?? this.csrf ?? '');
      } else {
        const pairs = Array.isArray(opts.form) ? [...opts.form] : Object.entries(opts.form || {});
        if (opts.csrf !== false) pairs.push(['csrf', opts.csrf ?? this.csrf ?? '']);
        body = new URLSearchParams(pairs).toString();
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
    }
    if (opts.contentType) headers['Content-Type'] = opts.contentType;
    const res = await fetch(this.base + p, { method, headers, body, redirect: 'manual' });
    const buf = Buffer.from(await res.arrayBuffer());
    const text = buf.toString('utf8');
    let parsed = null;
    if ((res.headers.get('content-type') || '').startsWith('application/json')) parsed = JSON.parse(text);
    const set = res.headers.get('set-cookie');
    if (set) {
      // __Host-sr_session when the cookie is Secure (HTTPS), as a browser keeps it.
      const m = set.match(/((?:__Host-)?sr_session)=([^;]*)/);
      if (m) { this.cookieName = m[1]; this.cookie = m[2] || null; }
      const sso = set.match(/sr_sso=([^;]*)/); // a started single sign-on's browser tie
      if (sso) this.sso = sso[1] || null;
    }
    return { status: res.status, headers: res.headers, text, body: parsed, bytes: buf };
  }

  get(p, opts = {}) { return this.request('GET', p, opts); }
  post(p, form = {}, opts = {}) { return this.request('POST', p, { ...opts, form }); }
  page(p) { return this.request('GET', p, { json: false }); }
  // A search that names people is sent by POST to PATH/search, which keeps the
  // terms and names the result page (PATH?search=ID); that page is returned
  // (JSON, or HTML with json: false), or the refusal of the POST.
  async search(p, form, opts = {}) {
    const r = await this.post(`${p}/search`, form);
    if (r.status !== 200) return r;
    return this.request('GET', r.body.location, opts);
  }

  async login(email, password = PASSWORD) {
    const r = await this.request('POST', '/login', { form: { email, password }, csrf: false });
    if (r.status === 200 && r.body) this.csrf = r.body.csrf;
    return r;
  }
}

// The text between tags, for asserting on what a person reads.
export function visibleText(html) {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
