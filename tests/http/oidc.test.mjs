// Single sign-on (OpenID Connect) against a real OpenID provider started
// here (tests/oidc/provider.mjs, the npm package oidc-provider), set up like
// Microsoft Entra ID and like Google.  Each refusal is checked for what did
// not happen too: no session cookie, and an audit row saying why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, sql, Client, PASSWORD, FRONT, visibleText } from './lib.mjs';
import { totp, nowStep } from './totp_lib.mjs';
import { startProvider } from '../oidc/provider.mjs';
import { startWithProviders, throughProvider } from './oidc_helpers.mjs';

let entra, google;
before(async () => {
  entra = await startProvider({ profile: 'entra', clientId: 'staffroom-entra' });
  google = await startProvider({ profile: 'google', clientId: 'staffroom-google.apps' });
});
after(async () => { await entra.close(); await google.close(); });

const startSso = () => startWithProviders([entra, google]);

const entraUser = (email, amr) => entra.setUser({ preferred_username: email, upn: email, name: 'Someone' }, amr);
const googleUser = (email, verified = true) =>
  google.setUser({ email, email_verified: verified, name: 'Someone', hd: 'demo.school' });

// The whole flow through one provider; returns the client, the callback's
// answer (JSON) and the callback path (to replay it).
async function ssoSignIn(s, p) {
  const c = s.client();
  const start = await c.request('GET', `/login/oidc/${p.profile}`, { json: false });
  assert.equal(start.status, 303, start.text);
  const to = start.headers.get('location');
  assert.ok(to.startsWith(`${p.issuer}/auth?`), to);
  const q = new URL(to).searchParams;
  assert.equal(q.get('code_challenge_method'), 'S256');
  assert.equal(q.get('client_id'), p.clientId);
  assert.match(q.get('state'), /^[A-Za-z0-9_-]{43}$/);
  assert.match(q.get('nonce'), /^[A-Za-z0-9_-]{43}$/);
  const callback = await throughProvider(s, to);
  const done = await c.get(callback);
  if (done.status === 200 && done.body?.csrf) c.csrf = done.body.csrf;
  return { c, done, callback };
}

const lastAudit = (s, action) => sql(s.db,
  `SELECT object || ' | ' || detail FROM audit WHERE action = '${action}' ORDER BY id DESC LIMIT 1`);
const lastRoles = (s, action) => sql(s.db,
  `SELECT roles FROM audit WHERE action = '${action}' ORDER BY id DESC LIMIT 1`);
const sessions = (s) => Number(sql(s.db, 'SELECT count(*) FROM sessions'));

// A refusal: the status, the words, no cookie, no session, and the audit row.
function refused(s, r, status, words, auditWords, sessionsBefore) {
  assert.equal(r.done.status, status, r.done.text);
  assert.match(r.done.body.error, words);
  assert.equal(r.c.cookie, null, 'no session cookie');
  assert.equal(sessions(s), sessionsBefore, 'no session was made');
  assert.match(lastAudit(s, 'login.failed'), auditWords);
}

test('Entra-like sign-in: a session like a password one, audited with the provider; the page has a button', async () => {
  const s = await startSso();
  try {
    const page = await s.client().page('/login');
    assert.match(page.text, /href="\/login\/oidc\/entra">Sign in with Microsoft 365</);
    assert.match(page.text, /href="\/login\/oidc\/google">Sign in with Google</);
    assert.match(page.text, /name="password"/, 'the password form stays');

    entraUser('Teacher@Demo.School');
    const r = await ssoSignIn(s, entra);
    assert.equal(r.done.status, 200, r.done.text);
    assert.equal(r.done.body.user.email, 'teacher@demo.school');
    assert.ok(r.c.cookie);
    assert.match(lastAudit(s, 'login'), /^teacher@demo\.school \| signed in with Microsoft 365 \(single sign-on entra\)$/);
    assert.equal(lastRoles(s, 'login'), 'staff', 'with the roles signed in with');
    // The session works, and its CSRF token too.
    const home = await r.c.get('/');
    assert.equal(home.status, 200);
    assert.equal(home.body.user.email, 'teacher@demo.school');
    // The start was spent, and only hashes of state and nonce were kept.
    assert.equal(sql(s.db, 'SELECT count(*) FROM oidc_starts WHERE used_at IS NULL'), '0');
    assert.match(sql(s.db, 'SELECT state_hash || nonce_hash FROM oidc_starts LIMIT 1'), /^[0-9a-f]{128}$/);

    // Signing out ends the session and offers the provider's end-session URL.
    const out = await r.c.post('/logout');
    assert.equal(out.status, 200);
    assert.ok(out.body.provider_signout.url.startsWith(`${entra.issuer}/session/end?client_id=staffroom-entra`));
    assert.equal((await r.c.get('/')).status, 401);
    // The signed-out page uses the provider's settings already at hand; a CGI
    // process keeps none between requests, so there it asks the provider.
    const html = await s.client().page('/login?signed_out=yes&provider=entra');
    assert.match(html.text, /sign out of Microsoft 365 too/);
    assert.ok(html.text.includes(`${entra.issuer}/session/end?client_id=staffroom-entra`), html.text);
  } finally { await s.stop(); }
});

test('Google-like sign-in: email claim, client_secret_post; an unverified address names nobody', async () => {
  const s = await startSso();
  try {
    googleUser('science@demo.school');
    const r = await ssoSignIn(s, google);
    assert.equal(r.done.status, 200, r.done.text);
    assert.equal(r.done.body.user.email, 'science@demo.school');
    assert.match(lastAudit(s, 'login'), /signed in with Google \(single sign-on google\)/);

    const n = sessions(s);
    googleUser('science@demo.school', false);
    refused(s, await ssoSignIn(s, google), 401, /could not be checked/, /names no usable address/, n);
    // Only an address Google says it checked: "false" as a string, or nothing said, names nobody;
    // "true" as a string (as some of its tokens give it) does.
    googleUser('science@demo.school');
    for (const flag of ['false', undefined]) {
      google.tamper((c) => { const { email_verified, ...rest } = c; return flag === undefined ? rest : { ...rest, email_verified: flag }; });
      refused(s, await ssoSignIn(s, google), 401, /could not be checked/, /names no usable address/, n);
    }
    google.tamper((c) => ({ ...c, email_verified: 'true' }));
    assert.equal((await ssoSignIn(s, google)).done.status, 200);
  } finally { google.tamper(null); await s.stop(); }
});

test("Google: only an account the school's Workspace hosts (hd) signs in, whatever its address", async () => {
  const s = await startSso();
  try {
    const n = sessions(s);
    const as = (hd) => google.setUser({ email: 'science@demo.school', email_verified: true, name: 'Someone',
      ...(hd === undefined ? {} : { hd }) });
    // A personal Google account made with the school address: no hd.
    as(undefined);
    refused(s, await ssoSignIn(s, google), 403,
      /^The Google account science@demo\.school is not one the school's Google Workspace provides\./,
      /not hosted by the school's Workspace \(hd absent\)/, n);
    // Another organisation's Workspace.
    as('elsewhere.example');
    refused(s, await ssoSignIn(s, google), 403, /not one the school's Google Workspace provides/,
      /\(hd elsewhere\.example\)/, n);
    // The school's Workspace, whichever of its allowed domains is the primary one.
    as('Other.Example');
    assert.equal((await ssoSignIn(s, google)).done.status, 200);
    as('demo.school');
    assert.equal((await ssoSignIn(s, google)).done.status, 200);
    // Entra sends no hd and is not asked for one.
    entraUser('teacher@demo.school');
    assert.equal((await ssoSignIn(s, entra)).done.status, 200);
  } finally { await s.stop(); }
});

test('token faults are refused: wrong audience, expired, bad signature, wrong nonce, alg none and HS256', async () => {
  const s = await startSso();
  try {
    entraUser('teacher@demo.school');
    const n = sessions(s);
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      [(c) => ({ ...c, aud: 'someone-else' }), undefined, /not for this client/],
      [(c) => ({ ...c, aud: ['staffroom-entra', 'someone-else'] }), undefined, /not for this client/],
      [(c) => ({ ...c, exp: now - 3600, iat: now - 7200 }), undefined, /expired/],
      [(c) => ({ ...c, iat: now + 3600, exp: now + 7200 }), undefined, /issued in the future/],
      [(c) => ({ ...c, nonce: 'not-the-nonce-that-was-sent' }), undefined, /nonce/],
      [(c) => ({ ...c, iss: 'https://login.example.net' }), undefined, /issuer/],
      [(c) => ({ ...c, nbf: now + 86400 }), undefined, /not valid yet \(nbf\)/],
      [(c) => { const { sub, ...rest } = c; return rest; }, undefined, /names no subject \(sub\)/],
      [(c) => ({ ...c, sub: '' }), undefined, /names no subject \(sub\)/],
    ];
    for (const [fn, key, why] of cases) {
      entra.tamper(fn, key);
      refused(s, await ssoSignIn(s, entra), 401, /could not be checked/, why, n);
    }
    // Signed by a key the provider never published, under its key's kid.
    const forged = { ...(await entra.newKey('key-1')) };
    entra.tamper((c) => c, forged);
    refused(s, await ssoSignIn(s, entra), 401, /could not be checked/, /signature is wrong/, n);
    // Unsigned, and signed with the client secret as an HMAC key.
    const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    entra.rewrite(async (t) => `${b64({ alg: 'none' })}.${t.split('.')[1]}.`);
    refused(s, await ssoSignIn(s, entra), 401, /could not be checked/, /algorithm|not a JWS/, n);
    entra.rewrite(async (t) => {
      const { createHmac } = await import('node:crypto');
      const head = b64({ alg: 'HS256', kid: 'key-1' }), body = t.split('.')[1];
      const sig = createHmac('sha256', entra.secret).update(`${head}.${body}`).digest('base64url');
      return `${head}.${body}.${sig}`;
    });
    refused(s, await ssoSignIn(s, entra), 401, /could not be checked/, /algorithm HS256 is refused/, n);
    entra.tamper(null);
    // The untouched token still signs in.
    assert.equal((await ssoSignIn(s, entra)).done.status, 200);
  } finally { entra.tamper(null); await s.stop(); }
});

// Two tabs: a second start in the same browser must not break the first (the browser's tie
// is kept, not replaced), and each answer still works once.
test('two sign-ins started in one browser both finish', async () => {
  const s = await startSso();
  try {
    entraUser('teacher@demo.school');
    const c = s.client();
    const first = await c.request('GET', '/login/oidc/entra', { json: false });
    const tie = c.sso;
    assert.match(tie, /^[A-Za-z0-9_-]{43}$/);
    const second = await c.request('GET', '/login/oidc/entra', { json: false });
    assert.equal(c.sso, tie, 'the second start keeps the browser\'s tie');
    const back1 = await throughProvider(s, first.headers.get('location'));
    const done1 = await c.get(back1);
    assert.equal(done1.status, 200, done1.text);
    const back2 = await throughProvider(s, second.headers.get('location'));
    assert.equal((await c.get(back2)).status, 200);
    assert.equal((await c.get(back1)).status, 400, 'an answer still works once');
    // A tie this server could not have made is not kept.
    const d = s.client();
    d.sso = 'not-a-token';
    await d.request('GET', '/login/oidc/entra', { json: false });
    assert.match(d.sso, /^[A-Za-z0-9_-]{43}$/);
  } finally { await s.stop(); }
});

test('a replayed or unknown state is refused and signs nobody in', async () => {
  const s = await startSso();
  try {
    entraUser('teacher@demo.school');
    const first = await ssoSignIn(s, entra);
    assert.equal(first.done.status, 200);
    const n = sessions(s);
    const again = { c: s.client() };
    again.done = await again.c.get(first.callback);
    refused(s, again, 400, /already been used or has run out of time/, /a replay/, n);
    const forged = { c: s.client() };
    forged.done = await forged.c.get('/login/oidc/entra/callback?state=made-up&code=abc');
    refused(s, forged, 400, /already been used/, /unknown state/, n);
    // A state from one provider does not complete a sign-in at another.
    const c = s.client();
    const start = await c.request('GET', '/login/oidc/entra', { json: false });
    const state = new URL(start.headers.get('location')).searchParams.get('state');
    const cross = { c, done: await c.get(`/login/oidc/google/callback?state=${state}&code=abc`) };
    refused(s, cross, 400, /already been used/, /unknown state/, n);
    // An answer carried into another browser (a forged link with someone
    // else's sign-in) signs nobody in: the start is tied to its browser.
    const starter = s.client();
    const begun = await starter.request('GET', '/login/oidc/entra', { json: false });
    assert.match(begun.headers.get('set-cookie'), /^sr_sso=[A-Za-z0-9_-]{43}; Path=\/login\/oidc; HttpOnly; SameSite=Lax/);
    const answer = await throughProvider(s, begun.headers.get('location'));
    const victim = { c: s.client() };
    victim.done = await victim.c.get(answer);
    refused(s, victim, 400, /already been used or has run out of time/, /another browser/, n);
    // An unknown provider is not found.
    assert.equal((await s.client().get('/login/oidc/nobody')).status, 404);
    assert.equal((await s.client().get('/login/oidc/Bad_Name')).status, 404);
  } finally { await s.stop(); }
});

test('unknown, deactivated or other-domain people are refused with a clear page; nobody is created', async () => {
  const s = await startSso();
  try {
    const people = sql(s.db, 'SELECT count(*) FROM users');
    const n = sessions(s);
    entraUser('nobody@demo.school');
    refused(s, await ssoSignIn(s, entra), 403,
      /^No active member of staff has the address nobody@demo\.school\. Ask the school's staffroom administrator\.$/,
      /no active member of staff has this address/, n);
    sql(s.db, "UPDATE users SET active = 0 WHERE email = 'ta@demo.school'");
    entraUser('ta@demo.school');
    refused(s, await ssoSignIn(s, entra), 403, /No active member of staff has the address ta@demo\.school/,
      /no active member of staff/, n);
    entraUser('teacher@elsewhere.example');
    refused(s, await ssoSignIn(s, entra), 403, /No active member of staff/, /domain is not allowed/, n);
    assert.equal(sql(s.db, 'SELECT count(*) FROM users'), people, 'nobody was created');
    // The page a browser sees says it in words.
    entraUser('nobody@demo.school');
    const c = s.client();
    const start = await c.request('GET', '/login/oidc/entra', { json: false });
    const page = await c.page(await throughProvider(s, start.headers.get('location')));
    assert.equal(page.status, 403);
    assert.match(page.text, /No active member of staff has the address nobody@demo.school/);
  } finally { await s.stop(); }
});

test("single sign-on is neither slowed nor counted by the password throttle: strangers' guesses do not refuse the owner", async () => {
  // Behind a proxy, as docs/DEPLOY.md sets it up: the strangers have addresses of their own.
  const s = await startWithProviders([entra, google], ['trusted_proxy = 127.0.0.1']);
  try {
    const guess = (from, i) => new Client(s.url).request('POST', '/login', { csrf: false,
      form: { email: 'head@demo.school', password: `guess-${i}` }, headers: { 'X-Forwarded-For': from } });
    for (const from of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])
      for (let i = 0; i < 3; i++) assert.ok([401, 429].includes((await guess(from, i)).status));
    // The head's password now waits, from anywhere...
    assert.equal((await guess('203.0.113.9', 9)).status, 429);
    // ...but the school's provider has said who they are: signed in at once.
    entraUser('head@demo.school');
    const r = await ssoSignIn(s, entra);
    assert.equal(r.done.status, 200, r.done.text);
    assert.equal(r.done.body.user.email, 'head@demo.school');
    // A refusal is not a guess either: never slowed, and nothing counted against the address.
    entraUser('nobody@demo.school');
    for (let i = 0; i < 5; i++) assert.equal((await ssoSignIn(s, entra)).done.status, 403);
    assert.equal(sql(s.db, "SELECT count(*) FROM throttle WHERE key LIKE 'acct:nobody@%'"), '0');
  } finally { await s.stop(); }
});

test('the provider refusing (access_denied) is a clear page, audited, no session', async () => {
  const s = await startSso();
  try {
    const n = sessions(s);
    entra.setUser(null);
    refused(s, await ssoSignIn(s, entra), 401, /not signed in with Microsoft 365: the sign-in was cancelled/,
      /answered access_denied/, n);
  } finally { await s.stop(); }
});

// A CGI process lives for one request: it keeps no cache of the provider's keys between sign-ins.
test('key rotation: a token signed with a newly published key is checked after one fetch of the keys',
  { skip: FRONT === 'cgi' && "a CGI process fetches the provider's keys for each sign-in: there is no cache" }, async () => {
  const s = await startSso();
  try {
    entraUser('teacher@demo.school');
    assert.equal((await ssoSignIn(s, entra)).done.status, 200);
    const fetched = entra.jwksFetches;
    assert.equal((await ssoSignIn(s, entra)).done.status, 200);
    assert.equal(entra.jwksFetches, fetched, 'the keys are cached');
    await entra.rotate();
    const r = await ssoSignIn(s, entra);
    assert.equal(r.done.status, 200, r.done.text);
    assert.equal(entra.jwksFetches, fetched + 1, 'the unknown kid made one fetch of the keys');
  } finally { entra.tamper(null); await s.stop(); }
});

test("a leader's TOTP is still asked after single sign-on, unless the school lets the provider's MFA count", async () => {
  const s = await startSso();
  try {
    const head = await s.login('head@demo.school');
    const secret = (await head.get('/account/2fa')).body.secret;
    const step = nowStep();
    assert.equal((await head.post('/account/2fa/confirm', { code: totp(secret, step) })).status, 201);

    entraUser('head@demo.school', ['pwd', 'mfa']);
    const r = await ssoSignIn(s, entra);
    assert.equal(r.done.status, 200, r.done.text);
    assert.equal(r.done.body.second_factor, true, 'the code is still asked');
    assert.equal(r.done.body.user, undefined);
    r.c.csrf = r.done.body.csrf;
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'login.password_ok'"), '0',
      'no password is said to have been used');
    const code = await r.c.post('/login/code', { code: totp(secret, step + 1) });
    assert.equal(code.status, 200, code.text);
    // The session after the code still knows its provider: audit and sign-out link.
    assert.match(lastAudit(s, 'login'), /Microsoft 365/);
    assert.match(lastRoles(s, 'login'), /^staff,.*headteacher/);
    assert.equal(sql(s.db, 'SELECT group_concat(o.provider) FROM oidc_sessions o JOIN sessions x ' +
      "ON x.token_hash = o.token_hash JOIN users u ON u.id = x.user_id WHERE u.email = 'head@demo.school'"), 'entra');
    assert.equal(sql(s.db, 'SELECT count(*) FROM pending_sso'), '0', 'the waiting sign-in is gone');

    // The administrator lets the provider's MFA count.
    const admin = await s.login('admin@demo.school');
    const set = await admin.post('/admin/sign-in', { password_signin: 'everyone', mfa_counts: 'yes' });
    assert.equal(set.status, 200, set.text);
    const m = await ssoSignIn(s, entra);
    assert.equal(m.done.status, 200);
    assert.equal(m.done.body.user.email, 'head@demo.school', 'signed in without the code');
    assert.match(lastAudit(s, 'login'), /its multi-factor sign-in counted/);
    // Without mfa in amr the code is asked even so.
    entraUser('head@demo.school', ['pwd']);
    assert.equal((await ssoSignIn(s, entra)).done.body.second_factor, true);

    // A leader who must enrol does not have to when the provider's MFA counted.
    sql(s.db, "UPDATE settings SET value = 'slt' WHERE key = 'require_2fa_roles'");
    entraUser('deputy@demo.school', ['pwd', 'mfa']);
    const d = await ssoSignIn(s, entra);
    assert.equal(d.done.status, 200);
    assert.equal((await d.c.page('/')).status, 200, 'no enrolment asked');
    entraUser('deputy@demo.school', ['pwd']);
    const e = await ssoSignIn(s, entra);
    assert.equal(e.done.status, 200);
    assert.equal((await e.c.page('/')).headers.get('location'), '/account/2fa', 'enrolment asked');
  } finally { await s.stop(); }
});

test('passwords off: only the break-glass administrator signs in with a password', async () => {
  const s = await startSso();
  try {
    const admin = await s.login('admin@demo.school');
    const teacher = await s.login('teacher@demo.school');
    // Only an administrator may change it, and only to name an active administrator.
    assert.equal((await teacher.post('/admin/sign-in', { password_signin: 'breakglass',
      breakglass_email: 'teacher@demo.school' })).status, 403);
    const bad = await admin.post('/admin/sign-in', { password_signin: 'breakglass',
      breakglass_email: 'teacher@demo.school' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'breakglass_email');
    assert.match(bad.body.error, /active administrator/);
    const none = await admin.post('/admin/sign-in', { password_signin: 'breakglass' });
    assert.equal(none.status, 400);
    assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'password_signin'"), 'everyone');
    const page = await admin.page('/admin/sign-in');
    assert.equal(page.status, 200);
    assert.match(page.text, /<label for="f-breakglass_email">/);

    // Sessions begun with a password end when passwords are turned off, but the break-glass
    // administrator's, the one saving it and those begun through the provider.
    const deputy = await s.login('deputy@demo.school');
    entraUser('dsl@demo.school');
    const sso = await ssoSignIn(s, entra);
    assert.equal(sso.done.status, 200);
    const ok = await admin.post('/admin/sign-in', { password_signin: 'breakglass',
      breakglass_email: 'admin@demo.school' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.sessions_ended, 2, 'the teacher\'s and the deputy\'s');
    assert.equal((await teacher.get('/')).status, 401);
    assert.equal((await deputy.get('/')).status, 401);
    assert.equal((await admin.get('/')).status, 200);
    assert.equal((await sso.c.get('/')).status, 200);
    assert.match(lastAudit(s, 'session.end_password'), /ended 2 password sessions/);
    assert.match(lastAudit(s, 'settings.change'), /oidc_mfa_counts|password_signin/);
    // The page shows the saved address in its field, and what was typed after a refusal.
    const field = (html) => html.match(/<input id="f-breakglass_email"[^>]*>/)[0];
    assert.match(field((await admin.page('/admin/sign-in')).text), /value="admin@demo\.school"/);
    const typed = await admin.request('POST', '/admin/sign-in', { json: false,
      form: { password_signin: 'breakglass', breakglass_email: 'teacher@demo.school' } });
    assert.equal(typed.status, 400);
    assert.match(field(typed.text), /value="teacher@demo\.school"/);

    const refusedLogin = await new Client(s.url).login('teacher@demo.school', PASSWORD);
    assert.equal(refusedLogin.status, 403);
    assert.match(refusedLogin.body.error, /Signing in with a password is turned off/);
    assert.match(lastAudit(s, 'login.failed'), /password sign-in is turned off/);
    const glass = await new Client(s.url).login('admin@demo.school', PASSWORD);
    assert.equal(glass.status, 200, glass.text);
    // The page hides the form behind the break-glass disclosure.
    const login = await s.client().page('/login');
    assert.match(login.text, /<details><summary>Sign in with a password \(the school's break-glass administrator only\)/);
    assert.doesNotMatch(login.text, /Forgot your password/);
    // Nor does "Forgot your password?" or a link give anyone else a password
    // sign-in: the same page as for an unknown address, and no link.
    const forgot = await s.client().post('/password/forgot', { email: 'teacher@demo.school' },
      { csrf: false });
    assert.equal(forgot.status, 200);
    assert.match(lastAudit(s, 'password.reset_refused'), /teacher@demo\.school \| password sign-in is turned off/);
    const link = (email, token) => sql(s.db, `INSERT INTO password_links(token_hash, user_id, purpose,
      sent_by, created_at, expires_at) SELECT '${createHash('sha256').update(token).digest('hex')}', id,
      'reset', 'the person', '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z' FROM users WHERE email = '${email}'`);
    link('teacher@demo.school', 'b'.repeat(43));
    const before = sql(s.db, "SELECT password_hash FROM users WHERE email = 'teacher@demo.school'");
    const viaLink = s.client();
    assert.equal((await viaLink.page(`/password/set?token=${'b'.repeat(43)}`)).status, 403);
    const set = await viaLink.post('/password/set', { token: 'b'.repeat(43), password: 'zebra violin kettle',
      password_again: 'zebra violin kettle' }, { csrf: false });
    assert.equal(set.status, 403, set.text);
    assert.match(set.body.error, /Signing in with a password is turned off/);
    assert.equal((await viaLink.page('/')).status, 303, 'not signed in');
    assert.equal(sql(s.db, "SELECT password_hash FROM users WHERE email = 'teacher@demo.school'"), before);
    const invite = await admin.post(`/admin/staff/${sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'")}/invite`, {});
    assert.equal(invite.status, 409);
    assert.match(invite.body.error, /password is turned off/);
    // The break-glass administrator's own link still works.
    link('admin@demo.school', 'g'.repeat(43));
    assert.equal((await s.client().post('/password/set', { token: 'g'.repeat(43), password: 'zebra violin kettle',
      password_again: 'zebra violin kettle' }, { csrf: false })).status, 200);
    // Single sign-on still works for everyone else.
    entraUser('teacher@demo.school');
    assert.equal((await ssoSignIn(s, entra)).done.status, 200);
  } finally { await s.stop(); }
});

// The break-glass administrator is checked at every use, not only when named: one who has lost
// the role (or left) keeps no password, and the administrators are told to name another.
test('a break-glass administrator who is no longer an administrator keeps no password', async () => {
  const s = await startSso();
  try {
    const admin = await s.login('admin@demo.school');
    const bursar = sql(s.db, "SELECT id FROM users WHERE email = 'bursar@demo.school'");
    const roles = async (...r) => admin.post(`/admin/staff/${bursar}`, [['name', 'Linda Morris'], ['staff_type', 'support'],
      ...r.map((x) => ['role', x])]);
    assert.equal((await roles('business_manager', 'admin')).status, 200);
    assert.equal((await admin.post('/admin/sign-in', { password_signin: 'breakglass',
      breakglass_email: 'bursar@demo.school' })).status, 200);
    assert.equal((await new Client(s.url).login('bursar@demo.school', PASSWORD)).status, 200);
    assert.ok(!(await admin.get('/')).body.tasks.some((t) => t.kind === 'breakglass_lapsed'));
    // The role is taken away: no password sign-in, and the administrators are told.
    assert.equal((await roles('business_manager')).status, 200);
    const refused = await new Client(s.url).login('bursar@demo.school', PASSWORD);
    assert.equal(refused.status, 403);
    assert.match(refused.body.error, /Signing in with a password is turned off/);
    const task = (await admin.get('/')).body.tasks.find((t) => t.kind === 'breakglass_lapsed');
    assert.ok(task);
    assert.equal(task.link, '/admin/sign-in');
    assert.match(task.message, /The break-glass administrator is no longer an active administrator/);
    assert.match(visibleText((await admin.page('/admin/sign-in')).text), /nobody can sign in with a password when the school(?:'|&#39;)s sign-in service is down: name another/);
    entraUser('head@demo.school');
    const head = (await ssoSignIn(s, entra)).c;
    assert.ok(!(await head.get('/')).body.tasks.some((t) => t.kind === 'breakglass_lapsed'), 'only administrators are told');
    // Naming an administrator again ends it.
    assert.equal((await admin.post('/admin/sign-in', { password_signin: 'breakglass',
      breakglass_email: 'admin@demo.school' })).status, 200);
    assert.ok(!(await admin.get('/')).body.tasks.some((t) => t.kind === 'breakglass_lapsed'));
  } finally { await s.stop(); }
});

test('the configuration refuses a provider without https, or with a missing key, and reads no secret from the command line', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-oidc-conf-'));
  const conf = path.join(dir, 'c.conf');
  const check = (text) => {
    writeFileSync(conf, text);
    return cli(['routes', '--config', conf]);
  };
  let r = check('oidc.x.issuer = http://login.example.net\n');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /oidc\.x\.issuer must start with https:\/\//);
  // Plain http to this machine only: what follows an '@' is the host reached.
  for (const issuer of ['http://127.0.0.1:1@login.example.net', 'http://127.0.0.1@192.0.2.1:8080',
    'https://user:secret@login.example.net', 'http://127.0.0.1.example.net']) {
    r = check(`oidc.x.issuer = ${issuer}\n`);
    assert.notEqual(r.code, 0, issuer);
    assert.match(r.stderr, /oidc\.x\.issuer must start with https:\/\/ and hold no user name/, issuer);
  }
  r = check('oidc.x.issuer = https://login.example.net\noidc.x.client_id = a\n');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /oidc\.x\.client_secret_file is missing/);
  r = check('oidc.x.colour = blue\n');
  assert.match(r.stderr, /unknown setting 'oidc\.x\.colour'/);
  r = check('oidc.x.claim = sub\n');
  assert.match(r.stderr, /must be email, preferred_username or upn/);
  r = check('oidc.X.issuer = https://a.example\n');
  assert.match(r.stderr, /lower-case/);
});

test('A page asked for before signing in is where the provider\'s sign-in ends too', async () => {
  const s = await startSso();
  try {
    const page = await s.client().page('/login?next=' + encodeURIComponent('/aup/history?a=1&b=2'));
    const href = page.text.match(/href="([^"]*)">Sign in with Microsoft 365</)[1].replaceAll('&amp;', '&');
    assert.equal(new URL(href, 'http://x').searchParams.get('next'), '/aup/history?a=1&b=2', href);
    entraUser('teacher@demo.school');
    const c = s.client();
    const start = await c.request('GET', '/login/oidc/entra?next=%2Faup%2Fhistory', { json: false });
    assert.equal(start.status, 303, start.text);
    const callback = await throughProvider(s, start.headers.get('location'));
    const done = await c.request('GET', callback, { json: false });
    assert.equal(done.status, 303, done.text);
    assert.equal(done.headers.get('location'), '/aup/history');
    assert.ok(c.cookie, 'signed in');
  } finally { await s.stop(); }
});

// A provider that takes connections and never answers (a firewall dropping
// the answers, or a stalled provider), counting the connections it takes.
async function silentProvider() {
  const held = [];
  const server = net.createServer((sock) => { held.push(sock); sock.on('error', () => {}); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    issuer: `http://127.0.0.1:${server.address().port}`,
    get connections() { return held.length; },
    close() { held.forEach((x) => x.destroy()); server.close(); },
  };
}

async function timed(s, p) {
  const t0 = Date.now();
  const r = await s.client().request('GET', p, { json: !p.startsWith('/login?') });
  return { ...r, ms: Date.now() - t0 };
}

// Each CGI request is a process of its own: nothing is shared between them to
// remember the silence by, and none waits for another's thread.
test('a provider that does not answer holds one request, not the site: other clicks and pages answer at once',
  { skip: FRONT === 'cgi' && 'a CGI process answers one request and remembers nothing' }, async () => {
  const silent = await silentProvider();
  const s = await startWithProviders([{ profile: 'entra', issuer: silent.issuer, clientId: 'x', secret: 'y' }]);
  try {
    // "At once" is: before the first click, held for the provider's 10 s,
    // has its answer (an order, not a time: speed is for make bench).
    let firstAnswered = false;
    const first = timed(s, '/login/oidc/entra').then((r) => { firstAnswered = true; return r; });
    await new Promise((r) => setTimeout(r, 300));
    // More people click while the first waits: told at once, the provider not asked again.
    const clicks = await Promise.all([1, 2, 3].map(() => timed(s, '/login/oidc/entra')));
    for (const c of clicks) {
      assert.equal(c.status, 502);
      assert.ok(!firstAnswered, `a click was answered (after ${c.ms} ms) only when the first was`);
      assert.match(c.body.error, /^Microsoft 365 cannot be reached just now/);
    }
    assert.equal(silent.connections, 1);
    // Anyone else's pages, and the signed-out page (no waiting on the provider for its link).
    const outs = await Promise.all([1, 2, 3, 4].map(() => timed(s, '/login?signed_out=yes&provider=entra')));
    for (const o of [...outs, await timed(s, '/login')]) {
      assert.equal(o.status, 200);
      assert.ok(!firstAnswered, `a sign-in page was answered (after ${o.ms} ms) only when the first click was`);
      assert.doesNotMatch(o.text, /sign out of Microsoft 365 too/);
    }
    const held = await first;
    assert.equal(held.status, 502);
    // Its silence is remembered for a while: the next click is answered at once, not asked.
    const again = await timed(s, '/login/oidc/entra');
    assert.equal(again.status, 502);
    assert.equal(silent.connections, 1, 'the provider was not asked again');
  } finally { await s.stop(); silent.close(); }
});

// The embedded server answers a sign-in on threads of their own (waits_out.c),
// not on the request threads, which serve many connections each: with one
// request thread, three people whose code exchanges wait on a slow provider
// are all let in, their exchanges made at once, and pages answer meanwhile.
// A FastCGI or CGI worker answers one request at a time, by design.
test('sign-ins waiting on a slow provider hold none of the request threads: with one, three get in at once and pages answer meanwhile',
  { skip: FRONT !== 'http' && 'each FastCGI or CGI worker answers one request at a time' }, async () => {
  const slow = await startProvider({ profile: 'entra', clientId: 'staffroom-entra' });
  const s = await startWithProviders([slow], ['threads = 1']);
  try {
    const people = ['teacher@demo.school', 'science@demo.school', 'ta@demo.school'];
    const starts = [];
    for (const email of people) {
      slow.setUser({ preferred_username: email, upn: email, name: 'Someone' });
      const c = s.client();
      const start = await c.request('GET', '/login/oidc/entra', { json: false });
      assert.equal(start.status, 303, start.text);
      starts.push({ c, callback: await throughProvider(s, start.headers.get('location')) });
    }
    slow.slowToken(1500);
    const callbacks = starts.map(({ c, callback }) => c.get(callback));
    await new Promise((r) => setTimeout(r, 300));
    const page = await s.client().page('/login');
    assert.equal(page.status, 200);
    // An order, not a time: answered while the provider still held exchanges.
    assert.ok(slow.tokensInHand > 0, 'the sign-in page was answered only once the sign-ins were');
    const done = await Promise.all(callbacks);
    done.forEach((r, i) => {
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.user.email, people[i]);
    });
    assert.equal(slow.tokensAtOnce, 3, 'the three code exchanges were made at once');
  } finally { await s.stop(); await slow.close(); }
});

// A discovery document (from a provider on this machine) whose endpoints
// name another host after an '@': refused as not https, never fetched.
test("a discovery document's endpoints must be https too: http://127.0.0.1:1@elsewhere is elsewhere", async () => {
  const seen = [];
  const other = http.createServer((req, res) => { seen.push(req.url); res.writeHead(500); res.end(); });
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
  const elsewhere = `http://127.0.0.1:1@localhost:${other.address().port}`;
  const provider = http.createServer((req, res) => {
    const issuer = `http://127.0.0.1:${provider.address().port}`;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ issuer, authorization_endpoint: `${elsewhere}/auth`,
      token_endpoint: `${elsewhere}/token`, jwks_uri: `${elsewhere}/jwks` }));
  });
  await new Promise((r) => provider.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${provider.address().port}`;
  const s = await startWithProviders([{ profile: 'entra', issuer, clientId: 'x', secret: 'y' }]);
  try {
    const r = await s.client().get('/login/oidc/entra');
    assert.equal(r.status, 502, r.text);
    assert.match(r.body.error, /^Microsoft 365 cannot be reached just now/);
    assert.match(s.stderr(), /discovery document of entra: an endpoint is missing or not https/);
    assert.deepEqual(seen, []);
  } finally { await s.stop(); provider.close(); other.close(); }
});

// Someone who signs in only with the school's account has no password in
// staffroom: like ending their other sessions, renewing recovery codes and
// turning the second factor off ask them for none.
test('someone with no password (single sign-on only) renews recovery codes and turns two-factor off', async () => {
  const s = await startSso();
  try {
    sql(s.db, "UPDATE users SET password_hash = NULL WHERE email IN ('head@demo.school', 'teacher@demo.school')");
    for (const email of ['head@demo.school', 'teacher@demo.school']) {
      entraUser(email);
      const { c, done } = await ssoSignIn(s, entra);
      assert.equal(done.status, 200, done.text);
      const secret = (await c.get('/account/2fa')).body.secret;
      assert.equal((await c.post('/account/2fa/confirm', { code: totp(secret, nowStep()) })).status, 201);
      const page = await c.page('/account/2fa');
      assert.match(page.text, /Make new recovery codes/);
      assert.doesNotMatch(page.text, /name="password"/, 'no password asked of someone who has none');
      const codes = await c.post('/account/2fa/recovery-codes', {});
      assert.equal(codes.status, 200, codes.text);
      assert.equal(codes.body.recovery_codes.length, 10);
      assert.match(lastAudit(s, '2fa.recovery_codes'), new RegExp(`^${email.replace('.', '\\.')} \\|`));
      const off = await c.post('/account/2fa/remove', {});
      assert.equal(off.status, 200, off.text);
      assert.equal(sql(s.db, `SELECT count(*) FROM totp t JOIN users u ON u.id = t.user_id WHERE u.email = '${email}'`), '0');
    }
  } finally { await s.stop(); }
});

// Nor, for the same reason, is an administrator who signs in only with the
// school's account asked for a password to reset someone's second factor.
test('an administrator with no password (single sign-on only) resets a second factor without one', async () => {
  const s = await startSso();
  try {
    const head = await s.login('head@demo.school');
    const secret = (await head.get('/account/2fa')).body.secret;
    assert.equal((await head.post('/account/2fa/confirm', { code: totp(secret, nowStep()) })).status, 201);
    const id = sql(s.db, "SELECT id FROM users WHERE email = 'head@demo.school'");
    sql(s.db, "UPDATE users SET password_hash = NULL WHERE email = 'admin@demo.school'");
    entraUser('admin@demo.school');
    const { c: admin, done } = await ssoSignIn(s, entra);
    assert.equal(done.status, 200, done.text);
    assert.equal((await admin.get('/admin/two-factor')).body.ask_password, false);
    assert.doesNotMatch((await admin.page('/admin/two-factor')).text, /your_password/, 'no password asked of someone who has none');
    const reset = await admin.post(`/admin/two-factor/${id}/reset`, { reason: 'Lost her phone' });
    assert.equal(reset.status, 200, reset.text);
    assert.equal(sql(s.db, `SELECT count(*) FROM totp WHERE user_id = ${id}`), '0');
  } finally { await s.stop(); }
});

test('behind a front that ends TLS (HTTPS=on), the provider is given an https:// return address',
  { skip: FRONT === 'http' && 'the built-in server has TLS of its own: config_tls covers it' }, async () => {
    // DEPLOY.md: with no base_url the redirect URI is the address the browser used.
    const s = await startWithProviders([entra], [], { tlsAtFront: true });
    try {
      const start = await s.client().request('GET', '/login/oidc/entra', { json: false });
      assert.equal(start.status, 303, start.text);
      assert.match(start.headers.get('strict-transport-security') ?? '', /max-age/);
      const back = new URL(start.headers.get('location')).searchParams.get('redirect_uri');
      assert.equal(back, `https://${new URL(s.url).host}/login/oidc/entra/callback`);
    } finally { await s.stop(); }
  });
