// nginx in front of `staffroom fastcgi`, as a school would run it: a
// generated configuration in a temporary directory, nginx in the
// foreground on a free loopback port, fastcgi_pass to the staffroom socket.
import { spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

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

// The parameters staffroom reads; the same as Debian's fastcgi_params
// file, written out so that the test shows exactly what is needed.
export const FASTCGI_PARAMS = `
      fastcgi_param REQUEST_METHOD  $request_method;
      fastcgi_param REQUEST_URI     $request_uri;
      fastcgi_param QUERY_STRING    $query_string;
      fastcgi_param CONTENT_TYPE    $content_type;
      fastcgi_param CONTENT_LENGTH  $content_length;
      fastcgi_param REMOTE_ADDR     $remote_addr;
      fastcgi_param SERVER_PROTOCOL $server_protocol;
      fastcgi_param HTTPS           $https if_not_empty;`;

export function nginxConfig({ dir, port, upstream, extra = '' }) {
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
    location / {${FASTCGI_PARAMS}
      fastcgi_pass ${upstream};${extra}
    }
  }
}
`;
}

// upstream: "unix:/path" or "127.0.0.1:PORT".  Resolves {url, stop()}.
export async function startFastcgiFront(upstream, { extra = '' } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-nginx-'));
  // nginx's workers (nobody, when started as root) write request bodies
  // into temporary directories under this one.
  if (process.getuid?.() === 0) chownSync(dir, 65534, 65534);
  const port = await freePort();
  writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig({ dir, port, upstream, extra }));
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
