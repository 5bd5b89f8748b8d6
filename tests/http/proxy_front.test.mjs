// DEPLOY.md's reverse-proxy set-up, as printed there: `staffroom serve` on a
// loopback address, nginx in front with /etc/nginx/staffroom_proxy.conf
// read from the document itself, so the guide and the program cannot part.
// nginx listens on a port other than 80 or 443, as a school's
// https://staff.school.example:8443 does: the browser's Origin then carries
// the port, and the Host nginx passes must too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, sql, ROOT, FRONT, AS_ROOT, PASSWORD } from './lib.mjs';
import { freePort, runNginx } from './fastcgi_front.mjs';

// The lines of the staffroom_proxy.conf block in DEPLOY.md.
function proxyConf() {
  const doc = readFileSync(path.join(ROOT, 'docs/DEPLOY.md'), 'utf8');
  const block = doc.match(/`\/etc\/nginx\/staffroom_proxy\.conf`:\s*```nginx\n([\s\S]*?)```/);
  assert.ok(block, 'DEPLOY.md prints staffroom_proxy.conf');
  return block[1];
}

async function startProxy(upstream) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-proxy-'));
  if (AS_ROOT) chownSync(dir, 65534, 65534);
  const port = await freePort();
  writeFileSync(path.join(dir, 'nginx.conf'), `daemon off;
worker_processes 1;
${AS_ROOT ? 'user nobody nogroup;' : ''}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream staffroom { server ${upstream}; keepalive 8; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://staffroom;
${proxyConf()}
    }
  }
}
`);
  return runNginx(dir, port);
}

test("behind DEPLOY.md's nginx proxy on a port of its own, staff sign in and forms post",
  { skip: FRONT !== 'http' && 'the proxy set-up is for staffroom serve' }, async (t) => {
    const s = await startServer({ args: ['--trusted-proxy', '127.0.0.1'] });
    let proxy = null;
    // nginx first: its kept-alive connections would hold the server's stop.
    t.after(async () => { await proxy?.stop(); await s.stop(); });
    proxy = await startProxy(new URL(s.url).host);
    // What a browser at the proxy's address sends: Origin with the port.
    const post = (where, body, cookie) => fetch(`${proxy.url}${where}`, {
      method: 'POST', redirect: 'manual',
      headers: { Origin: proxy.url, Accept: 'application/json', ...(cookie ? { Cookie: cookie } : {}),
        'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });
    const signed = await post('/login', { email: 'teacher@demo.school', password: PASSWORD });
    const signedText = await signed.text();
    assert.equal(signed.status, 200, signedText);
    const cookie = signed.headers.getSetCookie()[0].split(';')[0];
    const { csrf } = JSON.parse(signedText);
    const out = await post('/logout', { csrf }, cookie);
    const outText = await out.text();
    assert.equal(out.status, 200, `a form posts through the proxy: ${outText}`);
    assert.equal(JSON.parse(outText).signed_out, true);
    // The trusted proxy's X-Real-IP is the address recorded.
    assert.equal(sql(s.db, "SELECT address FROM audit WHERE action = 'login' ORDER BY id DESC LIMIT 1"),
      '127.0.0.1');
  });
