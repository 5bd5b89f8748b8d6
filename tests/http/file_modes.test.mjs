// Files staffroom creates hold personal data: mode 0600 whatever the umask
// it was started with (systemd's UMask=0077 is not always there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, startServer, FRONT } from './lib.mjs';

// A permissive umask, as a shell or cron usually has; the server and the
// commands started below inherit it.
process.umask(0o022);

const mode = (f) => statSync(f).mode & 0o777;
function private0600(files) {
  for (const f of files) {
    assert.ok(existsSync(f), `${f} exists`);
    assert.equal(mode(f).toString(8), '600', `${path.basename(f)} is readable by its owner alone`);
  }
}

test('init, demo and backup create their files 0600', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-modes-'));
  const a = path.join(dir, 'a.db'), b = path.join(dir, 'b.db'), copy = path.join(dir, 'copy.db');
  assert.equal(cli(['init', '--db', a]).code, 0);
  assert.equal(cli(['demo', '--db', b]).code, 0);
  assert.equal(cli(['backup', '--db', b, copy]).code, 0);
  private0600([a, `${a}.key`, b, copy]);
  for (const f of [`${a}-wal`, `${a}-shm`, `${b}-wal`, `${b}-shm`, `${copy}-wal`])
    if (existsSync(f)) private0600([f]);
});

test('a served database, its -wal and -shm files are 0600', async () => {
  const s = await startServer();
  try {
    const c = await s.login('teacher@demo.school');
    assert.equal((await c.get('/')).status, 200);
    if (FRONT !== 'cgi') private0600([s.db, `${s.db}-wal`, `${s.db}-shm`]);
    else {
      // A CGI process that was the last to close the database removes its -wal and -shm
      // files: each is checked when it is there (and may go while it is looked at).
      private0600([s.db]);
      for (const f of [`${s.db}-wal`, `${s.db}-shm`]) {
        let m = null;
        try { m = mode(f); } catch (e) { if (e.code !== 'ENOENT') throw e; }
        if (m !== null) assert.equal(m.toString(8), '600', `${path.basename(f)} is readable by its owner alone`);
      }
    }
  } finally {
    await s.stop();
  }
});
