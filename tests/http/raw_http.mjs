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
