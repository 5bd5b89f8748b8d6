// Child processes of the benchmark: waiting for a server's first line, stopping it.
export function waitLine(proc, re, what, ms = 20000) {
  return new Promise((resolve, reject) => {
    let out = '', err = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${err}`)), ms);
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(re);
      if (m) { clearTimeout(timer); resolve({ m, out }); }
    });
    proc.on('exit', (c) => { clearTimeout(timer); reject(new Error(`${what} exited ${c}: ${err}`)); });
  });
}

export async function stop(proc) {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.on('exit', r));
  proc.kill('SIGTERM');
  await exited;
}
