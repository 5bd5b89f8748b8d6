// The reply clock of a school account (ravens-wood §4: every comment, query
// or complaint answered within 24 hours, or by the next working day when it
// arrives at a weekend), the holidays setting, overdue tasks for the lead and
// the moderator, moderation actions (braunstone) and reported mistakes
// (ravens-wood §10).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql } from './lib.mjs';
import { qualify, count, auditRows, uid } from './account_lib.mjs';

// November: UK time is UTC.  Friday 20th, weekend 21st-22nd, Monday 23rd.
const MONDAY_NOON = '2026-11-23T12:00:00Z';
const TUESDAY_NIGHT = '2026-11-24T00:30:00Z';

let s;
const ids = {};
before(async () => {
  s = await startServer({ env: { STAFFROOM_TEST_NOW: MONDAY_NOON } });
  qualify(s.db, 'science@demo.school');
  const mod = await s.login('moderator@demo.school');
  const r = await mod.post('/accounts', { platform: 'facebook', name: 'HillsideReplies',
    url: 'https://facebook.com/HillsideReplies', department: 'Science', lead: 'science@demo.school',
    visibility: 'open' });
  assert.equal(r.status, 201, r.text);
  ids.account = r.body.account.id;
  const other = await mod.post('/accounts', { platform: 'x', name: 'HillsideOther',
    url: 'https://x.com/HillsideOther', department: 'Science', lead: 'science@demo.school',
    visibility: 'open' });
  ids.other = other.body.account.id;
  // The teaching assistant contributes to the account (a runner, not its lead).
  sql(s.db, `INSERT INTO account_contributors(account_id, user_id, added_by, added_at)
    VALUES (${ids.account}, ${uid(s.db, 'ta@demo.school')}, ${uid(s.db, 'moderator@demo.school')}, '2026-11-01T00:00:00Z')`);
});
after(async () => { await s.stop(); });

const item = (extra = {}) => ({ kind: 'comment', summary: 'A parent asks when the trip leaves.', ...extra });

async function log(client, extra, account = ids.account) {
  const r = await client.post(`/accounts/${account}/items`, item(extra));
  assert.equal(r.status, 201, r.text);
  return r.body.item;
}

async function overdueTasks(client) {
  return (await client.get('/')).body.tasks
    .filter((t) => t.kind === 'account_reply_overdue' && t.link === `/accounts/${ids.account}`);
}

test('the 24-hour clock across a weekend', async () => {
  const science = await s.login('science@demo.school');
  const friday = await log(science, { received_at: '2026-11-20T17:00', kind: 'query' });
  assert.equal(friday.due_at, '2026-11-21T17:00:00Z', 'a weekday item has 24 hours, even into Saturday');
  const saturday = await log(science, { received_at: '2026-11-21T10:00', kind: 'complaint' });
  assert.equal(saturday.due_at, '2026-11-23T23:59:59Z', 'a Saturday item is due at the end of Monday');
  const sunday = await log(science, { received_at: '2026-11-22T23:30' });
  assert.equal(sunday.due_at, '2026-11-23T23:59:59Z');
  const monday = await log(science, { received_at: '2026-11-23T09:00', link: 'https://facebook.com/p/1' });
  assert.equal(monday.due_at, '2026-11-24T09:00:00Z');
  // Summer time: the end of Monday in UK time is 22:59:59 UTC.
  const july = await log(science, { received_at: '2026-07-04T10:00' });
  assert.equal(july.due_at, '2026-07-06T22:59:59Z');
  Object.assign(ids, { friday: friday.id, saturday: saturday.id, sunday: sunday.id, monday: monday.id, july: july.id });
  assert.equal(Number(sql(s.db, `SELECT count(*) FROM account_activity WHERE account_id = ${ids.account}`)), 1);
  assert.ok(auditRows(s.db, 'account.item').some((a) => a.includes(`accounts/${ids.account}|item=${friday.id} kind=query`)));

  // Monday noon: Friday's (and July's) are overdue, Saturday's and Sunday's are not yet.
  let page = (await science.get(`/accounts/${ids.account}`)).body;
  const open = Object.fromEntries(page.items_open.map((i) => [i.id, i]));
  assert.equal(open[ids.friday].overdue, true);
  assert.equal(open[ids.saturday].overdue, false);
  assert.equal(open[ids.sunday].overdue, false);
  assert.equal(page.items_open[0].id, ids.july, 'open items in the order they are due');
  assert.equal(open[ids.saturday].kind_label, 'Complaint');
  const html = await science.page(`/accounts/${ids.account}`);
  assert.match(html.text, /Not answered in time/);
  assert.match(html.text, /Replies overdue/);

  // Tuesday 00:30: the end of Monday has passed.
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: TUESDAY_NIGHT } });
  page = (await (await s.login('science@demo.school')).get(`/accounts/${ids.account}`)).body;
  assert.equal(page.items_open.find((i) => i.id === ids.saturday).overdue, true);
  assert.equal(page.items_open.find((i) => i.id === ids.monday).overdue, false);
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: MONDAY_NOON } });
});

test('school holidays: a weekday closure day has 24 hours by default, skipped like weekends when the setting says no', async () => {
  const admin = await s.login('admin@demo.school');
  let r = await admin.post('/admin/closures', { day: '2026-11-16', label: 'INSET day' });
  assert.equal(r.status, 201, r.text);
  assert.equal(sql(s.db, `SELECT value FROM settings WHERE key = 'account_reply_holidays_count'`), 'yes');
  const science = await s.login('science@demo.school');
  // Yes (the default): an item received on the closure day has 24 hours like
  // any weekday; one received at the weekend before it waits for the next
  // working day, which a closure day never is.
  assert.equal((await log(science, { received_at: '2026-11-14T10:00' })).due_at, '2026-11-17T23:59:59Z');
  assert.equal((await log(science, { received_at: '2026-11-16T09:00' })).due_at, '2026-11-17T09:00:00Z');

  r = await admin.post('/admin/settings', { account_reply_holidays_count: 'maybe' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'account_reply_holidays_count');
  assert.equal(sql(s.db, `SELECT value FROM settings WHERE key = 'account_reply_holidays_count'`), 'yes');
  r = await admin.post('/admin/settings', { account_reply_holidays_count: 'no' });
  assert.equal(r.status, 200, r.text);
  assert.match((await admin.page('/admin/settings')).text, /value="no" checked/);
  // No: the closure day is skipped like a weekend.  (Other words: the same item logged again
  // would be refused as a repeat.)
  const again = 'Another parent asks the same.';
  assert.equal((await log(science, { received_at: '2026-11-14T10:00', summary: again })).due_at,
    '2026-11-17T23:59:59Z');
  assert.equal((await log(science, { received_at: '2026-11-16T09:00', summary: again })).due_at,
    '2026-11-17T23:59:59Z');
  assert.equal((await log(science, { received_at: '2026-11-13T09:00' })).due_at, '2026-11-14T09:00:00Z',
    'a weekday item still has 24 hours');
  r = await admin.post('/admin/settings', { account_reply_holidays_count: 'yes' });
  assert.equal(r.status, 200, r.text);
  // Answer what this test logged, so that only the first test's items stay open.
  sql(s.db, `UPDATE account_items SET answered_at = received_at, how = 'reply', answered_by = logged_by
    WHERE account_id = ${ids.account} AND received_at LIKE '2026-11-1%'`);
});

test('an overdue item is an urgent task for the lead and the moderator, and for nobody else', async () => {
  const lead = await overdueTasks(await s.login('science@demo.school'));
  assert.equal(lead.length, 1);
  assert.ok(lead[0].urgent);
  assert.match(lead[0].message, /^2 comments, queries or complaints on the account 'HillsideReplies' have not been answered in time/);
  assert.equal((await overdueTasks(await s.login('moderator@demo.school'))).length, 1);
  for (const who of ['ta@demo.school', 'deputy@demo.school', 'head@demo.school', 'volunteer@demo.school'])
    assert.equal((await overdueTasks(await s.login(who))).length, 0, who);
  const mod = await s.login('moderator@demo.school');
  const entry = (await mod.get('/accounts')).body.accounts.find((a) => a.id === ids.account);
  assert.equal(entry.replies_overdue, true);
  assert.equal((await mod.get('/accounts')).body.accounts.find((a) => a.id === ids.other).replies_overdue, false);
});

test('answering: the contributor logs a reply, which clears the item; bad answers change nothing', async () => {
  const ta = await s.login('ta@demo.school');
  const path = `/accounts/${ids.account}/items/${ids.friday}/answer`;
  const before = sql(s.db, `SELECT count(*) FROM account_items WHERE answered_at IS NULL`);
  let r = await ta.post(path, { answered_at: '2026-11-20T16:00', how: 'reply' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'answered_at');
  assert.match(r.body.error, /before it arrived/);
  r = await ta.post(path, { answered_at: '2026-11-25T16:00', how: 'reply' });
  assert.equal(r.status, 400);
  assert.match(r.body.error, /future/);
  r = await ta.post(path, { answered_at: '2026-11-23T10:00', how: 'shrug' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'how');
  r = await ta.post(`/accounts/${ids.other}/items/${ids.friday}/answer`, { answered_at: '2026-11-23T10:00', how: 'reply' });
  assert.equal(r.status, 404, 'the item belongs to another account (which the contributor does not run)');
  r = await (await s.login('moderator@demo.school')).post(`/accounts/${ids.other}/items/${ids.friday}/answer`,
    { answered_at: '2026-11-23T10:00', how: 'reply' });
  assert.equal(r.status, 404, 'the item is not on that account');
  assert.equal(sql(s.db, `SELECT count(*) FROM account_items WHERE answered_at IS NULL`), before, 'nothing changed');

  r = await ta.post(path, { answered_at: '2026-11-23T10:00', how: 'reply', notes: 'Told them: 8.30 from the front gate.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.item.answered_at, '2026-11-23T10:00:00Z');
  r = await ta.post(path, { answered_at: '2026-11-23T10:00', how: 'reply' });
  assert.equal(r.status, 409);
  r = await ta.post(`/accounts/${ids.account}/items/${ids.july}/answer`, { answered_at: '2026-07-04T11:00', how: 'acknowledgement' });
  assert.equal(r.status, 200, r.text);

  const page = (await ta.get(`/accounts/${ids.account}`)).body;
  const answered = page.items_answered.find((i) => i.id === ids.friday);
  assert.equal(answered.late, true, 'answered after Saturday 17:00');
  assert.equal(answered.how_label, 'Replied');
  assert.equal(answered.answered_by_name, 'Fatima Khan');
  assert.equal(page.items_answered.find((i) => i.id === ids.july).late, false);
  assert.ok(!page.items_open.some((i) => i.id === ids.friday));
  assert.equal((await overdueTasks(await s.login('science@demo.school'))).length, 0, 'nothing overdue any more');
  assert.equal((await ta.get('/accounts')).body.accounts.find((a) => a.id === ids.account).replies_overdue, false);
  assert.ok(auditRows(s.db, 'account.item_answer').length >= 2);
});

test('only the people who run the account and the moderator log against it; bad input changes nothing', async () => {
  const account = ids.account;
  const posts = [
    [`/accounts/${account}/items`, item({ received_at: '2026-11-23T09:00' })],
    [`/accounts/${account}/items/${ids.saturday}/answer`, { answered_at: '2026-11-23T10:00', how: 'reply' }],
    [`/accounts/${account}/moderation`, { action: 'hid', what: 'Spam.' }],
    [`/accounts/${account}/mistakes`, { what: 'Wrong date in a post.' }],
  ];
  const tables = () => ['account_items', 'account_moderation', 'account_mistakes', 'concerns', 'notifications']
    .map((t) => count(s.db, t)).join() + sql(s.db, `SELECT count(*) FROM account_items WHERE answered_at IS NULL`);
  const was = tables();
  const volunteer = await s.login('volunteer@demo.school');
  const deputy = await s.login('deputy@demo.school');
  for (const [p, form] of posts) {
    assert.equal((await volunteer.post(p, form)).status, 404, p);
    assert.equal((await deputy.post(p, form)).status, 403, `${p}: a leader sees the account but does not run it`);
  }
  assert.equal((await volunteer.get(`/accounts/${account}`)).status, 404);
  const science = await s.login('science@demo.school');
  const bad = [
    [{ received_at: '2026-11-24T09:00' }, 'received_at'],
    [{ received_at: 'yesterday' }, 'received_at'],
    [{ received_at: '2026-11-23T09:00', kind: 'rant' }, 'kind'],
    [{ received_at: '2026-11-23T09:00', summary: '' }, 'summary'],
    [{ received_at: '2026-11-23T09:00', summary: 'x'.repeat(501) }, 'summary'],
    [{ received_at: '2026-11-23T09:00', link: 'javascript:alert(1)' }, 'link'],
  ];
  for (const [form, field] of bad) {
    const r = await science.post(`/accounts/${account}/items`, item(form));
    assert.equal(r.status, 400, JSON.stringify(form));
    assert.equal(r.body.field, field);
  }
  let r = await science.post(`/accounts/${account}/moderation`, { action: 'hid', what: 'Spam.', link: 'ftp://x' });
  assert.equal(r.body.field, 'link');
  r = await science.post(`/accounts/${account}/moderation`, { action: 'banned', what: 'Spam.' });
  assert.equal(r.body.field, 'action');
  r = await science.post(`/accounts/${account}/mistakes`, { what: '' });
  assert.equal(r.body.field, 'what');
  r = await science.post(`/accounts/${account}/mistakes`, { what: 'Oops.', removed: 'perhaps' });
  assert.equal(r.body.field, 'removed');
  r = await science.post(`/accounts/${account}/mistakes`, { what: 'Oops.', link: 'www.example.com' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'link');
  // A refused form comes back to a browser with what was typed, in its own form only.
  r = await science.request('POST', `/accounts/${account}/items`, { json: false,
    form: item({ received_at: '2026-11-23T09:00', link: 'not a link', summary: 'Typed <summary>' }) });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="f-summary"[^>]*>&#10;Typed &lt;summary&gt;<\/textarea>/);
  assert.match(r.text, /<a href="#f-link">/);
  assert.match(r.text, /id="f-link"[^>]*aria-describedby="e-link"/, 'the link is marked in the form sent');
  assert.match(r.text, /id="f-mistake_what"[^>]*>&#10;<\/textarea>/);
  assert.equal(tables(), was, 'nothing stored');
});

test('moderation actions are logged; a concern when asked, and always to the DSL when a pupil is named or shown', async () => {
  const science = await s.login('science@demo.school');
  const path = `/accounts/${ids.account}/moderation`;
  const concerns = count(s.db, 'concerns');
  let r = await science.post(path, { action: 'deleted', what: 'An abusive reply.', open_concern: 'yes' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'summary');
  assert.equal(count(s.db, 'concerns'), concerns);

  r = await science.post(path, { action: 'hid', what: 'A spam reply selling trainers.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.moderation.concern, undefined);
  r = await science.post(path, { action: 'blocked', what: 'Abusive replies to a parent.',
    link: 'https://facebook.com/c/2', open_concern: 'yes', summary: 'Abusive replies to a parent' });
  assert.equal(r.status, 201, r.text);
  const plain = r.body.moderation.concern;
  assert.equal(sql(s.db, `SELECT category || '|' || account_id || '|' || urgent FROM concerns WHERE id = ${plain.id}`),
    `account_comment|${ids.account}|0`);
  assert.equal(sql(s.db, `SELECT group_concat(role) FROM concern_recipient_roles WHERE concern_id = ${plain.id}`), 'moderator');

  r = await science.post(path, { action: 'reported', what: 'A reply shows a pupil in uniform with her name.', names_pupil: 'yes' });
  assert.equal(r.status, 201, r.text);
  const pupil = r.body.moderation.concern;
  assert.ok(pupil, 'filed although no concern was asked for');
  assert.equal(sql(s.db, `SELECT urgent FROM concerns WHERE id = ${pupil.id}`), '1');
  assert.equal(sql(s.db, `SELECT group_concat(role, ',') FROM (SELECT role FROM concern_recipient_roles WHERE concern_id = ${pupil.id} ORDER BY role)`), 'dsl,moderator');
  assert.equal(count(s.db, 'concerns'), concerns + 2);
  assert.ok(count(s.db, 'notifications', `user_id = ${uid(s.db, 'dsl@demo.school')} AND link = '/concerns/${pupil.id}'`) >= 1);

  // Listed with words; the concern's reference only for those who may open it.
  const mine = (await science.get(`/accounts/${ids.account}`)).body.moderation_log;
  const reported = mine.find((m) => m.action === 'reported');
  assert.equal(reported.action_label, 'Reported it to the platform');
  assert.equal(reported.by_name, 'Daniel Reid');
  assert.equal(reported.names_pupil, true);
  assert.equal(reported.raised_concern, true);
  assert.equal(reported.concern_reference ?? null, null, 'the lead is not a recipient of the concern');
  const dsl = (await (await s.login('dsl@demo.school')).get(`/accounts/${ids.account}`)).body.moderation_log;
  assert.equal(dsl.find((m) => m.action === 'reported').concern_reference, pupil.reference);
  assert.equal(dsl.find((m) => m.action === 'blocked').concern_reference ?? null, null);
  const html = await (await s.login('moderator@demo.school')).page(`/accounts/${ids.account}`);
  assert.match(html.text, /Blocked its author/);
  assert.match(html.text, new RegExp(plain.reference));
  assert.ok(auditRows(s.db, 'account.moderation').some((a) => a.endsWith(`concern=${pupil.reference}`)));
});

test('a mistake goes to the moderator and SLT (the headteacher too), who see it; the moderator records what was done', async () => {
  const ta = await s.login('ta@demo.school');
  const notes = count(s.db, 'notifications');
  let r = await ta.post(`/accounts/${ids.account}/mistakes`, { what: 'I posted the trip letter with a parent\'s phone number.',
    link: 'https://facebook.com/p/9', removed: 'yes' });
  assert.equal(r.status, 201, r.text);
  const mid = r.body.mistake.id;
  const link = `/accounts/${ids.account}#mistake-${mid}`;
  const told = sql(s.db, `SELECT group_concat(email, ',') FROM (SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id
    WHERE n.link = '${link}' ORDER BY u.email)`);
  assert.equal(told, 'deputy@demo.school,dsl@demo.school,head@demo.school,moderator@demo.school');
  assert.equal(count(s.db, 'notifications'), notes + 4);

  const seen = async (who) => (await (await s.login(who)).get(`/accounts/${ids.account}`)).body.mistakes.map((m) => m.id);
  assert.ok((await seen('moderator@demo.school')).includes(mid));
  assert.ok((await seen('deputy@demo.school')).includes(mid));
  assert.ok((await seen('head@demo.school')).includes(mid));
  assert.ok((await seen('ta@demo.school')).includes(mid), 'the reporter sees their own');
  assert.ok(!(await seen('science@demo.school')).includes(mid), 'another runner does not');
  assert.ok(!(await seen('bursar@demo.school')).includes(mid));
  const mod = await s.login('moderator@demo.school');
  assert.ok((await mod.get('/')).body.tasks.some((t) => t.kind === 'account_mistake' && t.link === `/accounts/${ids.account}`));

  const resolve = `/accounts/${ids.account}/mistakes/${mid}/resolve`;
  r = await (await s.login('deputy@demo.school')).post(resolve, { outcome: 'Done.' });
  assert.equal(r.status, 403, 'the moderator records what was done');
  r = await mod.post(resolve, { outcome: '' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'outcome');
  r = await mod.post(`/accounts/${ids.other}/mistakes/${mid}/resolve`, { outcome: 'Done.' });
  assert.equal(r.status, 404);
  assert.equal(count(s.db, 'notifications', `link = '${link}' AND read_at IS NULL`), 4, 'nothing changed');

  r = await mod.post(resolve, { outcome: 'Checked it is gone; the parent was told and apologised to.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(count(s.db, 'notifications', `link = '${link}' AND read_at IS NULL AND kind = 'account_mistake'`), 0,
    'the notifications clear');
  assert.equal(count(s.db, 'notifications', `link = '${link}' AND read_at IS NULL AND user_id = ${uid(s.db, 'ta@demo.school')}`), 1,
    'the reporter is told');
  r = await mod.post(resolve, { outcome: 'Again.' });
  assert.equal(r.status, 409);
  const m = (await ta.get(`/accounts/${ids.account}`)).body.mistakes.find((x) => x.id === mid);
  assert.equal(m.outcome, 'Checked it is gone; the parent was told and apologised to.');
  assert.equal(m.resolved_by_name, 'Tom Hughes');
  assert.ok(!(await mod.get('/')).body.tasks.some((t) => t.kind === 'account_mistake' && t.link === `/accounts/${ids.account}`));
  assert.equal(count(s.db, 'concerns', `summary LIKE '%phone number%'`), 0, 'a mistake is not a concern');
});

test('the demo school has items (one answered, one overdue), a moderation action and a mistake', async () => {
  const demo = Number(sql(s.db, `SELECT id FROM social_accounts WHERE name = '@HillsideScience'`));
  assert.equal(count(s.db, 'account_items', `account_id = ${demo} AND answered_at IS NOT NULL`), 1);
  assert.equal(count(s.db, 'account_items', `account_id = ${demo} AND answered_at IS NULL`), 1);
  assert.equal(count(s.db, 'account_moderation', `account_id = ${demo}`), 1);
  assert.equal(count(s.db, 'account_mistakes', `account_id = ${demo} AND outcome IS NULL`), 1);
  const html = await (await s.login('moderator@demo.school')).page(`/accounts/${demo}`);
  assert.match(html.text, /betting site/);
  assert.match(html.text, /goggles/);
});

test('a closed account takes no more items, and its unanswered ones are no longer flagged or tasks', async () => {
  await s.stop({ keep: true });
  s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: TUESDAY_NIGHT } });
  const mod = await s.login('moderator@demo.school');
  const entry = async () => (await mod.get('/accounts')).body.accounts.find((a) => a.id === ids.account);
  assert.equal((await entry()).replies_overdue, true, "Saturday's complaint is overdue");
  assert.equal((await overdueTasks(mod)).length, 1);
  const r = await mod.post(`/accounts/${ids.account}/close`, { reason: 'The department moved to the school page.',
    password_changed: 'yes', recovery_changed: 'yes', two_factor_moved: 'yes', content_archived: 'yes' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await entry()).replies_overdue, false);
  assert.equal((await overdueTasks(mod)).length, 0);
  assert.equal((await overdueTasks(await s.login('science@demo.school'))).length, 0);
  const items = count(s.db, 'account_items');
  const refused = await (await s.login('science@demo.school')).post(`/accounts/${ids.account}/items`, item({ received_at: '2026-11-23T09:00' }));
  assert.equal(refused.status, 409);
  assert.equal(count(s.db, 'account_items'), items);
});

// ravens-wood §4: "on the next working day if received at a weekend": a bank
// holiday Monday the school is closed is not that day, whatever the setting.
test('an item received before a bank holiday Monday is due at the end of Tuesday, and not late then', async () => {
  // Spring bank holiday 2027: Saturday 29 May, Monday 31 May closed, Tuesday 1 June.
  let b = await startServer({ env: { STAFFROOM_TEST_NOW: '2027-05-31T12:00:00Z' } });
  try {
    qualify(b.db, 'science@demo.school');
    const admin = await b.login('admin@demo.school');
    assert.equal((await admin.post('/admin/closures', { day: '2027-05-31', label: 'Spring bank holiday' })).status, 201);
    const mod = await b.login('moderator@demo.school');
    const a = await mod.post('/accounts', { platform: 'facebook', name: 'HillsideHoliday',
      url: 'https://facebook.com/HillsideHoliday', department: 'Science', lead: 'science@demo.school',
      visibility: 'open' });
    assert.equal(a.status, 201, a.text);
    const account = a.body.account.id;
    let lead = await b.login('science@demo.school');
    const saturday = await log(lead, { received_at: '2027-05-29T10:00', kind: 'complaint' }, account);
    assert.equal(saturday.due_at, '2027-06-01T22:59:59Z', 'the end of Tuesday in UK summer time');
    const sunday = await log(lead, { received_at: '2027-05-30T20:00' }, account);
    assert.equal(sunday.due_at, '2027-06-01T22:59:59Z');
    // Tuesday morning: nothing is overdue, and an answer now is in time.
    await b.stop({ keep: true });
    b = await launch({ dir: b.dir, db: b.db, env: { STAFFROOM_TEST_NOW: '2027-06-01T10:00:00Z' } });
    lead = await b.login('science@demo.school');
    const overdue = (await lead.get('/')).body.tasks
      .filter((t) => t.kind === 'account_reply_overdue' && t.link === `/accounts/${account}`);
    assert.deepEqual(overdue, [], 'the demo account\'s own overdue item aside');
    const r = await lead.post(`/accounts/${account}/items/${saturday.id}/answer`,
      { answered_at: '2027-06-01T08:30', how: 'reply' });
    assert.equal(r.status, 200, r.text);
    const answered = (await lead.get(`/accounts/${account}`)).body.items_answered;
    assert.equal(answered.find((x) => x.id === saturday.id).late, false);
  } finally { await b.stop(); }
});
