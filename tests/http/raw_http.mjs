// Raw HTTP over a plain socket, for what fetch() will not send: two
// Content-Length or Host headers, a NUL in a header, a smuggled request.
import net from 'node:net';

// Sends `bytes` to the server at `url` and collects the answer until the
// server closes the connection or `wait` ms pass.  Resolves {text, closed}:
// closed is true when the server ended the connection itself.
export function rawExchange(url, bytes, { wait = 3000 } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname, () => sock.write(bytes));
    let text = '';
    const timer = setTimeout(() => { sock.destroy(); resolve({ text, closed: false }); }, wait);
    sock.on('data', (d) => { text += d.toString('latin1'); });
    sock.on('end', () => { clearTimeout(timer); sock.destroy(); resolve({ text, closed: true }); });
    sock.on('error', (e) => { clearTimeout(timer); if (e.code === 'ECONNRESET') resolve({ text, closed: true }); else reject(e); });
  });
}

// The status lines of every response in `text`, in order.
export const statuses = (text) => [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));

// POSTs that reach the server at the same instant, as a double click on a slow network does:
// each request is written but for its last byte on a connection of its own, then every last
// byte is written together.  reqs: [{path, form, client}] (client: its session and CSRF token,
// when it has them).
// Resolves [{status, body}] in order (body: the JSON answer, or null).
export function together(url, reqs, { hold = 80 } = {}) {
  const u = new URL(url);
  const conns = reqs.map(({ path, form, client }) => {
    const pairs = Object.entries(form);
    if (client.csrf) pairs.push(['csrf', client.csrf]);
    const body = new URLSearchParams(pairs).toString();
    const head = `POST ${path} HTTP/1.1\r\nHost: ${u.host}\r\nAccept: application/json\r\n` +
      (client.cookie ? `Cookie: ${client.cookieName || 'sr_session'}=${client.cookie}\r\n` : '') +
      'Content-Type: application/x-www-form-urlencoded\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    return { bytes: Buffer.from(head + body), sock: net.connect(Number(u.port), u.hostname), text: '' };
  });
  return new Promise((resolve, reject) => {
    let open = 0, done = 0;
    const results = [];
    conns.forEach((x, i) => {
      x.sock.on('connect', () => {
        x.sock.write(x.bytes.subarray(0, x.bytes.length - 1));
        if (++open === conns.length) {
          setTimeout(() => { for (const y of conns) y.sock.write(y.bytes.subarray(y.bytes.length - 1)); }, hold);
        }
      });
      x.sock.on('error', reject);
      x.sock.on('data', (d) => { x.text += d.toString('utf8'); });
      x.sock.on('close', () => {
        const status = Number((x.text.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1] || 0);
        const m = x.text.slice(x.text.indexOf('\r\n\r\n') + 4).match(/\{[\s\S]*\}/);
        let body = null;
        try { body = m && JSON.parse(m[0]); } catch { /* not JSON */ }
        results[i] = { status, body };
        if (++done === conns.length) resolve(results);
      });
    });
  });
}
