// Requests that reach the server at the same instant: a double click on a slow school network,
// two moderators on one account.  Each change is made once; the others are refused with a 409 in
// the page's words, never a 503 "nothing was saved" (it was), never a change after a close.
// Races are hit in some tries, not all: each test makes enough tries to meet one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, PASSWORD } from './lib.mjs';
import { together } from './raw_http.mjs';
import { CLOSE_TICKED } from './account_lib.mjs';

const n = (db, q) => Number(sql(db, q));
const CLOSED = 'This account has been closed; it can no longer be changed.';

test('a close sent with an edit, a transfer or another close: closed once, nothing after it', async () => {
  const s = await startServer();
  try {
    const m1 = await s.login('moderator@demo.school');
    const m2 = await s.login('moderator@demo.school');
    const lead = sql(s.db, 'SELECT lead_id FROM social_accounts WHERE id = 1');
    for (let i = 0; i < 45; i++) {
      sql(s.db, `INSERT INTO social_accounts(platform, name, department, lead_id, visibility, status,
        created_at) VALUES ('instagram', 'race_${i}', 'Science', ${lead}, 'open', 'active', '2026-01-01T00:00:00Z')`);
      const id = n(s.db, 'SELECT max(id) FROM social_accounts');
      const other = [
        { path: `/accounts/${id}`, form: { name: `race_${i}`, url: '', status: 'active' } },
        { path: `/accounts/${id}/close`, form: CLOSE_TICKED },
        { path: `/accounts/${id}/transfer`, form: { lead: 'head@demo.school' } },
      ][i % 3];
      const told0 = n(s.db, "SELECT count(*) FROM notifications WHERE kind = 'account_lead'");
      const answers = await together(s.url, [{ path: `/accounts/${id}/close`, form: CLOSE_TICKED, client: m1 },
        ...[1, 2, 3].map(() => ({ ...other, client: m2 }))]);
      const what = `try ${i}: ${answers.map((a) => a.status)}`;
      for (const a of answers) {
        assert.ok([200, 409].includes(a.status), what);
        if (a.status === 409 && i % 3 !== 2) assert.equal(a.body.error, CLOSED, what);
      }
      const closeOk = answers[0].status === 200;
      assert.equal(sql(s.db, `SELECT status FROM social_accounts WHERE id = ${id}`),
        closeOk || i % 3 === 1 ? 'closed' : 'active', what);
      assert.equal(n(s.db, `SELECT count(*) FROM audit WHERE action = 'account.close'
        AND object = 'accounts/${id}'`), 1 - (!closeOk && i % 3 !== 1), `${what}: closed once`);
      const after = n(s.db, `SELECT count(*) FROM audit WHERE action IN ('account.edit', 'account.transfer')
        AND object = 'accounts/${id}' AND id > (SELECT coalesce(min(id), 1e18) FROM audit
        WHERE action = 'account.close' AND object = 'accounts/${id}')`);
      assert.equal(after, 0, `${what}: nothing changed after the close`);
      const changes = answers.slice(1).filter((a) => a.status === 200).length;
      if (i % 3 === 2) {
        assert.ok(changes <= 1, `${what}: one transfer`);
        assert.equal(n(s.db, "SELECT count(*) FROM notifications WHERE kind = 'account_lead'") - told0,
          changes, `${what}: the new lead told once, only of a transfer kept`);
      }
    }
  } finally {
    await s.stop();
  }
});

test('the same button pressed three times at once: done once, the others told so (409)', async () => {
  const s = await startServer();
  try {
    const admin = await s.login('admin@demo.school');
    const head = await s.login('head@demo.school');
    const vid = n(s.db, 'SELECT id FROM policy_versions WHERE policy_id = 1 ORDER BY number DESC LIMIT 1');
    const today = sql(s.db, "SELECT date('now')");
    const rows = (action) => n(s.db, `SELECT count(*) FROM audit WHERE action = '${action}'`);
    const thrice = (client, path, form) => together(s.url, [0, 1, 2].map(() => ({ path, form, client })));
    const once = (answers, status, words, what) => {
      const st = answers.map((a) => a.status);
      assert.equal(st.filter((x) => x === status).length, 1, `${what}: ${st}`);
      assert.equal(st.filter((x) => x === 409).length, 2, `${what}: ${st}`);
      for (const a of answers.filter((x) => x.status === 409)) assert.equal(a.body.error, words, what);
    };
    for (let i = 0; i < 8; i++) {
      const email = `leaver${i}@demo.school`;
      const id = (await admin.post('/admin/staff', { email, name: `Leaver ${i}`, staff_type: 'teacher' })).body.user.id;
      let r0 = rows('staff.deactivate');
      once(await thrice(admin, `/admin/staff/${id}/deactivate`, {}), 200,
        'This person has already been deactivated.', `deactivate ${i}`);
      assert.equal(rows('staff.deactivate') - r0, 1, 'deactivated once');
      r0 = rows('staff.reactivate');
      once(await thrice(admin, `/admin/staff/${id}/reactivate`, {}), 200,
        'This person is active already.', `reactivate ${i}`);
      assert.equal(rows('staff.reactivate') - r0, 1, 'reactivated once');
      const pw = 'correct horse battery staple 42';
      assert.equal((await admin.post(`/admin/staff/${id}/password`, { password: pw, your_password: PASSWORD })).status, 200);
      const t = await s.login(email, pw);
      const told0 = n(s.db, "SELECT count(*) FROM notifications WHERE kind = 'aup_decline'");
      once(await thrice(t, '/aup/decline', { version_id: String(vid), reason: 'Section 4 is unclear.' }), 201,
        'You have already said that you do not agree to this version.', `decline ${i}`);
      assert.equal(n(s.db, "SELECT count(*) FROM notifications WHERE kind = 'aup_decline'") - told0, 1,
        'the headteacher told once');
      once(await thrice(head, '/aup/compliance/paper', { email, version_id: String(vid), paper_date: today }), 201,
        'This person has already signed this version.', `paper ${i}`);
      assert.equal(n(s.db, `SELECT count(*) FROM signatures WHERE user_id = ${id} AND version_id = ${vid}`), 1);
    }
  } finally {
    await s.stop();
  }
});
