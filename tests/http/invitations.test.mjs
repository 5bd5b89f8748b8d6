// Invitations and "Forgot your password?": one-time links e-mailed through
// the outbox to an SMTP sink, stored as hashes only, spent on first use,
// expiring, audited; the forgotten-password page answers the same for every
// address typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, launch, sql, PASSWORD } from './lib.mjs';
import { startSink } from './smtp_sink.mjs';
import { together } from './raw_http.mjs';
import { totp, nowStep } from './totp_lib.mjs';

const BASE = 'https://staffroom.hillside.test';
const mailArgs = (url) => ['--smtp-url', url, '--mail-from', 'staffroom@hillside.test', '--base-url', BASE];
const NEW_PASSWORD = 'a brand new phrase 42';
const sha256 = (t) => createHash('sha256').update(t).digest('hex');
const count = (db, q) => Number(sql(db, q));
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

// The link in the last e-mail to this address.
function linkFor(sink, email) {
  const m = [...sink.messages].reverse().find((x) => x.to.some((t) => t.includes(email)));
  assert.ok(m, `an e-mail reached ${email}`);
  const found = m.data.match(/\/password\/set\?token=([A-Za-z0-9_-]{43})/);
  assert.ok(found, 'the e-mail carries a link');
  return { token: found[1], mail: m };
}

// Waits for an e-mail to this address (other mail, such as the audit log's daily anchor, may come too).
async function mailTo(sink, email, ms = 15000) {
  const until = Date.now() + ms;
  while (!sink.messages.some((m) => m.to.some((t) => t.includes(email)))) {
    if (Date.now() > until) throw new Error(`no e-mail reached ${email}`);
    await sleep(50);
  }
  return linkFor(sink, email);
}

async function addPerson(admin, email, name, department = 'Art') {
  const r = await admin.post('/admin/staff', { email, name, staff_type: 'teacher', department });
  assert.equal(r.status, 201, r.text);
  return r.body.user.id;
}

async function withMail(fn, env = {}) {
  const sink = await startSink();
  const s = await startServer({ args: mailArgs(sink.url), env });
  try {
    await fn(s, sink);
  } finally {
    await s.stop();
    await sink.close();
  }
}

test('an invitation to one person: e-mailed, hash only, works once, signs them in', async () => {
  await withMail(async (s, sink) => {
    const admin = await s.login('admin@demo.school');
    const id = await addPerson(admin, 'newbie@demo.school', 'Nina Newbie');
    const r = await admin.post(`/admin/staff/${id}/invite`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { invited: 1, days: 7 });
    const { token, mail } = await mailTo(sink, 'newbie@demo.school');
    assert.match(mail.data, /^Subject: Choose your staffroom password \(Hillside Academy\)\r$/m);
    assert.ok(mail.data.includes(`${BASE}/password/set?token=${token}`));
    assert.match(mail.data, /Chris Doyle \(admin@demo\.school\) has invited you/);
    assert.match(mail.data, /expires on \d+ \w{3} \d{4}, \d\d:\d\d \(UK time\)/);

    // Only the hash is kept; the e-mail's text goes once it is sent.
    assert.equal(count(s.db, `SELECT count(*) FROM password_links WHERE token_hash = '${sha256(token)}'`), 1);
    assert.equal(sql(s.db, `SELECT purpose || ' ' || sent_by FROM password_links`), 'invitation admin@demo.school');
    assert.equal(count(s.db, "SELECT count(*) FROM password_links WHERE " +
      "julianday(expires_at) - julianday(created_at) BETWEEN 6.999 AND 7.001"), 1);
    let left = 1;
    for (let i = 0; i < 100 && left; i++) {
      left = count(s.db, `SELECT count(*) FROM outbox WHERE instr(body, '${token}') > 0`);
      if (left) await sleep(50);
    }
    assert.equal(left, 0, 'the token is not kept in clear once the e-mail is sent');
    assert.equal(count(s.db, `SELECT count(*) FROM audit WHERE instr(detail || object, '${token}') > 0`), 0);
    assert.equal(count(s.db, "SELECT count(*) FROM audit WHERE action = 'password.invite' AND object = 'newbie@demo.school'"), 1);

    // Opening the link changes nothing (mail scanners open links); the page has the form.
    const guest = s.client();
    const page = await guest.page(`/password/set?token=${token}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`name="token" value="${token}"`));
    assert.match(page.text, /Welcome to staffroom, Nina Newbie/);
    assert.equal(count(s.db, 'SELECT count(*) FROM password_links WHERE used_at IS NULL'), 1);

    const set = await guest.post('/password/set', { token, password: NEW_PASSWORD, password_again: NEW_PASSWORD }, { csrf: false });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.body.user.email, 'newbie@demo.school');
    assert.equal((await guest.get('/')).status, 200, 'signed in');
    assert.equal(count(s.db, "SELECT count(*) FROM audit WHERE action = 'password.link_used' AND object = 'newbie@demo.school'"), 1);
    assert.equal(sql(s.db, "SELECT roles FROM audit WHERE action = 'login' AND actor = 'newbie@demo.school'"), 'staff',
      'signed in by the link, with the roles signed in with');
    assert.equal((await s.client().login('newbie@demo.school', NEW_PASSWORD)).status, 200);

    // A second use is refused with one clear page, and changes nothing.
    const hash = sql(s.db, `SELECT password_hash FROM users WHERE id = ${id}`);
    const again = await s.client().request('POST', '/password/set', {
      form: { token, password: 'another phrase 99', password_again: 'another phrase 99' }, csrf: false, json: false });
    assert.equal(again.status, 410);
    assert.match(again.text, /This link cannot be used/);
    assert.equal((await s.client().page(`/password/set?token=${token}`)).status, 410);
    assert.equal((await s.client().page(`/password/set?token=${'x'.repeat(43)}`)).status, 410);
    assert.equal(sql(s.db, `SELECT password_hash FROM users WHERE id = ${id}`), hash);
  });
});

test('"Save my password" pressed twice: the second is told the password was set, not to ask again', async () => {
  await withMail(async (s, sink) => {
    const admin = await s.login('admin@demo.school');
    const WAS_SET = 'Your password has been set: sign in with it.';
    const invite = async (email) => {
      await admin.post(`/admin/staff/${sql(s.db, `SELECT id FROM users WHERE email = '${email}'`)}/invite`);
      for (let i = 0; i < 300; i++) {
        const m = [...sink.messages].reverse().find((x) => x.to.some((t) => t.includes(email)));
        const t = m?.data.match(/\/password\/set\?token=([A-Za-z0-9_-]{43})/);
        if (t && !sql(s.db, `SELECT used_at FROM password_links WHERE token_hash = '${sha256(t[1])}'`)) return t[1];
        await sleep(50);
      }
      throw new Error(`no new link for ${email}`);
    };
    await addPerson(admin, 'twice@demo.school', 'Tom Twice');
    // One after the other: the browser shows the answer to the second click.
    let token = await invite('twice@demo.school');
    const form = { token, password: NEW_PASSWORD, password_again: NEW_PASSWORD };
    const guest = s.client();
    assert.equal((await guest.request('POST', '/password/set', { form, csrf: false, json: false })).status, 303);
    const second = await s.client().request('POST', '/password/set', { form, csrf: false, json: false });
    assert.equal(second.status, 409);
    assert.ok(second.text.includes(WAS_SET), second.text);
    assert.match(second.text, /<a class="btn" href="\/login">Sign in<\/a>/);
    assert.doesNotMatch(second.text, /This link cannot be used|name="password"/);
    const json = await s.client().post('/password/set', form, { csrf: false });
    assert.equal(json.status, 409);
    assert.deepEqual(json.body, { password_was_set: true, email: 'twice@demo.school', message: WAS_SET });
    assert.equal(count(s.db, "SELECT count(*) FROM audit WHERE action = 'password.link_used' AND object = 'twice@demo.school'"), 1);
    // Another password on the spent link learns nothing; nor does the right one once the moment has passed.
    const other = await s.client().post('/password/set', { token, password: 'another phrase 99', password_again: 'another phrase 99' }, { csrf: false });
    assert.equal(other.status, 410);
    assert.match(other.body.error, /This link cannot be used/);
    sql(s.db, `UPDATE password_links SET used_at = '2020-01-01T00:00:00Z' WHERE token_hash = '${sha256(token)}'`);
    assert.equal((await s.client().post('/password/set', form, { csrf: false })).status, 410);
    // At the same instant: one sets the password and signs in, the others are told it was set.
    for (let i = 0; i < 3; i++) {
      token = await invite('twice@demo.school');
      const f = { token, password: `${NEW_PASSWORD} ${i}`, password_again: `${NEW_PASSWORD} ${i}` };
      const answers = await together(s.url, [0, 1, 2].map(() => ({ path: '/password/set', form: f, client: {} })));
      const st = answers.map((a) => a.status).sort();
      assert.deepEqual(st, [200, 409, 409], `try ${i}: ${st}`);
      for (const a of answers.filter((x) => x.status === 409)) assert.equal(a.body.message, WAS_SET);
    }
  });
});

test('invitations to a filtered list and to everyone who cannot sign in yet', async () => {
  await withMail(async (s, sink) => {
    const admin = await s.login('admin@demo.school');
    await addPerson(admin, 'art1@demo.school', 'Ana Art');
    await addPerson(admin, 'art2@demo.school', 'Ben Art');
    await addPerson(admin, 'music@demo.school', 'Cat Music', 'Music');
    const without = count(s.db, 'SELECT count(*) FROM users WHERE active = 1 AND password_hash IS NULL');
    assert.equal(without, 3);

    const some = await admin.post('/admin/invitations', { to: 'matching', q: 'Art' });
    assert.equal(some.status, 200, some.text);
    assert.equal(some.body.invited, 2);
    await mailTo(sink, 'art2@demo.school');
    const old = (await mailTo(sink, 'art1@demo.school')).token;

    const all = await admin.post('/admin/invitations', { to: 'without_password' });
    assert.equal(all.status, 200, all.text);
    assert.equal(all.body.invited, 3);
    await mailTo(sink, 'music@demo.school');
    const invites = () => sink.messages.filter((m) => /Subject: Choose your staffroom password/.test(m.data));
    for (let i = 0; i < 100 && invites().length < 5; i++) await sleep(50);
    assert.equal(invites().length, 5);
    assert.equal(count(s.db, "SELECT count(*) FROM audit WHERE action = 'password.invite'"), 5);
    // A newer invitation replaces the older one: only the last e-mail works.
    assert.equal(count(s.db, 'SELECT count(*) FROM password_links WHERE used_at IS NULL'), 3);
    assert.equal((await s.client().page(`/password/set?token=${old}`)).status, 410);
    const fresh = linkFor(sink, 'art1@demo.school').token;
    assert.notEqual(fresh, old);
    const guest = s.client();
    const set = await guest.request('POST', '/password/set', {
      form: { token: fresh, password: NEW_PASSWORD, password_again: NEW_PASSWORD }, csrf: false, json: false });
    assert.equal(set.status, 303, 'a browser is sent on, signed in');
    assert.equal((await guest.get('/')).status, 200);
    assert.equal(count(s.db, 'SELECT count(*) FROM users WHERE active = 1 AND password_hash IS NULL'), 2);

    // The staff list offers both; nobody left to match is refused.
    const list = await admin.search('/admin/staff', { q: 'Art' }, { json: false });
    assert.match(list.text, /Invite everyone who cannot sign in yet/);
    assert.match(list.text, /Invite everyone matching this search/);
    const none = await admin.post('/admin/invitations', { to: 'matching', q: 'Nobody-like-this' });
    assert.equal(none.status, 409);
    assert.equal(count(s.db, "SELECT count(*) FROM audit WHERE action = 'password.invite'"), 5);
  });
});

test('a link expires: the default of 7 days and the setting', async () => {
  const sink = await startSink();
  const start = '2026-11-20T10:00:00Z';
  let s = await startServer({ args: mailArgs(sink.url), env: { STAFFROOM_TEST_NOW: start } });
  let links;
  try {
    const admin = await s.login('admin@demo.school');
    const week = await addPerson(admin, 'week@demo.school', 'Wendy Week');
    const short = await addPerson(admin, 'short@demo.school', 'Sam Short');
    assert.equal((await admin.post(`/admin/staff/${week}/invite`)).status, 200);
    const saved = await admin.post('/admin/settings', { invitation_days: '2' });
    assert.equal(saved.status, 200, saved.text);
    assert.equal((await admin.post(`/admin/staff/${short}/invite`)).body.days, 2);
    links = { week: (await mailTo(sink, 'week@demo.school')).token, short: (await mailTo(sink, 'short@demo.school')).token };
    await s.stop({ keep: true });
    s = await launch({ dir: s.dir, db: s.db, args: mailArgs(sink.url), env: { STAFFROOM_TEST_NOW: '2026-11-23T10:00:00Z' } });
    assert.equal((await s.client().page(`/password/set?token=${links.week}`)).status, 200);
    const late = await s.client().post('/password/set', { token: links.short, password: NEW_PASSWORD, password_again: NEW_PASSWORD }, { csrf: false });
    assert.equal(late.status, 410);
    assert.equal(sql(s.db, `SELECT password_hash IS NULL FROM users WHERE id = ${short}`), '1');
    await s.stop({ keep: true });
    s = await launch({ dir: s.dir, db: s.db, args: mailArgs(sink.url), env: { STAFFROOM_TEST_NOW: '2026-11-27T10:00:01Z' } });
    assert.equal((await s.client().page(`/password/set?token=${links.week}`)).status, 410);
  } finally {
    await s.stop();
    await sink.close();
  }
});

test('"Forgot your password?" answers the same for a known, unknown or deactivated address', async () => {
  await withMail(async (s, sink) => {
    const admin = await s.login('admin@demo.school');
    const gone = await addPerson(admin, 'gone@demo.school', 'Gail Gone');
    await admin.post(`/admin/staff/${gone}/password`, { password: NEW_PASSWORD, your_password: PASSWORD });
    assert.equal((await admin.post(`/admin/staff/${gone}/deactivate`)).status, 200);
    const login = await s.client().page('/login');
    assert.match(login.text, /href="\/password\/forgot"/);
    assert.equal((await s.client().page('/password/forgot')).status, 200);

    const teacher = await s.login('teacher@demo.school'); // a session that the reset must end
    const answers = [];
    for (const email of ['teacher@demo.school', 'nobody@demo.school', 'gone@demo.school']) {
      const html = await s.client().request('POST', '/password/forgot', { form: { email }, csrf: false, json: false });
      const json = await s.client().post('/password/forgot', { email }, { csrf: false });
      answers.push([html.status, html.text.replace(/name="csrf" value="[^"]*"/g, ''), json.status, JSON.stringify(json.body)]);
    }
    assert.equal(answers[0][0], 200);
    assert.match(answers[0][1], /an e-mail with a link to choose a new password is on its way/);
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);

    const resets = () => sink.messages.filter((m) => /^Subject: Reset your staffroom password \(Hillside Academy\)\r$/m.test(m.data));
    for (let i = 0; i < 100 && resets().length < 2; i++) await sleep(50);
    await sleep(500);
    assert.equal(resets().length, 2, 'two e-mails, both to the active person');
    assert.ok(resets().every((m) => m.to.some((t) => t.includes('teacher@demo.school'))));
    assert.equal(count(s.db, "SELECT count(*) FROM audit WHERE action = 'password.reset_sent' AND object = 'teacher@demo.school'"), 2);
    assert.equal(count(s.db, "SELECT count(*) FROM audit WHERE action = 'password.reset_refused'"), 4);
    // A reset link spends no other: a stranger asking again cannot cancel the one on its way.
    assert.equal(count(s.db, "SELECT count(*) FROM password_links WHERE purpose = 'reset' AND used_at IS NULL"), 2);
    assert.equal(count(s.db, "SELECT count(*) FROM password_links WHERE julianday(expires_at) - julianday(created_at) > 0.05"), 0,
      'a reset link lives an hour');

    const { token } = linkFor(sink, 'teacher@demo.school');
    const set = await s.client().post('/password/set', { token, password: NEW_PASSWORD, password_again: NEW_PASSWORD }, { csrf: false });
    assert.equal(set.status, 200, set.text);
    assert.equal(count(s.db, 'SELECT count(*) FROM password_links WHERE used_at IS NULL'), 0, 'choosing a password spends every link');
    const old = await teacher.get('/');
    assert.equal(old.status, 401, 'the other sessions ended');
    assert.equal((await s.client().login('teacher@demo.school', PASSWORD)).status, 401);
    assert.equal((await s.client().login('teacher@demo.school', NEW_PASSWORD)).status, 200);
  });
});

test('"Forgot your password?" shows its form, and shows it again after a bad address', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const field = /<input id="f-email" name="email" type="email"[^>]*>/;
  const button = /<button class="btn" type="submit">E-mail me a link<\/button>/;
  const page = await s.client().page('/password/forgot');
  assert.equal(page.status, 200);
  assert.match(page.text, field);
  assert.match(page.text, button);
  assert.match(page.text, /<form class="stack card" method="post" action="\/password\/forgot">/);
  assert.equal((await s.client().get('/password/forgot')).body.sent, false);

  const again = await s.client().request('POST', '/password/forgot',
    { form: { email: 'not an address' }, csrf: false, json: false });
  assert.equal(again.status, 400);
  assert.match(again.text, button);
  const input = again.text.match(field);
  assert.ok(input, 'the field is shown again');
  assert.match(input[0], /value="not an address"/, 'with what was typed');
  assert.match(input[0], /aria-invalid="true"/);
  assert.match(again.text, /<p class="field-error" id="e-email">/);
});

test('"Forgot your password?" sends three links in a quarter of an hour at most, whether the address exists or not', async () => {
  await withMail(async (s, sink) => {
    const admin = await s.login('admin@demo.school');
    const id = await addPerson(admin, 'invited@demo.school', 'Ivy Invited');
    assert.equal((await admin.post(`/admin/staff/${id}/invite`)).status, 200);
    const invitation = await mailTo(sink, 'invited@demo.school');
    for (const email of ['invited@demo.school', 'nobody@demo.school']) {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await s.client().post('/password/forgot', { email }, { csrf: false })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429], email);
      // Not one a minute or less after that: a quarter of an hour from the third.
      await sleep(2100);
      const later = await s.client().post('/password/forgot', { email }, { csrf: false });
      assert.equal(later.status, 429, email);
      assert.ok(Number(later.headers.get('retry-after')) > 880, later.headers.get('retry-after'));
      assert.equal(later.body.error, 'Links were asked for this address three times in a quarter of an hour. ' +
        'Please wait 15 minutes and try again.');
    }
    assert.equal(count(s.db, "SELECT count(*) FROM password_links WHERE purpose = 'reset'"), 3);
    assert.equal(count(s.db, "SELECT count(*) FROM audit WHERE action = 'password.reset_refused' AND detail = 'too many recent requests'"), 4);
    // The invitation sent before still works: asking for resets did not cancel it.
    assert.equal((await s.client().get(`/password/set?token=${invitation.token}`)).status, 200);
  });
});

// An administrator answering a suspected compromise (a password set for them, a second factor
// reset), or the person leaving, ends every link to choose their password: no older e-mail may
// still set it, even once they are back.
test('setting a password, resetting a second factor or leaving spends every password link', async () => {
  await withMail(async (s, sink) => {
    const admin = await s.login('admin@demo.school');
    const live = (email) => count(s.db, `SELECT count(*) FROM password_links l JOIN users u ON u.id = l.user_id
      WHERE u.email = '${email}' AND l.used_at IS NULL`);
    const opens = async (token) => (await s.client().get(`/password/set?token=${token}`)).status;
    // The headteacher asked for a reset; then the administrator sets a password for them.
    assert.equal((await s.client().post('/password/forgot', { email: 'head@demo.school' }, { csrf: false })).status, 200);
    const reset = await mailTo(sink, 'head@demo.school');
    assert.equal(await opens(reset.token), 200);
    const head = sql(s.db, "SELECT id FROM users WHERE email = 'head@demo.school'");
    assert.equal((await admin.post(`/admin/staff/${head}/password`, { password: NEW_PASSWORD, your_password: PASSWORD })).status, 200);
    assert.equal(await opens(reset.token), 410);
    assert.equal(live('head@demo.school'), 0);
    const stolen = await s.client().post('/password/set', { token: reset.token, password: 'an attacker phrase 99', password_again: 'an attacker phrase 99' }, { csrf: false });
    assert.equal(stolen.status, 410);
    // Someone invited leaves before using it, and comes back: the old link stays spent.
    const id = await addPerson(admin, 'returner@demo.school', 'Rita Returner');
    assert.equal((await admin.post(`/admin/staff/${id}/invite`)).status, 200);
    const invite = await mailTo(sink, 'returner@demo.school');
    assert.equal((await admin.post(`/admin/staff/${id}/deactivate`, { left_on: '' })).status, 200);
    assert.equal((await admin.post(`/admin/staff/${id}/reactivate`)).status, 200);
    assert.equal(await opens(invite.token), 410);
    assert.equal(live('returner@demo.school'), 0);
  });
});

test('bad input is refused naming the field, and nothing is written', async () => {
  await withMail(async (s, sink) => {
    const admin = await s.login('admin@demo.school');
    const id = await addPerson(admin, 'typo@demo.school', 'Tim Typo');
    assert.equal((await admin.post(`/admin/staff/${id}/invite`)).status, 200);
    const { token } = await mailTo(sink, 'typo@demo.school');
    // a refusal's own audit row (access.refused) is not a change
    const audits = () => count(s.db, "SELECT count(*) FROM audit WHERE action != 'access.refused'");
    const before = audits();
    const guest = s.client();

    const short = await guest.post('/password/set', { token, password: 'short', password_again: 'short' }, { csrf: false });
    assert.equal(short.status, 400);
    assert.equal(short.body.field, 'password');
    const differ = await guest.post('/password/set', { token, password: NEW_PASSWORD, password_again: NEW_PASSWORD + '!' }, { csrf: false });
    assert.equal(differ.status, 400);
    assert.equal(differ.body.field, 'password_again');
    const page = await guest.request('POST', '/password/set', { form: { token, password: 'short', password_again: 'short' }, csrf: false, json: false });
    assert.equal(page.status, 400);
    assert.match(page.text, /A password needs at least 12 characters/);
    assert.ok(page.text.includes(`value="${token}"`), 'the form comes back with its link');
    const missing = await guest.post('/password/set', { password: NEW_PASSWORD, password_again: NEW_PASSWORD }, { csrf: false });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'token');
    const email = await guest.post('/password/forgot', { email: 'not an address' }, { csrf: false });
    assert.equal(email.status, 400);
    assert.equal(email.body.field, 'email');
    const noQ = await admin.post('/admin/invitations', { to: 'matching' });
    assert.equal(noQ.status, 400);
    assert.equal(noQ.body.field, 'q');
    const badTo = await admin.post('/admin/invitations', { to: 'everyone' });
    assert.equal(badTo.status, 400);
    assert.equal(badTo.body.field, 'to');
    // Named by the legend around its two buttons ("Invite everyone who cannot sign in yet",
    // "Invite everyone matching this search"), which the error summary links to.
    const noTo = await admin.post('/admin/invitations', {});
    assert.equal(noTo.status, 400);
    assert.equal(noTo.body.field, 'to');
    assert.equal(noTo.body.error, 'Choose whom to invite.');
    assert.match((await admin.page('/admin/staff')).text, /<fieldset id="f-to"><legend>Whom to invite<\/legend>/);
    const longQ = await admin.post('/admin/invitations', { to: 'matching', q: 'x'.repeat(101) });
    assert.equal(longQ.status, 400);
    assert.equal(longQ.body.error, 'The search terms must be 100 characters or fewer.');
    const days = await admin.post('/admin/settings', { invitation_days: '0' });
    assert.equal(days.status, 400);
    assert.equal(days.body.field, 'invitation_days');
    assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'invitation_days'"), '7');
    assert.equal((await admin.post('/admin/staff/999999/invite')).status, 404);

    assert.equal(audits(), before);
    assert.equal(sql(s.db, `SELECT password_hash IS NULL FROM users WHERE id = ${id}`), '1');
    assert.equal(count(s.db, 'SELECT count(*) FROM password_links WHERE used_at IS NULL'), 1, 'the link still works');
    assert.equal((await guest.page(`/password/set?token=${token}`)).status, 200);
  });
});

test('only the administrator sends invitations, and only with a mail relay', async () => {
  await withMail(async (s) => {
    const admin = await s.login('admin@demo.school');
    const id = await addPerson(admin, 'later@demo.school', 'Lee Later');
    for (const who of ['governor@demo.school', 'teacher@demo.school']) {
      const c = await s.login(who);
      assert.equal((await c.post(`/admin/staff/${id}/invite`)).status, 403, who);
      assert.equal((await c.post('/admin/invitations', { to: 'without_password' })).status, 403, who);
    }
    assert.equal(count(s.db, 'SELECT count(*) FROM password_links'), 0);
    // The staff list's form sends its (empty) search along.
    const form = await admin.request('POST', '/admin/invitations', { form: { to: 'without_password', q: '' }, json: false });
    assert.equal(form.status, 303);
    assert.equal(form.headers.get('location'), '/admin/staff');
    assert.match((await admin.page('/admin/staff')).text, /1 invitation has been sent\. Each link works once, for 7 days\./);
    assert.equal(count(s.db, 'SELECT count(*) FROM password_links'), 1);
    assert.match((await admin.get('/')).body.tasks.map((t) => t.message).join(' '), /1 member of staff cannot sign in yet: invite them/);
  });
  const s = await startServer();
  try {
    const admin = await s.login('admin@demo.school');
    const id = await addPerson(admin, 'nomail@demo.school', 'Nora Nomail');
    const r = await admin.post(`/admin/staff/${id}/invite`);
    assert.equal(r.status, 409);
    assert.match(r.body.error, /no mail relay/);
    const f = await s.client().post('/password/forgot', { email: 'teacher@demo.school' }, { csrf: false });
    assert.equal(f.status, 200, 'the same answer, though no e-mail can go');
    assert.equal(count(s.db, 'SELECT count(*) FROM password_links'), 0);
    assert.equal(count(s.db, 'SELECT count(*) FROM outbox'), 0);
  } finally {
    await s.stop();
  }
});

test('a link does not skip the second factor: the code is asked for, or enrolment', async () => {
  await withMail(async (s, sink) => {
    // A teacher who chose to set up a second factor.
    const t = await s.login('teacher@demo.school');
    const secret = (await t.get('/account/2fa')).body.secret;
    assert.equal((await t.post('/account/2fa/confirm', { code: totp(secret, nowStep() - 1) })).status, 201);
    assert.equal((await s.client().post('/password/forgot', { email: 'teacher@demo.school' }, { csrf: false })).status, 200);
    const c = s.client();
    const set = await c.post('/password/set', { token: (await mailTo(sink, 'teacher@demo.school')).token,
      password: NEW_PASSWORD, password_again: NEW_PASSWORD }, { csrf: false });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.body.second_factor, true);
    assert.equal((await c.get('/')).status, 401, 'not signed in before the code');
    c.csrf = set.body.csrf;
    const done = await c.post('/login/code', { code: totp(secret) });
    assert.equal(done.status, 200, done.text);

    // A leader who must have one and has not: sent to enrolment, as after a password.
    const admin = await s.login('admin@demo.school');
    assert.equal((await admin.post('/admin/two-factor', { role: 'dsl' })).status, 200);
    const id = await addPerson(admin, 'newhead@demo.school', 'Nell Newhead');
    assert.equal((await admin.post(`/admin/staff/${id}`, { name: 'Nell Newhead', staff_type: 'teacher', role: 'dsl' })).status, 200);
    assert.equal((await admin.post(`/admin/staff/${id}/invite`)).status, 200);
    const h = s.client();
    const hs = await h.post('/password/set', { token: (await mailTo(sink, 'newhead@demo.school')).token,
      password: NEW_PASSWORD, password_again: NEW_PASSWORD }, { csrf: false });
    assert.equal(hs.status, 200, hs.text);
    const home = await h.page('/');
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/account/2fa');
  });
});
