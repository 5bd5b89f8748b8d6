// The credential vault: only the moderator and SLT store; they, the
// headteacher and the account's lead reveal (account_team.test.mjs), not its
// contributors; reveal
// asks for the person's own password and is audited; the database, its WAL
// and a backup never hold the credentials in clear; a wrong key file gives
// a clear error and shows nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, cli, sql, visibleText } from './lib.mjs';
import { auditRows, count, qualify, CLOSE_TICKED } from './account_lib.mjs';

const SECRET = {
  login: 'hillside.science.login',
  password: 'Zq9-unique-pa55word-7731',
  recovery_email: 'recovery-7731@hillside.example',
  two_factor_notes: 'codes go to the office phone 7731',
};

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

test('only the moderator and SLT may store; they, the headteacher and the account\'s lead may reveal; everyone else gets 404', async () => {
  const mod = await s.login('moderator@demo.school');
  let r = await mod.post('/accounts/1/credentials', SECRET);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.credentials.stored, true);
  const deputy = await s.login('deputy@demo.school');
  r = await deputy.post('/accounts/2/credentials', { login: 'y3', password: 'another-secret-4455' });
  assert.equal(r.status, 200);
  for (const who of ['bursar', 'head', 'science', 'teacher', 'admin']) {
    const c = await s.login(`${who}@demo.school`);
    r = await c.post('/accounts/1/credentials', { login: 'x', password: 'y-123456789' });
    assert.equal(r.status, 404, who);
    // The lead of account 1 may reveal its credentials (account_team.test.mjs), not another's;
    // the headteacher may reveal any (the next test).
    if (who === 'head') continue;
    r = await c.post(`/accounts/${who === 'science' ? 2 : 1}/credentials/reveal`, { password: 'staffroom-demo' });
    assert.equal(r.status, 404, who);
  }
  r = await mod.post('/accounts/99999/credentials', SECRET);
  assert.equal(r.status, 404);
  r = await mod.post('/accounts/1/credentials', { login: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'password');
  assert.equal(auditRows(s.db, 'account.credentials_set').length, 2);
  // The account page offers the reveal form to the moderator and to the lead,
  // the form to store credentials only to the moderator.
  assert.match((await mod.page('/accounts/1')).text, /credentials\/reveal/);
  const leadPage = (await (await s.login('science@demo.school')).page('/accounts/1')).text;
  assert.match(leadPage, /credentials\/reveal/);
  assert.doesNotMatch(leadPage, /action="\/accounts\/1\/credentials"/);
});

test('reveal needs the person\'s own password, shows the credentials once and is audited', async () => {
  const mod = await s.login('moderator@demo.school');
  let r = await mod.post('/accounts/1/credentials/reveal', { password: 'not-my-password' });
  assert.equal(r.status, 403);
  assert.match(r.body.error, /not your sign-in password/);
  assert.ok(!r.text.includes(SECRET.password));
  assert.equal(auditRows(s.db, 'account.credentials_reveal_refused').length, 1);
  assert.equal(auditRows(s.db, 'account.credentials_reveal').length, 0);
  // Left empty, the password is asked for in the words of the form.
  const audited = sql(s.db, 'SELECT count(*) FROM audit');
  for (const form of [{}, { password: '' }]) {
    r = await mod.post('/accounts/1/credentials/reveal', form);
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'password');
    assert.equal(r.body.error, 'Enter your own staffroom password, to confirm it is you.');
  }
  assert.equal(sql(s.db, 'SELECT count(*) FROM audit'), audited, 'nothing recorded');

  r = await mod.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.credentials, SECRET);
  const rows = auditRows(s.db, 'account.credentials_reveal');
  assert.equal(rows.length, 1);
  assert.match(rows[0], /^moderator@demo\.school\|accounts\/1\|/);
  assert.ok(sql(s.db, `SELECT at FROM audit WHERE action = 'account.credentials_reveal'`).match(/^\d{4}-\d\d-\d\dT/));

  const deputy = await s.login('deputy@demo.school');
  r = await deputy.request('POST', '/accounts/1/credentials/reveal', { json: false, form: { password: 'staffroom-demo' } });
  assert.equal(r.status, 200);
  assert.match(visibleText(r.text), new RegExp(SECRET.password));
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  assert.equal(auditRows(s.db, 'account.credentials_reveal').length, 2);
  // The headteacher is of SLT: ravens-wood §10 shares the credentials with SLT and the moderator.
  const head = await s.login('head@demo.school');
  assert.match((await head.page('/accounts/1')).text, /credentials\/reveal/);
  r = await head.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.credentials, SECRET);
  assert.equal(auditRows(s.db, 'account.credentials_reveal').length, 3);

  // An account without stored credentials.
  qualify(s.db, 'moderator@demo.school');
  const fresh = await mod.post('/accounts', { platform: 'youtube', name: 'Hillside Music', url: 'https://youtube.com/@hillsidemusic', department: 'Music', lead: 'moderator@demo.school', visibility: 'open' });
  assert.equal(fresh.status, 201, fresh.text);
  r = await mod.post(`/accounts/${fresh.body.account.id}/credentials/reveal`, { password: 'staffroom-demo' });
  assert.equal(r.status, 409);
});

test('a wrong password for "Show the credentials once" shows the account again, the problem beside that field', async () => {
  const mod = await s.login('moderator@demo.school');
  const r = await mod.request('POST', '/accounts/1/credentials/reveal',
    { form: { password: 'not-my-password' }, json: false });
  assert.equal(r.status, 403);
  assert.ok(!r.text.includes(SECRET.password));
  assert.match(r.text, /<a href="#f-password">That is not your sign-in password/);
  const reveal = r.text.match(/<form [^>]*action="\/accounts\/1\/credentials\/reveal">[^]*?<\/form>/)[0];
  assert.match(reveal, /<p class="field-error" id="e-password">That is not your sign-in password/);
  assert.match(reveal, /<label for="f-password">Your own staffroom password, to confirm it is you<\/label>/);
  assert.match(reveal, /<input id="f-password" [^>]*aria-describedby="e-password" aria-invalid="true">/);
  // The form storing credentials has a password field too: it keeps its own id and says nothing.
  const store = r.text.match(/<form [^>]*action="\/accounts\/1\/credentials">[^]*?<\/form>/)[0];
  assert.doesNotMatch(store, /field-error|aria-invalid|id="f-password"/);
  assert.equal(r.text.match(/id="f-password"/g).length, 1);
  // Left empty, the same: the page again, not the error page.
  const empty = await mod.request('POST', '/accounts/1/credentials/reveal', { form: {}, json: false });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /<p class="field-error" id="e-password">Enter your own staffroom password, to confirm it is you\.<\/p>/);
});

test('no credential is ever stored in clear: database, WAL and backup', async () => {
  const files = [s.db, `${s.db}-wal`];
  const backup = path.join(s.dir, 'backup.db');
  const b = cli(['backup', '--db', s.db, backup]);
  assert.equal(b.code, 0, b.stderr);
  files.push(backup);
  let searched = 0;
  for (const f of files) {
    let bytes;
    try { bytes = readFileSync(f); } catch (e) { // a CGI process may have just removed its WAL
      if (e.code === 'ENOENT') continue;
      throw e;
    }
    searched++;
    for (const [k, v] of Object.entries(SECRET))
      assert.equal(bytes.indexOf(Buffer.from(v)), -1, `${k} found in clear in ${path.basename(f)}`);
    assert.equal(bytes.indexOf(Buffer.from('another-secret-4455')), -1);
  }
  assert.ok(searched >= 2, 'the database and its backup were searched');
  // The sealed box is there, with a 24-byte nonce.
  assert.equal(sql(s.db, 'SELECT length(cred_nonce) FROM social_accounts WHERE id = 1'), '24');
  assert.ok(Number(sql(s.db, 'SELECT length(cred_box) FROM social_accounts WHERE id = 1')) > 16);
});

test('a box moved to another account does not open (the account id is bound in)', async () => {
  const mod = await s.login('moderator@demo.school');
  sql(s.db, `UPDATE social_accounts SET cred_nonce = (SELECT cred_nonce FROM social_accounts WHERE id = 1),
    cred_box = (SELECT cred_box FROM social_accounts WHERE id = 1) WHERE id = 2`);
  const r = await mod.post('/accounts/2/credentials/reveal', { password: 'staffroom-demo' });
  assert.equal(r.status, 500);
  assert.equal(r.body.error, "The credentials cannot be read with this server's key file.");
  assert.ok(!r.text.includes(SECRET.password));
});

test('a server with another key file refuses to start and says so, writing nothing', async () => {
  await s.stop({ keep: true });
  const otherKey = path.join(s.dir, 'other.key');
  const made = cli(['init', '--db', path.join(s.dir, 'other.db'), '--key-file', otherKey]);
  assert.equal(made.code, 0, made.stderr);
  const audits = count(s.db, 'audit', '1');
  await assert.rejects(launch({ dir: s.dir, db: s.db, args: ['--key-file', otherKey] }),
    /does not verify with the key file .*other\.key: none of its newest rows does, so the key file is not the one this log was made with/);
  assert.equal(count(s.db, 'audit', '1'), audits);
  // The right key still opens them.
  s = await launch({ dir: s.dir, db: s.db });
  const mod = await s.login('moderator@demo.school');
  const r = await mod.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' });
  assert.equal(r.status, 200);
  assert.equal(r.body.credentials.password, SECRET.password);
});

test('once the account is closed, its former lead and contributors reveal nothing; the moderator still can', async () => {
  const t = await startServer();
  try {
    const mod = await t.login('moderator@demo.school');
    assert.equal((await mod.post('/accounts/1/credentials', SECRET)).status, 200);
    qualify(t.db, 'teacher@demo.school');
    assert.equal((await mod.post('/accounts/1/contributors', { email: 'teacher@demo.school' })).status, 201);
    const lead = await t.login('science@demo.school');
    assert.equal((await lead.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' })).status, 200);
    assert.equal((await mod.post('/accounts/1/close', CLOSE_TICKED)).status, 200);
    const before = auditRows(t.db, 'account.credentials_reveal').length;
    const contributor = await t.login('teacher@demo.school');
    for (const c of [lead, contributor]) {
      const r = await c.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' });
      assert.equal(r.status, 404, r.text);
      assert.ok(!r.text.includes(SECRET.password));
      assert.equal((await c.get('/accounts/1')).body.can_credentials, false);
    }
    assert.equal(auditRows(t.db, 'account.credentials_reveal').length, before);
    const r = await mod.post('/accounts/1/credentials/reveal', { password: 'staffroom-demo' });
    assert.equal(r.body.credentials.password, SECRET.password);
  } finally { await t.stop(); }
});
