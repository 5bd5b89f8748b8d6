// A small SMTP server on loopback for the e-mail tests: it speaks enough
// of RFC 5321 for libcurl (EHLO, MAIL, RCPT, DATA, QUIT), keeps what it
// receives, and can be told to refuse the next messages (451), to stall, or to
// greet each client only after a delay (greetAfter, in ms).
import net from 'node:net';

// port: a fixed port, to bring back a relay that was down at its address.
export async function startSink({ refuse = 0, stall = false, greetAfter = 0, port = 0 } = {}) {
  const sink = { messages: [], refused: 0, connections: 0, refuse, stall, greetAfter };
  const sockets = new Set();
  const server = net.createServer((sock) => {
    sink.connections++;
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    if (sink.stall) return; // never greets: the client must time out on its own
    // A relay down when the session began refuses its message, even if it is
    // back by the end: a test that brings it back after changing who may be
    // sent mail then sees only sessions whose sender checked after the change.
    const downAtStart = sink.refuse > 0;
    let buf = '', inData = false, from = '', to = [];
    const say = (line) => sock.write(`${line}\r\n`);
    setTimeout(() => { if (!sock.destroyed) say('220 sink.test ESMTP'); }, sink.greetAfter);
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          inData = false;
          if (sink.refuse > 0 || downAtStart) {
            if (sink.refuse > 0) sink.refuse--;
            sink.refused++;
            say('451 4.3.0 try again later');
            continue;
          }
          sink.messages.push({ from, to, data: data.replace(/\r\n\.\./g, '\r\n.') });
          say('250 2.0.0 queued');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') { say('250-sink.test'); say('250 8BITMIME'); }
        else if (verb === 'MAIL') { from = line; to = []; say('250 2.1.0 ok'); }
        else if (verb === 'RCPT') { to.push(line); say('250 2.1.5 ok'); }
        else if (verb === 'DATA') { inData = true; say('354 go ahead'); }
        else if (verb === 'QUIT') { say('221 bye'); sock.end(); }
        else if (verb === 'RSET' || verb === 'NOOP') say('250 ok');
        else say('502 not implemented');
      }
    });
  });
  await new Promise((res) => server.listen(port, '127.0.0.1', res));
  sink.port = server.address().port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.close = () => new Promise((res) => { for (const s of sockets) s.destroy(); server.close(res); });
  // Waits until at least n messages have arrived.
  sink.waitFor = async (n, ms = 15000) => {
    const until = Date.now() + ms;
    while (sink.messages.length < n) {
      if (Date.now() > until) throw new Error(`only ${sink.messages.length} of ${n} e-mails arrived`);
      await new Promise((res) => setTimeout(res, 50));
    }
    return sink.messages;
  };
  return sink;
}
