// Two-factor sign-in: enrolment with a QR code, the half-signed-in state,
// recovery codes, throttling, required roles and the administrator's reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, sql, Client, PASSWORD } from './lib.mjs';
import { totp, nowStep } from './totp_lib.mjs';

// Enrols a signed-in client; returns { secret, codes, step }.
async function enrol(c) {
  const page = await c.get('/account/2fa');
  assert.equal(page.status, 200);
  assert.equal(page.body.enrolled, false);
  const secret = page.body.secret;
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const step = nowStep();
  const r = await c.post('/account/2fa/confirm', { code: totp(secret, step) });
  assert.equal(r.status, 201, r.text);
  return { secret, codes: r.body.recovery_codes, step };
}

// Password, then code: returns the signed-in client.
async function signInWithCode(s, email, code) {
  const c = s.client();
  const r = await c.login(email);
  assert.equal(r.status, 200);
  assert.equal(r.body.second_factor, true);
  const done = await c.post('/login/code', { code });
  if (done.status === 200) c.csrf = done.body.csrf;
  return { c, done };
}

// A password the rules accept (the demo's is refused: it contains "staffroom").
const HEAD_PASSWORD = 'orchard kettle drum';

test('a new school requires a second factor of leaders; enrolment shows a QR code and the secret', async () => {
  const s = await startServer({ demo: false });
  try {
    const add = cli(['user', 'add', '--db', s.db, '--email', 'head@school.test', '--name', 'Jo Head',
      '--role', 'headteacher', '--role', 'admin', '--password-stdin'], { input: `${HEAD_PASSWORD}\n` });
    assert.equal(add.code, 0, add.stderr);
    assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'require_2fa_roles'"),
      'headteacher,dsl,slt,moderator,chair,admin,dpo');
    const c = await s.login('head@school.test', HEAD_PASSWORD);
    // Every page sends them to enrolment first.
    const home = await c.page('/');
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/account/2fa');
    const api = await c.get('/admin/staff');
    assert.equal(api.status, 403);
    assert.match(api.body.error, /two-factor/);
    const post = await c.post('/admin/closures', { day: '2027-01-04', label: 'INSET' });
    assert.equal(post.status, 403);
    assert.equal(sql(s.db, 'SELECT count(*) FROM closure_days'), '0');

    const html = await c.page('/account/2fa');
    assert.equal(html.status, 200);
    const secret = (await c.get('/account/2fa')).body.secret;
    assert.ok(html.text.includes(secret), 'the secret is written on the page');
    assert.ok(html.text.includes('src="/account/2fa/qr.svg"'));
    const qr = await c.request('GET', '/account/2fa/qr.svg', { json: false });
    assert.equal(qr.status, 200);
    assert.match(qr.headers.get('content-type'), /^image\/svg\+xml/);
    assert.match(qr.text, /^<\?xml[\s\S]*<svg [\s\S]*<path fill="#000" d="M/);
    // The secret is sealed in the database, never stored in clear.
    assert.equal(sql(s.db, `SELECT count(*) FROM totp WHERE instr(CAST(box AS TEXT), '${secret}') > 0`), '0');
    assert.equal(sql(s.db, 'SELECT length(box) FROM totp'), String(32 + 16));

    const wrong = await c.post('/account/2fa/confirm', { code: totp(secret, nowStep() + 5) });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.field, 'code');
    const bad = await c.post('/account/2fa/confirm', { code: 'abcdef' });
    assert.equal(bad.status, 400);
    assert.equal(sql(s.db, 'SELECT count(*) FROM totp WHERE confirmed_at IS NOT NULL'), '0');

    const r = await c.post('/account/2fa/confirm', { code: totp(secret) });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.recovery_codes.length, 10);
    assert.equal(new Set(r.body.recovery_codes).size, 10);
    for (const code of r.body.recovery_codes) {
      assert.match(code, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      assert.equal(sql(s.db, `SELECT count(*) FROM recovery_codes WHERE code_hash LIKE '%${code}%'`), '0');
    }
    assert.equal(sql(s.db, 'SELECT count(*) FROM recovery_codes WHERE used_at IS NULL'), '10');
    assert.equal((await c.page('/')).status, 200);
    assert.equal((await c.get('/account/2fa/qr.svg')).status, 404, 'no QR code once enrolled');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = '2fa.enrol'"), '1');
  } finally {
    await s.stop();
  }
});

test('a secret not yet confirmed belongs to the session shown it; a new password discards it', async () => {
  const s = await startServer();
  try {
    sql(s.db, "UPDATE settings SET value = 'dsl' WHERE key = 'require_2fa_roles'");
    // Someone with only the password reads the secret before the owner enrols.
    const intruder = await s.login('dsl@demo.school');
    const seen = (await intruder.get('/account/2fa')).body.secret;
    assert.equal((await intruder.get('/account/2fa')).body.secret, seen, 'reloading shows the same one');
    // The owner, in their own session, is shown another, and the intruder's no longer confirms.
    const owner = await s.login('dsl@demo.school');
    const shown = (await owner.get('/account/2fa')).body.secret;
    assert.notEqual(shown, seen);
    assert.equal((await intruder.post('/account/2fa/confirm', { code: totp(seen) })).status, 400);
    assert.equal((await intruder.request('GET', '/account/2fa/qr.svg', { json: false })).status, 404);
    assert.equal((await owner.post('/account/2fa/confirm', { code: totp(shown) })).status, 201);
    const { done } = await signInWithCode(s, 'dsl@demo.school', totp(seen, nowStep() + 1));
    assert.equal(done.status, 401);

    // An administrator's new password discards a secret still being set up.
    const teacher = await s.login('teacher@demo.school');
    assert.ok((await teacher.get('/account/2fa')).body.secret);
    const uid = sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
    assert.equal(sql(s.db, `SELECT count(*) FROM totp WHERE user_id = ${uid}`), '1');
    const admin = await s.login('admin@demo.school');
    assert.equal((await admin.post(`/admin/staff/${uid}/password`, { password: 'orchard kettle drum 7', your_password: PASSWORD })).status, 200);
    assert.equal(sql(s.db, `SELECT count(*) FROM totp WHERE user_id = ${uid}`), '0');
  } finally {
    await s.stop();
  }
});

test('signing in takes the password, then a code; the half-signed-in state can do nothing else', async () => {
  const s = await startServer();
  try {
    const { secret, step } = await enrol(await s.login('teacher@demo.school'));
    const c = s.client();
    const r = await c.login('teacher@demo.school');
    assert.equal(r.status, 200);
    assert.equal(r.body.second_factor, true);
    assert.equal(r.body.user, undefined);
    assert.equal((await c.get('/')).status, 401);
    const page = await c.page('/aup');
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/login/code');
    assert.equal((await c.post('/notifications/read')).status, 401);
    assert.equal((await c.post('/logout')).status, 401);
    const form = await c.page('/login/code');
    assert.equal(form.status, 200);
    assert.match(form.text, /name="code"/);
    // Without the CSRF token of the pending sign-in the code is not even looked at.
    assert.equal((await c.post('/login/code', { code: totp(secret, step + 1) }, { csrf: 'x'.repeat(43) })).status, 403);

    const wrong = await c.post('/login/code', { code: '000000' === totp(secret, step + 1) ? '111111' : '000000' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.field, 'code');
    // The code used to enrol cannot be used again.
    assert.equal((await c.post('/login/code', { code: totp(secret, step) })).status, 401);
    const ok = await c.post('/login/code', { code: totp(secret, step + 1) });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.user.email, 'teacher@demo.school');
    assert.equal(sql(s.db, "SELECT roles FROM audit WHERE action = 'login' ORDER BY id DESC LIMIT 1"), 'staff',
      'the sign-in after the code is recorded with the roles signed in with');
    c.csrf = ok.body.csrf;
    assert.equal((await c.get('/')).status, 200);
    assert.equal(sql(s.db, 'SELECT count(*) FROM pending_logins'), '0');
    // Replaying the same code in a new sign-in is refused.
    const again = await signInWithCode(s, 'teacher@demo.school', totp(secret, step + 1));
    assert.equal(again.done.status, 401);
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'login.code_failed' AND object = 'teacher@demo.school'"), '3');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'login.second_factor'"), '1');
  } finally {
    await s.stop();
  }
});

test('a browser is taken from the password to the code page and back to where it was going', async () => {
  const s = await startServer();
  try {
    const { secret, step } = await enrol(await s.login('science@demo.school'));
    const c = s.client();
    const r = await c.request('POST', '/login', { json: false, csrf: false,
      form: { email: 'science@demo.school', password: PASSWORD, next: '/training' } });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/login/code');
    const form = await c.page('/login/code');
    const csrf = form.text.match(/name="csrf" value="([^"]+)"/)[1];
    const wrong = await c.request('POST', '/login/code', { json: false, csrf, form: { code: 'nothing-like-it' } });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /That code is not right/);
    const ok = await c.request('POST', '/login/code', { json: false, csrf, form: { code: totp(secret, step + 1) } });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/training');
    assert.equal((await c.page('/training')).status, 200);
  } finally {
    await s.stop();
  }
});

test('recovery codes work once each, and wrong codes are throttled', async () => {
  const s = await startServer();
  try {
    const { codes } = await enrol(await s.login('ta@demo.school'));
    const first = await signInWithCode(s, 'ta@demo.school', codes[0].toUpperCase().replace(/-/g, ' '));
    assert.equal(first.done.status, 200, first.done.text);
    assert.equal(sql(s.db, 'SELECT count(*) FROM recovery_codes WHERE used_at IS NOT NULL'), '1');
    const reused = await signInWithCode(s, 'ta@demo.school', codes[0]);
    assert.equal(reused.done.status, 401);

    const c = reused.c;
    assert.equal((await c.post('/login/code', { code: '12345x' })).status, 401);
    assert.equal((await c.post('/login/code', { code: 'aaaa-bbbb-cccc-dddd' })).status, 401);
    const slowed = await c.post('/login/code', { code: codes[1] });
    assert.equal(slowed.status, 429, 'after three failures even a right code waits');
    assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
    assert.equal(sql(s.db, 'SELECT count(*) FROM recovery_codes WHERE used_at IS NOT NULL'), '1');
    await new Promise((res) => setTimeout(res, 1100));
    const after = await c.post('/login/code', { code: codes[1] });
    assert.equal(after.status, 200, after.text);

    // New codes need the password, and replace the old ones.
    c.csrf = after.body.csrf;
    const none = await c.post('/account/2fa/recovery-codes', {});
    assert.equal(none.status, 400);
    assert.equal(none.body.field, 'password');
    assert.equal(none.body.error, 'Enter your password.');
    assert.equal((await c.post('/account/2fa/recovery-codes', { password: 'not the password' })).status, 403);
    const fresh = await c.post('/account/2fa/recovery-codes', { password: PASSWORD });
    assert.equal(fresh.status, 200);
    assert.equal(fresh.body.recovery_codes.length, 10);
    assert.equal(sql(s.db, 'SELECT count(*) FROM recovery_codes'), '10');
    assert.equal(sql(s.db, 'SELECT count(*) FROM recovery_codes WHERE used_at IS NOT NULL'), '0');
    const old = await signInWithCode(s, 'ta@demo.school', codes[2]);
    assert.equal(old.done.status, 401);
  } finally {
    await s.stop();
  }
});

test('an administrator requires roles and resets a second factor (audited); nobody resets their own', async () => {
  const s = await startServer();
  try {
    const admin = await s.login('admin@demo.school');
    const head = await s.login('head@demo.school');
    assert.equal((await head.get('/')).status, 200, 'the demo school requires nothing');
    assert.equal((await head.post('/admin/two-factor', { role: 'teacher' })).status, 403);
    assert.equal((await admin.post('/admin/two-factor', { role: 'janitor' })).status, 400);
    const set = await admin.post('/admin/two-factor', [['role', 'headteacher'], ['role', 'dsl']]);
    assert.equal(set.status, 200);
    assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'require_2fa_roles'"), 'headteacher,dsl');
    assert.equal((await head.page('/concerns')).headers.get('location'), '/account/2fa');
    assert.equal((await admin.get('/admin/staff')).status, 200, 'admin is not in the list now');

    await enrol(head);
    assert.equal((await head.get('/concerns')).status, 200);
    // Required roles cannot turn it off.
    assert.equal((await head.post('/account/2fa/remove', { password: PASSWORD })).status, 409);

    const html = await admin.page('/admin/two-factor');
    assert.equal(html.status, 200);
    assert.match(html.text, /head@demo\.school/);
    assert.match(html.text, /name="role" value="headteacher" checked/);
    // Every cell says something: no role beyond staff, and no second factor to reset.
    await enrol(await s.login('science@demo.school'));
    const people = (await admin.page('/admin/two-factor')).text;
    const rowOf = (email) => people.match(new RegExp(`<tr><td>[^<]*<br><span class="muted">${email.replace(/\./g, '\\.')}</span></td>[^]*?</tr>`))[0];
    assert.match(rowOf('science@demo.school'), /<\/span><\/td><td>None<\/td>/);
    assert.match(rowOf('admin@demo.school'), /<td>Off<\/td>\s*<td>Not turned on<\/td><\/tr>$/);
    assert.doesNotMatch(people, /<td>\s*<\/td>/);
    assert.match(people, /<div class="table-scroll" tabindex="0"><table class="data"><caption>People with a role or a second factor<\/caption>[^]*?<\/table><\/div>/,
      'the table scrolls in its own box on a phone');
    // One recovery code left reads as one, on the person's page and the administrator's.
    assert.match(rowOf('head@demo.school'), /\(10 recovery codes left\)/);
    sql(s.db, "UPDATE recovery_codes SET used_at = '2026-01-01T00:00:00Z' WHERE user_id = " +
      "(SELECT id FROM users WHERE email = 'head@demo.school') AND code_hash > (SELECT min(code_hash) " +
      "FROM recovery_codes WHERE user_id = (SELECT id FROM users WHERE email = 'head@demo.school'))");
    assert.match((await admin.page('/admin/two-factor')).text, /\(1 recovery code left\)/);
    assert.match((await head.page('/account/2fa')).text, /<p>You have 1 unused recovery code\.<\/p>/);
    const list = await admin.get('/admin/two-factor');
    const row = list.body.people.find((p) => p.email === 'head@demo.school');
    assert.equal(row.enrolled, true);
    assert.equal(row.required, true);
    assert.equal((await admin.post(`/admin/two-factor/${row.id}/reset`, {})).status, 400, 'a reason is required');
    // Too long: the page again, the reason as typed and its error in that person's row only.
    const long = 'Lost phone '.repeat(30);
    const tooLong = await admin.post(`/admin/two-factor/${row.id}/reset`, { reason: long }, { json: false });
    assert.equal(tooLong.status, 400);
    const rowHtml = tooLong.text.match(new RegExp(`<form method="post" action="/admin/two-factor/${row.id}/reset">[^]*?</form>`))[0];
    assert.match(rowHtml, /<label for="f-reason">Reason<\/label>/, 'the row sent takes the ids the error summary links to');
    assert.match(rowHtml, /class="field-error" id="e-reason"/);
    assert.ok(rowHtml.includes(`value="${long}"`), 'the reason typed is kept');
    assert.equal((tooLong.text.match(/id="e-reason"/g) || []).length, 1, 'one error, beside the field');
    assert.match(tooLong.text, /<li><a href="#f-reason">/, 'the summary links to that row\'s reason');
    const selfId = list.body.people.find((p) => p.email === 'admin@demo.school').id;
    const teacherId = sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
    assert.equal((await admin.post(`/admin/two-factor/${teacherId}/reset`, { reason: 'x' })).status, 409);
    assert.equal((await admin.post('/admin/two-factor/99999/reset', { reason: 'x' })).status, 404);
    const reset = await admin.post(`/admin/two-factor/${row.id}/reset`, { reason: 'Lost her phone on a trip', your_password: PASSWORD });
    assert.equal(reset.status, 200);
    assert.equal(sql(s.db, `SELECT count(*) FROM totp WHERE user_id = ${row.id}`), '0');
    assert.equal(sql(s.db, `SELECT count(*) FROM recovery_codes WHERE user_id = ${row.id}`), '0');
    assert.equal(sql(s.db, "SELECT detail FROM audit WHERE action = '2fa.reset' AND object = 'head@demo.school'"),
      'reason: Lost her phone on a trip');
    assert.equal((await head.get('/')).status, 401, 'the reset ended her sessions');
    // She signs in with the password alone and is sent to enrol again.
    const again = await s.login('head@demo.school');
    assert.equal((await again.page('/')).headers.get('location'), '/account/2fa');

    // An administrator with a second factor cannot reset their own.
    await admin.post('/admin/two-factor', [['role', 'admin']]);
    await enrol(admin);
    const mine = await admin.post(`/admin/two-factor/${selfId}/reset`, { reason: 'mine' });
    assert.equal(mine.status, 409);
    assert.equal(sql(s.db, `SELECT count(*) FROM totp WHERE user_id = ${selfId}`), '1');
    assert.equal(cli(['audit', 'verify', '--db', s.db]).code, 0);
  } finally {
    await s.stop();
  }
});

// Without her second factor, the head's password alone signs her in: the
// administrator types their own password again, as when choosing someone's.
test('resetting a second factor asks the administrator for their own password, slowed as at sign-in', async () => {
  const s = await startServer();
  try {
    const admin = await s.login('admin@demo.school');
    const head = await s.login('head@demo.school');
    await enrol(head);
    const id = sql(s.db, "SELECT id FROM users WHERE email = 'head@demo.school'");
    const untouched = (why) => {
      assert.equal(sql(s.db, `SELECT count(*) FROM totp WHERE user_id = ${id} AND confirmed_at IS NOT NULL`), '1', why);
      assert.equal(sql(s.db, `SELECT count(*) FROM recovery_codes WHERE user_id = ${id} AND used_at IS NULL`), '10', why);
      assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = '2fa.reset'"), '0', why);
    };
    const reset = (fields, options) => admin.post(`/admin/two-factor/${id}/reset`, { reason: 'Lost her phone', ...fields }, options);

    // The form asks for it, labelled, in each row.
    assert.equal((await admin.get('/admin/two-factor')).body.ask_password, true);
    const page = (await admin.page('/admin/two-factor')).text;
    assert.ok(page.includes(`<label for="p-${id}">Your own password</label>`), 'labelled');
    assert.ok(page.includes(`<input id="p-${id}" name="your_password" type="password" autocomplete="current-password" required aria-describedby="h-your_password">`));
    assert.match(page, /<p class="hint" id="h-your_password">[^<]*asks for your own password/);

    const none = await reset({});
    assert.deepEqual([none.status, none.body.field, none.body.error], [400, 'your_password', 'Enter your password.']);
    untouched('no password typed');
    const wrong = await reset({ your_password: 'not mine at all' });
    assert.deepEqual([wrong.status, wrong.body.field, wrong.body.error], [403, 'your_password', 'That password is not right.']);
    untouched('a wrong password');
    assert.equal((await head.get('/')).status, 200, 'her sessions go on');
    // A browser is shown the page again: the error beside the password in her row, the reason kept.
    const again = await reset({ your_password: 'still not mine' }, { json: false });
    assert.equal(again.status, 403);
    const row = again.text.match(new RegExp(`<form method="post" action="/admin/two-factor/${id}/reset">[^]*?</form>`))[0];
    assert.ok(row.includes('<label for="f-your_password">Your own password</label>'));
    assert.ok(row.includes('<p class="field-error" id="e-your_password">That password is not right.</p>'));
    assert.ok(row.includes('aria-describedby="h-your_password e-your_password" aria-invalid="true"'));
    assert.ok(row.includes('value="Lost her phone"'), 'the reason typed is kept');
    assert.ok(!again.text.includes('still not mine'), 'the password typed is not');
    assert.match(again.text, /<a href="#f-your_password">That password is not right\.<\/a>/);
    assert.equal((again.text.match(/id="e-your_password"/g) || []).length, 1, 'one error, in her row');
    untouched('a wrong password from the page');

    // Guesses are counted as at sign-in: after three, even the right password waits.
    assert.equal((await reset({ your_password: 'a third guess' })).status, 403);
    const slowed = await reset({ your_password: PASSWORD });
    assert.deepEqual([slowed.status, slowed.body.field], [429, 'your_password']);
    assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
    untouched('the right password while slowed');
    await new Promise((res) => setTimeout(res, 1100));
    const done = await reset({ your_password: PASSWORD });
    assert.equal(done.status, 200, done.text);
    assert.equal(sql(s.db, `SELECT count(*) FROM totp WHERE user_id = ${id}`), '0');
    assert.equal(sql(s.db, `SELECT count(*) FROM recovery_codes WHERE user_id = ${id}`), '0');
    assert.equal(sql(s.db, "SELECT detail FROM audit WHERE action = '2fa.reset'"), 'reason: Lost her phone');
    assert.equal((await head.get('/')).status, 401, 'the reset ended her sessions');
  } finally {
    await s.stop();
  }
});

test('someone whose role does not need it may turn two-factor sign-in off with their password', async () => {
  const s = await startServer();
  try {
    const c = await s.login('volunteer@demo.school');
    // Enrolled through the pages, as a browser does: the codes are shown once, on a page.
    const secret = (await c.get('/account/2fa')).body.secret;
    const shown = await c.request('POST', '/account/2fa/confirm', { json: false, form: { code: totp(secret) } });
    assert.equal(shown.status, 201);
    assert.equal((shown.text.match(/<li><code>[a-z2-9-]{19}<\/code><\/li>/g) || []).length, 10);
    const status = await c.page('/account/2fa');
    assert.match(status.text, /You have 10 unused recovery codes/);
    assert.equal((await c.post('/account/2fa/remove', { password: 'wrong password!' })).status, 403);
    // The page again: the problem is in "Turn off", whose password box the summary links to,
    // not in "New recovery codes", which asks for the password too.
    const wrong = await c.request('POST', '/account/2fa/remove', { json: false, form: { password: 'wrong password!' } });
    assert.equal(wrong.status, 403);
    assert.match(wrong.text, /<li><a href="#f-password-off">[^<]+<\/a><\/li>/);
    const [codes, remove] = [...wrong.text.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0])
      .filter((f) => /action="\/account\/2fa\/(recovery-codes|remove)"/.test(f));
    assert.match(remove, /<p class="field-error" id="e-password-off">/);
    assert.match(remove, /id="f-password-off"[^>]*aria-describedby="e-password-off" aria-invalid="true"/);
    assert.doesNotMatch(codes, /field-error|has-error|aria-invalid/);
    const off = await c.post('/account/2fa/remove', { password: PASSWORD });
    assert.equal(off.status, 200);
    assert.equal(sql(s.db, 'SELECT count(*) FROM totp'), '0');
    const plain = new Client(s.url);
    const r = await plain.login('volunteer@demo.school');
    assert.equal(r.status, 200);
    assert.equal(r.body.user.email, 'volunteer@demo.school');
  } finally {
    await s.stop();
  }
});

test('turning off two-factor sign-in that is not on is refused, and writes nothing', async () => {
  const s = await startServer();
  try {
    const head = await s.login('head@demo.school');
    const removals = async () => (await head.get('/audit?action=2fa.remove')).body.audit.length;
    const c = await s.login('teacher@demo.school');
    const off = 'Two-factor sign-in is not on, so there is nothing to turn off.';
    const r = await c.post('/account/2fa/remove', { password: PASSWORD });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.error, off);
    const page = await c.request('POST', '/account/2fa/remove', { json: false, form: { password: PASSWORD } });
    assert.equal(page.status, 409);
    assert.match(page.text, /Two-factor sign-in is not on, so there is nothing to turn off\./);
    assert.equal(await removals(), 0, 'no audit row');
    // On, then turned off twice (a double click): the second is refused the same way.
    await enrol(c);
    assert.equal((await c.post('/account/2fa/remove', { password: PASSWORD })).status, 200);
    const again = await c.post('/account/2fa/remove', { password: PASSWORD });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.error, off);
    assert.equal(await removals(), 1);
    assert.equal((await c.get('/account/2fa')).body.enrolled, false);
  } finally {
    await s.stop();
  }
});

// A code step left for more than five minutes has run out: the person is told so, not that the
// form came from elsewhere, and cancelling it ends it and its cookie whatever state it is in.
test('a code step that ran out says so, and cancelling always clears it', async () => {
  const s = await startServer();
  try {
    const { secret, step } = await enrol(await s.login('teacher@demo.school'));
    const c = s.client();
    assert.equal((await c.login('teacher@demo.school')).body.second_factor, true);
    sql(s.db, 'UPDATE pending_logins SET created_at = created_at - 400');
    const late = await c.post('/login/code', { code: totp(secret, step + 1) });
    assert.equal(late.status, 401, late.text);
    assert.equal(late.body.error, 'Your sign-in has expired. Please sign in again.');
    assert.match(late.headers.get('set-cookie') ?? '', /Max-Age=0/);
    // Cancelling a step that ran out, and one still running.
    const d = s.client();
    assert.equal((await d.login('teacher@demo.school')).body.second_factor, true);
    sql(s.db, 'UPDATE pending_logins SET created_at = created_at - 400');
    const cancelled = await d.post('/login/code/cancel', {}, { csrf: false });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.match(cancelled.headers.get('set-cookie') ?? '', /Max-Age=0/);
    const e = s.client();
    assert.equal((await e.login('teacher@demo.school')).body.second_factor, true);
    assert.equal((await e.post('/login/code/cancel', {}, { csrf: false })).status, 200);
    assert.equal(sql(s.db, 'SELECT count(*) FROM pending_logins'), '0');
    // Another site's form is still refused (the Origin check), and a running step still needs
    // its token.
    const f = s.client();
    assert.equal((await f.login('teacher@demo.school')).body.second_factor, true);
    assert.equal((await f.post('/login/code', { code: totp(secret, step + 1) }, { csrf: false })).status, 403);
    const foreign = await f.request('POST', '/login/code/cancel', { form: {}, csrf: false,
      headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    assert.equal(sql(s.db, 'SELECT count(*) FROM pending_logins'), '1');
    // A code form sent again from another tab after the sign-in finished does not sign them out.
    const done = s.client();
    assert.equal((await done.login('teacher@demo.school')).body.second_factor, true);
    const ok = await done.post('/login/code', { code: totp(secret, nowStep() + 1) });
    assert.equal(ok.status, 200, ok.text);
    done.csrf = ok.body.csrf;
    const stale = await done.post('/login/code', { code: '123456' });
    assert.equal(stale.status, 401);
    assert.doesNotMatch(stale.headers.get('set-cookie') ?? '', /sr_session=;/);
    assert.equal((await done.post('/login/code/cancel', {}, { csrf: false })).status, 200);
    assert.equal((await done.get('/')).status, 200, 'still signed in');
  } finally {
    await s.stop();
  }
});
