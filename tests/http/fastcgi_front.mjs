// nginx in front of `staffroom fastcgi`, as a school would run it: a
// generated configuration in a temporary directory, nginx in the
// foreground on a free loopback port (never 443: a browser's Origin then
// carries the port), fastcgi_pass to the staffroom socket with Debian's
// fastcgi_params and DEPLOY.md's lines.
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = process.env.NGINX || '/usr/sbin/nginx';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

export function waitForPort(port, proc, log, what = 'nginx') {
  const until = Date.now() + 10000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (proc.exitCode !== null) { reject(new Error(`${what} exited ${proc.exitCode}: ${log()}`)); return; }
      const sock = net.connect(port, '127.0.0.1', () => { sock.destroy(); resolve(); });
      sock.on('error', () => {
        if (Date.now() > until) reject(new Error(`${what} did not start: ${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

// Debian's own fastcgi_params, as a school's nginx includes it: the
// machine's, or else this copy of Debian 12's (nginx-common
// 1.22.1-9+deb12u12), which passes HTTP_HOST as $host, without the port.
export const DEBIAN_FASTCGI_PARAMS = existsSync('/etc/nginx/fastcgi_params')
  ? '/etc/nginx/fastcgi_params' : path.join(HERE, 'debian12_fastcgi_params');
export const DEBIAN12_FASTCGI_PARAMS = path.join(HERE, 'debian12_fastcgi_params');

// The lines DEPLOY.md's nginx FastCGI block puts after `include
// fastcgi_params;`, read from the document, so the guide and the tests
// cannot part.
function deployLines() {
  const doc = readFileSync(path.join(HERE, '../../docs/DEPLOY.md'), 'utf8');
  const block = doc.match(/### nginx \(`fastcgi_pass`\)\s*```nginx\n([\s\S]*?)```/);
  const after = block?.[1].match(/include fastcgi_params;[^\n]*\n([\s\S]*?)\n\s*fastcgi_pass /);
  if (!after) throw new Error('DEPLOY.md has no nginx FastCGI block with include fastcgi_params');
  return after[1].split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

// What the location passes: Debian's file, then DEPLOY.md's lines.
export function fastcgiParams({ params = DEBIAN_FASTCGI_PARAMS, deploy = true } = {}) {
  return [`include ${params};`, ...(deploy ? deployLines() : [])]
    .map((l) => `\n      ${l}`).join('');
}

export function nginxConfig({ dir, port, upstream, extra = '', params = fastcgiParams() }) {
  const user = process.getuid?.() === 0 ? 'user nobody nogroup;' : '';
  return `daemon off;
master_process on;
worker_processes 1;
${user}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  server_tokens off;
  access_log off;
  client_body_temp_path ${dir}/body;
  fastcgi_temp_path ${dir}/fastcgi;
  proxy_temp_path ${dir}/proxy;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # staffroom applies its own, smaller limits and says which was passed.
  client_max_body_size 200m;
  server {
    listen 127.0.0.1:${port};
    location / {${params}
      fastcgi_pass ${upstream};${extra}
    }
  }
}
`;
}

// upstream: "unix:/path" or "127.0.0.1:PORT"; params: what the location
// passes (fastcgiParams()).  Resolves {url, stop()}.
export async function startFastcgiFront(upstream, { extra = '', params } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-nginx-'));
  // nginx's workers (nobody, when started as root) write request bodies
  // into temporary directories under this one.
  if (process.getuid?.() === 0) chownSync(dir, 65534, 65534);
  const port = await freePort();
  writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig({ dir, port, upstream, extra, params }));
  return runNginx(dir, port);
}

// Starts nginx with DIR/nginx.conf, listening on 127.0.0.1:PORT; resolves
// {url, stop()}, stop() removing DIR too.
export async function runNginx(dir, port) {
  const proc = spawn(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  proc.stdout.on('data', (d) => { log += d; });
  await waitForPort(port, proc, () => log);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((res) => proc.on('exit', res));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
