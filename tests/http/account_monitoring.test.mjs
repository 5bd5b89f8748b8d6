// Monitoring checks (overdue across a weekend and closure days, a check
// that files a concern) and handover (lead deactivated, transfer, close),
// plus the moderator's edits and registering an existing account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql } from './lib.mjs';
import { qualify, count, auditRows, uid } from './account_lib.mjs';

const MONDAY_EVENING = '2026-11-23T20:00:00Z';   // Friday 20th, weekend 21st-22nd
const TUESDAY_NIGHT = '2026-11-24T00:30:00Z';

let s;
before(async () => { s = await startServer({ env: { STAFFROOM_TEST_NOW: MONDAY_EVENING } }); });
after(async () => { await s.stop(); });

async function register(mod, name, lead, extra = {}) {
  const r = await mod.post('/accounts', { platform: 'facebook', name, url: `https://facebook.com/${name}`,
    department: 'Science', lead, visibility: 'open', ...extra });
  assert.equal(r.status, 201, r.text);
  return r.body.account.id;
}

async function entry(client, id) {
  const r = await client.get('/accounts');
  return r.body.accounts.find((a) => a.id === id);
}

const ids = {};

test('monitoring is overdue 24 hours after the last check, or at the end of the next working day after a weekend', async () => {
  qualify(s.db, 'science@demo.school');
  const mod = await s.login('moderator@demo.school');
  ids.fresh = await register(mod, 'NoChecksYet', 'science@demo.school');
  ids.friday = await register(mod, 'CheckedFriday', 'science@demo.school');
  ids.thursday = await register(mod, 'CheckedThursday', 'science@demo.school');
  const science = await s.login('science@demo.school');
  let r = await science.post(`/accounts/${ids.friday}/checks`, { checked_at: '2026-11-20T10:00', comments_found: 'no', all_answered: 'yes' });
  assert.equal(r.status, 201, r.text);
  r = await mod.post(`/accounts/${ids.thursday}/checks`, { checked_at: '2026-11-19T10:00:00Z', comments_found: 'yes', all_answered: 'yes', notes: 'One question, answered.' });
  assert.equal(r.status, 201, r.text);

  // Monday 20:00: Friday's check is due at the end of Monday, not on Saturday.
  assert.equal((await entry(mod, ids.fresh)).monitoring_overdue, false, 'counts from creation');
  const fri = await entry(mod, ids.friday);
  assert.equal(fri.last_check, '2026-11-20T10:00:00Z');
  assert.equal(fri.monitoring_overdue, false);
  assert.equal((await entry(mod, ids.thursday)).monitoring_overdue, true);
  const tasks = (await mod.get('/')).body.tasks.filter((t) => t.kind === 'account_monitoring_overdue');
  assert.ok(tasks.some((t) => t.link === `/accounts/${ids.thursday}` && t.urgent));
  assert.ok(!tasks.some((t) => t.link === `/accounts/${ids.friday}`));
  assert.ok((await science.get('/')).body.tasks.some((t) => t.link === `/accounts/${ids.thursday}`), 'the lead is told too');
  const html = await mod.page(`/accounts/${ids.thursday}`);
  assert.match(html.text, /Monitoring overdue/);

  // A check in the future is refused.
  r = await science.post(`/accounts/${ids.friday}/checks`, { checked_at: '2026-11-25T10:00', comments_found: 'no', all_answered: 'yes' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'checked_at');

  // Tuesday 00:30: the end of Monday has passed.
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: TUESDAY_NIGHT } });
  const mod2 = await s.login('moderator@demo.school');
  assert.equal((await entry(mod2, ids.friday)).monitoring_overdue, true);
  assert.equal((await entry(mod2, ids.fresh)).monitoring_overdue, false);
  // Had Monday been a closure day, Friday's check would be due at the end of Tuesday.
  sql(s.db, `INSERT INTO closure_days(day, label) VALUES ('2026-11-23', 'INSET day')`);
  assert.equal((await entry(mod2, ids.friday)).monitoring_overdue, false);
  sql(s.db, `DELETE FROM closure_days WHERE day = '2026-11-23'`);
});

test('a check can open an account_comment concern for the moderator in the same step', async () => {
  const science = await s.login('science@demo.school');
  const checks = count(s.db, 'account_checks');
  const concerns = count(s.db, 'concerns');
  let r = await science.post(`/accounts/${ids.friday}/checks`, { checked_at: '2026-11-23T21:00', comments_found: 'yes', all_answered: 'no', open_concern: 'yes' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'summary');
  assert.equal(count(s.db, 'account_checks'), checks, 'nothing stored');
  r = await science.post(`/accounts/${ids.friday}/checks`, { checked_at: '2026-11-23T21:00', comments_found: 'yes', all_answered: 'no',
    notes: 'A parent named a pupil in an abusive reply; hidden.', open_concern: 'yes', summary: 'Abusive reply naming a pupil' });
  assert.equal(r.status, 201, r.text);
  const concern = r.body.check.concern;
  assert.match(concern.reference, /^C-2026-\d{6}$/);
  assert.equal(count(s.db, 'concerns'), concerns + 1);
  assert.equal(sql(s.db, `SELECT category || '|' || account_id || '|' || summary FROM concerns WHERE id = ${concern.id}`),
    `account_comment|${ids.friday}|Abusive reply naming a pupil`);
  assert.equal(sql(s.db, `SELECT role FROM concern_recipient_roles WHERE concern_id = ${concern.id}`), 'moderator');
  assert.equal(Number(sql(s.db, `SELECT concern_id FROM account_checks WHERE id = ${r.body.check.id}`)), concern.id);
  assert.equal((await (await s.login('moderator@demo.school')).get('/accounts')).body.accounts
    .find((a) => a.id === ids.friday).monitoring_overdue, false, 'a new check clears the flag');
  assert.ok(auditRows(s.db, 'account.check').length >= 3);

  // Only the lead or the moderator logs checks.
  r = await (await s.login('deputy@demo.school')).post(`/accounts/${ids.friday}/checks`, { checked_at: '2026-11-23T21:00', comments_found: 'no', all_answered: 'yes' });
  assert.equal(r.status, 403);
  r = await (await s.login('volunteer@demo.school')).post(`/accounts/${ids.friday}/checks`, { checked_at: '2026-11-23T21:00', comments_found: 'no', all_answered: 'yes' });
  assert.equal(r.status, 404);
  r = await science.post(`/accounts/${ids.friday}/checks`, { checked_at: 'yesterday', comments_found: 'no', all_answered: 'yes' });
  assert.equal(r.status, 400);
});

test('the checks and moderation actions say "None" where no concern was raised, "Raised" where one was', async () => {
  const mod = await s.login('moderator@demo.school');
  const html = (await mod.page('/accounts/1')).text;
  for (const caption of ['The latest monitoring checks, newest first', 'Moderation actions, latest first']) {
    const table = html.match(new RegExp(`<caption>${caption}</caption>[^]*?</table>`))[0];
    const concerns = [...table.matchAll(/<td>((?:(?!<td>)[^])*?)<\/td><\/tr>/g)].map((m) => m[1]);
    assert.ok(concerns.length > 0, caption);
    assert.ok(concerns.includes('None'), `${caption}: ${concerns}`);
    assert.ok(concerns.every((cell) => cell === 'None' || cell === 'Raised' || /^<a href="\/concerns\/\d+">C-/.test(cell)),
      `${caption}: every row says whether a concern was raised: ${concerns}`);
  }
});

test('handover: a deactivated lead flags the account until it is transferred or closed', async () => {
  const db = s.db;
  qualify(db, 'ta@demo.school');
  const mod = await s.login('moderator@demo.school');
  const a = await register(mod, 'Year3Photos', 'ta@demo.school');
  const b = await register(mod, 'Year3Trips', 'ta@demo.school');
  const admin = await s.login('admin@demo.school');
  let r = await admin.post(`/admin/staff/${uid(db, 'ta@demo.school')}/deactivate`, { left_on: '2026-11-23' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await entry(mod, a)).lead_left, true);
  assert.equal((await entry(mod, b)).lead_left, true);
  let tasks = (await mod.get('/')).body.tasks.filter((t) => t.kind === 'account_lead_left');
  assert.ok(tasks.some((t) => t.link === `/accounts/${a}`) && tasks.some((t) => t.link === `/accounts/${b}`));
  assert.match((await mod.page('/accounts')).text, /Lead has left/);

  // Transfer: unknown lead, a lead failing the checks, then a qualified one.
  r = await mod.post(`/accounts/${a}/transfer`, { lead: 'nobody@demo.school' });
  assert.equal(r.status, 400);
  r = await mod.post(`/accounts/${a}/transfer`, { lead: 'volunteer@demo.school' });
  assert.equal(r.status, 409);
  assert.ok(r.body.checks.some((c) => c.name === 'lead_trained' && c.ok === false));
  assert.equal((await entry(mod, a)).lead, 'ta@demo.school', 'nothing changed');
  r = await (await s.login('teacher@demo.school')).post(`/accounts/${a}/transfer`, { lead: 'teacher@demo.school' });
  assert.equal(r.status, 403);
  qualify(db, 'teacher@demo.school');
  r = await mod.post(`/accounts/${a}/transfer`, { lead: 'teacher@demo.school' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.account.lead, 'teacher@demo.school');
  assert.equal(r.body.account.lead_left, false);
  assert.equal(auditRows(db, 'account.transfer').length, 1);
  assert.match(auditRows(db, 'account.transfer')[0], /ta@demo\.school -> teacher@demo\.school/);
  assert.equal(count(db, 'notifications', `user_id = ${uid(db, 'teacher@demo.school')} AND kind = 'account_lead'`), 1);

  // Close: every checklist item must be yes.
  r = await mod.post(`/accounts/${b}/close`, { reason: 'The class blog replaces it.' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'password_changed');
  // Every unticked box is reported on its own field, in the page's words only.
  assert.deepEqual(r.body.errors.map((e) => e.field),
    ['password_changed', 'recovery_changed', 'two_factor_moved', 'content_archived']);
  assert.equal(r.body.error,
    "Confirm that the account's password has been changed before closing the account.");
  for (const e of r.body.errors) assert.doesNotMatch(e.error, /\(|_/, e.error);
  r = await mod.post(`/accounts/${b}/close`, { reason: 'x', password_changed: 'yes', recovery_changed: 'yes', two_factor_moved: 'yes', content_archived: 'no' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'content_archived');
  assert.match(r.body.error, /archived/);
  assert.equal((await entry(mod, b)).status, 'active');
  const html = await mod.request('POST', `/accounts/${b}/close`, { json: false, form: { reason: 'kept reason', password_changed: 'yes' } });
  assert.equal(html.status, 400);
  assert.match(html.text, /kept reason/);
  r = await mod.post(`/accounts/${b}/close`, { reason: 'The class blog replaces it.', password_changed: 'yes', recovery_changed: 'yes', two_factor_moved: 'yes', content_archived: 'yes' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.account.status, 'closed');
  assert.equal(r.body.account.lead_left, false);
  assert.equal(auditRows(db, 'account.close').length, 1);
  r = await mod.post(`/accounts/${b}/close`, { reason: 'again', password_changed: 'yes', recovery_changed: 'yes', two_factor_moved: 'yes', content_archived: 'yes' });
  assert.equal(r.status, 409);
  tasks = (await mod.get('/')).body.tasks.filter((t) => t.kind === 'account_lead_left');
  assert.ok(!tasks.some((t) => t.link === `/accounts/${a}` || t.link === `/accounts/${b}`), 'flags cleared');
});

test('the moderator edits URL, handle and status and registers existing accounts with the same checks', async () => {
  const mod = await s.login('moderator@demo.school');
  const id = ids.fresh;
  let r = await mod.post(`/accounts/${id}`, { name: 'Renamed', url: 'javascript:alert(1)', status: 'active' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'url');
  r = await mod.post(`/accounts/${id}`, { name: 'Renamed', url: 'https://facebook.com/renamed', status: 'closed' });
  assert.equal(r.status, 400, 'closing goes through the checklist');
  r = await mod.post(`/accounts/${id}`, { name: 'Renamed', url: 'https://facebook.com/renamed', status: 'suspended' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.account.name, 'Renamed');
  assert.equal(r.body.account.status, 'suspended');
  assert.equal(r.body.account.monitoring_overdue, false, 'a suspended account is not monitored');
  r = await (await s.login('science@demo.school')).post(`/accounts/${id}`, { name: 'Mine', status: 'active' });
  assert.equal(r.status, 403);

  const before = count(s.db, 'social_accounts');
  r = await mod.post('/accounts', { platform: 'other', name: 'x', url: 'https://example.org/x', department: 'Art', lead: 'science@demo.school', visibility: 'open' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'platform_other');
  r = await mod.post('/accounts', { platform: 'tiktok', name: 'x', url: 'https://tiktok.com/@x', department: 'Art', lead: 'volunteer@demo.school', visibility: 'open' });
  assert.equal(r.status, 409);
  assert.ok(r.body.checks.some((c) => c.name === 'lead_trained'));
  assert.ok(r.body.checks.every((c) => c.ok === false));
  r = await mod.post('/accounts', { platform: 'tiktok', name: 'x', url: 'not a url', department: 'Art', lead: 'science@demo.school', visibility: 'open' });
  assert.equal(r.status, 400);
  assert.equal(count(s.db, 'social_accounts'), before);
  r = await mod.post('/accounts', { platform: 'other', platform_other: 'Mastodon', name: '@hillside', url: 'https://mastodon.example/@hillside', department: 'Office', lead: 'science@demo.school', visibility: 'closed' });
  assert.equal(r.status, 201);
  const e = await entry(mod, r.body.account.id);
  assert.equal(e.platform, 'other');
  assert.equal(e.platform_label, 'Other: Mastodon');
  assert.equal(auditRows(s.db, 'account.register').length >= 1, true);
});

test('the register comes in pages of 50, each row flagged from the closure days read once for the page', async () => {
  const mod = await s.login('moderator@demo.school');
  const lead = uid(s.db, 'science@demo.school');
  // 60 more open accounts, each last checked on Friday 20th at 10:00 (Monday 23rd is made a closure day below).
  sql(s.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
    INSERT INTO social_accounts(platform, name, url, department, lead_id, created_at)
    SELECT 'blog', printf('zz page %02d', i), '', 'Science', ${lead}, '2026-11-01T10:00:00Z' FROM n`);
  sql(s.db, `INSERT INTO account_checks(account_id, checked_at, comments_found, all_answered, by_id, recorded_at)
    SELECT id, '2026-11-20T10:00:00Z', 0, 1, ${lead}, '2026-11-20T10:00:00Z' FROM social_accounts WHERE name LIKE 'zz page %'`);
  const total = Number(sql(s.db, 'SELECT count(*) FROM social_accounts'));
  const one = await mod.get('/accounts');
  assert.equal(one.status, 200);
  assert.equal(one.body.accounts.length, 50);
  assert.equal(one.body.page, 1);
  assert.equal(one.body.next_page, 2);
  assert.equal(one.body.prev_page, undefined);
  const two = await mod.get('/accounts?page=2');
  assert.equal(two.body.accounts.length, total - 50);
  assert.equal(two.body.prev_page, 1);
  assert.equal(two.body.next_page, undefined);
  const ids = [...one.body.accounts, ...two.body.accounts].map((a) => a.id);
  assert.equal(new Set(ids).size, total, 'no account is on both pages');
  const html = await mod.page('/accounts?page=2');
  assert.match(html.text, /<nav class="pagination" aria-label="Pages"><a href="\/accounts\?page=1">Previous page<\/a>/);
  assert.deepEqual((await mod.get('/accounts?page=3')).body.accounts, []);
  assert.equal((await mod.get('/accounts?page=0')).status, 400);
  // Tuesday 00:30 (this server's clock): a Friday check is overdue, unless Monday was closed.
  const zz = (r) => r.body.accounts.filter((a) => a.name.startsWith('zz page'));
  assert.ok([...zz(one), ...zz(two)].every((a) => a.monitoring_overdue === true));
  // More than five accounts overdue: one task saying how many, linking to the register, for the
  // moderator and for the lead of them all, not one line an account.
  const late = [...one.body.accounts, ...two.body.accounts].filter((a) => a.monitoring_overdue);
  const overdue = late.length, led = late.filter((a) => a.lead === 'science@demo.school').length;
  assert.ok(overdue > 60 && led >= 60);
  for (const [who, n] of [[mod, overdue], [await s.login('science@demo.school'), led]]) {
    const tasks = (await who.get('/')).body.tasks.filter((t) => t.kind === 'account_monitoring_overdue');
    assert.deepEqual(tasks.map((t) => [t.message, t.link, t.urgent]),
      [[`Monitoring of ${n} accounts is overdue: log a check on each.`, '/accounts', true]]);
  }
  assert.match((await mod.page('/')).text, new RegExp(`<a href="/accounts">Monitoring of ${overdue} accounts is overdue`));
  sql(s.db, `INSERT INTO closure_days(day, label) VALUES ('2026-11-23', 'INSET day')`);
  const after = [...zz(await mod.get('/accounts')), ...zz(await mod.get('/accounts?page=2'))];
  assert.equal(after.length, 60);
  assert.ok(after.every((a) => a.monitoring_overdue === false));
  sql(s.db, `DELETE FROM closure_days WHERE day = '2026-11-23'`);
});

test('monitoring overdue is a task for the lead and the moderator, not for a contributor, who may not log a check', async () => {
  const t = await startServer();
  try {
    const mod = await t.login('moderator@demo.school');
    assert.equal((await mod.get('/accounts/2')).body.account.monitoring_overdue, true);
    qualify(t.db, 'teacher@demo.school');
    assert.equal((await mod.post('/accounts/2/contributors', { email: 'teacher@demo.school' })).status, 201);
    const overdue = async (c) => (await c.get('/')).body.tasks
      .filter((k) => k.kind === 'account_monitoring_overdue' && k.link === '/accounts/2').length;
    const teacher = await t.login('teacher@demo.school');
    const at = new Date(Date.now() - 60e3).toISOString().slice(0, 16) + 'Z';
    const r = await teacher.post('/accounts/2/checks', { checked_at: at, comments_found: 'no', all_answered: 'yes' });
    assert.equal(r.status, 403, r.text);
    assert.equal(await overdue(teacher), 0);
    assert.equal(await overdue(mod), 1);
    const lead = sql(t.db, 'SELECT u.email FROM social_accounts a JOIN users u ON u.id = a.lead_id WHERE a.id = 2');
    assert.equal(await overdue(await t.login(lead)), 1);
  } finally { await t.stop(); }
});
