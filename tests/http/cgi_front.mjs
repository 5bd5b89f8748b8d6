// lighttpd with mod_cgi in front of `staffroom cgi`, as a school whose web
// server runs CGI programs and nothing long-running would have it: a
// generated configuration in a temporary directory, lighttpd in the
// foreground on a free loopback port (as nobody, when the tests run as
// root), every address rewritten to the program, whose configuration file
// names the test's database.  STAFFROOM_FRONT=cgi in lib.mjs.
import { spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './fastcgi_front.mjs';

export const LIGHTTPD = process.env.LIGHTTPD || '/usr/sbin/lighttpd';

// A command line's settings ("--form-max 2048", "--secure-cookies") as the
// configuration file's lines ("form_max = 2048"): the web server passes no flags.
export function settingsFile({ db, share, args }) {
  const lines = [`db = ${db}`, `share = ${share}`];
  for (let i = 0; i < args.length; i++) {
    const key = args[i].replace(/^--/, '').replaceAll('-', '_');
    const [k, v] = key.includes('=') ? key.split(/=(.*)/) : [key, args[i + 1]?.startsWith('--') || args[i + 1] === undefined
      ? 'yes' : args[++i]];
    // A test's own configuration file (single sign-on's providers): its lines, as they are.
    if (k === 'config') lines.push(readFileSync(v, 'utf8').trimEnd());
    else lines.push(`${k} = ${v}`);
  }
  return `${lines.join('\n')}\n`;
}

const quote = (s) => `"${String(s).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

function lighttpdConfig({ dir, port, env }) {
  const root = process.getuid?.() === 0;
  const vars = Object.entries(env).map(([k, v]) => `${quote(k)} => ${quote(v)}`).join(',\n    ');
  return `server.modules = ("mod_rewrite", "mod_setenv", "mod_cgi")
server.document-root = ${quote(path.join(dir, 'www'))}
server.bind = "127.0.0.1"
server.port = ${port}
${root ? 'server.username = "nobody"\nserver.groupname = "nogroup"' : ''}
server.upload-dirs = (${quote(path.join(dir, 'upload'))})
server.tag = ""
# staffroom applies its own, smaller limits and says which was passed (KiB).
server.max-request-size = 204800
# Every address is the program's: PATH_INFO is the page, REQUEST_URI as sent.
url.rewrite-once = ("^(/[^?]*)(\\?.*)?$" => "/staffroom.cgi$1$2")
cgi.assign = ("/staffroom.cgi" => "")
setenv.add-environment = (
    ${vars}
)
`;
}

// Resolves {url, proc, stderr(), stop()}: lighttpd's standard error holds
// what each staffroom process wrote to its own.
export async function startCgiFront({ dir, db, bin, share, args = [], env = {} }) {
  const front = mkdtempSync(path.join(tmpdir(), 'staffroom-lighttpd-'));
  mkdirSync(path.join(front, 'www'));
  mkdirSync(path.join(front, 'upload'));
  symlinkSync(bin, path.join(front, 'www', 'staffroom.cgi'));
  const config = path.join(dir, 'staffroom.conf');
  writeFileSync(config, settingsFile({ db, share, args }));
  if (process.getuid?.() === 0) {
    for (const d of [front, path.join(front, 'www'), path.join(front, 'upload')]) chownSync(d, 65534, 65534);
    chownSync(config, 65534, 65534);
  }
  const vars = { STAFFROOM_CONFIG: config, ...env };
  // A test's clock starts when the server does and runs on (util.h).
  if (vars.STAFFROOM_TEST_NOW) vars.STAFFROOM_TEST_NOW_FROM = String(Math.floor(Date.now() / 1000));
  for (const k of ['ASAN_OPTIONS', 'UBSAN_OPTIONS']) if (process.env[k] && !vars[k]) vars[k] = process.env[k];
  const port = await freePort();
  writeFileSync(path.join(front, 'lighttpd.conf'), lighttpdConfig({ dir: front, port, env: vars }));
  const proc = spawn(LIGHTTPD, ['-D', '-f', path.join(front, 'lighttpd.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  proc.stdout.on('data', (d) => { log += d; });
  await waitForPort(port, proc, () => log, 'lighttpd');
  const url = `http://127.0.0.1:${port}`;
  // As a server says at start-up what it did to the database (an upgrade),
  // the first process does: a static file, which runs no daily pass.
  const first = await fetch(`${url}/static/style.css`);
  await first.arrayBuffer();
  if (first.status === 503) {
    // staffroom could not start (a bad setting): as a server that stops at start-up would.
    await new Promise((res) => setTimeout(res, 200)); // its standard error reaches lighttpd's
    proc.kill('SIGTERM');
    rmSync(front, { recursive: true, force: true });
    throw new Error(`staffroom could not start: ${log}`);
  }
  return {
    url, proc,
    stderr: () => log,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((res) => proc.on('exit', res));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(front, { recursive: true, force: true });
    },
  };
}
