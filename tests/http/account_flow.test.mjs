// Social-media accounts: from application to the register, the policy
// checks at the moment of decision, separation of duties and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { addPolicy, signAll, train, qualify, application, count, auditRows, uid } from './account_lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

async function apply(client, overrides = {}) {
  const r = await client.post('/accounts/applications', application(overrides));
  assert.equal(r.status, 201, r.text);
  return r.body.application.id;
}

async function forward(id) {
  const m = await s.login('moderator@demo.school');
  // The lead may still fail a check: the moderator confirms forwarding it all the same.
  const r = await m.post(`/accounts/applications/${id}/review`, { decision: 'forward', comment: 'Looks fine.', confirm: 'yes' });
  assert.equal(r.status, 200, r.text);
}

test('the whole path: apply, review, checks block approval until the lead signs and is trained, register', async () => {
  const db = s.db;
  addPolicy(db, 'Acceptable use agreement');
  const teacher = await s.login('teacher@demo.school');
  const form = await teacher.page('/accounts/apply');
  assert.equal(form.status, 200);
  for (const f of ['platform', 'platform_other', 'name', 'department', 'aim', 'audience', 'promotion', 'lead', 'monitoring'])
    assert.match(form.text, new RegExp(`<label for="f-${f}"`), `label for ${f}`);
  const created = await teacher.post('/accounts/applications', application());
  assert.equal(created.status, 201);
  assert.deepEqual(Object.keys(created.body.application).sort(), ['id', 'status']);
  assert.equal(created.body.application.status, 'submitted');
  const id = created.body.application.id;

  const mine = await teacher.get('/accounts/applications');
  assert.ok(mine.body.applications.some((a) => a.id === id && a.status === 'submitted'));

  const page = await teacher.get(`/accounts/applications/${id}`);
  assert.deepEqual(page.body.checks.map((c) => c.name), ['lead_active', 'lead_signed_aup', 'lead_trained']);
  assert.deepEqual(Object.keys(page.body.checks[0]).sort(), ['detail', 'name', 'ok', 'question']);

  await forward(id);
  const bursar = await s.login('bursar@demo.school');
  let r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
  assert.equal(r.status, 409);
  assert.deepEqual(r.body.checks.map((c) => c.name).sort(), ['lead_signed_aup', 'lead_trained']);
  const aup = r.body.checks.find((c) => c.name === 'lead_signed_aup');
  assert.equal(aup.ok, false);
  assert.match(aup.detail, /Acceptable use agreement \(version 1\)/);
  assert.equal(count(db, 'social_accounts', `name = 'hillside_history'`), 0, 'nothing created');

  signAll(db, 'teacher@demo.school');
  r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
  assert.equal(r.status, 409);
  assert.deepEqual(r.body.checks.map((c) => c.name), ['lead_trained']);

  train(db, 'teacher@demo.school', '2021-01-01'); // expired training does not count
  r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
  assert.equal(r.status, 409);

  train(db, 'teacher@demo.school');
  r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.application.status, 'approved');
  const accountId = r.body.account.id;
  assert.equal(Number(sql(db, `SELECT account_id FROM account_applications WHERE id = ${id}`)), accountId);

  const reg = await (await s.login('head@demo.school')).get('/accounts');
  const entry = reg.body.accounts.find((a) => a.id === accountId);
  assert.deepEqual(Object.keys(entry).filter((k) => ['id', 'platform', 'name', 'url', 'department', 'lead', 'status',
    'last_check', 'lead_left', 'monitoring_overdue'].includes(k)).length, 10);
  assert.equal(entry.status, 'active');
  assert.equal(entry.lead, 'teacher@demo.school');
  assert.equal(entry.lead_left, false);

  const steps = sql(db, `SELECT step || ':' || decision FROM approvals WHERE application_id = ${id} ORDER BY id`).split('\n');
  assert.deepEqual(steps, ['submit:submitted', 'review:forward', 'decision:approve']);
  const checksThen = JSON.parse(sql(db, `SELECT checks FROM approvals WHERE application_id = ${id} AND step = 'decision'`));
  assert.ok(checksThen.every((c) => c.ok));
  assert.equal(count(db, 'notifications', `user_id = ${uid(db, 'teacher@demo.school')} AND kind = 'account_approved'`), 1);
  assert.ok(auditRows(db, 'account.approve').some((row) => row.startsWith(`bursar@demo.school|accounts/applications/${id}|`)));
  assert.ok(auditRows(db, 'account.apply').some((row) => row.startsWith('teacher@demo.school|')));

  // The lead sees the account; the history shows on the application page.
  const leadReg = await teacher.get('/accounts');
  assert.deepEqual(leadReg.body.accounts.map((a) => a.id), [accountId]);
  const html = await teacher.page(`/accounts/applications/${id}`);
  assert.match(visibleText(html.text), /Final decision: Approved/);
  // Deciding again: already decided.
  r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'reject', reason: 'Changed my mind' });
  assert.equal(r.status, 409);
  assert.equal(sql(db, `SELECT status FROM account_applications WHERE id = ${id}`), 'approved');
});

test('a lead who has left fails lead_active; reject is always possible and needs a reason', async () => {
  const db = s.db;
  const science = await s.login('science@demo.school');
  const id = await apply(science, { name: 'lab_news', lead: 'supply@demo.school', department: 'Science' });
  await forward(id);
  qualify(db, 'supply@demo.school');
  sql(db, `UPDATE users SET active = 0 WHERE email = 'supply@demo.school'`);
  const bursar = await s.login('bursar@demo.school');
  let r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
  assert.equal(r.status, 409);
  assert.deepEqual(r.body.checks.map((c) => c.name), ['lead_active']);
  r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'reject' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'reason');
  r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'reject', reason: 'The lead has left.' });
  assert.equal(r.status, 200);
  assert.equal(r.body.application.status, 'rejected');
  assert.equal(count(db, 'social_accounts', `name = 'lab_news'`), 0);
  sql(db, `UPDATE users SET active = 1 WHERE email = 'supply@demo.school'`);
});

test('separation of duties: the reviewer and the applicant cannot decide; the setting picks the decider', async () => {
  const db = s.db;
  qualify(db, 'bursar@demo.school');
  qualify(db, 'ta@demo.school');
  // The business manager also holds the moderator role and reviews.
  sql(db, `INSERT INTO user_roles(user_id, role) VALUES (${uid(db, 'bursar@demo.school')}, 'moderator')`);
  const bursar = await s.login('bursar@demo.school');
  const ta = await s.login('ta@demo.school');
  const a = await apply(ta, { name: 'year3_news', lead: 'ta@demo.school' });
  let r = await bursar.post(`/accounts/applications/${a}/review`, { decision: 'forward' });
  assert.equal(r.status, 200);
  r = await bursar.post(`/accounts/applications/${a}/decision`, { decision: 'approve' });
  assert.equal(r.status, 403);
  assert.match(r.body.error, /reviewed this application/);
  assert.equal(sql(db, `SELECT status FROM account_applications WHERE id = ${a}`), 'forwarded');
  sql(db, `DELETE FROM user_roles WHERE user_id = ${uid(db, 'bursar@demo.school')} AND role = 'moderator'`);

  // The business manager applies; the moderator forwards; the applicant cannot decide.
  const b = await apply(bursar, { name: 'office_news', lead: 'bursar@demo.school' });
  await forward(b);
  r = await bursar.post(`/accounts/applications/${b}/decision`, { decision: 'approve' });
  assert.equal(r.status, 403);
  assert.match(r.body.error, /You applied/);
  // The only business manager applied: the headteacher decides it and is told.
  const head = await s.login('head@demo.school');
  assert.ok((await head.get('/')).body.notifications.some((n) => n.link === `/accounts/applications/${b}`),
    'the headteacher is told');
  assert.equal((await head.get(`/accounts/applications/${b}`)).body.decider, 'headteacher');
  assert.ok((await head.get('/')).body.tasks.some((t) => t.kind === 'account_decision'));

  // A teacher names the business manager as the lead: the business manager
  // does not decide it (separation of duties covers the lead as well).
  const c = await apply(ta, { name: 'office_updates', lead: 'bursar@demo.school' });
  await forward(c);
  r = await bursar.post(`/accounts/applications/${c}/decision`, { decision: 'approve' });
  assert.equal(r.status, 403);
  assert.match(r.body.error, /named as the account's lead/);
  assert.equal(sql(db, `SELECT status FROM account_applications WHERE id = ${c}`), 'forwarded');
  r = await head.post(`/accounts/applications/${c}/decision`, { decision: 'reject', reason: 'One office account is enough.' });
  assert.equal(r.status, 200, r.text);

  // The moderator cannot decide; nor can a member of staff who cannot see it (404).
  const mod = await s.login('moderator@demo.school');
  r = await mod.post(`/accounts/applications/${a}/decision`, { decision: 'approve' });
  assert.equal(r.status, 403);
  r = await (await s.login('volunteer@demo.school')).post(`/accounts/applications/${a}/decision`, { decision: 'approve' });
  assert.equal(r.status, 404);

  // With the setting on slt, the business manager is refused and a deputy decides.
  sql(db, `UPDATE settings SET value = 'slt' WHERE key = 'account_decider'`);
  r = await bursar.post(`/accounts/applications/${a}/decision`, { decision: 'approve' });
  assert.equal(r.status, 403);
  const deputy = await s.login('deputy@demo.school');
  r = await deputy.post(`/accounts/applications/${b}/decision`, { decision: 'approve' });
  assert.equal(r.status, 200, r.text);
  r = await deputy.post(`/accounts/applications/${a}/decision`, { decision: 'approve' });
  assert.equal(r.status, 200, r.text);
  sql(db, `UPDATE settings SET value = 'business_manager' WHERE key = 'account_decider'`);
});

test('a lead whom no agreement covers has signed none, and fails the check until one is published', async () => {
  const db = s.db;
  const kept = sql(db, `SELECT group_concat(id || ':' || applies_to, ';') FROM policies`);
  // The school's agreements were written for its employed staff only.
  sql(db, `UPDATE policies SET applies_to = 'teacher,support,supply'`);
  try {
    train(db, 'volunteer@demo.school');
    const teacher = await s.login('teacher@demo.school');
    const id = await apply(teacher, { name: 'friends_news', lead: 'volunteer@demo.school', department: 'Friends' });
    const page = await teacher.get(`/accounts/applications/${id}`);
    const aup = page.body.checks.find((c) => c.name === 'lead_signed_aup');
    assert.equal(aup.ok, false, 'nothing unsigned is not the same as signed');
    assert.match(aup.detail, /No current agreement applies to them/);
    await forward(id);
    const bursar = await s.login('bursar@demo.school');
    let r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
    assert.equal(r.status, 409);
    assert.deepEqual(r.body.checks.map((c) => c.name), ['lead_signed_aup']);
    assert.equal(count(db, 'social_accounts', `name = 'friends_news'`), 0);
    // Once an agreement for volunteers is published and signed, the lead passes.
    addPolicy(db, 'Volunteers agreement');
    signAll(db, 'volunteer@demo.school');
    const again = await teacher.get(`/accounts/applications/${id}`);
    assert.equal(again.body.checks.find((c) => c.name === 'lead_signed_aup').ok, true);
    r = await bursar.post(`/accounts/applications/${id}/decision`, { decision: 'reject', reason: 'Not now.' });
    assert.equal(r.status, 200, r.text);
  } finally {
    for (const row of kept.split(';')) {
      const [pid, applies] = [row.slice(0, row.indexOf(':')), row.slice(row.indexOf(':') + 1)];
      sql(db, `UPDATE policies SET applies_to = '${applies}' WHERE id = ${pid}`);
    }
  }
});

test('the senior leadership team, the headteacher among them, receive a completed application, with a link to it', async () => {
  const teacher = await s.login('teacher@demo.school');
  const id = await apply(teacher, { name: 'pe_fixtures', department: 'PE' });
  for (const who of ['deputy', 'dsl', 'head', 'moderator']) {
    const home = (await (await s.login(`${who}@demo.school`)).get('/')).body;
    const told = home.notifications.filter((n) => n.link === `/accounts/applications/${id}`);
    assert.equal(told.length, 1, `${who} told once`);
    assert.match(told[0].message, /applied for the Instagram account 'pe_fixtures'/);
  }
  const slt = await s.login('deputy@demo.school');
  assert.equal((await slt.get(`/accounts/applications/${id}`)).status, 200, 'the link opens for SLT');
  const r = await (await s.login('moderator@demo.school')).post(`/accounts/applications/${id}/review`,
    { decision: 'return', comment: 'Say who checks it at weekends.' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await teacher.post(`/accounts/applications/${id}`, application({ name: 'pe_fixtures', department: 'PE' }))).status, 200);
  const again = (await slt.get('/')).body.notifications.filter((n) => n.link === `/accounts/applications/${id}`);
  assert.ok(again.some((n) => /resubmitted/.test(n.message)), 'a resubmission is received too');
  assert.equal((await teacher.post(`/accounts/applications/${id}/withdraw`)).status, 200);
});

test('bad input is refused with a clear message and changes nothing', async () => {
  const db = s.db;
  const teacher = await s.login('teacher@demo.school');
  const before = count(db, 'account_applications');
  const cases = [
    [{ aim: '' }, 400, 'aim'],
    [{ lead: 'nobody@demo.school' }, 400, 'lead'],
    [{ platform: 'myspace' }, 400, 'platform'],
    [{ platform: 'other' }, 400, 'platform_other'],
    [{ visibility: 'secret' }, 400, 'visibility'],
  ];
  for (const [over, status, field] of cases) {
    const r = await teacher.post('/accounts/applications', application(over));
    assert.equal(r.status, status, JSON.stringify(over));
    assert.equal(r.body.field, field);
    assert.ok(r.body.error.length > 10);
  }
  sql(db, `UPDATE users SET active = 0 WHERE email = 'volunteer@demo.school'`);
  let r = await teacher.post('/accounts/applications', application({ lead: 'volunteer@demo.school' }));
  assert.equal(r.status, 400);
  assert.match(r.body.error, /has left/);
  sql(db, `UPDATE users SET active = 1 WHERE email = 'volunteer@demo.school'`);
  assert.equal(count(db, 'account_applications'), before);

  // "Other" with a name for it is accepted and shown as such.
  const id = await apply(teacher, { platform: 'other', platform_other: 'Mastodon', name: 'pe_toots' });
  const page = await teacher.get(`/accounts/applications/${id}`);
  assert.equal(page.body.application.platform_label, 'Other: Mastodon');

  // A browser sees the form again, with the message and what was typed.
  r = await teacher.request('POST', '/accounts/applications', { json: false, form: application({ lead: 'nobody@demo.school', name: 'kept<name>' }) });
  assert.equal(r.status, 400);
  assert.match(r.text, /There is a problem/);
  assert.match(r.text, /value="kept&lt;name&gt;"/);

  // Review: only moderators; a return needs a comment; a second review is refused.
  r = await teacher.post(`/accounts/applications/${id}/review`, { decision: 'forward' });
  assert.equal(r.status, 403);
  const mod = await s.login('moderator@demo.school');
  r = await mod.post(`/accounts/applications/${id}/review`, { decision: 'return' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'comment');
  r = await mod.post(`/accounts/applications/${id}/review`, { decision: 'maybe' });
  assert.equal(r.status, 400);
  assert.equal(sql(db, `SELECT status FROM account_applications WHERE id = ${id}`), 'submitted');
  r = await mod.post(`/accounts/applications/${id}/decision`, { decision: 'approve' });
  assert.equal(r.status, 403);
  r = await mod.post('/accounts/applications/99999/review', { decision: 'forward' });
  assert.equal(r.status, 404);
  // A decision before the review: refused.
  r = await (await s.login('bursar@demo.school')).post(`/accounts/applications/${id}/decision`, { decision: 'reject', reason: 'x' });
  assert.equal(r.status, 409);
});

test('returned applications are edited and resubmitted; undecided ones can be withdrawn', async () => {
  const db = s.db;
  const teacher = await s.login('teacher@demo.school');
  const other = await s.login('science@demo.school');
  const id = await apply(teacher, { name: 'pe_fixtures' });
  let r = await teacher.post(`/accounts/applications/${id}`, application({ name: 'pe_fixtures_2' }));
  assert.equal(r.status, 409, 'not returned yet');
  const mod = await s.login('moderator@demo.school');
  r = await mod.post(`/accounts/applications/${id}/review`, { decision: 'return', comment: 'Say how comments are answered at weekends.' });
  assert.equal(r.status, 200);
  assert.equal(r.body.application.status, 'returned');
  const home = await teacher.get('/');
  assert.ok(home.body.tasks.some((t) => t.kind === 'account_returned'));
  r = await other.post(`/accounts/applications/${id}`, application({ name: 'stolen' }));
  assert.equal(r.status, 404);
  const edit = await teacher.page(`/accounts/applications/${id}/edit`);
  assert.match(edit.text, /value="pe_fixtures"/);
  r = await teacher.post(`/accounts/applications/${id}`, application({ name: 'pe_fixtures_2', monitoring: 'Daily, weekends too.' }));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.application.status, 'submitted');
  assert.equal(sql(db, `SELECT name || '|' || status FROM account_applications WHERE id = ${id}`), 'pe_fixtures_2|submitted');
  r = await other.post(`/accounts/applications/${id}/withdraw`);
  assert.equal(r.status, 404);
  r = await teacher.post(`/accounts/applications/${id}/withdraw`);
  assert.equal(r.status, 200);
  assert.equal(r.body.application.status, 'withdrawn');
  r = await teacher.post(`/accounts/applications/${id}/withdraw`);
  assert.equal(r.status, 409);
  const steps = sql(db, `SELECT group_concat(step, ',') FROM approvals WHERE application_id = ${id}`);
  assert.equal(steps, 'submit,review,resubmit,withdraw');
  assert.equal(auditRows(db, 'account.withdraw').filter((a) => a.includes(`/applications/${id}|`)).length, 1);
});

test('who sees what: the register and applications', async () => {
  const volunteer = await s.login('volunteer@demo.school');
  const reg = await volunteer.get('/accounts');
  assert.equal(reg.status, 200);
  assert.deepEqual(reg.body.accounts, []);
  assert.equal((await volunteer.get('/accounts/1')).status, 404);
  assert.equal((await volunteer.get('/accounts/applications/1')).status, 404);
  assert.equal((await volunteer.get('/accounts/new')).status, 403);
  const science = await s.login('science@demo.school');
  const own = await science.get('/accounts');
  assert.ok(own.body.accounts.every((a) => a.lead === 'science@demo.school'));
  assert.ok(own.body.accounts.length >= 1);
  for (const who of ['moderator', 'deputy', 'bursar', 'head']) {
    const c = await s.login(`${who}@demo.school`);
    const all = await c.get('/accounts');
    assert.ok(all.body.accounts.length >= 2, who);
    assert.equal((await c.page('/accounts')).status, 200);
  }
  const html = await (await s.login('moderator@demo.school')).page('/accounts');
  assert.match(html.text, /<caption>/);
  assert.match(html.text, /Monitoring overdue/);
  assert.match(html.text, /href="\/accounts\/new"/);
});

// Every page of the feature, as a browser sees it: one h1, headings in
// order, a label for every field, and a CSRF token in every POST form.
function checkPage(html, where) {
  assert.equal((html.match(/<h1[\s>]/g) || []).length, 1, `${where}: one h1`);
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  for (let i = 1; i < levels.length; i++) assert.ok(levels[i] <= levels[i - 1] + 1, `${where}: heading order ${levels}`);
  const ids = [...html.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)].map((m) => m[1])
    .filter((attrs) => !/type="hidden"/.test(attrs)).map((attrs) => (attrs.match(/id="([^"]+)"/) || [])[1]);
  for (const id of ids) {
    assert.ok(id, `${where}: every field has an id`);
    assert.match(html, new RegExp(`<label[^>]*for="${id}"`), `${where}: label for ${id}`);
  }
  const allIds = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(allIds).size, allIds.length, `${where}: ids are unique`);
  const forms = html.match(/<form[^>]*method="post"[\s\S]*?<\/form>/g) || [];
  for (const f of forms) assert.match(f, /name="csrf"/, `${where}: csrf in every form`);
  assert.doesNotMatch(html, /<script/i);
}

test('every page is reachable, labelled and in heading order', async () => {
  const mod = await s.login('moderator@demo.school');
  const pages = ['/accounts', '/accounts/new', '/accounts/apply', '/accounts/applications', '/accounts/applications/1',
    '/accounts/applications/2', '/accounts/1', '/accounts/2'];
  for (const p of pages) {
    const r = await mod.page(p);
    assert.equal(r.status, 200, p);
    checkPage(r.text, `moderator ${p}`);
  }
  const deputy = await s.login('deputy@demo.school');
  for (const p of ['/accounts/1', '/accounts/applications/1']) checkPage((await deputy.page(p)).text, `deputy ${p}`);
  const science = await s.login('science@demo.school');
  for (const p of ['/accounts', '/accounts/1', '/accounts/applications']) checkPage((await science.page(p)).text, `lead ${p}`);
  // The navigation links to the register, and the register to every page.
  const reg = await science.page('/accounts');
  assert.match(reg.text, /href="\/accounts\/apply"/);
  assert.match(reg.text, /href="\/accounts\/applications"/);
  assert.match(reg.text, /href="\/accounts\/1"/);
  const rev = await mod.page('/accounts/applications/2');
  assert.match(rev.text, /action="\/accounts\/applications\/2\/review"/);
});

test('the applications list shows fifty at a time, newest first, to overseers and to applicants alike', async () => {
  const own = await startServer();
  try {
    const teacher = uid(own.db, 'teacher@demo.school'), science = uid(own.db, 'science@demo.school');
    // 60 by the teacher and 5 by the science teacher, the teacher lead of none of theirs.
    sql(own.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 65)
      INSERT INTO account_applications(applicant_id, platform, name, department, aim, audience, promotion,
        lead_id, visibility, monitoring, created_at, updated_at)
      SELECT CASE WHEN i % 13 = 0 THEN ${science} ELSE ${teacher} END, 'x', 'Paged ' || i, 'Maths', 'a', 'b', 'c',
        CASE WHEN i % 13 = 0 THEN ${science} ELSE ${teacher} END, 'open', 'd',
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n`);
    const ids = (where) => sql(own.db, `SELECT id FROM account_applications ${where} ORDER BY id DESC`)
      .split('\n').filter(Boolean).map(Number);
    const pages = async (client, path) => {
      const one = (await client.get(path)).body, two = (await client.get(`${path}?page=2`)).body;
      assert.deepEqual([one.page, one.next_page, one.prev_page, two.page, two.next_page, two.prev_page],
        [1, 2, undefined, 2, undefined, 1]);
      assert.equal(one.applications.length, 50);
      return [...one.applications, ...two.applications].map((a) => a.id);
    };
    const moderator = await own.login('moderator@demo.school');
    assert.deepEqual(await pages(moderator, '/accounts/applications'), ids(''));
    const t = await own.login('teacher@demo.school');
    assert.deepEqual(await pages(t, '/accounts/applications'), ids(`WHERE applicant_id = ${teacher} OR lead_id = ${teacher}`));
    const html = (await moderator.page('/accounts/applications?page=2')).text;
    assert.match(html, /<nav class="pagination" aria-label="Pages"><a href="\/accounts\/applications\?page=1">Previous page<\/a> <\/nav>/);
    const bad = await moderator.get('/accounts/applications?page=0');
    assert.equal(bad.status, 400);
  } finally {
    await own.stop();
  }
});
