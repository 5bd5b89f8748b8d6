// Subject access: `staffroom export --person EMAIL` gives everything held
// about one person as JSON: their own records in full; what others reported
// about them only listed; never a secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, sql } from './lib.mjs';
import { file } from './concern_helpers.mjs';
import { rmSync } from 'node:fs';
import path from 'node:path';

test('export: own records in full, concerns about them listed without content, no secrets', async () => {
  const s = await startServer();
  let db;
  try {
    const teacher = await s.login('teacher@demo.school');
    const science = await s.login('science@demo.school');
    await file(teacher, { category: 'other', summary: 'Teacher-own-report-4412', details: 'Own words 8812' });
    await file(science, { category: 'staff_conduct', summary: 'About-teacher-3391', details: 'Third-party words 5521',
      about: 'teacher@demo.school' });
    const enrol = await teacher.get('/account/2fa');
    assert.equal(enrol.status, 200);
    db = s.db;
  } finally {
    await s.stop({ keep: true });
  }
  try {
    const r = cli(['export', '--db', db, '--person', 'teacher@demo.school']);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.profile.email, 'teacher@demo.school');
    assert.deepEqual(e.profile.roles, ['staff']);
    assert.equal(e.profile.has_password, 1);
    assert.equal(e.profile.two_factor.confirmed_at, null, 'enrolment started, not finished');
    const own = e.concerns_reported.find((c) => c.summary === 'Teacher-own-report-4412');
    assert.ok(own, 'their own report, in full');
    assert.equal(own.details, 'Own words 8812');
    assert.ok(own.events.every((ev) => ev.action !== 'note'), 'internal notes are not included');
    const about = sql(db, "SELECT about_id FROM concerns WHERE summary = 'About-teacher-3391'");
    assert.equal(about, sql(db, "SELECT id FROM users WHERE email = 'teacher@demo.school'"));
    assert.equal(e.concerns_about_them_for_review.length, 1, 'listed for the data-protection officer');
    assert.match(e.concerns_about_them_for_review[0].reference, /^C-\d{4}-\d{6}$/);
    const text = JSON.stringify(e.concerns_about_them_for_review);
    assert.ok(!text.includes('About-teacher-3391') && !text.includes('5521') && !text.includes('science@'),
      'what another person wrote, and who they are, is not exported');
    const all = r.stdout;
    for (const secret of ['password_hash', '$argon2', 'nonce', 'code_hash', 'token_hash', 'cred_box'])
      assert.ok(!all.includes(secret), `export holds ${secret}`);
    assert.ok(!all.includes(sql(db, "SELECT hex(box) FROM totp LIMIT 1")));
    assert.ok(Array.isArray(e.signatures) && Array.isArray(e.training) && Array.isArray(e.notifications));
    assert.ok(e.sign_in_activity.some((a) => a.action === 'login'));
    assert.ok(e.filtering_requests.some((f) => f.site === 'games-unblocked.example' && f.decision === 'done'),
      'their requests to block or unblock a site');
    assert.ok(Array.isArray(e.exception_requests) && Array.isArray(e.lessons_authorised));
    assert.ok(e.fault_reports.some((f) => f.equipment === 'Classroom projector' && f.stops_work === 1 && f.outcome === null),
      'the faults they reported');
    assert.ok(e.images_on_own_device.some((i) => /netball/.test(i.event) && i.cleared_at), 'their images records');

    const none = cli(['export', '--db', db, '--person', 'nobody@demo.school']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no one with that e-mail/);
    assert.equal(cli(['export', '--db', db]).code, 2);
  } finally {
    rmSync(path.dirname(db), { recursive: true, force: true });
  }
});
